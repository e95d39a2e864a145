"""What a notebook's cells show besides their prose: code cells with their outputs, and images.

An output becomes an HTML block kept on as few lines as Markdown allows (a blank line would
end the block, and later cells would lose their .ipynb line numbers); text/html is sanitised,
Markdown and LaTeX outputs are fenced for markdown/outputs.py, images become files beside the
post's page (checked first: a broken image is left out with a warning). What a static page
cannot show (widgets, script-only HTML) is left out with one warning per kind. Pure: the
images are returned in `CellContext.images`, never written here.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

import nh3

from generator.config.strings import ZH_CN
from generator.content.imagecheck import image_data_problem
from generator.content.notebook_files import OUTPUT_CONTAINER
from generator.content.terminal import ansi_html
from generator.dialects.embeds import video_player
from generator.errors import Diagnostic, warning
from generator.patterns import lazy_pattern

_WIDGET = "application/vnd.jupyter.widget-view+json"
# The richest kind we can show wins, as in Jupyter; text/plain is everyone's fallback.
_MIME_ORDER = ("text/html", "text/markdown", "text/latex", "image/svg+xml", "image/png", "image/jpeg", "text/plain")
_IMAGE_SUFFIX = {"image/png": "png", "image/jpeg": "jpg", "image/svg+xml": "svg"}
_RASTER_KIND = {"image/png": "PNG", "image/jpeg": "JPEG"}
# IPython's YouTubeVideo and VimeoVideo (and an IFrame of a player) display the player's iframe alone.
_PLAYER_FRAME = lazy_pattern(
    r"\s*<iframe\b[^>]*?\bsrc=[\"'](?:https?:)?//(?:www\.)?"
    r"(?:(youtube)(?:-nocookie)?\.com/embed/|player\.(vimeo)\.com/video/)([\w-]+)[^\"']*[\"'][^>]*>\s*</iframe>\s*",
    re.IGNORECASE,
)  # markdown/outputs.py cleans the raw HTML inside such a container

# What survives in a text/html output: tables and text markup; no script, style, event
# handler or javascript: URL. Presentational attributes HTML5 made obsolete go too.
_HTML_TAGS = nh3.ALLOWED_TAGS - {"acronym", "center", "strike", "tt"}
_HTML_ATTRIBUTES = {
    "*": {"title", "lang", "class"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope"},
    "ol": {"start"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "data": {"value"},
}


def sanitize_html(html: str) -> str:
    """A notebook's HTML output made safe to publish inside our page (nh3, maintained upstream)."""
    clean = nh3.clean(html, tags=_HTML_TAGS, attributes=_HTML_ATTRIBUTES, clean_content_tags={"script", "style"})
    clean = re.sub(r"<img\b(?![^>]*\balt=)", '<img alt=""', clean)  # every image needs an alt, even an empty one
    # A link whose javascript: URL was removed keeps no rel (HTML allows rel only with href).
    return re.sub(r"<a\b(?![^>]*\bhref=)([^>]*?) rel=\"noopener noreferrer\"", r"<a\1", clean)


def cell_text(value: Any) -> str:
    if isinstance(value, list):
        return "".join(str(v) for v in value)
    return "" if value is None else str(value)


@dataclass(slots=True)
class CellContext:
    """What converting one notebook cell's outputs needs, and where its images and warnings go."""

    source: str
    language: str
    images: dict[str, bytes]
    diagnostics: list[Diagnostic]
    warned: set[str]
    labels: Mapping[str, str] = field(default_factory=dict)  # the site's words (config/strings.py)

    def label(self, key: str, **values: str) -> str:
        """An interface word in the site's language, escaped; Chinese when none was given."""
        return escape(self.labels.get(key) or ZH_CN[key]).format(**values)

    def leave_out(self, kind: str, line: int | None, what: str) -> None:
        """One warning per kind of output a notebook has that a static page cannot show."""
        if kind in self.warned:
            return
        self.warned.add(kind)
        self.diagnostics.append(
            warning(self.source, line, f"{what} left out of the page", "outputs a static page can show")
        )

    def checked_image(self, mime: str, data: bytes, name: str, line: int | None) -> bytes | None:
        """An output image as it will be published, or None (with a warning) if browsers could
        not show it: base64 of text, a truncated PNG, a header claiming billions of pixels."""
        if mime == "image/svg+xml":
            return self.safe_svg(data, name, line)
        problem = image_data_problem(data, _RASTER_KIND[mime])
        if problem is None:
            return data
        self.diagnostics.append(
            warning(self.source, line, f"{mime} output {name} left out: {problem}", "an image browsers can show")
        )
        return None

    def safe_svg(self, data: bytes, name: str, line: int | None) -> bytes | None:
        """The SVG with scripts and event handlers removed (it is published as a file on the
        blog's origin, where opening it would run them), saying what went; None if not SVG."""
        # Imported here: the XML parser behind it (defusedxml) costs ~1.5 ms to import, and only a
        # notebook with an SVG output needs it.
        from generator.content.svgclean import clean_svg

        clean, removed = clean_svg(data)
        if clean is None:
            self.diagnostics.append(
                warning(self.source, line, f"SVG output {name} left out: {removed[0]}", "an SVG image")
            )
            return None
        if removed:
            shown = ", ".join(removed[:6]) + (", …" if len(removed) > 6 else "")
            self.diagnostics.append(
                warning(
                    self.source,
                    line,
                    f"SVG output {name}: removed {shown}",
                    "an SVG image without scripts, event handlers or javascript: links",
                )
            )
        return clean


