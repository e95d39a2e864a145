"""The pure parts of moving a blog in: section rule, permalink spellings, aliases, callouts, git log."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from generator.config.settings import SiteConfig, parse_config
from generator.content import filedates
from generator.content.loader import load_posts, parse_date, post_from_text
from generator.content.model import Post
from generator.content.sections import SECTION_SKIPPED, fold_section_notes, section_reason, underscored
from generator.dialects.migrate import with_media_subpath
from generator.dialects.permalinks import translate_pattern
from generator.errors import BuildError, warning
from generator.markdown.render import RenderOptions, render_post
from generator.site.plan import assemble
from generator.site.redirects import alias_path, check_aliases, post_aliases

SHANGHAI = ZoneInfo("Asia/Shanghai")


# --- which files are not posts -------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "data", "reason"),
    [
        ("content/posts/_index.md", {}, "a Hugo _index.md section file"),
        ("content/posts/learn/ml/_index.md", {"title": "t", "date": "2020-01-01"}, "a Hugo _index.md section file"),
        ("content/posts/home/hero.md", {"widget": "hero"}, "a headless page-builder block"),
        ("content/posts/home/x.md", {"headless": True}, "a headless page-builder block"),
        ("content/posts/archives.md", {"layout": "archives"}, "layout: archives"),
        ("content/posts/tags/index.md", {"type": "tags", "date": "2020-01-01"}, "type: tags"),
        ("content/posts/about/index.md", {"title": "关于"}, "the about/ list page"),
        ("content/posts/about/index.md", {"title": "关于", "date": "2020-01-01"}, "the about/ list page"),
        ("content/posts/about/index.md", {"title": "关于", "tags": ["随笔"]}, None),  # tagged: a post
        ("content/posts/x.md", {"layout": "post"}, None),
        ("content/posts/x/index.md", {"type": "book"}, None),
        ("content/posts/s/_index.en.md", {"title": "t"}, "a Hugo _index.md section file"),  # one language's
    ],
)
def test_section_rule(source: str, data: dict[str, Any], reason: str | None) -> None:
    assert section_reason(source, data) == reason


def test_section_notes_fold_into_one_line_naming_the_first() -> None:
    notes = [
        warning("content/posts/b/_index.md", None, SECTION_SKIPPED, "a Hugo _index.md section file"),
        warning("content/posts/x.md", 3, "post has no tags", "tags"),
        warning("content/posts/a/_index.md", None, SECTION_SKIPPED, "a Hugo _index.md section file"),
    ]
    kept, tally = fold_section_notes(notes)
    assert [str(d) for d in kept] == [
        "content/posts/x.md:3: post has no tags (tags)",
        "content/posts/a/_index.md: 2 section or list files skipped, not posts: this one (a Hugo _index.md "
        "section file) and 1 more (their text is not published; move what you want to keep into a post)",
    ]
    assert (tally.sections, tally.first_section) == (2, "content/posts/a/_index.md")


@pytest.mark.parametrize(
    ("source", "skipped"),
    [
        ("content/posts/_draft.md", True),
        ("content/posts/static/_readme.md", True),
        ("content/posts/_scratch.ipynb", True),
        ("content/posts/_index.md", False),  # Hugo's section file: the section rule's
        ("content/posts/_index.zh-cn.md", False),
        ("content/posts/_posts/2020-01-01-a.md", False),  # Hexo's and Jekyll's folder of posts
        ("content/posts/_drafts/a.md", False),
        ("content/posts/a_b.md", False),
    ],
)
def test_files_named_with_a_leading_underscore_are_not_posts(source: str, skipped: bool) -> None:
    assert underscored(source) is skipped


def test_underscored_files_are_skipped_unread_and_told_in_one_line(tmp_path: Path) -> None:
    """isaac's `static/_readme.md` (an exercise) was published as a post: Jekyll, Hexo and
    Quarto never published it. Hexo's `_posts/` folder is content; `_index.md` a section."""
    posts_dir = tmp_path / "content" / "posts"
    good = "---\ntitle: T\ndate: 2020-01-01\ntags: [a]\n---\ntext\n"
    for name, text in {
        "_posts/a.md": good,
        "static/_readme.md": "# Scratch\n\nnot for publishing\n",
        "_partial.md": good,
        "_broken.ipynb": "{not json",
        "_index.md": "---\ntitle: S\n---\nintro\n",
    }.items():
        (posts_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (posts_dir / name).write_text(text, encoding="utf-8")
    posts, found = load_posts(SiteConfig(root=tmp_path))
    assert [p.source for p in posts] == ["content/posts/_posts/a.md"]
    kept, tally = fold_section_notes(found)
    assert [str(d) for d in kept] == [
        "content/posts/_index.md: 1 section or list file skipped, not posts: this one (a Hugo _index.md "
        "section file) (their text is not published; move what you want to keep into a post)",
        "content/posts/_broken.ipynb: 3 files named '_…' skipped, not posts, as Jekyll, Hexo and Quarto skip "
        "them: this one and 2 more (rename a file without its leading '_' to publish it)",
    ]
    assert (tally.sections, tally.underscored) == (1, 3)


def test_a_fresh_draft_without_text_is_kept_but_an_empty_post_is_skipped() -> None:
    config = SiteConfig(root=Path("/x"))
    draft, _ = post_from_text("---\ntitle: T\ndate: 2020-01-01\ndraft: true\n---\n", "content/posts/d.md", config)
    assert draft is not None
    empty, found = post_from_text("---\ntitle: T\ndate: 2020-01-01\n---\n\n", "content/posts/e.md", config)
    assert empty is None and [d.message for d in found] == ["post has front matter but no text: skipped"]


def test_undated_post_takes_the_date_it_is_given_and_says_so() -> None:
    config = SiteConfig(root=Path("/x"))
    when = datetime(2021, 2, 3, 4, 5, tzinfo=SHANGHAI)
    post, found = post_from_text(
        "---\ntitle: T\ntags: [a]\n---\n正文\n", "content/posts/u.md", config, undated=lambda: (when, "somewhere")
    )
    assert post is not None and post.date == when
    assert [str(d) for d in found] == [
        "content/posts/u.md:1: post has no date; using 2021-02-03 04:05 (somewhere) (a 'date' key)"
    ]


def test_jekyll_date_with_one_digit_hour_and_offset() -> None:
    assert parse_date("2024-02-03 7:00:00 -0600", SHANGHAI) == datetime.fromisoformat("2024-02-03T07:00:00-06:00")


# --- git: one call for every file ----------------------------------------------------------


def test_parse_git_log_keeps_the_newest_commit_per_file() -> None:
    text = "\x1e300\n\ncontent/posts/a.md\ncontent/posts/中文.md\n\x1e200\n\ncontent/posts/a.md\ncontent/posts/b.md\n"
    assert filedates.parse_git_log(text) == {
        "content/posts/a.md": 300,
        "content/posts/中文.md": 300,
        "content/posts/b.md": 200,
    }


def test_git_is_asked_once_however_many_posts_are_undated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    for n in range(50):
        (posts / f"p{n}.md").write_text(f"---\ntitle: P{n}\ntags: [a]\n---\n正文\n", encoding="utf-8")
    calls: list[Path] = []

    def fake(root: Path, folder: Path) -> dict[str, int]:
        calls.append(folder)
        return {"content/posts/p7.md": 1_600_000_000}

    monkeypatch.setattr(filedates, "git_commit_times", fake)
    loaded, found = load_posts(SiteConfig(root=tmp_path))
    assert len(loaded) == 50 and len(calls) == 1
    p7 = next(p for p in loaded if p.source.endswith("/p7.md"))
    assert p7.date == datetime.fromtimestamp(1_600_000_000, SHANGHAI)
    assert sum("(its last git commit)" in d.message for d in found) == 1


def test_without_git_the_file_time_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-such-bin"))
    assert filedates.git_commit_times(tmp_path, tmp_path) == {}


# --- permalinks --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "ours"),
    [
        (":year/:month/:day/:title/", "/{year}/{month}/{day}/{file}/"),
        ("/:categories/:year/:month/:day/:title.html", "/{categories}/{year}/{month}/{day}/{file}.html"),
        ("/:categories/:year/:month/:day/:title:output_ext", "/{categories}/{year}/{month}/{day}/{file}.html"),
        ("date", "/{categories}/{year}/{month}/{day}/{file}.html"),
        ("pretty", "/{categories}/{year}/{month}/{day}/{file}/"),
        ("/posts/:slug/", "/posts/{slug}/"),
        ("/posts/{slug}/", "/posts/{slug}/"),
        ("/:year/:i_month/:title/", "/{year}/{i_month}/{file}/"),
    ],
)
def test_old_generators_permalink_spellings(written: str, ours: str) -> None:
    assert translate_pattern(written) == ours


