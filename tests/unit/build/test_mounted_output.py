"""An output folder that cannot be swapped for the staged site: a mount point (Docker's `-v
$PWD/public:/blog/public`, a network share), on another disk than the folder above it.

A first build stages the site beside the output folder and renames it into place; a mount
point cannot be renamed (EBUSY), and a rename from its parent's disk into it fails (EXDEV).
Mounting needs root, so the tests fake what the system says: `os.path.ismount`, and the
errors `os.rename` and `os.replace` give."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import generator.build.write as write
from generator.build import output as output_module
from generator.build.pipeline import BuildOptions, build
from generator.errors import BuildError
from generator.search import background as search
from tests.conftest import notes_site, tree_digest


def mounted(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """`folder` is a mount point: it cannot be renamed, and nothing renames into it from outside."""
    real_ismount, real_rename, real_replace = os.path.ismount, os.rename, os.replace

    def ismount(path: str | os.PathLike[str]) -> bool:
        return Path(path) == folder or real_ismount(path)

    def inside(path: str | os.PathLike[str]) -> bool:
        return Path(path).is_relative_to(folder)

    def rename(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        if Path(source) == folder:
            raise OSError(errno.EBUSY, "Device or resource busy")
        if inside(source) != inside(target):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real_rename(source, target)

    def replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        if inside(source) != inside(target):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real_replace(source, target)

    monkeypatch.setattr(os.path, "ismount", ismount)
    monkeypatch.setattr(os, "rename", rename)
    monkeypatch.setattr(os, "replace", replace)


def test_a_first_build_into_a_mount_point_fills_it_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = notes_site(tmp_path / "site", 30)  # enough posts for the background search index
    monkeypatch.setattr(search, "BLOCK_TARGET_FOR_BACKGROUND", 0)
    clean = build(BuildOptions(source=site, output=tmp_path / "clean", use_cache=False)).output
    public = tmp_path / "public"
    build(BuildOptions(source=site, output=public, use_cache=False))  # an earlier site is there
    (public / "posts" / "removed-since").mkdir()
    (public / "posts" / "removed-since" / "index.html").write_text("old", encoding="utf-8")
    mounted(monkeypatch, public)
    report = build(BuildOptions(source=site, output=public, use_cache=False))
    assert tree_digest(public) == tree_digest(clean)  # the old page is gone, every new one is there
    assert "posts/removed-since/index.html" in report.removed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean", "public", "site"]  # no staging left beside it
    again = build(BuildOptions(source=site, output=public))  # with the cache: in place, as always
    assert tree_digest(public) == tree_digest(clean)
    assert again.posts == 30


def test_an_output_folder_that_cannot_be_renamed_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not a mount point by the system's word, and still not renamable (a folder in use on
    Windows, a bind mount ismount does not see): the build says so and changes nothing."""
    site = notes_site(tmp_path / "site", 3)
    public = tmp_path / "public"
    build(BuildOptions(source=site, output=public, use_cache=False))
    before = tree_digest(public)
    real_rename = os.rename

    def busy(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        if Path(source) == public:
            raise OSError(errno.EBUSY, "Device or resource busy")
        real_rename(source, target)

    monkeypatch.setattr(output_module.os, "rename", busy)
    with pytest.raises(BuildError) as raised:
        build(BuildOptions(source=site, output=public, use_cache=False))
    assert f"{public}: cannot replace the output folder: Device or resource busy" in str(raised.value)
    assert tree_digest(public) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public", "site"]


def test_only_a_first_build_looks_for_a_mount_point(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build over a site its cache describes updates it in place anyway: no walk of the folder."""
    site = notes_site(tmp_path / "site", 3)
    public = tmp_path / "public"
    build(BuildOptions(source=site, output=public))
    walked: list[Path] = []
    real_files_in = write._files_in
    monkeypatch.setattr(write, "_files_in", lambda folder: walked.append(folder) or real_files_in(folder))
    mounted(monkeypatch, public)
    (site / "content" / "posts" / "note-0.md").write_text(
        "---\ntitle: 改过\ndate: 2025-02-01\n---\n\n新的一段。\n", encoding="utf-8"
    )
    build(BuildOptions(source=site, output=public))
    assert walked == []
    assert "新的一段" in (public / "posts" / "note-0" / "index.html").read_text(encoding="utf-8")
