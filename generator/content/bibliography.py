"""BibTeX files into the entries a post cites, read with pybtex.

Why pybtex (measured on a 300-entry file, bench/bench_bibtex.py): it parsed in 0.14 s of CPU
where bibtexparser 2.1 took 0.70 s with its LaTeX decoding and bibtexparser 1.4 0.81 s;
pybtex alone joined `@string` macros with `#`, read `month = jun`, and its errors carry the
line. It is imported only when a site has a bibliography: a blog without one pays nothing.

A post's citations become part of its cache key (`Cited`): the entries it cites, not the
whole file, so editing one entry re-renders only the posts that cite it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from generator.config.settings import SiteConfig
from generator.content.bibtex_text import FieldLink, linked_text, plain_backend, url_text
from generator.content.loader import body_of
from generator.content.model import Post
from generator.errors import Diagnostic, error, shown_path, warning
from generator.files import read_regular
from generator.patterns import lazy_pattern

SITE_BIBLIOGRAPHY = "references.bib"  # at the site root, seen by every post
SCHOLAR_FOLDER = "_bibliography"  # jekyll-scholar's folder, copied beside site.toml: every .bib in it too
CITATION_STYLES = ("numeric", "author-year")
# Pandoc-crossref and our own labels: @fig:x is a figure, never a citation.
# Label prefixes of cross-references (`@fig:x`, `\ref{thm:x}`), never citation keys: the one list,
# which math/syntax.py and markdown/crossref.py read too.
CROSSREF_PREFIXES = frozenset(
    {"fig", "tbl", "eq", "sec", "alg", "thm", "lem", "def", "prop", "prp", "cor", "exm", "rem"}
)
# A key as pandoc reads it: a letter, digit or _ first, inner punctuation allowed, none at the end.
KEY = r"[\w](?:[\w:.#$%&+?<>~/-]*[\w])?"
_CANDIDATE = lazy_pattern(r"@(" + KEY + r")|\\cite[pt]?\*?(?:\[[^\]]*\]){0,2}\{([^}]*)\}")
_ARXIV_IN_TEXT = lazy_pattern(
    r"arXiv:\s*([0-9]{4}\.[0-9]{4,5}|[a-z-]+(?:\.[A-Z]{2})?/[0-9]{7})(?:v\d+)?", re.IGNORECASE
)
_DOI_PREFIX = lazy_pattern(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


@cache
def _cjk() -> re.Pattern[str]:
    """Compiled when a citation is first read: its Unicode ranges cost 2.6 ms, a tenth of what a
    one-post build spends on its own regular expressions."""
    return re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True, slots=True)
class Author:
    """A name as BibTeX splits it: Chinese names are cited family name first, without a space."""

    given: str
    family: str

    @property
    def is_cjk(self) -> bool:
        return bool(_cjk().search(self.family + self.given))

    @property
    def full(self) -> str:
        """何恺明 for a Chinese name (family first, no space); Ashish Vaswani otherwise."""
        if self.is_cjk:
            return self.family + self.given
        return f"{self.given} {self.family}".strip()


@dataclass(frozen=True, slots=True)
class Entry:
    """One work, its LaTeX decoded: what a reference line and a citation label are made from."""

    key: str
    kind: str  # article, inproceedings, misc, ...
    authors: tuple[Author, ...]
    title: str
    venue: str
    year: str
    volume: str = ""
    number: str = ""
    pages: str = ""
    publisher: str = ""
    doi: str = ""
    arxiv: str = ""
    url: str = ""
    links: tuple[FieldLink, ...] = ()  # the `\\url{}`s and `\\href{}`s of the fields shown, to be linked


@dataclass(frozen=True, slots=True)
class Cited:
    """What one post's citations are rendered from; part of its cache key.

    `entries` holds every key the post might cite (each `@word` and `\\cite{}` key in its body)
    with its entry, or None where no bibliography the post sees has it.
    """

    style: str
    entries: tuple[tuple[str, Entry | None], ...]

    def get(self, key: str) -> Entry | None:
        return dict(self.entries).get(key)

    def as_mapping(self) -> Mapping[str, Entry | None]:
        return dict(self.entries)


class BibProblem(Exception):
    """A .bib file that cannot be read: the diagnostic says where."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


