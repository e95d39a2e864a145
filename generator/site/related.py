"""Related posts: a deterministic score from shared tags, shared series and closeness in time.

The score of a candidate for a post, compared in this order (the first difference decides):

1. the sum, over the tags both posts carry, of each tag's rarity, log(1 + C / b), where C is
   `RARITY_SCALE` (100) and b the number of posts with that tag rounded down to a power of
   two (1, 2, 4, 8, …): a shared rare tag says more than a shared common one;
2. whether both posts are parts of the same series;
3. how close their dates are;
4. the candidate's URL, so that equal scores never depend on the order files were read.

Why this rarity: it depends on the tag's own count only, and only on its order of magnitude,
so a new post changes the weight of its own tags alone, and only when one of them crosses a
power of two. Related lists elsewhere stay put, and `blog serve` re-ranks only the posts near
the changed one (live/posts.py). Tags whose counts are within a factor of two weigh the same,
which a reader cannot tell apart anyway; the series and the dates then decide. For a blog of
about a hundred posts the weights are those of the usual log(1 + N / n).

Candidates are posts sharing at least one tag or the series; a post is never its own
candidate. Work is bounded so a 10,000-post site stays fast: through a tag carried by more
than `TAG_WINDOW` posts, only the `TAG_WINDOW` posts nearest in date are candidates (a rare
tag still finds every post that carries it). Each found candidate is then scored on every
tag it shares, so the window limits who is considered, never how a candidate is scored.
A shared score is summed in tag-slug order and rounded, so the whole-site pass
(`attach_related`) and the one-post pass (`related_of`) give the same floats.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence

from generator.content.model import Post

TAG_WINDOW = 40  # candidates taken through one tag: the posts nearest in date with that tag
RARITY_SCALE = 100  # C in log(1 + C / b): the weights of a blog about this size under log(1 + N / n)


def rarity(tagged: int) -> float:
    """How much sharing a tag carried by `tagged` posts says: above zero, higher for rarer tags."""
    return math.log1p(RARITY_SCALE / (1 << (max(tagged, 1).bit_length() - 1)))


def _window(members: list[int], own: int, size: int) -> list[int]:
    """The `size` members nearest to `own` in the list's (date) order, itself included."""
    start, end = window_bounds(len(members), bisect_left(members, own), size)
    return members[start:end]


def window_bounds(length: int, at: int, size: int) -> tuple[int, int]:
    """Which slice of a tag's posts (newest first) are candidates for the post at index `at`."""
    if length <= size + 1:
        return 0, length
    start = min(max(0, at - size // 2), length - size - 1)
    return start, start + size + 1


def _score(weights: list[float]) -> float:
    # rounded so that adding the same rarities in another order can never reorder two posts
    return round(sum(weights), 9)


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
    every = {id(tag): tag for post in posts for tag in post.tags}
    ordered = sorted(every.values(), key=lambda tag: tag.slug)  # bit order is slug order: see _score
    bit_of = {id(tag): bit for bit, tag in enumerate(ordered)}
    members = [sorted(number[id(p)] for p in tag.posts) for tag in ordered]  # by bit, newest first
    weights = [rarity(len(tag.posts)) for tag in ordered]
    masks = [0] * len(posts)
    bits: list[list[int]] = [[] for _ in posts]
    for i, post in enumerate(posts):
        for tag in post.tags:
            bit = bit_of[id(tag)]
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
                value = scores[shared] = _score([w for b, w in enumerate(weights) if shared >> b & 1])
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


def index_in(posts: Sequence[Post], post: Post) -> int:
    """Where `post` stands in a list in site order (newest first, then by file, as plan.assemble sorts)."""
    key = (post.date, post.source)
    low, high = 0, len(posts)
    while low < high:
        middle = (low + high) // 2
        other = posts[middle]
        if (other.date, other.source) > key:
            low = middle + 1
        else:
            high = middle
    return low


def related_of(post: Post, limit: int, moments: dict[int, float] | None = None) -> list[Post]:
    """One post's related list, as `attach_related` gives it, from its tags' current posts.

    For blog serve, which re-ranks only the posts a save can affect (live/posts.py); `moments`
    keeps posts' timestamps (by id) between calls that share candidates.
    """
    if limit < 1:
        return []
    candidates: dict[int, Post] = {}
    for tag in post.tags:
        start, end = window_bounds(len(tag.posts), index_in(tag.posts, post), TAG_WINDOW)
        for other in tag.posts[start:end]:
            candidates[id(other)] = other
    mine = post.series
    if mine is not None:
        for other in mine.posts:
            candidates[id(other)] = other
    candidates.pop(id(post), None)
    own = sorted(post.tags, key=lambda tag: tag.slug)  # bit order is slug order, as in attach_related
    bit_of = {id(tag): 1 << bit for bit, tag in enumerate(own)}
    weights = [rarity(len(tag.posts)) for tag in own]
    scores: dict[int, float] = {0: 0.0}
    moment = post.date.timestamp()
    if moments is None:
        moments = {}
    ranked: list[tuple[tuple[float, bool, float, str], Post]] = []
    for other in candidates.values():
        shared = 0
        for tag in other.tags:
            shared |= bit_of.get(id(tag), 0)
        value = scores.get(shared)
        if value is None:
            value = scores[shared] = _score([w for b, w in enumerate(weights) if shared >> b & 1])
        same_series = mine is not None and other.series is mine
        when = moments.get(id(other))
        if when is None:
            when = moments[id(other)] = other.date.timestamp()
        ranked.append(((-value, not same_series, abs(when - moment), other.path), other))
    ranked.sort(key=lambda item: item[0])
    return [other for _, other in ranked[:limit]]
