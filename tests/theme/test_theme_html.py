"""Every built page passes the Nu HTML Checker; pages stay light and never reach outside the site."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import Site, npm_file, npm_prefix

INDEX_BUDGET = 60 * 1024
VNU_TIMEOUT = 90


def test_every_page_passes_the_nu_html_checker(site: Site) -> None:
    java = shutil.which("java")
    vnu = npm_file("vnu-jar", "build/dist/vnu.jar")
    if java is None:
        pytest.skip("java is not installed (apt-get install default-jre-headless)")
    if not vnu.is_file():
        pytest.skip(f"vnu.jar is missing: npm install --prefix {npm_prefix()} vnu-jar")
    pages = site.pages()
    assert len(pages) > 40
    done = subprocess.run(
        [java, "-jar", str(vnu), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=VNU_TIMEOUT,
    )
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    problems = [
        f"{Path(urlsplit(m.get('url', '')).path).relative_to(site.root)}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]
    assert problems == [], "\n".join(problems)


class _Collector(HTMLParser):
    """The text of excerpts, every stylesheet, and every resource address (links to other sites in <a> are fine)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.excerpt_depth = 0
        self.excerpt_text: list[str] = []
        self.stylesheets: list[str] = []
        self.addresses: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self.excerpt_depth:
            self.excerpt_depth += 1
        elif "entry-excerpt" in (values.get("class") or "").split():
            self.excerpt_depth = 1
        if tag in ("link", "script", "img", "source", "iframe", "audio", "video", "embed", "object"):
            for name in ("src", "href", "srcset"):
                if values.get(name):
                    self.addresses.append(values[name] or "")
        if tag == "link" and values.get("rel") == "stylesheet" and values.get("href"):
            self.stylesheets.append(values["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if self.excerpt_depth:
            self.excerpt_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.excerpt_depth:
            self.excerpt_text.append(data)


def collect(page: Path) -> _Collector:
    collector = _Collector()
    collector.feed(page.read_text(encoding="utf-8"))
    collector.close()
    return collector


def local_file(site: Site, address: str) -> Path:
    path = urlsplit(urljoin(site.base, address)).path
    target = site.root / path.lstrip("/")
    return target / "index.html" if path.endswith("/") else target


def test_index_html_and_css_stay_under_60_kb_without_the_excerpts_text(site: Site) -> None:
    index = site.root / "index.html"
    found = collect(index)
    assert found.excerpt_text, "no excerpts found: did the index stop using class entry-excerpt?"
    html = len(index.read_bytes())
    css = sum(local_file(site, href).stat().st_size for href in found.stylesheets)
    excerpts = len("".join(found.excerpt_text).encode("utf-8"))
    weight = html + css - excerpts
    print(f"index: html {html} B + css {css} B - excerpts' text {excerpts} B = {weight} B")
    assert weight < INDEX_BUDGET, f"{weight} bytes"


def test_no_page_loads_anything_from_another_origin(site: Site) -> None:
    own = urlsplit(site.base).netloc
    outside: list[str] = []
    for page in site.pages():
        text = page.read_text(encoding="utf-8")
        found = collect(page)
        for address in found.addresses:
            for part in re.split(r",\s*", address):
                parsed = urlsplit(urljoin(site.base, part.split(" ")[0]))
                if parsed.scheme in ("http", "https") and parsed.netloc != own:
                    outside.append(f"{page.relative_to(site.root)}: {part}")
        # Styles and scripts inline in the page must not fetch from outside either.
        for url in re.findall(r"(?:url\(|@import\s+|import\()\s*['\"]?(https?://[^'\")\s]+)", text):
            if urlsplit(url).netloc != own:
                outside.append(f"{page.relative_to(site.root)}: {url}")
    for sheet in (site.root / "css").glob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?(https?://[^'\")\s]+)", sheet.read_text(encoding="utf-8")):
            outside.append(f"{sheet.relative_to(site.root)}: {url}")
    assert outside == [], "\n".join(outside)
