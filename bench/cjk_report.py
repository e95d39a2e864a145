#!/usr/bin/env python3
"""What Chinese Hexo and Hugo blogs look like once built: literal `**`, spaces between Chinese
lines, raw `{% %}` tags, dates the build refused. Before and after a change, blog by blog.

    python bench/cjk_report.py --blogs /tmp/cjk-blogs --work /tmp/cjk-sites \\
        --code before=/work/main --code after=.

Each folder under --blogs is one blog's repository (Hexo: source/_posts/; Hugo: content/).
Its posts are copied into content/posts/ of a `blog init` site with no setting, then built
with each --code tree (as PYTHONPATH) from scratch. Per blog and code it prints: posts copied,
whether the build succeeded, date errors, post pages with a literal `**` in their visible text,
line breaks left between two CJK characters inside paragraphs, and raw `{% %}` tags (and
Hugo `{{% %}}`/`{{< >}}` shortcodes) in visible text (code excluded). Prints figures, asserts nothing. Third-party posts stay in /tmp.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from generator.markdown.cjk import is_cjk, is_hangul

_INVISIBLE = re.compile(
    r"<pre\b.*?</pre>|<code\b.*?</code>|<math\b.*?</math>|<script\b.*?</script>|<style\b.*?</style>", re.S | re.I
)
_BODY = re.compile(r'<div class="post-body">(.*?)<footer\b|<div class="post-body">(.*)', re.S)
_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
_HARD_BREAK = re.compile(r"<br\s*/?>\n")  # the newline after <br> shows nothing
_TAG = re.compile(r"<[^>]+>")
_RAW_TAG = re.compile(r"(?:\{%|\{\{[<%])-?\s*/?\w+")  # Hexo/Liquid {% x %}, Hugo {{% x %}} and {{< x >}}


@dataclass
class Counts:
    posts: int = 0
    built: bool = False
    date_errors: int = 0
    pages: int = 0
    pages_with_stars: int = 0
    cjk_breaks: int = 0
    pages_with_cjk_breaks: int = 0
    raw_tags: int = 0
    pages_with_raw_tags: int = 0


def post_sources(blog: Path) -> list[tuple[Path, Path]]:
    """(file, path under content/posts/) for each post of a Hexo or Hugo repository (or a
    repository of posts alone: Markdown files with front matter at its top or under blog/)."""
    roots = [blog / "source" / "_posts", blog / "content" / "posts", blog / "content" / "post", blog / "content"]
    for root in [*roots, blog / "blog", blog]:
        if root.is_dir():
            files = [p for p in sorted(root.rglob("*.md")) if p.name != "_index.md" and _has_front_matter(p)]
            if files:
                return [(p, p.relative_to(root)) for p in files]
    return []


def _has_front_matter(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4).lstrip(b"\xef\xbb\xbf").startswith((b"---", b"+++"))


def make_site(blog: Path, site: Path, code: str) -> int:
    if site.exists():
        shutil.rmtree(site)
    run(["init", str(site), "--title", blog.name], code)
    (site / "content" / "posts" / "first-post.md").unlink(missing_ok=True)
    sources = post_sources(blog)
    for source, relative in sources:
        target = site / "content" / "posts" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return len(sources)


def run(args: list[str], code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(code).resolve())}
    # from / : `python -m` puts the working folder first on sys.path, ahead of PYTHONPATH
    return subprocess.run([sys.executable, "-m", "generator", *args], env=env, capture_output=True, text=True, cwd="/")


def cjk_breaks(paragraph_text: str) -> int:
    return sum(
        1
        for i, char in enumerate(paragraph_text)
        if char == "\n"
        and 0 < i < len(paragraph_text) - 1
        and all(is_cjk(c) and not is_hangul(c) for c in (paragraph_text[i - 1], paragraph_text[i + 1]))
    )


def measure(site: Path, output: Path, code: str, posts: int) -> Counts:
    counts = Counts(posts=posts)
    if output.exists():
        shutil.rmtree(output)
    built = run(["build", "-s", str(site), "-o", str(output), "--no-cache", "-q"], code)
    counts.built = built.returncode == 0
    counts.date_errors = sum(1 for line in built.stderr.splitlines() if re.search(r": (date|updated) '", line))
    if not counts.built:
        return counts
    for page in output.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        body = _BODY.search(html)
        if body is None:
            continue
        counts.pages += 1
        visible = _INVISIBLE.sub(" ", body.group(1) or body.group(2))
        text = unescape(_TAG.sub("", visible))
        if "**" in text:
            counts.pages_with_stars += 1
        raw = len(_RAW_TAG.findall(text))
        counts.raw_tags += raw
        counts.pages_with_raw_tags += bool(raw)
        paragraphs = _PARAGRAPH.findall(visible)
        breaks = sum(cjk_breaks(unescape(_TAG.sub("", _HARD_BREAK.sub("", p)))) for p in paragraphs)
        counts.cjk_breaks += breaks
        counts.pages_with_cjk_breaks += bool(breaks)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--blogs", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--code", action="append", required=True, help="name=path of a generator tree")
    options = parser.parse_args()
    options.blogs, options.work = options.blogs.resolve(), options.work.resolve()
    codes = [tuple(item.split("=", 1)) for item in options.code]
    header = f"{'blog':38} {'code':7} {'posts':>5} {'built':>5} {'date!':>5} {'pages':>5} "
    header += f"{'**pg':>5} {'brk':>6} {'brkpg':>5} {'{%}':>5} {'{%}pg':>5}"
    print(header)
    totals: dict[str, Counts] = {name: Counts() for name, _ in codes}
    for blog in sorted(p for p in options.blogs.iterdir() if p.is_dir()):
        for name, code in codes:
            site = options.work / blog.name
            posts = make_site(blog, site, code)
            if not posts:
                continue
            counts = measure(site, options.work / f"{blog.name}.{name}.out", code, posts)
            total = totals[name]
            for field in Counts.__dataclass_fields__:
                if field != "built":
                    setattr(total, field, getattr(total, field) + getattr(counts, field))
            total.built = total.built + counts.built  # type: ignore[assignment]
            print(
                f"{blog.name[:38]:38} {name:7} {counts.posts:>5} {'yes' if counts.built else 'NO':>5} "
                f"{counts.date_errors:>5} {counts.pages:>5} {counts.pages_with_stars:>5} {counts.cjk_breaks:>6} "
                f"{counts.pages_with_cjk_breaks:>5} {counts.raw_tags:>5} {counts.pages_with_raw_tags:>5}",
                flush=True,
            )
    for name, total in totals.items():
        print(
            f"{'TOTAL':38} {name:7} {total.posts:>5} {int(total.built):>5} {total.date_errors:>5} {total.pages:>5} "
            f"{total.pages_with_stars:>5} {total.cjk_breaks:>6} {total.pages_with_cjk_breaks:>5} "
            f"{total.raw_tags:>5} {total.pages_with_raw_tags:>5}"
        )


if __name__ == "__main__":
    main()
