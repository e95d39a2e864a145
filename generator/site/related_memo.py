"""The last build's related-post lists, reused while nothing they are computed from changed.

Related lists are a function of every published post's URL, date, tags and series (and of
our code): a body edit changes none of that, yet scoring 10,000 posts costs a few hundred
milliseconds of a build that should cost what it changes. One digest over those inputs
(a few milliseconds) decides whether last build's lists still hold; they are kept by URL,
so they survive being saved with the build cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from generator.content.model import Post, Series
from generator.site.related import attach_related


def related_inputs(posts: Sequence[Post], limit: int, salt: str) -> str:
    """A digest of everything attach_related reads: order, URLs, dates, tags, series parts."""
    hasher = hashlib.blake2b(f"{salt}|{limit}".encode(), digest_size=16)
    series: dict[int, Series] = {}
    rows: list[str] = []
    for post in posts:
        tags = "\x02".join(tag.slug for tag in post.tags)
        part = post.series
        if part is not None:
            series.setdefault(id(part), part)
        rows.append(f"{post.path}\x01{post.date.timestamp()!r}\x01{tags}\x01{part.path if part else ''}")
    hasher.update("\x00".join(rows).encode("utf-8", "surrogatepass"))
    for part in series.values():  # a series' reading order decides which parts are candidates
        hasher.update(("\x03" + "\x01".join(p.path for p in part.posts)).encode("utf-8", "surrogatepass"))
    return hasher.hexdigest()


@dataclass(slots=True)
class RelatedMemo:
    """Kept in the build cache: the inputs' digest and each post's related URLs, best first."""

    key: str = ""
    lists: dict[str, list[str]] = field(default_factory=dict)

    def relate(self, salt: str) -> Callable[[Sequence[Post], int], None]:
        """An attach_related that answers from memory when its inputs are the remembered ones."""

        def attach(posts: Sequence[Post], limit: int) -> None:
            key = related_inputs(posts, limit, salt)
            if key == self.key and self._restore(posts):
                return
            attach_related(posts, limit)
            self.key = key
            self.lists = {post.path: [other.path for other in post.related] for post in posts}

        return attach

    def _restore(self, posts: Sequence[Post]) -> bool:
        by_path = {post.path: post for post in posts}
        try:
            chosen = [[by_path[path] for path in self.lists[post.path]] for post in posts]
        except KeyError:  # cannot happen for equal inputs; a damaged cache only costs the work
            return False
        for post, related in zip(posts, chosen, strict=True):
            post.related = related
        return True
