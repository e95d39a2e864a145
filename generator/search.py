"""Full-text search with Pagefind, run over the built site.

Pagefind (PyPI `pagefind[extended]`, whose binary segments Chinese words) builds a
chunked index that the browser loads piece by piece, so search works offline from static
files without shipping the whole text of the blog. It is a dependency of the package, so
`pip install` brings it; a binary that is missing or cannot run on this machine is a
warning naming it, and the site is published without search.
"""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from .errors import Diagnostic, warning

BUNDLE = "pagefind"
TIMEOUT_SECONDS = 600
REINSTALL = "pip install --force-reinstall 'pagefind[extended]'"


@lru_cache(maxsize=1)
def find_pagefind() -> str | None:
    """The Pagefind binary: the extended build (Chinese segmentation) first."""
    for module in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            found = __import__(module).get_executable()
        except (ImportError, FileNotFoundError, OSError):
            continue
        return str(found)
    return shutil.which("pagefind_extended") or shutil.which("pagefind")


def index_site(
    output: Path, config_source: str, started: Callable[[subprocess.Popen[str]], None] | None = None
) -> list[Diagnostic]:
    """Index `output` into a fresh folder, then swap it in as output/pagefind/.

    `started` receives the Pagefind process, so a caller running this in the background
    (blog serve --search) can stop it when the user presses Ctrl-C.
    """
    executable = find_pagefind()
    if executable is None:
        return [
            warning(
                config_source,
                None,
                "search is on but Pagefind is missing (blog-generator depends on it: a broken install?), "
                "so the site has no search index",
                f"{REINSTALL}, or search = false in site.toml",
            )
        ]
    fresh = output.parent / f".{output.name}.{BUNDLE}-{uuid.uuid4().hex[:8]}"
    command = [executable, "--site", str(output), "--output-path", str(fresh), "--silent"]
    command += ["--exclude-selectors", ".heading-anchor", "--exclude-selectors", ".footnote-backref"]
    try:
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
            if started is not None:
                started(process)
            out, err = process.communicate(timeout=TIMEOUT_SECONDS)
    except OSError as exc:  # there, but not a program this machine can run (wrong platform, no exec bit, …)
        shutil.rmtree(fresh, ignore_errors=True)
        reason = exc.strerror or str(exc)
        return [
            warning(
                config_source,
                None,
                f"Pagefind at {executable} cannot run ({reason}), so the site has no search index",
                f"a Pagefind binary for this machine: {REINSTALL}, or search = false in site.toml",
            )
        ]
    except subprocess.TimeoutExpired as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        return [warning(config_source, None, f"search index not updated: {exc}", "a working Pagefind binary")]
    if process.returncode != 0 or not fresh.is_dir():
        shutil.rmtree(fresh, ignore_errors=True)
        detail = (err or out).strip().splitlines()[-1:] or ["no output"]
        return [
            warning(
                config_source,
                None,
                f"search index not updated: Pagefind failed ({detail[0]})",
                "a site Pagefind can index",
            )
        ]
    target = output / BUNDLE
    old = output.parent / f".{output.name}.{BUNDLE}-old-{uuid.uuid4().hex[:8]}"
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return []


def needs_index(output: Path, changed: list[str]) -> bool:
    return not (output / BUNDLE).is_dir() or any(name.endswith(".html") for name in changed)
