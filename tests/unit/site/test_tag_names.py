"""Tags keep their identity: C, C++ and C# are three pages; two names on one URL are warned about."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.config.settings import SiteConfig
from generator.content.model import Post
from generator.errors import Severity
from generator.site.plan import assemble
from tests.conftest import dated_post

NOW = datetime(2030, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))


def tagged(slug: str, days: int, *tags: str) -> Post:
    post = dated_post(slug, days, tag_names=list(tags))
    post.key_lines["tags"] = 4
    return post


def test_c_cpp_and_csharp_are_three_tags_titled_as_written() -> None:
    posts = [tagged("a", 1, "C"), tagged("b", 2, "C++"), tagged("c", 3, "C#"), tagged("d", 4, "F#")]
    site, found = assemble(SiteConfig(root=Path("/x")), posts, now=NOW)
    assert found == []
    assert {(t.name, t.path) for t in site.tags} == {
        ("C", "/tags/c/"),
        ("C++", "/tags/c-plus-plus/"),
        ("C#", "/tags/c-sharp/"),
        ("F#", "/tags/f-sharp/"),
    }
    assert all(len(t.posts) == 1 for t in site.tags)


def test_two_names_on_one_url_are_a_warning_naming_both_and_their_posts() -> None:
    posts = [tagged("old", 1, "C#"), tagged("new", 2, "C-sharp")]
    site, found = assemble(SiteConfig(root=Path("/x")), posts, now=NOW)
    [tag] = site.tags
    assert tag.name == "C-sharp" and len(tag.posts) == 2  # the newest post's spelling titles the page
    [warning] = found
    assert warning.severity == Severity.WARNING
    assert warning.path == "content/posts/old.md" and warning.line == 4
    assert "'C#'" in warning.message and "'C-sharp'" in warning.message
    assert "content/posts/new.md" in warning.message


def test_case_alone_merges_without_a_word() -> None:
    posts = [tagged("a", 1, "PyTorch"), tagged("b", 2, "pytorch"), tagged("c", 3, "Deep  Learning", "deep learning")]
    site, found = assemble(SiteConfig(root=Path("/x")), posts, now=NOW)
    assert found == []
    assert sorted(t.name for t in site.tags) == ["Deep  Learning", "pytorch"]
