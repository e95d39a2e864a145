"""Notebooks and figures through the whole pipeline, on tests/sites/notebooks.

Run with UPDATE_EXPECTED=1 to rewrite expected/ from the current output; then read the
diff: every expected fragment must be right, not just what the code printed.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from generator.build.pipeline import BuildOptions, BuildReport, build
from generator.errors import BuildError

SITE = Path(__file__).resolve().parent / "sites" / "notebooks"
EXPECTED = SITE / "expected"
NOW = datetime(2026, 2, 1, 0, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
SLUGS = ("every-output", "no-metadata", "raw-front", "figures")
NOT_SITE = ("expected", "broken", "make_notebooks.py", "public", ".cache", "__pycache__")


def copy_site(target: Path) -> Path:
    shutil.copytree(SITE, target, ignore=shutil.ignore_patterns(*NOT_SITE))
    return target


def run(site: Path, output: Path, cache: bool = True) -> BuildReport:
    return build(BuildOptions(source=site, output=output, now=NOW, use_cache=cache, search_index=False))


def post_body(html: str) -> str:
    """The rendered post only: the theme around it is tested elsewhere."""
    start = html.index('<div class="post-body">')
    end = html.index("</article>", start)
    return re.sub(r">\s+<", "><", html[start:end].strip())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    root = tmp_path_factory.mktemp("notebooks")
    site = copy_site(root / "site")
    output = root / "public"
    return output, run(site, output)


def page(output: Path, slug: str) -> str:
    return (output / "posts" / slug / "index.html").read_text(encoding="utf-8")


@pytest.mark.skipif(not os.environ.get("UPDATE_EXPECTED"), reason="set UPDATE_EXPECTED=1 to rewrite expected/")
def test_update_expected(built: tuple[Path, BuildReport]) -> None:
    output, _ = built
    EXPECTED.mkdir(exist_ok=True)
    for slug in SLUGS:
        fragment = post_body(page(output, slug)).replace("><", ">\n<")
        (EXPECTED / f"{slug}.html").write_text(fragment + "\n", encoding="utf-8")


@pytest.mark.parametrize("slug", SLUGS)
def test_post_html_matches_expected(built: tuple[Path, BuildReport], slug: str) -> None:
    output, _ = built
    expected = (EXPECTED / f"{slug}.html").read_text(encoding="utf-8")
    assert post_body(page(output, slug)) == re.sub(r">\s+<", "><", expected.strip())


def _images(html: str) -> list[dict[str, str]]:
    return [dict(re.findall(r'([\w-]+)="([^"]*)"', tag)) for tag in re.findall(r"<img\b[^>]*>", html)]


@pytest.mark.parametrize("slug", ["every-output", "figures"])
def test_local_images_are_files_beside_the_page_with_the_sizes_the_html_gives(
    built: tuple[Path, BuildReport], slug: str
) -> None:
    output, _ = built
    folder = output / "posts" / slug
    checked = 0
    for image in _images(post_body(page(output, slug))):
        if "width" not in image:
            continue
        src = image["src"]
        file = output / src.removeprefix("/nb/") if src.startswith("/nb/") else folder / src
        assert file.is_file(), src
        if file.suffix != ".svg":
            with Image.open(file) as opened:
                assert opened.size == (int(image["width"]), int(image["height"])), src
        for candidate in filter(None, image.get("srcset", "").split(", ")):
            url, descriptor = candidate.rsplit(" ", 1)
            with Image.open(folder / url) as variant:
                assert f"{variant.size[0]}w" == descriptor
                assert abs(variant.size[1] / variant.size[0] - int(image["height"]) / int(image["width"])) < 0.01
        checked += 1
    assert checked >= 4


def test_notebook_images_are_files_not_base64(built: tuple[Path, BuildReport]) -> None:
    output, _ = built
    html = page(output, "every-output")
    assert "base64" not in html and "data:image" not in html
    assert sorted(p.name for p in (output / "posts" / "every-output").iterdir()) == [
        "cell19-pasted.png",
        "cell5-1.680w.webp",
        "cell5-1.png",
        "cell5-2.jpg",
        "cell5-3.svg",
        "index.html",
    ]


def test_hostile_html_output_is_sanitized(built: tuple[Path, BuildReport]) -> None:
    output, _ = built
    html = page(output, "every-output")
    body = post_body(html)
    for forbidden in ("<script", "alert(", "onclick", "onerror", "javascript:", "<style", "display: none", "<iframe"):
        assert forbidden not in body, forbidden
    assert '<table class="dataframe">' in body and "<td>0.92</td>" in body
    assert 'border="1"' not in body  # obsolete in HTML5: the checker would complain


def test_terminal_output_has_no_escape_codes_and_keeps_the_last_progress_bar(built: tuple[Path, BuildReport]) -> None:
    output, _ = built
    body = post_body(page(output, "every-output"))
    assert "\x1b" not in body and "[0;31m" not in body
    assert "100%|##########| 10/10" in body and "10%|#  " not in body
    assert '<span class="ansi-red">ZeroDivisionError</span>: division by zero' in body


def test_cell_tags_are_respected(built: tuple[Path, BuildReport]) -> None:
    output, _ = built
    body = post_body(page(output, "every-output"))
    assert "secret_setup" not in body and "只看输出" in body  # remove-input
    assert "noisy" in body and "不该出现的输出" not in body  # remove-output
    assert "hidden_entirely" not in body and "整格都不出现" not in body  # remove-cell
    assert "这一段被 remove-cell 去掉" not in body
    assert re.search(r'<details class="nb-input"><summary>显示代码</summary>.*folded_code', body)  # hide-input


def test_code_is_highlighted_in_the_kernels_language(built: tuple[Path, BuildReport]) -> None:
    output, _ = built
    assert 'data-lang="python"' in page(output, "every-output")
    assert 'data-lang="r"' in page(output, "raw-front")


def test_warnings_name_file_and_line_and_come_once_per_kind(built: tuple[Path, BuildReport]) -> None:
    _, report = built
    shown = sorted(str(w) for w in report.warnings)
    widget = [w for w in shown if "widget" in w]
    plotly = [w for w in shown if "plotly" in w]
    assert len(widget) == 1 and len(plotly) == 1  # two outputs of each kind, one warning each
    assert widget[0].startswith("content/posts/every-output.ipynb:")
    assert any(w.startswith("content/posts/figures.md:21: image '/img/nowhere.png' not found") for w in shown)
    assert any(w.startswith("content/posts/raw-front.ipynb:22: image 'missing.png' not found") for w in shown)
    assert any(w.startswith("content/posts/2026-01-06-no-metadata.ipynb:1: post has no title") for w in shown)
    assert any(w.startswith("content/posts/every-output.ipynb:153: image 'x' not found") for w in shown)  # in its HTML
    assert len(shown) == 8, shown


def test_notebook_without_metadata_takes_title_and_date_like_a_markdown_post(built: tuple[Path, BuildReport]) -> None:
    output, _ = built
    html = page(output, "no-metadata")
    assert "<title>没有元数据的笔记本" in html
    assert 'datetime="2026-01-06T00:00:00+08:00"' in html


def test_excerpts_of_notebooks_are_on_the_index_and_in_the_feed(built: tuple[Path, BuildReport]) -> None:
    output, _ = built
    index = (output / "index.html").read_text(encoding="utf-8")
    # the first cell's heading is the title, shown above the excerpt: the excerpt starts with the text
    assert '"entry-excerpt">这篇笔记本覆盖所有输出类型' in index and "每一种输出 这篇笔记本" not in index
    assert (
        '"entry-excerpt">标题来自第一个标题，日期来自文件名。 <span class="excerpt-placeholder">[代码]</span>' in index
    )
    feed = (output / "atom.xml").read_text(encoding="utf-8")
    assert "标题来自第一个标题" in feed and "/nb/posts/every-output/" in feed


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("not-json.ipynb", r"content/posts/not-json\.ipynb:\d+: notebook is not valid JSON"),
        ("nbformat3.ipynb", r"content/posts/nbformat3\.ipynb:\d+: notebook format 3 is not supported"),
    ],
)
def test_a_broken_notebook_is_an_error_with_file_and_line(tmp_path: Path, name: str, message: str) -> None:
    site = copy_site(tmp_path / "site")
    shutil.copy(SITE / "broken" / name, site / "content" / "posts" / name)
    with pytest.raises(BuildError) as raised:
        run(site, tmp_path / "public")
    errors = [str(e) for e in raised.value.errors]
    assert len(errors) == 1 and re.match(message, errors[0]), errors


def test_not_json_points_at_the_line_the_parser_gives(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    shutil.copy(SITE / "broken" / "not-json.ipynb", site / "content" / "posts" / "not-json.ipynb")
    text = (SITE / "broken" / "not-json.ipynb").read_text(encoding="utf-8")
    broken_line = next(n for n, line in enumerate(text.split("\n"), 1) if line.strip() == '"nbformat": 4')
    with pytest.raises(BuildError) as raised:
        run(site, tmp_path / "public")
    assert raised.value.errors[0].line == broken_line + 1  # the next key is where a comma was expected


def test_warm_builds_equal_cold_ones_with_notebooks_and_images(
    tmp_path: Path, digest_tree: Callable[[Path], dict[str, str]]
) -> None:
    site = copy_site(tmp_path / "site")
    warm = tmp_path / "warm"
    run(site, warm)
    run(site, warm)  # nothing changed
    assert digest_tree(warm) == digest_tree(_cold(site, tmp_path / "cold1"))
    # An image changes size: the posts that show it must change, though their text did not.
    Image.new("RGB", (300, 150), "#884422").save(site / "static" / "img" / "small.png")
    Image.new("RGB", (900, 300), "#224488").save(site / "content" / "posts" / "figures" / "wide.png")
    notebook = site / "content" / "posts" / "raw-front.ipynb"
    notebook.write_text(notebook.read_text(encoding="utf-8").replace("正文第一段", "改过的第一段"), "utf-8")
    report = run(site, warm)
    assert report.rendered_posts == 2
    assert 'width="300" height="150"' in page(warm, "figures")
    assert digest_tree(warm) == digest_tree(_cold(site, tmp_path / "cold2"))
    # The cache keeps the current variants and notebook images only, not every old version.
    derived = site / ".cache" / "blog" / "derived"
    kept = sorted(p.stat().st_size for p in (derived / "images").rglob("*.webp"))
    assert kept == sorted(p.stat().st_size for p in warm.rglob("*.webp"))
    assert len(list((derived / "notebooks").iterdir())) == 3


def _cold(site: Path, output: Path) -> Path:
    run(site, output, cache=False)
    return output
