"""The Jinja environment and rendering one planned page.

Autoescape is on and undefined variables raise, so a typo in a template is a build
error naming the template and line instead of a silently empty page.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import os
import posixpath
import re
import shutil
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from functools import lru_cache
from html import unescape as html_unescape
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
from jinja2.bccache import bc_version
from jinja2.loaders import split_template_path
from jinja2.nodes import EvalContext
from markupsafe import Markup

from generator.config.settings import SiteConfig
from generator.config.strings import SCRIPT_KEYS
from generator.content.model import Site
from generator.errors import Diagnostic, error
from generator.files import NotRegularFile, read_regular
from generator.site.categories import CATEGORIES_PATH
from generator.site.paginate import window
from generator.site.plan import ARCHIVES_PATH, PlannedPage, tag_index_path
from generator.site.series import series_index_path
from generator.urls.paths import join_base

REQUIRED = ("base.html", "index.html", "post.html", "tag.html", "tags.html")
_WEB_URL = re.compile(r"(?i)https?://")  # an address on another site: url() and abs_url() keep it
THEME_DIR = Path(__file__).resolve().parents[1] / "theme"


def template_dirs(site_templates: Path) -> list[Path]:
    """The site's own templates first, then the built-in theme: override one file, keep the rest."""
    dirs = [site_templates] if site_templates.is_dir() else []
    return [*dirs, THEME_DIR / "templates"]


def static_dirs(site_static: Path) -> list[Path]:
    """Theme files first, so a site file with the same name replaces it."""
    return [THEME_DIR / "static", site_static]


COMPILED_DIR = THEME_DIR / "compiled"  # the theme's templates compiled ahead (build/precompiled.py)
DIGEST_FILE = "SOURCES"  # in COMPILED_DIR: the digest of what its modules were made from


def theme_digest(templates: Path = THEME_DIR / "templates") -> str:
    """The theme's template files and the version of Jinja's compiled code: what the compiled
    modules are valid for. Jinja's own bytecode cache trusts code of another Jinja release
    with the same `bc_version`; so do we. make_environment's settings (autoescape, block
    trimming) are not in it: the test that recompiles the theme with them fails when they change."""
    hasher = hashlib.blake2b(f"jinja bytecode {bc_version}".encode(), digest_size=16)
    for path in sorted(templates.glob("*.html")):
        hasher.update(f"\0{path.name}\0".encode())
        hasher.update(path.read_bytes())
    return hasher.hexdigest()


class CompiledTheme(jinja2.BaseLoader):
    """The theme's templates from their compiled modules, for one environment.

    Each loader runs a module's code in a namespace of its own, because Jinja binds the
    namespace to the environment that loads it (its `environment` global): two environments
    (blog serve after a config edit) must not share one. Not Jinja's ModuleLoader, which puts
    a weak proxy in sys.modules for each loader: once that loader is gone, code that walks
    sys.modules (Hypothesis, inspect.getmodule) meets a dead proxy and raises ReferenceError.
    Errors name the theme's .html file and line, as from the file."""

    has_source_access = False

    def __init__(self) -> None:
        self._namespaces: dict[str, dict[str, Any]] = {}

    def load(
        self, environment: jinja2.Environment, name: str, globals: MutableMapping[str, Any] | None = None
    ) -> jinja2.Template:
        namespace = self._namespaces.get(name)
        if namespace is None:
            module = jinja2.ModuleLoader.get_template_key(name)  # the file compile_templates wrote
            code = _compiled_code(module)
            if code is None:
                raise jinja2.TemplateNotFound(name)
            namespace = {"__file__": code.co_filename, "__name__": f"{COMPILED_PACKAGE}.{module}"}
            exec(code, namespace)  # our own generated module, as an import would run it
            self._namespaces[name] = namespace
        template = environment.template_class.from_module_dict(environment, namespace, globals or {})
        template.filename = str(THEME_DIR / "templates" / name)
        return template


