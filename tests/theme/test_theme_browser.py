"""The theme in headless Chromium: search in Chinese and English, MathML, copy buttons, no console
errors, no layout shift, nothing wider than the screen, and screenshots for a person to look at."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import ARTIFACTS, Site, Tab, long_post, open_tab

WIDTHS = (390, 1280)

# Layout shift as the browser measures it (shifts right after input do not count).
CLS_SCRIPT = """
() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) { if (!entry.hadRecentInput) total += entry.value; }
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve(total), 500);
})
"""


def search(tab: Tab, site: Site, query: str) -> list[str]:
    page = tab.page
    page.goto(site.url("/search/"))
    page.fill("#search-q", query)
    page.wait_for_selector("#search-results li h2 a", timeout=10_000)
    return page.eval_on_selector_all("#search-results li h2 a", "links => links.map(a => a.href)")


@pytest.mark.parametrize(
    ("query", "expected"),
    [("低秩", "/posts/lora/"), ("对比学习", "/posts/clip/"), ("LoRA", "/posts/lora/")],
)
def test_search_finds_the_right_post(tab: Tab, site: Site, query: str, expected: str) -> None:
    hrefs = search(tab, site, query)
    assert site.url(expected) in hrefs[:3], f"{query!r} gave {hrefs}"
    assert tab.page.input_value("#search-q") == query
    assert tab.console_errors == []


def test_header_search_box_lands_on_results(tab: Tab, site: Site) -> None:
    page = tab.page
    page.goto(site.url("/"))
    page.fill("#site-search-q", "低秩")
    page.press("#site-search-q", "Enter")
    page.wait_for_url("**/search/?q=*")
    page.wait_for_selector("#search-results li h2 a")
    assert page.input_value("#search-q") == "低秩"
    hrefs = page.eval_on_selector_all("#search-results li h2 a", "links => links.map(a => a.href)")
    assert site.url("/posts/lora/") in hrefs


def test_slash_or_ctrl_k_opens_search_over_any_page_with_results_while_typing(tab: Tab, site: Site) -> None:
    page = tab.page
    page.goto(site.url("/posts/lora/"))
    page.keyboard.press("/")
    page.keyboard.type("低秩")  # no Enter: the results come while typing
    page.wait_for_selector(".search-dialog .search-results li h2 a")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    assert first and "/posts/" in first
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "search-overlay-q"
    page.keyboard.press("Escape")
    assert not page.evaluate("document.querySelector('.search-dialog').open")
    page.keyboard.press("Control+k")
    assert page.evaluate("document.querySelector('.search-dialog').open")
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(first)
    page.goto(site.url("/"))
    page.keyboard.press("/")
    page.keyboard.type("LoRA")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # Enter in the box opens the search page, a link to these results
    assert "/search/?q=LoRA" in page.url


def test_a_page_fetches_search_js_only_when_the_reader_opens_search(tab: Tab, site: Site) -> None:
    """search.js is a fifth of the index page's bytes: it comes with "/" or Ctrl-K, and what is typed
    while it arrives is searched (the overlay test above types at once too)."""
    page = tab.page
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site.url("/"), wait_until="load")
    assert not [url for url in fetched if url.endswith("/js/search.js")]
    page.keyboard.press("Control+k")
    page.keyboard.type("LoRA")
    page.wait_for_selector(".search-dialog .search-results li h2 a")
    assert len([url for url in fetched if url.endswith("/js/search.js")]) == 1
    assert page.input_value("#search-overlay-q") == "LoRA"


def test_search_says_when_nothing_matches(tab: Tab, site: Site) -> None:
    page = tab.page
    page.goto(site.url("/search/?q=蛋白质折叠"))
    page.wait_for_selector("#search-status:has-text('没有找到')")
    assert page.query_selector_all("#search-results li") == []


def test_formulas_render_as_mathml_with_a_size(tab: Tab, site: Site) -> None:
    page = tab.page
    page.goto(site.url("/posts/lora/"))
    sizes = page.eval_on_selector_all(
        ".math math",
        "nodes => nodes.map(n => { const r = n.getBoundingClientRect(); return [r.width, r.height]; })",
    )
    assert sizes, "the post has no MathML"
    assert all(w > 0 and h > 0 for w, h in sizes), sizes
    assert page.evaluate("() => document.querySelector('math') instanceof MathMLElement")


@pytest.mark.parametrize("path", ["/", "/posts/lora/", "/search/?q=LoRA", "/tags/", "/404.html"])
def test_no_console_errors_and_no_failed_requests(tab: Tab, site: Site, path: str) -> None:
    tab.page.goto(site.url(path), wait_until="networkidle")
    if path.startswith("/search/"):
        tab.page.wait_for_selector("#search-results li")
    assert tab.console_errors == []
    assert tab.failed_requests == []


def test_copy_button_copies_the_code(browser: Any, site: Site) -> None:
    tab = open_tab(browser, permissions=["clipboard-read", "clipboard-write"])
    try:
        page = tab.page
        page.goto(site.url("/posts/lora/"))
        button = page.wait_for_selector(".highlight .copy-code")
        button.click()
        page.wait_for_selector(".copy-code:has-text('已复制')")
        copied = page.evaluate("() => navigator.clipboard.readText()")
        code = page.eval_on_selector(".highlight pre", "pre => pre.innerText")
        assert copied.strip() == code.strip()
        assert copied.strip()
    finally:
        tab.page.context.close()


def test_without_javascript_there_is_no_copy_button(browser: Any, site: Site) -> None:
    tab = open_tab(browser, java_script_enabled=False)
    try:
        tab.page.goto(site.url("/posts/lora/"))
        assert tab.page.query_selector(".highlight") is not None
        assert tab.page.query_selector(".copy-code") is None
    finally:
        tab.page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["/", "long post", "/search/?q=LoRA"])
def test_layout_is_stable_and_fits_the_screen(browser: Any, site: Site, width: int, path: str) -> None:
    path = long_post(site) if path == "long post" else path
    tab = open_tab(browser, viewport={"width": width, "height": 800})
    try:
        page = tab.page
        page.goto(site.url(path), wait_until="load")
        if path.startswith("/search/"):
            page.wait_for_selector("#search-results li")
        shift = page.evaluate(CLS_SCRIPT)
        assert shift < 0.01, f"layout shift {shift:.3f} on {path} at {width}px"
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than a {width}px screen"
    finally:
        tab.page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots(browser: Any, site: Site, width: int, scheme: str) -> None:
    """Written to tests/artifacts/screenshots/ for a person to look at; the test only checks they exist."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab = open_tab(browser, viewport={"width": width, "height": 900}, color_scheme=scheme, device_scale_factor=1)
    try:
        page = tab.page
        for name, path in (("index", "/"), ("post", long_post(site)), ("search", "/search/?q=低秩")):
            page.goto(site.url(path), wait_until="load")
            if name == "search":
                page.wait_for_selector("#search-results li")
            target = ARTIFACTS / f"{name}-{width}-{scheme}.png"
            page.screenshot(path=str(target), full_page=True, timeout=15_000)
            assert target.stat().st_size > 10_000
        assert tab.console_errors == []
    finally:
        tab.page.context.close()


def test_contents_follow_the_reader(tab: Tab, site: Site) -> None:
    page = tab.page
    page.goto(site.url("/posts/lora/"))
    links = page.eval_on_selector_all(".toc a", "links => links.map(a => a.getAttribute('href'))")
    assert len(links) >= 3
    target = links[2]
    page.evaluate("id => document.getElementById(id).scrollIntoView()", target[1:])
    page.wait_for_selector(f".toc a[aria-current='location'][href='{target}']")
    assert page.evaluate("() => location.hash") == ""  # reading moves nothing but the marker
