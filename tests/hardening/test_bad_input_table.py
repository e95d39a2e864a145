"""Every row of bad_inputs.ROWS through the CLI: the exact message, the exit code, and the
previous site left byte for byte as it was, with no staging or temporary file behind."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from bad_inputs import ROWS, Directory, Fifo, FileSpec, Large, Row, Symlink, Unreadable

from tests.conftest import SITES, run_cli, tree_digest

# path, optional :line, ": ", what is wrong, " (", what was expected, ")"
SHAPE = re.compile(r"^(?P<path>[^\s:][^:]*)(?::(?P<line>\d+))?: (?P<what>.+) \((?P<expected>.+)\)$")


def leftovers(folder: Path) -> list[str]:
    """Staging folders and in-place temporaries anywhere under folder (or beside it)."""
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob(".*")
        if ".staging-" in p.name or ".tmp-" in p.name or ".old-" in p.name
    )


def materialise(site: Path, name: str, spec: FileSpec) -> None:
    path = site / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(spec, (Symlink, Fifo)) and path.is_file():  # replaces a file of the fixture site
        path.unlink()
    if isinstance(spec, str):
        path.write_text(spec, encoding="utf-8")
    elif isinstance(spec, bytes):
        path.write_bytes(spec)
    elif isinstance(spec, Symlink):
        path.symlink_to(spec.target)
    elif isinstance(spec, Large):
        head = b"---\ntitle: \xe5\xb7\xa8\xe5\xa4\xa7\ndate: 2025-01-01\ntags: [a]\n---\n"
        line = "很长的一段文字，用来把文件撑到二十兆。\n".encode()
        with open(path, "wb") as handle:
            handle.write(head)
            handle.write(line * ((spec.size - len(head)) // len(line) + 1))
    elif isinstance(spec, Unreadable):
        path.write_bytes(spec.data)
        path.chmod(0)
    elif isinstance(spec, Fifo):
        os.mkfifo(path)
    elif isinstance(spec, Directory):
        path.mkdir()
    else:  # pragma: no cover - a new kind of row without a writer
        raise TypeError(spec)


@pytest.fixture(scope="module")
def good_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The basic site built once; each row starts from a copy of it as the previous good site."""
    site = tmp_path_factory.mktemp("good") / "site"
    shutil.copytree(SITES / "basic", site, ignore=shutil.ignore_patterns("expected"))
    result = run_cli("build", "--no-cache", "--source", site, "--output", site / "public", cwd=site)
    assert result.returncode == 0, result.stderr
    return site / "public"


def expected_lines(row: Row, site: Path) -> list[str | re.Pattern[str]]:
    return [e.replace("{site}", str(site)) if isinstance(e, str) else e for e in row.expect]


def error_lines(stderr: str) -> list[str]:
    """The lines after 'Build failed with N errors' that are not indented warnings."""
    lines = stderr.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("Build failed with ")]
    if not starts:
        return []
    return [line for line in lines[starts[0] + 1 :] if line and not line.startswith(" ")]


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_bad_input_row(row: Row, tmp_path: Path, good_output: Path) -> None:
    if row.needs_non_root and os.geteuid() == 0:
        pytest.skip("running as root: mode 000 does not stop root from reading (named-pipe-md covers 'unreadable')")
    site = tmp_path / "site"
    shutil.copytree(SITES / "basic", site, ignore=shutil.ignore_patterns("expected"))
    shutil.copytree(good_output, site / "public")
    for name, spec in row.files.items():
        materialise(site, name, spec)
    output = site / row.output
    before = tree_digest(output) if output.is_dir() else {"file": output.read_bytes().hex()} if output.exists() else {}
    public_before = tree_digest(site / "public")

    cache = () if row.cache else ("--no-cache",)
    result = run_cli("build", *cache, "--source", site, "--output", output, *row.args, cwd=site)

    assert result.returncode == row.exit_code, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line.strip() for line in result.stderr.splitlines()]
    for wanted in expected_lines(row, site):
        if isinstance(wanted, str):
            assert wanted in lines, f"missing line:\n{wanted}\nstderr:\n{result.stderr}"
        else:
            assert any(wanted.fullmatch(line) for line in lines), f"no line matches {wanted.pattern}:\n{result.stderr}"
    if row.exit_code:
        errors = error_lines(result.stderr)
        assert len(errors) == len(row.expect), f"every error of this build, and only those:\n{result.stderr}"
        plural = "error" if len(errors) == 1 else "errors"
        assert f"Build failed with {len(errors)} {plural}; " in result.stderr
        for line in errors:
            assert SHAPE.match(line), f"not 'path:line: what is wrong (what was expected)': {line}"
        after = (
            tree_digest(output) if output.is_dir() else {"file": output.read_bytes().hex()} if output.exists() else {}
        )
        assert after == before, "a failed build changed the previous output"
    for name in row.published:
        assert (output / name).is_file(), f"{name} was not published:\n{result.stderr}"
    if not row.published:
        assert tree_digest(site / "public") == public_before, "the previous public/ changed"
    assert leftovers(site) == []
    if row.output == "content/public":
        assert not output.exists()
