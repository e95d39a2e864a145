"""The notebook reader and terminal output as pure functions: strings in, strings out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.config.settings import SiteConfig
from generator.content.loader import post_assets, read_post
from generator.content.notebook import convert, parse_notebook
from generator.content.notebook_outputs import sanitize_html
from generator.content.terminal import ansi_html, resolve_carriage_returns
from generator.markdown.render import RenderOptions, render_post

PNG_1PX = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgYGAAAAAEAAH2FzhVAAAAAElFTkSuQmCC"  # a real 1x1 PNG
)


def notebook(cells: list[dict[str, Any]], metadata: dict[str, Any] | None = None) -> str:
    return json.dumps({"cells": cells, "metadata": metadata or {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)


def md(text: str) -> dict[str, Any]:
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def code(text: str, outputs: list[dict[str, Any]], tags: list[str] | None = None) -> dict[str, Any]:
    metadata = {"tags": tags} if tags else {}
    return {"cell_type": "code", "execution_count": 1, "metadata": metadata, "outputs": outputs, "source": text}


def body_of(text: str) -> str:
    data, problem = parse_notebook(text, "n.ipynb")
    assert data is not None, problem
    return convert(data, text, "n.ipynb").body


def test_ansi_colours_become_classes_and_other_escapes_vanish() -> None:
    assert ansi_html("\x1b[0;31mError\x1b[0m: <bad>\x1b[K") == '<span class="ansi-red">Error</span>: &lt;bad&gt;'
    assert ansi_html("\x1b[1;94mhi") == '<span class="ansi-bright-blue ansi-bold">hi</span>'
    assert ansi_html("\x1b[38;5;241m1\x1b[39m") == '<span class="ansi-fg" style="--ansi-fg:#626262">1</span>'


@pytest.mark.parametrize(
    ("text", "html"),
    [
        # IPython 8's tracebacks: the 256-colour palette; its first sixteen are the named colours
        ("\x1b[38;5;208morange\x1b[0m", '<span class="ansi-fg" style="--ansi-fg:#ff8700">orange</span>'),
        ("\x1b[38;5;9mx\x1b[38;5;4my", '<span class="ansi-bright-red">x</span><span class="ansi-blue">y</span>'),
        (
            "\x1b[38;5;232mg\x1b[38;5;255mw",
            '<span class="ansi-fg" style="--ansi-fg:#080808">g</span>'
            '<span class="ansi-fg" style="--ansi-fg:#eeeeee">w</span>',
        ),
        ("\x1b[38;2;0;128;255mrgb", '<span class="ansi-fg" style="--ansi-fg:#0080ff">rgb</span>'),
        (
            "\x1b[48;2;1;2;3;38:2::4:5:6mb",
            '<span class="ansi-fg ansi-bg" style="--ansi-fg:#040506;--ansi-bg:#010203">b</span>',
        ),
        (
            "\x1b[41;97mFAIL\x1b[49m!",
            '<span class="ansi-bright-white ansi-bg-red">FAIL</span><span class="ansi-bright-white">!</span>',
        ),
        ("\x1b[104mbg", '<span class="ansi-bg-bright-blue">bg</span>'),
        (
            "\x1b[4mu\x1b[24m \x1b[4:3mcurly\x1b[4:0m.",
            '<span class="ansi-underline">u</span> <span class="ansi-underline">curly</span>.',
        ),
        (
            "\x1b[1;2;3mx\x1b[22my\x1b[23mz",
            '<span class="ansi-bold ansi-dim ansi-italic">x</span><span class="ansi-italic">y</span>z',
        ),
        # what is not a colour is dropped, and the text stays escaped
        ("\x1b[38;5;300m<a>\x1b[38;2;999;0;0m&\x1b[38;5m.", "&lt;a&gt;&amp;."),
        ("\x1b[" + "9" * 5000 + "mx\x1b[38;5;" + "9" * 5000 + "my", "xy"),
    ],
)
def test_256_colour_rgb_backgrounds_and_text_styles_are_kept(text: str, html: str) -> None:
    assert ansi_html(text) == html


def test_carriage_returns_leave_what_the_terminal_showed() -> None:
    assert resolve_carriage_returns("10%\r50%\r100%\ndone") == "100%\ndone"
    assert resolve_carriage_returns("abcdef\rxy") == "xycdef"
    assert resolve_carriage_returns("ab\bc") == "ac"


def test_sanitizer_keeps_tables_and_drops_what_runs() -> None:
    html = sanitize_html(
        '<table border="1" class="dataframe"><tr style="color:red"><td onclick="x()">1</td></tr></table>'
        '<script>alert(1)</script><a href="javascript:alert(2)">a</a><a href="https://ok.example/">b</a>'
        '<style>p{}</style><svg onload="x()"></svg><form action="/steal"><input></form>'
    )
    assert "<td>1</td>" in html and 'class="dataframe"' in html
    for bad in ("script", "alert", "onclick", "onload", "javascript", "style", "border", "<form", "<input"):
        assert bad not in html, bad
    assert 'href="https://ok.example/"' in html


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('{\n "cells": [\n  {"cell_type": "markdown"\n ]\n}', "notebook is not valid JSON", 4),
        ('{"nbformat": 3, "worksheets": []}', "notebook format 3 is not supported", 1),
        ("[1, 2]", "file is JSON but not a Jupyter notebook", 1),
        ('{\n "nbformat": 4,\n "cells": {}\n}', "notebook has no list of cells", 3),
    ],
)
def test_unreadable_notebooks_are_errors_with_a_line(text: str, message: str, line: int) -> None:
    data, problem = parse_notebook(text, "n.ipynb")
    assert data is None and problem is not None and problem.is_error
    assert problem.message.startswith(message) and problem.line == line


def test_code_fences_outlast_backticks_in_the_code() -> None:
    body = body_of(notebook([code('s = """\n```\n"""', [])]))
    assert "````python\n" in body


def test_blank_lines_in_output_do_not_end_the_html_block() -> None:
    stream = {"output_type": "stream", "name": "stdout", "text": "a\n\n    # not a heading\n\nb"}
    body = body_of(notebook([code("print()", [stream])]))
    assert '<pre class="nb-stream nb-stdout">a&#10;&#10;    # not a heading&#10;&#10;b</pre>' in body


def test_markdown_cells_sit_on_their_lines_in_the_file() -> None:
    text = notebook([md("first"), code("x", []), md(["a\n", "![](gone.png)"])])
    body = body_of(text)
    image_line = next(n for n, line in enumerate(body.split("\n"), 1) if "gone.png" in line)
    file_line = next(n for n, line in enumerate(text.split("\n"), 1) if '"a\\n"' in line)
    assert image_line == file_line + 1


def test_front_matter_from_metadata_follows_the_markdown_rules(config: SiteConfig) -> None:
    text = notebook([md("# 标题\n\n正文")], {"blog": {"title": [3], "date": "2026-01-01", "tags": ["a"]}})
    post, found = read_post(text, "content/posts/x.ipynb", config, "d")
    assert post is None
    title_line = next(n for n, line in enumerate(text.split("\n"), 1) if '"title": [' in line)
    assert [(d.line, d.message) for d in found if d.is_error] == [(title_line, "title must be text, not a list")]


def test_front_matter_from_a_raw_cell_and_the_body_without_it(config: SiteConfig) -> None:
    raw = {"cell_type": "raw", "metadata": {}, "source": "---\ntitle: 原始\ndate: 2026-01-02\ntags: [x]\n---"}
    post, found = read_post(notebook([raw, md("正文 {{ x }}")]), "content/posts/y.ipynb", config, "d")
    assert post is not None and not found
    assert post.title == "原始" and post.body is not None
    assert "title:" not in post.body and "{{ x }}" in post.body  # not taken for a Hugo shortcode


@pytest.mark.parametrize("bullet", ["- ", "* ", ""])
def test_pelican_ipynb_metadata_in_the_first_markdown_cell(config: SiteConfig, bullet: str) -> None:
    """IPYNB_MARKUP_USE_FIRST_CELL: the first cell lists the metadata, Pelican's keys and values."""
    first = md(
        f"{bullet}title: RDKit 入门\n{bullet}slug: rdkit-intro\n{bullet}date: 2023-02-06\n"
        f"{bullet}tags: RDKit, Python\n{bullet}summary: 分子的读写"
    )
    text = notebook([first, md("正文")])
    post, found = read_post(text, "content/posts/化学/rdkit.ipynb", config, "d")
    assert post is not None, found
    assert not found
    assert (post.title, post.slug, post.tag_names, post.summary) == (
        "RDKit 入门",
        "rdkit-intro",
        ("RDKit", "Python", "化学"),
        "分子的读写",
    )
    assert post.date.date().isoformat() == "2023-02-06"
    assert post.body is not None and "title:" not in post.body and "正文" in post.body


@pytest.mark.parametrize("cell", ["- Goal: 预测房价\n- Date: 2020-01-01", "- 第一点: 说明", "Note: 先读上一篇"])
def test_a_first_cell_that_names_no_title_is_the_notebooks_text(config: SiteConfig, cell: str) -> None:
    post, _ = read_post(notebook([md(cell), md("正文")]), "content/posts/2020-01-01-n.ipynb", config, "d")
    assert post is not None and post.body is not None and cell.split("\n")[0] in post.body


def test_a_heading_over_points_of_its_own_is_the_notebooks_text(config: SiteConfig) -> None:
    """`# Lab 3` over `- Goal: …` lines is no fastpages front matter: its keys are no fastpages keys."""
    cell = "# Lab 3: Regression\n- Goal: fit a line to the data\n- Data: the Boston housing set"
    post, _ = read_post(notebook([md(cell), md("正文")]), "content/posts/2020-01-01-lab.ipynb", config, "d")
    assert post is not None and post.body is not None and "fit a line" in post.body and "Boston" in post.body