COMPILED_PACKAGE = "generator.theme.compiled"


@lru_cache(maxsize=64)
def _compiled_code(module: str) -> CodeType | None:
    """A compiled template's code, from its cached bytecode as an import reads it (and writes
    it when missing); None for a name the theme does not have."""
    try:
        spec = importlib.util.find_spec(f"{COMPILED_PACKAGE}.{module}")
    except ImportError:
        return None
    if spec is None or not isinstance(spec.loader, importlib.machinery.SourceFileLoader):
        return None
    return spec.loader.get_code(spec.name)


def compiled_theme() -> CompiledTheme | None:
    """The shipped modules of the theme's templates, or None when they were not made from the
    files here for this Jinja's compiled code (a theme edited in place): the files are then
    compiled as they are."""
    try:
        recorded = (COMPILED_DIR / DIGEST_FILE).read_text(encoding="ascii").split()
        if not recorded or recorded[0] != theme_digest():
            return None
    except (OSError, UnicodeDecodeError):
        return None
    return CompiledTheme()


class TemplateFileError(jinja2.TemplateError):
    """A template file that cannot be read as text: it names the file and line, unlike the
    UnicodeDecodeError or OSError Jinja's own loader lets through."""

    def __init__(self, filename: str, lineno: int | None, message: str, expected: str) -> None:
        super().__init__(message)
        self.filename = filename
        self.lineno = lineno
        self.expected = expected


class RegularFileLoader(jinja2.FileSystemLoader):
    """Jinja's FileSystemLoader, but a template that is a named pipe is refused instead of
    waited on, and one that is not UTF-8 is reported with its file and line."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for folder in self.searchpath:
            filename = posixpath.join(folder, *pieces)
            try:
                data = read_regular(filename)
                mtime = os.path.getmtime(filename)
            except (FileNotFoundError, NotADirectoryError, NotRegularFile):
                continue  # as Jinja does; vet_folder reports a pipe or device under templates/
            except OSError as exc:
                raise TemplateFileError(
                    filename, None, f"cannot read template: {exc.strerror or exc}", "a readable file"
                ) from None
            try:
                contents = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                line = data.count(b"\n", 0, exc.start) + 1
                raise TemplateFileError(
                    filename,
                    line,
                    f"template is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                    "a UTF-8 text file",
                ) from None

            def uptodate(filename: str = filename, mtime: float = mtime) -> bool:
                try:
                    return os.path.getmtime(filename) == mtime
                except OSError:
                    return False

            return contents, os.path.normpath(filename), uptodate
        raise jinja2.TemplateNotFound(template)


def _date(value: datetime | None, fmt: str = "%Y-%m-%d") -> str:
    """strftime, plus %-d for the day without a leading zero on every platform ("Sep 4, 2025")."""
    if not value:
        return ""
    return value.strftime(fmt.replace("%-d", str(value.day)))


_FACE = re.compile(r'src: url\("\.\./fonts/([^"]+\.woff2)"\)[^}]*unicode-range: ([^;]+);')
_MATH = re.compile(r"<math\b.*?</math>", re.S)
_NOT_SHOWN = re.compile(r"<annotation\b.*?</annotation>|<[^>]+>", re.S)


_SINGLE_MI = re.compile(r"<mi>([A-Za-z\u0391-\u03a9\u03b1-\u03c9])</mi>")


def _italic(letter: str) -> int:
    """The Mathematical Italic code point MathML's automatic italic gives a one-letter <mi>."""
    code = ord(letter)
    if letter == "h":
        return 0x210E  # PLANCK CONSTANT stands in the italic alphabet's hole
    if "A" <= letter <= "Z":
        return 0x1D434 + code - ord("A")
    if "a" <= letter <= "z":
        return 0x1D44E + code - ord("a")
    if 0x391 <= code <= 0x3A9:
        return 0x1D6E2 + code - 0x391
    return 0x1D6FC + code - 0x3B1


