"""`<img>` tags the writer typed (Typora writes `<img src=… style="zoom:50%">` when a picture is
resized): one naming a file the site does not publish is warned about at its line, as a Markdown
image is; the tags stay as written, and no copies are made for them (markdown/rawimages.py)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from generator.build.cache import BuildCache
from generator.build.pipeline import BuildOptions, build
from generator.markdown.rawimages import typed_image_sources

NOW = datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
EXPECTED = "(a file in static/ or in the post's own folder; the image is shown as a broken link)"
BODY = (
    "构图笔记。\n\n"  # line 6
    '<img src="构图/wide.png" style="zoom:50%;" />\n\n'  # line 8: in the asset folder, cut as Markdown's
    '文字 <img src="Screenshot%2520-%2520a.png" alt="截图"> 与\n'  # line 10: double-encoded, missing
    "下一行 <IMG SRC='gone.png'>。\n\n"  # line 11: missing
    '```html\n<img src="in-code.png">\n```\n\n'  # shown as code: not an image of the page
    "<div>\n<p>说明</p>\n<img src=/images/none.png>\n</div>\n\n"  # line 19: an HTML block's third line
    '<img src="https://example.org/far.png"> <img src="data:image/png;base64,AAAA">\n'
)


def make_site(root: Path) -> Path:
    site = root / "site"
    (site / "content/posts/构图").mkdir(parents=True)
    (site / "site.toml").write_text('title = "笔记"\nbase_url = "https://e.org/"\n', encoding="utf-8")
    text = f"---\ntitle: 构图\ndate: 2020-01-01\ntags: [art]\n---\n{BODY}"
    (site / "content/posts/构图.md").write_text(text, encoding="utf-8")
    Image.new("RGB", (1600, 400), "red").save(site / "content/posts/构图/wide.png")
    return site


def not_found(report: object) -> list[str]:
    return sorted(str(w) for w in report.warnings if "not found" in str(w))  # type: ignore[attr-defined]


def test_a_typed_img_naming_a_missing_file_is_warned_at_its_line(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    report = build(BuildOptions(source=site, output=tmp_path / "out", now=NOW, use_cache=False, search_index=False))
    assert not_found(report) == [
        f"content/posts/构图.md:10: image 'Screenshot%2520-%2520a.png' not found {EXPECTED}",
        f"content/posts/构图.md:11: image 'gone.png' not found {EXPECTED}",
        f"content/posts/构图.md:19: image '/images/none.png' not found {EXPECTED}",
    ]
    page = (tmp_path / "out/posts/构图/index.html").read_text("utf-8")
    assert '<img src="wide.png" style="zoom:50%;" />' in page  # as typed, the folder's name cut
    assert not list((tmp_path / "out").rglob("*.webp"))  # no copies for a typed tag, which offers none


def test_a_file_added_later_takes_the_warning_away_as_a_clean_build_does(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    options = BuildOptions(source=site, output=tmp_path / "out", now=NOW, search_index=False)
    assert len(not_found(build(options))) == 3
    Image.new("RGB", (3, 2), "blue").save(site / "content/posts/构图/gone.png")
    warm = not_found(build(options))
    clean = not_found(build(BuildOptions(source=site, output=tmp_path / "clean", now=NOW, use_cache=False)))
    assert warm == clean and len(warm) == 2


def test_blog_serve_warns_when_a_save_adds_one(tmp_path: Path) -> None:
    """A body edit takes the preview's quick path unless its typed images change."""
    site = make_site(tmp_path)
    post = site / "content/posts/构图.md"
    memory = BuildCache()
    preview = BuildOptions(source=site, output=tmp_path / "preview", now=NOW, search_index=False, on_request=True)
    build(preview, cache=memory)
    post.write_text(post.read_text("utf-8") + '\n<img src="later.png">\n', encoding="utf-8")
    report = build(preview, cache=memory, changed=frozenset({str(post)}))
    assert f"content/posts/构图.md:24: image 'later.png' not found {EXPECTED}" in not_found(report)
    post.write_text(post.read_text("utf-8") + "\n又一段。\n", encoding="utf-8")  # the same images: quick
    report = build(preview, cache=memory, changed=frozenset({str(post)}))
    assert "quick" in report.stages and len(not_found(report)) == 4


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<img src="a.png">', ("a.png",)),
        ("<img alt=x src='b c.png'>", ("b%20c.png",)),
        ("<IMG SRC=c.png>", ("c.png",)),
        ('<img src="d.png?x=1&amp;y=2"> <img src="">', ("d.png?x=1&y=2",)),
        ("<image src='e.png'> <imgx src='f.png'> text", ()),
        ("no tags at all", ()),
    ],
)
def test_typed_image_sources(body: str, expected: tuple[str, ...]) -> None:
    assert typed_image_sources(body) == expected
