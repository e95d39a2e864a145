"""What a notebook's code cell says about itself in comments at its top, read as cell tags.

fastpages and nbdev 1 wrote flags as whole comment lines (`#hide`, `#hide_input`,
`#collapse-hide`, `#export`); Quarto and nbdev 2 write options (`#| echo: false`,
`#| include: false`, `#| code-fold: true`, nbdev's bare `#| hide`). The blogs built from those
notebooks never showed a hidden cell, nor the flag lines themselves: published as code, the
set-up cells and the flags were noise on every page. Each flag becomes the tag Jupyter Book
gives the same intent (`remove-cell`, `remove-input`, `remove-output`, `hide-input`,
`hide-output`), which the converter already honours. Only whole lines count: a comment such as
`# hide the axes` is code.
"""

from __future__ import annotations

from generator.dialects.quarto import CELL_OPTION, FALSE_WORDS
from generator.patterns import lazy_pattern

# fastpages / nbdev 1 flags, each alone on its line; the tag it stands for ("" : just not shown).
_FLAGS = {
    "hide": "remove-cell",
    "default_exp": "remove-cell",
    "hide_input": "remove-input",
    "hide_output": "remove-output",
    "collapse": "hide-input",
    "collapse_hide": "hide-input",
    "collapse_input": "hide-input",
    "collapse_output": "hide-output",
    "collapse_show": "",
    "export": "",
    "exports": "",
    "exporti": "",
}
_FLAG = lazy_pattern(r"[ \t]*#[ \t]*(?P<flag>[a-z_-]+)(?P<argument>[ \t]+[\w.]+)?[ \t]*")
# nbdev 2's bare directives, `#| hide`, `#| export` (Quarto's `#| key: value` lines are read as
# a .qmd's are: quarto.py).
_BARE = lazy_pattern(r"[ \t]*#\|[ \t]*(?P<key>[\w-]+)[ \t]*")


def _option_tag(key: str, value: str) -> str:
    value = value.strip("\"'").lower()
    if key == "hide" and value == "true":
        return "remove-cell"
    if key in ("include", "echo", "output") and value in FALSE_WORDS:
        return {"include": "remove-cell", "echo": "remove-input", "output": "remove-output"}[key]
    if key == "code-fold" and value in ("true", "yes"):
        return "hide-input"
    return ""


def _line_tag(line: str) -> str | None:
    """The tag a directive line stands for ("" for none), or None when the line is code."""
    option = CELL_OPTION.fullmatch(line)
    if option is not None:
        return _option_tag(option.group("key").lower(), option.group("value"))
    bare = _BARE.fullmatch(line)
    if bare is not None:
        return "remove-cell" if bare.group("key").lower() == "hide" else ""
    flag = _FLAG.fullmatch(line)
    if flag is None:
        return None
    name = flag.group("flag").replace("-", "_")
    if name not in _FLAGS or (flag.group("argument") and name != "default_exp"):
        return None  # `# hide the axes`, `#export me`: a comment, kept
    return _FLAGS[name]


def cell_directives(code: str) -> tuple[str, set[str]]:
    """The code without the flag and option lines at its top, and the tags they stand for."""
    if not code.lstrip().startswith("#"):
        return code, set()  # nearly every cell
    lines = code.split("\n")
    tags: set[str] = set()
    count = 0
    for line in lines:
        tag = _line_tag(line)
        if tag is None:
            break
        tags.add(tag)
        count += 1
    tags.discard("")
    return "\n".join(lines[count:]), tags


__all__ = ["cell_directives"]
