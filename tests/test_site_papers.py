"""tests/sites/papers: theorems, numbered figures and tables, algorithms, references and sidenotes in
both spellings (pandoc/Quarto in pandoc.md, LaTeX in latex.md), through the whole pipeline.

The post bodies are compared with tests/sites/papers/expected/*.html (formulas shortened to <M/>,
so a math-core upgrade does not touch them). Run with UPDATE_EXPECTED=1 to rewrite them; then read
the diff: every expected file must be right, not just what the code printed.
"""

from __future__ import annotations

import os
import re
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.build.pipeline import BuildOptions, BuildReport, build
from tests.conftest import SITES

SITE = SITES / "papers"
EXPECTED = SITE / "expected"
NOW = datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
POSTS = ("pandoc", "latex")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    root = tmp_path_factory.mktemp("papers")
    shutil.copytree(SITE, root / "site", ignore=shutil.ignore_patterns("expected"))
    output = root / "public"
    report = build(BuildOptions(source=root / "site", output=output, now=NOW, use_cache=False))
    return output, report


def post_body(output: Path, slug: str) -> str:
    page = (output / "posts" / slug / "index.html").read_text(encoding="utf-8")
    body = page[page.index('<div class="post-body">') : page.index("</article>")]
    return re.sub(r"<math\b.*?</math>", "<M/>", body, flags=re.DOTALL)


@pytest.mark.parametrize("slug", POSTS)
def test_post_body_is_the_expected_html(built: tuple[Path, BuildReport], slug: str) -> None:
    body = post_body(built[0], slug)
    expected = EXPECTED / f"{slug}.html"
    if os.environ.get("UPDATE_EXPECTED"):
        expected.parent.mkdir(exist_ok=True)
        expected.write_text(body, encoding="utf-8")
    assert body == expected.read_text(encoding="utf-8")


def test_bad_references_and_commands_warn_with_file_and_line(built: tuple[Path, BuildReport]) -> None:
    found = sorted(
        (Path(d.path).name, d.line, d.message)
        for d in built[1].warnings
        if "label" in d.message or "algorithm" in d.message
    )
    assert found == [
        ("latex.md", 64, "unknown algorithm command \\Unknown, shown as written"),
        ("pandoc.md", 65, "unknown label 'fig:missing' in the reference @fig:missing"),
    ]


def test_excerpts_and_the_feed_show_numbers_not_syntax(built: tuple[Path, BuildReport]) -> None:
    index = (built[0] / "index.html").read_text(encoding="utf-8")
    feed = next(p for p in (built[0] / "atom.xml", built[0] / "feed.xml", built[0] / "index.xml") if p.exists())
    feed_text = feed.read_text(encoding="utf-8")
    for text in (index, feed_text):
        assert "定理 1" in text and "图 1" in text and "表 1" in text and "算法 1" in text
        assert "@thm:conv" not in text and "\\ref{" not in text and "{#fig:" not in text
    assert "sidenote" not in feed_text  # a feed reader has no stylesheet to hide the margin copy
    assert "依赖引理 1、命题 1 和推论 1" in index  # `引理 \ref{…}`: the name is not said twice