def pasted_images(cell: dict[str, Any], body: str, number: int, context: CellContext) -> str:
    """Images pasted into a Markdown cell become files like any output image."""
    attachments = cell.get("attachments")
    if not isinstance(attachments, dict):
        return body
    for name, bundle in attachments.items():
        if not isinstance(bundle, dict):
            continue
        for mime, suffix in _IMAGE_SUFFIX.items():
            if mime in bundle:
                data = image_bytes(mime, bundle[mime])
                stem = re.sub(r"[^\w.-]+", "-", Path(str(name)).stem).strip("-") or "image"
                file_name = f"cell{number}-{stem}.{suffix}"
                if data is not None:
                    data = context.checked_image(mime, data, file_name, None)
                if data is not None:
                    context.images[file_name] = data
                    body = body.replace(f"attachment:{name}", quote(file_name))
                break
    return body


def _fence(code: str, language: str) -> str:
    longest = max((len(m) for m in re.findall(r"`{3,}", code)), default=2)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{language}\n{code.rstrip(chr(10))}\n{ticks}"


def code_cell(
    cell: dict[str, Any],
    code: str,
    number: int,
    tags: set[str],
    line: int | None,
    context: CellContext,
) -> str | None:
    """The cell as one HTML block: its code (folded away by hide-input) and its outputs."""
    count = cell.get("execution_count")
    label = f"[{count}]" if isinstance(count, int) else "[ ]"
    show_input = "remove-input" not in tags and bool(code.strip())
    outputs = [] if "remove-output" in tags else _outputs(cell, number, line, context)
    if not show_input and not outputs:
        return None
    # As few lines as Markdown allows (an HTML block ends only at a blank line), so the
    # cell takes no more lines than in the .ipynb and later cells keep their line numbers.
    head = '<div class="nb-cell">'
    chunks: list[str] = []
    if show_input:
        hidden = bool(tags & {"hide-input", "hide-cell"})
        opening = (
            f'<details class="nb-input"><summary>{context.label("notebook_show_code")}</summary>'
            if hidden
            else '<div class="nb-input">'
        )
        prompt = f'<span class="nb-count" title="{context.label("notebook_count")}">{escape(label)}</span>'
        closing = "</details>" if hidden else "</div>"
        chunks.append(f"{head}{opening}{prompt}\n\n{_fence(code, context.language)}\n{closing}")
        head = ""
    if outputs:
        hidden = bool(tags & {"hide-output", "hide-cell"})
        opening = (
            f'<details class="nb-outputs"><summary>{context.label("notebook_show_output")}</summary>'
            if hidden
            else '<div class="nb-outputs">'
        )
        closing = "</details>" if hidden else "</div>"
        chunks.append(f"{head}{opening}\n" + "\n".join(outputs) + f"\n{closing}")
    return "\n".join(chunks) + "</div>"


def _merged_streams(outputs: list[Any]) -> list[dict[str, Any]]:
    """Consecutive writes to one stream read as one block, as Jupyter shows them."""
    merged: list[dict[str, Any]] = []
    for output in outputs:
        if not isinstance(output, dict):
            continue
        previous = merged[-1] if merged else None
        if (
            output.get("output_type") == "stream"
            and previous is not None
            and previous.get("output_type") == "stream"
            and previous.get("name") == output.get("name")
        ):
            merged[-1] = {**previous, "text": cell_text(previous.get("text")) + cell_text(output.get("text"))}
        else:
            merged.append(output)
    return merged


def _outputs(cell: dict[str, Any], number: int, line: int | None, context: CellContext) -> list[str]:
    blocks: list[str] = []
    raw_outputs = cell.get("outputs")
    for index, output in enumerate(_merged_streams(raw_outputs if isinstance(raw_outputs, list) else []), 1):
        kind = output.get("output_type")
        if kind == "stream":
            name = "stderr" if output.get("name") == "stderr" else "stdout"
            text = cell_text(output.get("text"))
            if text.strip():
                blocks.append(_pre(f"nb-stream nb-{name}", ansi_html(text)))
        elif kind == "error":
            blocks.append(_traceback(output, context))
        elif kind in ("display_data", "execute_result"):
            block = _rich_output(output, f"cell{number}-{index}", line, context)
            if block:
                blocks.append(block)
        else:
            context.leave_out(f"output:{kind}", line, f"an output of unknown type '{kind}'")
    return blocks


def _pre(classes: str, inner_html: str) -> str:
    """One line of HTML: Markdown would end the HTML block at an empty line inside the text."""
    inner = inner_html.rstrip("\n").replace("\n", "&#10;")
    return f'<div class="nb-output"><pre class="{classes}">{inner}</pre></div>'


