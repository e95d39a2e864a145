"""Hexo's, Jekyll's and Hugo's permalink spellings in ours (`:year` -> `{year}`).

Kept apart from postpaths.py, which needs the config, so that config validation can use
it without an import cycle.
"""

from __future__ import annotations

from generator.patterns import lazy_pattern

POST_FIELDS = frozenset({"slug", "year", "month", "day", "path", "file", "categories", "i_month", "i_day"})

# Jekyll's named permalink styles (https://jekyllrb.com/docs/permalinks/#built-in-formats).
_JEKYLL_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "none": "/:categories/:title:output_ext",
}
# Hexo, Jekyll and Hugo placeholders that have a field here.
_COLON_FIELDS = {
    "year": "{year}",
    "month": "{month}",
    "day": "{day}",
    "i_month": "{i_month}",
    "i_day": "{i_day}",
    "title": "{file}",  # the file's name (Hexo: its path under source/_posts/), case kept
    "slug": "{slug}",
    "name": "{slug}",
    "filename": "{slug}",
    "categories": "{categories}",
    "output_ext": ".html",
}
_COLON = lazy_pattern(r":([a-z_]+)")


def translate_pattern(pattern: str) -> str:
    """Hexo/Jekyll/Hugo `:field` patterns in our `{field}` form; our own patterns unchanged.

    Unknown `:names` are left as written, so config validation reports them.
    """
    text = _JEKYLL_STYLES.get(pattern.strip(), pattern.strip())
    if ":" not in text:
        return pattern
    text = _COLON.sub(lambda m: _COLON_FIELDS.get(m.group(1), m.group(0)), text)
    return text if text.startswith("/") else "/" + text
