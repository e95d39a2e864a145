"""Pure parts of `blog serve`: debouncing, ignore rules, path checks, events, the injected script."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
from watchdog.events import (
    DirModifiedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileClosedNoWriteEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileOpenedEvent,
)

from generator.build.pipeline import BuildReport
from generator.preview.app import describe_trigger, is_loopback, rebuild_summary, site_url
from generator.preview.livereload import MAX_LISTED, Broadcaster, choose_event, inject
from generator.preview.server import content_type, request_path, safe_segments
from generator.preview.watch import ChangeQueue, Debouncer, WatchSet, event_paths, is_editor_file, is_ignored, settles


class TestDebouncer:
    def test_burst_gives_one_batch_after_quiet(self) -> None:
        debouncer = Debouncer(quiet=0.1, max_wait=1.0)
        for i, path in enumerate(["a.md", "a.md~", "a.md", "4913"]):
            debouncer.add(path, 10.0 + i * 0.02)
        assert debouncer.take(10.1) is None  # still inside the burst's quiet window
        assert debouncer.take(10.16) == frozenset({"a.md", "a.md~", "4913"})
        assert debouncer.take(20.0) is None

    def test_nothing_pending(self) -> None:
        debouncer = Debouncer()
        assert debouncer.deadline() is None
        assert debouncer.take(1e9) is None

    def test_continuous_writes_are_capped_by_max_wait(self) -> None:
        debouncer = Debouncer(quiet=0.1, max_wait=0.5)
        now = 0.0
        batch = None
        while batch is None and now < 2:
            debouncer.add("big.md", now)
            now += 0.05
            batch = debouncer.take(now)
        assert batch == frozenset({"big.md"})
        assert now == pytest.approx(0.5, abs=0.06)

    def test_next_burst_starts_fresh(self) -> None:
        debouncer = Debouncer(quiet=0.1, max_wait=1.0)
        debouncer.add("a", 0.0)
        assert debouncer.take(0.2) == frozenset({"a"})
        debouncer.add("b", 5.0)
        assert debouncer.deadline() == pytest.approx(5.1)
        assert debouncer.take(5.2) == frozenset({"b"})

    def test_a_finished_save_shortens_the_wait(self) -> None:
        debouncer = Debouncer(quiet=0.1, max_wait=1.0, settled=0.02)
        debouncer.add("a.md", 0.0)  # modified: more may follow
        debouncer.add("a.md", 0.01, settles=True)  # closed after writing
        assert debouncer.deadline() == pytest.approx(0.03)
        debouncer.add("a.md", 0.02)  # a chmod right after still extends the wait
        assert debouncer.deadline() == pytest.approx(0.12)
        assert debouncer.take(0.11) is None
        assert debouncer.take(0.13) == frozenset({"a.md"})

    def test_change_queue_waits_are_bounded(self) -> None:
        changes = ChangeQueue(quiet=0.01, max_wait=0.1)
        assert changes.wait(0.05) is None
        changes.add(["x.md", "y.md"])
        assert changes.wait(2.0) == frozenset({"x.md", "y.md"})


SITE = PurePosixPath("/blog")


@pytest.mark.parametrize(
    "name", [".lora.md.swp", "lora.md.swo", "lora.md~", ".#lora.md", "#lora.md#", "4913", ".DS_Store", "x___jb_tmp___"]
)
def test_editor_files_are_ignored(name: str) -> None:
    assert is_editor_file(name)
    assert is_ignored(SITE / "content" / "posts" / name, SITE)


@pytest.mark.parametrize("name", ["lora.md", "感受野.md", "base.html", "style.css", "4913.md", "site.toml"])
def test_real_files_are_not_ignored(name: str) -> None:
    assert not is_editor_file(name)
    assert not is_ignored(SITE / "content" / "posts" / name, SITE)


def test_hidden_folders_are_ignored_but_published_ones_are_not() -> None:
    assert is_ignored(SITE / "content" / ".git" / "index", SITE)
    assert is_ignored(SITE / "static" / ".cache" / "x.css", SITE)
    assert not is_ignored(SITE / "static" / ".well-known" / "security.txt", SITE)
    assert not is_ignored(SITE / "static" / ".nojekyll", SITE)


def test_hidden_folders_above_the_site_do_not_count() -> None:
    site = PurePosixPath("/home/me/.sites/blog")
    assert not is_ignored(site / "content" / "posts" / "a.md", site)


def test_output_folder_is_ignored() -> None:
    output = SITE / "public"
    assert is_ignored(output / "index.html", SITE, output)
    assert is_ignored(output, SITE, output)
    assert not is_ignored(SITE / "publication.md", SITE, output)


def test_watch_set_relevance() -> None:
    site = Path("/blog")
    watched = WatchSet(
        site=site,
        folders=(site / "content", site / "templates", site / "static"),
        files=(site / "site.toml",),
        output=site / "public",
    )
    assert watched.is_relevant(site / "content" / "posts" / "new.md")
    assert watched.is_relevant(site / "content")  # the folder itself created or removed
    assert watched.is_relevant(site / "site.toml")
    assert not watched.is_relevant(site / "README.md")
    assert not watched.is_relevant(site / "public" / "index.html")
    assert not watched.is_relevant(site / "content" / "posts" / ".new.md.swp")
    assert watched.parents() == {site}


def test_saves_settle_on_close_or_rename() -> None:
    assert settles(FileClosedEvent("/b/a.md"))
    assert settles(FileMovedEvent("/b/.a.md.tmp", "/b/a.md"))
    assert not settles(FileModifiedEvent("/b/a.md"))
    assert not settles(FileCreatedEvent("/b/a.md"))
    assert not settles(DirMovedEvent("/b/x", "/b/y"))


def test_event_paths_keep_changes_and_drop_reads() -> None:
    assert event_paths(FileModifiedEvent("/b/a.md")) == ["/b/a.md"]
    assert event_paths(FileCreatedEvent("/b/a.md")) == ["/b/a.md"]
    assert event_paths(FileDeletedEvent("/b/a.md")) == ["/b/a.md"]
    assert event_paths(FileClosedEvent("/b/a.md")) == ["/b/a.md"]
    assert event_paths(FileMovedEvent("/b/.a.md.tmp", "/b/a.md")) == ["/b/a.md", "/b/.a.md.tmp"]
    assert event_paths(DirMovedEvent("/b/2024", "/b/2025")) == ["/b/2025", "/b/2024"]
    assert event_paths(FileOpenedEvent("/b/a.md")) == []
    assert event_paths(FileClosedNoWriteEvent("/b/a.md")) == []
    assert event_paths(DirModifiedEvent("/b")) == []


@pytest.mark.parametrize(
    ("raw", "segments"),
    [
        ("/", []),
        ("/posts/lora/", ["posts", "lora"]),
        ("/posts/%E6%84%9F%E5%8F%97%E9%87%8E/", ["posts", "感受野"]),
        ("//double//slash", ["double", "slash"]),
    ],
)
def test_safe_segments_accepts_plain_paths(raw: str, segments: list[str]) -> None:
    assert safe_segments(raw) == segments


@pytest.mark.parametrize(
    "raw",
    [
        "/..",
        "/a/../b",
        "/%2e%2e/x",
        "/%2E%2e/x",
        "/a%2fb",
        "/a%2Fb",
        "/%252e%252e/",
        "/a\\b",
        "/a%5cb",
        "/a%00",
        "/a\x00",
        "/./a",
        "/%ff",
    ],
)
def test_safe_segments_refuses(raw: str) -> None:
    assert safe_segments(raw) is None


def test_request_path_forms() -> None:
    assert request_path("/a/b?x=1#y") == "/a/b"
    assert request_path("http://localhost:8000/a/") == "/a/"
    assert request_path("*") is None
    assert request_path("a/b") is None
    assert request_path("http://[::1/x") is None  # urllib raises on it; the server answers 400


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("index.html", "text/html; charset=utf-8"),
        ("STYLE.CSS", "text/css; charset=utf-8"),
        ("atom.xml", "application/atom+xml; charset=utf-8"),
        ("rss.xml", "application/rss+xml; charset=utf-8"),
        ("sitemap.xml", "application/xml; charset=utf-8"),
        ("a.woff2", "font/woff2"),
        ("unknown.zzz", "application/octet-stream"),
    ],
)
def test_content_type(name: str, kind: str) -> None:
    assert content_type(name) == kind


def test_choose_event() -> None:
    assert choose_event([], [], recovering=False) is None
    assert choose_event(["css/style.css"], [], recovering=False) == "css"
    assert choose_event(["css/style.css", "index.html"], [], recovering=False) == "reload"
    assert choose_event(["css/old.css"], ["css/gone.css"], recovering=False) == "reload"
    assert choose_event([], [], recovering=True) == "reload"


def test_inject_before_last_body_end() -> None:
    page = b"<html><body><pre></body></pre></BODY >\n</html>"
    out = inject(page, "t-1")
    assert out.count(b"data-blog-livereload") == 1
    assert out.index(b"data-blog-livereload") > out.index(b"</pre>")
    assert out.endswith(b"</BODY >\n</html>")
    assert b'"t-1"' in out


def test_inject_without_body_appends() -> None:
    assert inject(b"<p>fragment</p>", "t-1").startswith(b"<p>fragment</p><script")


def test_overlay_never_uses_inner_html() -> None:
    script = inject(b"", "t-1").decode()
    assert "innerHTML" not in script
    assert "textContent" in script


def test_rebuild_summary_names_pages_and_counts() -> None:
    report = BuildReport(
        output=Path("/tmp/x"),
        posts=37,
        pages=60,
        tags=20,
        static_files=3,
        seconds=0.04,
        rendered_posts=1,
        rendered_pages=["/posts/lora/", "/", "/tags/微调/", "/tags/大模型/", "/tags/pytorch/"],
        changed=["posts/lora/index.html"],
    )
    line = rebuild_summary(report, 0.042, "content/posts/lora.md")
    assert line == (
        "Rebuilt in 42 ms (content/posts/lora.md): 1 post parsed, "
        "5 pages rendered (/posts/lora/, /, /tags/微调/ …), 1 file changed"
    )


def test_describe_trigger_is_relative_to_the_site() -> None:
    assert describe_trigger(frozenset({"/blog/content/posts/a.md"}), Path("/blog")) == "content/posts/a.md"


def test_urls_and_loopback() -> None:
    assert site_url("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert site_url("0.0.0.0", 8000) == "http://127.0.0.1:8000/"
    assert site_url("::1", 9) == "http://[::1]:9/"
    assert is_loopback("localhost") and is_loopback("127.0.0.2") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


def test_reload_event_names_the_changed_pages_so_others_stay() -> None:
    broadcaster = Broadcaster()
    inbox = broadcaster.subscribe()
    broadcaster.good_build(["posts/a/index.html", "index.html"], [])
    few = inbox.get(timeout=1)
    assert few.name == "reload" and few.data["every"] is False
    assert few.data["changed"] == ["posts/a/index.html", "index.html"]
    broadcaster.good_build([f"posts/{n}/index.html" for n in range(MAX_LISTED + 1)], [])
    assert inbox.get(timeout=1).data["every"] is True
    broadcaster.good_build(["index.html"], ["posts/gone/index.html"])
    assert inbox.get(timeout=1).data["every"] is True


def test_inject_tells_the_page_which_file_it_is() -> None:
    page = inject(b"<body></body>", "b-1", "posts/</script>x/index.html").decode()
    assert 'const here = "posts/<\\/script>x/index.html"' in page
    assert "const here = null" in inject(b"<body></body>", "b-1").decode()