def candidate_keys(body: str) -> set[str]:
    """Every word that could be a citation key in a body, cheaply (a regex, no parse)."""
    if "@" not in body and "\\cite" not in body:
        return set()
    found: set[str] = set()
    for match in _CANDIDATE.finditer(body):
        if match.group(1) is not None:
            key = match.group(1)
            if key.split(":", 1)[0] not in CROSSREF_PREFIXES or ":" not in key:
                found.update((key, before_cjk(key)))
        else:
            found.update(part.strip() for part in match.group(2).split(",") if part.strip())
    return found


class Entries(Mapping[str, Entry]):
    """A file's entries by key, each decoded from LaTeX when first asked for: a post cites a
    few of a file's hundreds (decoding all 300 of a test file took 0.4 s of CPU, parsing 0.14 s)."""

    def __init__(self, raw: Mapping[str, Any], warnings: tuple[Diagnostic, ...] = ()) -> None:
        self._raw = raw
        self._done: dict[str, Entry] = {}
        self.warnings = warnings  # what was left out of the file, and what was kept instead

    def __getitem__(self, key: str) -> Entry:
        entry = self._done.get(key)
        if entry is None:
            entry = self._done[key] = _entry(key, self._raw[key])
        return entry

    def __contains__(self, key: object) -> bool:
        return key in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


def before_cjk(word: str) -> str:
    """`he2016` of `he2016提出`: Chinese text puts no space after a key, and CJK letters are word
    characters, so `@he2016提出` is read as the key before the first CJK character when the whole is none."""
    cut = _cjk().search(word)
    return word[: cut.start()] if cut else word


def parse_bib(text: str, source: str) -> Entries:
    """The entries of one .bib file's text; raise BibProblem naming source and line.

    A repeated key, a repeated field and an author list that cannot be split into names are
    warnings, as BibTeX, jekyll-scholar and bibtex-ruby treat them: one such slip in a file of
    hundreds of entries (seen in real blogs, 15 repeated keys in one) must not stop the build.
    """
    from pybtex.scanner import PybtexSyntaxError

    parser = _lenient_parser()()
    try:
        data = parser.parse_string(text)
    except PybtexSyntaxError as exc:
        raise BibProblem(_bib_error(source, exc.lineno, exc)) from None
    except Exception as exc:  # pybtex raises its PybtexError without a line
        raise BibProblem(_bib_error(source, None, exc)) from None
    return Entries(data.entries, tuple(_kept_warning(text, source, slip) for slip in parser.slips))


@dataclass(frozen=True, slots=True)
class Slip:
    """Something BibTeX warns about and reads past: what it was, in which entry, and what was kept."""

    kind: str  # "key" (the entry is repeated), "field" (a field is repeated), "names" (a name list)
    key: str
    field: str = ""
    nth: int = 1  # which repetition of the key (1: its second entry), which writing of the field (2: its second)
    detail: str = ""


