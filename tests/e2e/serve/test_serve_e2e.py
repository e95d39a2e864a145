"""`blog serve` as a writer uses it: start, edit, break, fix, stop.

Every wait is bounded; nothing asserts on how fast it was, only that it happened.
"""

from __future__ import annotations

import re
import signal
import socket
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest
from serve_harness import EventStream, ServeProcess, edit, fetch, make_site, raw_request, wait_until

LORA = "content/posts/lora.md"
LORA_OPENING = "如果只能推荐一种大模型微调方法"


def page_text(served: ServeProcess, path: str) -> str:
    return fetch(served.url + path.lstrip("/")).text


def test_serves_the_site_under_its_base_path(served: ServeProcess, site: Path) -> None:
    """As it is published (base_url https://example.org/blog/) and as `hugo server` serves it."""
    assert served.url == f"http://127.0.0.1:{served.port}/blog/"
    home = fetch(served.url)
    assert home.status == 200
    assert 'href="/blog/posts/' in home.text and 'href="/posts/' not in home.text
    root = raw_request(served.port, "/")
    assert (root.status, root.headers["Location"]) == (301, "/blog/")
    post = fetch(served.url + "posts/lora/")
    assert post.status == 200
    assert LORA_OPENING in post.text
    assert "/__livereload" in post.text
    assert not (site / "public").exists()  # serving never writes into the user's output folder


def test_edit_is_served_and_announced(served: ServeProcess, site: Path) -> None:
    stream = EventStream(served.port)
    try:
        stream.next("hello")
        edit(site / LORA, LORA_OPENING, "这是刚刚改过的开头")
        wait_until(lambda: "这是刚刚改过的开头" in page_text(served, "/posts/lora/"))
        reload = stream.next("reload")
        assert "posts/lora/index.html" in reload.data["changed"]
    finally:
        stream.close()
    line = served.wait_for_line(r"Rebuilt in \d+ ms")
    assert "1 post parsed" in line.string
    assert "/posts/lora/" in line.string


def test_broken_front_matter_keeps_the_last_good_site(served: ServeProcess, site: Path) -> None:
    stream = EventStream(served.port)
    try:
        stream.next("hello")
        post = site / LORA
        good = post.read_text(encoding="utf-8")
        post.write_text(good.replace("title:", "title: [unclosed\nbroken:", 1), encoding="utf-8")
        failure = stream.next("error")
        (problem,) = failure.data["errors"]
        assert problem["path"].endswith("lora.md")
        assert isinstance(problem["line"], int)
        assert problem["message"]
        served.wait_for_line("Serving the last good site.")
        assert LORA_OPENING in page_text(served, "/posts/lora/")

        post.write_text(good.replace(LORA_OPENING, "修好了的开头"), encoding="utf-8")
        stream.next("reload")
        wait_until(lambda: "修好了的开头" in page_text(served, "/posts/lora/"))
    finally:
        stream.close()


def test_fixing_to_identical_content_still_clears_the_error(served: ServeProcess, site: Path) -> None:
    stream = EventStream(served.port)
    try:
        stream.next("hello")
        post = site / LORA
        good = post.read_text(encoding="utf-8")
        post.write_text("---\ntitle: [\n---\n", encoding="utf-8")
        stream.next("error")
        post.write_text(good, encoding="utf-8")
        stream.next("reload")
    finally:
        stream.close()


def test_new_deleted_and_moved_posts(served: ServeProcess, site: Path) -> None:
    posts = site / "content" / "posts"
    (posts / "2025").mkdir()
    (posts / "2025" / "fresh.md").write_text(
        "---\ntitle: 新文章\ndate: 2025-01-02\n---\n\n新鲜出炉的正文。\n", encoding="utf-8"
    )
    wait_until(lambda: "新鲜出炉的正文" in page_text(served, "/posts/fresh/"))
    (posts / "2025").rename(posts / "archive")  # a directory rename
    wait_until(lambda: "新鲜出炉" in page_text(served, "/posts/fresh/") and fetch(served.url).status == 200)
    (posts / "archive" / "fresh.md").unlink()
    wait_until(lambda: fetch(served.url + "posts/fresh/").status == 404)
    before = served.line_count()
    (posts / "rope.md").rename(posts / "rope-renamed.md")
    served.wait_for_line(r"Rebuilt in .*rope-renamed\.md", start=before)
    assert fetch(served.url + "posts/rope/").status == 200  # the slug comes from the front matter


