"""An English blog (tests/sites/english, language = "en-GB") gets an English interface: navigation,
headings, dates, pager, search, 404, the copy button and the search page's messages; one string
replaced in site.toml. Screenshots at 390 and 1280 px, light and dark, for a person to look at."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ARTIFACTS, REPO, Site, build_and_serve, open_tab

HAN = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]")


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    output = tmp_path_factory.mktemp("english") / "public"
    command = [sys.executable, "-m", "generator", "build", "-s", str(REPO / "tests" / "sites" / "english")]
    with build_and_serve(command, output, "the English fixture", REPO) as served:
        yield served


def page_text(site: Site, path: str) -> str:
    return (site.root / path).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "page/2/index.html",
        "posts/lora-in-practice/index.html",
        "tags/index.html",
        "tags/training/index.html",
        "archives/index.html",
        "search/index.html",
        "404.html",
    ],
)
def test_no_chinese_word_is_left_in_the_interface(english: Site, path: str) -> None:
    html = page_text(english, path)
    assert '<html lang="en-GB">' in html
    assert HAN.findall(html) == [], f"{path} still says {sorted(set(HAN.findall(html)))}"


def test_english_words_and_dates(english: Site) -> None:
    post = page_text(english, "posts/lora-in-practice/index.html")
    assert ">Home</a>" in post  # [strings] nav_home = "Home" in site.toml
    assert ">Archives</a>" in post and ">Tags</a>" in post
    assert 'Published <time datetime="2025-09-04T10:00:00+01:00">Sep 4, 2025</time>' in post
    assert "Updated <time" in post and "Sep 20, 2025" in post
    assert re.search(r"\d+ words · \d+ min read", post)
    assert "<summary>Contents</summary>" in post
    assert 'aria-label="Link to this section"' in post
    assert "[table]" in page_text(english, "index.html")  # the excerpt's placeholders are English too
    index = page_text(english, "index.html")
    assert "Latest posts" in index and "Next →" in index
    tag = page_text(english, "tags/training/index.html")
    assert "Tag: training" in tag and "2 posts" in tag
    assert "<title>Page not found · Models and Code</title>" in page_text(english, "404.html")


def test_the_scripts_speak_english(browser: Any, english: Site) -> None:
    tab = open_tab(browser, viewport={"width": 1280, "height": 900})
    try:
        page = tab.page
        page.goto(english.url("/posts/lora-in-practice/"))
        button = page.wait_for_selector(".highlight .copy-code")
        assert button.inner_text() == "Copy"
        assert button.get_attribute("aria-label") == "Copy python code"
        assert page.inner_text(".theme-toggle .theme-name") == "Auto"
        page.goto(english.url("/search/?q=zzzzqqq"))
        page.wait_for_selector("#search-status:has-text('Nothing found')")
        page.goto(english.url("/search/?q=LoRA"))
        page.wait_for_selector("#search-status:has-text('found')")
        assert tab.console_errors == []
    finally:
        tab.page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_of_the_english_sample(browser: Any, english: Site, width: int, scheme: str) -> None:
    """Written to tests/artifacts/screenshots/ for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab = open_tab(browser, viewport={"width": width, "height": 900}, color_scheme=scheme, device_scale_factor=1)
    try:
        for name, path in (("english-post", "/posts/lora-in-practice/"), ("english-index", "/")):
            tab.page.goto(english.url(path), wait_until="load")
            target: Path = ARTIFACTS / f"{name}-{width}-{scheme}.png"
            tab.page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 10_000
        assert tab.console_errors == []
    finally:
        tab.page.context.close()


def test_numbered_lines_are_shown_but_not_copied(browser: Any, english: Site) -> None:
    tab = open_tab(browser, permissions=["clipboard-read", "clipboard-write"], viewport={"width": 390, "height": 900})
    try:
        page = tab.page
        page.goto(english.url("/posts/lora-in-practice/"))
        numbers = page.eval_on_selector_all(".highlight .line-no", "spans => spans.map(s => s.textContent.trim())")
        assert numbers == [str(n) for n in range(1, 7)]
        page.click(".highlight .copy-code")
        page.wait_for_selector(".copy-code:has-text('Copied')")
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied.splitlines()[0] == "import torch.nn as nn"
        assert len(copied.splitlines()) == 6
    finally:
        tab.page.context.close()
