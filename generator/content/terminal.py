"""Terminal output as a page shows it: ANSI colours as classes, carriage returns resolved.

Notebook tracebacks and training logs are full of ANSI escape codes and progress bars
redrawn with carriage returns. A reader must see what the terminal showed, never raw
escape bytes. We only need the eight colours, their bright forms and bold: a few lines
of our own, and classes instead of inline colours so the light and dark themes choose
the shades (the colour libraries on PyPI emit inline styles or full documents).
"""

from __future__ import annotations

from html import escape

from generator.patterns import lazy_pattern

_SGR = lazy_pattern(r"\x1b\[([0-9;]*)m")
_OTHER_ESCAPES = lazy_pattern(r"\x1b(?:\[[0-9;?]*[A-Za-ln-z]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][A-Za-z0-9]|[=>])")
_COLOURS = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")


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
    """Escaped HTML with colours as `ansi-*` spans; escape codes we do not render are removed."""
    text = _OTHER_ESCAPES.sub("", resolve_carriage_returns(text))
    parts: list[str] = []
    foreground: str | None = None
    bold = False
    position = 0
    open_span = False
    for match in _SGR.finditer(text):
        chunk = text[position : match.start()]
        if chunk:
            parts.append(escape(chunk, quote=False))
        position = match.end()
        foreground, bold = _apply(match.group(1), foreground, bold)
        if open_span:
            parts.append("</span>")
            open_span = False
        classes = [c for c in (f"ansi-{foreground}" if foreground else "", "ansi-bold" if bold else "") if c]
        if classes:
            parts.append(f'<span class="{" ".join(classes)}">')
            open_span = True
    tail = text[position:]
    if tail:
        parts.append(escape(tail, quote=False))
    if open_span:
        parts.append("</span>")
    return "".join(parts)


def _apply(codes: str, foreground: str | None, bold: bool) -> tuple[str | None, bool]:
    numbers = [int(c) for c in codes.split(";") if c.isdigit()] or [0]
    index = 0
    while index < len(numbers):
        code = numbers[index]
        if code == 0:
            foreground, bold = None, False
        elif code == 1:
            bold = True
        elif code == 22:
            bold = False
        elif 30 <= code <= 37:
            foreground = _COLOURS[code - 30]
        elif 90 <= code <= 97:
            foreground = f"bright-{_COLOURS[code - 90]}"
        elif code == 39:
            foreground = None
        elif code in (38, 48) and index + 1 < len(numbers):  # 256-colour or RGB: skip its arguments
            index += 2 if numbers[index + 1] == 5 else 4
        index += 1
    return foreground, bold