def warnings_counted(line: str) -> int:
    """The warnings a `Rebuilt in` line counts (none named: none)."""
    found = re.search(r"(\d+) warnings?", line)
    return int(found.group(1)) if found else 0


def test_a_post_with_a_warning_is_listed_while_it_stands_and_no_longer_once_moved_and_fixed(
    served: ServeProcess, site: Path
) -> None:
    """A new post with a formula that does not convert and a Hexo tag left as written: its two
    warnings are printed and counted; redated with the formula fixed, one stays; deleted, none."""
    post = site / "content" / "posts" / "warned.md"
    front = "---\ntitle: 有警告的文章\ndate: 2025-03-05\ntags: [LoRA]\n---\n\n"
    before = served.line_count()
    post.write_text(front + "公式 $\\frac{x}$ 与 {% jsfiddle abc %}\n", encoding="utf-8")
    added = served.wait_for_line(r"Rebuilt in .*warned\.md", start=before).string
    served.wait_for_line(r"warning: content/posts/warned\.md:7: formula .* cannot be converted", start=before)
    served.wait_for_line(r"warning: content/posts/warned\.md:7: Hexo tag \{% jsfiddle %\}", start=before)
    assert "有警告的文章" in page_text(served, "/posts/warned/")
    before = served.line_count()
    post.write_text(front.replace("2025-03-05", "2024-12-01") + "{% jsfiddle abc %}\n", encoding="utf-8")
    moved = served.wait_for_line(r"Rebuilt in .*warned\.md", start=before).string
    assert warnings_counted(moved) == warnings_counted(added) - 1
    before = served.line_count()
    post.unlink()
    deleted = served.wait_for_line(r"Rebuilt in .*warned\.md", start=before).string
    assert warnings_counted(deleted) == warnings_counted(added) - 2
    assert fetch(served.url + "posts/warned/").status == 404


def test_stylesheet_change_refreshes_css_only(served: ServeProcess, site: Path) -> None:
    css = site / "static" / "css" / "extra.css"
    css.parent.mkdir(parents=True, exist_ok=True)
    stream = EventStream(served.port)
    try:
        stream.next("hello")
        css.write_text("body { color: rebeccapurple; }\n", encoding="utf-8")
        event = stream.next("css", "reload")
        assert event.name == "css"
        assert fetch(served.url + "css/extra.css").text.startswith("body { color: rebeccapurple")
    finally:
        stream.close()


def test_editor_swap_files_do_not_rebuild(served: ServeProcess, site: Path) -> None:
    before = served.line_count()
    posts = site / "content" / "posts"
    for name in (".lora.md.swp", "lora.md~", "4913", ".#lora.md"):
        (posts / name).write_text("junk", encoding="utf-8")
    time.sleep(0.6)  # several debounce windows: a rebuild for the junk would have started by now
    assert not any("Rebuilt in" in line or "failed" in line for line in served.lines[before:]), served.output
    edit(site / LORA, LORA_OPENING, "标记一下")
    line = served.wait_for_line(r"Rebuilt in", start=before).string
    assert "lora.md" in line and "swp" not in line and "4913" not in line


def test_site_toml_change_rebuilds(served: ServeProcess, site: Path) -> None:
    config = site / "site.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("测试博客", "改名的博客"), encoding="utf-8")
    wait_until(lambda: "改名的博客" in page_text(served, "/"))


