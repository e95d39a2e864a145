"""The fixture the hardening tests share: a fresh copy of the basic site to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SITES


@pytest.fixture
def site(tmp_path: Path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(SITES / "basic", target, ignore=shutil.ignore_patterns("expected"))
    return target
