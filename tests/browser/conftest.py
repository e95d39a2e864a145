"""Headless Chromium (the Debian package, not Playwright's download) against `blog serve`."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e" / "serve"))

from serve_harness import ServeProcess, make_site


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path)


@pytest.fixture
def served(site: Path, tmp_path: Path) -> Iterator[ServeProcess]:
    process = ServeProcess(site, tmpdir=tmp_path / "tmp")
    try:
        process.wait_started()
        yield process
    finally:
        process.kill()
