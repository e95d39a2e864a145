"""Figures and notebook outputs in headless Chromium: the page keeps its height while images load.

Image responses are held back until the page has laid out; the article's height then and
after every image has arrived must be the same (to the pixel), which only holds if each <img> carries its
width and height.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import Site, open_tab
from test_theme_a11y import AXE, RUN_AXE, report

POST_IMAGE = re.compile(r"/posts/.+\.(?:png|webp|jpe?g|svg)$")
PAGES = ("/posts/activation-functions/", "/posts/positional-encoding/", "/posts/lr-warmup-cosine/")
SIZES = ({"width": 390, "height": 6000}, {"width": 1280, "height": 6000})  # tall: no lazy image stays unloaded


def heights(page: Any) -> list[float]:
    """The article's height, then each image's."""
    return page.evaluate(
        "() => [document.querySelector('article').getBoundingClientRect().height,"
        " ...[...document.querySelectorAll('.post-body img')].map(i => i.getBoundingClientRect().height)]"
    )


@pytest.mark.parametrize("viewport", SIZES, ids=["phone", "desktop"])
@pytest.mark.parametrize("path", PAGES)
def test_page_height_does_not_change_while_images_load(browser: Any, site: Site, path: str, viewport: dict) -> None:
    tab = open_tab(browser, viewport=viewport)
    page = tab.page
    held: list[Any] = []
    try:
        page.route(POST_IMAGE, lambda route: held.append(route))
        page.goto(site.url(path), wait_until="domcontentloaded")
        images = page.eval_on_selector_all(".post-body img", "all => all.length")
        assert images >= 1, f"{path} shows no image"
        page.wait_for_function("document.fonts.status === 'loaded'")
        for _ in range(50):
            if len(held) >= images:
                break
            page.wait_for_timeout(100)
        assert len(held) == images, f"only {len(held)} of {images} image requests were made"
        assert page.evaluate("[...document.querySelectorAll('.post-body img')].every(i => !i.complete)")
        before = heights(page)
        for route in held:
            route.continue_()
        page.wait_for_function(
            "[...document.querySelectorAll('.post-body img')].every(i => i.complete && i.naturalWidth > 0)"
        )
        after = heights(page)
        # A WebP variant's rounded height can move the aspect ratio by a fraction of a pixel.
        shifts = [abs(b - a) for b, a in zip(before, after, strict=True)]
        assert max(shifts) < 1, f"{path}: heights {before} while loading, {after} once loaded"
        assert all(h > 0 for h in after)
        assert not tab.console_errors and not tab.failed_requests
    finally:
        page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/posts/lr-warmup-cosine/", "/posts/activation-functions/"])
def test_notebook_and_figure_pages_have_no_serious_axe_violations(
    browser: Any, site: Site, path: str, scheme: str
) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core is missing (see tests/theme/conftest.py)")
    tab = open_tab(browser, viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        tab.page.goto(site.url(path), wait_until="load")
        tab.page.add_script_tag(path=str(AXE))
        found = tab.page.evaluate(RUN_AXE)
        assert found["theme"] == [], report(found["theme"])
    finally:
        tab.page.context.close()
