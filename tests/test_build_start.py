"""What a build pays before its first page: workers only when the measured work is worth them,
templates compiled once for all builds that share a cache."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
import pytest

import generator.build.render as render_stage
import generator.processes as processes
import generator.search.background as search_index
from generator.build.pipeline import BuildOptions, build
from generator.errors import BuildError

NOW = datetime(2026, 1, 1, 0, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


class Clock:
    """perf_counter and thread_time for the render stage: every reading is `step` seconds after the last."""

    def __init__(self, step: float) -> None:
        self.step = step
        self.now = 0.0

    def perf_counter(self) -> float:
        self.now += self.step
        return self.now

    thread_time = perf_counter  # the pages are timed in CPU seconds


def notes_site(root: Path, count: int) -> Path:
    (root / "content" / "posts").mkdir(parents=True)
    (root / "site.toml").write_text('title = "笔记"\nbase_url = "https://example.org/"\n', encoding="utf-8")
    for n in range(count):
        body = f"---\ntitle: 笔记 {n}\ndate: 2025-01-{n % 28 + 1:02d}\n---\n\n第 {n} 条。\n\n```python\nx = {n}\n```\n"
        (root / "content" / "posts" / f"note-{n}.md").write_text(body, encoding="utf-8")
    return root


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The start methods of the worker pools the build asked for."""
    asked: list[str] = []
    real = multiprocessing.get_context

    def recording(method: str | None = None) -> Any:
        asked.append(str(method))
        return real(method)

    monkeypatch.setattr(multiprocessing, "get_context", recording)
    return asked


def test_posts_that_cost_little_are_rendered_without_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pools: list[str]
) -> None:
    monkeypatch.setattr(render_stage, "time", Clock(step=0.0001))  # a post: 0.1 ms
    monkeypatch.setattr(search_index, "BLOCK_TARGET_FOR_BACKGROUND", 10_000)  # its fork is no render pool
    site = notes_site(tmp_path / "site", 80)
    report = build(BuildOptions(source=site, output=tmp_path / "out", now=NOW, use_cache=False))
    assert report.posts == 80
    assert pools == []


def test_posts_that_cost_much_are_rendered_by_workers_whatever_their_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pools: list[str]
) -> None:
    monkeypatch.delenv("BLOG_START_METHOD", raising=False)  # forked workers, as Linux runs them
    monkeypatch.setattr(processes.os, "cpu_count", lambda: 2)
    site = notes_site(tmp_path / "site", 6)
    monkeypatch.setattr(render_stage, "time", Clock(step=0.0001))
    build(BuildOptions(source=site, output=tmp_path / "serial", now=NOW, use_cache=False))
    assert pools == []
    monkeypatch.setattr(render_stage, "time", Clock(step=0.2))  # a post, or a page: 0.2 s
    report = build(BuildOptions(source=site, output=tmp_path / "out", now=NOW, use_cache=False))
    assert report.posts == 6
    assert pools == ["fork", "fork"]  # the posts' pool, then one for the lists, tag pages and feeds
    files = [path for path in (tmp_path / "out").rglob("*") if path.is_file()]
    assert any(path.suffix == ".xml" for path in files)
    for path in files:  # workers or not, the same bytes
        assert path.read_bytes() == (tmp_path / "serial" / path.relative_to(tmp_path / "out")).read_bytes()


