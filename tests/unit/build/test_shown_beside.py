"""Images a post shows by a path from its own file are published where its page links them."""

from __future__ import annotations

import base64
from pathlib import Path

from generator.build.buildinfo import BuildOptions
from generator.build.pipeline import build

# A 1x1 PNG.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")


def site_with_sibling_folders(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    posts = site / "content" / "posts"
    for folder in ("static", "pics", "bundle", "shared"):
        (posts / folder).mkdir(parents=True)
    for name in ("static/a.png", "pics/b.png", "static/cover.png", "shared/d.png"):
        (posts / name).write_bytes(PNG)
    (tmp_path / "secret.png").write_bytes(PNG)
    (site / "site.toml").write_text('title = "x"\nbase_url = "https://example.org/"\n')
    (posts / "flat.md").write_text(
        "---\ntitle: Flat\ndate: 2024-01-02\ntags: [t]\nimage: static/cover.png\n---\n"
        "![a](static/a.png) ![b](./pics/b.png) ![c](../../../secret.png)\n",
        encoding="utf-8",
    )
    (posts / "bundle" / "index.md").write_text(
        "---\ntitle: Bundle\ndate: 2024-01-03\ntags: [t]\n---\n![d](../shared/d.png)\n", encoding="utf-8"
    )
    return site


def test_a_flat_posts_sibling_folders_are_published_beside_its_page(tmp_path: Path) -> None:
    site = site_with_sibling_folders(tmp_path)
    out = tmp_path / "out"
    report = build(BuildOptions(source=site, output=out, use_cache=False))
    for published in ("posts/flat/static/a.png", "posts/flat/pics/b.png", "posts/flat/static/cover.png"):
        assert (out / published).read_bytes() == PNG, published
    assert (out / "posts/shared/d.png").read_bytes() == PNG  # ../shared from the bundle's page
    assert not list(out.rglob("secret.png"))  # outside the content folder: never published
    messages = [d.message for d in report.warnings]
    assert len(messages) == 1 and "secret.png" in messages[0], messages  # still reported as missing
