"""Raw HTML a post leaves open, read by a real browser: the page's navigation and footer are
still elements of the page (not swallowed as a comment, script text or attributes), and the
post's own text after the construct is still in the post (issue 24, item 6)."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from generator.build.pipeline import BuildOptions, build
from tests.conftest import SITES

NOW = datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
LEFT_OPEN = {
    "comment": "<!-- 草稿",
    "script": "<script>var x = 1;",
    "style": "<style>p { color: red }",
    "textarea": "<textarea>",
    "title": "<title>标题",
    "bracket": '<div class="note',
    "stray": "</div></article></main>",
    "plaintext": "<plaintext>",
    "select": "<select><option>一",
}


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("open") / "site"
    shutil.copytree(SITES / "basic", site, ignore=shutil.ignore_patterns("expected"))
    for name, raw in LEFT_OPEN.items():
        text = f"---\ntitle: {name}\ndate: 2025-01-01\ntags: [a]\n---\n第一段。\n\n{raw}\n\n## 后来\n\n最后一段。\n"
        (site / f"content/posts/open-{name}.md").write_text(text, encoding="utf-8")
    build(BuildOptions(source=site, output=site / "public", now=NOW, use_cache=False, search_index=False))
    return site / "public"


@pytest.mark.parametrize("name", LEFT_OPEN)
def test_the_page_around_the_post_survives(browser: Any, public: Path, name: str) -> None:
    page = browser.new_page()
    try:
        page.set_content((public / f"posts/open-{name}/index.html").read_text(encoding="utf-8"))
        shape = page.evaluate(
            """() => ({
                footer: !!document.querySelector('body > footer'),
                neighbours: !!document.querySelector('main > nav.neighbours'),
                article: !!document.querySelector('main > article.post > div.body'),
                footerText: (document.querySelector('body > footer') || {}).textContent || '',
            })"""
        )
    finally:
        page.close()
    assert shape["footer"] and shape["neighbours"] and shape["article"], shape
    assert "页脚文字" in shape["footerText"]