@cache
def _lenient_parser() -> type:
    """pybtex's parser reading past what BibTeX reads past; a class made when first needed, so that
    pybtex is imported only by a site with a bibliography."""
    from pybtex import textutils
    from pybtex.bibtex.utils import split_name_list
    from pybtex.database import Entry as BibEntry
    from pybtex.database import Person
    from pybtex.database.input.bibtex import Parser
    from pybtex.exceptions import PybtexError

    class Lenient(Parser):  # type: ignore[misc]
        """Keeps a repeated key's first entry and a repeated field's first value (BibTeX's rule),
        and a name list that does not split as one name, written as it is; each noted in `slips`."""

        def __init__(self) -> None:
            super().__init__()
            self.slips: list[Slip] = []

        def process_entry(self, entry_type: str, key: str | None, fields: list[tuple[str, list[str]]]) -> None:
            if key is None or key not in self.data.entries:
                self.data.add_entry(key, self._entry(entry_type, key or "", fields))
                return
            nth = 1 + sum(1 for slip in self.slips if slip.kind == "key" and slip.key.lower() == key.lower())
            self.slips.append(Slip("key", key, nth=nth))

        def _entry(self, entry_type: str, key: str, fields: list[tuple[str, list[str]]]) -> Any:
            entry = BibEntry(entry_type)
            seen: dict[str, int] = {}  # field name -> how many times written so far
            for name, parts in fields:
                seen[name.lower()] = seen.get(name.lower(), 0) + 1
                if seen[name.lower()] > 1:
                    self.slips.append(Slip("field", key, name, nth=seen[name.lower()]))
                    continue
                value = textutils.normalize_whitespace(self.flatten_value_list(parts))
                if name not in self.person_fields:
                    entry.fields[name] = value
                    continue
                try:
                    people = [Person(one) for one in split_name_list(value)]
                except PybtexError as exc:
                    self.slips.append(Slip("names", key, name, detail=str(exc)))
                    people = [Person(last=value)]  # shown as written
                for person in people:
                    entry.add_person(person, name)
            return entry

    return Lenient


def _kept_warning(text: str, source: str, slip: Slip) -> Diagnostic:
    """A slip as BibTeX reports it: where, and what the build kept."""
    starts = _entry_starts(text, slip.key)
    first = _line_at(text, starts[0]) if starts else None
    if slip.kind == "key":
        line = _line_at(text, starts[slip.nth]) if len(starts) > slip.nth else None
        kept = f"the first, at line {first}," if first is not None else "the first"
        return warning(
            source,
            line,
            f"repeated bibliography entry '{slip.key}': {kept} is kept and this one skipped",
            "one entry per key",
        )
    line = _field_line(text, starts[0] if starts else 0, slip.field, slip.nth) or first
    if slip.kind == "field":
        return warning(
            source,
            line,
            f"entry '{slip.key}' has the '{slip.field}' field twice: the first value is kept and this one skipped",
            "one value per field",
        )
    return warning(
        source,
        line,
        f"the {slip.field} list of '{slip.key}' cannot be split into names ({slip.detail}): shown as written",
        "names joined by 'and': Family, Given and Family, Given",
    )


def _entry_starts(text: str, key: str) -> list[int]:
    """Where each entry with this key starts (keys compare without case, as pybtex's do)."""
    pattern = r"@\s*\w+\s*[{(]\s*" + re.escape(key) + r"\s*,"
    return [m.start() for m in re.finditer(pattern, text, re.IGNORECASE)]


def _field_line(text: str, start: int, field: str, nth: int) -> int | None:
    """The line of the nth `field =` after an entry's start, or None."""
    pattern = r"(?<![\w.:+/-])" + re.escape(field) + r"\s*="
    found = [m.start() for m in re.finditer(pattern, text[start:], re.IGNORECASE)][:nth]
    return _line_at(text, start + found[-1]) if len(found) == nth else None


