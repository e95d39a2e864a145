"""spans.format_tokens must write exactly what Pygments' HtmlFormatter(nowrap=True) writes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pygments import format as pygments_format
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.token import Comment, Keyword, Name, String, Text, Token, Whitespace

from generator.highlight.blocks import highlight_code
from generator.highlight.lexers import lexer_by_name
from generator.highlight.spans import format_tokens
from tests.unit.highlight.test_lexers import LANGUAGES, PIECES, SAMPLES

TEXTS = [
    "",
    "\n",
    "\n\n\n",
    "x",
    "x\n",
    "x\n\n",
    "\n  x",
    "\tdef f(a,\tb):\n\t\treturn a\t# tab\n",
    "x = 1\r\ny = 2\r\n",
    "a\rb\r",
    "\ufeffimport os\n",
    "s = '<&>\"' + \"'\" # <b>&amp;</b>\n",
    "注释 = '中文' # 损失函数 α é \u3000\n",
    "  \n  \n\t\n",
    "/* a\n   b */ int x; // c\n#include <vector>\n",
    "'''doc\n\nmore'''\n",
    "\ue000\ue001\ue002 x = '\ue001'\n",  # the formatter's own stand-ins, in the code itself
    "".join(PIECES),
    *SAMPLES.values(),
]


def pygments_html(tokens: list[tuple[object, str]]) -> str:
    return pygments_format(tokens, HtmlFormatter(nowrap=True))


@pytest.mark.parametrize("name", [*LANGUAGES, "text"])
@pytest.mark.parametrize("text", TEXTS, ids=[f"text{i}" for i in range(len(TEXTS))])
def test_a_table_of_texts_in_every_language(name: str, text: str) -> None:
    tokens = list(lexer_by_name(name, stripnl=False, ensurenl=False).get_tokens(text))
    assert format_tokens(tokens, text) == pygments_html(tokens)


@pytest.mark.parametrize(
    "tokens",
    [
        [],
        [(Keyword, "")],
        [(Keyword, "if"), (Keyword, ""), (Keyword, " x")],  # an empty token between two of a class
        [(Keyword, "a\n"), (Keyword, "b")],  # one class across a newline: a span a line
        [(Keyword, "\n"), (Name, "\n\nx"), (Name, "y\n")],
        [(Name, "a"), (Name.Other, "b"), (Name.Class, "c"), (Token.Name.Made.Up, "d")],  # odd classes
        [(Token.Text.Made.Up, "a"), (Text, "b"), (Token, "c"), (Whitespace, " \n ")],
        [(String, "<&>\"'"), (Comment, "\n"), (String, "x\n")],
    ],
)
def test_token_streams_pygments_lexers_rarely_make(tokens: list[tuple[object, str]]) -> None:
    text = "".join(value for _, value in tokens)
    assert format_tokens(tokens, text) == pygments_html(tokens)


TYPES = [Token, Text, Whitespace, Keyword, Keyword.Type, Name, Name.Builtin, String, String.Double, Comment]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    tokens=st.lists(
        st.tuples(
            st.sampled_from(TYPES),
            st.text(alphabet=st.sampled_from(list("ab \t\n\r<&>\"'中é")), max_size=6),
        ),
        max_size=40,
    )
)
def test_any_token_stream(tokens: list[tuple[object, str]]) -> None:
    text = "".join(value for _, value in tokens)
    assert format_tokens(tokens, text) == pygments_html(tokens)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(["python", "cpp", "bash", "latex"]), pieces=st.lists(st.sampled_from(PIECES), max_size=60))
def test_random_code_is_highlighted_as_pygments_highlights_it(name: str, pieces: list[str]) -> None:
    from pygments import highlight

    text = "".join(pieces)
    own = highlight(text, get_lexer_by_name(name, stripnl=False, ensurenl=False), HtmlFormatter(nowrap=True))
    assert f'<code class="language-{name}">{own}</code>' in highlight_code(text, name)
