"""The warnings a site's posts carry, made the same way by `blog build` and by `blog serve`'s quick path.

Two parts of a build's warnings come from the published posts themselves: one line per kind
of migration finding (Hexo, Hugo, Jekyll syntax left as written; findings.summarise_findings)
and each post's markdown warnings (a formula that does not convert, a link that is not a URL),
in site order. When `blog serve` moves, adds or deletes a post without planning the site, it
keeps the rest of the full build's warnings and makes these two parts again from the site it
holds, so the terminal and the browser see what a full build would report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.content.model import Post, Rendered
from generator.dialects.findings import summarise_findings
from generator.errors import Diagnostic, warning


def warnings_of(post: Post) -> list[Diagnostic]:
    """One post's markdown warnings, named by its file."""
    if post.rendered is None:
        return []
    return [warning(post.source, line, message, expected) for line, message, expected in post.rendered.warnings]


def markdown_warnings(posts: Iterable[Post]) -> list[Diagnostic]:
    """Each post's markdown warnings, post after post, as the markdown stage reports them."""
    return [item for post in posts for item in warnings_of(post)]


def findings_warnings(posts: Iterable[Post]) -> list[Diagnostic]:
    return summarise_findings(finding for post in posts for finding in post.findings)


def carries_warnings(post: Post | None) -> bool:
    """A post that adds to either part: its move can reorder or change them."""
    if post is None:
        return False
    return bool(post.findings) or (post.rendered is not None and bool(post.rendered.warnings))


@dataclass(frozen=True, slots=True)
class WarningParts:
    """A full build's warnings cut around the two parts its posts make: what stands before the
    findings' summary, between it and the markdown warnings, and after them."""

    before_findings: tuple[Diagnostic, ...]
    before_markdown: tuple[Diagnostic, ...]
    after_markdown: tuple[Diagnostic, ...]
    # Post source -> its markdown warnings while it keeps that rendering: a blog with 16,000 of
    # them spent 13 ms a save making them all again, 1 ms finding them here.
    made: dict[str, tuple[Rendered, tuple[Diagnostic, ...]]] = field(default_factory=dict)

    @classmethod
    def cut(cls, diagnostics: list[Diagnostic], findings: tuple[int, int], markdown: tuple[int, int]) -> WarningParts:
        """`findings` and `markdown`: where those parts start and end in the build's diagnostics."""

        def kept(part: list[Diagnostic]) -> tuple[Diagnostic, ...]:
            return tuple(item for item in part if not item.is_error)

        return cls(
            kept(diagnostics[: findings[0]]),
            kept(diagnostics[findings[1] : markdown[0]]),
            kept(diagnostics[markdown[1] :]),
        )

    def join(self, posts: list[Post]) -> list[Diagnostic]:
        """The warnings a full build of these posts reports, in its order."""
        return [
            *self.before_findings,
            *findings_warnings(posts),
            *self.before_markdown,
            *self._markdown(posts),
            *self.after_markdown,
        ]

    def _markdown(self, posts: list[Post]) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        for post in posts:
            rendered = post.rendered
            if rendered is None or not rendered.warnings:
                continue
            kept = self.made.get(post.source)
            if kept is None or kept[0] is not rendered:
                kept = (rendered, tuple(warnings_of(post)))
                self.made[post.source] = kept
            found.extend(kept[1])
        return found