def test_unknown_colon_field_is_reported_by_the_config() -> None:
    with pytest.raises(BuildError) as caught:
        parse_config('[permalinks]\npost = ":year/:hour/:title/"\n', Path("/x"))
    assert "permalink pattern '/{year}/:hour/{file}/' for post is not usable" in str(caught.value)


def make_post(source: str, slug: str, when: str = "2020-01-02", **meta: Any) -> Post:
    key_lines = {"slug": 2} if meta.pop("explicit", False) else {}
    date = datetime.fromisoformat(when).replace(tzinfo=SHANGHAI)
    return Post(source, slug, date, slug, "x", 5, source, ("a",), meta=meta, key_lines=key_lines)


def config_with(post_pattern: str) -> SiteConfig:
    config, _ = parse_config(f'[permalinks]\npost = "{post_pattern}"\n', Path("/x"))
    return config


def test_flat_posts_keep_their_urls_and_only_clashing_ones_take_their_folder() -> None:
    posts = [
        make_post("content/posts/a.md", "a"),
        make_post("content/posts/2020/intro/index.md", "intro"),
        make_post("content/posts/2021/intro/index.md", "intro"),
        make_post("content/posts/notes/only.md", "only"),
    ]
    site, problems = assemble(config_with("/posts/{slug}/"), posts, now=datetime(2030, 1, 1, tzinfo=SHANGHAI))
    assert problems == []
    assert sorted(p.path for p in site.posts) == [
        "/posts/2020/intro/",
        "/posts/2021/intro/",
        "/posts/a/",
        "/posts/only/",
    ]


