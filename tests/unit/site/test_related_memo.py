"""A build reuses the last related lists only while every input of the score is the same."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from generator.config.settings import SiteConfig
from generator.content.loader import post_from_text
from generator.content.model import Post
from generator.site.plan import assemble
from generator.site.related_memo import RelatedMemo

START = datetime(2025, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
NOW = START + timedelta(days=10_000)
TAGS = ["lora", "ddp", "siglip", "rl", "cuda", "数学"]


def posts_of(config: SiteConfig, specs: list[tuple[str, int, list[str], str | None]]) -> list[Post]:
    loaded_posts = []
    for slug, day, tags, series in specs:
        date = (START + timedelta(days=day)).strftime("%Y-%m-%d %H:%M")
        lines = [f"title: {slug}", f"date: {date}", f"tags: [{', '.join(tags)}]", f"slug: {slug}"]
        if series:
            lines.append(f"series: {series}")
        text = "---\n" + "\n".join(lines) + "\n---\n正文。\n"
        loaded, _ = post_from_text(text, f"content/posts/{slug}.md", config)
        assert loaded is not None
        loaded_posts.append(loaded)
    return loaded_posts


def lists(posts: list[Post]) -> dict[str, list[str]]:
    return {p.slug: [q.slug for q in p.related] for p in posts}


def specs(seed: int) -> list[tuple[str, int, list[str], str | None]]:
    rng = random.Random(seed)
    return [
        (f"p{i}", rng.randrange(400), rng.sample(TAGS, rng.randrange(1, 4)), rng.choice([None, None, "s1", "s2"]))
        for i in range(60)
    ]


def fresh(config: SiteConfig, rows: list[tuple[str, int, list[str], str | None]]) -> dict[str, list[str]]:
    site, _ = assemble(config, posts_of(config, rows), now=NOW)
    return lists(site.posts)


def remembered(
    config: SiteConfig, memo: RelatedMemo, rows: list[tuple[str, int, list[str], str | None]]
) -> dict[str, list[str]]:
    site, _ = assemble(config, posts_of(config, rows), now=NOW, relate=memo.relate("code"))
    return lists(site.posts)


def test_the_same_inputs_are_answered_from_memory(config: SiteConfig) -> None:
    rows = specs(1)
    memo = RelatedMemo()
    first = remembered(config, memo, rows)
    key = memo.key
    assert first == fresh(config, rows)
    assert remembered(config, memo, rows) == first
    assert memo.key == key


def test_any_changed_input_is_scored_again(config: SiteConfig) -> None:
    """Retag, redate, rename, a new series part, a new post, a deleted one: each can reorder lists."""
    rows = specs(2)
    changes = {
        "retag": lambda r: [(s, d, ["数学"] if s == "p3" else t, x) for s, d, t, x in r],
        "redate": lambda r: [(s, 399 if s == "p5" else d, t, x) for s, d, t, x in r],
        "rename": lambda r: [("renamed" if s == "p7" else s, d, t, x) for s, d, t, x in r],
        "series": lambda r: [(s, d, t, "s1" if s == "p9" else x) for s, d, t, x in r],
        "new": lambda r: [*r, ("new", 200, ["lora", "rl"], "s2")],
        "deleted": lambda r: r[1:],
    }
    for name, change in changes.items():
        memo = RelatedMemo()
        remembered(config, memo, rows)
        changed = change(rows)
        assert remembered(config, memo, changed) == fresh(config, changed), name


def test_other_code_or_limit_is_scored_again(config: SiteConfig) -> None:
    rows = specs(3)
    memo = RelatedMemo()
    remembered(config, memo, rows)
    key = memo.key
    assemble(config, posts_of(config, rows), now=NOW, relate=memo.relate("other code"))
    assert memo.key != key
