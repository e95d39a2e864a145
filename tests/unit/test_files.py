"""Reading a regular file: an interruption while it is opened stays an interruption."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

import generator.files as files


def test_a_stop_while_the_file_object_is_made_is_not_turned_into_a_read_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The SIGTERM handler raises right after the file object took the descriptor: the build
    must see the stop, not "Bad file descriptor" from closing that descriptor a second time."""
    (tmp_path / "t.html").write_text("x", encoding="utf-8")

    def interrupted(fd: int, mode: str) -> NoReturn:
        with open(fd, mode):  # the file object owns fd now, and closes it as it goes
            raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "fdopen", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.read_regular(tmp_path / "t.html")


def test_a_file_that_is_not_regular_is_refused_and_its_descriptor_closed(tmp_path: Path) -> None:
    before = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    with pytest.raises(files.NotRegularFile):
        files.read_regular(tmp_path)
    if before is not None:
        assert len(os.listdir("/proc/self/fd")) == before