def test_file_field_keeps_names_as_written_like_hexo() -> None:
    posts = [
        make_post("content/posts/Life/Go-Practice.md", "go-practice", when="2018-10-29"),
        make_post("content/posts/2019-01-02-My Notes.md", "my-notes", when="2019-01-02"),
        make_post("content/posts/Bundle/index.md", "bundle", when="2019-01-03"),
        make_post("content/posts/Renamed.md", "new-name", when="2019-01-04", explicit=True),
    ]
    site, problems = assemble(config_with(":year/:month/:day/:title/"), posts)
    assert problems == []
    assert sorted(p.path for p in site.posts) == [
        "/2018/10/29/Life/Go-Practice/",
        "/2019/01/02/My Notes/",
        "/2019/01/03/Bundle/",
        "/2019/01/04/new-name/",
    ]
    assert "/2019/01/02/My%20Notes/" in [p.url for p in site.posts]


def test_categories_and_path_fields() -> None:
    posts = [
        make_post("content/posts/2020-01-02-x.md", "x", categories=["ML", "Deep Learning"]),
        make_post("content/posts/sub/y.md", "y", when="2020-03-04"),
    ]
    site, _ = assemble(config_with("/:categories/:year/:month/:day/:title.html"), posts)
    assert sorted(p.path for p in site.posts) == ["/2020/03/04/sub/y.html", "/ml/deep learning/2020/01/02/x.html"]
    assert sorted(p.url for p in site.posts) == ["/2020/03/04/sub/y.html", "/ml/deep%20learning/2020/01/02/x.html"]