def test_a_notebook_without_cells_is_an_error(config: SiteConfig) -> None:
    post, found = read_post(notebook([]), "content/posts/z.ipynb", config, "d")
    assert post is None and [d.message for d in found] == ["notebook has no cells: skipped"]


def test_outputs_pick_the_richest_kind_and_leave_out_widgets_once() -> None:
    widget = {"application/vnd.jupyter.widget-view+json": {"model_id": "m"}, "text/plain": "W"}
    outputs = [
        {"output_type": "display_data", "data": widget, "metadata": {}},
        {"output_type": "display_data", "data": widget, "metadata": {}},
        {"output_type": "display_data", "data": {"text/html": "<b>x</b>", "text/plain": "x"}, "metadata": {}},
        {"output_type": "display_data", "data": {"text/html": "<script>p()</script>", "image/png": PNG_1PX}},
    ]
    text = notebook([code("w", outputs)])
    data, _ = parse_notebook(text, "n.ipynb")
    assert data is not None
    converted = convert(data, text, "n.ipynb")
    assert [d.message for d in converted.diagnostics] == ["an interactive widget output left out of the page"]
    assert "<b>x</b>" in converted.body and "IntSlider" not in converted.body
    assert "![](cell1-4.png)" in converted.body and list(converted.images) == ["cell1-4.png"]


