#!/usr/bin/env python3
"""How faithfully blogs copied from Hexo, Jekyll and Hugo come out: one line of figures per blog.

    PYTHONPATH=. python bench/fidelity_report.py /tmp/blogs [--no-build] [--json out.json] [--show 5]

The tree measured is the one `generator` is imported from, so the same script measures an
older checkout too: PYTHONPATH=/path/to/old python bench/fidelity_report.py /tmp/blogs.

Every folder under the given one that has content/posts/ is a site (as `blog init` makes
it). For each it runs `python -m generator build` (the tree on PYTHONPATH) to see that the
blog builds, then renders every post in-process, as the build does, and counts:

- posts and the dialect each was guessed as (H hexo, J jekyll, G hugo, O ours);
- formulas in: `$$…$$`, `$…$`, `\\(…\\)`, `\\[…\\]` and bare environments in the sources
  (outside code), and formulas out: converted `<math>` elements;
- display kept display: of the `$$` display formulas in Hexo/Hugo/our posts (kramdown's
  inline `$$` excluded), how many came out as display math; the engine is the site folder's
  suffix (`-hexo`, `-hugo`, `-jekyll`) when it has one, else our guess;
- marked failures: formulas shown as a marked TeX box (each is a warning with file:line);
- TeX left in visible text (outside code and math), and how much of it is in a post that
  has no warning about it;
- literal `**` in visible text, and raw `{% %}` / `{{< >}}` template tags.

Prints figures, asserts nothing; --show N prints N examples of each problem per blog.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import generator
from generator.build.pipeline import render_options
from generator.config.settings import load_config
from generator.content.loader import body_of, load_posts
from generator.markdown.render import RenderOptions, render_post

try:
    from generator.markdown.render import options_for
except ImportError:  # a tree from before per-post dialects: every post is read by one set of rules

    def options_for(options: RenderOptions, dialect: str) -> RenderOptions:
        return options


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[`~]*[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_INDENTED = re.compile(r"(?:^(?: {4}|\t)[^\n]*\n)+", re.MULTILINE)
_DISPLAY_SOURCE = re.compile(r"(?<![\\$])\$\$(?!\$)(.+?)(?<!\\)\$\$", re.DOTALL)
_INLINE_SOURCE = re.compile(r"(?<![\\$])\$(?![\s$])([^$\n]+?)(?<![\s\\])\$(?![$\d])")
_BRACKETS_SOURCE = re.compile(r"\\\\?\((.+?)\\\\?\)|\\\\?\[(.+?)\\\\?\]", re.DOTALL)
_ENV_SOURCE = re.compile(r"^\s*\\begin\\?\{(?:equation|align|gather|multline|eqnarray|flalign)\\?\*?\}", re.MULTILINE)
_KRAMDOWN_INLINE = re.compile(r"\S[^\n]*?\$\$[^\n]+?\$\$|\$\$[^\n]+?\$\$[^\n]*?\S")

_HIDDEN = re.compile(r"<(pre|code|math|script|style|kbd|samp)\b[^>]*>.*?</\1>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
# TeX a reader should never see as text: commands formulas use, $$, and the \( \[ delimiters.
_TEX_IN_TEXT = re.compile(
    r"\\(?:begin|end)\s*\{[A-Za-z]+\*?\}|\\(?:frac|dfrac|sum|prod|int|alpha|beta|gamma|delta|theta|lambda|sigma|mu|pi|omega|epsilon|"
    r"mathbf|mathbb|mathcal|mathrm|boldsymbol|left|right|partial|nabla|cdot|cdots|ldots|hat|bar|tilde|sqrt|"
    r"log|exp|quad|qquad|operatorname|times|leq|geq|neq|infty|lim|max|min|mid|top|in|sim|approx|overline|"
    r"underline|vec|text|tag|label|limits|displaystyle)(?![A-Za-z])|\$\$|\\\\\(|\\\\\[|(?<!\\)\\\((?=.{1,200}?\\\))"
)
_STARS = re.compile(r"\*\*")
_RAW_TAGS = re.compile(r"\{%-?\s*[A-Za-z_]+|\{\{[<%]")
_MATH_WARNING = re.compile(r"formula|TeX|not a formula|kept as text|math", re.IGNORECASE)


@dataclass
class BlogFigures:
    blog: str
    builds: bool = False
    build_seconds: float = 0.0
    build_error: str = ""
    posts: int = 0
    dialects: dict[str, int] = field(default_factory=dict)
    formulas_in: int = 0
    formulas_out: int = 0
    display_in: int = 0  # $$ display formulas of Hexo/Hugo/our posts in the sources
    display_out: int = 0  # …of them, published as display math
    marked: int = 0
    tex_visible: int = 0
    tex_visible_unwarned: int = 0
    stars: int = 0
    raw_tags: int = 0
    warnings: int = 0
    examples: dict[str, list[str]] = field(default_factory=dict)

    def example(self, kind: str, text: str, limit: int) -> None:
        found = self.examples.setdefault(kind, [])
        if len(found) < limit:
            found.append(text)


def without_code(body: str) -> str:
    body = _FENCE.sub("\n", body)
    body = _INDENTED.sub("\n", body)
    return _CODE_SPAN.sub(" ", body)


def visible_text(page: str) -> str:
    """What a reader reads as text: no code, no math, no tags."""
    return html.unescape(_TAG.sub(" ", _HIDDEN.sub(" ", page)))


def source_counts(body: str, dialect: str) -> tuple[int, int]:
    """(formulas written, `$$` display formulas MathJax showed as display) in one post body."""
    text = without_code(body)
    display = len(_DISPLAY_SOURCE.findall(text))
    shown_as_display = display
    if dialect == "jekyll":
        shown_as_display = 0  # kramdown decides by blank lines; counted in formulas only
    rest = _DISPLAY_SOURCE.sub(" ", text)
    inline = len(_INLINE_SOURCE.findall(rest))
    brackets = len(_BRACKETS_SOURCE.findall(_INLINE_SOURCE.sub(" ", rest)))
    environments = len(_ENV_SOURCE.findall(rest))
    return display + inline + brackets + environments, shown_as_display


def build_site(site: Path, tree: Path) -> tuple[bool, float, str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "-s", str(site), "--no-cache"],
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    last = (done.stderr.strip() or done.stdout.strip()).splitlines()[-3:]
    return done.returncode == 0, time.perf_counter() - started, " | ".join(last)


def measure(site: Path, tree: Path, build: bool, show: int) -> BlogFigures:
    figures = BlogFigures(site.name)
    if build:
        figures.builds, figures.build_seconds, last = build_site(site, tree)
        if not figures.builds:
            figures.build_error = last
    # A folder named like ml-notes-hexo says which engine the blog came from: the display count
    # then follows the blog, not our guess, so an older tree (no guess) is measured the same way.
    engine = next((name for name in ("hexo", "hugo", "jekyll") if site.name.endswith("-" + name)), None)
    config, _ = load_config(site / "site.toml", root=site)
    posts, _ = load_posts(config)
    options = render_options(config)
    dialects: Counter[str] = Counter()
    for post in posts:
        body = body_of(post, config) if post.body is None else post.body
        dialect = getattr(post, "dialect", "ours")
        dialects[dialect] += 1
        written, display_in = source_counts(body, engine or dialect)
        rendered = render_post(body, options_for(options, dialect), post.body_line, post.summary, {})
        page = rendered.html or ""
        figures.posts += 1
        figures.formulas_in += written
        figures.formulas_out += page.count("<math")
        figures.marked += page.count("math-error")
        for found in re.finditer(r'class="math [^"]*math-error"[^>]*>([^<]{0,80})', page):
            figures.example("marked", f"{post.source}: {html.unescape(found.group(1))}", show)
        # The display formulas that kept display: $$ blocks whose output is display math.
        if display_in:
            figures.display_in += display_in
            out = page.count('class="math math-display"')
            figures.display_out += min(out, display_in)
            if out < display_in:
                figures.example("inline", f"{post.source}: {display_in - out} of {display_in} $$ not display", show)
        text = visible_text(page)
        tex = _TEX_IN_TEXT.findall(text)
        warned = any(_MATH_WARNING.search(message) for _, message, _ in rendered.warnings)
        figures.tex_visible += len(tex)
        if tex and not warned:
            figures.tex_visible_unwarned += len(tex)
        for found in list(_TEX_IN_TEXT.finditer(text))[:2]:
            snippet = " ".join(text[max(0, found.start() - 30) : found.end() + 30].split())
            figures.example("tex" if warned else "tex-unwarned", f"{post.source}: …{snippet}…", show)
        stars = len(_STARS.findall(text))
        figures.stars += stars
        if stars:
            at = text.find("**")
            figures.example("stars", f"{post.source}: …{' '.join(text[max(0, at - 20) : at + 30].split())}…", show)
        raw = _RAW_TAGS.findall(text)
        figures.raw_tags += len(raw)
        if raw:
            figures.example("raw", f"{post.source}: {raw[0]}", show)
        figures.warnings += len(rendered.warnings)
    figures.dialects = dict(dialects)
    return figures


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def print_table(rows: list[BlogFigures]) -> None:
    head = (
        f"{'blog':28} {'build':>6} {'posts':>5} {'H/J/G/O':>11} {'in':>6} {'out':>6} "
        f"{'display kept':>15} {'marked':>12} {'TeX seen':>8} {'unwarned':>8} {'**':>4} {'{% %}':>5}"
    )
    print(head)
    print("-" * len(head))
    total = BlogFigures("TOTAL", builds=all(row.builds for row in rows))
    for row in rows:
        mix = "/".join(str(row.dialects.get(key, 0)) for key in ("hexo", "jekyll", "hugo", "ours"))
        print(
            f"{row.blog[:28]:28} {'ok' if row.builds else 'FAIL':>6} {row.posts:>5} {mix:>11} {row.formulas_in:>6} "
            f"{row.formulas_out:>6} {row.display_out:>6} {percent(row.display_out, row.display_in):>8} "
            f"{row.marked:>5} {percent(row.marked, row.formulas_out + row.marked):>6} {row.tex_visible:>8} "
            f"{row.tex_visible_unwarned:>8} {row.stars:>4} {row.raw_tags:>5}"
        )
        for name in ("posts", "formulas_in", "formulas_out", "display_in", "display_out", "marked"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
        for name in ("tex_visible", "tex_visible_unwarned", "stars", "raw_tags"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    print("-" * len(head))
    print(
        f"{'TOTAL':28} {'all ok' if total.builds else 'FAIL':>6} {total.posts:>5} {'':>11} {total.formulas_in:>6} "
        f"{total.formulas_out:>6} {total.display_out:>6} {percent(total.display_out, total.display_in):>8} "
        f"{total.marked:>5} {percent(total.marked, total.formulas_out + total.marked):>6} {total.tex_visible:>8} "
        f"{total.tex_visible_unwarned:>8} {total.stars:>4} {total.raw_tags:>5}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", type=Path, help="a folder of sites, or one site")
    parser.add_argument("--no-build", action="store_true", help="only render in-process (no `blog build`)")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument("--show", type=int, default=0, help="examples of each problem to print per blog")
    args = parser.parse_args()
    tree = Path(generator.__file__).resolve().parent.parent  # the tree being measured (PYTHONPATH)
    root = args.root.resolve()
    sites = (
        [root]
        if (root / "content" / "posts").is_dir()
        else sorted(folder for folder in root.iterdir() if (folder / "content" / "posts").is_dir())
    )
    rows = [measure(site, tree, not args.no_build, args.show) for site in sites]
    print_table(rows)
    for row in rows:
        if row.build_error:
            print(f"\n{row.blog}: build failed: {row.build_error}")
        for kind, found in row.examples.items():
            print(f"\n{row.blog} — {kind}:")
            for line in found:
                print(f"  {line}")
    if args.json:
        args.json.write_text(json.dumps([asdict(row) for row in rows], ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
