"""Yearly posts of one name (`2019-01-01-summary.md`, `2020-01-01-summary.md`) take their dated
file names as URLs; a third one saved while `blog serve` runs must land where `blog build` puts
it, and move no other post."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from generator.build.cache import BuildCache
from generator.build.pipeline import BuildOptions, build

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def summary(year: int, title: str = "年终总结") -> str:
    return f"---\ntitle: {year} {title}\ntags: [总结]\n---\n\n{year} 年的总结。\n"


def digest_tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_third_yearly_post_saved_in_the_preview_lands_where_a_build_puts_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    (site / "site.toml").write_text('title = "t"\nbase_url = "https://example.org/"\n', "utf-8")
    for year in (2019, 2020):
        (posts / f"{year}-12-31-summary.md").write_text(summary(year), "utf-8")
    preview = BuildOptions(source=site, output=tmp_path / "preview", now=NOW, search_index=False, on_request=True)
    memory = BuildCache()
    build(preview, cache=memory)
    for name, text in (("2021-12-31-summary.md", summary(2021)), ("2019-12-31-summary.md", summary(2019, "回顾"))):
        (posts / name).write_text(text, "utf-8")
        build(preview, cache=memory, changed=frozenset({str(posts / name)}))
    assert memory.live is not None
    assert memory.live.materialise_all(memory) == []
    clean = tmp_path / "clean"
    report = build(BuildOptions(source=site, output=clean, now=NOW, search_index=False, use_cache=False))
    assert not [w for w in report.warnings if "URL" in str(w)]
    assert sorted(p.name for p in (clean / "posts").iterdir()) == [
        "2019-12-31-summary",
        "2020-12-31-summary",
        "2021-12-31-summary",
    ]
    assert digest_tree(tmp_path / "preview") == digest_tree(clean)
