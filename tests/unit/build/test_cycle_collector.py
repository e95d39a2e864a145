"""A build runs without Python's cycle collector; it comes back on unless the process is ending."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from generator.build.entry import build_or_replay
from generator.build.pipeline import BuildOptions
from tests.conftest import notes_site


@pytest.fixture(autouse=True)
def collector_on() -> object:
    gc.enable()
    yield
    gc.enable()  # whatever a test left, the rest of the suite runs with it on


@pytest.mark.parametrize("holding", [False, True])
def test_the_collector_stays_off_only_for_a_process_that_ends_without_freeing(tmp_path: Path, holding: bool) -> None:
    """The CLI holds the site and exits without freeing it: turning the collector back on would
    make its first pass walk every object the build made (0.15 s at 10,000 posts). blog serve
    and other callers, which live on, get it back."""
    site = notes_site(tmp_path / "site", 3)
    held: list[object] = []
    build_or_replay(BuildOptions(source=site, output=tmp_path / "out"), hold=held if holding else None)
    assert bool(held) is holding
    assert gc.isenabled() is not holding
