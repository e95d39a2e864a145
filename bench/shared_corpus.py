"""Where the shared corpus generator lives: ../shared/bench/ beside the repository.

Searched upwards from the repository, so the scripts work from the main checkout
(/work/main -> /work/shared) and from a worktree nested one level deeper; MAKE_CORPUS in
the environment overrides both.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def make_corpus_script() -> Path:
    override = os.environ.get("MAKE_CORPUS")
    if override:
        return Path(override)
    for folder in REPO.parents:
        candidate = folder / "shared" / "bench" / "make_corpus.py"
        if candidate.is_file():
            return candidate
    return REPO.parent / "shared" / "bench" / "make_corpus.py"  # named in the error message
