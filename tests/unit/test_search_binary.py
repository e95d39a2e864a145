"""Pagefind comes with the package; the only search warnings left are for a binary that is missing or cannot run."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from generator import search


def _site(tmp_path: Path) -> Path:
    output = tmp_path / "public"
    output.mkdir()
    (output / "index.html").write_text("<html><body><main>你好</main></body></html>", encoding="utf-8")
    return output


@pytest.mark.parametrize(
    ("content", "mode", "reason"),
    [
        ("this is not a program\n", 0o644, "Permission denied"),
        ("\x00\x01 not an executable for this machine", 0o755, "Exec format error"),
    ],
)
def test_a_binary_that_cannot_run_is_named_in_one_clear_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, mode: int, reason: str
) -> None:
    binary = tmp_path / "pagefind_extended"
    binary.write_text(content, encoding="utf-8")
    binary.chmod(mode)
    monkeypatch.setattr(search, "find_pagefind", lambda: str(binary))
    output = _site(tmp_path)
    (problem,) = search.index_site(output, "site.toml")
    text = str(problem)
    assert not problem.is_error
    assert f"Pagefind at {binary} cannot run ({reason})" in text and "no search index" in text
    assert "pip install --force-reinstall 'pagefind[extended]'" in text
    assert not (output / "pagefind").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pagefind_extended", "public"]  # no half-made index left


def test_a_missing_binary_says_the_install_is_broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "find_pagefind", lambda: None)
    (problem,) = search.index_site(_site(tmp_path), "site.toml")
    assert "Pagefind is missing" in str(problem) and "search = false" in str(problem)


def test_the_installed_pagefind_runs(tmp_path: Path) -> None:
    """It is a dependency now: not finding it is a broken environment, not a reason to skip."""
    executable = search.find_pagefind()
    assert executable is not None
    assert Path(executable).stat().st_mode & stat.S_IXUSR
    output = _site(tmp_path)
    assert search.index_site(output, "site.toml") == []
    assert (output / "pagefind" / "pagefind.js").is_file()
