"""TeX to MathML at build time, so readers need no JavaScript to see formulas.

A post's formulas are converted together (math-core's `convert_all`), because equation
numbers run through the post and `\\eqref` may point forward to a later equation; macros
defined with `\\newcommand`/`\\def` in one formula hold for the rest of the post. We chose
math-core over latex2mathml by measurement (bench/bench_math.py: it converts `aligned`,
`align`, `cases`, arrays with rules, numbering and references, ~10x faster) and respell
the few constructs it lacks in tex_rewrite. A formula it cannot convert is shown as its
TeX, marked, and reported; we never publish a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import TypeVar

from math_core import LatexToMathML

from generator.math.mathjax_boxes import boxes, put_back_boxes
from generator.math.mathjax_forms import respell
from generator.math.preamble import Colour, Definition, split_definitions, with_colours, with_optional_arguments
from generator.math.tex_rewrite import Fixes, apply_fixes, label_id, put_back_tags, rewrite
from generator.patterns import lazy_pattern

Macros = tuple[tuple[str, str], ...]
ID_PREFIX = "eq-"
_ERROR = lazy_pattern(r"^input(\d+):\d+: (.*)$", re.DOTALL)
_LOCAL_ERROR = lazy_pattern(r"^\d+: ", re.DOTALL)
_MISSING = re.compile(r'<a href="#' + ID_PREFIX + r'([^"]*)">\(?\?\?\)?</a>')
_LABEL = re.compile(r"\\label\s*\{([^{}]*)\}")
_MATH_OPEN = re.compile(r"^<math([^>]*)>")
_REFERENCE_LINK = lazy_pattern(r'<a (?:class="math-ref" )?href="(#[^"]*)">([^<]*)</a>')
_ONLY_REFERENCE = re.compile(r"\s*\\(?:eq)?ref\s*\{[^{}]*\}\s*")
_TABLE_SCRIPTLEVEL = re.compile(r'(<mtable\b[^>]*?) scriptlevel="[01]"')
_FULL_WIDTH = 'style="width: 100%"'


class FormulaError(ValueError):
    pass


class ConverterRefused(ValueError):
    """math-core refused a formula or a macro: its message, as text only.

    math-core's own exception classes live in its Rust module, which a worker process cannot
    pickle back to the build (the build then died naming no post); so none leaves this module.
    """


_Result = TypeVar("_Result")


def _guarded(call: Callable[[], _Result]) -> _Result:
    """`call()` into math-core, any exception it raises as a ConverterRefused.

    Whatever it raises is about the TeX it was given, so it becomes that formula's warning:
    LatexError, LockError, and a Rust panic (pyo3's PanicException is a BaseException).
    """
    try:
        return call()
    except Exception as exc:
        raise ConverterRefused(str(exc).strip() or type(exc).__name__) from None
    except BaseException as exc:
        if type(exc).__name__ != "PanicException":
            raise  # Ctrl-C, SystemExit: not the formula's doing
        raise ConverterRefused(f"the math converter failed: {exc}") from None


@dataclass(frozen=True, slots=True)
class Converted:
    """One formula of a post: its HTML, why it failed (shown as TeX), or notes to warn about."""

    html: str
    problem: str | None = None
    notes: tuple[str, ...] = ()
    told: tuple[str, ...] = ()  # definitions of the post's preamble this formula holds that were left out
    quiet: bool = False  # failed only for a definition left out: the line about it says enough

    @property
    def excerpt_html(self) -> str:
        """On an index page a reference's #anchor would point at nothing: keep its text only."""
        return _REFERENCE_LINK.sub(r"\2", self.html) if "<a " in self.html else self.html


def normalise_macros(table: dict[str, object] | Iterable[tuple[str, object]]) -> Macros:
    """Site macros as a hashable, sorted tuple; names without the backslash.

    Accepts MathJax's spelling too: a value may be ["body", arity] as in a MathJax config.
    """
    items = table.items() if isinstance(table, dict) else table
    out: dict[str, str] = {}
    for name, value in items:
        body = value[0] if isinstance(value, list | tuple) and value else value
        out[str(name).lstrip("\\")] = str(body)
    return tuple(sorted(out.items()))


_MACRO_ERROR = lazy_pattern(r"^macro\d+:\d+: ")
_UNKNOWN = lazy_pattern(r'Unknown command "\\([A-Za-z]+)"')


def _new_converter(macros: dict[str, str]) -> LatexToMathML:
    return _guarded(lambda: LatexToMathML(fancy_error=False, macros=macros, id_prefix=ID_PREFIX))


@lru_cache(maxsize=64)
def _converter(macros: Macros) -> tuple[LatexToMathML, tuple[tuple[str, str], ...]]:
    """The converter for a table of macros, and the macros it had to leave out, with why.

    math-core refuses the whole table when one body is bad (an unknown command in it), so a
    refused table is tried macro by macro, the others standing in as plain letters: one bad
    macro loses only itself.
    """
    table = dict(macros)
    try:
        return _new_converter(table), ()
    except ConverterRefused:
        pass
    dropped: list[tuple[str, str]] = []
    for name, body in macros:
        alone = dict.fromkeys(table, "x")
        alone[name] = body
        try:
            _new_converter(alone)
        except ConverterRefused as exc:
            dropped.append((name, _MACRO_ERROR.sub("", str(exc))))
    good = {name: body for name, body in macros if name not in dict(dropped)}
    try:
        return _new_converter(good), tuple(dropped)
    except ConverterRefused as exc:  # refused for no one macro's fault: convert without them
        return _new_converter({}), tuple((name, str(exc)) for name in good) + tuple(dropped)


def _arity(body: str) -> int:
    return max((int(digit) for digit in re.findall(r"#(\d)", body)), default=0)


_COMMAND = lazy_pattern(r"\\([A-Za-z]+)")
_UNKNOWN_COLOUR = lazy_pattern(r'Unknown colou?r "([^"]*)"')


@lru_cache(maxsize=4096)
def _refusal(name: str, body: str, arity: int, neighbours: tuple[str, ...]) -> str | None:
    """Why math-core refuses one definition on its own, used once with plain arguments, or None.

    The other macros its body calls stand in as plain letters: whether they are good is
    their own definition's question, so one bad line of a preamble loses only itself.
    """
    table = dict.fromkeys(neighbours, "x")
    table[name] = body
    use = "\\" + name + "{x}" * arity
    try:
        converter = _new_converter(table)
        _guarded(lambda: converter.convert_with_local_state(use, displaystyle=True))
    except ConverterRefused as exc:
        return _LOCAL_ERROR.sub("", _MACRO_ERROR.sub("", str(exc))).strip()
    return None


@lru_cache(maxsize=1024)
def _built_in(name: str) -> bool:
    """Whether math-core knows `\\name` itself (a \\def of it changes formulas after it only)."""
    try:
        _guarded(lambda: _converter(())[0].convert_with_local_state("\\" + name, displaystyle=False))
    except ConverterRefused as exc:
        return _UNKNOWN.search(str(exc)) is None
    return True


@dataclass(slots=True)
class _Preamble:
    """What a post's definitions came to: the usable ones per formula, and what was left out."""

    definitions: list[list[Definition]]
    told: dict[int, list[str]]  # formula index -> one line per definition left out there
    left_out: set[str]  # names of macros and colours left out: their uses fail without a second line


def _checked(
    stripped: list[tuple[str, list[Definition], list[Colour]]],
    site: set[str],
    colours: dict[str, str],
    optional: dict[str, str],
) -> _Preamble:
    """Each definition tried alone, as MathJax defines each line of a preamble on its own."""
    known = site | {d.name for _, found, _ in stripped for d in found}
    preamble = _Preamble([], {}, set())
    for index, (_, found, found_colours) in enumerate(stripped):
        told = preamble.told.setdefault(index, [])
        for colour in found_colours:
            if colour.problem is not None:
                told.append(f"\\definecolor{{{colour.name}}} is left out: {colour.problem}")
                preamble.left_out.add(colour.name)
        good: list[Definition] = []
        for definition in {d.name: d for d in found}.values():  # twice in one preamble: the last holds
            body = with_optional_arguments(with_colours(definition.body, colours), optional)
            neighbours = tuple(sorted(known.intersection(_COMMAND.findall(body)) - {definition.name}))
            problem = _refusal(definition.name, body, definition.arity, neighbours)
            if problem is not None and definition.fallback is not None:
                body = with_optional_arguments(with_colours(definition.fallback, colours), optional)
                problem = _refusal(definition.name, body, 0, neighbours) and problem
            if problem is None:
                good.append(Definition(definition.name, body, definition.new, definition.arity))
            else:
                told.append(f"macro \\{definition.name} is left out: {problem}")
                preamble.left_out.add(definition.name)
        preamble.definitions.append(good)
    return preamble


def _prepare(
    formulas: Sequence[tuple[str, bool]], site_macros: Macros
) -> tuple[Macros, list[tuple[str, bool]], list[Fixes], _Preamble]:
    """Macros a post defines, given to the converter so they hold for the rest of the post.

    A name the post defines once, new or not one of math-core's own, goes into the converter's
    macro table (cheap; a hidden preamble in raw HTML is converted after the Markdown formulas
    that use it). A redefinition may change a name that earlier formulas used with another
    meaning, so it travels as a \\def prefix on the formulas after it: each formula sees what
    TeX read top to bottom would give it.
    """
    stripped = [split_definitions(tex) for tex, _ in formulas]
    colours = {colour.name: colour.value for _, _, found in stripped for colour in found if colour.value}
    optional = {d.name: d.optional for _, found, _ in stripped for d in found if d.optional is not None}
    preamble = _checked(stripped, {name for name, _ in site_macros}, colours, optional)
    counts: dict[str, int] = {}
    fresh: dict[str, str] = {}
    for definitions in preamble.definitions:
        for definition in definitions:
            counts[definition.name] = counts.get(definition.name, 0) + 1
            if definition.new or not _built_in(definition.name):
                fresh.setdefault(definition.name, definition.body)
    hoisted = {name: with_colours(body, {}) for name, body in site_macros}
    hoisted.update((name, body) for name, body in fresh.items() if counts[name] == 1 and name not in site_macros)
    active: dict[str, str] = {}
    prepared: list[tuple[str, bool]] = []
    all_fixes: list[Fixes] = []
    for (tex, _, _), definitions, (_, display) in zip(stripped, preamble.definitions, formulas, strict=True):
        for definition in definitions:
            if hoisted.get(definition.name) != definition.body or counts[definition.name] > 1:
                active[definition.name] = definition.body
        prefix = "".join(
            f"\\def\\{name}" + "".join(f"#{n}" for n in range(1, _arity(body) + 1)) + f"{{{body}}}"
            for name, body in active.items()
        )
        tex = with_optional_arguments(with_colours(tex, colours), optional)
        source, fixes = rewrite(respell(tex, display), display)
        source = boxes(source, fixes)
        prepared.append((prefix + source, display))
        all_fixes.append(fixes)
    return tuple(sorted(hoisted.items())), prepared, all_fixes, preamble


def _convert_batch(converter: LatexToMathML, prepared: list[tuple[str, bool]]) -> tuple[list[str], dict[int, str]]:
    """All outputs, and the problems of those that failed (their outputs are empty).

    convert_all stops at the first bad formula, so on a failure we find every bad one
    alone, blank them, and convert the batch again (numbers and references still span it).
    """
    problems: dict[int, str] = {}
    pending = list(prepared)
    try:
        return _guarded(lambda: converter.convert_all(pending)), problems
    except ConverterRefused:
        pass
    for index, (tex, display) in enumerate(pending):
        try:
            _guarded(lambda: converter.convert_with_local_state(tex, displaystyle=display))  # noqa: B023
        except ConverterRefused as exc:
            problems[index] = _LOCAL_ERROR.sub("", str(exc)).strip()
            pending[index] = ("", display)
    for _ in range(len(pending) + 1):
        try:
            return _guarded(lambda: converter.convert_all(pending)), problems
        except ConverterRefused as exc:
            found = _ERROR.match(str(exc))
            if found is None or int(found.group(1)) >= len(pending):
                break
            index = int(found.group(1))
            problems[index] = found.group(2).strip()
            pending[index] = ("", pending[index][1])
    # The batch cannot be converted together: convert one by one without cross-references.
    outputs = []
    for index, (tex, display) in enumerate(pending):
        try:
            outputs.append(_guarded(lambda: converter.convert_with_local_state(tex, displaystyle=display)))  # noqa: B023
        except ConverterRefused as exc:
            problems.setdefault(index, _LOCAL_ERROR.sub("", str(exc)).strip())
            outputs.append("")
    return outputs, problems


def _with_annotation(mathml: str, tex: str) -> str:
    """Keep the TeX beside the MathML: feed readers without MathML show it, and the search
    index reads it instead of the presentation part (search_text.searchable_text)."""
    opened = _MATH_OPEN.match(mathml)
    if opened is None or not mathml.endswith("</math>"):
        return mathml
    inner = mathml[opened.end() : -len("</math>")]
    annotation = escape(tex.strip(), quote=False)
    # A numbered equation is a full-width table (number at the right edge); the wrappers must
    # pass that width on, or Chromium shrinks them to the formula inside a flex layout.
    full = ' style="width: 100%"' if inner.startswith("<mtable") and _FULL_WIDTH in inner[:200] else ""
    return (
        f"<math{opened.group(1)}><semantics{full}><mrow{full}>{inner}</mrow>"
        f'<annotation encoding="application/x-tex">{annotation}</annotation></semantics></math>'
    )


def _unconverted_html(tex: str, display: bool, in_paragraph: bool) -> str:
    source = escape(tex.strip())
    if display and in_paragraph:
        return f'<code class="math math-display math-error">{source}</code>'
    if display:
        return f'<pre class="math math-display math-error">{source}</pre>\n'
    return f'<code class="math math-inline math-error">{source}</code>'


def _converted_html(mathml: str, display: bool, in_paragraph: bool) -> str:
    if display and in_paragraph:  # a <div> would end the paragraph; CSS makes this a block
        return f'<span class="math math-display">{mathml}</span>'
    if display:
        return f'<div class="math math-display">{mathml}</div>\n'
    return f'<span class="math math-inline">{mathml}</span>'


# A formula that defines, numbers, labels or refers to nothing converts the same in any post,
# so its result is remembered across posts (ML posts repeat many small formulas).
_CONTEXTUAL = re.compile(
    r"\\(?:label|ref|eqref|tag|begin\s*\{(?:equation|align|gather|multline|eqnarray|alignat|flalign|displaymath)"
    r"|newcommand|renewcommand|providecommand|def|DeclareMathOperator|definecolor)"
)
_DEFINES = re.compile(r"\\(?:newcommand|renewcommand|providecommand|def|DeclareMathOperator|definecolor)(?![a-z])")
_REMEMBERED: dict[tuple[str, bool, bool, Macros], Converted] = {}
_REMEMBER_AT_MOST = 8192


def forget_remembered() -> None:
    """Drop the cross-post memory (benchmarks measure conversion, not the lookup)."""
    _REMEMBERED.clear()


def convert_formulas(
    formulas: Sequence[tuple[str, bool] | tuple[str, bool, bool]], macros: Macros = ()
) -> list[Converted]:
    """Every formula of one post, in reading order: (TeX, display[, in a paragraph]) -> Converted."""
    items = [(item[0], item[1], len(item) > 2 and bool(item[2])) for item in formulas]
    defines = any(_DEFINES.search(tex) for tex, _, _ in items)
    results: list[Converted | None] = [None] * len(items)
    batch: list[int] = []
    for index, (tex, display, in_paragraph) in enumerate(items):
        if not defines and not _CONTEXTUAL.search(tex):
            results[index] = _REMEMBERED.get((tex, display, in_paragraph, macros))
        if results[index] is None:
            batch.append(index)
    if batch:
        converted = _convert_together([items[index] for index in batch], macros)
        if len(_REMEMBERED) > _REMEMBER_AT_MOST:
            _REMEMBERED.clear()
        for index, result in zip(batch, converted, strict=True):
            results[index] = result
            tex, display, in_paragraph = items[index]
            if not defines and not _CONTEXTUAL.search(tex):
                _REMEMBERED[(tex, display, in_paragraph, macros)] = result
    return [result for result in results if result is not None]


def _convert_together(items: list[tuple[str, bool, bool]], macros: Macros) -> list[Converted]:
    if not items:
        return []
    in_paragraph = [item[2] for item in items]
    formulas = [(item[0], item[1]) for item in items]
    hoisted, prepared, all_fixes, preamble = _prepare(formulas, macros)
    converter, dropped = _converter(hoisted)
    outputs, problems = _convert_batch(converter, prepared)
    if dropped:
        problems = _blame_dropped(problems, dict(dropped))
    label_names = _label_names(tex for tex, _ in formulas)
    duplicates = {label for label, count in label_names.items() if count > 1}
    tags = {stand_in: tag for fixes in all_fixes for stand_in, tag in fixes.tags.items()}
    results: list[Converted] = []
    for index, ((tex, display), mathml, fixes) in enumerate(zip(formulas, outputs, all_fixes, strict=True)):
        problem = problems.get(index)
        if problem is None and not mathml.startswith("<math"):
            problem = "conversion produced no MathML"
        told = tuple(preamble.told.get(index, ()))
        if problem is not None:
            quiet = _blames_left_out(problem, preamble.left_out)
            results.append(Converted(_unconverted_html(tex, display, in_paragraph[index]), problem, (), told, quiet))
            continue
        mathml = apply_fixes(mathml, fixes)
        if fixes.boxes:
            mathml = put_back_boxes(mathml, fixes.boxes)
        if tags:
            mathml = put_back_tags(mathml, tags)
        notes = [f"unknown label {_original_label(tex, ident)!r} in a reference" for ident in _MISSING.findall(mathml)]
        notes += [
            f"label {label!r} is used by more than one equation" for label in _LABEL.findall(tex) if label in duplicates
        ]
        link = _REFERENCE_LINK.search(mathml) if _ONLY_REFERENCE.fullmatch(tex) else None
        if link is not None:  # a link inside <math> would nest interactive content (WCAG): plain <a>
            html = f'<a class="math-ref" href="{link.group(1)}">{link.group(2)}</a>'
        else:
            mathml = _in_mstyle(_without_table_scriptlevel(mathml))
            html = _converted_html(_with_annotation(mathml, tex), display, in_paragraph[index])
        results.append(Converted(html, None, tuple(notes), told))
    return results


def _blames_left_out(problem: str, left_out: set[str]) -> bool:
    """Whether a formula failed on a macro or colour whose definition was left out (and told)."""
    found = _UNKNOWN.search(problem) or _UNKNOWN_COLOUR.search(problem)
    return found is not None and found.group(1) in left_out


def _blame_dropped(problems: dict[int, str], dropped: dict[str, str]) -> dict[int, str]:
    """An unknown command that is a macro the converter refused: say why it was refused."""
    blamed = dict(problems)
    for index, problem in problems.items():
        unknown = _UNKNOWN.search(problem)
        if unknown is not None and unknown.group(1) in dropped:
            name = unknown.group(1)
            blamed[index] = f"macro \\{name} cannot be defined: {dropped[name]}"
    return blamed


def _without_table_scriptlevel(mathml: str) -> str:
    """A table's scriptlevel 0/1 is what MathML Core gives it in that place anyway (a script
    position raises it), and the HTML checker's MathML schema refuses it on <mtable>."""
    return _TABLE_SCRIPTLEVEL.sub(r"\1", mathml) if "<mtable" in mathml else mathml


_TAG = re.compile(r"<(/?)([a-z]+)((?:\s[^>]*?)?)(/?)>")
_STYLE_ATTRIBUTE = re.compile(r'\s(displaystyle|scriptlevel)="[^"]*"')
_ALLOWED_STYLE = {"mstyle": ("displaystyle", "scriptlevel"), "mtable": ("displaystyle",), "math": ("displaystyle",)}
_NEEDS_MSTYLE = re.compile(r'<(?!mstyle\b)[a-z]+\s[^>]*(?:displaystyle|scriptlevel)="')


def _in_mstyle(mathml: str) -> str:
    """displaystyle/scriptlevel moved from an element onto an <mstyle> around it.

    MathML Core takes them on any element, but the HTML checker's MathML schema only on
    <mstyle> (and displaystyle on <mtable>); the wrapper means the same in both.
    """
    if not _NEEDS_MSTYLE.search(mathml):
        return mathml
    out: list[str] = []
    wrapped: list[bool] = []
    position = 0
    for tag in _TAG.finditer(mathml):
        out.append(mathml[position : tag.start()])
        position = tag.end()
        closing, name, attributes, self_closing = tag.groups()
        if closing:
            out.append(tag.group(0))
            if wrapped and wrapped.pop():
                out.append("</mstyle>")
            continue
        allowed = _ALLOWED_STYLE.get(name, ())
        moved = [m.group(0) for m in _STYLE_ATTRIBUTE.finditer(attributes) if m.group(1) not in allowed]
        if moved:
            kept = attributes
            for attribute in moved:
                kept = kept.replace(attribute, "", 1)
            out.append("<mstyle" + "".join(moved) + ">")
            out.append(f"<{name}{kept}{self_closing}>")
            if self_closing:
                out.append("</mstyle>")
        else:
            out.append(tag.group(0))
        if not self_closing:
            wrapped.append(bool(moved))
    out.append(mathml[position:])
    return "".join(out)


def _label_names(sources: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for tex in sources:
        for label in _LABEL.findall(tex):
            counts[label] = counts.get(label, 0) + 1
    return counts


def _original_label(tex: str, ident: str) -> str:
    for label in re.findall(r"\\(?:eq)?ref\s*\{([^{}]*)\}", tex):
        if label_id(label) == ident:
            return label.strip()
    return ident


@lru_cache(maxsize=8192)
def to_mathml(tex: str, display: bool, macros: Macros = ()) -> str:
    """MathML (with the TeX annotation) for one formula on its own; FormulaError if it fails."""
    converted = convert_formulas([(tex, display)], macros)[0]
    if converted.problem:
        raise FormulaError(converted.problem)
    start = converted.html.index("<math")
    return converted.html[start : converted.html.rindex("</math>") + len("</math>")]


def formula_html(tex: str, display: bool, macros: Macros = ()) -> tuple[str, str | None]:
    """(HTML, problem) for one formula on its own: the MathML, or the TeX shown as code."""
    converted = convert_formulas([(tex, display)], macros)[0]
    return converted.html, converted.problem
