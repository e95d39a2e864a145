"""Hugo translations copied into a one-language blog: one post per group, in the site's language."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator.config.settings import SiteConfig
from generator.content.loader import load_posts, post_assets
from generator.content.translations import split_language, translation_source
from generator.site.postpaths import post_path, posts_prefix


def _post(root: Path, relative: str, title: str, extra: str = "") -> None:
    file = root / "content" / "posts" / relative
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(f"---\ntitle: {title}\ndate: 2024-01-02\ntags: [t]\n{extra}---\n{title} 正文\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("index.zh-cn", ("index", "zh-cn")),
        ("index.en", ("index", "en")),
        ("post.zh", ("post", "zh")),
        ("post.pt_BR", ("post", "pt-br")),
        ("socket.io", ("socket.io", None)),  # not a language: a library's name
        ("intro.ml", ("intro.ml", None)),
        ("v1.2", ("v1.2", None)),
        ("plain", ("plain", None)),
    ],
)
def test_a_language_is_read_from_the_file_name_as_hugo_reads_it(stem: str, expected: tuple[str, str | None]) -> None:
    assert split_language(stem) == expected


def _urls(root: Path, language: str = "zh-CN") -> tuple[dict[str, str], list[str]]:
    config = replace(SiteConfig(root=root), language=language)
    posts, found = load_posts(config)
    prefix = posts_prefix(config)
    return {p.source.removeprefix(prefix): post_path(config, p, prefix) for p in posts}, [d.message for d in found]


def test_a_bundle_with_translations_is_published_once_in_the_sites_language(tmp_path: Path) -> None:
    _post(tmp_path, "attn/index.md", "Attention", "slug: attention\n")
    _post(tmp_path, "attn/index.zh-cn.md", "注意力", "slug: attention\n")  # the same slug: two posts one URL before
    _post(tmp_path, "second.md", "第二篇")
    _post(tmp_path, "second.en.md", "Second")
    urls, notes = _urls(tmp_path)
    assert urls == {"attn/index.zh-cn.md": "/posts/attention/", "second.md": "/posts/second/"}
    assert len(notes) == 1
    assert notes[0].startswith("2 Hugo translation(s) not published (en, no language code)")


def test_an_english_site_picks_the_english_translation(tmp_path: Path) -> None:
    _post(tmp_path, "attn/index.md", "注意力")
    _post(tmp_path, "attn/index.en.md", "Attention")
    urls, _ = _urls(tmp_path, "en")
    assert urls == {"attn/index.en.md": "/posts/attn/"}


def test_a_post_in_one_language_only_is_published_whatever_its_language(tmp_path: Path) -> None:
    _post(tmp_path, "only/index.en.md", "Only in English")
    _post(tmp_path, "solo.fr.md", "Seulement")
    urls, notes = _urls(tmp_path)
    assert urls == {"only/index.en.md": "/posts/only/", "solo.fr.md": "/posts/solo/"}
    assert not any("translation" in note for note in notes)


def test_language_folders_are_hugo_content_dirs(tmp_path: Path) -> None:
    _post(tmp_path, "en/posts/rl.md", "RL")
    _post(tmp_path, "zh-cn/posts/rl.md", "强化学习")
    _post(tmp_path, "en/posts/only-en.md", "Only")
    urls, notes = _urls(tmp_path)
    assert sorted(urls) == ["en/posts/only-en.md", "zh-cn/posts/rl.md"]
    assert next(n for n in notes if "translation" in n).startswith("1 Hugo translation(s) not published (en)")


def test_a_translated_bundle_keeps_its_images(tmp_path: Path) -> None:
    _post(tmp_path, "attn/index.zh-cn.md", "注意力")
    (tmp_path / "content" / "posts" / "attn" / "fig.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assets, _ = post_assets(
        tmp_path / "content" / "posts" / "attn" / "index.zh-cn.md", tmp_path, tmp_path / "content" / "posts"
    )
    assert list(assets) == ["fig.png"]


def test_the_preview_plans_again_for_a_translation() -> None:
    assert translation_source("content/posts/attn/index.en.md")
    assert translation_source("content/posts/zh-cn/posts/x.md")
    assert not translation_source("content/posts/2024/x.md")
