"""A first `blog serve` writes the home page and makes every other page when it is asked for:
rendering all of them up front kept a writer of 10,000 posts waiting 20 s for pages nobody opened.
What a browser receives must still be, page for page, what a clean build publishes."""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from pathlib import Path

from serve_harness import ServeProcess, fetch, served_digest

from generator.build.pipeline import BuildOptions, build
from tests.conftest import tree_digest


def served_root(served: ServeProcess) -> Path:
    roots = sorted(served.tmpdir.glob("blog-serve-*/site"))
    assert roots, "the serve output folder (under TMPDIR) was not found"
    return roots[0]


def test_only_the_home_page_is_written_before_a_browser_asks(
    site: Path, start_serve: Callable[..., ServeProcess]
) -> None:
    served = start_serve(site)
    root = served_root(served)
    pages = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))
    assert pages == ["index.html"]
    assert (root / "css" / "style.css").is_file()  # static files are copied as before
    assert "Built 4 posts" in served.output


def test_a_page_never_written_is_made_on_request_with_the_folder_redirect(
    site: Path, start_serve: Callable[..., ServeProcess]
) -> None:
    served = start_serve(site)
    root = served_root(served)
    assert not (root / "posts" / "lora").exists()
    moved = fetch(served.url + "posts/lora")
    assert moved.status == 301
    assert moved.headers["Location"] == "/blog/posts/lora/"  # served under base_url's path, as built
    page = fetch(served.url + "posts/lora/")
    assert page.status == 200
    assert "LoRA" in page.text
    assert (root / "posts" / "lora" / "index.html").is_file()  # written once, read from disk after
    feed = fetch(served.url + "atom.xml")
    assert feed.status == 200 and b"<feed" in feed.body
    assert fetch(served.url + "posts/no-such-post/").status == 404
    assert "Traceback" not in served.output


def test_every_page_served_equals_a_clean_build(
    site: Path, start_serve: Callable[..., ServeProcess], tmp_path: Path
) -> None:
    served = start_serve(site)
    served.wait_for_line("Search index updated")  # written in the background after the first build
    clean = tmp_path / "clean"
    build(BuildOptions(source=site, output=clean, base_url=served.url, use_cache=False))
    expected = tree_digest(clean)
    assert len(expected) > 40 and any(name.startswith("search-index/") for name in expected)
    assert served_digest(served.url, expected) == expected
    tag = next(name for name in expected if name.startswith("tags/") and name.endswith("/index.html"))
    assert fetch(served.url + urllib.parse.quote(tag.removesuffix("index.html"))).status == 200


def test_an_image_copy_is_made_when_a_browser_asks_for_it_and_is_the_one_a_build_publishes(
    site: Path, start_serve: Callable[..., ServeProcess], tmp_path: Path
) -> None:
    """A first preview of a real blog of 650 pictures made every WebP copy before its first page
    (16 s); now a copy is made the first time a browser asks for it."""
    from PIL import Image

    Image.new("RGB", (1500, 900), (30, 120, 200)).save(site / "content" / "posts" / "wide.png")
    post = site / "content" / "posts" / "lora.md"
    post.write_text(post.read_text("utf-8") + "\n![一张宽图](wide.png)\n", "utf-8")
    served = start_serve(site)
    root = served_root(served)
    assert sorted(root.rglob("*.webp")) == []  # none made before the first page
    clean = tmp_path / "clean"
    build(BuildOptions(source=site, output=clean, base_url=served.url, use_cache=False))
    copies = sorted(p.relative_to(clean).as_posix() for p in clean.rglob("*.webp"))
    assert len(copies) == 2  # 680 and 1,360 pixels wide
    page = fetch(served.url + "posts/lora/")
    assert all(name.rsplit("/", 1)[1] in page.text for name in copies)  # the page offers both
    for name in copies:
        answer = fetch(served.url + name)
        assert answer.status == 200 and answer.body == (clean / name).read_bytes()
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*.webp")) == copies
    assert "Traceback" not in served.output
