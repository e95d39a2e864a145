"""Figures: finding a body's images, where a URL points, and the HTML given the image facts."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from generator.markdown.figures import ImageFacts, ImageStore, image_facts, image_urls, output_path
from generator.markdown.render import RenderOptions, render_post


def test_image_urls_read_bracketed_alt_text_and_brackets_left_open_in_one_pass() -> None:
    body = "![见 [1] 与 \\] 号](a.png) ![图 [链接](b.md) 后](c.png) ![未闭合 [0, 1)\n\n![图](d.png)\n"
    assert image_urls(body) == ("a.png", "c.png", "d.png")  # a link in the alt text is not the image
    many = "![ 图\n" * 3000 + "![末](e.png)\n"  # cut every way, each `![` scanned again for each bracket
    assert image_urls(many) == ("e.png",)


def test_image_urls_are_normalised_like_markdown_it_writes_them() -> None:
    body = '![a](图片.png) ![b](<a b.png> "t") [link](x.html)\n\n[ref]: /img/r.svg\n\n![c](https://e.com/c.jpg)'
    assert image_urls(body) == ("%E5%9B%BE%E7%89%87.png", "/img/r.svg", "a%20b.png", "https://e.com/c.jpg")


def test_output_path_of_local_urls_only() -> None:
    assert output_path("a.png", "/posts/x/", "/") == "posts/x/a.png"
    assert output_path("../y/b.png", "/posts/x/", "/") == "posts/y/b.png"
    assert output_path("/img/%E5%9B%BE.png", "/posts/x/", "/") == "img/图.png"
    assert output_path("/blog/img/c.png", "/posts/x/", "/blog/") == "img/c.png"
    assert output_path("https://e.com/c.png", "/posts/x/", "/") is None
    assert output_path("//cdn.e.com/c.png", "/posts/x/", "/") is None


def html(body: str, images: dict[str, ImageFacts | None], base: str = "/") -> tuple[str, tuple]:
    rendered = render_post(body, RenderOptions(base_path=base), first_line=5, images=images)
    return rendered.html or "", rendered.warnings


def test_a_lone_image_is_a_figure_with_its_title_or_alt_as_caption() -> None:
    out, _ = html('![替代](a.png "图注")\n\n![只有替代](b.png)\n\n文字 ![行内](c.png)', {})
    assert '<figure><img src="a.png" alt="替代" title="图注" /><figcaption>图注</figcaption></figure>' in out
    assert "<figcaption>只有替代</figcaption>" in out
    assert '<p>文字 <img src="c.png" alt="行内" loading="lazy" /></p>' in out


def test_image_in_a_list_item_is_not_a_figure() -> None:
    out, _ = html("- ![a](a.png)\n- b", {})
    assert "<figure>" not in out


def test_facts_give_size_and_srcset_with_the_base_path() -> None:
    facts = {"/img/w.png": ImageFacts(1600, 400, (680, 1360))}
    out, _ = html("![w](/img/w.png)", facts, base="/blog/")
    assert 'src="/blog/img/w.png"' in out and 'width="1600" height="400"' in out
    assert 'srcset="/blog/img/w.680w.webp 680w, /blog/img/w.1360w.webp 1360w, /blog/img/w.png 1600w"' in out
    assert 'sizes="(max-width: 45rem) 100vw, 42.5rem"' in out


def test_a_missing_image_is_a_warning_on_its_own_line() -> None:
    _, warnings = html("段落\n第二行 ![x](gone.png)", {"gone.png": None})
    assert warnings == (
        (
            6,
            "image 'gone.png' not found",
            "a file in static/ or in the post's own folder; the image is shown as a broken link",
        ),
    )


def test_image_facts_read_sizes_and_make_variants_once(tmp_path: Path) -> None:
    wide, svg = tmp_path / "wide.png", tmp_path / "d.svg"
    Image.new("RGB", (2000, 1000), "red").save(wide)
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100"></svg>', encoding="utf-8")
    files = {"posts/x/wide.png": wide, "img/d.svg": svg}
    memo: dict = {}
    store = ImageStore(memo, tmp_path / "derived")
    urls = ("wide.png", "/img/d.svg", "nope.png", "https://e.com/r.png")
    table, variants = image_facts(urls, "/posts/x/", "/", files, store)
    assert table == {
        "wide.png": ImageFacts(2000, 1000, (680, 1360)),
        "/img/d.svg": ImageFacts(300, 100, ()),
        "nope.png": None,
    }
    assert sorted(variants) == ["posts/x/wide.1360w.webp", "posts/x/wide.680w.webp"]
    with Image.open(variants["posts/x/wide.680w.webp"]) as small:
        assert small.size == (680, 340) and small.format == "WEBP"
    made = variants["posts/x/wide.680w.webp"].stat().st_mtime_ns
    again, _ = image_facts(urls, "/posts/x/", "/", files, ImageStore(memo, tmp_path / "derived"))
    assert again == table and variants["posts/x/wide.680w.webp"].stat().st_mtime_ns == made


def test_a_caption_from_the_alt_text_is_markdown_and_its_alt_keeps_the_formula() -> None:
    """As pandoc shows it: `![损失 $L$ 与 **步数**](a.png)` captions with a formula and bold, not `$L$`."""
    rendered = render_post("开头。\n\n![损失 $L^2$ 与 **步数**](a.png){#fig:loss}\n", RenderOptions())
    caption = rendered.html.split("<figcaption>")[1].split("</figcaption>")[0]
    assert "$" not in caption and "**" not in caption
    assert (
        "<math" in caption
        and "<strong>步数</strong>" in caption
        and caption.startswith('<span class="crossref-number">图 1')
    )
    assert 'alt="损失 L^2 与 步数"' in rendered.html
    assert rendered.excerpt.text == "开头。"  # the caption is not part of the excerpt