# --- aliases -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "path"),
    [
        ("/old/", "/old/"),
        ("/2019/01/x.html", "/2019/01/x.html"),
        ("/no-slash", "/no-slash/"),
        ("old-name", "/posts/old-name/"),
        ("/%E4%B8%AD%E6%96%87/", "/中文/"),
        ("https://elsewhere.org/x/", None),
        ("/../etc/", None),
        ("/", None),
        ("", None),
        ("//[::1/x/", None),  # urllib cannot parse it: a warning, not a crash
    ],
)
def test_alias_paths(written: str, path: str | None) -> None:
    assert alias_path("/posts/x/", written) == path


def test_aliases_that_cannot_be_written_are_warned_about() -> None:
    first = make_post("content/posts/a.md", "a", aliases=["/b/", "/tags/", "/gone/", 3])
    second = make_post("content/posts/b.md", "b", redirect_from="/gone/")
    first.path, second.path = "/a/", "/b/"
    found = [str(d) for d in check_aliases([first, second], ["/tags/"])]
    assert found == [
        "content/posts/a.md: aliases /b/ is not written: it is the URL of content/posts/b.md "
        "(an old path that no page uses now)",
        "content/posts/a.md: aliases /tags/ is not written: it is the URL of a generated page "
        "(an old path that no page uses now)",
        "content/posts/a.md: aliases entry 3 is not a path on this site (a path such as /old/url/)",
        "content/posts/b.md: redirect_from /gone/ is not written: it is the URL of content/posts/a.md "
        "(an old path that no page uses now)",
    ]
    assert post_aliases(first) == ["/b/", "/tags/", "/gone/"]


# --- Chirpy's media_subpath ------------------------------------------------------------------------


def test_media_subpath_prefixes_relative_images_outside_code() -> None:
    body = '![a](x.png) ![b](./y.png "t") ![c](/abs.png) ![d](https://e.org/x.png)\n```\n![e](z.png)\n```\n'
    assert with_media_subpath(body, "/assets/img/p/") == (
        '![a](/assets/img/p/x.png) ![b](/assets/img/p/y.png "t") ![c](/abs.png) ![d](https://e.org/x.png)\n'
        "```\n![e](z.png)\n```\n"
    )


def test_loader_applies_media_subpath() -> None:
    text = "---\ntitle: T\ndate: 2020-01-01\ntags: [a]\nmedia_subpath: /assets/shots\n---\n![图](a.png)\n"
    post, _ = post_from_text(text, "content/posts/x.md", SiteConfig(root=Path("/x")))
    assert post is not None and post.body == "![图](/assets/shots/a.png)\n"


# --- callouts ------------------------------------------------------------------------------------


def html(body: str) -> str:
    rendered = render_post(body, RenderOptions())
    assert rendered.html is not None
    return rendered.html


@pytest.mark.parametrize("kind", ["NOTE", "Tip", "important", "WARNING", "CAUTION"])
def test_github_alerts(kind: str) -> None:
    out = html(f"> [!{kind}]\n> 正文 *强调*\n")
    assert out.startswith(f'<div class="callout callout-{kind.lower()}" role="note">\n<p class="callout-title">')
    assert "<p>正文 <em>强调</em></p>\n</div>" in out and "[!" not in out


def test_an_alert_marker_later_in_a_quote_is_plain_text() -> None:
    assert html("> 第一行\n> [!NOTE]\n") == "<blockquote>\n<p>第一行\n[!NOTE]</p>\n</blockquote>\n"


def test_callout_text_reaches_the_excerpt_without_its_title() -> None:
    rendered = render_post("> [!WARNING]\n> 显存不够时减小 batch。\n", RenderOptions())
    assert rendered.excerpt.text == "显存不够时减小 batch。"


def test_containers_and_nesting() -> None:
    out = html("::: info 标题\n外层\n\n> [!TIP]\n> 内层\n:::\n")
    assert out == (
        '<div class="callout callout-note" role="note">\n<p class="callout-title">标题</p>\n<p>外层</p>\n'
        '<div class="callout callout-tip" role="note">\n<p class="callout-title">提示</p>\n<p>内层</p>\n</div>\n</div>\n'
    )


