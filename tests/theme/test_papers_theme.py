"""Paper notes in the browser (tests/sites/papers): valid HTML, no serious axe violation in light and
dark, sidenotes in the right margin beside their reference on wide screens with the TOC moved to the
left, footnotes at the end on phones; screenshots for a person to look at."""

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
SITE = Path(__file__).resolve().parents[1] / "sites" / "papers"
PAGES = ("/posts/pandoc/", "/posts/latex/")


@pytest.fixture(scope="module")
def papers_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("papers-theme")
    shutil.copytree(SITE, root / "site", ignore=shutil.ignore_patterns("expected"))
    command = [sys.executable, "-m", "generator", "build", "-s", str(root / "site")]
    with build_and_serve(command, root / "public", "the paper-notes site") as served:
        yield served


def test_paper_pages_pass_the_nu_html_checker(papers_site: Site) -> None:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.skip("java or vnu.jar is missing")
    pages = [str(papers_site.root / page.strip("/") / "index.html") for page in PAGES]
    done = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=90,
    )
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    problems = [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages if m.get("type") == "error"]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize(("scheme", "width"), [("light", 1280), ("dark", 1280), ("light", 390), ("dark", 390)])
def test_paper_pages_have_no_serious_axe_violations(browser: Any, papers_site: Site, scheme: str, width: int) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core is missing")
    tab = open_tab(browser, viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        page = tab.page
        for path in PAGES:
            page.goto(papers_site.url(path), wait_until="load")
            page.add_script_tag(path=str(AXE))
            found = page.evaluate(RUN_AXE)
            assert found["theme"] == [], f"{path}\n" + report(found["theme"])
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            target = ARTIFACTS / f"papers-{path.strip('/').split('/')[-1]}-{width}-{scheme}.png"
            page.screenshot(path=str(target), full_page=True, timeout=15_000)
        assert tab.console_errors == []
    finally:
        page.context.close()


def box(page: Any, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not shown"
    return dict(found)


@pytest.mark.parametrize("width", [1280, 1440])
def test_sidenotes_sit_in_the_right_margin_beside_their_reference(browser: Any, papers_site: Site, width: int) -> None:
    tab = open_tab(browser, viewport={"width": width, "height": 900})
    try:
        page = tab.page
        page.goto(papers_site.url("/posts/pandoc/"), wait_until="load")
        body, note, reference = box(page, ".post-body"), box(page, ".sidenote"), box(page, ".footnote-ref")
        toc = box(page, ".toc details")
        assert note["x"] >= body["x"] + body["width"], "the sidenote is not in the right margin"
        assert note["x"] + note["width"] <= width, "the sidenote runs off the screen"
        assert abs(note["y"] - reference["y"]) < 40, "the sidenote is not beside its reference"
        assert toc["x"] + toc["width"] <= body["x"], "the TOC did not move to the left margin"
        assert page.locator(".footnotes .footnote-item").count() == 1  # the list stays for keyboards and readers
    finally:
        page.context.close()


def test_on_a_phone_footnotes_stay_at_the_end(browser: Any, papers_site: Site) -> None:
    tab = open_tab(browser, viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = tab.page
        page.goto(papers_site.url("/posts/pandoc/"), wait_until="load")
        assert page.locator(".sidenote").first.is_hidden()
        assert page.locator(".footnotes .footnote-item").first.is_visible()
        page.locator(".footnote-ref a").first.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("location.hash === '#fn1'")
    finally:
        page.context.close()