def test_a_template_error_in_a_list_rendered_by_workers_names_the_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pools: list[str]
) -> None:
    monkeypatch.delenv("BLOG_START_METHOD", raising=False)
    monkeypatch.setattr(processes.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(search_index, "BLOCK_TARGET_FOR_BACKGROUND", 10_000)  # its fork is no render pool
    site = notes_site(tmp_path / "site", 30)
    (site / "templates").mkdir()
    (site / "templates" / "index.html").write_text(
        '{% extends "base.html" %}{% block content %}\n{{ page.number / 0 }}{% endblock %}\n', encoding="utf-8"
    )
    monkeypatch.setattr(render_stage, "time", Clock(step=0.2))
    with pytest.raises(BuildError) as raised:
        build(BuildOptions(source=site, output=tmp_path / "out", now=NOW, use_cache=False))
    assert pools == ["fork", "fork"]
    assert "templates/index.html:2" in str(raised.value)
    assert "division by zero" in str(raised.value)
    assert not (tmp_path / "out").exists()  # nothing half-built where the site goes


def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    made: list[str] = []
    real: Callable[..., Any] = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: Any, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        made.append(str(name))
        return real(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return made


def test_a_build_with_the_cache_compiles_no_template_an_earlier_build_compiled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The theme's templates come compiled (build/precompiled.py); a site's own are compiled
    once and kept in .cache/blog for the next build."""
    site = notes_site(tmp_path / "site", 3)
    own = site / "templates"
    own.mkdir()
    (own / "post.html").write_text(
        '{% extends "base.html" %}{% block content %}<p class="mine">{{ page.title }}</p>{% endblock %}\n',
        encoding="utf-8",
    )
    first = compiles(monkeypatch)
    build(BuildOptions(source=site, output=tmp_path / "out", now=NOW))
    assert first == ["post.html"]
    (own / "archives.html").write_text(
        '{% extends "base.html" %}{% block content %}<p class="own-archives"></p>{% endblock %}\n', encoding="utf-8"
    )
    monkeypatch.undo()
    again = compiles(monkeypatch)
    build(BuildOptions(source=site, output=tmp_path / "out", now=NOW))
    assert again == ["archives.html"]  # the new template only: post.html came from the cache
    assert 'class="mine"' in (tmp_path / "out" / "posts" / "note-1" / "index.html").read_text(encoding="utf-8")
    assert 'class="own-archives"' in (tmp_path / "out" / "archives" / "index.html").read_text(encoding="utf-8")


def test_without_the_cache_nothing_compiled_is_kept(tmp_path: Path) -> None:
    site = notes_site(tmp_path / "site", 2)
    build(BuildOptions(source=site, output=tmp_path / "out", now=NOW, use_cache=False))
    assert not (site / ".cache").exists()


def test_blog_start_method_spawn_renders_with_spawned_workers_to_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pools: list[str]
) -> None:
    """What Windows (no fork) and macOS (fork unsafe) run, run here: the same site, byte for byte."""
    monkeypatch.delenv("BLOG_START_METHOD", raising=False)
    monkeypatch.setattr(processes.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(render_stage, "time", Clock(step=0.2))  # a post: 0.2 s, worth a pool
    site = notes_site(tmp_path / "site", 12)
    build(BuildOptions(source=site, output=tmp_path / "forked", now=NOW, use_cache=False))
    assert pools and set(pools) == {"fork"}  # posts, then pages
    pools.clear()
    monkeypatch.setenv("BLOG_START_METHOD", "spawn")
    build(BuildOptions(source=site, output=tmp_path / "spawned", now=NOW, use_cache=False))
    assert pools == ["spawn"]  # posts in spawned workers; pages, which need the site, here
    forked = sorted(p.relative_to(tmp_path / "forked") for p in (tmp_path / "forked").rglob("*") if p.is_file())
    spawned = sorted(p.relative_to(tmp_path / "spawned") for p in (tmp_path / "spawned").rglob("*") if p.is_file())
    assert forked == spawned
    for relative in forked:
        assert (tmp_path / "forked" / relative).read_bytes() == (tmp_path / "spawned" / relative).read_bytes()


def test_macos_does_not_fork_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BLOG_START_METHOD", raising=False)
    monkeypatch.setattr(processes.sys, "platform", "darwin")
    assert not processes.can_fork()
    monkeypatch.setenv("BLOG_START_METHOD", "fork")
    assert processes.can_fork() == hasattr(os, "fork")


def test_an_unknown_start_method_stops_the_build_before_it_reads_anything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BLOG_START_METHOD", "forkk")
    with pytest.raises(BuildError) as raised:
        build(BuildOptions(source=tmp_path / "missing", output=tmp_path / "out", now=NOW, use_cache=False))
    assert str(raised.value) == "BLOG_START_METHOD: unknown process start method 'forkk' (fork or spawn, or unset)"
