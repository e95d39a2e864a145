"""sitemap.xml and robots.txt, as bytes.

Search engines need absolute, percent-encoded URLs (a Chinese slug on disk is not a valid
<loc>), and a lastmod that changes only when the page did, so both come from the model and
never from the clock.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import datetime

from generator.config.settings import SiteConfig
from generator.site.feeds import site_url, xml_safe

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP_PATH = "/sitemap.xml"


def sitemap_xml(config: SiteConfig, entries: Sequence[tuple[str, datetime | None]]) -> bytes:
    """One <url> per site path ("/posts/x/"), in the order given; a path listed twice counts once."""
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    seen: set[str] = set()
    for path, lastmod in entries:
        loc = site_url(config, path)
        if loc in seen:
            continue
        seen.add(loc)
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = xml_safe(loc)
        if lastmod is not None:
            stamp = lastmod if lastmod.tzinfo else lastmod.replace(tzinfo=config.tz)
            ET.SubElement(url, "lastmod").text = stamp.isoformat(timespec="seconds")
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")


def robots_txt(config: SiteConfig) -> bytes:
    """Allow everything and name the sitemap.

    Crawlers read robots.txt only at a host's root, so under /repo/ this file is ignored,
    but its Sitemap line is still the conventional place to announce the sitemap.
    """
    lines = ["User-agent: *", "Allow: /", "", f"Sitemap: {site_url(config, SITEMAP_PATH)}", ""]
    return "\n".join(lines).encode("utf-8")