def _line_at(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _bib_error(source: str, line: int | None, exc: Exception) -> Diagnostic:
    message = re.sub(r"\s*in line \d+", "", str(exc))
    return error(
        source, line, f"cannot read the bibliography: {message}", "BibTeX entries such as @article{key, title = {…}}"
    )


def _names(parts: Iterable[Any]) -> str:
    return " ".join(part.render(plain_backend()) for part in parts)


def _author(person: Any) -> Author:
    given = " ".join(x for x in (_names(person.rich_first_names), _names(person.rich_middle_names)) if x)
    family = " ".join(
        x
        for x in (_names(person.rich_prelast_names), _names(person.rich_last_names), _names(person.rich_lineage_names))
        if x
    )
    return Author(given=given.replace("~", " "), family=family.replace("~", " "))


def _entry(key: str, raw: Any) -> Entry:
    fields = raw.fields
    links: list[FieldLink] = []

    def field(name: str, shown_as: str = "") -> str:
        text, found = linked_text(fields.get(name, ""), shown_as or name)
        links.extend(found if text else ())
        return text

    persons = raw.persons.get("author") or raw.persons.get("editor") or []
    venues = ("journal", "booktitle", "school", "institution", "howpublished")
    venue = next((text for name in venues if (text := field(name, "venue"))), "")
    arxiv = _arxiv(fields)
    if not venue and arxiv:
        venue = "arXiv preprint"
    url = _url_field(fields.get("url", ""))
    return Entry(
        key=key,
        kind=raw.type.lower(),
        authors=tuple(_author(p) for p in persons),
        title=field("title"),
        venue=venue,
        year=field("year"),
        volume=field("volume"),
        number=field("number"),
        pages=linked_text(fields.get("pages", ""), "pages")[0].replace("--", "–"),  # shown, never linked
        publisher=field("publisher"),
        doi=_DOI_PREFIX.sub("", fields.get("doi", "").strip()),
        arxiv=arxiv,
        url=url if re.match(r"^https?://", url, re.IGNORECASE) else "",
        links=tuple(links),
    )


def _arxiv(fields: Mapping[str, str]) -> str:
    """The arXiv identifier: eprint with archivePrefix arXiv, an arxiv field, or arXiv:… in the text."""
    prefix = (fields.get("archivePrefix") or fields.get("eprinttype") or "").lower()
    if fields.get("eprint") and (prefix == "arxiv" or not prefix):
        arxiv = fields["eprint"].strip()
    elif fields.get("arxiv"):
        arxiv = fields["arxiv"].strip()
    else:
        found = _ARXIV_IN_TEXT.search(f"{fields.get('journal', '')} {fields.get('note', '')} {fields.get('url', '')}")
        arxiv = found.group(1) if found else ""
    return re.sub(r"^arXiv:\s*", "", arxiv, flags=re.IGNORECASE)


def _url_field(value: str) -> str:
    """A url field as written (its `~` a tilde, as BibTeX styles print it), `\\url{…}` around it or not."""
    value = value.strip()
    wrapped = re.fullmatch(r"\\url\s*\{(.*)\}", value, re.DOTALL)
    return url_text(wrapped.group(1)) if wrapped else value


# Path -> (size, mtime_ns, entries): blog serve reads a .bib again only when it changed.
_MEMO: dict[str, tuple[tuple[int, int, int], Entries]] = {}


def read_bib(path: Path, root: Path) -> Entries:
    """One .bib file's entries, remembered while the file stays the same."""
    try:
        info = os.stat(path)
    except OSError:
        raise BibProblem(
            error(shown_path(path, root), None, "bibliography file not found", "a BibTeX file at this path")
        ) from None
    state = (info.st_size, info.st_mtime_ns, info.st_ctime_ns)  # ctime: an edit within the mtime's tick
    remembered = _MEMO.get(str(path))
    if remembered is not None and remembered[0] == state:
        return remembered[1]
    try:
        text = read_regular(path).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BibProblem(
            error(shown_path(path, root), None, f"cannot read the bibliography: {exc}", "a UTF-8 BibTeX file")
        ) from None
    entries = parse_bib(text, shown_path(path, root))
    _MEMO[str(path)] = (state, entries)
    return entries


def site_bibliography(config: SiteConfig) -> Path:
    return config.root / SITE_BIBLIOGRAPHY


def site_bibliographies(config: SiteConfig) -> list[Path]:
    """The .bib files every post sees: references.bib, then each file of a Jekyll site's
    `_bibliography/` folder copied beside site.toml (jekyll-scholar's; `--file NAME` picked one)."""
    found = [site_bibliography(config)] if site_bibliography(config).is_file() else []
    scholar = config.root / SCHOLAR_FOLDER
    if scholar.is_dir():
        found += sorted(path for path in scholar.glob("*.bib") if path.is_file())
    return found


def post_bibliographies(post: Post, config: SiteConfig) -> tuple[list[Path], list[Diagnostic]]:
    """The files of a post's `bibliography:` front matter (one path or a list), each relative to
    the post's folder, or to the site root when it starts with / or is not beside the post."""
    if post.meta.get("bibliography") is None:
        return [], []
    names = _bibliography_names(post)
    if names is None:
        line = post.key_lines.get("bibliography")
        return [], [
            error(post.source, line, "'bibliography' must be a path or a list of paths", "bibliography: refs.bib")
        ]
    paths: list[Path] = []
    for name in names:
        places = bibliography_places(post, name, config)
        paths.append(next((path for path in places if path.exists()), config.root / name.lstrip("/")))
    return paths, []


def _bibliography_names(post: Post) -> list[str] | None:
    """The names a post's `bibliography:` gives (one path or a list of them); None when it is
    anything else, or missing."""
    value = post.meta.get("bibliography")
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
        return None
    return names


def bibliography_places(post: Post, name: str, config: SiteConfig) -> list[Path]:
    """Where a `bibliography:` name is looked for, in order: beside the post, at the site root,
    and in static/assets/bibliography/, where al-folio's `assets/bibliography/` lands when its
    `assets/` is copied into static/ (al-folio names a post's file without a folder)."""
    at_root = config.root / name.lstrip("/")
    if name.startswith("/"):
        return [at_root]
    beside = config.root / Path(post.source).parent / name
    return [beside, at_root, config.dir("static") / "assets" / "bibliography" / name]


def uses_bibliography(post: Post, config: SiteConfig) -> bool:
    """Whether a post sees any bibliography: only then are `@word`s looked up at all."""
    return "bibliography" in post.meta or bool(site_bibliographies(config))


def post_style(post: Post, config: SiteConfig) -> tuple[str, list[Diagnostic]]:
    style = post.meta.get("citations", config.citations)
    if style in CITATION_STYLES:
        return style, []
    line = post.key_lines.get("citations")
    return config.citations, [
        error(post.source, line, f"citations '{style}' is not known", '"numeric" or "author-year"')
    ]


def cited_for(
    post: Post, keys: Iterable[str], config: SiteConfig, site_files: list[Path] | None = None
) -> tuple[Cited | None, list[Diagnostic]]:
    """What the post's citations render from, or None for a post that sees no bibliography.
    `keys`: the words of its body that may be citation keys (`candidate_keys`).
    `site_files`: `site_bibliographies(config)`, listed once by a caller doing every post."""
    site_files = site_bibliographies(config) if site_files is None else site_files
    if "bibliography" not in post.meta and not site_files:
        return None, []
    style, problems = post_style(post, config)
    paths, found = post_bibliographies(post, config)
    problems += found
    paths[:0] = site_files  # the post's own files come after: their entries win
    files: list[Entries] = []
    for path in paths:
        try:
            files.append(read_bib(path, config.root))
        except BibProblem as exc:
            diagnostic = exc.diagnostic
            if diagnostic.line is None and path not in site_files and not path.exists():
                diagnostic = _not_found(post, path, config)
            problems.append(diagnostic)
    entries = tuple(sorted((key, _find(key, files)) for key in keys))
    return Cited(style, entries), problems


def _not_found(post: Post, path: Path, config: SiteConfig) -> Diagnostic:
    """The error for a `bibliography:` file that is nowhere, naming every place looked in."""
    written = post.meta.get("bibliography")
    names = [written] if isinstance(written, str) else list(written or [])
    name = next((n for n in names if path in bibliography_places(post, n, config)), path.name)
    places = [shown_path(place, config.root) for place in bibliography_places(post, name, config)]
    return error(
        post.source,
        post.key_lines.get("bibliography"),
        f"bibliography file '{name}' not found (looked for {', '.join(places)})",
        "a path relative to the post's folder or the site root, or al-folio's assets/bibliography/ "
        "copied to static/assets/bibliography/",
    )


def _find(key: str, files: list[Entries]) -> Entry | None:
    """The key's entry in the last file that has it: a post's own files win over the site's."""
    return next((found[key] for found in reversed(files) if key in found), None)


def bibliography_files(posts: Iterable[Post], config: SiteConfig) -> list[Path]:
    """Every .bib file the build read (and the site one, even missing)."""
    files = {site_bibliography(config), *site_bibliographies(config)}
    for post in posts:
        files.update(post_bibliographies(post, config)[0])
    return sorted(files)


def bibliography_folders(config: SiteConfig) -> list[Path]:
    """Folders whose .bib files every post sees, present or not: a folder copied in after a build
    (jekyll-scholar's `_bibliography/`, the usual last step of a move) changes what posts cite as
    much as an edited file does, so whatever watches inputs watches these whole."""
    return [config.root / SCHOLAR_FOLDER]


def bibliography_places_looked_at(posts: Iterable[Post], config: SiteConfig) -> list[Path]:
    """Every file path the build looked at for a bibliography, found or not: the files it read, and
    each place a post's `bibliography:` name was looked for. A file appearing at a place that comes
    before the one found (the site root, before static/assets/bibliography/) changes which is read,
    so a build that saw it missing is out of date once it exists."""
    files = {site_bibliography(config), *site_bibliographies(config)}
    for post in posts:  # the file a post's name was read from is one of its places
        for name in _bibliography_names(post) or ():
            files.update(bibliography_places(post, name, config))
    return sorted(files)


def attach_citations(
    posts: Iterable[Post], config: SiteConfig, memo: dict[str, tuple[str, ...]] | None = None
) -> list[Diagnostic]:
    """Set each post's `cited` (None when it sees no bibliography); a broken file is named once, and
    so is each entry or field a file's reading skipped.

    With a site-wide bibliography every post's body is searched for keys: `memo` (the build
    cache) keeps what each source hash gave, so an unchanged post is not read again, nor its
    notebook converted again (0.58 s of each build of a fastpages blog of 13 notebooks)."""
    site_files = site_bibliographies(config)
    problems: dict[str, Diagnostic] = {}
    memo = {} if memo is None else memo
    seen: set[str] = set()
    for post in posts:
        if not site_files and "bibliography" not in post.meta:
            post.cited = None
            found = post_style(post, config)[1] if "citations" in post.meta else []
            problems.update((str(d), d) for d in found)
            continue
        seen.add(post.source_hash)
        keys = memo.get(post.source_hash)
        if keys is None:
            keys = memo[post.source_hash] = tuple(sorted(candidate_keys(body_of(post, config))))
        post.cited, found = cited_for(post, keys, config, site_files)
        for diagnostic in found:
            problems.setdefault(str(diagnostic), diagnostic)
    for digest in [digest for digest in memo if digest not in seen]:
        del memo[digest]
    return list(problems.values()) + bibliography_warnings(posts, config)


def bibliography_warnings(posts: Iterable[Post], config: SiteConfig) -> list[Diagnostic]:
    """What the readable .bib files skipped, once per file: apart from `cited_for`'s problems, which
    make the preview build the whole site again, since these stay the same until the file changes."""
    found: list[Diagnostic] = []
    for path in bibliography_files(posts, config):
        try:
            found += read_bib(path, config.root).warnings
        except BibProblem:  # reported by cited_for, when a post reads the file
            continue
    return found
