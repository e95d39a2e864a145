#!/usr/bin/env python3
"""Median µs per formula over the gallery (tests/math/gallery.py), before and after math-core.

    python bench/bench_math.py [--rounds 7]

before   latex2mathml.converter.convert per formula (the engine the generator used until
         issue #11), with the old aliases; needs `pip install latex2mathml`
after    generator.math.formulas.convert_formulas, one formula at a time (its cross-post memory
         emptied before each round)
after-post  the whole gallery converted as one post's batch, divided by its formula count

Also prints how many gallery formulas each converts without raising: latex2mathml's count
includes output that is silently wrong (tests/unit/test_formulas.py names those cases).
Figures, not assertions: the machine is noisy, so compare the rows of one run.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "math"))

from gallery import formulas  # noqa: E402

from generator.math.formulas import convert_formulas, forget_remembered  # noqa: E402

_OLD_ALIASES = {
    "arg": r"\operatorname{arg}",
    "bm": r"\boldsymbol",
    "R": r"\mathbb{R}",
    "N": r"\mathbb{N}",
    "Z": r"\mathbb{Z}",
}
_OLD_ALIAS_RE = re.compile(r"\\(" + "|".join(_OLD_ALIASES) + r")(?![A-Za-z])")


def per_formula_us(convert: Callable[[str, bool], object], items: list[tuple[str, bool]], rounds: int) -> float:
    """Median over rounds of (time for all items / item count), in µs; nothing remembered."""
    samples = []
    for _ in range(rounds):
        forget_remembered()
        start = time.perf_counter()
        for tex, display in items:
            with contextlib.suppress(Exception):  # a failure costs time too; counted separately
                convert(tex, display)
        samples.append((time.perf_counter() - start) / len(items) * 1e6)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    items = [(tex, display) for _, tex, display in formulas()]
    print(f"gallery: {len(items)} formulas, {args.rounds} rounds, median µs per formula")

    try:
        from latex2mathml.converter import convert as l2m
    except ImportError:
        l2m = None
    if l2m is not None:

        def before(tex: str, display: bool) -> str:
            source = _OLD_ALIAS_RE.sub(lambda m: _OLD_ALIASES[m.group(1)], tex.strip())
            return str(l2m(source, display="block" if display else "inline"))

        failed = 0
        for tex, display in items:
            try:
                before(tex, display)
            except Exception:
                failed += 1
        print(f"  before (latex2mathml)   {per_formula_us(before, items, args.rounds):8.1f} µs   raised on {failed}")
    else:
        print("  before (latex2mathml)   not installed (pip install latex2mathml)")

    def after(tex: str, display: bool) -> object:
        return convert_formulas([(tex, display)])

    problems = sum(1 for result in convert_formulas(items) if result.problem)
    single = per_formula_us(after, items, args.rounds)
    print(f"  after (math-core)       {single:8.1f} µs   shown as TeX: {problems}")
    batch = []
    for _ in range(args.rounds):
        forget_remembered()
        start = time.perf_counter()
        convert_formulas(items)
        batch.append((time.perf_counter() - start) / len(items) * 1e6)
    print(f"  after, one post batch   {statistics.median(batch):8.1f} µs")


if __name__ == "__main__":
    main()
