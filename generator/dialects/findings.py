"""What the migration left as written, said once per kind for the whole site.

A site moved in from Hugo may hold hundreds of `{{< youtube >}}`; the body converters
(hexo, jekyll, hugo) record each construct as a `Finding`, and the build turns them into
one warning per kind (`summarise_findings`) in the words a writer needs (`describe`).
Shared by every dialect, so it sits apart from all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.errors import Diagnostic, warning


@dataclass(frozen=True, slots=True)
class Finding:
    """One construct that was left as written (or could not be closed), for the site summary.

    kind is "<family>:<kind>:<name>[:<problem>]", e.g. "hugo:shortcode:youtube",
    "hexo:tag:note", "jekyll:liquid:include", "jekyll:liquid:highlight:unclosed";
    line is a file line; text is the construct as written (shortened) for the message.
    Constructs that were converted are findings too (`converted=True`), so the build can
    say how many of each kind it converted; they never become warnings.
    """

    kind: str
    line: int
    source: str = ""
    text: str = ""
    converted: bool = False  # True: turned into Markdown or HTML (counted in the migration summary only)


_FAMILY = {
    "hugo": "Hugo shortcode",
    "hexo": "Hexo tag",
    "jekyll": "Liquid tag",
    "liquid": "Tag",
    "distill": "distill element",
}


def describe(kind: str, text: str = "") -> tuple[str, str]:
    """(message, advice) for a finding kind, in the words a writer needs."""
    parts = kind.split(":")
    family = parts[0]
    name = parts[2] if len(parts) > 2 else ""
    problem = parts[3] if len(parts) > 3 else ""
    hugo = family == "hugo"
    if name == "unterminated":
        opener = "{{<" if hugo else "{%"
        return f"'{opener}' is never closed on its line and was left as written", "close it or remove it"
    if kind == "jekyll:liquid:output":
        shown = text or "{{ ... }}"
        return (
            f"Liquid output {shown} is not supported and was left as written",
            "replace it with the text it stood for",
        )
    label = _FAMILY.get(family, "Tag")
    written = f"{{{{< {name} >}}}}" if hugo else f"{{% {name} %}}"
    if family == "distill":  # <d-cite>, <d-footnote>: elements, not tags
        label, written = "distill element", f"<{name}>"
        if problem == "unclosed":
            return f"{label} {written} has no </{name}> and was left as written", f"add </{name}>"
        fix = "a citation [@key]" if name == "d-cite" else "a footnote [^1] with its text under [^1]: …"
        return (
            f"{label} {written} is left as written: it stands in an HTML block (no Markdown is read there) "
            "or its content could not be read",
            f"a blank line after the HTML tag that opens the block, or {fix}",
        )
    if problem == "unclosed":
        closer = f"{{{{< /{name} >}}}}" if hugo else f"{{% end{name} %}}"
        return f"{label} {written} has no {closer} and was left as written", f"add {closer}"
    if problem == "unopened":
        opener = name[3:] if name.startswith("end") else name
        shown = f"{{{{< /{name} >}}}}" if hugo else written
        return f"{label} {shown} closes nothing and was left as written", f"remove it or add the opening {opener}"
    return f"{label} {written} is not supported and was left as written", "convert it to HTML or Markdown"


def summarise_findings(
    findings: Iterable[Finding], source_of: Callable[[Finding], str] | None = None
) -> list[Diagnostic]:
    """One warning per kind across the whole site: its first place and how many there are.

    A site migrated from Hugo may hold hundreds of `{{< youtube >}}`; one line that says
    where the first is and how many there are is actionable, a hundred lines are not.
    `source_of` may map a finding to its path when findings carry none.
    """
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        if not finding.converted:
            groups.setdefault(finding.kind, []).append(finding)
    result: list[tuple[tuple[str, int, str], Diagnostic]] = []
    for kind, group in groups.items():
        first = min(group, key=lambda f: ((source_of(f) if source_of else f.source), f.line))
        path = source_of(first) if source_of else first.source
        message, advice = describe(kind, first.text)
        count = len(group)
        places = f"{count} place{'s' if count != 1 else ''}"
        result.append(((path, first.line, kind), warning(path, first.line, message, f"{places}; {advice}")))
    return [diagnostic for _, diagnostic in sorted(result, key=lambda item: item[0])]


__all__ = ["Finding", "describe", "summarise_findings"]