def test_a_notebook_of_code_only_takes_its_title_from_the_file_name(config: SiteConfig) -> None:
    text = notebook([code("# 27, 27\nN = zeros(27, 27)", [])], {"blog": {"date": "2026-01-01", "tags": ["a"]}})
    post, found = read_post(text, "content/posts/bigrams.ipynb", config, "d")
    assert post is not None and post.title == "bigrams"  # a code comment is not a heading
    assert [d.message for d in found] == ["post has no title, using 'bigrams'"]


def test_a_byte_order_mark_is_accepted() -> None:
    data, problem = parse_notebook("\ufeff" + notebook([md("x")]), "n.ipynb")
    assert data is not None and problem is None


def test_files_beside_a_notebook_travel_with_it_and_notebooks_do_not(tmp_path: Path) -> None:
    posts = tmp_path / "posts"
    (posts / "run").mkdir(parents=True)
    (posts / "run.ipynb").write_text(notebook([md("x")]), encoding="utf-8")
    (posts / "run" / "figure.png").write_bytes(b"png")
    (posts / "run" / "other.ipynb").write_text(notebook([md("y")]), encoding="utf-8")
    (posts / "bundle").mkdir()
    (posts / "bundle" / "index.ipynb").write_text(notebook([md("z")]), encoding="utf-8")
    (posts / "bundle" / "data.csv").write_text("a,b\n", encoding="utf-8")
    assert post_assets(posts / "run.ipynb", tmp_path, posts) == ({"figure.png": posts / "run" / "figure.png"}, [])
    assert list(post_assets(posts / "bundle" / "index.ipynb", tmp_path, posts)[0]) == ["data.csv"]


