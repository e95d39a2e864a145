"""Terminal output as a page shows it: ANSI styles as classes, carriage returns resolved.

Notebook tracebacks and training logs are full of ANSI escape codes and progress bars
redrawn with carriage returns. A reader must see what the terminal showed, never raw
escape bytes. The sixteen colours (foreground and background), bold, dim, italic and
underline are classes, so the light and dark themes choose the shades; IPython 8's
tracebacks and rich's logs colour most tokens from the 256-colour palette or in RGB, and
those colours are given inline as a custom property (`--ansi-fg`) that the theme's
`.ansi-fg` rule reads, so it can still shade them for each theme. A few lines of our own:
the colour libraries on PyPI emit fixed inline colours or whole documents.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from typing import NamedTuple

from generator.patterns import lazy_pattern

_SGR = lazy_pattern(r"\x1b\[([0-9;:]*)m")
_OTHER_ESCAPES = lazy_pattern(r"\x1b(?:\[[0-9;:?]*[A-Za-ln-z]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][A-Za-z0-9]|[=>])")
_COLOURS = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")
_CUBE = (0, 95, 135, 175, 215, 255)  # xterm's levels for the 6×6×6 part of the 256-colour palette


class _Style(NamedTuple):
    """What the text after an escape code looks like. A colour is a class's name part
    (`red`, `bright-red`) or `#rrggbb` for one outside the sixteen."""

    fg: str = ""
    bg: str = ""
    bold: bool = False
    dim: bool = False
    italic: bool = False
    underline: bool = False


_PLAIN = _Style()


def resolve_carriage_returns(text: str) -> str:
    """Keep what a terminal leaves on screen: a progress bar's last state, not every redraw."""
    if "\r" not in text and "\b" not in text:
        return text
    lines = []
    for line in text.replace("\r\n", "\n").split("\n"):
        screen: list[str] = []
        cursor = 0
        for char in line:
            if char == "\r":
                cursor = 0
            elif char == "\b":
                cursor = max(0, cursor - 1)
            else:
                if cursor < len(screen):
                    screen[cursor] = char
                else:
                    screen.append(char)
                cursor += 1
        lines.append("".join(screen))
    return "\n".join(lines)


def ansi_html(text: str) -> str:
    """Escaped HTML with styles as `ansi-*` spans; escape codes we do not render are removed."""
    text = _OTHER_ESCAPES.sub("", resolve_carriage_returns(text))
    parts: list[str] = []
    style = _PLAIN
    position = 0
    open_span = False
    for match in _SGR.finditer(text):
        chunk = text[position : match.start()]
        if chunk:
            parts.append(escape(chunk, quote=False))
        position = match.end()
        style = _apply(match.group(1), style)
        if open_span:
            parts.append("</span>")
            open_span = False
        if style != _PLAIN:
            parts.append(_span(style))
            open_span = True
    tail = text[position:]
    if tail:
        parts.append(escape(tail, quote=False))
    if open_span:
        parts.append("</span>")
    return "".join(parts)


@lru_cache(maxsize=256)
def _span(style: _Style) -> str:
    """The opening tag for a style: only class names and hex colours we made, nothing from the text."""
    classes: list[str] = []
    custom: list[str] = []
    for layer, value in (("fg", style.fg), ("bg", style.bg)):
        if value.startswith("#"):
            classes.append(f"ansi-{layer}")
            custom.append(f"--ansi-{layer}:{value}")
        elif value:
            classes.append(f"ansi-{value}" if layer == "fg" else f"ansi-bg-{value}")
    for name in ("bold", "dim", "italic", "underline"):
        if getattr(style, name):
            classes.append(f"ansi-{name}")
    inline = f' style="{";".join(custom)}"' if custom else ""
    return f'<span class="{" ".join(classes)}"{inline}>'


_SWITCHES = {
    1: {"bold": True},
    2: {"dim": True},
    3: {"italic": True},
    4: {"underline": True},
    22: {"bold": False, "dim": False},
    23: {"italic": False},
    24: {"underline": False},
    39: {"fg": ""},
    49: {"bg": ""},
}


def _apply(codes: str, style: _Style) -> _Style:
    """The style after one SGR sequence: its codes in order, `;` between them; a colour's
    arguments follow it (`38;5;208`) or hang from it with `:` (`38:2::0:128:255`)."""
    params = codes.split(";")
    index = 0
    while index < len(params):
        head, _, rest = params[index].partition(":")
        code = _number(head) if head else 0  # an empty code is 0, as terminals read `\x1b[;1m`
        index += 1
        if code == 0:
            style = _PLAIN
        elif code in _SWITCHES:
            on = not (code == 4 and rest[:1] == "0")  # 4:0 is underline off (4:1 to 4:5 are its shapes)
            style = style._replace(**_SWITCHES[code]) if on else style._replace(underline=False)
        elif 30 <= code <= 37 or 90 <= code <= 97:
            style = style._replace(fg=_named(code % 10, code >= 90))
        elif 40 <= code <= 47 or 100 <= code <= 107:
            style = style._replace(bg=_named(code % 10, code >= 100))
        elif code in (38, 48):
            if rest:
                colour = _extended(rest.split(":"), colon=True)
            else:
                colour = _extended(params[index : index + 4], colon=False)
                index += 2 if params[index : index + 1] == ["5"] else 4
            if colour is not None:
                style = style._replace(**{"fg" if code == 38 else "bg": colour})
    return style


def _number(digits: str) -> int:
    """A code or argument; -1 for none, or for thousands of digits that no code has (and that
    Python would refuse to read as an int)."""
    return int(digits) if digits and len(digits) <= 6 else -1


def _named(number: int, bright: bool) -> str:
    return f"bright-{_COLOURS[number]}" if bright else _COLOURS[number]


def _extended(args: list[str], colon: bool) -> str | None:
    """A 256-colour (`5;n`) or RGB (`2;r;g;b`) colour; None for what is not one. The colon form
    may put a colour space's id before the RGB values (`2::r:g:b`)."""
    numbers = [_number(a) for a in args]
    if numbers[:1] == [5] and len(numbers) >= 2:
        return _palette(numbers[1])
    if numbers[:1] == [2] and len(numbers) >= 4:
        rgb = numbers[-3:] if colon else numbers[1:4]
        if all(0 <= value <= 255 for value in rgb):
            return "#{:02x}{:02x}{:02x}".format(*rgb)
    return None


def _palette(number: int) -> str | None:
    """xterm's 256 colours: the sixteen by name, then a 6×6×6 cube and 24 greys as RGB."""
    if 0 <= number < 16:
        return _named(number % 8, number >= 8)
    if 16 <= number < 232:
        cube = number - 16
        return f"#{_CUBE[cube // 36]:02x}{_CUBE[cube // 6 % 6]:02x}{_CUBE[cube % 6]:02x}"
    if 232 <= number < 256:
        grey = 8 + 10 * (number - 232)
        return f"#{grey:02x}{grey:02x}{grey:02x}"
    return None
