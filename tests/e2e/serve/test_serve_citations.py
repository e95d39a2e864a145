"""`blog serve` and references.bib: an edited entry reloads the page, and only the posts citing it
are parsed again; a post that starts citing a key shows it at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from serve_harness import EventStream, ServeProcess, edit, fetch, make_site, wait_until

BIB = """@article{alpha2020,
  author = {M{\\"u}ller, Anna and Li, Wei},
  title = {The First Title},
  journal = {Journal A},
  year = {2020},
}
@article{beta2021,
  author = {Smith, Bob},
  title = {Another Work},
  journal = {Journal B},
  year = {2021},
}
"""


def _post(name: str, body: str) -> str:
    return f"---\ntitle: {name}\ndate: 2025-01-0{len(name)}\ntags: [t]\n---\n\n{body}\n"


def test_editing_references_bib_reloads_only_the_citing_posts(
    tmp_path: Path, start_serve: Callable[..., ServeProcess]
) -> None:
    site = make_site(tmp_path, posts=())
    (site / "references.bib").write_text(BIB, encoding="utf-8")
    posts = site / "content" / "posts"
    (posts / "a.md").write_text(_post("a", "引用 [@alpha2020]。"), encoding="utf-8")
    (posts / "bb.md").write_text(_post("bb", "引用 [@beta2021]。"), encoding="utf-8")
    served = start_serve(site)
    assert "The First Title" in fetch(served.url + "posts/a/").text
    stream = EventStream(served.port)
    try:
        stream.next("hello")
        start = served.line_count()
        edit(site / "references.bib", "The First Title", "A Better Title")
        wait_until(lambda: "A Better Title" in fetch(served.url + "posts/a/").text)
        reload = stream.next("reload")
        assert "posts/a/index.html" in reload.data["changed"]
        line = served.wait_for_line(r"Rebuilt in \d+ ms", start=start)
        assert "1 post parsed" in line.string
        assert "Another Work" in fetch(served.url + "posts/bb/").text

        edit(posts / "bb.md", "引用 [@beta2021]。", "引用 [@beta2021] 和 [@alpha2020]。")
        wait_until(lambda: "A Better Title" in fetch(served.url + "posts/bb/").text)
        page = fetch(served.url + "posts/bb/").text
        assert '>1</a>]</span> 和 <span class="citation">[<a class="cite-link" href="#ref-alpha2020"' in page
    finally:
        stream.close()


def test_a_scholar_folder_copied_in_while_serving_resolves_the_citations(
    tmp_path: Path, start_serve: Callable[..., ServeProcess]
) -> None:
    site = make_site(tmp_path, posts=())
    (site / "content" / "posts" / "a.md").write_text(_post("a", "引用 [@alpha2020]。"), encoding="utf-8")
    served = start_serve(site)
    assert "The First Title" not in fetch(served.url + "posts/a/").text
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "papers.bib").write_text(BIB, encoding="utf-8")
    folder.rename(site / "_bibliography")  # copied in whole, as a move from Jekyll does
    wait_until(lambda: "The First Title" in fetch(served.url + "posts/a/").text)
