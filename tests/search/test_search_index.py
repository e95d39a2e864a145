"""The block index: a build rewrites only changed blocks, and what it leaves equals a clean index."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.search import text as search_text
from generator.search.index import FOLDER, SearchDoc, Taxon, index_site, unpacked
from generator.search.text import fragment_id

STATE = "state.json"  # beside the output, as the build cache is
WORDS = ["低秩", "对比学习", "LoRA", "注意力", "梯度", "SigLIP", "显存", "tokenizer", "分布式", "的"]


def doc(url: str, body: str, title: str = "标题", date: str = "2024-01-01", taxa: tuple[Taxon, ...] = ()) -> SearchDoc:
    html = f"<p>{body}</p>"
    return SearchDoc(url, title, date, hashlib.sha1(html.encode()).hexdigest(), lambda: html, taxa)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_text, "BLOCK_TARGET", 4)


def test_an_edit_rewrites_only_the_block_of_the_edited_post(tmp_path: Path, small_blocks: None) -> None:
    docs = [doc(f"/posts/{i}/", f"{WORDS[i % len(WORDS)]} 第{i}篇") for i in range(30)]
    first = index_site(tmp_path, docs, tmp_path / STATE)
    assert (first.blocks, first.rebuilt) == (8, 8)
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / FOLDER).rglob("*.bin")}
    docs[7] = doc("/posts/7/", "改过的正文 量化")
    second = index_site(tmp_path, docs, tmp_path / STATE)
    assert second.rebuilt == 1
    changed = {p for p, mtime in before.items() if p.exists() and p.stat().st_mtime_ns != mtime}
    block = search_text.block_of("/posts/7/", 8)
    assert changed and all(p.parent.name in (str(block), "f") or p.name == "index.json" for p in changed)
    assert index_site(tmp_path, docs, tmp_path / STATE).rebuilt == 0  # nothing changed: nothing written but index.json
    assert index_site(tmp_path, docs, None).rebuilt == 8  # without the state, nothing is trusted


def test_the_files_depend_on_the_posts_not_on_where_they_were_built(tmp_path: Path) -> None:
    here = [doc(f"/p{i}/", WORDS[i]) for i in range(6)]
    elsewhere = [SearchDoc(d.url, d.title, d.date, "another cache key", d.html) for d in here]
    index_site(tmp_path / "a", here, tmp_path / "a.json")
    index_site(tmp_path / "b", elsewhere, tmp_path / "b.json")
    assert tree(tmp_path / "a" / FOLDER) == tree(tmp_path / "b" / FOLDER)


def test_a_damaged_index_is_rebuilt_whole(tmp_path: Path) -> None:
    docs = [doc(f"/p{i}/", WORDS[i]) for i in range(5)]
    index_site(tmp_path, docs, tmp_path / STATE)
    (tmp_path / FOLDER / "index.json").write_text("{not json", encoding="utf-8")
    assert index_site(tmp_path, docs, tmp_path / STATE).rebuilt == 1
    (tmp_path / FOLDER / "0" / "docs.bin").unlink()
    assert index_site(tmp_path, docs, tmp_path / STATE).rebuilt == 1
    clean = tmp_path / "clean"
    index_site(clean, docs, None)
    assert tree(tmp_path / FOLDER) == tree(clean / FOLDER)


def test_what_pagefind_left_is_removed(tmp_path: Path) -> None:
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "pagefind.js").write_text("old", encoding="utf-8")
    index_site(tmp_path, [doc("/a/", "正文")], None)
    assert not (tmp_path / "pagefind").exists()


def test_files_hold_terms_posts_and_excerpt_text(tmp_path: Path) -> None:
    tag = Taxon("tag", "分布式训练", "/tags/d/")
    index_site(tmp_path, [doc("/a/", "LoRA 低秩", title="微调", taxa=(tag,)), doc("/b/", "对比学习")], None)
    folder = tmp_path / FOLDER
    summary = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    assert summary["docs"] == 2 and summary["format"] == search_text.FORMAT and len(summary["blocks"]) == 1
    assert summary["taxa"] == [["tag", "分布式训练", "/tags/d/", 1]]
    docs = unpacked((folder / "0" / "docs.bin").read_bytes())
    bucket = unpacked((folder / "0" / f"{search_text.bucket_of('低秩')}.bin").read_bytes())
    assert bucket["低秩"] == [0, 1, 1 << search_text.FIELD_BITS] and docs[0] == [
        fragment_id("/a/"),
        3 + 2 + 5,
        20240101,
    ]  # body, title, tag
    tagged = unpacked((folder / "0" / f"{search_text.bucket_of('#分布式训练')}.bin").read_bytes())
    assert tagged["#分布式训练"] == [0, 1, search_text.IN_TAXONOMY]
    fragment = unpacked((folder / "f" / f"{docs[0][0]}-0.bin").read_bytes())
    assert fragment == {"url": "/a/", "title": "微调", "date": "2024-01-01", "text": "LoRA 低秩", "at": 0, "end": 7}
    assert sorted(p.name for p in (folder / "0").iterdir()) == sorted(
        ["docs.bin", *(f"{n}.bin" for n in range(search_text.BUCKETS))]
    )


def test_a_shorter_post_leaves_no_chunk_behind_and_an_older_format_no_file(tmp_path: Path) -> None:
    (tmp_path / FOLDER / "0").mkdir(parents=True)
    (tmp_path / FOLDER / "0" / "docs.json").write_text("[]", encoding="utf-8")  # what FORMAT 1 wrote
    long = "长文" * search_text.CHUNK
    index_site(tmp_path, [doc("/a/", long)], tmp_path / STATE)
    identifier = fragment_id("/a/")
    assert (tmp_path / FOLDER / "f" / f"{identifier}-1.bin").is_file()
    index_site(tmp_path, [doc("/a/", "短文")], tmp_path / STATE)
    clean = tmp_path / "clean"
    index_site(clean, [doc("/a/", "短文")], None)
    assert tree(tmp_path / FOLDER) == tree(clean / FOLDER)


def test_a_changed_tag_rewrites_the_block_and_the_list_of_tags(tmp_path: Path) -> None:
    plain = doc("/a/", "正文")
    index_site(tmp_path, [plain], tmp_path / STATE)
    tagged = SearchDoc(plain.url, plain.title, plain.date, plain.key, plain.html, (Taxon("tag", "新标签", "/t/"),))
    assert index_site(tmp_path, [tagged], tmp_path / STATE).rebuilt == 1
    summary = json.loads((tmp_path / FOLDER / "index.json").read_text(encoding="utf-8"))
    assert summary["taxa"] == [["tag", "新标签", "/t/", 1]]


edits = st.lists(
    st.tuples(
        st.sampled_from(["add", "edit", "delete", "rename", "retitle"]),
        st.integers(0, 40),
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
    ),
    min_size=1,
    max_size=12,
)


@pytest.mark.slow  # a property search over edit sequences
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=edits)
def test_after_any_edits_the_index_equals_a_clean_one(tmp_path_factory: pytest.TempPathFactory, steps: list) -> None:
    search_text.BLOCK_TARGET, saved = 3, search_text.BLOCK_TARGET  # blocks split and merge along the way
    try:
        warm = tmp_path_factory.mktemp("warm")
        posts: dict[str, tuple[str, str]] = {f"/posts/{i}/": ("标题", WORDS[i]) for i in range(5)}
        index_site(warm, [doc(url, body, title) for url, (title, body) in sorted(posts.items())], warm / STATE)
        for number, (action, which, words) in enumerate(steps):
            urls = sorted(posts)
            url = urls[which % len(urls)] if urls else None
            body = " ".join(words)
            if action == "add" or url is None:
                posts[f"/new/{number}/"] = ("新文章", body)
            elif action == "edit":
                posts[url] = (posts[url][0], body)
            elif action == "delete":
                del posts[url]
            elif action == "rename":
                posts[f"/moved/{number}/"] = posts.pop(url)
            else:
                posts[url] = (body, posts[url][1])
            docs = [doc(url, body, title) for url, (title, body) in sorted(posts.items())]
            index_site(warm, docs, warm / STATE)
            clean = tmp_path_factory.mktemp("clean")
            index_site(clean, docs, None)
            assert tree(warm / FOLDER) == tree(clean / FOLDER)
    finally:
        search_text.BLOCK_TARGET = saved
