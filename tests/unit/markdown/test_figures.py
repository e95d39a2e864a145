"""Figures: finding a body's images, where a URL points, and the HTML given the image facts."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image

from generator.markdown.figures import ImageFacts, ImageStore, attach_images, image_facts, image_urls, output_path
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
    assert image_facts(urls, "/posts/x/", "/", files, store)[0] == table  # shown again before they are made
    assert [width for width, _ in store.pending[wide].copies] == [680, 1360]  # each copy is made once
    assert store.make_pending() == set()
    with Image.open(variants["posts/x/wide.680w.webp"]) as small:
        assert small.size == (680, 340) and small.format == "WEBP"
    made = variants["posts/x/wide.680w.webp"].stat().st_mtime_ns
    again_store = ImageStore(memo, tmp_path / "derived")
    again, _ = image_facts(urls, "/posts/x/", "/", files, again_store)
    assert again == table and again_store.pending == {}  # the cache's copies are not made again
    assert variants["posts/x/wide.680w.webp"].stat().st_mtime_ns == made


def undecodable_jpeg(path: Path) -> Path:
    """A JPEG whose header, size and end marker read well and whose pixels do not decode."""
    Image.new("RGB", (2000, 1000), "red").save(path, quality=90)
    data = path.read_bytes()
    path.write_bytes(data[:600] + bytes(byte ^ 0x5A for byte in data[600:1600]) + data[1600:])
    return path


def test_images_shown_by_many_posts_are_made_once_on_every_core_and_one_that_fails_is_not_offered(
    tmp_path: Path,
) -> None:
    files = {}
    for n in range(6):
        Image.new("RGB", (1500 + n, 900), (40 * n, 0, 0)).save(tmp_path / f"w{n}.png")
        files[f"img/w{n}.png"] = tmp_path / f"w{n}.png"
    files["img/bad.jpg"] = undecodable_jpeg(tmp_path / "bad.jpg")
    bodies = {"a": "![](/img/w0.png) ![](/img/bad.jpg)", "b": "".join(f"![](/img/w{n}.png)\n" for n in range(6))}
    posts = [
        SimpleNamespace(source_hash=k, source=f"content/posts/{k}.md", path=f"/posts/{k}/", images={}) for k in bodies
    ]
    variants = attach_images(posts, "/", {}, files, tmp_path / "derived", lambda post: bodies[post.source_hash])
    assert posts[0].images["/img/bad.jpg"] == ImageFacts(2000, 1000, ())  # sized, but no copy offered
    assert posts[0].images["/img/w0.png"] == ImageFacts(1500, 900, (680, 1360))
    assert all(posts[1].images[f"/img/w{n}.png"].variants == (680, 1360) for n in range(6))
    assert sorted(variants) == sorted(f"img/w{n}.{w}w.webp" for n in range(6) for w in (680, 1360))
    for published, made in variants.items():
        with Image.open(made) as copy:
            assert copy.format == "WEBP" and copy.width == int(published.split(".")[-2][:-1])
    assert len(list((tmp_path / "derived").rglob("*.tmp"))) == 0


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


def test_a_turned_jpeg_photo_is_copied_upright_from_a_smaller_decode(tmp_path: Path) -> None:
    """Stored 1000 x 4000 with EXIF orientation 6 (turn 90° clockwise): shown 4000 x 1000, its top
    half on the right; its copies are as wide as asked, upright, and red on the right."""
    stored = Image.new("RGB", (1000, 4000), "blue")
    stored.paste((255, 0, 0), (0, 0, 1000, 2000))  # the top half: the right once turned clockwise
    exif = Image.Exif()
    exif[0x0112] = 6
    stored.save(tmp_path / "photo.jpg", quality=90, exif=exif)
    posts = [SimpleNamespace(source_hash="p", source="content/posts/p.md", path="/posts/p/", images={})]
    files = {"img/photo.jpg": tmp_path / "photo.jpg"}
    variants = attach_images(posts, "/", {}, files, tmp_path / "derived", lambda post: "![](/img/photo.jpg)")
    assert posts[0].images["/img/photo.jpg"] == ImageFacts(4000, 1000, (680, 1360))
    with Image.open(variants["img/photo.1360w.webp"]) as copy:
        assert copy.size == (1360, 340)
        rgb = copy.convert("RGB")
        assert rgb.getpixel((1260, 170))[0] > 200 and rgb.getpixel((100, 170))[2] > 200


@pytest.mark.parametrize(
    ("attributes", "size"),
    [
        ('width="432pt" height="288pt" viewBox="0 0 432 288"', (576, 384)),  # matplotlib: 1pt = 4/3 px
        ('width="300" height="150"', (300, 150)),
        ('width="300px" height="150PX"', (300, 150)),
        ('width="2in" height="1.5in"', (192, 144)),
        ('width="10cm" height="25.4mm"', (378, 96)),
        ('width="3pc" height="1e1pt"', (48, 13)),
        ('width="186.99pt" viewBox="0 0 186.99 100"', (249, 133)),  # the height from the viewBox's shape
        ('height="75pt" viewBox="0 0 200 100"', (200, 100)),
        ('width="100%" height="100%" viewBox="0 0 200 100"', (200, 100)),  # the page decides: as before
        ('width="20em" height="10em" viewBox="0 0 200 100"', (200, 100)),
        ('width="20em" height="10em"', None),
        ('width="432pt"', None),
        ('width="9' + "9" * 400 + '" height="1"', (1_000_000_000, 1)),
    ],
)
def test_svg_sizes_are_css_pixels_as_browsers_convert_units(
    tmp_path: Path, attributes: str, size: tuple[int, int] | None
) -> None:
    svg = tmp_path / "p.svg"
    svg.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" {attributes}><rect/></svg>', encoding="utf-8")
    facts = ImageStore({}, tmp_path / "derived").facts(svg)
    assert (None if facts is None else (facts.width, facts.height)) == size


def test_copies_left_for_later_are_planned_not_made_and_their_jobs_make_what_a_build_makes(tmp_path: Path) -> None:
    """blog serve asks for the copies to be made when a browser wants one: the pages offer the same
    widths, no file is made now, and each job then makes the bytes a build would have."""
    from generator.content.variants import make_variants

    Image.new("RGB", (1500, 900), (10, 90, 160)).save(tmp_path / "wide.png")
    files = {"img/wide.png": tmp_path / "wide.png"}

    def posts() -> list[SimpleNamespace]:
        return [SimpleNamespace(source_hash="p", source="content/posts/p.md", path="/posts/p/", images={})]

    built_posts = posts()
    built = attach_images(built_posts, "/", {}, files, tmp_path / "built", lambda post: "![](/img/wide.png)")
    later: dict = {}
    previewed = posts()
    published = attach_images(
        previewed, "/", {}, files, tmp_path / "later", lambda post: "![](/img/wide.png)", None, later
    )
    assert published == {} and sorted(later) == sorted(built) == ["img/wide.1360w.webp", "img/wide.680w.webp"]
    assert previewed[0].images == built_posts[0].images  # the page offers the same copies
    assert list((tmp_path / "later").rglob("*.webp")) == []
    for target, (copy, job) in later.items():
        if not copy.is_file():
            make_variants([job])
        assert copy.read_bytes() == built[target].read_bytes()
