"""The tables of site.toml that settings.py reads with rules of its own: [permalinks],
[paths], [math] and [strings] ([comments], [footer], [analytics] and [deploy] have their
modules), and the two helpers every reader shares: the line a key is written on, and
"did you mean" for a key that is not known.
"""

from __future__ import annotations

import re
from typing import Any

from generator.config.strings import ZH_CN
from generator.dialects.permalinks import POST_FIELDS
from generator.errors import Diagnostic, error, warning
from generator.urls.checks import PERMALINK_EXPECTED, permalink_problem


def line_of(text: str, key: str) -> int | None:
    """Where a key is written, so a wrong value can be pointed at."""
    pattern = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def suggest(key: str, known: list[str]) -> str | None:
    import difflib  # only for a key that is wrong: 1.5 ms of every start otherwise

    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def check_table(
    name: str,
    table: dict[str, Any],
    defaults: dict[str, str],
    path: str,
    text: str,
    diagnostics: list[Diagnostic],
) -> dict[str, str]:
    merged = dict(defaults)
    for key, value in table.items():
        line = line_of(text, key)
        if key not in defaults:
            hint = suggest(key, list(defaults))
            known = ", ".join(defaults)
            diagnostics.append(warning(path, line, f"unknown key '{name}.{key}' is ignored", hint or f"one of {known}"))
            continue
        if not isinstance(value, str) or not value.strip():
            diagnostics.append(error(path, line, f"'{name}.{key}' must be a string", "a non-empty string"))
            continue
        merged[key] = value
    return merged


def check_math(table: dict[str, Any], path: str, text: str, diagnostics: list[Diagnostic]) -> dict[str, Any]:
    """[math]: `macros`, each a TeX string or MathJax's ["body", arity] pair; `code_spans`."""
    known = ["macros", "code_spans"]
    for key in table:
        if key not in known:
            diagnostics.append(
                warning(
                    path,
                    line_of(text, key),
                    f"unknown key 'math.{key}' is ignored",
                    suggest(key, known) or "macros or code_spans",
                )
            )
    macros = table.get("macros", {})
    if not isinstance(macros, dict):
        diagnostics.append(
            error(path, line_of(text, "macros"), "'math.macros' must be a table", '[math.macros] E = "..."')
        )
        return {"macros": {}}
    code_spans = table.get("code_spans", False)
    if not isinstance(code_spans, bool):
        diagnostics.append(
            error(path, line_of(text, "code_spans"), "'math.code_spans' must be true or false", "true or false")
        )
        code_spans = False
    good: dict[str, str] = {}
    for name, value in macros.items():
        body = value[0] if isinstance(value, list) and value and isinstance(value[0], str) else value
        if not re.fullmatch(r"\\?[A-Za-z]+", name) or not isinstance(body, str) or not body.strip():
            diagnostics.append(
                error(
                    path,
                    line_of(text, name),
                    f"math macro '{name}' is not usable",
                    'a name of letters and a TeX string, e.g. E = "\\\\mathop{\\\\mathbb{E}}"',
                )
            )
            continue
        good[name.lstrip("\\")] = body
    return {"macros": good, "code_spans": code_spans}


def check_strings(table: dict[str, Any], path: str, text: str, diagnostics: list[Diagnostic]) -> dict[str, str]:
    """[strings]: known keys only, each a string keeping the placeholders of the one it replaces."""
    good: dict[str, str] = {}
    for key, value in table.items():
        line = line_of(text, key)
        if key not in ZH_CN:
            hint = suggest(key, list(ZH_CN))
            diagnostics.append(
                warning(
                    path, line, f"unknown key 'strings.{key}' is ignored", hint or "a key from docs/configuration.md"
                )
            )
            continue
        if not isinstance(value, str):
            diagnostics.append(error(path, line, f"'strings.{key}' must be a string", "a string"))
            continue
        wanted = set(re.findall(r"\{(\w*)\}", ZH_CN[key]))
        written = set(re.findall(r"\{(\w*)\}", value))
        if written - wanted or "{}" in value or _unbalanced(value):
            allowed = " ".join("{" + name + "}" for name in sorted(wanted)) or "no {placeholders}"
            diagnostics.append(
                error(path, line, f"'strings.{key}' uses placeholders the theme does not fill", f"only {allowed}")
            )
            continue
        good[key] = value
    return good


def _unbalanced(value: str) -> bool:
    try:
        value.format_map(_Anything())
    except (ValueError, IndexError):
        return True
    return False


class _Anything(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def check_permalinks(permalinks: dict[str, str], path: str, text: str, diagnostics: list[Diagnostic]) -> None:
    allowed = {"post": POST_FIELDS, "tag": {"slug"}, "series": {"slug"}, "page": {"n"}}
    for kind, pattern in permalinks.items():
        names = set(re.findall(r"\{(\w+)\}", pattern))
        required = {"post": "slug", "tag": "slug", "series": "slug", "page": "n"}[kind]
        bad = names - allowed[kind] | set(re.findall(r"(?:^|/)(:[a-z_]+)", pattern))  # an old generator's unknown field
        if kind == "post" and names & {"path", "file"}:
            required = next(iter(sorted(names & {"path", "file"})))  # both end in the post's own name
        problem = permalink_problem(pattern)
        if problem:
            diagnostics.append(
                error(
                    path,
                    line_of(text, kind),
                    f"permalink pattern '{pattern}' for {kind} {problem}",
                    PERMALINK_EXPECTED,
                )
            )
        elif bad or required not in names or not pattern.startswith("/"):
            fields_ = " ".join("{" + n + "}" for n in sorted(allowed[kind]))
            diagnostics.append(
                error(
                    path,
                    line_of(text, kind),
                    f"permalink pattern '{pattern}' for {kind} is not usable",
                    f"a path starting with / that contains {{{required}}}, using only {fields_}",
                )
            )
