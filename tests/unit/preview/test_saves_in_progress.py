"""When does `blog serve` take an empty post file for a save under way, and when for an emptied post?"""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

from generator.content.loader import SourceEntry
from generator.preview.app import EMPTY_GRACE_SECONDS, Session


def session_with(tmp_path: Path) -> tuple[Session, str]:
    post = tmp_path / "content" / "posts" / "a.md"
    post.parent.mkdir(parents=True)
    post.write_bytes(b"")  # truncated: the write has not come yet
    session = Session(SimpleNamespace(), SimpleNamespace())  # type: ignore[arg-type]
    session.cache.live = SimpleNamespace(config=SimpleNamespace(root=tmp_path))
    session.cache.sources["content/posts/a.md"] = SourceEntry((120, 1, 1), None, ())
    return session, str(post)


def test_an_empty_file_nobody_writes_is_emptied_after_the_grace(tmp_path: Path) -> None:
    session, raw = session_with(tmp_path)
    assert session.saves_in_progress(frozenset([raw]), 100.0) == {raw}
    assert session.saves_in_progress(frozenset([raw]), 100.0 + EMPTY_GRACE_SECONDS / 2) == {raw}
    assert session.saves_in_progress(frozenset([raw]), 100.0 + EMPTY_GRACE_SECONDS) == frozenset()
    assert "content/posts/a.md" in session.cache.emptied


def test_a_file_written_between_empty_samples_is_still_being_saved(tmp_path: Path) -> None:
    """A save storm on a loaded machine: every sample lands in a gap, but each gap is a new save."""
    session, raw = session_with(tmp_path)
    for step in range(10):
        os.utime(raw, ns=(step * 10**9, step * 10**9))  # truncated again since the last sample
        now = 100.0 + step * EMPTY_GRACE_SECONDS / 2
        assert session.saves_in_progress(frozenset([raw]), now) == {raw}
    assert session.cache.emptied == set()
