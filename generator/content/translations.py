"""Hugo translations in a one-language blog: one post per translation group, the site's language first.

A Hugo blog that was bilingual keeps its translations beside each other: `index.md` beside
`index.en.md` or `index.zh-cn.md` in a page bundle, `post.md` beside `post.zh.md`, or one
folder per language (`content/en/…`, `content/zh-cn/…`, Hugo's `contentDir`). Copied into
content/posts/ they used to be read as unrelated posts: two copies of every post in the
lists, URLs such as /posts/index.en/, and an error when both named the same `slug`.

This site has one language (`language` in site.toml), so each group of translations is
published once, as Hugo publishes its default language at the root: the translation in the
site's language if there is one, else the file with no language code (Hugo's default
language), else the first by code. A post that exists in one language only is published
whatever its language, so nothing written is lost; the translations left out are named in
one summary note. Reading a file's language follows Hugo: a suffix before the extension
that is an ISO 639-1 code, with an optional region (`zh-cn`, `pt-br`, `zh-hans`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from generator.content.model import Post
from generator.errors import Diagnostic, warning

# ISO 639-1: the codes Hugo's language keys are written with ("en", "zh", "pt" in "pt-br").
_CODES = """aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv
    cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
    hu hy hz ia id ie ig ii ik is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la
    lb lg li ln lo lt lu lv mg mh mi mk mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj
    om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv
    sw ta te tg th ti tk tl tn to tr tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu"""
_ISO_639_1 = frozenset(
    _CODES.split()
)  # io, ml and ts are left out: `socket.io.md`, `intro.ml.md` and `types.ts.md` name no language
_SUFFIXED = re.compile(r"^(?P<base>.+)\.(?P<lang>[A-Za-z]{2}(?:[-_][A-Za-z0-9]{2,8})?)$")


def language_code(name: str) -> str | None:
    """'zh-cn' for 'zh-CN' or 'zh_cn', None when the name is not a language tag Hugo would read."""
    code = name.lower().replace("_", "-")
    primary, _, region = code.partition("-")
    if primary not in _ISO_639_1 or (region and not re.fullmatch(r"[a-z0-9]{2,8}", region)):
        return None
    return code


def split_language(stem: str) -> tuple[str, str | None]:
    """('index', 'zh-cn') for the stem 'index.zh-cn'; (stem, None) when it names no language."""
    match = _SUFFIXED.match(stem)
    if match is None:
        return stem, None
    code = language_code(match.group("lang"))
    return (match.group("base"), code) if code is not None else (stem, None)


def base_stem(stem: str) -> str:
    """The stem without its language: Hugo's .TranslationBaseName ('index' for 'index.en')."""
    return split_language(stem)[0]


@dataclass(frozen=True, slots=True)
class _Member:
    """A post in a group of translations, found by its path without the language."""

    post: Post
    key: str  # the group: the path under posts/ without the language, in its file or folder name
    code: str | None  # None: no language written (Hugo's default language)


def _language_folders(relatives: Sequence[str]) -> frozenset[str]:
    """Top folders of posts/ that are Hugo `contentDir`s: named by a language, at least two."""
    tops = {relative.partition("/")[0] for relative in relatives if "/" in relative}
    named = frozenset(top for top in tops if language_code(top) is not None)
    return named if len(named) >= 2 else frozenset()


def _member(post: Post, relative: str, folders: frozenset[str]) -> _Member:
    """String operations on the source path, not PurePosixPath: 0.2 s of loading 10,000 posts."""
    folder, _, name = relative.rpartition("/")
    dot = name.rfind(".")
    base, code = split_language(name[:dot] if 0 < dot < len(name) - 1 else name)
    parts = folder.split("/") if folder else []
    if parts and parts[0] in folders:
        folder_code = language_code(parts[0])
        parts = parts[1:]
        code = code or folder_code
    return _Member(post, "/".join([*parts, base]), code)


def _rank(member: _Member, site: str) -> tuple[int, str]:
    """Lower is chosen first: the site's language, then its main language, no language, the rest."""
    code = member.code
    if code is None:
        return 2, ""
    if code == site:
        return 0, code
    if code.partition("-")[0] == site.partition("-")[0]:
        return 1, code
    return 3, code


def pick_translations(posts: list[Post], site_language: str, prefix: str) -> tuple[list[Post], list[Diagnostic]]:
    """The posts to publish (one per translation group) and one note about those left out."""
    relatives = [p.source[len(prefix) :] if p.source.startswith(prefix) else p.source for p in posts]
    folders = _language_folders(relatives)
    members = [_member(post, relative, folders) for post, relative in zip(posts, relatives, strict=True)]
    groups: dict[str, list[_Member]] = {}
    for member in members:
        groups.setdefault(member.key, []).append(member)
    site = language_code(site_language) or site_language.lower()
    left_out: list[_Member] = []
    chosen: set[int] = set()
    for group in groups.values():
        if len(group) == 1 or len({m.code for m in group}) == 1:
            chosen.update(id(m.post) for m in group)  # no translations: every file is its own post
            continue
        ranked = sorted(group, key=lambda m: _rank(m, site))
        chosen.add(id(ranked[0].post))
        left_out.extend(ranked[1:])
    if not left_out:
        return posts, []
    kept = [post for post in posts if id(post) in chosen]
    languages = sorted({m.code or "no language code" for m in left_out})
    first = min(left_out, key=lambda m: m.post.source)
    note = warning(
        first.post.source,
        None,
        f"{len(left_out)} Hugo translation(s) not published ({', '.join(languages)}), e.g. {first.post.source}: "
        f"this site is in {site_language}, so each post is published once, in that language when it has it",
        "one file per post; to publish another language, set `language` in site.toml to it",
    )
    return kept, [note]


def translation_source(source: str) -> bool:
    """Whether a post file may belong to a translation group: the preview then plans the site
    again rather than move one post, since choosing a translation is a whole-site decision."""
    path = PurePosixPath(source)
    if split_language(path.stem)[1] is not None:
        return True
    return any(language_code(folder) is not None for folder in path.parent.parts)


__all__ = ["base_stem", "language_code", "pick_translations", "split_language", "translation_source"]
