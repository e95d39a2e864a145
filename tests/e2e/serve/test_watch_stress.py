"""The watcher under stress: a burst of 200 saves, a delete and recreate, a renamed folder and
an editor's atomic save; `blog serve` must end serving exactly the tree a clean build makes."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from serve_harness import ServeProcess, served_digest

from generator.build.pipeline import BuildOptions, build
from tests.conftest import tree_digest

SETTLE_TIMEOUT = 90.0


def generated_post(number: int) -> str:
    return (
        f"---\ntitle: 压力测试 {number}\ndate: 2025-02-{number % 28 + 1:02d} {number % 24:02d}:00\n"
        f"tags: [压力, t{number % 7}]\n---\n第 {number} 篇，用来测试监视器。\n\n## 小节\n\n内容。\n"
    )


def clean_tree(site: Path, url: str, output: Path) -> dict[str, str]:
    options = BuildOptions(source=site, output=output, base_url=url, use_cache=False)
    build(options)
    return tree_digest(output)


def test_burst_of_changes_ends_like_a_clean_build(
    site: Path, start_serve: Callable[..., ServeProcess], tmp_path: Path
) -> None:
    served = start_serve(site)
    roots = sorted(served.tmpdir.glob("blog-serve-*/site"))
    assert roots, "the serve output folder (under TMPDIR) was not found"
    served_root = roots[0]
    posts = site / "content" / "posts"

    started = time.monotonic()
    (posts / "burst").mkdir()
    for number in range(200):
        (posts / "burst" / f"p{number:03d}.md").write_text(generated_post(number), encoding="utf-8")
    assert time.monotonic() - started < 5.0, "writing 200 small files took unusually long"

    lora = posts / "lora.md"
    text = lora.read_text(encoding="utf-8")
    lora.unlink()
    time.sleep(0.05)
    lora.write_text(text, encoding="utf-8")

    (posts / "burst").rename(posts / "burst-renamed")

    clip = posts / "clip.md"
    temporary = posts / ".clip.md.swp-new"
    temporary.write_text(clip.read_text(encoding="utf-8").replace("\n---\n", "\nsummary: 原子保存\n---\n", 1), "utf-8")
    os.replace(temporary, clip)

    expected = clean_tree(site, served.url, tmp_path / "clean")
    assert len(expected) > 200

    deadline = time.monotonic() + SETTLE_TIMEOUT
    actual: dict[str, str] = {}
    while time.monotonic() < deadline:
        try:
            on_disk = tree_digest(served_root)
        except (FileNotFoundError, OSError):  # caught between the swap's renames
            on_disk = {}
        # Pages nobody asked for yet have no file (the preview makes them on request): what is
        # served for every page of the clean build is compared, once nothing else is on disk.
        settled = set(on_disk) <= set(expected)
        actual = {**on_disk, **served_digest(served.url, expected)} if settled else on_disk
        if actual == expected:
            break
        time.sleep(0.5)
    missing = sorted(set(expected) - set(actual))[:5]
    extra = sorted(set(actual) - set(expected))[:5]
    differing = sorted(k for k in set(expected) & set(actual) if expected[k] != actual[k])[:5]
    assert actual == expected, f"missing {missing}, extra {extra}, differing {differing}\n{served.output[-3000:]}"
    assert served.process.poll() is None
    assert "Traceback" not in served.output
