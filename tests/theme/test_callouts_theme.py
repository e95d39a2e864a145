"""Callouts and redirect pages in the browser: valid HTML, no serious axe violation in light
and dark, and screenshots of every callout kind for a person to look at."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ARTIFACTS, Site, build_and_serve, npm_file, open_tab
from test_theme_a11y import RUN_AXE, report

AXE = npm_file("axe-core", "axe.min.js")
VNU = npm_file("vnu-jar", "build/dist/vnu.jar")
POST = """---
title: 各种提示框
date: 2024-01-02
tags: [写作]
aliases: [/old/callouts/]
---
正文第一段，后面是每一种提示框。

> [!NOTE]
> 说明：这里有一个 [链接](/archives/) 和 `代码`。

> [!TIP]
> 提示：先在小数据上跑通。

> [!IMPORTANT]
> 重要：保存检查点。

> [!WARNING]
> 警告：显存可能不够。

> [!CAUTION]
> 当心：这会删除数据。

> Chirpy 的提示。
{: .prompt-info }

::: details 展开答案
答案是 42。
:::

::: quote 图灵, 《计算机器与智能》
机器能思考吗？
:::

> 普通引用。

:::: tab pip
pip install torch
::::
"""


@pytest.fixture(scope="module")
def callout_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("callouts")
    site = root / "site"  # the default theme, nothing overridden
    (site / "content" / "posts").mkdir(parents=True)
    (site / "site.toml").write_text('title = "提示框"\nsearch = false\n', encoding="utf-8")
    (site / "content" / "posts" / "callouts.md").write_text(POST, encoding="utf-8")
    command = [sys.executable, "-m", "generator", "build", "-s", str(site)]
    with build_and_serve(command, root / "public", "the callout site") as served:
        yield served


def test_callout_and_redirect_pages_pass_the_nu_html_checker(callout_site: Site) -> None:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.skip("java or vnu.jar is missing")
    pages = [callout_site.root / "posts/callouts/index.html", callout_site.root / "old/callouts/index.html"]
    done = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=90,
    )
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    problems = [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages if m.get("type") == "error"]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_callouts_have_no_serious_axe_violations(browser: Any, callout_site: Site, scheme: str) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core is missing")
    tab = open_tab(browser, viewport={"width": 800, "height": 900}, color_scheme=scheme)
    try:
        page = tab.page
        page.goto(callout_site.url("/posts/callouts/"), wait_until="load")
        assert page.locator(".callout").count() == 6
        assert page.locator('.callout[role="note"] .callout-title').all_inner_texts() == [
            "说明",
            "提示",
            "重要",
            "警告",
            "当心",
            "说明",
        ]
        page.add_script_tag(path=str(AXE))
        found = page.evaluate(RUN_AXE)
        assert found["theme"] == [], report(found["theme"])
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        target = ARTIFACTS / f"callouts-{scheme}.png"
        page.locator(".post-body").screenshot(path=str(target), timeout=15_000)
        assert target.stat().st_size > 0
        assert tab.console_errors == []
    finally:
        page.context.close()


def test_the_redirect_page_lands_on_the_post(browser: Any, callout_site: Site) -> None:
    tab = open_tab(browser)
    try:
        page = tab.page
        page.goto(callout_site.url("/old/callouts/"))
        page.wait_for_url(callout_site.url("/posts/callouts/"), timeout=10_000)
        assert page.title().startswith("各种提示框")
    finally:
        page.context.close()


def test_sitemap_leaves_the_old_path_out(callout_site: Site) -> None:
    sitemap = Path(callout_site.root / "sitemap.xml").read_text(encoding="utf-8")
    assert "/posts/callouts/</loc>" in sitemap and "/old/callouts/" not in sitemap