JPEG_STILL = (  # a real 4x3 JPEG
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcp"
    "LDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIy"
    "MjIyMjIyMjIyMjIyMjL/wAARCAADAAQDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAA"
    "AgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6"
    "Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXG"
    "x8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREA"
    "AgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5"
    "OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPE"
    "xcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDzuiiivBP1k//Z"
)


def player_output(src: str, still: bool = True) -> dict[str, Any]:
    """What IPython's YouTubeVideo displays: the player's iframe alone, its thumbnail, its repr."""
    html = f'\n        <iframe\n            width="400"\n            height="300"\n            src="{src}"\n            frameborder="0"\n            allowfullscreen\n        ></iframe>\n        '
    data: dict[str, Any] = {"text/html": html, "text/plain": "<IPython.lib.display.YouTubeVideo at 0x7f>"}
    if still:
        data["image/jpeg"] = JPEG_STILL
    return {"output_type": "execute_result", "execution_count": 1, "data": data, "metadata": {}}


@pytest.mark.parametrize(
    ("src", "player"),
    [
        ("https://www.youtube.com/embed/60z_hpEAtD8", "https://www.youtube-nocookie.com/embed/60z_hpEAtD8"),
        ("https://www.youtube.com/embed/yIYKR4sgzI8?start=30", "https://www.youtube-nocookie.com/embed/yIYKR4sgzI8"),
        ("https://player.vimeo.com/video/76979871", "https://player.vimeo.com/video/76979871"),
    ],
)
def test_a_youtube_or_vimeo_output_is_the_player(src: str, player: str) -> None:
    """YouTubeVideo('60z_hpEAtD8') in a cell shows the player, as {{< youtube >}} would; it was
    left out as 'script-only' HTML, though it holds no script."""
    text = notebook([code("YouTubeVideo('x')", [player_output(src)])])
    data, _ = parse_notebook(text, "n.ipynb")
    assert data is not None
    converted = convert(data, text, "n.ipynb")
    assert not converted.diagnostics
    assert f'<iframe src="{player}"' in converted.body and not converted.images
    html = render_post(converted.body, RenderOptions()).html or ""
    assert f'<iframe src="{player}"' in html


def test_a_framed_page_shows_its_still_when_it_has_one() -> None:
    """An iframe of any other page is not published; the notebook's still image is, if saved."""
    other = player_output("https://example.org/demo.html")
    bare = player_output("https://example.org/demo.html", still=False)
    text = notebook([code("IFrame('x')", [other]), code("IFrame('y')", [bare])])
    data, _ = parse_notebook(text, "n.ipynb")
    assert data is not None
    converted = convert(data, text, "n.ipynb")
    assert "![](cell1-1.jpg)" in converted.body and "example.org" not in converted.body
    assert [d.message for d in converted.diagnostics] == [
        "a text/html output framing another page left out of the page"
    ]


def html_output(html: str) -> dict[str, Any]:
    data = {"text/html": html, "text/plain": "<IPython.core.display.HTML object>"}
    return {"output_type": "display_data", "data": data, "metadata": {}}


def test_html_that_shows_nothing_is_named_for_what_it_holds() -> None:
    """fastai's progress bar first displays its CSS alone: it was called 'script-only'."""
    outputs = [
        html_output("<style>\n progress { border: none; }\n</style>\n"),
        html_output('<div id="p"></div><script>render("p")</script>'),
        html_output("<div> </div>"),
    ]
    data, _ = parse_notebook(notebook([code("learn.fit(1)", [o]) for o in outputs]), "n.ipynb")
    assert data is not None
    converted = convert(data, "", "n.ipynb")
    assert [d.message for d in converted.diagnostics] == [
        "a style-only text/html output (CSS alone, nothing to show) left out of the page",
        "an interactive (script-only) text/html output left out of the page",
        "a text/html output with nothing to show left out of the page",
    ]
    assert "progress" not in converted.body


FASTPAGES_CELL = (
    '# "Instability: Sliding Off a Hill"\n'
    '> "A look at exponential growth"\n'
    "\n"
    "- toc: false\n"
    "- branch: master\n"
    "- badges: true\n"
    "- comments: true\n"
    "- categories: [physics, coronavirus]\n"
    "- image: images/hill.png\n"
    "- description: Part 1: the setup\n"
)


