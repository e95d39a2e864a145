"""`\\smash`, `\\style`, `\\class`, `\\cssId` and `\\uproot`/`\\leftroot`: MathJax's boxes, made as MathJax makes them.

math-core knows none of them and refused the formula, where MathJax wraps what they hold in an
element of its own: `\\smash[b]{x}` in `<mpadded depth="0">` (no height or depth, so that a root
or a line is not pushed by it), `\\style{css}{x}` in an element carrying that CSS (`\\class{name}{x}`
and `\\cssId{id}{x}`, that class or id: the blog's CSS or script may have used it), and
`\\uproot{n}`/`\\leftroot{n}` in a root's index as an `<mpadded>` raising it n/15 em, moving it
n/15 em left. Each becomes a group coloured with a stand-in (`\\color[HTML]{0E0Fnn}`), which
math-core writes as one `<mrow style="color:#0E0Fnn;">` around the group; after conversion that
wrapper becomes MathJax's element. A formula that itself names such a colour keeps these
commands, and the converter reports them as before.
"""

from __future__ import annotations

from html import escape

from generator.math.preamble import bracket_end
from generator.math.tex_rewrite import Fixes, braced_argument
from generator.patterns import lazy_pattern

_STAND_IN = "0E0F"
_BOX = lazy_pattern(r"\\(smash|style|class|cssId)(?![A-Za-z])\s*(?:\[\s*([tb])\s*\])?")
_ATTRIBUTE = {"style": "style", "class": "class", "cssId": "id"}  # what MathJax sets on its element
_ROOT_INDEX = lazy_pattern(r"\\sqrt\s*\[")
_ROOT_MOVE = lazy_pattern(r"\\(uproot|leftroot)\s*\{\s*(-?\d+)\s*\}")
_WRAPPER = lazy_pattern(r'<mrow style="color:#0E0F([0-9A-F]{2});">')
_MROW = lazy_pattern(r"<mrow[ >]|</mrow>")
_SMASHED = {"t": ' height="0"', "b": ' depth="0"', None: ' height="0" depth="0"'}


def boxes(tex: str, fixes: Fixes) -> str:
    """`tex` with its boxes as stand-in colours, their MathML elements in `fixes.boxes`."""
    boxed = "\\smash" in tex or "\\style" in tex or "\\class" in tex or "\\cssId" in tex
    if (not boxed and "root" not in tex) or _STAND_IN in tex.upper():
        return tex
    if "root" in tex:
        tex = _root_indices(tex, fixes)
    if boxed:
        tex = _boxed(tex, fixes)
    return tex


def _stand_in(fixes: Fixes, opening: str, closing: str, inner: str) -> str:
    mark = f"{len(fixes.boxes):02X}"
    fixes.boxes[mark] = (opening, closing)
    return f"{{\\color[HTML]{{{_STAND_IN}{mark}}}{{{inner}}}}}"


def _boxed(tex: str, fixes: Fixes) -> str:
    """`\\smash[tb]{…}`, `\\style{css}{…}`, `\\class{name}{…}` and `\\cssId{id}{…}`, inner ones too, as stand-ins."""
    out: list[str] = []
    index = 0
    for match in _BOX.finditer(tex):
        if match.start() < index or len(fixes.boxes) > 0xFF:
            continue
        first = braced_argument(tex, match.end())
        if first is None:
            continue
        if match.group(1) == "smash":
            opening, closing, (inner, end) = f"<mpadded{_SMASHED[match.group(2)]}>", "</mpadded>", first
        else:
            second = braced_argument(tex, first[1]) if match.group(2) is None else None
            if second is None:
                continue
            attribute = _ATTRIBUTE[match.group(1)]
            opening, closing, (inner, end) = f'<mrow {attribute}="{escape(first[0].strip())}">', "</mrow>", second
        out.append(tex[index : match.start()])
        out.append(_stand_in(fixes, opening, closing, _boxed(inner, fixes)))
        index = end
    out.append(tex[index:])
    return "".join(out)


def _root_indices(tex: str, fixes: Fixes) -> str:
    """`\\sqrt[\\uproot{2}\\leftroot{3}p]{…}`: the index raised 2/15 em and moved 3/15 em left."""
    out: list[str] = []
    index = 0
    for match in _ROOT_INDEX.finditer(tex):
        close = bracket_end(tex, match.end() - 1)
        if match.start() < index or close < 0 or len(fixes.boxes) > 0xFF:
            continue
        root_index = tex[match.end() : close]
        moves = {name: int(amount) / 15 for name, amount in _ROOT_MOVE.findall(root_index)}
        if not moves:
            continue
        attributes = f' width="{moves["leftroot"]:+g}em"' if "leftroot" in moves else ""
        if "uproot" in moves:
            attributes += f' voffset="{moves["uproot"]:+g}em" height="{moves["uproot"]:+g}em"'
        inner = _ROOT_MOVE.sub("", root_index).strip()
        out.append(tex[index : match.end()])
        out.append(_stand_in(fixes, f"<mpadded{attributes}>", "</mpadded>", inner) + "]")
        index = close + 1
    out.append(tex[index:])
    return "".join(out)


def put_back_boxes(mathml: str, made: dict[str, tuple[str, str]]) -> str:
    """Each stand-in's `<mrow style="color:…">` and its closing tag as the element MathJax makes."""
    while (wrapper := _WRAPPER.search(mathml)) is not None:
        opening, closing = made.get(wrapper.group(1), ("<mrow>", "</mrow>"))
        depth = 0
        end = -1
        for tag in _MROW.finditer(mathml, wrapper.start()):
            depth += -1 if tag.group(0) == "</mrow>" else 1
            if depth == 0:
                end = tag.start()
                break
        if end < 0:
            return mathml[: wrapper.start()] + "<mrow>" + mathml[wrapper.end() :]
        mathml = (
            mathml[: wrapper.start()] + opening + mathml[wrapper.end() : end] + closing + mathml[end + len("</mrow>") :]
        )
    return mathml


__all__ = ["boxes", "put_back_boxes"]
