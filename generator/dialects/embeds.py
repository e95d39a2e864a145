"""Players, framed pages, gists and tweets as Hexo's tags and Hugo's shortcodes embedded them.

Both engines have a tag for a YouTube or Vimeo video, a gist and a page in a frame, and a post
moved in from either must show the same thing; so the HTML is made here, once, and hexo.py and
hugo.py only read their own spelling of the arguments. Nothing here loads a remote script: a
video is the player's own iframe (YouTube's no-cookie host, the one Hugo uses with its privacy
setting on), a gist and a tweet are links to them.
"""

from __future__ import annotations

import re
from html import escape

from generator.dialects.body_pass import md_text
from generator.patterns import lazy_pattern

# Hugo's built-in `youtube` and `vimeo`, and the `bilibili` shortcode Chinese themes add.
VIDEO_PLAYERS = {
    "youtube": "https://www.youtube-nocookie.com/embed/{}",
    "vimeo": "https://player.vimeo.com/video/{}",
    "bilibili": "https://player.bilibili.com/player.html?bvid={}&autoplay=0",
}
_PLAYLIST = "https://www.youtube-nocookie.com/embed/videoseries?list={}"
_VIDEO_ID = lazy_pattern(r"[A-Za-z0-9_-]{3,64}")
_FRAME_URL = lazy_pattern(r"(?:https?:)?//[^\s\"'<>]+|/[^\s\"'<>]*")
_SIZE = lazy_pattern(r"(\d{1,5})(px|%)?")


def video_player(service: str, video: str, title: str = "", playlist: bool = False) -> str | None:
    """The player's iframe, one line of HTML (so later line numbers hold); None for an id
    that is not one. `playlist`: a YouTube playlist id (Hexo's `{% youtube id playlist %}`)."""
    video = video.strip()
    if not _VIDEO_ID.fullmatch(video):
        return None
    url = _PLAYLIST if playlist and service == "youtube" else VIDEO_PLAYERS[service]
    source = escape(url.format(video))
    label = escape(title or f"{service} video")
    return (
        f'<div class="video"><iframe src="{source}" title="{label}" loading="lazy" allowfullscreen '
        'style="width:100%;aspect-ratio:16/9;border:0"></iframe></div>'
    )


def _frame_size(name: str, written: str) -> tuple[str, str]:
    """('width="560"', '') for a number, ('', 'width:100%') for a percentage, as HTML allows."""
    match = _SIZE.fullmatch(written.strip())
    if match is None:
        return "", ""
    if match.group(2) == "%":
        return "", f"{name}:{match.group(1)}%"
    return f'{name}="{match.group(1)}"', ""


def frame(url: str, width: str = "100%", height: str = "300") -> str | None:
    """Hexo's `{% iframe url [width] [height] %}`: the page in a frame, 100% wide and 300 pixels
    high unless told; None for anything but a web address or a site path (never `javascript:`)."""
    if not _FRAME_URL.fullmatch(url):
        return None
    attributes, styles = [], []
    for name, written in (("width", width), ("height", height)):
        attribute, style = _frame_size(name, written)
        attributes += [attribute] if attribute else []
        styles += [style] if style else []
    host = re.sub(r"^(?:https?:)?//", "", url).split("/")[0] or url
    sizes = "".join(f" {a}" for a in attributes)
    style = ";".join([*styles, "border:0"])
    return (
        f'<iframe src="{escape(url)}" title="{escape(host)}"{sizes} loading="lazy" allowfullscreen '
        f'style="{style}"></iframe>'
    )


def gist_link(gist: str, shown: str = "") -> str | None:
    """A gist (`user/id` or `id`) as a link to it on gist.github.com, its file name (if given) as
    the text; None when it is not a gist's name."""
    gist = gist.strip("/")
    if not re.fullmatch(r"[\w.-]+(?:/[\w.-]+)?", gist):
        return None
    return f"[GitHub Gist: {md_text(shown or gist)}](https://gist.github.com/{gist})"


def tweet_link(user: str, tweet: str) -> str | None:
    """A tweet as a Markdown link to it (its text would need Twitter's script); None when the id
    is not a number. Without a user, x.com's `/i/status/` address finds the tweet."""
    if not re.fullmatch(r"\d{1,25}", tweet.strip()):
        return None
    user = user.strip().lstrip("@")
    if user and not re.fullmatch(r"\w{1,50}", user):
        return None
    path = f"{user}/status/{tweet.strip()}" if user else f"i/status/{tweet.strip()}"
    text = f"Tweet by @{user}" if user else f"Tweet {tweet.strip()}"
    return f"[{md_text(text)}](https://x.com/{path})"


__all__ = ["VIDEO_PLAYERS", "frame", "gist_link", "tweet_link", "video_player"]
