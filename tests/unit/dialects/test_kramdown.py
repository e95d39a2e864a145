"""kramdown's own syntax in Jekyll posts: comments never published, nomarkdown, options and
abbreviations. kramdown 2.4 (as Jekyll runs it) gave the HTML these tests expect."""

from __future__ import annotations

import pytest

from generator.content.model import Rendered
from generator.markdown.render import RenderOptions, render_post


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


def test_other_engines_leave_kramdown_syntax_alone() -> None:
    body = "CLI here.\n\n*[CLI]: Command Line Interface\n"
    for dialect in ("hexo", "hugo", "ours"):
        html = render_post(body, RenderOptions(dialect=dialect)).html
        assert "*[CLI]: Command Line Interface" in html and "<abbr" not in html


def test_an_extension_not_read_stays_text_with_one_warning() -> None:
    rendered = jekyll("Text.\n\n{::toc}\n\n{::foo}bar{:/foo}\n\n{::toc}\n")
    assert "<p>{::toc}</p>" in rendered.html and "<p>{::foo}bar{:/foo}</p>" in rendered.html
    assert messages(rendered) == [(3, "kramdown extensions {::foo}, {::toc} are not read here; shown as text")]
