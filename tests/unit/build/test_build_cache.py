"""The build cache on disk: what a build saves, the next one loads, and what an edit rewrites."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from generator.build.cache import SHARDS_DIR, BuildCache, shard_of
from generator.content.model import Excerpt, Heading, Rendered


def key(n: int) -> str:
    return hashlib.blake2b(str(n).encode(), digest_size=16).hexdigest()


def result(n: int) -> Rendered:
    return Rendered(
        html=f"<p>第 {n} 篇</p>",
        toc=(Heading(2, f"h{n}", f"标题 {n}"),),
        excerpt=Excerpt(f"第 {n} 篇", f"<p>第 {n} 篇</p>", False, "auto"),
        characters=3,
        words=n,
    )


def shard_files(directory: Path) -> dict[str, float]:
    folder = directory / SHARDS_DIR
    return {name: os.stat(folder / name).st_mtime_ns for name in os.listdir(folder)}


def saved(directory: Path, count: int) -> BuildCache:
    cache = BuildCache(directory=directory)
    for n in range(count):
        cache.remember(key(n), result(n))
    cache.save([])
    return cache


def test_what_a_build_saves_the_next_one_loads(tmp_path: Path) -> None:
    saved(tmp_path, 200)
    loaded = BuildCache.load(tmp_path)
    assert set(loaded.rendered) == {key(n) for n in range(200)}
    for n in range(200):
        assert loaded.html(key(n)) == f"<p>第 {n} 篇</p>"
        assert loaded.rendered[key(n)].excerpt == result(n).excerpt
        assert loaded.rendered[key(n)].toc == result(n).toc


def test_an_edit_rewrites_one_shard_and_leaves_no_old_file(tmp_path: Path) -> None:
    saved(tmp_path, 200)
    before = shard_files(tmp_path)
    assert len(before) == 16
    cache = BuildCache.load(tmp_path)
    cache.forget_except({key(n) for n in range(1, 200)})
    cache.remember(key(1000), result(1000))
    cache.save([key(0)])
    after = shard_files(tmp_path)
    touched = {shard_of(key(0)), shard_of(key(1000))}
    assert {name for name in after if name not in before} == {name for name in after if name[0] in touched}
    assert {name for name in before if name not in after} == {name for name in before if name[0] in touched}
    reloaded = BuildCache.load(tmp_path)
    assert set(reloaded.rendered) == {key(n) for n in range(1, 200)} | {key(1000)}


def test_nothing_changed_writes_nothing(tmp_path: Path) -> None:
    saved(tmp_path, 50)
    index = (tmp_path / "index.pickle").stat().st_mtime_ns
    shards = shard_files(tmp_path)
    BuildCache.load(tmp_path).save([])
    assert (tmp_path / "index.pickle").stat().st_mtime_ns == index
    assert shard_files(tmp_path) == shards


def test_a_lost_shard_empties_the_cache_instead_of_failing(tmp_path: Path) -> None:
    saved(tmp_path, 50)
    victim = sorted(os.listdir(tmp_path / SHARDS_DIR))[3]
    (tmp_path / SHARDS_DIR / victim).unlink()
    loaded = BuildCache.load(tmp_path)
    assert loaded.rendered == {}
    loaded.remember(key(1), result(1))
    loaded.save([])
    assert set(BuildCache.load(tmp_path).rendered) == {key(1)}
