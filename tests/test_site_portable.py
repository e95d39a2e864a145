"""tests/sites/portable: names that Windows refuses (CON, aux, a trailing dot, ':') and tags that
used to merge (C, C++, C#), built through the CLI; a Windows checker written here, apart from the
generator's own rule, walks the output as a Windows checkout would."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run

# What Windows refuses, written out from its documentation (Naming Files, Paths, and Namespaces).
DEVICES = re.compile(r"(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\s*\..*)?", re.IGNORECASE)
REFUSED = set('<>:"/\\|?*') | {chr(n) for n in range(32)}
# MAX_PATH is 260; a checkout at C:\Users\<name>\Documents\blog\public\ uses about 45 of them.
LONGEST = 260 - 45


def windows_objections(public: Path) -> list[str]:
    objections: list[str] = []
    seen: dict[str, str] = {}
    for path in sorted(public.rglob("*")):
        relative = path.relative_to(public).as_posix()
        name = path.name
        if DEVICES.fullmatch(name):
            objections.append(f"{relative}: device name")
        if REFUSED & set(name):
            objections.append(f"{relative}: refused character")
        if name.endswith((".", " ")):
            objections.append(f"{relative}: trailing dot or space")
        if len(relative) > LONGEST:
            objections.append(f"{relative}: longer than MAX_PATH allows")
        other = seen.setdefault(relative.casefold(), relative)
        if other != relative:
            objections.append(f"{relative}: same file as {other} when case is ignored")
    return objections


@pytest.mark.skipif(sys.platform != "linux", reason="these names cannot be made on Windows, nor both cases on macOS")
def test_windows_checker_objects_to_what_windows_refuses(tmp_path: Path) -> None:
    for name in ["CON", "aux.txt", "v1.", "Notes", "notes"]:
        (tmp_path / name).mkdir()
    assert len(windows_objections(tmp_path)) == 4


def test_the_site_builds_to_output_a_windows_checkout_accepts(
    copy_site: Callable[[str], Path], cli: Callable[..., Run]
) -> None:
    site = copy_site("portable")
    run = cli("build", "-s", site)
    assert run.returncode == 0, run.stderr
    public = site / "public"
    assert windows_objections(public) == []
    tags = sorted(p.name for p in (public / "tags").iterdir() if p.is_dir())
    assert tags == [
        "a-b", "aux-", "c", "c-plus-plus", "c-sharp", "com1-", "con-", "f-sharp",
        "lpt9-", "notepad-plus-plus", "nul-.txt", "pytorch", "v1",
    ]  # fmt: skip
    assert "<title>标签：C++ " in (public / "tags/c-plus-plus/index.html").read_text(encoding="utf-8")
    c_page = (public / "tags/c/index.html").read_text(encoding="utf-8")
    assert "C 入门" in c_page and "C++ 模板" not in c_page and "LINQ" not in c_page
    assert (public / "posts/aux-/index.html").is_file() and (public / "series/prn-/index.html").is_file()
    said = run.stdout + run.stderr
    assert "tag 'C#' has the same URL /tags/c-sharp/ as tag 'C-sharp'" in said
    assert "aliases /old/about./ is not written" in said
    assert "aliases /posts/Devices/ is not written: it differs only in case from the URL of this post" in said
    assert "PyTorch" not in said  # case alone merges without a word
