"""A real browser on a served post: it reloads by itself, shows build errors, and recovers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from serve_harness import ServeProcess, edit

LORA = "content/posts/lora.md"
OPENING = "如果只能推荐一种大模型微调方法"
OVERLAY = "#blog-livereload-overlay"


def open_post(page: Any, served: ServeProcess) -> list[str]:
    """Open the LoRA post and wait until its live-reload channel is connected."""
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    with page.expect_response(lambda response: "/__livereload" in response.url):
        page.goto(served.url + "posts/lora/")
    page.wait_for_selector(f"text={OPENING}")
    return problems


def test_page_reloads_itself_after_an_edit(page: Any, served: ServeProcess, site: Path) -> None:
    problems = open_post(page, served)
    page.evaluate("window.__marker = 'before'")
    edit(site / LORA, OPENING, "浏览器自己刷新后看到的新开头")
    page.wait_for_selector("text=浏览器自己刷新后看到的新开头")
    assert page.evaluate("window.__marker") is None  # a real reload, not a DOM patch
    assert problems == []


def test_error_overlay_appears_and_clears(page: Any, served: ServeProcess, site: Path) -> None:
    open_post(page, served)
    post = site / LORA
    good = post.read_text(encoding="utf-8")
    post.write_text(good.replace("title:", "title: [<img src=x onerror=alert(1)>\nbroken:", 1), encoding="utf-8")
    overlay = page.wait_for_selector(OVERLAY)
    text = overlay.inner_text()
    assert "lora.md:" in text
    assert page.query_selector(f"{OVERLAY} img") is None  # the message is text, never markup
    assert page.is_visible(f"text={OPENING}")  # the last good page stays underneath

    post.write_text(good.replace(OPENING, "修好之后的开头"), encoding="utf-8")
    page.wait_for_selector("text=修好之后的开头")
    page.wait_for_selector(OVERLAY, state="detached")


def test_css_change_applies_without_reload(page: Any, served: ServeProcess, site: Path) -> None:
    open_post(page, served)
    page.evaluate("window.__marker = 'kept'")
    css = site / "static" / "css" / "style.css"
    css.parent.mkdir(parents=True, exist_ok=True)
    theme_css = Path(__file__).resolve().parents[2] / "generator" / "theme" / "static" / "css" / "style.css"
    base = css.read_text(encoding="utf-8") if css.exists() else theme_css.read_text(encoding="utf-8")
    css.write_text(base + "\nbody { outline: 7px solid rgb(1, 2, 3); }\n", encoding="utf-8")
    page.wait_for_function("getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)'")
    assert page.evaluate("window.__marker") == "kept"


def test_page_reconnects_after_a_restart(page: Any, served: ServeProcess, site: Path, tmp_path: Path) -> None:
    open_post(page, served)
    assert served.stop(timeout=5) == 0
    edit(site / LORA, OPENING, "重启服务之后的新开头")
    restarted = ServeProcess(site, tmpdir=tmp_path / "tmp-restart", port=served.port)
    try:
        restarted.wait_started()
        page.wait_for_selector("text=重启服务之后的新开头")  # EventSource came back and saw a new build id
    finally:
        restarted.kill()


def test_a_page_the_save_did_not_change_stays(page: Any, served: ServeProcess, site: Path) -> None:
    problems = open_post(page, served)
    page.evaluate("window.__marker = 'kept'")
    clip = site / "content" / "posts" / "clip.md"
    clip.write_text(clip.read_text(encoding="utf-8") + "\n\n只改了另一篇文章的正文。\n", encoding="utf-8")
    served.wait_for_line(r"Rebuilt in .*clip\.md")
    page.wait_for_timeout(700)  # time enough for a reload to start, had one been asked for
    assert page.evaluate("window.__marker") == "kept"
    edit(site / LORA, OPENING, "这一次改的是打开的这篇")
    page.wait_for_selector("text=这一次改的是打开的这篇")
    assert page.evaluate("window.__marker") is None
    assert problems == []
