"""kramdown's own syntax in Jekyll posts: comments never published, nomarkdown, options,
abbreviations, Markdown inside HTML (`markdown="1"`), and HTML blocks that end where kramdown
ends them. kramdown 2.4 (as Jekyll runs it) gave the HTML these tests expect."""

from __future__ import annotations

import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.build.pipeline import BuildOptions, build
from generator.content.model import Rendered
from generator.dialects.engine import guess_dialect
from generator.markdown.render import RenderOptions, render_post

FIXTURE = Path(__file__).with_name("kramdown_post.md")


def jekyll(body: str) -> Rendered:
    return render_post(body, RenderOptions(dialect="jekyll"))


def messages(rendered: Rendered) -> list[tuple[int | None, str]]:
    return [(line, message) for line, message, _ in rendered.warnings]


@pytest.mark.parametrize(
    "body",
    [
        "Visible.\n\n{::comment}\nSECRET note\n{:/comment}\n\nAfter.\n",
        "Visible.\n\n{::comment}\nSECRET note\n\nstill SECRET\n{:/}\n\nAfter.\n",
        "Visible.\n{::comment}\n# SECRET heading\n- SECRET item\n{:/comment}\nAfter.\n",  # no blank line around
        "Visible. {::comment}SECRET{:/comment} After.\n",
        "Visible. **b**{::comment}SECRET{:/} After.\n",  # after emphasis, where attribute lists are cut
        "Visible.\n\n> {::comment}\n> SECRET\n> {:/comment}\n\nAfter.\n",
        "Visible.\n\n{::comment}SECRET{:/comment}\n\nAfter.\n",
        "Visible.\n\n{::comment}\nSECRET\n{:/comment} After.\n",
        "Visible.\n\n{::comment}SECRET{:/comment} After.\n",
        "<div>\nVisible.\n{::comment}\nSECRET\n\nSECRET\n{:/comment}\n</div>\n\nAfter.\n",  # in raw HTML
    ],
)
def test_a_comment_is_published_nowhere(body: str) -> None:
    rendered = jekyll(body)
    assert "SECRET" not in rendered.html and "SECRET" not in rendered.excerpt.text + rendered.excerpt.html
    assert "{:" not in rendered.html and "comment" not in rendered.html
    assert "Visible." in rendered.html and "After." in rendered.html
    assert rendered.warnings == ()


def test_comments_written_as_code_stay_code() -> None:
    html = jekyll("`{::comment}x{:/comment}`\n\n```\n{::comment}\nkept\n{:/comment}\n```\n").html
    assert "<code>{::comment}x{:/comment}</code>" in html
    assert "{::comment}\nkept\n{:/comment}" in html


def test_a_comment_never_closed_is_shown_and_told() -> None:
    rendered = jekyll("Text.\n\n{::comment}\nnever closed\n")
    assert "<p>{::comment}\nnever closed</p>" in rendered.html
    assert messages(rendered) == [(3, "{::comment} is never closed; shown as text")]


def test_nomarkdown_is_raw_html_in_a_block_and_in_a_line() -> None:
    html = jekyll(
        "{::nomarkdown}\n<b>raw</b> and *not emphasis*\n{:/nomarkdown}\n\nA {::nomarkdown}*x*{:/} b *y*.\n"
    ).html
    assert html.startswith("<b>raw</b> and *not emphasis*\n")
    assert "<p>A *x* b <em>y</em>.</p>" in html


def test_options_lines_go_and_one_that_changes_the_page_is_told_once() -> None:
    rendered = jekyll(
        '{::options toc_levels="2..3" auto_ids="false" /}\n\nText.\n\n'
        '{::options smart_quotes="apos,apos,quot,quot" /}\n{::options footnote_nr="5" /}\n'
    )
    assert rendered.html == "<p>Text.</p>\n"
    assert messages(rendered) == [
        (5, "kramdown option smart_quotes=apos,apos,quot,quot is not applied: the page may differ from the old site's")
    ]


