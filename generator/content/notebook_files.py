"""What the rest of the build knows of notebooks without reading one: the suffix, the size
limit, the metadata file pelican-ipynb keeps beside a notebook, and the container its outputs
are written in for the Markdown renderer (markdown/outputs.py).

Apart from the notebook reader (notebook.py), which with its output renderers, nh3 and
Quarto's cell options is imported only when a site has a notebook: 10 ms of every build's
start before.
"""

from __future__ import annotations

import os
import stat

from generator.files import NotRegularFile, read_regular

NOTEBOOK_SUFFIX = ".ipynb"
MAX_NOTEBOOK_BYTES = 100 * 1024 * 1024  # plots make notebooks far larger than prose
OUTPUT_CONTAINER = "nb-output"  # the `::: nb-output` fence around a Markdown or LaTeX output
SIDECAR_SUFFIX = "-meta"  # pelican-ipynb's metadata file: `x.ipynb-meta` beside `x.ipynb`
MAX_SIDECAR_BYTES = 64 * 1024


def sidecar_state(notebook_file: str) -> tuple[int, int, int] | None:
    """Size, mtime and inode of the notebook's `.ipynb-meta`, if it has one: part of what says
    the notebook changed, since its metadata lives there."""
    try:
        info = os.stat(notebook_file + SIDECAR_SUFFIX)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def read_sidecar(notebook_file: str) -> bytes | None:
    """The `.ipynb-meta` beside a notebook, or None (none, unreadable, or too large to be metadata)."""
    try:
        data = read_regular(notebook_file + SIDECAR_SUFFIX, MAX_SIDECAR_BYTES)
    except (OSError, NotRegularFile):
        return None
    return data if len(data) <= MAX_SIDECAR_BYTES else None
