"""A command imports what it runs: start-up is most of a small site's build and all of `--help`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, notes_site


def modules_after(code: str) -> set[str]:
    script = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO)
    return set(done.stdout.split())


def build_run(site: Path) -> str:
    """A `blog build` of `site` that lists its modules as it ends (with os._exit: nothing freed)."""
    return (
        "import os, sys\nfrom generator.cli import main\nend = os._exit\n"
        "os._exit = lambda code: (print('\\n'.join(sys.modules)), sys.stdout.flush(), end(code))\n"
        f"sys.argv = ['blog', 'build', '-q', '--source', {str(site)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )


def test_the_command_line_loads_no_build_until_a_command_runs() -> None:
    loaded = modules_after("import generator.cli")
    assert not {name for name in loaded if name.startswith("generator.build.")} - {"generator.build"}
    assert "jinja2" not in loaded
    assert "markdown_it" not in loaded


def test_the_build_leaves_out_the_preview_images_and_processes_until_it_needs_them() -> None:
    loaded = modules_after("import generator.build.pipeline")
    assert "markdown_it" in loaded  # the check sees the pipeline
    assert not {name for name in loaded if name.startswith(("generator.build.live.quick", "generator.preview"))}
    assert "PIL" not in loaded
    assert "multiprocessing" not in loaded


@pytest.mark.parametrize("search", [False, True])
def test_only_a_build_with_search_on_loads_the_indexer(tmp_path: Path, search: bool) -> None:
    """Its text rules compile large Unicode classes at import (about 10 ms a build)."""
    site = notes_site(tmp_path / "site", 2, "Notes")
    config = site / "site.toml"
    config.write_text(config.read_text(encoding="utf-8") + f"search = {str(search).lower()}\n", encoding="utf-8")
    # A build ends with os._exit (nothing freed): the modules are listed as it does.
    run = (
        "import os, sys\nfrom generator.cli import main\nend = os._exit\n"
        "os._exit = lambda code: (print('\\n'.join(sys.modules)), sys.stdout.flush(), end(code))\n"
        f"sys.argv = ['blog', 'build', '-q', '--source', {str(site)!r}]\n"
    )
    loaded = modules_after(run + "try:\n    main()\nexcept SystemExit:\n    pass")
    assert (site / "public" / "index.html").is_file()
    assert ("generator.search.index" in loaded) is search
    assert ("generator.search.text" in loaded) is search


def test_a_build_where_nothing_changed_loads_no_post_model(tmp_path: Path) -> None:
    """The replay unpickles its record: a migration summary in it would import the post model
    and the dialects (50 ms of 0.2 s), so a site with nothing moved in records none."""
    site = notes_site(tmp_path / "site", 2, "Notes")
    run = build_run(site)
    first = modules_after(run)
    assert "generator.build.migration_summary" in first  # the full build made the summary
    again = modules_after(run)
    assert "generator.build.unchanged" in again and "generator.build.pipeline" not in again  # a replay
    assert "generator.build.migration_summary" not in again
    assert "generator.content.model" not in again


def test_a_site_without_notebooks_loads_no_notebook_reader(tmp_path: Path) -> None:
    """The notebook reader brings its output renderers, nh3 and Quarto's cell options: 10 ms of
    every start, for a site that has no notebook."""
    site = notes_site(tmp_path / "site", 2, "Notes")
    run = build_run(site)
    loaded = modules_after(run)
    assert "generator.content.loader" in loaded  # the posts were read
    assert not {"generator.content.notebook", "generator.content.notebook_outputs", "nh3"} & loaded
    (site / "content" / "posts" / "run.ipynb").write_text(
        '{"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Run\\n", "text"]}],'
        ' "metadata": {"blog": {"title": "Run", "date": "2024-01-02"}}, "nbformat": 4, "nbformat_minor": 5}',
        encoding="utf-8",
    )
    with_notebook = modules_after(run)
    assert "generator.content.notebook" in with_notebook
    assert "Run" in (site / "public" / "index.html").read_text(encoding="utf-8")
