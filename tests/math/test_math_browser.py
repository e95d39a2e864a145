"""Formulas as a reader sees them: headless Chromium with no math font on the system.

Chromium runs with a fontconfig that rejects every math font the machine has, so only the
theme's STIX Math woff2 can make \\left( stretch. Screenshots of the gallery (light and
dark, 1280 px) go to tests/artifacts/screenshots for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gallery import markdown

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "tests" / "artifacts" / "screenshots"
# Same flags as tests/conftest.py's browser; the environment differs (no math fonts).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
NO_MATH_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont>
    <pattern><patelt name="lang"><string>und-zmth</string></patelt></pattern>
    <glob>*Math*</glob><glob>*math*</glob><glob>*STIX*</glob><glob>*lmodern*</glob><glob>*texgyre*</glob>
  </rejectfont></selectfont>
</fontconfig>
"""

POST = textwrap.dedent(
    """\
    ---
    title: 公式测试
    date: 2024-05-01
    tags: [测试]
    ---

    先引用后面的式 \\eqref{eq:far}，再看一个括号：

    $$
    \\left( \\frac{a+b}{c} \\right)
    $$

    行内的普通括号 $(x)$。

    $$
    E = mc^2 \\tag{1}
    $$

    """
)


@pytest.fixture(scope="module")
def fontconfig(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fontconfig") / "fonts.conf"
    path.write_text(NO_MATH_FONTS, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site with the test post and the gallery, built for the address it is served at."""
    root = tmp_path_factory.mktemp("mathsite")
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    filler = "\n\n".join(f"填充段落 {n}，让后面的公式在第一屏之外。" for n in range(60))
    far = "\n\n$$\n\\begin{equation} p(x) = \\int p(x, z) \\, dz \\label{eq:far} \\end{equation}\n$$\n"
    (posts / "math-test.md").write_text(POST + filler + far, encoding="utf-8")
    gallery = "---\ntitle: 公式画廊\ndate: 2024-05-02\ntags: [测试]\n---\n\n" + markdown()
    (posts / "gallery.md").write_text(gallery, encoding="utf-8")
    (root / "site.toml").write_text('title = "公式"\nsearch = false\n', encoding="utf-8")
    output = root / "public"
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
    )
    server.RequestHandlerClass.log_message = lambda *args: None  # type: ignore[method-assign]
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    command = [sys.executable, "-m", "generator", "build", "-s", str(root), "-o", str(output)]
    command += ["--base-url", base, "--no-cache", "--quiet"]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "warning" not in (done.stdout + done.stderr).lower(), done.stdout + done.stderr
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser(fontconfig: Path) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    import os

    env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig)}
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, env=env, timeout=30_000)
        try:
            yield launched
        finally:
            launched.close()


def open_page(browser: Any, url: str, scheme: str = "light") -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(url)
    page.evaluate("document.fonts.ready")
    return page


def test_the_machine_math_fonts_are_hidden_from_chromium(fontconfig: Path) -> None:
    if shutil.which("fc-list") is None:
        pytest.skip("fc-list is not installed")
    import os

    env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig)}
    listed = subprocess.run(["fc-list", ":lang=und-zmth"], capture_output=True, text=True, env=env, timeout=60)
    assert listed.stdout.strip() == ""
    everything = subprocess.run(["fc-list"], capture_output=True, text=True, env=env, timeout=60).stdout
    assert "Math" not in everything


def test_theme_math_font_is_the_one_used(browser: Any, served: str) -> None:
    page = open_page(browser, served + "posts/math-test/")
    try:
        loaded = page.evaluate(
            "[...document.fonts].filter(f => f.family.replace(/\"/g, '') === 'STIX Math').map(f => f.status)"
        )
        # The font is split by unicode-range: the page fetched some of its files, never all.
        assert "loaded" in loaded, loaded
        assert set(loaded) <= {"loaded", "unloaded"}, loaded
        assert "unloaded" in loaded, "every file of the split font was fetched"
        family = page.evaluate("getComputedStyle(document.querySelector('math')).fontFamily")
        assert family.startswith('"STIX Math"')
    finally:
        page.context.close()


def test_left_paren_around_a_fraction_stretches_taller_than_a_line(browser: Any, served: str) -> None:
    page = open_page(browser, served + "posts/math-test/")
    try:
        heights = page.evaluate(
            """() => {
              const open = m => [...m.querySelectorAll('semantics > mrow mo')].find(o => o.textContent.trim() === '(');
              const maths = [...document.querySelectorAll('.post-body math')];
              const stretched = open(maths.find(m => m.querySelector('mfrac')));
              const plain = open(maths.find(m => !m.querySelector('mfrac') && open(m) && m.closest('.math-inline')));
              const size = parseFloat(getComputedStyle(plain).fontSize);
              return [stretched.getBoundingClientRect().height, plain.getBoundingClientRect().height, size];
            }"""
        )
        stretched, plain, font_size = heights
        assert stretched > 1.6 * plain, heights
        assert stretched > 1.5 * font_size, heights
    finally:
        page.context.close()


def test_tag_sits_at_the_right_edge(browser: Any, served: str) -> None:
    page = open_page(browser, served + "posts/math-test/")
    try:
        boxes = page.evaluate(
            """() => {
              const tag = [...document.querySelectorAll('mtd mtext')].find(t => t.textContent === '(1)');
              const box = tag.closest('.math-display').getBoundingClientRect();
              const formula = tag.closest('mtr').querySelector('mi').getBoundingClientRect();
              const t = tag.getBoundingClientRect();
              return {tagRight: t.right, tagLeft: t.left, boxRight: box.right, boxWidth: box.width,
                      formulaRight: formula.right};
            }"""
        )
        assert boxes["boxRight"] - boxes["tagRight"] < 0.03 * boxes["boxWidth"], boxes
        assert boxes["tagLeft"] > boxes["formulaRight"] + 0.2 * boxes["boxWidth"], boxes
    finally:
        page.context.close()


def test_clicking_an_eqref_scrolls_to_its_equation(browser: Any, served: str) -> None:
    page = open_page(browser, served + "posts/math-test/")
    try:
        target = page.locator("[id='eq-eq:far']")
        assert not target.is_visible() or target.bounding_box()["y"] > 800
        page.locator("a[href='#eq-eq:far']").first.click()
        page.wait_for_function("location.hash === '#eq-eq:far'")
        box = target.bounding_box()
        assert box is not None and 0 <= box["y"] < 800, box
        assert target.text_content().strip() == "(1)"
        assert page.locator("a[href='#eq-eq:far']").first.inner_text() == "(1)"
    finally:
        page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_gallery_screenshots(browser: Any, served: str, scheme: str) -> None:
    page = open_page(browser, served + "posts/gallery/", scheme)
    try:
        assert page.locator(".math-error").count() == 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"math-gallery-{scheme}.png"), full_page=True)
        page.locator("h2").nth(2).scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / f"math-gallery-{scheme}-environments.png"))
    finally:
        page.context.close()
