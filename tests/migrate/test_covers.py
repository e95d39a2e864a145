"""Cover images moved in with a blog (Hugo Stack's `image: cover.webp` beside a bundle, Hexo's
`cover:`, Fluid's `index_img:`, PaperMod's `cover: {image: …}`, Chirpy's `image: {path: …}`):
used as og:image, a thumbnail on the index and a banner on the post, and warned about when
the file is not there."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.build.pipeline import BuildOptions, build
from generator.content.cover import CoverRef, cover_path, cover_ref

NOW = datetime(2026, 1, 1, tzinfo=UTC)
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db40000000049454e44ae426082"
)


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"image": "cover.webp"}, CoverRef("image", "cover.webp")),  # Hugo Stack, Jekyll
        ({"cover": "https://s2.loli.net/a.png"}, CoverRef("cover", "https://s2.loli.net/a.png")),  # Butterfly
        ({"cover": {"image": "c.jpg", "alt": "x"}}, CoverRef("cover", "c.jpg", True)),  # PaperMod: from the root
        ({"cover": {"image": "c.jpg", "relative": True}}, CoverRef("cover", "c.jpg")),  # PaperMod: beside
        ({"image": {"path": "/assets/img/c.png"}}, CoverRef("image", "/assets/img/c.png", True)),  # Chirpy
        ({"images": ["", "a.png", "b.png"]}, CoverRef("images", "a.png")),  # Hugo
        ({"featured_image": "/img/f.jpg"}, CoverRef("featured_image", "/img/f.jpg")),
        ({"banner_img": "/img/b.jpg", "index_img": "/img/i.jpg"}, CoverRef("index_img", "/img/i.jpg")),  # Fluid
        ({"top_img": "/img/t.jpg"}, CoverRef("top_img", "/img/t.jpg")),
        ({"cover": False, "top_img": False}, None),  # Butterfly: no cover
        ({"image": "javascript:alert(1)"}, None),
        ({"title_img": "x.png"}, None),
    ],
)
def test_the_cover_is_read_from_the_key_its_theme_used(meta: dict, expected: CoverRef | None) -> None:
    assert cover_ref(meta) == expected


@pytest.mark.parametrize(
    ("written", "path"),
    [
        ("cover.webp", "/posts/attn/cover.webp"),  # beside a bundle's index.md
        ("./img/c.png", "/posts/attn/img/c.png"),
        ("/images/c%20d.png", "/images/c d.png"),
        ("https://x.org/c.png", "https://x.org/c.png"),
        ("//x.org/c.png", "https://x.org/c.png"),
    ],
)
def test_a_cover_lands_beside_the_post_at_a_site_path_or_elsewhere(written: str, path: str) -> None:
    assert cover_path(CoverRef("image", written), "/posts/attn/") == path


@pytest.mark.parametrize(
    ("source", "ref", "path"),
    [
        ("content/posts/em.md", CoverRef("cover", "img/covers/arch.jpg", True), "/img/covers/arch.jpg"),
        ("content/posts/em.md", CoverRef("cover", "./img/a.jpg", True), "/img/a.jpg"),
        ("content/posts/em/index.md", CoverRef("cover", "arch.jpg", True), "/posts/em/arch.jpg"),  # a bundle's own
        ("content/posts/em.md", CoverRef("cover", "arch.jpg"), "/posts/em/arch.jpg"),  # relative: true
    ],
)
def test_papermods_cover_is_read_from_the_site_root_unless_relative(source: str, ref: CoverRef, path: str) -> None:
    """PaperMod resolves `cover.image` from the site's root (as a file of static/), unless
    `relative: true`; a page bundle's own image it finds among the bundle's files first."""
    assert cover_path(ref, "/posts/em/", source) == path


def covered_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    posts = site / "content" / "posts"
    (posts / "stack").mkdir(parents=True)
    (site / "static" / "img").mkdir(parents=True)
    (site / "site.toml").write_text('title = "t"\nbase_url = "https://example.org/blog/"\n', "utf-8")
    (posts / "stack" / "index.md").write_text(
        "---\ntitle: 注意力\ndate: 2024-01-03\ntags: [ml]\nimage: cover.png\n---\n正文。\n", "utf-8"
    )
    (posts / "stack" / "cover.png").write_bytes(PNG)
    (posts / "butterfly.md").write_text(
        "---\ntitle: 蝴蝶\ndate: 2024-01-02\ntags: [ml]\ncover: https://s2.loli.net/b.png\n---\n正文。\n", "utf-8"
    )
    (site / "static" / "img" / "fluid.png").write_bytes(PNG)
    (posts / "fluid.md").write_text(
        "---\ntitle: 流体\ndate: 2024-01-01\ntags: [ml]\nindex_img: /img/fluid.png\n---\n正文。\n", "utf-8"
    )
    (posts / "lost.md").write_text(
        "---\ntitle: 丢失\ndate: 2023-12-31\ntags: [ml]\n\nimage: gone.webp\n---\n正文。\n", "utf-8"
    )
    (posts / "plain.md").write_text("---\ntitle: 无图\ndate: 2023-12-30\ntags: [ml]\n---\n正文。\n", "utf-8")
    return site


def test_covers_are_link_previews_thumbnails_and_banners(tmp_path: Path) -> None:
    site = covered_site(tmp_path)
    out = tmp_path / "out"
    report = build(BuildOptions(source=site, output=out, now=NOW, search_index=False, use_cache=False))
    assert [str(w) for w in report.warnings] == [
        "content/posts/lost.md:6: cover image 'gone.webp' ('image') not found (a file beside the post (a Hugo "
        "bundle's index.md), or a site path to a file under static/)"
    ]
    stack = (out / "posts" / "stack" / "index.html").read_text("utf-8")
    assert '<meta property="og:image" content="https://example.org/blog/posts/stack/cover.png">' in stack
    assert '<meta name="twitter:image" content="https://example.org/blog/posts/stack/cover.png">' in stack
    assert '<meta name="twitter:card" content="summary_large_image">' in stack
    assert '<img class="post-cover" src="/blog/posts/stack/cover.png" alt=""' in stack
    assert (out / "posts" / "stack" / "cover.png").read_bytes() == PNG
    butterfly = (out / "posts" / "butterfly" / "index.html").read_text("utf-8")
    assert '<meta property="og:image" content="https://s2.loli.net/b.png">' in butterfly
    fluid = (out / "posts" / "fluid" / "index.html").read_text("utf-8")
    assert '<meta property="og:image" content="https://example.org/blog/img/fluid.png">' in fluid
    plain = (out / "posts" / "plain" / "index.html").read_text("utf-8")
    assert "og:image" not in plain and "post-cover" not in plain
    assert '<meta name="twitter:card" content="summary">' in plain
    index = (out / "index.html").read_text("utf-8")
    thumbnails = re.findall(r'<a class="entry-cover" href="([^"]+)"[^>]*><img src="([^"]+)"', index)
    assert thumbnails == [
        ("/blog/posts/stack/", "/blog/posts/stack/cover.png"),
        ("/blog/posts/butterfly/", "https://s2.loli.net/b.png"),
        ("/blog/posts/fluid/", "/blog/img/fluid.png"),
        ("/blog/posts/lost/", "/blog/posts/lost/gone.webp"),
    ]
    tag = (out / "tags" / "ml" / "index.html").read_text("utf-8")
    assert tag.count('class="entry-cover"') == 4


def test_a_papermod_cover_under_static_is_found_and_shown(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content/posts").mkdir(parents=True)
    (site / "static/img/covers").mkdir(parents=True)
    (site / "site.toml").write_text('title = "t"\nbase_url = "https://example.org/blog/"\n', "utf-8")
    (site / "static/img/covers/arch.png").write_bytes(PNG)
    front = "title: EM\ndate: 2021-03-01\ntags: [ml]\ncover:\n    image: img/covers/arch.png\n    relative: false\n"
    (site / "content/posts/em.md").write_text(f"---\n{front}---\n正文。\n", "utf-8")
    report = build(BuildOptions(source=site, output=tmp_path / "out", now=NOW, use_cache=False))
    assert [str(w) for w in report.warnings] == []
    page = (tmp_path / "out/posts/em/index.html").read_text("utf-8")
    assert 'src="/blog/img/covers/arch.png"' in page
    assert 'content="https://example.org/blog/img/covers/arch.png"' in page
