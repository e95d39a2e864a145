"""The reader on a phone (390 px): nothing is cut off or pushes the page sideways; wide formulas,
code and notebook output scroll in their own box, show a shade where there is more, and keep their
equation numbers reachable; the copy button sits in a header bar above the code, never on it. Also
the light/dark/auto switch (remembered, no flash) and the back-to-top link."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Site, open_tab

PHONE = {"width": 390, "height": 844}
POSTS = ["/posts/attention-scaling/", "/posts/lora/", "/posts/lr-warmup-cosine/", "/posts/mixed-precision/"]

# Elements whose right edge passes the screen's, unless a box that clips or scrolls contains them.
STICKING_OUT = """
() => {
  const width = document.documentElement.clientWidth;
  const clipped = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const overflow = getComputedStyle(up).overflowX;
      if (overflow !== "visible") return up.getBoundingClientRect().right <= width + 0.5;
    }
    return false;
  };
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5 || clipped(el)) continue;
    if (getComputedStyle(el).position === "fixed") continue;
    out.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(box.right)}`);
  }
  return out.slice(0, 10);
}
"""

# Each display formula: scroll its box to the end; its last cell (the equation number, when there is
# one) must then lie inside the box, and the box inside the screen.
FORMULA_ENDS = """
() => [...document.querySelectorAll(".math-display")].map((box) => {
  box.scrollLeft = box.scrollWidth;
  const outer = box.getBoundingClientRect();
  const rows = [...box.querySelectorAll("mtr")];
  const cells = rows.length ? rows.map((r) => r.lastElementChild).filter(Boolean) : [box.querySelector("math")];
  const right = Math.max(...cells.map((c) => c.getBoundingClientRect().right));
  const tag = box.querySelector("mtd[id]")?.textContent || "";
  const result = { tag, wide: box.scrollWidth > box.clientWidth + 1, boxRight: outer.right,
                   lastRight: right, screen: document.documentElement.clientWidth };
  box.scrollLeft = 0;
  return result;
})
"""

# Where each copy button and the text of its code block are: they must not meet.
COPY_AND_CODE = """
() => [...document.querySelectorAll(".highlight")].filter((b) => b.querySelector(".copy-code")).map((block) => {
  const button = block.querySelector(".copy-code").getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(block.querySelector("pre code") || block.querySelector("pre"));
  const hits = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0 &&
    r.left < button.right && r.right > button.left && r.top < button.bottom && r.bottom > button.top);
  return hits.length;
})
"""


def phone_tab(browser: Any, **options: Any) -> Any:
    return open_tab(browser, viewport=PHONE, device_scale_factor=1, **options)


@pytest.mark.parametrize("path", ["/", *POSTS, "/tags/", "/archives/", "/404.html"])
def test_nothing_sticks_out_at_390_px(browser: Any, site: Site, path: str) -> None:
    tab = phone_tab(browser)
    try:
        tab.page.goto(site.url(path), wait_until="load")
        tab.page.evaluate("document.fonts.ready")
        assert tab.page.evaluate(STICKING_OUT) == []
        overflow = tab.page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
    finally:
        tab.page.context.close()


@pytest.mark.parametrize("path", ["/posts/attention-scaling/", "/posts/lora/"])
def test_every_display_formula_can_be_scrolled_to_its_end(browser: Any, site: Site, path: str) -> None:
    tab = phone_tab(browser)
    try:
        tab.page.goto(site.url(path), wait_until="load")
        tab.page.evaluate("document.fonts.ready")
        formulas = tab.page.evaluate(FORMULA_ENDS)
        assert formulas
        assert any(f["wide"] for f in formulas), "no formula is wider than a phone: the test would prove nothing"
        for formula in formulas:
            assert formula["boxRight"] <= formula["screen"] + 0.5, formula
            assert formula["lastRight"] <= formula["boxRight"] + 1, formula
        if path == "/posts/attention-scaling/":
            assert len([f for f in formulas if f["tag"]]) >= 6  # its numbers (1)...(6) are checked too
    finally:
        tab.page.context.close()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", ["/posts/attention-scaling/", "/posts/lr-warmup-cosine/", "/posts/lora/"])
def test_the_copy_button_covers_no_code(browser: Any, site: Site, width: int, path: str) -> None:
    tab = open_tab(browser, viewport={"width": width, "height": 900})
    try:
        tab.page.goto(site.url(path), wait_until="load")
        overlaps = tab.page.evaluate(COPY_AND_CODE)
        assert overlaps, "no code block with a copy button"
        assert overlaps == [0] * len(overlaps)
        label = tab.page.eval_on_selector(".highlight[data-lang]", "b => getComputedStyle(b, '::before').content")
        assert label.strip('"') == tab.page.eval_on_selector(".highlight[data-lang]", "b => b.dataset.lang")
    finally:
        tab.page.context.close()


def test_a_box_that_scrolls_shows_a_shade_at_its_edge(browser: Any, site: Site) -> None:
    tab = phone_tab(browser)
    try:
        tab.page.goto(site.url("/posts/attention-scaling/"), wait_until="load")
        tab.page.evaluate("document.fonts.ready")
        backgrounds = tab.page.eval_on_selector_all(
            ".math-display, .highlight pre",
            "boxes => boxes.filter(b => b.scrollWidth > b.clientWidth + 1).map(b => getComputedStyle(b).backgroundAttachment)",
        )
        assert backgrounds, "nothing scrolls at 390 px"
        assert all("local" in b and "scroll" in b for b in backgrounds), backgrounds
    finally:
        tab.page.context.close()


def background(page: Any) -> str:
    return page.evaluate("() => getComputedStyle(document.body).backgroundColor")


def test_the_theme_switch_is_remembered_without_a_flash(browser: Any, site: Site) -> None:
    tab = open_tab(browser, viewport={"width": 1280, "height": 900}, color_scheme="light")
    try:
        page = tab.page
        page.goto(site.url("/posts/lora/"))
        light = background(page)
        button = page.wait_for_selector(".theme-toggle")
        assert button.inner_text().strip().endswith("自动")
        button.click()  # auto -> light
        button.click()  # light -> dark
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        dark = background(page)
        assert dark != light
        # The next page is dark before any script but the inline one runs: block theme.js to be sure.
        page.route("**/js/theme.js", lambda route: route.abort())
        page.goto(site.url("/"))
        assert background(page) == dark
        assert page.eval_on_selector(".highlight, body", "e => e.isConnected")
        page.unroute("**/js/theme.js")
        page.goto(site.url("/"))
        page.click(".theme-toggle")  # dark -> auto: the system's light again
        assert page.evaluate("localStorage.getItem('theme')") is None
        assert background(page) == light
    finally:
        tab.page.context.close()


def test_code_colours_follow_the_switch(browser: Any, site: Site) -> None:
    tab = open_tab(browser, viewport={"width": 1280, "height": 900}, color_scheme="dark")
    try:
        page = tab.page
        page.goto(site.url("/posts/lora/"))
        keyword = ".highlight .k, .highlight .kn"
        dark = page.eval_on_selector(keyword, "k => getComputedStyle(k).color")
        page.evaluate("document.documentElement.dataset.theme = 'light'")
        light = page.eval_on_selector(keyword, "k => getComputedStyle(k).color")
        assert dark != light
    finally:
        tab.page.context.close()


def test_without_javascript_the_switch_is_hidden_and_back_to_top_is_a_link(browser: Any, site: Site) -> None:
    tab = open_tab(browser, java_script_enabled=False, viewport=PHONE)
    try:
        page = tab.page
        page.goto(site.url("/posts/lora/"))
        assert not page.is_visible(".theme-toggle")
        assert page.is_visible(".back-to-top")
        assert page.get_attribute(".back-to-top", "href") == "#top"
    finally:
        tab.page.context.close()


def test_back_to_top_shows_after_a_screen_and_goes_up(browser: Any, site: Site) -> None:
    tab = phone_tab(browser)
    try:
        page = tab.page
        page.goto(site.url("/posts/attention-scaling/"))
        assert not page.is_visible(".back-to-top")
        page.evaluate("window.scrollTo(0, 2 * window.innerHeight)")
        page.wait_for_selector(".back-to-top.shown")
        page.click(".back-to-top")
        page.wait_for_function("window.scrollY === 0")
        assert "#" not in page.url
    finally:
        tab.page.context.close()


def test_pages_without_code_or_formulas_fetch_neither_code_colours_nor_the_math_font(browser: Any, site: Site) -> None:
    tab = phone_tab(browser)
    fetched: list[tuple[str, int]] = []

    def size(url: str) -> int:
        return (site.root / url.removeprefix(site.base)).stat().st_size

    try:
        page = tab.page
        page.on("requestfinished", lambda r: fetched.append((r.url, size(r.url) if r.url.endswith(".woff2") else 0)))
        page.goto(site.url("/tags/"), wait_until="networkidle")
        assert not [u for u, _ in fetched if "syntax.css" in u or ".woff2" in u]
        fetched.clear()
        page.goto(site.url("/"), wait_until="networkidle")
        fonts = [(u, n) for u, n in fetched if u.endswith(".woff2")]
        assert not [u for u, _ in fetched if "syntax.css" in u]
        assert fonts, "the index shows inline formulas: some of the math font should load"
        assert sum(n for _, n in fonts) < 100_000, fonts
    finally:
        tab.page.context.close()


def test_a_phone_shows_four_lines_of_each_excerpt_and_the_html_keeps_all(browser: Any, site: Site) -> None:
    tab = phone_tab(browser)
    try:
        page = tab.page
        page.goto(site.url("/"), wait_until="load")
        excerpts = page.eval_on_selector_all(
            ".entry-excerpt",
            """ps => ps.map(p => ({ height: p.getBoundingClientRect().height,
                                  line: parseFloat(getComputedStyle(p).lineHeight),
                                  full: p.scrollHeight, chars: p.textContent.length }))""",
        )
        assert len(excerpts) >= 10
        assert all(e["height"] <= 4 * e["line"] + 1 for e in excerpts), excerpts
        assert any(e["full"] > e["height"] + 1 and e["chars"] > 200 for e in excerpts), "no excerpt was clamped"
        assert page.evaluate("document.documentElement.scrollHeight") < 6000
    finally:
        tab.page.context.close()


def test_a_picture_opens_at_full_size_and_esc_puts_it_away(browser: Any, site: Site) -> None:
    tab = phone_tab(browser)
    try:
        page = tab.page
        page.goto(site.url("/posts/lr-warmup-cosine/"), wait_until="load")
        picture = page.locator(".nb-output img").first
        picture.scroll_into_view_if_needed()
        page.wait_for_selector(".post-body img.zoomable")
        shown = picture.bounding_box()["width"]
        picture.focus()
        page.keyboard.press("Enter")
        page.wait_for_selector("dialog.zoom[open]")
        assert page.eval_on_selector("dialog.zoom img", "img => img.getBoundingClientRect().width") > shown
        assert page.evaluate("document.activeElement.className") == "zoom-close"
        page.keyboard.press("Escape")
        page.wait_for_selector("dialog.zoom:not([open])", state="attached")
        assert page.evaluate("document.activeElement.classList.contains('zoomable')")
        page.click(".post-body img.zoomable")  # and with the mouse; a click anywhere closes
        page.wait_for_selector("dialog.zoom[open]")
        page.mouse.click(5, 5)
        page.wait_for_selector("dialog.zoom:not([open])", state="attached")
    finally:
        tab.page.context.close()
