"""Nothing lost: a build that fails at any stage leaves the previous site exactly as it was
and nothing temporary behind; a good build leaves nothing stale; builds are reproducible."""

from __future__ import annotations

import builtins
import errno
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import generator.build.output
from generator.build.cache import CACHE_DIR_NAME
from generator.build.pipeline import BuildOptions, build
from generator.errors import BuildError
from tests.conftest import SITES, tree_digest

NOW = datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
GOOD = "---\ntitle: 新文章\ndate: 2025-03-01\ntags: [新标签]\n---\n新的正文。\n"


def leftovers(folder: Path) -> list[str]:
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if ".staging-" in p.name or ".tmp-" in p.name or ".old-" in p.name
    )


@pytest.fixture
def site(tmp_path: Path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(SITES / "basic", target, ignore=shutil.ignore_patterns("expected"))
    return target


def options(site: Path, output: Path | None = None, cache: bool = True) -> BuildOptions:
    return BuildOptions(source=site, output=output or site / "public", now=NOW, use_cache=cache)


def write(site: Path, name: str, text: str) -> None:
    path = site / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


class Fault:
    """Make the output writer fail after `after` successful writes into the build's output."""

    def __init__(self, exc: BaseException, after: int, where: Path) -> None:
        self.exc, self.after, self.where = exc, after, str(where)
        self.calls = 0
        self.real_open = builtins.open

    def open(self, file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if "w" in mode and str(file).startswith(self.where):
            self.calls += 1
            if self.calls > self.after:
                raise self.exc
        return self.real_open(file, mode, *args, **kwargs)


@pytest.fixture
def fault(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[BaseException, int, Path], Fault]]:
    def install(exc: BaseException, after: int, where: Path) -> Fault:
        made = Fault(exc, after, where)
        monkeypatch.setattr(generator.build.output, "open", made.open, raising=False)
        return made

    yield install


def full_disk() -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


# -- a failing build at each stage -------------------------------------------------------------


@pytest.mark.parametrize("cache", [False, True], ids=["staging", "in-place"])
def test_loading_error_keeps_the_site(site: Path, cache: bool) -> None:
    build(options(site, cache=cache))
    before = tree_digest(site / "public")
    write(site, "content/posts/new.md", GOOD)
    write(site, "content/posts/bad.md", "---\ntitle: [\n---\n")
    with pytest.raises(BuildError) as failure:
        build(options(site, cache=cache))
    assert [str(d).split(":")[0] for d in failure.value.errors] == ["content/posts/bad.md"]
    assert tree_digest(site / "public") == before
    assert leftovers(site) == []


@pytest.mark.parametrize("cache", [False, True], ids=["staging", "in-place"])
def test_template_error_while_rendering_keeps_the_site(site: Path, cache: bool) -> None:
    build(options(site, cache=cache))
    before = tree_digest(site / "public")
    write(site, "content/posts/new.md", GOOD)
    post_html = (site / "templates/post.html").read_text(encoding="utf-8")
    # valid syntax, so only rendering a post finds it
    write(site, "templates/post.html", post_html.replace("{{ post.title }}", "{{ post.title.nosuch.deeper }}", 1))
    with pytest.raises(BuildError) as failure:
        build(options(site, cache=cache))
    assert str(failure.value.errors[0]).startswith("templates/post.html:")
    assert tree_digest(site / "public") == before
    assert leftovers(site) == []


@pytest.mark.parametrize(
    ("exc", "kind"),
    [(full_disk(), BuildError), (KeyboardInterrupt(), KeyboardInterrupt)],
    ids=["full-disk", "ctrl-c"],
)
@pytest.mark.parametrize("after", [0, 5])
def test_failure_while_writing_a_fresh_site(
    site: Path, fault: Callable[..., Fault], exc: BaseException, kind: type[BaseException], after: int
) -> None:
    """A build without a usable cache writes into a staging folder beside public/."""
    build(options(site, cache=False))
    before = tree_digest(site / "public")
    write(site, "content/posts/new.md", GOOD)
    made = fault(exc, after, site)
    with pytest.raises(kind) as failure:
        build(options(site, cache=False))
    assert made.calls > after, "the fault was never reached"
    if isinstance(failure.value, BuildError):
        message = str(failure.value.errors[0])
        assert "cannot write file: No space left on device (free disk space and write permission)" in message
    assert tree_digest(site / "public") == before
    assert leftovers(site) == []


@pytest.mark.parametrize(
    ("exc", "kind"),
    [(full_disk(), BuildError), (KeyboardInterrupt(), KeyboardInterrupt)],
    ids=["full-disk", "ctrl-c"],
)
@pytest.mark.parametrize("after", [0, 2])
def test_failure_while_writing_in_place(
    site: Path,
    fault: Callable[..., Fault],
    monkeypatch: pytest.MonkeyPatch,
    exc: BaseException,
    kind: type[BaseException],
    after: int,
) -> None:
    """A build over a site this cache made writes changed files beside their targets first."""
    build(options(site))
    before = tree_digest(site / "public")
    write(site, "content/posts/new.md", GOOD)  # a new post: a new page, a new tag, changed lists
    (site / "content/posts/mixed.md").unlink()  # and a removal
    made = fault(exc, after, site / "public")
    with pytest.raises(kind) as failure:
        build(options(site))
    monkeypatch.undo()
    assert made.calls > after, "the fault was never reached"
    if isinstance(failure.value, BuildError):
        # the message names the page that could not be written, not a temporary file
        message = str(failure.value.errors[0])
        path = message.split(": cannot write file:")[0]
        assert ".tmp-" not in path, message
        assert path.startswith(str(site / "public")), message
    assert tree_digest(site / "public") == before
    assert leftovers(site) == []
    # the cache is not poisoned: the next good build equals a clean one
    build(options(site))
    build(options(site, site.parent / "clean", cache=False))
    assert tree_digest(site / "public") == tree_digest(site.parent / "clean")


@pytest.mark.parametrize("cache", [False, True], ids=["staging", "in-place"])
def test_interrupt_while_committing(site: Path, monkeypatch: pytest.MonkeyPatch, cache: bool) -> None:
    """Ctrl-C at the swap itself (after every file was written)."""
    build(options(site, cache=cache))
    before = tree_digest(site / "public")
    write(site, "content/posts/new.md", GOOD)
    real_replace, real_rename = os.replace, os.rename
    calls = {"n": 0}

    def interrupted(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        (real_replace if cache else real_rename)(src, dst, *args, **kwargs)

    monkeypatch.setattr(generator.build.output.os, "replace" if cache else "rename", interrupted)
    if not cache:
        # the staging swap is two renames; an interrupt between them must still leave a site
        calls["n"] = 1
    with pytest.raises(KeyboardInterrupt):
        build(options(site, cache=cache))
    monkeypatch.undo()
    assert tree_digest(site / "public") == before
    assert leftovers(site) == []


# -- nothing stale ------------------------------------------------------------------------------


def _delete_post(site: Path) -> None:
    (site / "content/posts/mixed.md").unlink()


def _rename_post(site: Path) -> None:
    (site / "content/posts/hello.md").rename(site / "content/posts/hello-again.md")


def _rename_tag(site: Path) -> None:
    for path in (site / "content/posts").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Python", "Py3"), encoding="utf-8")


def _drop_a_page(site: Path) -> None:
    """Fewer posts: the last /page/N/ of the index disappears."""
    for name in ("code.md", "emoji.md", "lora.md", "math.md", "more.md"):
        (site / "content/posts" / name).unlink()


def _remove_static(site: Path) -> None:
    (site / "static/robots.txt").unlink()


@pytest.mark.parametrize(
    "change",
    [_delete_post, _rename_post, _rename_tag, _drop_a_page, _remove_static],
    ids=["delete-post", "rename-post", "rename-tag", "drop-index-page", "remove-static-file"],
)
@pytest.mark.parametrize("cache", [False, True], ids=["cold", "incremental"])
def test_no_stale_file_after_a_change(site: Path, change: Callable[[Path], None], cache: bool) -> None:
    build(options(site, cache=cache))
    change(site)
    build(options(site, cache=cache))
    build(options(site, site.parent / "clean", cache=False))
    assert tree_digest(site / "public") == tree_digest(site.parent / "clean")


def test_dropping_a_page_really_removes_one(site: Path) -> None:
    """The stale-file test above would be empty if the change removed nothing."""
    build(options(site))
    pages = {p.relative_to(site / "public").as_posix() for p in (site / "public").rglob("*") if p.is_file()}
    _drop_a_page(site)
    _rename_tag(site)
    report = build(options(site))
    assert report.removed
    assert set(report.removed) <= pages
    assert not any((site / "public" / gone).exists() for gone in report.removed)


# -- reproducible -------------------------------------------------------------------------------


def test_two_cold_builds_are_byte_identical(site: Path) -> None:
    first, second = site.parent / "one", site.parent / "two"
    build(options(site, first, cache=False))
    build(options(site, second, cache=False))
    assert tree_digest(first) == tree_digest(second)


def test_warm_builds_equal_a_cold_one(site: Path) -> None:
    cold = site.parent / "cold"
    build(options(site, cold, cache=False))
    expected = tree_digest(cold)
    build(options(site))  # fills .blog-cache
    assert (site / CACHE_DIR_NAME).is_dir()
    build(options(site))  # warm cache, same output folder: in place, nothing to do
    assert tree_digest(site / "public") == expected
    shutil.rmtree(site / "public")
    build(options(site))  # warm cache, fresh output folder
    assert tree_digest(site / "public") == expected
    shutil.rmtree(site / CACHE_DIR_NAME)
    build(options(site))  # cache deleted under an existing output
    assert tree_digest(site / "public") == expected


def test_warm_build_after_edits_equals_a_cold_one(site: Path) -> None:
    build(options(site))
    write(site, "content/posts/new.md", GOOD)
    hello = site / "content/posts/hello.md"
    hello.write_text(hello.read_text(encoding="utf-8").replace("A short first post.", "改过的正文。"), "utf-8")
    build(options(site))
    build(options(site, site.parent / "cold", cache=False))
    assert tree_digest(site / "public") == tree_digest(site.parent / "cold")
