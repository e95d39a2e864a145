"""Which engine a post was written for (dialects/engine.py), and how the guess is overridden.

Fixtures are ours, written the way Hexo, Jekyll and Hugo bloggers write (modelled on public
blogs read while working on issue 23; no text copied).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config.settings import SiteConfig, parse_config
from generator.content.loader import post_from_text
from generator.dialects.engine import guess_dialect

# --- the guess -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "fmt", "data", "body", "expected"),
    [
        ("content/posts/a.md", "toml", {"title": "a"}, "x", "hugo"),
        ("content/posts/a.md", "yaml", {"title": "a"}, '{{< figure src="a.png" >}}', "hugo"),
        ("content/posts/a.md", "yaml", {"title": "a", "lastmod": "2024-01-01"}, "x", "hugo"),
        ("content/posts/2020-01-02-em.md", "yaml", {"title": "a", "layout": "post"}, "设 $$x$$ 为向量。", "jekyll"),
        ("content/posts/2020-01-02-em.md", "yaml", {"title": "a", "layout": "post"}, "x", "ours"),
        ("content/posts/a.md", "yaml", {"title": "a"}, "{% raw %}{{ x }}{% endraw %}", "jekyll"),
        ("content/posts/a.md", "yaml", {"title": "a"}, "向量 $$a$$ 与 $$b$$ 正交，$$c$$ 为零。", "ours"),
        ("content/posts/2020-01-02-a.md", "yaml", {"title": "a"}, "向量 $$a$$ 与 $$b$$ 正交，$$c$$ 为零。", "jekyll"),
        (
            "content/posts/a.md",
            "yaml",
            {"title": "a", "categories": ["笔记"]},
            "余弦： $$s=q^Tk$$\n\n点积： $$s=qk$$\n\n拼接： $$s=W[q;k]$$",
            "ours",
        ),
        ("content/posts/a.md", "yaml", {"title": "a"}, "记为 $$A \\to B$$ 与 $$B \\to A$$。", "ours"),
        ("content/posts/a.md", "yaml", {"title": "a"}, '{% asset_img a.png "图" %}', "hexo"),
        ("content/posts/a.md", "yaml", {"title": "a", "categories": ["机器学习"], "updated": "x"}, "x", "hexo"),
        ("content/posts/2017-02-17-a.md", "yaml", {"title": "a", "categories": ["机器学习"]}, "x", "ours"),
        ("content/posts/2016-05-16-svd.md", "yaml", {"title": "a", "url": "/2016/svd/", "draft": False}, "x", "hugo"),
        ("content/posts/a.md", "yaml", {"title": "a", "abbrlink": "88c65abf"}, "x", "hexo"),
        ("content/posts/a.md", "yaml", {"title": "a"}, "损失\n$$\nL = y\\_1 \\* x\n$$\n", "hexo"),
        ("content/posts/a.md", "yaml", {"title": "a"}, "损失 $L = y\\_1 \\* x$", "ours"),
        ("content/posts/a.md", "yaml", {"title": "a", "tags": ["博客"]}, "正文 $x_1$", "ours"),
        ("content/posts/a.md", "yaml", {"title": "a"}, "$\\text{batch\\_size}$ 与 $\\#x$", "ours"),
    ],
    ids=[
        "toml",
        "shortcode",
        "hugo-keys",
        "jekyll-file-layout-and-inline-double",
        "dated-name-and-layout-alone",
        "liquid",
        "inline-double-alone-is-hexo-too",
        "kramdown-inline-double-in-a-jekyll-named-file",
        "hexo-post-with-inline-double",
        "two-inline-double-alone",
        "hexo-tag",
        "categories-and-updated",
        "dated-name-and-categories-tie",
        "wordpress-hugo-keys",
        "hexo-theme-key",
        "marked-escapes-in-double-dollars",
        "escapes-in-single-dollars-say-little",
        "plain-tags-list",
        "tex-literal-underscore",
    ],
)
def test_guess(source: str, fmt: str, data: dict, body: str, expected: str) -> None:  # type: ignore[type-arg]
    assert guess_dialect(source, fmt, data, data.get("date"), body)[0] == expected


def test_hexo_date_is_a_hexo_trace() -> None:
    assert guess_dialect("content/posts/a.md", "yaml", {}, "2021/9/30 0:00:00", "x")[0] == "hexo"


def _post(text: str, config: SiteConfig | None = None, name: str = "content/posts/a.md"):  # type: ignore[no-untyped-def]
    return post_from_text(text, name, config or SiteConfig(root=Path(".")))


def test_front_matter_overrides_the_guess() -> None:
    post, _ = _post('---\ntitle: "a"\ndate: 2024-01-01\ntags: [x]\ndialect: jekyll\n---\n{% asset_img a.png %}\n')
    assert post is not None and post.dialect == "jekyll" and "dialect" not in post.meta


def test_site_toml_sets_every_post_and_front_matter_still_wins() -> None:
    config, problems = parse_config('dialect = "hexo"\n', Path("."), Path("site.toml"))
    assert problems == [] and config.dialect == "hexo"
    plain, _ = _post("---\ntitle: a\ndate: 2024-01-01\ntags: [x]\n---\n正文\n", config)
    own, _ = _post("---\ntitle: a\ndate: 2024-01-01\ntags: [x]\ndialect: ours\n---\n正文\n", config)
    assert plain is not None and plain.dialect == "hexo"
    assert own is not None and own.dialect == "ours"


def test_unknown_dialect_is_a_warning_naming_the_line() -> None:
    post, problems = _post("---\ntitle: a\ndate: 2024-01-01\ntags: [x]\ndialect: hexoo\n---\n正文\n")
    assert post is not None and post.dialect == "ours"
    found = [p for p in problems if "dialect" in p.message]
    assert len(found) == 1 and found[0].line == 5 and "hexo" in found[0].expected


def test_unknown_site_dialect_is_an_error() -> None:
    from generator.errors import BuildError

    with pytest.raises(BuildError) as caught:
        parse_config('dialect = "wordpress"\n', Path("."), Path("site.toml"))
    assert "dialect 'wordpress' is not known" in str(caught.value.diagnostics[0].message)


def test_markdown_suffix_posts_are_read(tmp_path: Path) -> None:
    """`jekyll new` names posts .markdown; a blog of them once built with 0 posts and no word."""
    from generator.content.loader import load_posts

    posts_dir = tmp_path / "content" / "posts"
    posts_dir.mkdir(parents=True)
    (posts_dir / "2016-05-16-svd.markdown").write_text(
        "---\nlayout: post\ntitle: SVD\ntags: [math]\n---\n奇异值 $$\\sigma_1$$ 最大\n", encoding="utf-8"
    )
    posts, _ = load_posts(SiteConfig(root=tmp_path))
    assert [post.slug for post in posts] == ["svd"] and posts[0].dialect == "jekyll"


def test_a_jekyll_katex_post_reads_dollars_as_katex_did() -> None:
    body = "{% katexmm %}\n\n- Bessel: $$\\sum_n |f_n|^2 \\leq 1 \\tag{6}$$\n- next\n\n{% endkatexmm %}\n"
    dialect, why = guess_dialect("content/posts/2020-01-02-x.md", "yaml", {"layout": "post"}, None, body)
    assert dialect == "ours" and "katexmm" in why


@pytest.mark.parametrize(
    "formula",
    [
        "$$x\\_{1}$$",
        "$$a^\\*$$",
        "$$a\\^2$$",
        "$$a \\< b$$",
        "$$a \\> b$$",
        "$$\\[a\\]$$",
        "$$[0, 1\\]$$",
        "$$\\\\{a\\\\}$$",
        "$$a\\\\}$$",
        "$$\\begin{matrix}a\\\\\\\\b\\end{matrix}$$",
    ],
)
def test_each_marked_escape_passes_the_first_look(formula: str) -> None:
    """The quick test that skips posts without escapes lets every kind of marked escape through."""
    assert guess_dialect("content/posts/a.md", "yaml", {"title": "a"}, None, f"公式：\n\n{formula}\n")[0] == "hexo"


def test_hexos_link_tag_to_a_url_is_no_jekyll_trace() -> None:
    """Hexo's {% link text url %} and Stellar's {% link url %} name URLs; Jekyll's names one file."""
    body = "{% link https://github.com/x/y %}\n\n- 列表\n\n  $$\n  x\n  $$\n"
    assert guess_dialect("content/posts/a.md", "yaml", {"title": "t"}, None, body)[0] != "jekyll"
    assert (
        guess_dialect("content/posts/a.md", "yaml", {}, None, "{% link _posts/2016-07-26-name.md %}\n")[0] == "jekyll"
    )