@lru_cache(maxsize=1)
def math_font_faces() -> tuple[tuple[str, tuple[tuple[int, int], ...]], ...]:
    """The theme's split math font (fonts/split_math_font.py): each file with its unicode-range."""
    css = (THEME_DIR / "static" / "css" / "style.css").read_text(encoding="utf-8")
    faces = []
    for name, ranges in _FACE.findall(css):
        spans = []
        for part in ranges.split(","):
            first, _, last = part.strip().removeprefix("U+").partition("-")
            spans.append((int(first, 16), int(last or first, 16)))
        faces.append((name, tuple(spans)))
    return tuple(faces)


# The classes markdown/ gives theorems, proofs, numbered captions and references (theorems.py,
# crossref.py), algorithms, sidenotes and citations: a post with one of them needs css/papers.css.
_PAPER_NOTES = re.compile(r'class="(?:theorem|proof|crossref|algorithm|sidenote|citation|cite-|references)')


def has_paper_notes(html: str) -> bool:
    return _PAPER_NOTES.search(str(html)) is not None


def math_fonts(html: str) -> list[str]:
    """The files of the math font a page's formulas need, so it can ask for them at once: fetched
    when the browser meets a formula, they arrive one by one and each moves the text below."""
    if "<math" not in html:
        return []
    needed = set(_faces_of((0x20,)))  # the face holding the space gives the math constants
    for formula in set(_MATH.findall(html)):
        needed |= _formula_faces(formula)
    return [f"/fonts/{name}" for number, (name, _) in enumerate(math_font_faces()) if number in needed]


@lru_cache(maxsize=8192)
def _formula_faces(formula: str) -> frozenset[int]:
    """The faces one formula's characters are in. A formula is read once a process, not on each
    page that shows it (its post's page, a list's excerpt): 0.09 s of c1000's 967 post pages."""
    shown = {ord(c) for c in _NOT_SHOWN.sub("", html_unescape(formula))}
    # the browser draws <mi>x</mi> as 𝑥 (U+1D465): those come from another file
    shown.update(_italic(letter) for letter in _SINGLE_MI.findall(formula))
    return _faces_of(shown)


def _faces_of(codes: Iterable[int]) -> frozenset[int]:
    starts, covering = _faces_by_range()
    needed: set[int] = set()
    for code in codes:
        at = bisect_right(starts, code) - 1
        if at >= 0:
            needed |= covering[at]
    return frozenset(needed)


@lru_cache(maxsize=1)
def _faces_by_range() -> tuple[list[int], list[frozenset[int]]]:
    """The font's unicode-ranges cut where any starts or ends: each piece's first code point and
    the faces (by number) that cover it. A page's characters are then looked up by bisection;
    testing each against every range was a third of a post page's rendering (0.4 ms a page)."""
    faces = math_font_faces()
    starts = sorted({bound for _, spans in faces for first, last in spans for bound in (first, last + 1)})
    pieces: list[set[int]] = [set() for _ in starts]
    for number, (_, spans) in enumerate(faces):  # a span covers the pieces from its first to its last
        for first, last in spans:
            for piece in range(bisect_left(starts, first), bisect_left(starts, last + 1)):
                pieces[piece].add(number)
    return starts, [frozenset(piece) for piece in pieces]


# What `once` has made while `remembering` is on: (macro, arguments) -> its text. Per thread
# (blog serve's server renders a page on request while a build may be rendering others).
_MADE: ContextVar[dict[tuple[Any, ...], Any] | None] = ContextVar("made", default=None)


def once(macro: Callable[..., Any], *args: Any) -> Any:
    """`macro(*args)`, made once for the same arguments while `remembering` is on.

    For the theme's post_entry: each post shows on an index page and on each of its tags' pages
    (3.5 times at c1000), and its entry was half of a list page's rendering. A macro imported
    without context sees only its arguments and the environment's globals, neither of which
    changes during a build. Outside `remembering` (a page blog serve renders on request), or
    for an argument that cannot be a key, it is simply called.
    """
    made = _MADE.get()
    if made is None:
        return macro(*args)
    key = (macro, *args)
    try:
        return made[key]
    except KeyError:
        made[key] = result = macro(*args)
        return result
    except TypeError:  # an unhashable argument
        return macro(*args)


