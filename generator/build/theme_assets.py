"""The built-in theme's stylesheets and scripts are published minified; the site's own are not.

The theme's CSS and JavaScript explain themselves in comments (why a rule, which browser,
which issue), a fifth to a third of their bytes, and every reader of every page downloaded
them: on the index page that was 3 KB of its 80 gzipped. Hugo and Hexo users minify with a
flag or a plugin; the theme's files are ours, so they are always minified, while a file in the
site's static/ (which may be the writer's own copy of a theme file) is published byte for byte.

rcssmin and rjsmin (PyPI) rather than our own: a minifier has to know JavaScript's strings,
template literals and regular-expression literals to tell a comment from text, and these two
are small, maintained, and keep `/*! ... */` licence comments. Both are pure functions of the
text, so a warm build publishes the bytes a cold one does.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from generator.build.templates import THEME_DIR

__all__ = ["is_minified", "minified", "minifier_versions"]

_THEME_STATIC = THEME_DIR / "static"


def is_minified(source: Path) -> bool:
    """A stylesheet or script of the built-in theme (a site's static/ file never is)."""
    return source.suffix.lower() in (".css", ".js") and source.is_relative_to(_THEME_STATIC)


def minified(source: Path) -> bytes:
    """The bytes published for a file is_minified accepts."""
    text = source.read_text(encoding="utf-8")
    if source.suffix.lower() == ".css":
        import rcssmin

        return str(rcssmin.cssmin(text)).encode("utf-8")
    import rjsmin

    return str(rjsmin.jsmin(text)).encode("utf-8")


@cache
def minifier_versions() -> str:
    """Part of a minified file's record: a new minifier's output replaces the old one's."""
    import rcssmin
    import rjsmin

    return f"rcssmin-{rcssmin.__version__},rjsmin-{rjsmin.__version__}"
