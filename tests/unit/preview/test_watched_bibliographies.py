"""`blog serve` watches every place a bibliography is looked for, as `blog build`'s no-change record
does: jekyll-scholar's `_bibliography/` copied in while the preview runs, or a post's .bib put at
the site root, is a change, and the rebuilt pages cite from it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from generator.build.cache import BuildCache
from generator.build.pipeline import BuildOptions, build
from generator.preview.app import watch_set
from tests.conftest import tree_digest

NOW = datetime(2026, 1, 1, tzinfo=UTC)
BIB = "@article{blei2017,\n  title = {Variational Inference Reviewed},\n  author = {Blei, David},\n  year = {2017}\n}\n"


def make_site(root: Path) -> Path:
    site = root / "site"
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    (site / "site.toml").write_text('title = "t"\nbase_url = "https://example.org/"\n', "utf-8")
    (posts / "vi.md").write_text("---\ntitle: 变分推断\ndate: 2024-01-02\n---\n\n综述 [@blei2017]。\n", "utf-8")
    own = "---\ntitle: 自己的\ndate: 2024-01-03\nbibliography: shared.bib\n---\n\n见 [@blei2017]。\n"
    (posts / "own.md").write_text(own, "utf-8")
    (site / "static" / "assets" / "bibliography").mkdir(parents=True)
    (site / "static" / "assets" / "bibliography" / "shared.bib").write_text(BIB, "utf-8")
    return site


def test_a_scholar_folder_and_a_root_bib_are_watched_and_rebuilt_from(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    preview = BuildOptions(source=site, output=tmp_path / "preview", now=NOW, search_index=False, on_request=True)
    memory = BuildCache()
    first = build(preview, cache=memory)
    assert any("'blei2017' is not in any bibliography" in str(w) for w in first.warnings)
    assert memory.live is not None
    watched = watch_set(preview, preview.output, memory.live.site.posts)
    for path in (site / "_bibliography", site / "_bibliography" / "refs.bib", site / "shared.bib"):
        assert watched.is_relevant(path.resolve()), path
    assert site.resolve() in watched.parents()  # where the folder and the root file would appear

    (site / "_bibliography").mkdir()
    (site / "_bibliography" / "refs.bib").write_text(BIB, "utf-8")
    (site / "shared.bib").write_text(BIB.replace("Reviewed", "Revisited"), "utf-8")
    again = build(preview, cache=memory, changed=frozenset({str(site / "_bibliography"), str(site / "shared.bib")}))
    assert not any("is not in any bibliography" in str(w) for w in again.warnings)
    assert memory.live.materialise_all(memory) == []
    assert "Variational Inference Reviewed" in (tmp_path / "preview" / "posts" / "vi" / "index.html").read_text("utf-8")
    assert "Revisited" in (tmp_path / "preview" / "posts" / "own" / "index.html").read_text("utf-8")
    clean = tmp_path / "clean"
    build(BuildOptions(source=site, output=clean, now=NOW, search_index=False, use_cache=False))
    assert tree_digest(tmp_path / "preview") == tree_digest(clean)


def test_an_edited_bib_under_static_is_read_again_not_only_copied(tmp_path: Path) -> None:
    """al-folio's `assets/bibliography/` lands in static/: a save there is a bibliography edit,
    which the preview's quick path for static files would only have copied."""
    site = make_site(tmp_path)
    preview = BuildOptions(source=site, output=tmp_path / "preview", now=NOW, search_index=False, on_request=True)
    memory = BuildCache()
    build(preview, cache=memory)
    shared = site / "static" / "assets" / "bibliography" / "shared.bib"
    shared.write_text(BIB.replace("Reviewed", "Rewritten"), "utf-8")
    build(preview, cache=memory, changed=frozenset({str(shared)}))
    assert memory.live is not None and memory.live.materialise_all(memory) == []
    assert "Rewritten" in (tmp_path / "preview" / "posts" / "own" / "index.html").read_text("utf-8")
    clean = tmp_path / "clean"
    build(BuildOptions(source=site, output=clean, now=NOW, search_index=False, use_cache=False))
    assert tree_digest(tmp_path / "preview") == tree_digest(clean)
