"""sitemap.xml and robots.txt: absolute, percent-encoded, reproducible."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from pathlib import Path

from generator.config.settings import SiteConfig
from generator.site.sitemap import robots_txt, sitemap_xml

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
CST = timezone(timedelta(hours=8))


def config(base_url: str = "https://user.github.io/repo/") -> SiteConfig:
    return SiteConfig(root=Path("/nonexistent"), base_url=base_url)


def entries_of(document: bytes) -> list[tuple[str, str | None]]:
    root = ET.fromstring(document)
    assert root.tag == f"{NS}urlset"
    return [(u.findtext(f"{NS}loc"), u.findtext(f"{NS}lastmod")) for u in root.findall(f"{NS}url")]


def test_locations_are_absolute_and_encoded_under_the_base_path() -> None:
    document = sitemap_xml(
        config(),
        [
            ("/", datetime(2025, 6, 29, 22, 40, tzinfo=CST)),
            ("/posts/感受野/", datetime(2025, 6, 1, 8, 0, tzinfo=CST)),
            ("/tags/a&b/", None),
        ],
    )
    assert entries_of(document) == [
        ("https://user.github.io/repo/", "2025-06-29T22:40:00+08:00"),
        ("https://user.github.io/repo/posts/%E6%84%9F%E5%8F%97%E9%87%8E/", "2025-06-01T08:00:00+08:00"),
        ("https://user.github.io/repo/tags/a&b/", None),
    ]
    assert b"a&amp;b" in document


def test_naive_lastmod_is_read_in_the_site_time_zone() -> None:
    document = sitemap_xml(config(), [("/", datetime(2025, 1, 2, 3, 4, 5))])
    assert entries_of(document) == [("https://user.github.io/repo/", "2025-01-02T03:04:05+08:00")]


def test_duplicates_are_listed_once_and_output_is_stable() -> None:
    items = [("/posts/x/", None), ("/posts/x/", None), ("/", None)]
    document = sitemap_xml(config("http://localhost:8000/"), items)
    assert [loc for loc, _ in entries_of(document)] == ["http://localhost:8000/posts/x/", "http://localhost:8000/"]
    assert document == sitemap_xml(config("http://localhost:8000/"), items)
    assert document.startswith(b'<?xml version="1.0" encoding="utf-8"?>')


def test_robots_points_at_the_absolute_sitemap() -> None:
    text = robots_txt(config()).decode()
    assert "User-agent: *" in text
    assert "Sitemap: https://user.github.io/repo/sitemap.xml" in text.splitlines()
    assert robots_txt(config("https://example.com/")).decode().count("Sitemap: https://example.com/sitemap.xml") == 1
