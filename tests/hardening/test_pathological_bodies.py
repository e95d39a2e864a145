"""Bodies shaped to make a backtracking pattern try every way through them render at once.

A regular expression whose repeated parts can match the same text (`(?:[^>"']+|"…")*`) tries
every way of cutting it when the match fails: raw HTML `<div class="note` with one heading after
it took 20 s, and a few more words would never have ended. Each body here is a shape people
write by mistake (a quote, a bracket, a delimiter left open), repeated; they all go through the
whole renderer in one child process, which must finish well inside the timeout. The child prints
each shape's name before it starts, so a hang names its shape.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

REPEAT = 400

SHAPES = {
    "quote left open in a raw HTML tag, markup after": '<div class="note\n\n'
    + "".join(f'## 节 {i} 的 "标题"\n\n[链接](/a/ "说明") 与 <span class="x">字</span>\n\n' for i in range(40)),
    "quote left open in an inline tag": '<span title="未完 ' + "词 " * REPEAT,
    "unclosed comments": "<!-- " * REPEAT,
    "unclosed elements in a block": "<div>\n" + "<pre><script>" * REPEAT,
    "image brackets left open": "![" * REPEAT,
    "image brackets left open on lines": "![ 图\n" * REPEAT,
    "link brackets": "[a](" * REPEAT,
    "nested brackets": "[" * REPEAT + "a" + "]" * (REPEAT - 1),
    "citations left open": "[@a; " * REPEAT,
    "dollars left open": "$a " * REPEAT,
    "display math left open": "$$\\begin{a}" * REPEAT,
    "backslash brackets left open": "\\[ x " * REPEAT + "\\( y " * REPEAT,
    "emphasis in Chinese": "**中文**中" * REPEAT + "**中" * REPEAT,
    "backticks": "`a ``b " * REPEAT,
    "Hexo tags left open": "{% note %}" * REPEAT,
    "Hugo shortcodes left open": "{{< x " * REPEAT,
    "callout fences": "::: note\n" * REPEAT,
    "attribute lists": '{: .a #b c="d\n' * REPEAT,
    "cross references": "@eq:a {#" * REPEAT,
    "table cells": "|" + "a|" * REPEAT + "\n|" + "-|" * REPEAT + "\n|" + "$x|" * REPEAT,
    "spaces before a fence": " > " * REPEAT + "```",
    # Quadratic and cubic, not exponential: long enough that each alone outlasts the timeout. A
    # line-start pattern whose \s* crossed lines tried every blank line to the end of the run (a
    # notebook's outputs: 5 s; 20,000 lines, 15 s), and a title's `\s*#*\s*$` after a lazy group
    # tried every way to cut a run of spaces (2,000: 14 s).
    "a long run of blank lines": "段落\n" + " \n" * 80_000 + "段落",
    "spaces inside a heading": "# 标题" + " " * 5_000 + "尾",
    "spaces inside a heading's braces": "# 标题 {" + " " * 7_000 + "尾",  # 2,000: 4.6 s
}

CHILD = """
import json, sys
from generator.content.fields import post_title
from generator.markdown.figures import image_urls
from generator.markdown.render import RenderOptions, render_post
for name, body in json.loads(sys.stdin.read()).items():
    print(name, flush=True)
    image_urls(body)
    post_title({}, body, "file-name", lambda key: None, "post.md", [])  # a post without a title
    render_post(body, RenderOptions())
print("done", flush=True)
"""


@pytest.mark.slow
def test_bodies_that_make_patterns_backtrack_render_at_once() -> None:
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD],
            input=json.dumps(SHAPES),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    except subprocess.TimeoutExpired as stuck:
        out = stuck.stdout.decode() if isinstance(stuck.stdout, bytes) else stuck.stdout or ""
        pytest.fail(f"still rendering after 120 s: {out.splitlines()[-1:]}")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "done", done.stdout
