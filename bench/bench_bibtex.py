#!/usr/bin/env python3
"""Reading a 300-entry references.bib: the BibTeX libraries we chose between, in CPU seconds.

    python bench/bench_bibtex.py [--entries 300]

Measures pybtex (what content/bibliography.py uses: parse, then decoding only what a post
cites, or every entry), and bibtexparser 1.x/2.x when installed, on the same generated file
(accents, a Chinese name and title, brace-protected capitals, @string macros joined with #,
month macros). Each figure is the best of five runs of time.process_time(); it also prints what
each library made of the tricky entry, which is what decided as much as speed did.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

TRICKY = r"""@article{tricky,
  author = {M{\"u}ller, J{\"o}rg and Ren\'e Descartes and 何恺明 and Kaiser, {\L}ukasz},
  title = {{BERT}: Pre-training of Deep {Transformers} for 中文 理解},
  journal = neurips # " 30",
  year = 2019,
  month = jun,
}
"""


def corpus(entries: int) -> str:
    parts = ['@string{neurips = "Advances in Neural Information Processing Systems"}\n', TRICKY]
    for i in range(entries - 1):
        parts.append(
            f"@inproceedings{{key{i},\n  author = {{Vaswani, Ashish and Shazeer, Noam and Kaiser, {{\\L}}ukasz}},\n"
            f"  title = {{Attention Is All You Need {i}: the {{Transformer}}}},\n  booktitle = neurips,\n"
            f"  year = {{{2000 + i % 25}}},\n  month = dec,\n  eprint = {{1706.03762}},\n  archivePrefix = {{arXiv}},\n}}\n"
        )
    return "\n".join(parts)


def best(job: Callable[[], Any], runs: int = 5) -> tuple[float, Any]:
    fastest, result = float("inf"), None
    for _ in range(runs):
        start = time.process_time()
        result = job()
        fastest = min(fastest, time.process_time() - start)
    return fastest, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=300)
    text = corpus(parser.parse_args().entries)

    from generator.content.bibliography import parse_bib

    seconds, entries = best(lambda: parse_bib(text, "references.bib"))
    print(f"pybtex parse: {seconds:.3f} s CPU")

    def decode_all() -> list[Any]:
        parsed = parse_bib(text, "references.bib")
        return [parsed[key] for key in parsed]

    seconds, _ = best(decode_all)
    print(f"pybtex parse + decode every entry: {seconds:.3f} s CPU")
    tricky = entries["tricky"]
    print(f"  {[a.full for a in tricky.authors]} | {tricky.title} | {tricky.venue}")
    try:
        import bibtexparser
    except ImportError:
        print("bibtexparser: not installed")
        return
    if hasattr(bibtexparser, "parse_string"):  # 2.x
        from bibtexparser import middlewares as m

        layers = [m.LatexDecodingMiddleware(), m.MonthIntMiddleware(True), m.SeparateCoAuthors(), m.SplitNameParts()]
        seconds, library = best(lambda: bibtexparser.parse_string(text, append_middleware=layers), 3)
        fields = library.entries_dict["tricky"].fields_dict
        print(f"bibtexparser {bibtexparser.__version__}: {seconds:.3f} s CPU with LaTeX decoding")
        print(f"  {fields['author'].value} | {fields['title'].value} | {fields['journal'].value}")
    else:  # 1.x
        from bibtexparser.bparser import BibTexParser
        from bibtexparser.customization import convert_to_unicode

        def parse() -> Any:
            reader = BibTexParser(common_strings=True)
            reader.customization = convert_to_unicode
            return bibtexparser.loads(text, reader)

        seconds, database = best(parse, 3)
        entry = database.entries_dict["tricky"]
        print(f"bibtexparser {bibtexparser.__version__}: {seconds:.3f} s CPU with convert_to_unicode")
        print(f"  {entry['author']} | {entry['title']} | {entry['journal']}")


if __name__ == "__main__":
    main()
