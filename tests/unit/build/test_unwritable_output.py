"""An output folder the system will not let the build write: a message naming it, never a
traceback, and nothing changed or left behind.

Found by building real blogs into a read-only mount and a full one (`-o` on a tmpfs): the
folder creation and the search index's background process raised OSError past every message.
Without root (CI), the tests fake what the system says."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from generator.build.pipeline import BuildOptions, build
from generator.errors import BuildError
from generator.search import background as search
from tests.conftest import notes_site, tree_digest


def test_an_output_folder_on_a_read_only_disk_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = notes_site(tmp_path / "site", 30)  # enough posts for the background search index
    monkeypatch.setattr(search, "BLOCK_TARGET_FOR_BACKGROUND", 0)
    read_only = tmp_path / "mnt"
    read_only.mkdir()
    real_mkdir = Path.mkdir

    def refused(self: Path, *args: object, **kwargs: object) -> None:
        if self.is_relative_to(read_only):
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        real_mkdir(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "mkdir", refused)
    with pytest.raises(BuildError) as raised:
        build(BuildOptions(source=site, output=read_only / "public", use_cache=False))
    assert str(raised.value) == (
        f"{read_only / 'public'}: cannot make the output folder: Read-only file system"
        " (a folder on a disk you can write to)"
    )
    assert list(read_only.iterdir()) == []


@pytest.mark.skipif(not search.can_fork(), reason="the index is built in the background by a forked process only")
def test_a_background_index_that_fails_is_made_again_in_line_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    site = notes_site(tmp_path / "site", 30)
    monkeypatch.setattr(search, "BLOCK_TARGET_FOR_BACKGROUND", 0)
    expected = tree_digest(build(BuildOptions(source=site, output=tmp_path / "clean", use_cache=False)).output)
    this_process = os.getpid()
    real_take = search._take_blocks

    def full_disk_there(*args: object) -> object:
        if os.getpid() != this_process:  # only in the forked indexer
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_take(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(search, "_take_blocks", full_disk_there)
    capfd.readouterr()
    report = build(BuildOptions(source=site, output=tmp_path / "out", use_cache=False))
    assert "Traceback" not in capfd.readouterr().err
    assert tree_digest(report.output) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean", "out", "site"]


def test_any_other_refusal_of_the_system_is_a_message_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last line of defence in `blog build`: an OSError no stage turned into a message."""
    from click.testing import CliRunner

    import generator.build.entry
    from generator.cli import main

    site = notes_site(tmp_path / "site", 1)

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(site / ".cache" / "blog" / "index.pickle"))

    monkeypatch.setattr(generator.build.entry, "build_or_replay", refused)
    result = CliRunner().invoke(main, ["build", "--source", str(site)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{site / '.cache' / 'blog' / 'index.pickle'}: Permission denied" in result.output


def test_a_site_folder_whose_cache_cannot_be_written_is_built_without_it(tmp_path: Path) -> None:
    """A read-only checkout (Nix, a CI workspace mounted read-only), here a file where the cache
    folder must go: the site is built as with --no-cache, and a warning says why."""
    site = notes_site(tmp_path / "site", 3)
    (site / ".cache").write_text("not a folder", encoding="utf-8")
    before = tree_digest(site)
    report = build(BuildOptions(source=site, output=tmp_path / "out"))
    clean = build(BuildOptions(source=site, output=tmp_path / "clean", use_cache=False))
    assert tree_digest(report.output) == tree_digest(clean.output)
    [warned] = [str(w) for w in report.warnings]
    assert warned.startswith(f"{(site / '.cache' / 'blog').resolve()}: cannot write the build cache (")
    assert warned.endswith("); built without it, as with --no-cache (a site folder you can write to)")
    assert tree_digest(site) == before  # nothing written in the site
