#!/usr/bin/env python3
"""Give a bench corpus pictures: wide screenshots and photos shown by its posts, as real blogs have.

    python bench/image_corpus.py --corpus DIR [--posts 100] [--per-post 3] [--photos 0.25] [--alpha 0]

The shared corpus (../shared/bench/make_corpus.py) has no image at all, so no cold-build figure
counted the WebP copies a first build makes of every image wider than the text column. This
adds `--per-post` images to each of the first `--posts` posts (under static/img/, shown with
`![](/img/…)`): screenshots (PNG, 1,400 to 2,400 pixels wide, flat colours, boxes and lines of
text) and, a `--photos` share of them, photos (JPEG, 3,000 x 2,000, smooth light and grain).
An `--alpha` share of the screenshots is saved with an alpha channel that is opaque everywhere,
as macOS and most screenshot tools save them (27 of 30 of a real blog's PNGs were).
Deterministic: the same arguments make the same bytes. Then time it, for example with
`python bench/cold_vs_before.py --corpus DIR --before OLD_TREE`.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter


def screenshot(chance: random.Random) -> Image.Image:
    """Flat colours, boxes and text lines: what a loss curve, a terminal or a web page shows."""
    width = chance.randrange(1400, 2401, 8)
    image = Image.new("RGB", (width, width * 9 // 16), (250, 250, 250))
    draw = ImageDraw.Draw(image)
    for _ in range(chance.randrange(4, 12)):
        x, y = chance.randrange(width - 200), chance.randrange(image.height - 100)
        colour = tuple(chance.randrange(60, 240) for _ in range(3))
        draw.rectangle((x, y, x + chance.randrange(80, 600), y + chance.randrange(40, 300)), outline=colour, width=3)
    for row in range(0, image.height - 20, 22):
        words = " ".join("".join(chance.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6)) for _ in range(12))
        draw.text((20 + chance.randrange(40), row), words, fill=(30, 30, 30))
    return image


def photo(chance: random.Random) -> Image.Image:
    """A smooth gradient with grain: a camera's picture compresses and resizes like this."""
    small = Image.new("RGB", (30, 20))
    small.putdata([tuple(chance.randrange(256) for _ in range(3)) for _ in range(600)])
    image = small.resize((3000, 2000), Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(8))
    grain = Image.effect_noise((3000, 2000), 24).convert("RGB")
    return Image.blend(image, grain, 0.15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True, help="a corpus made by make_corpus.py (changed in place)")
    parser.add_argument("--posts", type=int, default=100, help="posts given images (the first, by file name)")
    parser.add_argument("--per-post", type=int, default=3)
    parser.add_argument("--photos", type=float, default=0.25, help="the share of images that are JPEG photos")
    parser.add_argument("--alpha", type=float, default=0.0, help="the share of screenshots saved with an opaque alpha")
    args = parser.parse_args()
    chance = random.Random(20261207)
    folder = args.corpus / "static" / "img"
    folder.mkdir(parents=True, exist_ok=True)
    posts = sorted((args.corpus / "content" / "posts").glob("*.md"))[: args.posts]
    made = 0
    for post in posts:
        shown = []
        for number in range(args.per_post):
            name = f"{post.stem}-{number}"
            if chance.random() < args.photos:
                photo(chance).save(folder / f"{name}.jpg", quality=88)
                shown.append(f"![照片 {number}](/img/{name}.jpg)")
            else:
                shot = screenshot(chance)
                (shot.convert("RGBA") if chance.random() < args.alpha else shot).save(folder / f"{name}.png")
                shown.append(f"![截图 {number}](/img/{name}.png)")
            made += 1
        with post.open("a", encoding="utf-8") as text:
            text.write("\n\n" + "\n\n".join(shown) + "\n")
    print(f"{made} images in {folder}, shown by {len(posts)} posts")


if __name__ == "__main__":
    main()