def test_an_abbreviation_marks_every_whole_word_outside_code_math_and_urls() -> None:
    html = jekyll(
        "The CLI, CLIs, xCLI, 使用CLI工具, `CLI`, $$CLI$$, [CLI](https://x.org/CLI) <https://x.org/CLI>.\n\n"
        '*[CLI]: Command "Line" Interface\n'
    ).html
    mark = '<abbr title="Command &quot;Line&quot; Interface">CLI</abbr>'
    assert html.count(mark) == 3
    assert f"The {mark}, CLIs, xCLI, 使用{mark}工具, <code>CLI</code>" in html
    assert f'<a href="https://x.org/CLI">{mark}</a> <a href="https://x.org/CLI">https://x.org/CLI</a>' in html
    assert "*[" not in html


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            '<details markdown="1">\n<summary>More</summary>\nSome *emphasis*.\n</details>\n',
            "<details>\n<summary>More</summary>\n<p>Some <em>emphasis</em>.</p>\n</details>\n",
        ),
        ('<div markdown="span">*s* and **t**</div>\n', "<div><em>s</em> and <strong>t</strong></div>\n"),
        ('<div markdown="block">*s*</div>\n', "<div>\n<p><em>s</em></p>\n</div>\n"),
        ('<div markdown="0">\n*s*\n</div>\n', "<div>\n*s*\n</div>\n"),
        ('<span markdown="1">*q*</span> tail\n', "<p><span><em>q</em></span> tail</p>\n"),
        (
            '{::options parse_block_html="true" /}\n<details> <summary markdown="span">Paper [A](/a)</summary>\n'
            'It uses **z**.\n\nAnd more.\n</details>\n{::options parse_block_html="false" /}\n<div>\n*no*\n</div>\n',
            '<details>\n<summary>Paper <a href="/a">A</a></summary>\n<p>It uses <strong>z</strong>.</p>\n'
            "<p>And more.</p>\n</details>\n<div>\n*no*\n</div>\n",
        ),
        (
            '> <div markdown="1">\n> *in a quote*\n> </div>\n> text\n',
            "<blockquote>\n<div>\n<p><em>in a quote</em></p>\n</div>\n<p>text</p>\n</blockquote>\n",
        ),
    ],
)
def test_markdown_inside_html_is_read_and_the_attribute_not_published(body: str, expected: str) -> None:
    rendered = jekyll(body)
    assert rendered.html == expected
    assert rendered.warnings == ()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "__Algorithm:__\n<hr>\n__Input:__ x <br>\n__Output:__ y\n",
            "<p><strong>Algorithm:</strong></p>\n<hr>\n<p><strong>Input:</strong> x <br>\n<strong>Output:</strong> y</p>\n",
        ),
        ("<hr/>\n*a*\n", "<hr/>\n<p><em>a</em></p>\n"),
        ("---\n<br>\n**Extra:** b\n", "<hr />\n<p><br>\n<strong>Extra:</strong> b</p>\n"),
        ('<p align="center">hi</p>\n**b**\n', '<p align="center">hi</p>\n<p><strong>b</strong></p>\n'),
        ("<div>\n*x*\n</div>\n*after*\n", "<div>\n*x*\n</div>\n<p><em>after</em></p>\n"),
        (
            '<div class="x">\n\n*in*\n\n</div>\n*after*\n',
            '<div class="x">\n<p><em>in</em></p>\n</div>\n<p><em>after</em></p>\n',
        ),
        ('<img src="a.png">\n\ntext\n', '<img src="a.png">\n<p>text</p>\n'),  # alone: still a block
    ],
)
def test_markdown_right_under_a_closed_element_is_markdown(body: str, expected: str) -> None:
    assert jekyll(body).html == expected


def test_other_engines_leave_kramdown_syntax_alone() -> None:
    body = "CLI here.\n\n__Algorithm:__\n<hr>\n__Input:__ x\n\n*[CLI]: Command Line Interface\n"
    for dialect in ("hexo", "hugo", "ours"):  # marked, which Hexo ran, swallows the line after <hr> too
        html = render_post(body, RenderOptions(dialect=dialect)).html
        assert "<hr>\n__Input:__ x" in html and "*[CLI]: Command Line Interface" in html and "<abbr" not in html


def test_an_extension_not_read_stays_text_with_one_warning() -> None:
    rendered = jekyll("Text.\n\n{::toc}\n\n{::foo}bar{:/foo}\n\n{::toc}\n")
    assert "<p>{::toc}</p>" in rendered.html and "<p>{::foo}bar{:/foo}</p>" in rendered.html
    assert messages(rendered) == [(3, "kramdown extensions {::foo}, {::toc} are not read here; shown as text")]


def test_kramdown_syntax_alone_makes_a_jekyll_post() -> None:
    for body in ("*[CLI]: Command Line Interface\n", '<div markdown="1">\nx\n</div>\n', "{::toc}\n"):
        assert guess_dialect("content/posts/a.md", "yaml", {"title": "a"}, None, body)[0] == "jekyll"


def test_a_jekyll_post_with_kramdown_syntax_builds_with_nothing_private_in_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "site.toml").write_text('title = "t"\nbase_url = "https://example.org/"\nlanguage = "en"\n', "utf-8")
    (site / "content" / "posts" / "2024-01-20-cli.md").write_text(FIXTURE.read_text("utf-8"), "utf-8")
    output = tmp_path / "out"
    report = build(BuildOptions(source=site, output=output, now=datetime(2026, 1, 1, tzinfo=UTC), use_cache=False))
    assert [str(w) for w in report.warnings] == []
    published = [path.read_bytes() for path in output.rglob("*") if path.is_file() and path.suffix != ".bin"]
    published += [zlib.decompress(path.read_bytes()) for path in (output / "search-index").rglob("*.bin")]
    assert not [data for data in published if b"PRIVATE" in data]  # page, excerpt, feeds, search index
    page = (output / "posts" / "cli" / "index.html").read_text("utf-8")
    for leftover in ("{::", "{:/", "*[", "markdown=", "__Input"):
        assert leftover not in page
    assert '<abbr title="Command Line Interface">CLI</abbr>' in page
    assert '<summary>Paper <a href="https://example.com/a">A</a></summary>' in page
    assert "<p>Some <em>emphasis</em> inside.</p>" in page
    assert "<b>raw</b> and *not emphasis*" in page
