"""`blog new`: a new post file with the front matter filled in, never overwriting one.

Starting a post should take one command and leave nothing to look up: the title is
quoted so any punctuation survives YAML, the date is "now" in the site's time zone (so
the post is not accidentally in the future), and the file name follows a documented slug
rule. Text building and slugs are pure; only `create_post` touches the disk.

How the file name (the slug) is made from the title, by `slug_style` in site.toml:

- ``"unicode"`` (default): the title as a URL segment. Latin letters are lower-cased,
  Chinese (and any other letter or digit) is kept, every run of spaces or punctuation
  becomes one ``-``. "SigLIP 笔记" -> ``siglip-笔记``.
- ``"pinyin"``: Chinese characters become tone-less pinyin, one syllable per word;
  Latin words are kept; accents are dropped; the result is plain ASCII.
  "SigLIP 笔记" -> ``siglip-bi-ji``. Needs the ``pypinyin`` package.
- ``"ascii"``: only ASCII is kept (accents dropped: "café" -> ``cafe``); Chinese is
  dropped. "SigLIP 笔记" -> ``siglip``.

In every style the slug is at most 80 characters (cut at a ``-``), and a title that
leaves nothing usable (e.g. "笔记" in ascii style, or "!!!") gets the date and time
instead: ``2025-06-29-2240``. A ``slug:`` key in the front matter always wins over the
file name.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from pathlib import Path

from generator.urls.paths import slugify, term_slug

SLUG_STYLES = ("unicode", "pinyin", "ascii")
MAX_SLUG = 80
_TAG_SPLIT = re.compile(r"\s*[,，、]\s*")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}
# What PyYAML accepts unescaped inside a double-quoted scalar.
_YAML_PRINTABLE = re.compile("[\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def parse_tag_option(text: str | None) -> list[str]:
    """'多模态,CLIP' (also with ， or 、) -> ['多模态', 'CLIP'], empty items and repeats dropped.

    A tag the build would refuse ('..', '/') is a ValueError now, not a post that fails later.
    """
    tags: list[str] = []
    for item in _TAG_SPLIT.split((text or "").strip()):
        name = item.strip()
        if name and not term_slug(name).strip("-"):  # the same rule the build applies to a post's tags
            raise ValueError(
                f"tag '{name}' has no letters or digits to make a URL from (a tag name with letters or digits)"
            )
        if name and name not in tags:
            tags.append(name)
    return tags


def ascii_fold(text: str) -> str:
    """Latin letters without their accents ('café' -> 'cafe'); other non-ASCII is dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ord(ch) < 128)


def _pinyin_words(title: str) -> str:
    try:
        from pypinyin import Style, lazy_pinyin
    except ImportError:
        raise RuntimeError(
            'slug_style = "pinyin" needs the pypinyin package (pip install pypinyin), or use slug_style = "unicode"'
        ) from None
    # Han characters come back one syllable each; other runs (Latin words) come back as written.
    return "-".join(lazy_pinyin(title, style=Style.NORMAL, errors="default"))


def _shorten(slug: str) -> str:
    if len(slug) <= MAX_SLUG:
        return slug
    cut = slug.rfind("-", 0, MAX_SLUG + 1)
    return slug[: cut if cut > 0 else MAX_SLUG].strip("-")


def slug_for(title: str, style: str = "unicode", now: datetime | None = None) -> str:
    """The file name (without .md) for a title; the rule is in this module's docstring."""
    if style not in SLUG_STYLES:
        raise ValueError(f"unknown slug style '{style}' (expected one of {', '.join(SLUG_STYLES)})")
    if style == "pinyin":
        text = ascii_fold(_pinyin_words(title))
    elif style == "ascii":
        text = ascii_fold(title)
    else:
        text = title
    slug = _shorten(slugify(text)).strip("-.")
    if not slug:
        return (now or datetime.now()).strftime("%Y-%m-%d-%H%M")
    return slug


def _yaml_quote(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly text (one line)."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif _YAML_PRINTABLE.fullmatch(ch):
            out.append(ch)
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:  # pragma: no cover - astral non-printables are all matched above
            out.append(f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def _yaml_tag(name: str) -> str:
    """Plain when it reads back as the same string (大模型, PyTorch, C++), quoted otherwise."""
    plain = re.fullmatch(r"[^\W\d_][\w.+\- ]*", name) and not name.endswith(" ")
    if plain and name.lower() not in _YAML_WORDS:
        return name
    return _yaml_quote(name)


def new_post_text(title: str, tags: list[str], now: datetime, draft: bool = True) -> str:
    """The new file's text: front matter, then an empty body.

    now must be aware and already in the site's time zone (datetime.now(config.tz)): the
    date is written without an offset, which the loader reads in that zone.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware (datetime.now(config.tz))")
    clean_title = " ".join(title.split())
    if not clean_title:
        raise ValueError("the title is empty")
    lines = [
        "---",
        f"title: {_yaml_quote(clean_title)}",
        f"date: {now:%Y-%m-%d %H:%M}",
        f"tags: [{', '.join(_yaml_tag(t) for t in tags)}]",
    ]
    if draft:
        lines.append("draft: true")
    lines += ["---", "", ""]
    return "\n".join(lines)


def _clashes(posts_dir: Path, slug: str) -> list[Path]:
    """Files that would publish at the same URL: slug.md, slug/index.md, YYYY-MM-DD-slug.md."""
    found = [p for p in (posts_dir / f"{slug}.md", posts_dir / slug / "index.md") if p.exists()]
    if posts_dir.is_dir():
        found += sorted(posts_dir.glob(f"[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]-{slug}.md"))
    return found


def create_post(
    posts_dir: Path,
    title: str,
    tags: list[str],
    now: datetime,
    draft: bool = True,
    style: str = "unicode",
    slug: str | None = None,
) -> Path:
    """Write posts_dir/<slug>.md and return its path; refuse (FileExistsError) to replace anything.

    The folder is created if needed. The file is opened in exclusive mode, so even a
    race with another `blog new` cannot overwrite a post.
    """
    text = new_post_text(title, tags, now, draft)
    name = slugify(slug) if slug else slug_for(title, style, now)
    if not name.strip("-."):
        raise ValueError(f"slug '{slug}' has no letters or digits")
    clash = _clashes(posts_dir, name)
    if clash:
        raise FileExistsError(
            f"{clash[0]} already exists with the slug '{name}'; nothing was written "
            "(choose another title, or pass --slug)"
        )
    posts_dir.mkdir(parents=True, exist_ok=True)
    path = posts_dir / f"{name}.md"
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise FileExistsError(
            f"{path} already exists; nothing was written (choose another title, or pass --slug)"
        ) from None
    return path


__all__ = ["SLUG_STYLES", "create_post", "new_post_text", "parse_tag_option", "slug_for"]
