"""One screen that says what the first build of a moved blog did with it.

A writer arriving with hundreds of posts needs the whole picture after `blog build`: how
many files were found and published, what was left out (section pages, empty files),
which dates were assumed, and which of the old generator's tags were converted or left
as written. The build fills a `MigrationSummary` from data it already has; the CLI prints
it (`summary_lines`) only when the site shows signs of a move.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from generator.content.model import Post
from generator.content.sections import LoadTally
from generator.dialects.findings import Finding, describe
from generator.site.redirects import post_aliases


@dataclass(frozen=True, slots=True)
class MigrationSummary:
    """What a build of a moved-in blog did with its files, told once after the build."""

    posts_found: int  # post files that were read as posts (published or not) plus empty ones
    posts_published: int
    drafts: int  # loaded, not published, draft: true (the rest not published are dated in the future)
    sections_skipped: int
    empty_skipped: int
    dates_assumed: int
    redirects: int
    converted: dict[str, int] = field(default_factory=dict)  # finding kind -> count
    left_as_written: dict[str, int] = field(default_factory=dict)
    underscored_skipped: int = 0  # files named `_…`, which Jekyll, Hexo and Quarto never published

    @property
    def shows_a_move(self) -> bool:
        return bool(
            self.sections_skipped
            or self.underscored_skipped
            or self.empty_skipped
            or self.dates_assumed
            or self.redirects
            or self.converted
            or self.left_as_written
        )


def summarise_migration(tally: LoadTally, loaded: Sequence[Post], published: Sequence[Post]) -> MigrationSummary | None:
    """What a moved-in blog's build did, or None when nothing shows a move: then nothing is
    printed, and the no-change record holds no summary (unpickling one imports the post model
    and the dialects, 50 ms of a replay that otherwise takes 0.2 s)."""
    findings: Iterable[Finding] = (f for post in published for f in post.findings)
    converted: Counter[str] = Counter()
    left: Counter[str] = Counter()
    for finding in findings:
        (converted if finding.converted else left)[finding.kind] += 1
    shown = set(map(id, published))
    summary = MigrationSummary(
        posts_found=len(loaded) + tally.empty,
        posts_published=len(published),
        drafts=sum(1 for post in loaded if post.draft and id(post) not in shown),
        sections_skipped=tally.sections,
        empty_skipped=tally.empty,
        dates_assumed=tally.assumed_dates,
        redirects=sum(len(post_aliases(post)) for post in published),
        converted=dict(sorted(converted.items())),
        left_as_written=dict(sorted(left.items())),
        underscored_skipped=tally.underscored,
    )
    return summary if summary.shows_a_move else None


def _tag_name(kind: str) -> str:
    """'hexo:tag:note' -> 'Hexo tag {% note %}', the words the warnings use."""
    if kind == "jekyll:liquid:url":
        return "Liquid {{ site.baseurl }} / relative_url"
    message, _ = describe(kind)
    return message.split(" is ", 1)[0].split(" has ", 1)[0].split(" closes ", 1)[0]


def summary_lines(summary: MigrationSummary) -> list[str]:
    future = summary.posts_found - summary.empty_skipped - summary.posts_published - summary.drafts
    held_back = [f"{summary.drafts} drafts"] if summary.drafts else []
    held_back += [f"{future} dated in the future"] if future else []
    lines = [
        f"Migration: {summary.posts_found} post files found, {summary.posts_published} published"
        + (f" ({' and '.join(held_back)} not published)" if held_back else "")
    ]
    if summary.sections_skipped:
        lines.append(f"  {summary.sections_skipped} section or list pages skipped (not posts)")
    if summary.underscored_skipped:
        lines.append(
            f"  {summary.underscored_skipped} files named _… skipped (not posts, as in Jekyll, Hexo and Quarto)"
        )
    if summary.empty_skipped:
        lines.append(f"  {summary.empty_skipped} empty posts skipped")
    if summary.dates_assumed:
        lines.append(f"  {summary.dates_assumed} dates assumed (git commit or file time; see the warnings)")
    if summary.redirects:
        lines.append(f"  {summary.redirects} redirect pages for old URLs (aliases, redirect_from)")
    for title, counts in (("converted", summary.converted), ("left as written", summary.left_as_written)):
        if counts:
            merged: Counter[str] = Counter()
            for kind, count in counts.items():
                merged[_tag_name(kind)] += count
            shown = ", ".join(f"{name} ×{count}" for name, count in sorted(merged.items()))
            lines.append(f"  {title}: {shown}")
    return lines
