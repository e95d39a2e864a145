"""Blogs moved over from Hexo, Hugo and Jekyll build unchanged, with one warning per thing to tidy.

Each fixture site under tests/sites/{hexo,hugo,jekyll}/ is written in that generator's
real conventions and placed in our layout (content/posts/, static/, site.toml). The whole
CLI runs on a copy: build, then `blog check` on the result.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any


def line_of(site: Path, relative: str, needle: str) -> int:
    lines = (site / relative).read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if needle in text)


def warning_lines(stderr: str) -> list[str]:
    return [line.strip() for line in stderr.splitlines() if re.match(r"^\s+\S+:\d+: ", line)]


def build_and_check(site: Path, tmp_path: Path, cli: Callable[..., Any]) -> tuple[Path, list[str]]:
    output = tmp_path / "out"
    built = cli("build", "--source", site, "--output", output)
    assert built.returncode == 0, built.stderr
    checked = cli("check", "--source", site, "--output", output)
    assert checked.returncode == 0, checked.stderr
    return output, warning_lines(built.stderr)


def page(output: Path, path: str) -> str:
    return (output / path / "index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    """What a reader sees: tags (Pygments spans too) removed, entities decoded."""
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_hexo(copy_site: Callable[[str], Path], tmp_path: Path, cli: Callable[..., Any]) -> None:
    site = copy_site("hexo")
    output, warnings = build_and_check(site, tmp_path, cli)
    assert warnings == []  # {% youtube %} is one of Hexo's own tags: the player is embedded
    hello = page(output, "posts/hello-world")
    assert '<figure><img src="diagram.png" alt="架构图" width="2" height="2" />' in hello  # first image: not lazy
    assert (output / "posts" / "hello-world" / "diagram.png").read_bytes() == (
        site / "content" / "posts" / "hello-world" / "diagram.png"
    ).read_bytes()
    assert 'data-lang="python"' in hello and "codeblock" not in hello
    assert "{% not a tag in code %}" in hello
    assert (
        "{% note" not in hello and '<div class="callout callout-note" role="note" aria-label="说明">' in hello
    )  # untitled
    assert "<code>{% asset_img untouched.png %}</code>" in hello
    assert 'hexo new "{% raw %}"' in text_of(hello)  # a lone raw marker in code is not an escape
    for tag in ("machine-learning", "vision", "pytorch", "笔记", "随笔"):
        assert (output / "tags" / tag / "index.html").is_file(), tag
    second = page(output, "posts/custom-name")  # slug from `permalink`
    assert 'data-lang="js"' in second
    assert '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in second
    assert "用 description 写的摘要。" in page(output, "")  # description is the summary on the index


def test_hugo(copy_site: Callable[[str], Path], tmp_path: Path, cli: Callable[..., Any]) -> None:
    site = copy_site("hugo")
    output, warnings = build_and_check(site, tmp_path, cli)
    assert warnings == []  # {{< youtube >}} is Hugo's own shortcode: the player is embedded
    assert '<div class="callout callout-tip" role="note">' in page(output, "posts/plain-post")  # {{% notice tip %}}
    html = page(output, "posts/my-bundle")
    assert '<figure><img src="cat.png" alt="一只猫" loading="lazy"><figcaption>猫</figcaption></figure>' in html
    assert (output / "posts" / "my-bundle" / "cat.png").is_file()
    assert not (output / "posts" / "my-bundle" / "index.md").exists()  # only the bundle's other files
    assert 'data-lang="go"' in html and "highlight >}}" not in text_of(html)
    assert 'href="/posts/plain-post/"' in html
    assert '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert '{{< figure src="x.png" >}}' in text_of(html)  # Hugo's {{</* */>}} escape undone in code
    assert "一个 Hugo 页面包。" in page(output, "")  # description is the summary
    assert 'href="/posts/my-bundle/"' in page(output, "posts/plain-post")
    for tag in ("go", "hugo", "笔记"):
        assert (output / "tags" / tag / "index.html").is_file(), tag


def test_jekyll(copy_site: Callable[[str], Path], tmp_path: Path, cli: Callable[..., Any]) -> None:
    site = copy_site("jekyll")
    output, warnings = build_and_check(site, tmp_path, cli)
    welcome = "content/posts/2020-01-01-welcome-to-jekyll.md"
    assert warnings == [
        f"{welcome}:{line_of(site, welcome, '{% include')}: Liquid tag {{% include %}} is not supported and was "
        "left as written (1 place; convert it to HTML or Markdown)",
        f"{welcome}:{line_of(site, welcome, 'This page is called')}: Liquid output {{{{ page.title }}}} is not "
        "supported and was left as written (1 place; replace it with the text it stood for)",
    ]
    html = page(output, "posts/welcome-to-jekyll")
    assert '<figure><img src="/blog/assets/logo.png" alt="logo" width="2" height="2" />' in html
    assert 'data-lang="ruby"' in html and "endhighlight" not in html
    assert 'href="/blog/posts/second-post/"' in html  # post_url
    assert "{{ page.title }}" in text_of(html) and "{% raw %}" not in text_of(html)
    second = page(output, "posts/second-post")
    assert 'href="/blog/"' in second and 'href="/blog/posts/welcome-to-jekyll/"' in second
    assert "Written with an excerpt key." in page(output, "")
    assert not (output / "posts" / "hidden").exists()  # published: false
    for tag in ("jekyll", "update", "ruby", "notes"):
        assert (output / "tags" / tag / "index.html").is_file(), tag


def test_hexo_next_chinese_ml_blog(copy_site: Callable[[str], Path], tmp_path: Path, cli: Callable[..., Any]) -> None:
    """Hexo dates, NexT tags, Chinese bold after full-width punctuation, Chinese lines joined."""
    site = copy_site("hexo-next")
    output, warnings = build_and_check(site, tmp_path, cli)
    bellman = "content/posts/rl/bellman.md"
    assert warnings == [
        f"{bellman}:{line_of(site, bellman, '{% meting')}: Hexo tag {{% meting %}} is not supported and was left "
        "as written (2 places; convert it to HTML or Markdown)",
    ]
    html = page(output, "posts/bellman")
    body = html[html.index('<div class="post-body">') : html.index("</article>")]
    text = text_of(body)
    assert "**" not in text and "__" not in text
    assert "<strong>贝尔曼方程。</strong>由此可得状态价值的递推关系，它把当前状态" in body
    assert "<strong>马尔可夫决策过程(MDP)</strong>是一种" in body and "<em>折扣因子。</em>决定了" in body
    assert "<strong>对动作和后继状态求期望</strong>。" in body
    assert "The Bellman equation\nstays one English paragraph." in body
    assert '<span class="label label-primary">定义</span>' in body
    assert '<a href="/posts/td-learning/">时序差分学习</a>' in body
    assert '<a href="https://gist.github.com/lilian/5c6a8e0">GitHub Gist: bellman.py</a>' in body
    assert '<div class="picture-grid picture-grid-2">' in body and 'src="grid.png"' in body
    assert '<code class="language-mermaid">graph LR\nS[状态]' in body
    assert body.count('<div class="tab-panel">') == 4 and ":::" not in text
    assert [m for m in re.findall(r"\{%\s*(\w+)", text)] == ["meting"]
    assert '<time datetime="2021-09-30T00:00:00+08:00"' in html
    assert '<time datetime="2021-09-03T00:00:00+08:00"' in page(output, "posts/td-learning")
    assert '<time datetime="2021-10-08T20:30:00+08:00"' in page(output, "posts/q-learning")
    td = page(output, "posts/td-learning")
    assert "<strong>TD(0)</strong>：用一步回报更新价值估计，不必等到回合结束。" in td
    assert '<a href="/posts/bellman/">bellman</a>' in td
    index = (output / "index.html").read_text(encoding="utf-8")
    assert "贝尔曼方程。由此可得状态价值的递推关系，它把当前状态" in text_of(index) and "**" not in text_of(index)
