"""Hostile text in titles, tags, summaries and the site name comes out escaped everywhere;
feeds and the sitemap stay well-formed XML whatever the content."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.build.pipeline import BuildOptions, build
from generator.errors import BuildError
from tests.conftest import SITES

NOW = datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
EVIL = "<script>alert(1)</script> \"q\" 'a' {{ 7*7 }}"
YAML_EVIL = EVIL.replace('"', '\\"')


def make_site(tmp_path: Path, title: str, site_title: str = EVIL) -> Path:
    site = tmp_path / "site"
    shutil.copytree(SITES / "basic", site, ignore=shutil.ignore_patterns("expected"))
    toml = (site / "site.toml").read_text(encoding="utf-8")
    escaped = "".join(
        f"\\u{ord(c):04x}" if ord(c) < 0x20 or ord(c) == 0x7F else c
        for c in site_title.replace("\\", "\\\\").replace('"', '\\"')
    )
    (site / "site.toml").write_text(toml.replace('title = "测试博客"', f'title = "{escaped}"'), encoding="utf-8")
    (site / "content/posts/evil.md").write_text(
        f'---\ntitle: "{title}"\ndate: 2025-12-01\ntags: ["{YAML_EVIL}", 正常]\nsummary: "{YAML_EVIL}"\n---\n正文。\n',
        encoding="utf-8",
    )
    return site


def test_hostile_text_is_escaped_in_pages_feeds_and_sitemap(tmp_path: Path) -> None:
    site = make_site(tmp_path, YAML_EVIL)
    report = build(BuildOptions(source=site, output=site / "public", now=NOW, use_cache=False, search_index=False))
    assert report.posts > 0
    out = site / "public"
    texts = {
        p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
        for p in out.rglob("*")
        if p.suffix in (".html", ".xml")
    }
    assert any(EVIL.split(" ")[0] in t or "&lt;script&gt;" in t for t in texts.values())
    for name, text in texts.items():
        assert "<script>alert(1)" not in text, f"{name} carries a live <script>"
        assert not re.search(r"\b49\b", text.replace("2049", "")), f"{name} evaluated {{{{ 7*7 }}}}"
    for name in [n for n in texts if n.endswith(".xml")]:
        root = ET.fromstring(texts[name].encode("utf-8"))
        assert not [e for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "script"], name
    pages = [n for n in texts if n.endswith(".html") and "&lt;script&gt;alert(1)&lt;/script&gt;" in texts[n]]
    assert "index.html" in pages and len(pages) > 3
    for feed in ("atom.xml", "rss.xml"):
        assert "alert(1)" in "".join(ET.fromstring(texts[feed].encode()).itertext()), feed


@pytest.mark.parametrize("control", ["\x01", "\x08", "\x0b", "\x1b[31m", "\x7f", "\ufffe"])
def test_control_characters_in_a_title_give_well_formed_feeds(tmp_path: Path, control: str) -> None:
    site = make_site(tmp_path, f"标题{control}结束", site_title=f"站点{control}名")
    # YAML refuses most raw control characters in a double-quoted scalar; write them escaped
    post = site / "content/posts/evil.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace(control, control.encode("unicode_escape").decode("ascii")), encoding="utf-8")
    build(BuildOptions(source=site, output=site / "public", now=NOW, use_cache=False, search_index=False))
    for name in ("atom.xml", "rss.xml", "sitemap.xml", "tags/正常/atom.xml"):
        data = (site / "public" / name).read_bytes()
        ET.fromstring(data)  # raises on a character XML does not allow
        assert "标题" in data.decode("utf-8") or name == "sitemap.xml"


@pytest.mark.parametrize(
    "value",
    ["javascript:alert(1)", "JavaScript:alert(1)", "  javascript:alert(1)", "java\tscript:alert(1)", "vbscript:x"],
)
def test_javascript_url_in_front_matter_is_refused(tmp_path: Path, value: str) -> None:
    site = make_site(tmp_path, "好标题", site_title="站点")
    quoted = value.replace("\t", "\\t")
    (site / "content/posts/evil.md").write_text(
        f'---\ntitle: 链接\ndate: 2025-12-01\ntags: [a]\nlink: "{quoted}"\n---\n正文。\n', encoding="utf-8"
    )
    with pytest.raises(BuildError) as failure:
        build(BuildOptions(source=site, output=site / "public", now=NOW, use_cache=False, search_index=False))
    assert [str(d) for d in failure.value.errors] == [
        f"content/posts/evil.md:5: 'link' is a {'vbscript' if 'vb' in value else 'javascript'}: URL, "
        "which is never published (an http(s) or site URL)"
    ]
