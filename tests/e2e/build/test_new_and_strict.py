"""`blog new` creates a draft that builds, refuses to overwrite; `--strict` turns warnings into errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from tests.conftest import run_cli


def test_new_creates_a_draft_with_front_matter(copy_site: Callable[[str], Path]) -> None:
    site = copy_site("basic")
    made = run_cli("new", "SigLIP 笔记", "--tags", "多模态,CLIP", "--source", site)
    assert made.returncode == 0, made.stderr
    path = site / "content" / "posts" / "siglip-笔记.md"
    assert made.stdout.strip().endswith("siglip-笔记.md")
    text = path.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["title"] == "SigLIP 笔记"
    assert front["tags"] == ["多模态", "CLIP"]
    assert front["draft"] is True
    assert str(front["date"])[:4].isdigit()

    again = run_cli("new", "SigLIP 笔记", "--source", site)
    assert again.returncode == 1
    assert "already exists" in again.stderr
    assert path.read_text(encoding="utf-8") == text  # nothing overwritten

    # the draft builds only with --drafts, and publishes at its slug
    out = site / "out"
    built = run_cli("build", "--source", site, "--output", out, "--drafts", "--no-cache")
    assert built.returncode == 0, built.stderr
    assert (out / "posts" / "siglip-笔记" / "index.html").is_file()


def test_new_with_pinyin_slugs_and_publish(copy_site: Callable[[str], Path]) -> None:
    site = copy_site("basic")
    made = run_cli("new", "LoRA 实战", "--slug-style", "pinyin", "--publish", "--source", site)
    assert made.returncode == 0, made.stderr
    text = (site / "content" / "posts" / "lora-shi-zhan.md").read_text(encoding="utf-8")
    assert "draft" not in text


def test_strict_turns_a_warning_into_an_error_and_writes_nothing(copy_site: Callable[[str], Path]) -> None:
    site = copy_site("basic")
    (site / "content" / "posts" / "untagged.md").write_text(
        "---\ntitle: 没有标签\ndate: 2024-01-02\n---\n正文。\n", encoding="utf-8"
    )
    out = site / "out"
    relaxed = run_cli("build", "--source", site, "--output", out, "--no-cache")
    assert relaxed.returncode == 0
    assert "content/posts/untagged.md:1: post has no tags" in relaxed.stderr
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    (site / "content" / "posts" / "untagged.md").write_text(
        "---\ntitle: 没有标签 2\ndate: 2024-01-02\n---\n正文。\n", encoding="utf-8"
    )
    strict = run_cli("build", "--source", site, "--output", out, "--strict", "--no-cache")
    assert strict.returncode == 1
    assert "content/posts/untagged.md:1: post has no tags" in strict.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before
    assert "没有标签 2" not in (out / "posts" / "untagged" / "index.html").read_text(encoding="utf-8")


def test_new_where_the_system_refuses_the_file_says_which_and_why(copy_site: Callable[[str], Path]) -> None:
    """A read-only checkout, or here a file where the posts folder must be: one line naming the
    path and the system's reason, no errno in brackets, exit 1."""
    site = copy_site("basic")
    posts = site / "content" / "posts"
    for path in sorted(posts.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    posts.rmdir()
    posts.write_text("not a folder", encoding="utf-8")
    made = run_cli("new", "只读的笔记", "--source", site)
    assert made.returncode == 1
    assert made.stderr.startswith(f"blog new: cannot write {posts}")
    assert "; no file was written" in made.stderr and "[Errno" not in made.stderr, made.stderr
    assert posts.read_text(encoding="utf-8") == "not a folder"
