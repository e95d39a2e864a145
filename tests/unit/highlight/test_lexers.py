"""lexers.lexer_by_name must give exactly Pygments' own tokens, only faster."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pygments.lexer import RegexLexer
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from generator.highlight.blocks import highlight_code
from generator.highlight.lexers import first_char_test, lexer_by_name, line_start_only

# What ML bloggers fence their code as (CUDA and JSON keep Pygments' own loop and are returned as is).
LANGUAGES = [
    "python",
    "pycon",
    "bash",
    "console",
    "javascript",
    "typescript",
    "rust",
    "go",
    "java",
    "julia",
    "r",
    "matlab",
    "latex",
    "sql",
    "toml",
    "ini",
    "html",
    "css",
    "diff",
    "docker",
    "make",
    "c",
    "cpp",
    "cuda",
    "yaml",
    "json",
]

SAMPLES = {
    "python": '''import torch.nn.functional as F

@torch.no_grad()
def siglip_loss(img: torch.Tensor, txt, t=10.0, b=-10.0) -> float:
    """成对的 sigmoid 损失，不需要全局 softmax。"""
    logits = img @ txt.T * t + b  # (N, N)
    labels = 2 * torch.eye(len(img)) - 1
    return -F.logsigmoid(labels * logits).sum() / len(img)

print(f"{siglip_loss.__name__!r:>10} {1e-3:.2e} {0x1F} {0b101} {1_000}")
class LoRA(nn.Module):
    r: int = 8
    async def step(self): await asyncio.sleep(0); yield from range(3)
x = [i ** 2 for i in range(10) if i % 2 == 0]; y = lambda *a, **k: ...
s = rb'\\x00' + b"\\n" + u"中文" + f"""{x!s}"""
''',
    "bash": """#!/usr/bin/env bash
set -euo pipefail
for rank in $(seq 0 $((WORLD_SIZE - 1))); do
  torchrun --nproc_per_node=8 train.py --lr "${LR:-3e-4}" > "log.$rank" 2>&1 &
done
wait; echo 'done' | tee -a <<EOF
heredoc $HOME
EOF
""",
    "javascript": "const q = `搜索 ${term}`; let re = /a+b/g; async function f(x) { return x?.y ?? 0; }\n",
    "latex": r"\begin{align} \mathcal{L} &= -\sum_i \log \sigma(z_i) \\ \frac{a}{b} \end{align} % 注释" + "\n",
    "sql": "SELECT id, COUNT(*) AS n FROM posts WHERE tag = 'LoRA' GROUP BY id; -- 注释\n",
    "cpp": """#include <cstdint>
