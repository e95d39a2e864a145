"""Algorithm blocks written with algorithmic's and pseudocode.js's capitals (`\\STATE`, `\\FOR`,
`\\ENDFOR`), read as algpseudocode's mixed-case ones are; and lines the reader does not know."""

from __future__ import annotations

import re

from generator.markdown.algorithms import parse_algorithmic
from generator.markdown.render import RenderOptions, render_post

# The same perceptron-like training loop, once in algpseudocode's names, once in capitals.
MIXED = r"""
\Require 数据集 $D$，学习率 $\eta$
\Ensure 参数 $\theta$
\Function{Train}{$D, \eta$}
  \State $\theta \gets 0$ \Comment{初始化}
  \For{$t = 1$ \textbf{to} $T$}
    \ForAll{$(x, y) \in D$}
      \If{$y \ne f_\theta(x)$ \Or $t = 1$}
        \State $\theta \gets \theta + \eta\, y x$
      \ElsIf{$y = 0$}
        \State \Call{Skip}{$x$}
      \Else
        \State $done \gets$ \False
      \EndIf
    \EndFor
  \EndFor
  \While{\Not converged \And $t < T$}
    \State $t \gets t + 1$
  \EndWhile
  \Repeat
    \State $\eta \gets \eta / 2$
  \Until{$\eta < 10^{-3}$}
  \State \Return $\theta$
\EndFunction
\Procedure{Log}{$x$}
  \State \textbf{print} $x$
\EndProcedure
"""
UPPER = r"""
\REQUIRE 数据集 $D$，学习率 $\eta$
\ENSURE 参数 $\theta$
\FUNCTION{Train}{$D, \eta$}
  \STATE $\theta \gets 0$ \COMMENT{初始化}
  \FOR{$t = 1$ \TO $T$}
    \FORALL{$(x, y) \in D$}
      \IF{$y \ne f_\theta(x)$ \OR $t = 1$}
        \STATE $\theta \gets \theta + \eta\, y x$
      \ELSIF{$y = 0$}
        \STATE \CALL{Skip}{$x$}
      \ELSE
        \STATE $done \gets$ \FALSE
      \ENDIF
    \ENDFOR
  \ENDFOR
  \WHILE{\NOT converged \AND $t < T$}
    \STATE $t \gets t + 1$
  \ENDWHILE
  \REPEAT
    \STATE $\eta \gets \eta / 2$
  \UNTIL{$\eta < 10^{-3}$}
  \RETURN $\theta$
\ENDFUNCTION
\PROCEDURE{Log}{$x$}
  \PRINT $x$
\ENDPROCEDURE
"""


def block(body: str) -> str:
    return f"\\begin{{algorithm}}\n\\caption{{训练}}\n\\begin{{algorithmic}}[1]{body}\\end{{algorithmic}}\n\\end{{algorithm}}\n"


def test_capitals_render_exactly_as_algpseudocode_s_names() -> None:
    mixed, upper = render_post(block(MIXED), RenderOptions()), render_post(block(UPPER), RenderOptions())
    assert upper.html == mixed.html
    assert upper.warnings == mixed.warnings == ()
    assert upper.html.count('<div class="alg-line') == 26
    # 26 lines, 24 numbers: \REQUIRE and \ENSURE are not numbered
    assert '<span class="alg-no">24:</span><span class="alg-code"><strong>end procedure</strong>' in upper.html
    assert re.search(r"\\[A-Z]{2,}", upper.html) is None  # every capital command was read


def test_for_to_is_the_keyword_and_forall_elsif_are_read() -> None:
    lines = parse_algorithmic(UPPER, 1).lines
    assert lines[4].text == "$t = 1$ <strong>to</strong> $T$"
    assert (lines[4].before, lines[4].after) == ("<strong>for</strong> ", " <strong>do</strong>")
    assert (lines[5].before, lines[5].indent) == ("<strong>for all</strong> ", 2)
    assert (lines[8].before, lines[8].indent) == ("<strong>else if</strong> ", 3)
    assert lines[3].comment == "初始化"


