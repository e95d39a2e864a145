"""A Jekyll site's `_bibliography/` folder, copied beside site.toml, is read as jekyll-scholar read
it: `{% cite key --file papers %}` finds `_bibliography/papers.bib`."""

from __future__ import annotations

from pathlib import Path

from generator.build.buildinfo import BuildOptions
from generator.build.pipeline import build

BIB = "@article{smith2020deep, title = {Deep Models}, author = {Smith, Ann}, year = {2020}, journal = {J}}\n"


def test_a_cite_naming_a_file_of_the_scholar_folder_resolves(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "_bibliography").mkdir()
    (site / "_bibliography" / "papers.bib").write_text(BIB, encoding="utf-8")
    (site / "site.toml").write_text('title = "x"\nbase_url = "https://example.org/"\nlanguage = "en"\n')
    (site / "content" / "posts" / "2023-04-16-scholar.md").write_text(
        "---\nlayout: post\ntitle: Scholar\ntags: [t]\n---\n"
        "Deep models help {% cite smith2020deep --file papers %}.\n\n## References\n\n"
        "{% bibliography --cited --file papers %}\n",
        encoding="utf-8",
    )
    report = build(BuildOptions(source=site, output=tmp_path / "out", use_cache=False))
    page = (tmp_path / "out" / "posts" / "scholar" / "index.html").read_text(encoding="utf-8")
    assert report.warnings == [], report.warnings
    assert "[?smith2020deep]" not in page and 'id="ref-smith2020deep"' in page and "Deep Models" in page