template <typename T> __global__ void axpy(size_t n, T a, const T* x, T* y) {  // 注释
    uint8_t tag = 0; int32_t i = blockIdx.x * blockDim.x + threadIdx.x; atomic_int k; ssize_t s;
    if (i < n) y[i] += a * x[i]; std::vector<float> v{1.0f, 2e-3}; auto s = u8"raw"; /* c */
}
""",
    "c": "#define N 8\nstatic inline int64_t f(FILE *fp, bool ok, _Bool b, clockid_t c) { return 0x1fLL; }\n",
}

# Pieces random code is made of: keywords, brackets, quotes, escapes, comments, numbers, CJK.
PIECES = [
    "def ", "class ", "if ", "else", "for ", "in ", "return ", "import ", "from ", "lambda", "async ",
    "fn ", "let ", "const ", "function", "SELECT ", "FROM ", "\\begin{", "\\end{", "\\frac", "$", "$$",
    "(", ")", "[", "]", "{", "}", "<", ">", "/>", "</", ":", ";", ",", ".", "...", "=", "==", "=>", "->",
    "+", "-", "*", "**", "/", "//", "%", "@", "&", "|", "^", "~", "!", "?", "#", "#!", "--", "/*", "*/",
    "'", '"', '"""', "'''", "`", "f'", 'b"', "r'", "\\", "\\n", "\\x", "\\u00e9",
    "0", "1.5e-3", "0x1F", "0b10", "1_000", "3j", "x", "y_1", "self", "None", "True", "nn.Linear",
    " ", "  ", "\t", "\n", "\n    ", "\r\n", "中文", "损失函数", "α", "é", "\u3000", "<<EOF\n", "EOF\n",
]  # fmt: skip


def tokens(lexer: object, text: str) -> list[tuple[object, str]]:
    return list(lexer.get_tokens(text))  # type: ignore[attr-defined]


def test_the_lexers_ml_blogs_use_are_sped_up_where_they_can_be() -> None:
    sped = [name for name in LANGUAGES if type(lexer_by_name(name)) is not type(get_lexer_by_name(name))]
    assert {"python", "bash", "javascript", "latex", "sql", "julia", "r", "go", "rust", "c", "cpp"} <= set(sped)
    for name in ("cuda", "json"):  # their own loops: returned as they are
        assert type(lexer_by_name(name)) is type(get_lexer_by_name(name))


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_samples_give_pygments_tokens(name: str) -> None:
    lexer = get_lexer_by_name(name, stripnl=False, ensurenl=False)
    fast = lexer_by_name(name, stripnl=False, ensurenl=False)
    assert type(fast) is not type(lexer)
    assert fast.options == lexer.options
    assert tokens(fast, SAMPLES[name]) == tokens(lexer, SAMPLES[name])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(LANGUAGES), pieces=st.lists(st.sampled_from(PIECES), max_size=60))
def test_random_code_gives_pygments_tokens(name: str, pieces: list[str]) -> None:
    text = "".join(pieces)
    lexer = get_lexer_by_name(name, stripnl=False, ensurenl=False)
    assert tokens(lexer_by_name(name, stripnl=False, ensurenl=False), text) == tokens(lexer, text)


@settings(max_examples=40, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80))
def test_any_text_gives_pygments_tokens(text: str) -> None:
    for name in ("python", "bash", "latex", "cpp"):
        lexer = get_lexer_by_name(name, stripnl=False, ensurenl=False)
        assert tokens(lexer_by_name(name, stripnl=False, ensurenl=False), text) == tokens(lexer, text)


def test_every_rule_of_every_lexer_read_is_a_superset_of_its_first_characters() -> None:
    """Each readable rule's test accepts the first character of matches found in the samples."""
    text = "".join(PIECES) + "".join(SAMPLES.values())
    checked = 0
    for name in LANGUAGES:
        lexer = get_lexer_by_name(name)
        if not isinstance(lexer, RegexLexer):
            continue
        for rules in lexer._tokens.values():
            for match, _action, _state in rules:
                pattern = getattr(match, "__self__", None)
                test = first_char_test(pattern) if isinstance(pattern, re.Pattern) else None
                if test is None:
                    continue
                for start in range(0, len(text), 7):
                    found = match(text, start)
                    if found is not None and found.end() > start:
                        assert test(text[start]), (name, pattern.pattern, text[start])
                        checked += 1
    assert checked > 100


@pytest.mark.parametrize(
    ("pattern", "starts", "not_starts"),
    [
        (r"def\b", "d", "e"),
        (r"\s+", " \t\n\u3000", "a"),
        (r"(?<!\.)(True|False)\b", "TF", "t."),
        (r"[a-zA-Z_]\w*", "aZ_", "1 "),
        (r"x?y", "xy", "z"),
        (r"(?=[ab])\w+", "abc", " "),  # a lookahead is read as zero width: wider, never narrower
        (r"[^\n]+", "a ", "\n"),
        (r".", "a", "\n"),
        (r"(?s).", "a\n", ""),
        (r"(?i)select", "sS", "t"),
    ],
)
def test_first_characters(pattern: str, starts: str, not_starts: str) -> None:
    test = first_char_test(re.compile(pattern))
    assert test is not None
    assert all(test(char) for char in starts)
    assert not any(test(char) for char in not_starts)


@pytest.mark.parametrize("pattern", ["", r"a*", r"\b", r"(a)?\1", r"(?i:a)b", r"(?=x)", r"(a|)"])
def test_rules_that_may_match_nothing_or_cannot_be_read_are_tried_everywhere(pattern: str) -> None:
    assert first_char_test(re.compile(pattern)) is None


def test_highlighted_html_is_unchanged() -> None:
    """The HTML of a fenced block is Pygments' own, from the sped-up lexer."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter

    code = SAMPLES["python"]
    expected = highlight(code, get_lexer_by_name("python", stripnl=False, ensurenl=False), HtmlFormatter(nowrap=True))
    assert expected in highlight_code(code, "python")


def test_a_block_reads_only_the_rules_of_the_states_it_enters() -> None:
    """Reading every rule of a lexer up front was most of the first code block's time."""
    from generator.highlight import lexers

    fast = lexer_by_name("python", stripnl=False, ensurenl=False)
    lexers._TABLES.pop(type(fast), None)
    tokens(fast, "x = 1\n")
    table = lexers._TABLES[type(fast)]
    assert "root" in table.tests
    assert len(table.tests) < len(table.tokendefs) / 4


def test_a_block_compiles_only_the_rules_it_may_need() -> None:
    """Pygments compiles all 435 rules of its Python lexer when it is made: 25 ms, most of them
    two identifier classes of thousands of Unicode ranges."""
    from generator.highlight import lexers

    get_lexer_by_name("python")  # Pygments' own class compiled: ours still compiles only what it needs
    fast = lexer_by_name("python", stripnl=False, ensurenl=False)
    lexers._TABLES.pop(type(fast), None)
    assert tokens(fast, "x = 1\n") == tokens(get_lexer_by_name("python", stripnl=False, ensurenl=False), "x = 1\n")
    table = lexers._TABLES[type(fast)]
    rules = sum(len(state) for state in table.tokendefs.values())
    assert 0 < len(table._compiled) < rules / 10
    assert not any(rule.pattern.startswith("@") for rule in _compiled_patterns(table))  # no decorator met


def _compiled_patterns(table: object) -> list[re.Pattern[str]]:
    compiled = [match for rules in table._compiled.values() for match, _action, _state in rules]  # type: ignore[attr-defined]
    return [match.__self__ for match in compiled if isinstance(getattr(match, "__self__", None), re.Pattern)]


@pytest.mark.parametrize("name", LANGUAGES)
def test_lexer_by_name_is_pygments_lexer_sped_up_where_it_can_be(name: str) -> None:
    own = get_lexer_by_name(name, stripnl=False, ensurenl=False)
    fast = lexer_by_name(name, stripnl=False, ensurenl=False)
    assert fast.options == own.options
    assert isinstance(fast, type(own))
    text = "".join(PIECES) + "".join(SAMPLES.values())
    assert tokens(fast, text) == tokens(own, text)


@pytest.mark.parametrize(
    "options", [{}, {"stdlibhighlighting": False}, {"c99highlighting": False, "platformhighlighting": False}]
)
def test_the_c_family_types_the_names_its_options_ask_for(options: dict[str, bool]) -> None:
    """C and C++ run RegexLexer's loop, then make a standard type's name a Keyword.Type."""
    text = SAMPLES["cpp"] + SAMPLES["c"]
    for name in ("c", "cpp"):
        own = get_lexer_by_name(name, **options)
        assert tokens(lexer_by_name(name, **options), text) == tokens(own, text)


def test_an_inline_flag_of_a_lazy_rule_reaches_its_first_character_test() -> None:
    """Python's `(?i)(rb|br|r)(")` must be tried at an upper-case R too: Pygments makes the R of
    R"..." a String.Affix, where the test read without the rule's own flag took it for a name."""
    text = 'x = R"a" + Rb"b" + F"{c}"\n'
    own = get_lexer_by_name("python", stripnl=False, ensurenl=False)
    assert tokens(lexer_by_name("python", stripnl=False, ensurenl=False), text) == tokens(own, text)


def test_an_unknown_language_is_pygments_class_not_found() -> None:
    with pytest.raises(ClassNotFound):
        lexer_by_name("no-such-language")


@pytest.mark.parametrize(
    ("pattern", "starts", "not_starts"),
    [
        ("[a-z\u4e00-\u9fff]", "a中é", "A1"),  # past ASCII a class lets every character through
        ("[^\u4e00-\u9fff]", "a中", ""),  # a negated class loses its non-ASCII exceptions: wider
        ("[^a\u4e00]", "b中", "a"),
        ("\u4e2d", "中", "文a"),  # a single character is kept exactly
        ("(?:[\u3400-\u9fff]|x)", "x中", "y"),
        ("[\u212a\u00e9]x", "\u212aé", "k"),
    ],
)
def test_first_characters_past_ascii(pattern: str, starts: str, not_starts: str) -> None:
    test = first_char_test(re.compile(pattern))
    assert test is not None
    assert all(test(char) for char in starts)
    assert not any(test(char) for char in not_starts)


def test_every_rule_of_the_lazy_lexers_is_tried_where_it_can_match() -> None:
    """The tests read without compiling (a words() list's first letters, a class cut at ASCII)
    accept the first character of every match the rule's own pattern finds in the samples."""
    from generator.highlight import lexers

    text = "".join(PIECES) + "".join(SAMPLES.values()) + "".join(PIECES[::-1])
    checked = from_lists = 0
    for name in LANGUAGES:
        fast = lexer_by_name(name)
        if type(fast) is type(get_lexer_by_name(name)):
            continue
        for rules in fast._tokens.values():
            for rule in rules:
                test = lexers._test_of(rule)
                if test is None:
                    continue
                from_lists += isinstance(getattr(rule[0], "source", None), lexers.words)
                match = rule[0].match() if isinstance(rule[0], lexers.Pending) else rule[0]
                for start in range(len(text)):
                    found = match(text, start)
                    if found is not None and found.end() > start:
                        assert test(text[start]), (name, found.re.pattern[:80], text[start])
                        checked += 1
    assert checked > 1000
    assert from_lists > 20


def test_a_class_cut_at_ascii_that_ignores_case_is_tried_everywhere() -> None:
    """Ignoring case, the Kelvin sign matches k: a class holding it cannot turn k away."""
    pattern = re.compile("(?i)[\u212a\u00e9]x")
    assert pattern.match("kx") is not None
    assert first_char_test(pattern) is None
    assert first_char_test(re.compile("[\u212a\u00e9]x", re.IGNORECASE)) is None


@pytest.mark.parametrize(
    ("pattern", "anchored"),
    [
        (r"^#", True),
        (r"(?m)^(\s*)(#if)", True),
        (r"(^[ \t]*)(match|case)\b", True),
        (r"\A#!.+\n", True),
        (r"(?:^|x)y", False),  # one alternative is not anchored
        (r"a^", False),
        (r"(?i:^a)", False),  # flags scoped to a group: not read
        (r"\b(if|fi)\b", False),
    ],
)
def test_rules_anchored_at_a_line_start_are_left_out_mid_line(pattern: str, anchored: bool) -> None:
    assert line_start_only(re.compile(pattern)) is anchored
