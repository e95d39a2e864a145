"""Links written from a post's Markdown file into its asset folder (Typora, hexo-image-link):
`![](48_kmp/1.webp)` in 48_kmp.md reaches the file published beside the page."""

from __future__ import annotations

import pytest

from generator.content.assets import asset_folder_name, from_asset_folder
from generator.markdown.figures import ImageFacts, as_linked, image_urls
from generator.markdown.render import RenderOptions, render_post


@pytest.mark.parametrize(
    ("source", "folder"),
    [
        ("content/posts/48_kmp.md", "48_kmp"),
        ("content/posts/ml/2019-01-01-总结.markdown", "2019-01-01-总结"),
        ("content/posts/attn.zh-cn.md", "attn"),  # a translation shares its group's folder
        ("content/posts/run.ipynb", "run"),
        ("content/posts/bundle/index.md", ""),  # a bundle is its folder: links are written from the page
        ("content/posts/bundle/index.en.md", ""),
    ],
)
def test_the_folder_beside_a_post_file(source: str, folder: str) -> None:
    assert asset_folder_name(source) == folder


@pytest.mark.parametrize(
    ("url", "seen"),
    [
        ("48_kmp/1.webp", "1.webp"),
        ("./48_kmp/1.webp", "1.webp"),
        ("48_kmp/sub/a%20b.png#x", "sub/a%20b.png#x"),
        ("48_kmp", None),
        ("48_kmp/", None),
        ("/48_kmp/1.webp", None),
        ("../48_kmp/1.webp", None),
        ("other/48_kmp/1.webp", None),
        ("48_kmp.webp", None),
        ("https://e.com/48_kmp/1.webp", None),
        ("48_KMP/1.webp", None),
    ],
)
def test_only_links_whose_first_segment_is_the_folder_are_cut(url: str, seen: str | None) -> None:
    assert from_asset_folder(url, "48_kmp") == seen
    assert from_asset_folder(url, "") is None


def render(body: str, folder: str = "48_kmp", images: dict[str, ImageFacts | None] | None = None) -> str:
    return render_post(body, RenderOptions(), images=images or {}, asset_folder=folder).html or ""


def test_markdown_images_links_and_references_reach_the_asset_file() -> None:
    body = (
        "![](48_kmp/1.webp)\n\n行内 ![图](./48_kmp/2.png) 与 [讲义](48_kmp/slides.pdf)\n\n"
        "![引用][r]\n\n[r]: 48_kmp/3.gif\n"
    )
    out = render(body)
    assert '<img src="1.webp" alt="" />' in out
    assert '<img src="2.png" alt="图" loading="lazy" />' in out
    assert '<a href="slides.pdf">讲义</a>' in out
    assert '<img src="3.gif" alt="引用" loading="lazy" />' in out
    assert "48_kmp/" not in out


def test_raw_html_src_and_href_reach_the_asset_file() -> None:
    body = (
        '<img src="48_kmp/1.webp" style="zoom:50%;" />\n\n'
        "文字 <img src='./48_kmp/2.png' width=300> 与 <a href=48_kmp/a.pdf>下载</a>\n\n"
        '<div align="center"><img alt="48_kmp/x" src="48_kmp/3.png"></div>\n'
    )
    out = render(body)
    assert '<img src="1.webp" style="zoom:50%;" />' in out
    assert "<img src='2.png' width=300>" in out
    assert "<a href=a.pdf>下载</a>" in out
    assert '<img alt="48_kmp/x" src="3.png">' in out  # only src and href


def test_code_and_other_paths_are_left_as_written() -> None:
    body = (
        '`![](48_kmp/1.webp)`\n\n```\n<img src="48_kmp/1.webp">\n```\n\n'
        "![](other/1.webp) ![](/48_kmp/1.webp) ![](../48_kmp/1.webp) [t](https://e.com/48_kmp/)\n\n"
        "48_kmp/1.webp 是文件夹里的图\n"
    )
    out = render(body)
    assert "<code>![](48_kmp/1.webp)</code>" in out
    assert '&lt;img src="48_kmp/1.webp"&gt;' in out
    for kept in ('src="other/1.webp"', 'src="/48_kmp/1.webp"', 'src="../48_kmp/1.webp"', "https://e.com/48_kmp/"):
        assert kept in out
    assert "48_kmp/1.webp 是文件夹里的图" in out
    assert render("![](48_kmp/1.webp)", folder="") == render("![](48_kmp/1.webp)", folder="other")


def test_a_folder_named_in_chinese_is_matched_after_percent_encoding() -> None:
    out = render('![](学习笔记/图.png)\n\n<img src="学习笔记/图2.png">\n', folder="学习笔记")
    assert 'src="%E5%9B%BE.png"' in out and 'src="图2.png"' in out


def test_sizes_and_warnings_see_the_file_the_link_reaches() -> None:
    body = "![a](48_kmp/1.webp)\n\n![b](48_kmp/gone.png)\n"
    shown = as_linked(image_urls(body), "48_kmp")
    assert shown == ("1.webp", "gone.png")
    rendered = render_post(
        body,
        RenderOptions(),
        first_line=5,
        images={"1.webp": ImageFacts(3, 2), "gone.png": None},
        asset_folder="48_kmp",
    )
    assert '<img src="1.webp" alt="a" width="3" height="2" />' in (rendered.html or "")
    assert [(line, message) for line, message, _ in rendered.warnings] == [
        (7, "image '48_kmp/gone.png' not found")  # named as the writer typed it
    ]
