"""`blog serve`: the search page exists and its index follows edits, in the background; --no-search leaves it out."""

from __future__ import annotations

import json
import signal
from collections.abc import Callable
from pathlib import Path

from serve_harness import ServeProcess, fetch, wait_until

from generator.search.index import unpacked


def _indexed_pages(base: str) -> int:
    entry = fetch(base + "search-index/index.json")
    if entry.status != 200:
        return 0
    return int(json.loads(entry.text)["docs"])


def _fragments(server: ServeProcess) -> list[Path]:
    return sorted(server.tmpdir.glob("blog-serve-*/site/search-index/f/*.bin"))


def test_search_index_is_built_and_follows_new_posts(site: Path, start_serve: Callable[..., ServeProcess]) -> None:
    server = start_serve(site)
    base = server.url if server.url.endswith("/") else server.url + "/"
    assert fetch(base + "search/").status == 200
    wait_until(lambda: _indexed_pages(base) > 0, timeout=60)
    before = _indexed_pages(base)
    (site / "content" / "posts" / "new-post.md").write_text(
        "---\ntitle: 新文章\ndate: 2024-01-02\ntags: [测试]\n---\n\n独一无二的检索词甲乙丙。\n", encoding="utf-8"
    )
    wait_until(lambda: _indexed_pages(base) == before + 1, timeout=60)
    server.wait_for_line(r"Search index updated in")
    (site / "content" / "posts" / "new-post.md").unlink()
    wait_until(lambda: _indexed_pages(base) == before, timeout=60)
    texts = [json.dumps(unpacked(p.read_bytes()), ensure_ascii=False) for p in _fragments(server)]
    assert texts and not any("甲乙丙" in text for text in texts)
    assert server.stop(signal.SIGINT) == 0
    assert not list(server.tmpdir.glob("blog-serve-*")), "the temporary folder is left behind"


def test_with_no_search_there_is_no_search_page(site: Path, start_serve: Callable[..., ServeProcess]) -> None:
    served = start_serve(site, "--no-search")
    base = served.url if served.url.endswith("/") else served.url + "/"
    assert fetch(base + "search/").status == 404
