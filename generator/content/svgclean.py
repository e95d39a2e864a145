"""Making a notebook's SVG output safe to publish as a file on the blog's own origin.

A plot saved as `cell3-1.svg` is opened by readers directly (a click on the figure, "open
image in new tab"), and an SVG opened as a document runs its scripts with the blog's
origin. The notebook's author did not write that SVG: a library or a shared notebook did.

Why a parser and not nh3: nh3 (ammonia) parses and serialises HTML, so the XML an SVG file
must be comes back changed (`&nbsp;`, no XML declaration, names case-folded), and the
browser then refuses the file. defusedxml parses it as XML without entity expansion or
external references, and we keep an allow-list of SVG elements and drop event handlers,
script URLs and the animation elements that can set one. What was removed is returned,
so the build can say so.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from generator.patterns import lazy_pattern

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"

# Drawing, text, paint servers, clipping, masking and filters: what plotting libraries write.
ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "symbol", "use", "title", "desc", "switch",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "textPath",
        "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker", "image", "style",
        "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
        "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA",
        "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feImage", "feMerge", "feMergeNode",
        "feMorphology", "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight", "feTile",
        "feTurbulence", "a",
    }
)  # fmt: skip
# Elements whose content is dropped with them (a <metadata> block of RDF is not drawn at all).
SILENT = frozenset({"metadata"})
_SCRIPT_URL = lazy_pattern(r"^\s*(?:javascript|vbscript|data\s*:\s*text/html)", re.IGNORECASE)
_SAFE_IMAGE = lazy_pattern(r"^data:image/(?:png|jpeg|gif|webp);base64,", re.IGNORECASE)
_CSS_DANGER = lazy_pattern(r"@import|expression\s*\(|javascript:|url\s*\(\s*['\"]?(?!#)", re.IGNORECASE)


def _local(name: str) -> tuple[str, str]:
    """'{namespace}name' -> (namespace, name)."""
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return "", name


def _href_ok(element: str, value: str) -> bool:
    if element in ("image", "feImage"):
        return value.startswith("#") or bool(_SAFE_IMAGE.match(value))
    if element == "a":
        return not _SCRIPT_URL.match(value) and not value.strip().lower().startswith("data:")
    return value.startswith("#")  # <use>, gradients, textPath: a reference inside this file


def _clean(node: ElementTree.Element, removed: list[str]) -> None:
    for child in list(node):
        namespace, name = _local(str(child.tag))
        if namespace != SVG or name not in ELEMENTS:
            if name not in SILENT:
                removed.append(f"<{name}>")
            node.remove(child)
            continue
        for attribute, value in list(child.attrib.items()):
            space, local = _local(attribute)
            reason = None
            if local.lower().startswith("on"):
                reason = f"{local}="
            elif local == "href" and space in ("", XLINK) and not _href_ok(name, value):
                reason = f"href to {value[:30]}"
            elif space == XML and local == "base":
                reason = "xml:base="
            elif _SCRIPT_URL.match(value) or (local == "style" and _CSS_DANGER.search(value)):
                reason = f"{local}="
            if reason is not None:
                removed.append(reason)
                del child.attrib[attribute]
        if name == "style" and child.text and _CSS_DANGER.search(child.text):
            removed.append("<style> with @import or url()")
            child.text = ""
        _clean(child, removed)


def clean_svg(data: bytes) -> tuple[bytes | None, list[str]]:
    """The SVG with only drawing left, and what was removed; None when it is not SVG at all."""
    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        return None, ["it declares XML entities"]
    except (ElementTree.ParseError, ValueError):
        return None, ["it is not well-formed XML"]
    namespace, name = _local(str(root.tag))
    if namespace != SVG or name != "svg":
        return None, [f"its root element is <{name}>, not <svg>"]
    removed: list[str] = []
    for attribute in [a for a in root.attrib if _local(a)[1].lower().startswith("on")]:
        removed.append(f"{_local(attribute)[1]}=")
        del root.attrib[attribute]
    _clean(root, removed)
    ElementTree.register_namespace("", SVG)
    ElementTree.register_namespace("xlink", XLINK)
    text = ElementTree.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + text + "\n").encode("utf-8"), list(dict.fromkeys(removed))


__all__ = ["clean_svg"]