@contextmanager
def remembering() -> Iterator[None]:
    """Let `once` keep what it makes until the block ends (the pages of one build, and the
    workers forked inside it, which start with what this process made)."""
    token = _MADE.set({})
    try:
        yield
    finally:
        _MADE.reset(token)


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Templates compiled by an earlier build, kept in the build cache: a build's first page is
    not held up compiling them again (0.05 s for the default theme).

    Jinja checks each file against the template's source and its own version; the folder is
    named after our code, which decides how the environment compiles (trimming, autoescape).
    Folders of other code are removed, so an upgrade leaves nothing behind.
    """

    def __init__(self, parent: Path, code: str) -> None:
        directory = parent / code[:16]
        if parent.is_dir():
            for old in parent.iterdir():
                if old != directory:
                    shutil.rmtree(old, ignore_errors=True)
        directory.mkdir(parents=True, exist_ok=True)
        super().__init__(str(directory))


def make_environment(
    config: SiteConfig,
    templates_dir: Path,
    search: bool = False,
    compiled: CompiledTemplates | None = None,
    precompiled: bool = True,
) -> jinja2.Environment:
    """The site's Jinja environment; `precompiled`: the theme's templates from the modules
    shipped with the generator when they match the files (build/precompiled.py)."""
    dirs = [str(d) for d in template_dirs(templates_dir)]
    theme = compiled_theme() if precompiled else None
    loader: jinja2.BaseLoader = RegularFileLoader(dirs)
    if theme is not None:  # the site's own files first, then the theme's compiled modules
        loader = jinja2.ChoiceLoader([RegularFileLoader(dirs[:-1]), theme])
    env = jinja2.Environment(
        bytecode_cache=compiled,
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # A changed template changes the build's fingerprint, which makes a new environment:
        # checking every template file's date on every page cost four stats a page.
        auto_reload=False,
    )
    base = config.base_path
    root = config.base_url.rstrip("/")
    root_host = root[: len(root) - len(base.rstrip("/"))] if base != "/" else root

    def link(path: str) -> str:
        if _WEB_URL.match(path):
            return path
        return join_base(base, path)

    known = lru_cache(maxsize=8192)(link)  # a page asks for ~7 links, most the same on every page

    def url(path: str) -> str:
        """A link to a site path, under the base path (works under /repo/); an http(s) URL (a
        post's cover on an image host) as it is."""
        return known(path) if type(path) is str else link(path)  # Markup, an undefined: as they come

    def abs_url(path: str) -> str:
        if _WEB_URL.match(path):
            return path
        return root_host + join_base(base, path)

    strings = config.ui
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}  # still escapes < > & '
    script_strings = {key: strings[key] for key in SCRIPT_KEYS}
    env.globals.update(
        site=config,
        t=strings,
        script_strings=script_strings,
        # `script_strings | tojson`, the same on every page: made once (a page's JSON took 70 µs)
        script_strings_json=env.filters["tojson"](EvalContext(env), script_strings),
        url=url,
        abs_url=abs_url,
        pager_window=window,
        once=once,
        nav={"series": False, "categories": False},  # show_site_groups sets it once the site is known
        links={
            "home": url("/"),
            "tags": url(tag_index_path(config)),
            "archives": url(ARCHIVES_PATH),
            "series": url(series_index_path(config)),  # the page exists only when a post has a series
            "categories": url(CATEGORIES_PATH),  # only when a post has categories
            "search": url("/search/") if search else None,
        },
    )
    env.filters["date"] = _date
    env.filters["math_fonts"] = math_fonts
    env.tests["paper_notes"] = has_paper_notes
    env.filters["longdate"] = lambda value: _date(value, strings["date_format"])
    env.filters["shortdate"] = lambda value: _date(value, strings["short_date_format"])
    env.filters["isodate"] = lambda value: value.isoformat() if value else ""
    return env