@pytest.mark.parametrize(
    ("opening", "kind", "title"),
    [
        ("::: {.callout-note}", "note", "说明"),
        ("::: callout-tip", "tip", "提示"),
        ('::: {.callout-important title="先读这里"}', "important", "先读这里"),
        ('::: {.callout-warning collapse="true"}', "warning", "警告"),
        (":::: {.callout-caution}", "caution", "当心"),
    ],
)
def test_quarto_callouts_are_callouts(opening: str, kind: str, title: str) -> None:
    """Quarto's callouts came out as a paragraph with the colons showing."""
    closing = ":" * len(opening.split(" ")[0])
    out = html(f"{opening}\n正文 *强调*\n{closing}\n")
    assert out == (
        f'<div class="callout callout-{kind}" role="note">\n<p class="callout-title">{title}</p>\n'
        "<p>正文 <em>强调</em></p>\n</div>\n"
    )


def test_a_quarto_callouts_first_heading_is_its_title_and_not_in_the_contents() -> None:
    rendered = render_post("::: {.callout-tip}\n## 学习率\n\n先热身。\n:::\n\n## 正文\n", RenderOptions())
    assert rendered.html is not None and '<p class="callout-title">学习率</p>\n<p>先热身。</p>' in rendered.html
    assert [heading.text for heading in rendered.toc] == ["正文"]


def test_other_pandoc_divs_are_not_callouts() -> None:
    assert "callout" not in html("::: {.column-margin}\n旁注\n:::\n")


def test_kramdown_attribute_lists_never_show() -> None:
    out = html('![a](x.png){: w="7" }\n\n`a.py`{: .filepath}\n\n```\ncode {: kept}\n```\n{: file="a.py" }\n')
    assert "{:" not in out.replace("code {: kept}", "")
    assert "code {: kept}" in out  # code is never touched


def test_prompt_after_a_quote_that_ends_in_a_list_and_chained_lists() -> None:
    out = html("> 另见：\n> - [甲](/a/)\n> - [乙](/b/)\n{: .prompt-info }\n\n![图](x.png){: .shadow }{: .light }\n")
    assert out.startswith('<div class="callout callout-note" role="note">')
    assert "{:" not in out


def test_attribute_lists_written_in_code_spans_stay() -> None:
    out = html("用 `{: .prompt-tip }` 标记提示，`a.py`{: .filepath} 是文件。\n")
    assert out == "<p>用 <code>{: .prompt-tip }</code> 标记提示，<code>a.py</code> 是文件。</p>\n"


def test_prompt_class_only_on_a_quote() -> None:
    assert html("段落\n{: .prompt-tip }\n") == "<p>段落</p>\n"
    assert "callout-caution" in html("> 危险\n{: .prompt-danger }\n")


def test_title_is_escaped() -> None:
    assert '<p class="callout-title">&lt;b&gt;</p>' in html("::: note <b>\nx\n:::\n")


def test_a_container_title_is_inline_markdown() -> None:
    """As VitePress, Docusaurus, Quarto and the Hugo themes show it; raw HTML in it stays text."""
    assert '<p class="callout-title"><strong>加粗</strong> 与 <code>代码</code></p>' in html(
        "::: tip **加粗** 与 `代码`\nx\n:::\n"
    )
    quarto = html('::: {.callout-warning title="*小心* 梯度"}\nx\n:::\n')
    assert (
        '<div class="callout callout-warning" role="note">\n<p class="callout-title"><em>小心</em> 梯度</p>' in quarto
    )
    heading = html("::: callout-note\n## 用 `pip` 安装\nx\n:::\n")
    assert '<p class="callout-title">用 <code>pip</code> 安装</p>\n<p>x</p>' in heading
    assert 'aria-label="提示">\n<p>x</p>' in html("::: box-tip\nx\n:::\n")