def test_pseudocode_js_spellings_of_else_if_and_its_statements() -> None:
    body = r"\IF{$a$} \STATE x \ELIF{$b$} \BREAK \ELSEIF{$c$} \CONTINUE \ENDIF"
    shape = [(line.before, line.indent, line.number) for line in parse_algorithmic(body, 1).lines]
    assert shape == [
        ("<strong>if</strong> ", 0, 1),
        ("", 1, 2),
        ("<strong>else if</strong> ", 0, 3),
        ("<strong>break</strong> ", 1, 4),
        ("<strong>else if</strong> ", 0, 5),
        ("<strong>continue</strong> ", 1, 6),
        ("<strong>end if</strong>", 0, 7),
    ]


def test_algorithmic_s_optional_comment_before_a_condition() -> None:
    line = parse_algorithmic(r"\IF[正数]{$x > 0$} \COMMENT{分支}", 0).lines[0]
    assert (line.text, line.comment) == ("$x > 0$", "正数 分支")
    assert parse_algorithmic(r"\STATE [1, 2] 是列表", 0).lines[0].text == "[1, 2] 是列表"


def test_lower_case_to_is_still_the_arrow() -> None:
    assert parse_algorithmic(r"\STATE $f$: A \to B", 0).lines[0].text == "$f$: A → B"


# ---- what the reader does not know ------------------------------------------------------------


def warnings_of(body: str, first_line: int = 1) -> list[tuple[int | None, str]]:
    return [(line, message) for line, message, _ in render_post(body, RenderOptions(), first_line).warnings]


def test_an_unknown_command_starting_a_line_is_a_line_of_its_own_shown_as_written() -> None:
    body = "\\STATE $a \\gets 1$\n  \\KwIn{样本 $x$} 与标签\n\\STATE $b \\gets 2$\n"
    lines = parse_algorithmic(body, 1).lines
    assert [(line.text, line.number) for line in lines] == [
        ("$a \\gets 1$", 1),
        ("\\KwIn{样本 $x$} 与标签", None),
        ("$b \\gets 2$", 2),
    ]
    html = render_post(block(body), RenderOptions(), 20).html
    assert '<span class="alg-code">\\KwIn{样本 <span class="math math-inline">' in html
    # line 20 is \begin{algorithm}, 22 \begin{algorithmic}[1] with the first \STATE
    assert warnings_of(block(body), 20) == [(23, "unknown algorithm command \\KwIn, shown as written")]


def test_text_before_the_first_statement_is_kept_and_warned_about() -> None:
    body = "\\begin{algorithmic}\n先做准备\n\\STATE x\n\\end{algorithmic}\n"
    assert '<span class="alg-code">先做准备</span>' in render_post(body, RenderOptions()).html
    assert warnings_of(body) == [
        (2, "text before the algorithm's first statement (\\State, \\STATE, …), shown as a line without a number")
    ]


def test_unknown_commands_are_told_once_per_post_with_each_line() -> None:
    one = "\\begin{algorithmic}\n\\STATE a \\FOO\n\\BAR b\n\\end{algorithmic}\n"
    assert warnings_of(f"{one}\n{one}") == [
        (2, "unknown algorithm commands \\FOO (lines 2, 7), \\BAR (lines 3, 8), shown as written")
    ]


def test_an_algorithm_with_no_lines_is_a_warning() -> None:
    empty = "\\begin{algorithm}\n\\caption{空}\n\\begin{algorithmic}[1]\n\\end{algorithmic}\n\\end{algorithm}\n"
    assert warnings_of(empty) == [
        (1, "algorithm has no lines: nothing between its \\begin{algorithmic} and \\end{algorithmic}")
    ]
    algorithm2e = "\\begin{algorithm}\n\\caption{二}\n\\KwIn{x}\n\\end{algorithm}\n"
    assert warnings_of(algorithm2e) == [
        (1, "algorithm has no lines: no \\begin{algorithmic} in it, so what it holds is not shown")
    ]


def test_what_stands_around_the_algorithmic_is_told_as_left_out_sizes_and_placement_quietly() -> None:
    body = block("\n\\small\n\\STATE a\n").replace("\\end{algorithm}", "\\footnotesize 注：见附录\n\\end{algorithm}")
    body = body.replace("\\begin{algorithm}", "\\begin{algorithm}[htbp]\\centering\\small")
    assert warnings_of(body) == [(7, "text '注：见附录' in the algorithm but outside its algorithmic is not shown")]
    assert '<span class="alg-code">a</span>' in render_post(body, RenderOptions()).html
    assert warnings_of(block("\\STATE a\n").replace("\\caption", "\\Tiny\\caption")) == [
        (2, "\\Tiny in the algorithm but outside its algorithmic is not shown")
    ]
