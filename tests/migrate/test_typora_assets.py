"""A Hexo blog with `post_asset_folder: true` written in Typora: `48_kmp.md` links its images
as `![](48_kmp/1.webp)`, from the file into the folder beside it. Hexo (hexo-image-link,
hexo-asset-image), Typora and GitHub all showed them; the build must too, with their sizes,
and must still say so when a file is really missing."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PIL import Image

from generator.build.pipeline import BuildOptions, build

NOW = datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))


def post(site: Path, name: str, body: str, front: str = "") -> None:
    file = site / "content/posts" / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(f"---\ntitle: {file.stem}\ndate: 2020-01-01\ntags: [算法]\n{front}---\n{body}", encoding="utf-8")


def image(site: Path, name: str, width: int = 3, height: int = 2) -> None:
    file = site / "content/posts" / name
    file.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (width, height), "red").save(file)


def typora_site(site: Path) -> None:
    (site / "content/posts").mkdir(parents=True)
    (site / "site.toml").write_text('title = "笔记"\nbase_url = "https://e.org/blog/"\n', encoding="utf-8")
    post(
        site,
        "48_kmp.md",
        '![](48_kmp/1.webp)\n\n![宽图](./48_kmp/wide.png)\n\n<img src="48_kmp/1.webp" style="zoom:50%;" />\n\n'
        "[讲义](48_kmp/notes.pdf)\n\n![](48_kmp/gone.png)\n",
    )
    image(site, "48_kmp/1.webp")
    image(site, "48_kmp/wide.png", 1500, 300)
    (site / "content/posts/48_kmp/notes.pdf").write_bytes(b"%PDF-1.4\n")
    post(site, "ml/kmp-notes.md", "![](kmp-notes/a.png)\n", front="slug: kmp\n")  # slug is not the file's stem
    image(site, "ml/kmp-notes/a.png")
    post(site, "bundle/index.md", "![](bundle/b.png) ![](c.png)\n")  # a bundle links from its page
    image(site, "bundle/bundle/b.png")
    image(site, "bundle/c.png")
    body = "[讲义](same-a/notes.pdf)\n"  # two files with the same bytes: one cache entry would serve both
    post(site, "same-a.md", body)
    post(site, "same-b.md", body)
    (site / "content/posts/same-b.md").write_bytes((site / "content/posts/same-a.md").read_bytes())
    (site / "content/posts/same-a").mkdir()
    (site / "content/posts/same-a/notes.pdf").write_bytes(b"%PDF-1.4\n")


def imgs(public: Path, page: str) -> list[str]:
    return re.findall(r"<img [^>]*>|<a href=\"[^\"]*pdf\"", (public / page / "index.html").read_text(encoding="utf-8"))


def test_typora_links_into_the_asset_folder_show_their_images(tmp_path: Path) -> None:
    site = tmp_path / "site"
    typora_site(site)
    report = build(BuildOptions(source=site, output=tmp_path / "cold", now=NOW, use_cache=False, search_index=False))
    missing = sorted(str(w) for w in report.warnings if "not found" in str(w))
    assert missing == [
        "content/posts/48_kmp.md:14: image '48_kmp/gone.png' not found "
        "(a file in static/ or in the post's own folder; the image is shown as a broken link)",
    ]
    public = tmp_path / "cold"
    kmp = imgs(public, "posts/48_kmp")
    assert kmp[0] == '<img src="1.webp" alt="" width="3" height="2" />'
    assert kmp[1].startswith('<img src="wide.png" alt="宽图" width="1500" height="300" srcset="wide.680w.webp 680w, ')
    assert kmp[2:] == [
        '<img src="1.webp" style="zoom:50%;" />',
        '<a href="notes.pdf"',
        '<img src="gone.png" alt="" loading="lazy" />',
    ]
    for name in ("1.webp", "wide.png", "wide.680w.webp", "notes.pdf"):
        assert (public / "posts/48_kmp" / name).is_file()
    assert imgs(public, "posts/kmp") == ['<img src="a.png" alt="" width="3" height="2" />']
    assert (public / "posts/kmp/a.png").is_file()
    bundle = imgs(public, "posts/bundle")
    assert bundle[0].startswith('<img src="bundle/b.png" alt="" width="3" height="2"')
    assert bundle[1].startswith('<img src="c.png" alt="" width="3" height="2"')
    assert imgs(public, "posts/same-a") == ['<a href="notes.pdf"']
    assert imgs(public, "posts/same-b") == ['<a href="same-a/notes.pdf"']


def test_a_warm_build_gives_the_bytes_of_a_cold_one(tmp_path: Path) -> None:
    site = tmp_path / "site"
    typora_site(site)
    build(BuildOptions(source=site, output=tmp_path / "cold", now=NOW, use_cache=False, search_index=False))
    for output in ("warm1", "warm2"):
        build(BuildOptions(source=site, output=tmp_path / output, now=NOW, search_index=False))
    for page in ("posts/48_kmp", "posts/kmp", "posts/same-a", "posts/same-b"):
        cold = (tmp_path / "cold" / page / "index.html").read_bytes()
        assert (tmp_path / "warm2" / page / "index.html").read_bytes() == cold