def test_first_build_failure_still_serves_then_recovers(site: Path, start_serve: Callable[..., ServeProcess]) -> None:
    post = site / LORA
    good = post.read_text(encoding="utf-8")
    post.write_text("---\ntitle: [\n---\n", encoding="utf-8")
    served = start_serve(site)
    assert "lora.md:" in served.output
    answer = fetch(served.url + "posts/lora/")
    assert answer.status == 503
    assert "lora.md" in answer.text
    stream = EventStream(served.port)
    try:
        stream.next("hello")
        assert stream.next("error").data["errors"][0]["path"].endswith("lora.md")
        post.write_text(good, encoding="utf-8")
        stream.next("reload")
    finally:
        stream.close()
    assert fetch(served.url + "posts/lora/").status == 200


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_signal_stops_quickly_and_cleans_up(served: ServeProcess, sig: int) -> None:
    stream = EventStream(served.port)  # an open browser tab must not hold the shutdown up
    stream.next("hello")
    assert list(served.tmpdir.iterdir()), "the temporary site should exist while serving"
    started = time.monotonic()
    assert served.stop(sig, timeout=5) == 0
    elapsed = time.monotonic() - started
    stream.close()
    assert elapsed < 3, f"took {elapsed:.1f} s to stop"
    assert list(served.tmpdir.iterdir()) == []


def test_busy_port_is_explained(site: Path, start_serve: Callable[..., ServeProcess]) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        served = start_serve(site, port=port, wait=False)
        assert served.process.wait(20) == 1
        served.wait_for_line(rf"Port {port}\b.*already in use.*--port")
    assert list(served.tmpdir.iterdir()) == []


def test_non_loopback_host_warns(site: Path, start_serve: Callable[..., ServeProcess]) -> None:
    served = start_serve(site, "--host", "0.0.0.0")
    served.wait_for_line("visible to other machines on your network")
    assert served.url.startswith("http://127.0.0.1:")
    assert raw_request(served.port, "/blog/").status == 200


def test_open_starts_the_browser_on_the_url(site: Path, start_serve: Callable[..., ServeProcess]) -> None:
    """webbrowser honours $BROWSER; `echo` stands in for a browser and prints what it was given."""
    served = start_serve(site, "--open", env={"BROWSER": "echo"})
    served.wait_for_line(rf"^{re.escape(served.url)}$")


def test_loopback_host_does_not_warn(served: ServeProcess) -> None:
    assert "network" not in served.output


def test_drafts_flag_is_passed_on(tmp_path: Path, start_serve: Callable[..., ServeProcess]) -> None:
    site = make_site(tmp_path / "drafts", posts=("lora.md",))
    (site / "content" / "posts" / "wip.md").write_text(
        "---\ntitle: 草稿\ndate: 2025-01-01\ndraft: true\n---\n\n还没写完。\n", encoding="utf-8"
    )
    served = start_serve(site, "--drafts")
    assert fetch(served.url + "posts/wip/").status == 200


def test_a_new_post_its_tags_and_its_deletion_show_at_once(served: ServeProcess, site: Path) -> None:
    """The most common save: `blog new`, then write. The post, its new tag and the index follow,
    and go again when the tag is dropped and the post deleted (blog serve's live/posts.py path)."""
    post = site / "content" / "posts" / "fresh-notes.md"
    post.write_text(
        "---\ntitle: 新的笔记\ndate: 2030-01-02\ntags: [PyTorch, 新标签]\n---\n\n今天写下的正文。\n", encoding="utf-8"
    )
    post.write_text(post.read_text("utf-8").replace("2030-01-02", "2025-06-02"), encoding="utf-8")  # due now
    wait_until(lambda: "今天写下的正文" in page_text(served, "/posts/fresh-notes/"))
    tag_page = fetch(served.url + quote("tags/新标签/"))
    assert tag_page.status == 200 and "新的笔记" in tag_page.text
    assert "新的笔记" in page_text(served, "/tags/pytorch/")
    edit(post, "tags: [PyTorch, 新标签]", "tags: [PyTorch]")
    wait_until(lambda: fetch(served.url + quote("tags/新标签/")).status == 404)
    assert "新的笔记" in page_text(served, "/tags/pytorch/")
    post.unlink()
    wait_until(lambda: fetch(served.url + "posts/fresh-notes/").status == 404)
    assert "新的笔记" not in page_text(served, "/tags/pytorch/")
    assert "新的笔记" not in page_text(served, "/archives/")
