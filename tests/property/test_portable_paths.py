"""Hypothesis: whatever titles, tags, series and slugs a writer types, the site's output paths are
names every system accepts, distinct tags get distinct pages, and no two paths differ only in case."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build.layout import check_layout
from generator.config.settings import SiteConfig
from generator.site.plan import assemble, plan_pages
from generator.urls.paths import MAX_SEGMENT_BYTES, portable_segment, segment_problem, slugify, term_slug
from tests.conftest import dated_post

NOW = datetime(2030, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
ROOT = Path("/site")

TRICKY = [
    "C",
    "C++",
    "C#",
    "c-sharp",
    "F#",
    "CON",
    "con",
    "Aux",
    "nul.txt",
    "COM1",
    "lpt9",
    "PRN.",
    "a:b",
    "x?",
    "v1.",
    "大模型",
    "感受野",
    "PyTorch",
    "pytorch",
    "..",
    "com¹",
    "a|b",
]
# Names as writers type them, and the ones Windows or a case-blind file system would trip on.
_names = st.one_of(
    st.text(max_size=30),
    st.sampled_from(TRICKY),
    st.tuples(st.sampled_from(["CON", "aux", "C", "Nul", "v1", "大模型"]), st.text("+#.: ", max_size=3)).map("".join),
)


def _fits(segment: str) -> bool:
    return len(segment.encode("utf-8")) <= MAX_SEGMENT_BYTES


@given(_names)
@settings(max_examples=600)
def test_every_generated_segment_is_one_every_system_accepts(text: str) -> None:
    for segment in (slugify(text), term_slug(text), portable_segment(text)):
        if _fits(segment):
            assert segment_problem(segment) is None, (text, segment)


@given(
    st.lists(
        st.tuples(_names, st.lists(_names, max_size=4), st.one_of(st.none(), _names)),
        min_size=1,
        max_size=8,
    )
)
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_site_of_random_names_plans_only_portable_distinct_paths(posts: list) -> None:
    made = []
    for number, (slug, tags, series) in enumerate(posts):
        tags = [t for t in tags if term_slug(t).strip("-")]  # the loader refuses the others
        if series is not None and not term_slug(series).strip("-"):
            series = None
        made.append(dated_post(f"{slugify(slug)}-{number}", number, tag_names=tags, series_name=series))
    site, found = assemble(SiteConfig(root=ROOT), made, now=NOW)
    assert all(d.severity == "warning" for d in found)  # only two names meeting on one tag
    pages = plan_pages(site)
    outputs = [str(p.output) for p in pages]
    if all(_fits(part) for key in outputs for part in key.split("/")):
        assert check_layout(pages, {}, {}, ROOT) == []
    assert len({key.casefold() for key in outputs}) == len(outputs)
    names = {term_slug(t): set() for post in made for t in post.tag_names}
    for post in made:
        for name in post.tag_names:
            names[term_slug(name)].add(name)
    assert {tag.slug for tag in site.tags} == set(names)  # one page per slug, every tag has one
    for tag in site.tags:
        assert tag.name in names[tag.slug]  # titled by a name as written
