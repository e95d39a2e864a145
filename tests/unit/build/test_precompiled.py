"""The theme's templates shipped compiled: up to date, used only when they match, same pages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest

from generator.build import precompiled, templates
from generator.build.pipeline import BuildOptions, build
from generator.build.templates import _where, make_environment
from generator.config.settings import SiteConfig
from tests.conftest import tree_digest


def _compiled_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_the_shipped_modules_are_those_the_templates_compile_to(tmp_path: Path) -> None:
    stale = "the theme's templates changed: run `python -m generator.build.precompiled` and commit generator/theme/compiled/"
    digest, made_by = (templates.COMPILED_DIR / templates.DIGEST_FILE).read_text(encoding="ascii").splitlines()
    assert digest == templates.theme_digest(), stale
    assert templates.compiled_theme() is not None
    if made_by != f"jinja2 {jinja2.__version__}":  # another release may write other code for the same files
        pytest.skip(f"the modules were written by {made_by}, this is Jinja {jinja2.__version__}")
    precompiled.write_compiled(precompiled.theme_environment(), tmp_path / "fresh")
    assert _compiled_files(tmp_path / "fresh") == _compiled_files(templates.COMPILED_DIR), stale


def test_a_theme_edited_in_place_or_another_jinja_is_compiled_from_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(templates, "theme_digest", lambda: "a template file changed since")
    assert templates.compiled_theme() is None
    env = make_environment(SiteConfig(root=tmp_path), tmp_path / "templates")
    assert not isinstance(env.loader, jinja2.ChoiceLoader)
    assert env.get_template("post.html").filename == str(templates.THEME_DIR / "templates" / "post.html")


@pytest.mark.parametrize("override", [False, True])
def test_a_site_built_with_the_compiled_theme_is_the_site_built_from_the_files(
    copy_site: Callable[[str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, override: bool
) -> None:
    """Also with the site's own base.html and macros, which the compiled pages must pick up."""
    site = copy_site("reader")
    if override:
        own = site / "templates"
        own.mkdir()
        base = (templates.THEME_DIR / "templates" / "base.html").read_text(encoding="utf-8")
        (own / "base.html").write_text(base.replace("<body", "<body data-own-base", 1), encoding="utf-8")
        macros = (templates.THEME_DIR / "templates" / "_macros.html").read_text(encoding="utf-8")
        (own / "_macros.html").write_text(macros + "\n{# the site's copy #}\n", encoding="utf-8")
    build(BuildOptions(source=site, output=tmp_path / "with", use_cache=False))
    monkeypatch.setattr(templates, "compiled_theme", lambda: None)
    build(BuildOptions(source=site, output=tmp_path / "without", use_cache=False))
    assert tree_digest(tmp_path / "with") == tree_digest(tmp_path / "without")
    home = (tmp_path / "with" / "index.html").read_text(encoding="utf-8")
    assert ("data-own-base" in home) is override


def test_an_error_in_a_compiled_theme_template_names_its_html_file_and_line(tmp_path: Path) -> None:
    def failure(env: jinja2.Environment) -> tuple[str, int | None]:
        with pytest.raises(jinja2.UndefinedError) as caught:
            env.get_template("post.html").render()  # no page, no post: StrictUndefined stops it
        return _where(caught.value, tmp_path / "templates")

    config = SiteConfig(root=tmp_path, base_url="https://example.org/")
    compiled = make_environment(config, tmp_path / "templates")
    assert isinstance(compiled.loader, jinja2.ChoiceLoader)
    from_files = make_environment(config, tmp_path / "templates", precompiled=False)
    where = failure(compiled)
    assert where == failure(from_files)
    assert where[0].endswith("theme/templates/post.html") or where[0].endswith("theme/templates/base.html")
    assert where[1] is not None


def test_each_environment_runs_the_compiled_theme_in_its_own_namespace(tmp_path: Path) -> None:
    """Jinja binds a compiled template's namespace to the environment that loads it: blog serve
    makes a new environment after a config edit, and the old one must keep its own filters.
    And no loader leaves an entry in sys.modules (Jinja's ModuleLoader leaves a weak proxy that
    dies with it, which broke Hypothesis walking sys.modules)."""
    import sys

    first = make_environment(SiteConfig(root=tmp_path, base_url="https://a.example/"), tmp_path / "templates")
    second = make_environment(SiteConfig(root=tmp_path, base_url="https://b.example/"), tmp_path / "templates")
    for env in (first, second, first):
        assert env.get_template("base.html").root_render_func.__globals__["environment"] is env
    assert first.get_template("base.html").root_render_func.__globals__["environment"] is first
    assert not [name for name in sys.modules if name.startswith("_jinja2_module_templates")]
