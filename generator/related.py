"""Related posts: a deterministic score from shared tags, shared series and closeness in time.

The score of a candidate for a post, compared in this order (the first difference decides):

1. the sum, over the tags both posts carry, of each tag's rarity, log(1 + N / n), where N is
   the number of published posts and n the number with that tag: a shared rare tag says more
   than a shared common one;
2. whether both posts are parts of the same series;
3. how close their dates are;
4. the candidate's URL, so that equal scores never depend on the order files were read.

Candidates are posts sharing at least one tag or the series; a post is never its own
candidate. Work is bounded so a 10,000-post site stays fast: through a tag carried by more
than `TAG_WINDOW` posts, only the `TAG_WINDOW` posts nearest in date are candidates (a rare
tag still finds every post that carries it). Each found candidate is then scored on every
tag it shares, so the window limits who is considered, never how a candidate is scored.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence

from .content import Post

TAG_WINDOW = 40  # candidates taken through one tag: the posts nearest in date with that tag


def rarity(total_posts: int, tagged: int) -> float:
    """How much sharing a tag says: log(1 + N / n), always above zero, higher for rarer tags."""
    return math.log1p(total_posts / tagged)


def _window(members: Sequence[Post], index: int, size: int) -> Sequence[Post]:
    """The `size` members nearest to members[index] in the list's (date) order, itself included."""
    if len(members) <= size + 1:
        return members
    half = size // 2
    start = min(max(0, index - half), len(members) - size - 1)
    return members[start : start + size + 1]


def attach_related(posts: Sequence[Post], limit: int) -> None:
    """Set `post.related` for every post: up to `limit` others, best first (see the module doc).

    `posts` are the published posts newest first with their tags and series attached.
    """
    for post in posts:
        post.related = []
    if limit < 1 or len(posts) < 2:
        return
    total = len(posts)
    weight: dict[int, float] = {}  # id(tag) -> rarity
    position: dict[tuple[int, int], int] = {}  # (id(tag), id(post)) -> index in the tag's list
    for post in posts:
        for tag in post.tags:
            if id(tag) not in weight:
                weight[id(tag)] = rarity(total, len(tag.posts))
                for index, member in enumerate(tag.posts):
                    position[(id(tag), id(member))] = index
    when = {id(post): post.date.timestamp() for post in posts}
    for post in posts:
        post.related = _best(post, limit, weight, position, when)


def _best(
    post: Post,
    limit: int,
    weight: dict[int, float],
    position: dict[tuple[int, int], int],
    when: dict[int, float],
) -> list[Post]:
    candidates: dict[int, Post] = {}
    for tag in post.tags:
        for other in _window(tag.posts, position[(id(tag), id(post))], TAG_WINDOW):
            candidates[id(other)] = other
    series = post.series
    if series is not None:
        for other in series.posts:
            candidates[id(other)] = other
    candidates.pop(id(post), None)
    if not candidates:
        return []
    own = {id(tag) for tag in post.tags}
    moment = when[id(post)]
    scored = []
    for key, other in candidates.items():
        # rounded so that adding the same rarities in another order can never reorder two posts
        shared = round(sum(weight[id(tag)] for tag in other.tags if id(tag) in own), 9)
        apart = abs(when[key] - moment)
        scored.append((-shared, series is None or other.series is not series, apart, other.path, other))
    return [row[-1] for row in heapq.nsmallest(limit, scored)]