def single_block(html: str) -> str:
    return "\n".join(line for line in html.split("\n") if line.strip())


def _traceback(output: dict[str, Any], context: CellContext) -> str:
    frames = output.get("traceback")
    if isinstance(frames, list) and frames:
        text = "\n".join(str(f) for f in frames)
    else:
        text = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
    name = escape(str(output.get("ename") or "Error"))
    return (
        f'<div class="nb-output nb-error" role="group" aria-label="{context.label("notebook_error", name=name)}">'
        f'<pre class="nb-traceback">{ansi_html(text).rstrip(chr(10)).replace(chr(10), "&#10;")}</pre></div>'
    )


def image_bytes(mime: str, value: Any) -> bytes | None:
    payload = cell_text(value)
    if mime == "image/svg+xml":
        return payload.encode("utf-8")
    try:
        return base64.b64decode("".join(payload.split()), validate=True)
    except (binascii.Error, ValueError):
        return None


def _rich_output(output: dict[str, Any], stem: str, line: int | None, context: CellContext) -> str | None:
    data = output.get("data")
    if not isinstance(data, dict) or not data:
        return None
    if _WIDGET in data:
        context.leave_out("widget", line, "an interactive widget output")
        return None
    html = cell_text(data.get("text/html")) if "text/html" in data else ""
    player = _video_player(html) if "<iframe" in html.lower() else None
    if player is not None:
        return f'<div class="nb-output nb-video">\n{player}\n</div>'
    clean = single_block(sanitize_html(html)) if html else ""
    shows_nothing = not re.sub(r"<[^>]*>", "", clean).strip() and "<img" not in clean
    # An image beside HTML that would run (Plotly, Bokeh) or that shows nothing once cleaned
    # (an iframe) is what the page can show: the notebook's own still of it.
    prefer_image = ("<script" in html.lower() or shows_nothing) and any(m in data for m in _IMAGE_SUFFIX)
    for mime in _MIME_ORDER:
        if mime not in data or (mime == "text/html" and prefer_image):
            continue
        value = data[mime]
        if mime == "text/html":
            if shows_nothing:
                kind, what = _empty_html_kind(html.lower())
                context.leave_out(kind, line, what)
                return None
            return f'<div class="nb-output nb-html">\n{clean}\n</div>'
        if mime == "text/markdown":
            return _output_container("markdown", cell_text(value).strip())
        if mime == "text/latex":
            return _output_container("latex", f"$$\n{_latex_body(cell_text(value))}\n$$")
        if mime == "text/plain":
            return _pre("nb-text", ansi_html(cell_text(value)))
        image = image_bytes(mime, value)
        if image is None:
            context.leave_out(f"bad:{mime}", line, f"an {mime} output that is not valid base64")
            return None
        name = f"{stem}.{_IMAGE_SUFFIX[mime]}"
        image = context.checked_image(mime, image, name, line)
        if image is None:
            return None
        context.images[name] = image
        return f'<div class="nb-output nb-image">\n\n![]({name})\n\n</div>'
    kinds = ", ".join(sorted(data))
    context.leave_out(f"mime:{kinds}", line, f"an output of kind {kinds}")
    return None


def _empty_html_kind(lowered: str) -> tuple[str, str]:
    """What an HTML output that shows nothing once cleaned held, for its warning: the kind
    (one warning each per notebook) and its words. fastai's progress bar first writes a
    `<style>` alone, which is no script and nothing interactive."""
    if "<script" in lowered:
        return "html:script", "an interactive (script-only) text/html output"
    if "<iframe" in lowered:
        return "html:frame", "a text/html output framing another page"
    if "<style" in lowered:
        return "html:style", "a style-only text/html output (CSS alone, nothing to show)"
    return "html:empty", "a text/html output with nothing to show"


def _video_player(html: str) -> str | None:
    """The player, as a Hugo or Hexo youtube/vimeo tag embeds it, for an output that is a YouTube
    or Vimeo player's iframe alone; its address is a known player's, so the frame runs nothing else."""
    match = _PLAYER_FRAME.fullmatch(html)
    if match is None:
        return None
    return video_player(match.group(1) or match.group(2), match.group(3))


def _output_container(kind: str, markdown: str) -> str:
    """Markdown an output produced, fenced so that nothing in it can end the fence: the
    renderer cleans raw HTML inside (markdown/outputs.py), as in a text/html output."""
    longest = max((len(run) for run in re.findall(r":+", markdown)), default=0)
    fence = ":" * max(3, longest + 1)
    return f"\n{fence} {OUTPUT_CONTAINER} {kind}\n{markdown}\n{fence}\n"


def _latex_body(tex: str) -> str:
    tex = tex.strip()
    for opening, closing in (("$$", "$$"), ("\\[", "\\]"), ("$", "$")):
        if tex.startswith(opening) and tex.endswith(closing) and len(tex) > len(opening) + len(closing):
            return tex[len(opening) : -len(closing)].strip()
    return tex
