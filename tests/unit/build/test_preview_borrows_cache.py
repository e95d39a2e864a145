"""blog serve starts from the posts `blog build` already rendered, and never writes its cache."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.build.buildinfo import BuildOptions
from generator.build.cache import BuildCache
from generator.build.pipeline import build

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def make_site(root: Path, posts: int) -> Path:
    site = root / "site"
    folder = site / "content" / "posts"
    folder.mkdir(parents=True)
    (site / "site.toml").write_text('title = "t"\nbase_url = "https://example.org/"\n', "utf-8")
    for n in range(posts):
        body = f"第 {n} 篇的正文，有公式 $x_{n}$ 和代码：\n\n```python\nprint({n})\n```\n"
        (folder / f"p{n}.md").write_text(
            f"---\ntitle: 第{n}篇\ndate: 2025-03-{n + 1:02d}\ntags: [模型]\n---\n\n{body}", "utf-8"
        )
    return site


def preview(site: Path, output: Path) -> BuildOptions:
    return BuildOptions(source=site, output=output, now=NOW, search_index=False, on_request=True)


def test_the_preview_renders_no_post_the_build_rendered_and_shows_the_same_pages(tmp_path: Path) -> None:
    site = make_site(tmp_path, 5)
    build(BuildOptions(source=site, output=site / "public", now=NOW, search_index=False))
    saved = tree(site / ".cache" / "blog")
    memory = BuildCache()
    warm = build(preview(site, tmp_path / "warm"), cache=memory)
    assert (warm.rendered_posts, warm.cache_hits) == (0, 5)
    assert memory.live.materialise_all(memory) == []  # what browsers asking for every page see
    assert tree(site / ".cache" / "blog") == saved  # read, never written
    # The pages are the ones a preview that rendered everything itself shows.
    alone = BuildOptions(
        source=site, output=tmp_path / "cold", now=NOW, search_index=False, on_request=True, use_cache=False
    )
    alone_memory = BuildCache()
    cold = build(alone, cache=alone_memory)
    assert cold.rendered_posts == 5
    assert alone_memory.live.materialise_all(alone_memory) == []
    assert tree(tmp_path / "warm") == tree(tmp_path / "cold")


def test_a_post_edited_since_the_build_is_rendered_again(tmp_path: Path) -> None:
    site = make_site(tmp_path, 3)
    build(BuildOptions(source=site, output=site / "public", now=NOW, search_index=False))
    post = site / "content" / "posts" / "p1.md"
    post.write_text(post.read_text("utf-8").replace("的正文", "改过的正文"), "utf-8")
    memory = BuildCache()
    report = build(preview(site, tmp_path / "preview"), cache=memory)
    assert (report.rendered_posts, report.cache_hits) == (1, 2)
    assert memory.live.materialise("posts/p1/index.html", memory) is None
    assert "改过的正文" in (tmp_path / "preview" / "posts" / "p1" / "index.html").read_text("utf-8")


def test_without_a_built_cache_the_preview_renders_everything(tmp_path: Path) -> None:
    site = make_site(tmp_path, 2)
    report = build(preview(site, tmp_path / "preview"), cache=BuildCache())
    assert report.rendered_posts == 2
    assert not (site / ".cache").exists()


def test_the_preview_publishes_the_image_copies_the_build_made_without_making_them_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real blog of 650 pictures waited 14.6 s for its first preview page, a built cache or not:
    every WebP copy was made again in a scratch folder, every image read, hashed and checked.
    The copies and what was read of the images are taken from the cache now."""
    from PIL import Image

    from generator.markdown import figures

    site = make_site(tmp_path, 2)
    Image.new("RGB", (1500, 900), (200, 30, 30)).save(site / "content" / "posts" / "wide.png")
    post = site / "content" / "posts" / "p0.md"
    post.write_text(post.read_text("utf-8") + "\n![宽图](wide.png)\n", "utf-8")
    build(BuildOptions(source=site, output=site / "public", now=NOW, search_index=False))
    made = sorted((site / ".cache" / "blog" / "derived" / "images").rglob("*.webp"))
    assert len(made) == 2  # 680 and 1,360 px
    saved = tree(site / ".cache" / "blog")
    memory = BuildCache()
    opened: list[Path] = []
    monkeypatch.setattr(figures, "image_check", lambda path: opened.append(path) or (None, None))
    build(preview(site, tmp_path / "preview"), cache=memory)
    assert opened == []  # its size, digest and soundness were known
    assert list(memory.derived_dir().rglob("*.webp")) == []  # none made again
    shown = {p.name: p.read_bytes() for p in (tmp_path / "preview").rglob("*.webp")}
    built = {p.name: p.read_bytes() for p in (site / "public").rglob("*.webp")}
    assert len(shown) == 2 and shown == built
    assert tree(site / ".cache" / "blog") == saved  # read, never written


def test_the_preview_takes_a_notebooks_output_images_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm preview read and converted every notebook again only to publish its output images
    (0.86 s of a fastpages blog of 13 notebooks): those blog build wrote are taken as they are."""
    import shutil

    from generator.content import notebook

    source = Path(__file__).resolve().parents[2] / "sites" / "notebooks"
    site = tmp_path / "site"
    shutil.copytree(source, site, ignore=shutil.ignore_patterns("expected", "broken", "*.py", "public", ".cache"))
    later = datetime(2026, 12, 1, tzinfo=UTC)  # the fixture's notebooks are dated in 2026
    build(BuildOptions(source=site, output=site / "public", now=later, search_index=False))
    built = {p.relative_to(site / "public").as_posix(): p.read_bytes() for p in (site / "public").rglob("*.png")}
    assert built  # the fixture's notebooks have image outputs
    converted: list[str] = []
    converting = notebook.convert
    monkeypatch.setattr(notebook, "convert", lambda *args: converted.append(args[-1]) or converting(*args))
    options = BuildOptions(source=site, output=tmp_path / "preview", now=later, search_index=False, on_request=True)
    report = build(options, cache=BuildCache())
    assert report.cache_hits == 4 and converted == []
    shown = {
        p.relative_to(tmp_path / "preview").as_posix(): p.read_bytes() for p in (tmp_path / "preview").rglob("*.png")
    }
    assert shown == built


def test_a_project_sites_preview_renders_no_post_the_build_rendered(tmp_path: Path) -> None:
    """Served at the server's root, the preview of a site published under /blog/ rendered its
    posts for another address than `blog build` had, so every start rendered them all again."""
    from dataclasses import replace

    from generator.preview.app import site_prefix

    site = make_site(tmp_path, 4)
    toml = site / "site.toml"
    toml.write_text(toml.read_text("utf-8").replace("example.org/", "someone.github.io/blog/"), "utf-8")
    build(BuildOptions(source=site, output=site / "public", now=NOW, search_index=False))
    options = preview(site, tmp_path / "preview")
    assert site_prefix(options) == "/blog/"
    served = replace(options, base_url="http://127.0.0.1:8000" + site_prefix(options))  # as blog serve builds
    memory = BuildCache()
    report = build(served, cache=memory)
    assert (report.rendered_posts, report.cache_hits) == (0, 4)
    assert memory.live.materialise_all(memory) == []
    page = (tmp_path / "preview" / "posts" / "p1" / "index.html").read_text("utf-8")
    assert 'href="/blog/css/style.css"' in page
