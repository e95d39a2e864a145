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

import math
from bisect import bisect_left
from collections.abc import Sequence

from .content import Post

TAG_WINDOW = 40  # candidates taken through one tag: the posts nearest in date with that tag


def rarity(total_posts: int, tagged: int) -> float:
    """How much sharing a tag says: log(1 + N / n), always above zero, higher for rarer tags."""
    return math.log1p(total_posts / tagged)


def _window(members: list[int], own: int, size: int) -> list[int]:
    """The `size` members nearest to `own` in the list's (date) order, itself included."""
    if len(members) <= size + 1:
        return members
    start = min(max(0, bisect_left(members, own) - size // 2), len(members) - size - 1)
    return members[start : start + size + 1]


def attach_related(posts: Sequence[Post], limit: int) -> None:
    """Set `post.related` for every post: up to `limit` others, best first (see the module doc).

    `posts` are the published posts newest first with their tags and series attached. Posts are
    numbered by that order and tags become bits of one integer per post, so finding what two
    posts share is one `&` (at 10,000 posts this whole pass takes a fraction of a second).
    """
    for post in posts:
        post.related = []
    if limit < 1 or len(posts) < 2:
        return
    number = {id(post): i for i, post in enumerate(posts)}
    bit_of: dict[int, int] = {}  # id(tag) -> its bit
    members: list[list[int]] = []  # by bit: the numbers of the tag's posts, ascending (newest first)
    weights: list[float] = []  # by bit
    masks = [0] * len(posts)
    bits: list[list[int]] = [[] for _ in posts]
    for i, post in enumerate(posts):
        for tag in post.tags:
            bit = bit_of.get(id(tag))
            if bit is None:
                bit = bit_of[id(tag)] = len(members)
                members.append(sorted(number[id(p)] for p in tag.posts))
                weights.append(rarity(len(posts), len(tag.posts)))
            masks[i] |= 1 << bit
            bits[i].append(bit)
    parts = {
        id(s): [number[id(p)] for p in s.posts] for s in {id(p.series): p.series for p in posts if p.series}.values()
    }
    series = [id(post.series) if post.series is not None else 0 for post in posts]
    moments = [post.date.timestamp() for post in posts]
    paths = [post.path for post in posts]
    scores: dict[int, float] = {0: 0.0}  # shared mask -> the sum of its tags' rarity
    for i, post in enumerate(posts):
        candidates: set[int] = set()
        for bit in bits[i]:
            candidates.update(_window(members[bit], i, TAG_WINDOW))
        mine = series[i]
        if mine:
            candidates.update(parts[mine])
        candidates.discard(i)
        own = masks[i]
        by_mask: dict[int, list[int]] = {}  # what a candidate shares -> the candidates sharing it
        for other in candidates:
            shared = masks[other] & own
            group = by_mask.get(shared)
            if group is None:
                by_mask[shared] = [other]
            else:
                group.append(other)
        by_score: dict[float, list[int]] = {}
        for shared, group in by_mask.items():
            value = scores.get(shared)
            if value is None:
                # rounded so that adding the same rarities in another order can never reorder two posts
                value = scores[shared] = round(sum(w for b, w in enumerate(weights) if shared >> b & 1), 9)
            by_score.setdefault(value, []).extend(group)
        chosen: list[int] = []
        moment = moments[i]
        for value in sorted(by_score, reverse=True):
            group = by_score[value]
            if len(group) > 1:
                group.sort(key=lambda q: (not mine or series[q] != mine, abs(moments[q] - moment), paths[q]))
            chosen.extend(group[: limit - len(chosen)])
            if len(chosen) == limit:
                break
        post.related = [posts[q] for q in chosen]