def _where(exc: BaseException, templates_dir: Path) -> tuple[str, int | None]:
    """The template file and line an error happened in (Jinja maps frames back to templates)."""
    if isinstance(exc, (jinja2.TemplateSyntaxError, TemplateFileError)):
        name = exc.filename or getattr(exc, "name", None) or "template"
        return _relative(name, templates_dir), exc.lineno
    import traceback  # only for a template that failed: with textwrap, 3 ms of every build's start

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".html", ".xml", ".txt"))]
    if isinstance(exc, RecursionError):  # where the loop starts, not wherever the stack happened to run out
        seen: set[tuple[str, int | None]] = set()
        for frame in frames:
            if (frame.filename, frame.lineno) in seen:
                return _relative(frame.filename, templates_dir), frame.lineno
            seen.add((frame.filename, frame.lineno))
    if frames:
        return _relative(frames[-1].filename, templates_dir), frames[-1].lineno
    return str(templates_dir), None


def _relative(name: str, templates_dir: Path) -> str:
    path = Path(name)
    if not path.is_absolute():
        found = [d / name for d in template_dirs(templates_dir) if (d / name).exists()]
        path = found[0] if found else templates_dir / name
    for root in (templates_dir.parent, Path.cwd()):
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return str(path)


def template_error(exc: BaseException, templates_dir: Path) -> Diagnostic:
    path, line = _where(exc, templates_dir)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return error(path, line, f"template syntax error: {exc.message}", "valid Jinja2 syntax")
    if isinstance(exc, TemplateFileError):
        return error(path, line, exc.message or "", exc.expected)
    if isinstance(exc, RecursionError):
        return error(
            path,
            line,
            "template error: recursion too deep (a template that includes or extends itself, or a macro that calls itself)",
            "a template that renders",
        )
    if isinstance(exc, jinja2.TemplateNotFound):
        return error(
            path,
            line,
            f"template '{exc.name}' not found",
            f"a file {exc.name} in {_relative(str(templates_dir), templates_dir)}/",
        )
    if isinstance(exc, jinja2.UndefinedError):
        return error(
            path,
            line,
            f"undefined template variable: {exc.message}",
            "a variable the page provides (see docs/templates.md)",
        )
    return error(path, line, f"template error: {type(exc).__name__}: {exc}", "a template that renders")


def show_site_groups(env: jinja2.Environment, site: Site) -> str:
    """Tell the header which group pages the site has (series, categories), so it links them.

    Every page shows the header, so this is part of every page's fingerprint: the returned text
    goes into the build's base fingerprint. blog serve keeps it until a full build, which every
    save that makes a series or a category appear or vanish takes.
    """
    nav = {"series": bool(site.series), "categories": bool(site.categories)}
    env.globals["nav"] = nav
    return f"|nav:{int(nav['series'])}{int(nav['categories'])}"


def render_page(env: jinja2.Environment, planned: PlannedPage) -> str:
    template = env.get_template(planned.template)
    return template.render(page=planned.page, **planned.context)


def check_templates(env: jinja2.Environment, templates_dir: Path) -> list[Diagnostic]:
    """Load every required template up front so all syntax errors are reported together."""
    problems: list[Diagnostic] = []
    for name in REQUIRED:
        if not any((d / name).is_file() for d in template_dirs(templates_dir)):
            problems.append(
                error(
                    _relative(str(templates_dir / name), templates_dir),
                    None,
                    f"template {name} is missing",
                    f"a file {name} in the templates folder",
                )
            )
            continue
        try:
            env.get_template(name)
        except Exception as exc:  # whatever a template's loading raises is the template's problem
            problems.append(template_error(exc, templates_dir))
    return problems


__all__ = ["Markup", "check_templates", "make_environment", "once", "remembering", "render_page", "template_error"]
