"""A first build's search index is swapped in with the pages, not after them: a Ctrl-C while the
index is being finished leaves the old site whole, index included, as the message says."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.build.pipeline import BuildOptions, build
from tests.conftest import REPO, tree_digest

NOW = datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))


def make_site(root: Path, posts: int = 30) -> Path:
    site = root / "site"
    (site / "content/posts").mkdir(parents=True)
    (site / "site.toml").write_text('title = "t"\nbase_url = "https://e.org/"\nsearch = true\n', encoding="utf-8")
    for number in range(posts):  # more than background.BLOCK_TARGET_FOR_BACKGROUND: indexed beside the pages
        text = f"---\ntitle: 文章{number}\ndate: 2025-01-{number % 28 + 1:02d}\ntags: [t]\n---\n低秩分解 {number}。\n"
        (site / f"content/posts/p{number}.md").write_text(text, encoding="utf-8")
    return site


# Run in a process of its own: the index is made beside the pages only where forking is safe (no
# other thread running), which a test process that ran a preview's tests before may not be.
STOPPED_WHILE_INDEXING = """
import sys
from pathlib import Path
from generator.build.pipeline import BuildOptions, build
from generator.search import background

def stopped(self, folder):
    print("indexing", flush=True)
    self.cancel()
    raise KeyboardInterrupt

background.BackgroundIndex.finish = stopped
try:
    build(BuildOptions(source=Path(sys.argv[1]), output=Path(sys.argv[2]), use_cache=False))
except KeyboardInterrupt:
    sys.exit(130)
"""


def test_a_stop_while_the_index_is_finished_leaves_the_old_site_with_its_index(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    output = tmp_path / "public"
    build(BuildOptions(source=site, output=output, now=NOW, use_cache=False))
    before = tree_digest(output)
    assert any(name.startswith("search-index/") for name in before)
    (site / "content/posts/p0.md").write_text("---\ntitle: 新\ndate: 2025-01-01\n---\n改了。\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", STOPPED_WHILE_INDEXING, str(site), str(output)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 130 and "indexing" in done.stdout, done.stderr  # the index was made beside the pages
    assert tree_digest(output) == before
    assert [
        p.name for p in tmp_path.iterdir() if ".staging-" in p.name or ".old-" in p.name or ".search-" in p.name
    ] == []


def test_a_first_build_publishes_its_index_and_reports_its_stage(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    report = build(BuildOptions(source=site, output=tmp_path / "public", now=NOW, use_cache=False))
    assert list(report.stages)[-2:] == ["write", "search"]
    assert (tmp_path / "public/search-index/index.json").is_file()
