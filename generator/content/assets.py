"""The folder beside a post, and links written relative to the post's Markdown file.

Hexo's `post_asset_folder` keeps a post's images in a folder named after it (`48_kmp.md`
beside `48_kmp/`), and that folder is published as the post's page folder (`/posts/48_kmp/`).
Typora, VS Code and GitHub's preview resolve a link from the Markdown file, so they write
`![](48_kmp/1.webp)`; Hexo showed it because hexo-asset-image and hexo-image-link cut the
folder name off. From the page that link names `/posts/48_kmp/48_kmp/1.webp`, which is never
published. `from_asset_folder` cuts it off as those plugins did: the file it names is the one
the writer's editor showed.
"""

from __future__ import annotations

import posixpath
from urllib.parse import unquote

from generator.content.translations import base_stem

__all__ = ["asset_folder_name", "from_asset_folder"]


def asset_folder_name(source: str) -> str:
    """The name of the folder beside a post file that holds its files; "" for a page bundle.

    A bundle (`x/index.md`) already is its folder, so its links are written from the page and
    nothing needs cutting. A translation (`x.zh.md`) shares its group's folder `x/`.
    """
    stem = base_stem(posixpath.splitext(posixpath.basename(source.replace("\\", "/")))[0])
    return "" if stem == "index" else stem


def from_asset_folder(url: str, folder: str) -> str | None:
    """`url` as seen from the post's page, when it is written from the post's file into its
    asset folder (`48_kmp/1.webp` or `./48_kmp/1.webp` -> `1.webp`); None for any other URL.

    Compared after percent-decoding, since markdown-it encodes a folder named in Chinese.
    """
    if not folder:
        return None
    rest = url[2:] if url.startswith("./") else url
    first, slash, inside = rest.partition("/")
    if not slash or not inside or unquote(first) != folder:
        return None
    return inside