def test_fastpages_front_matter_in_the_first_markdown_cell(config: SiteConfig) -> None:
    """fastpages' first cell: the title from its `#` line, the summary from `>`, the keys from
    `- key: value`; the cell is not shown, and no 'no front matter' warning is given."""
    text = notebook([md(FASTPAGES_CELL), md("## Intro\n\n正文")])
    post, found = read_post(text, "content/posts/2020-03-26-Sliding-Off-A-Hill.ipynb", config, "d")
    assert post is not None, found
    assert found == []
    assert (post.title, post.summary) == ("Instability: Sliding Off a Hill", "A look at exponential growth")
    assert post.categories == (("physics",), ("coronavirus",))  # Jekyll's list is two categories
    assert post.meta["toc"] is False and post.meta["image"] == "images/hill.png" and post.comments is True
    assert post.meta["description"] == "Part 1: the setup"  # not YAML as written: read as text
    assert post.body is not None and "branch" not in post.body and "exponential" not in post.body
    assert "正文" in post.body


def test_a_fastpages_key_that_is_wrong_is_reported_at_its_notebook_line(config: SiteConfig) -> None:
    first = {"cell_type": "markdown", "metadata": {}, "source": ["# T\n", "> s\n", "- date: 2020-13-45\n"]}
    text = notebook([first, md("正文")])
    post, found = read_post(text, "content/posts/t.ipynb", config, "d")
    date_line = next(n for n, line in enumerate(text.split("\n"), 1) if "date: 2020-13-45" in line)
    assert post is None and [d.line for d in found if d.is_error] == [date_line]


@pytest.mark.parametrize("cell", ["# 标题\n\n正文第一段", "# 标题\n> 引用\n\n正文", "# 标题"])
def test_a_first_cell_with_a_heading_and_prose_is_the_notebooks_text(config: SiteConfig, cell: str) -> None:
    post, _ = read_post(notebook([md(cell), md("下文")]), "content/posts/2020-01-01-n.ipynb", config, "d")
    assert post is not None and post.title == "标题" and post.body is not None
    assert cell.split("\n")[-1].lstrip("> ") in post.body or cell == "# 标题"


def test_quartos_video_shortcode_in_a_markdown_cell_is_the_player_outside_code() -> None:
    """Quarto reads `{{< video >}}` in a notebook's Markdown cells as in a .qmd file."""
    text = notebook(
        [
            md(
                "看视频：\n\n{{< video https://www.youtube.com/watch?v=p5U4NgVGAwg >}}\n\n```md\n{{< video https://youtu.be/x1 >}}\n```"
            )
        ]
    )
    body = body_of(text)
    assert body.count("youtube-nocookie.com/embed/p5U4NgVGAwg") == 1
    assert "{{< video https://youtu.be/x1 >}}" in body  # an example in a code block stays as written


DOLLARS_IN_TEXT = "If we differentiate, we get:\n$$ x - xp = 0$$\nor $$ p = \\frac{x}{n}$$\nor $$ p = 1$$"


@pytest.mark.parametrize(
    ("first", "extra", "dialect"),
    [
        (
            {"cell_type": "raw", "metadata": {}, "source": "---\ntitle: EM\ntags: [ml]\n---"},
            "",
            "ours",
        ),  # Quarto, nbdev 2
        (md("# EM\n> The EM algorithm\n\n- toc: true\n- categories: [ml]"), "", "jekyll"),  # fastpages: kramdown
        (
            {"cell_type": "raw", "metadata": {}, "source": "---\ntitle: EM\ntags: [ml]\ndialect: jekyll\n---"},
            "",
            "jekyll",
        ),
    ],
    ids=["quarto", "fastpages", "said-so"],
)
def test_a_dated_notebook_is_read_as_jupyter_showed_it_unless_kramdown_rendered_it(
    config: SiteConfig, first: dict[str, Any], extra: str, dialect: str
) -> None:
    """`2014-06-01-em.ipynb` with `$$` in a sentence: Jupyter, nbconvert and Quarto show display
    math; only fastpages' notebooks went through kramdown, which makes it inline."""
    text = notebook([first, md(DOLLARS_IN_TEXT + extra)])
    post, _ = read_post(text, "content/posts/2014-06-01-em.ipynb", config, "d")
    assert post is not None and post.dialect == dialect
    html = render_post(post.body or "", RenderOptions(dialect=post.dialect)).html
    assert html.count('display="block"') == (3 if dialect == "ours" else 0)
