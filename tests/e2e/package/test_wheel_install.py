"""The generator as a user gets it: a wheel in a fresh virtual environment, used outside the repository.

This is where a missing theme file in the package data, a dependency left out of
pyproject.toml, or a `blog init` workflow whose steps do not fit together
shows up, before a user meets it. The virtual environment sees the machine's installed
packages (--system-site-packages) so nothing is downloaded; pip installs the wheel
itself with --no-index, and a second `pip install --no-index` proves every declared
dependency is satisfied.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import __version__

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "tests" / "publish"))
from test_workflow import _actionlint_command  # noqa: E402

PAGES_BASE_URL = "https://example.github.io/myblog"  # what configure-pages reports (no trailing slash)
FROM_CACHE = re.compile(r"posts parsed (\d+), from cache (\d+)")


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    env: dict[str, str]
    outside: Path  # a folder outside the repository to work in

    def run(self, *args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            list(args), cwd=cwd, env=self.env, capture_output=True, text=True, encoding="utf-8", timeout=timeout
        )


def _build_wheel(work: Path) -> Path:
    """From a copy of the sources, so the repository gets no build/ or .egg-info folders."""
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(REPO / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    dist = work / "dist"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(dist), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (wheel,) = dist.glob("blog_generator-*.whl")
    return wheel


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    work = tmp_path_factory.mktemp("wheel")
    assert REPO not in work.parents
    wheel = _build_wheel(work)
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=120)
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}", PYTHONIOENCODING="utf-8", NO_COLOR="1")
    env.update(PIP_NO_INDEX="1", PIP_FIND_LINKS=str(wheel.parent), PIP_DISABLE_PIP_VERSION_CHECK="1")
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    for extra in (["--ignore-installed", "--no-deps"], []):  # then: every dependency is already there
        done = subprocess.run([*pip, *extra, str(wheel)], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
    outside = work / "home"
    outside.mkdir()
    return Installed(wheel, venv, env, outside)


def test_the_wheel_carries_the_theme_the_search_code_and_the_starter_files(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as archive:
        names = set(archive.namelist())
        metadata_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = archive.read(metadata_name).decode("utf-8")
    theme = {p.relative_to(REPO).as_posix() for p in (REPO / "generator" / "theme").rglob("*") if p.is_file()}
    starter = {p.relative_to(REPO).as_posix() for p in (REPO / "generator" / "starter").iterdir()}
    assert theme and starter
    assert sorted(theme - names) == [] and sorted(starter - names) == []
    assert f"Version: {__version__}" in metadata
    assert "generator/theme/static/js/search.js" in names
    assert "Requires-Dist: pagefind" not in metadata  # search is ours: no binary to download


def test_the_installed_package_is_the_one_that_runs(installed: Installed) -> None:
    python = str(installed.venv / "bin" / "python")
    done = installed.run(python, "-c", "import generator; print(generator.__file__)", cwd=installed.outside)
    assert Path(done.stdout.strip()).is_relative_to(installed.venv), done.stdout + done.stderr
    version = installed.run("blog", "--version", cwd=installed.outside)
    assert version.returncode == 0 and version.stdout.strip() == f"blog, version {__version__}"


def _serve_once(installed: Installed, site: Path) -> tuple[int, str]:
    """Start `blog serve --port 0`, request the home page once, stop it with Ctrl-C."""
    process = subprocess.Popen(
        ["blog", "serve", "--port", "0"],
        cwd=site,
        env=installed.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
    )
    try:
        deadline = time.monotonic() + 60
        url = None
        assert process.stdout is not None
        while url is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            match = re.search(r"Serving at (http://\S+)", line)
            url = match.group(1) if match else None
        assert url, "blog serve never said where it serves"
        with urllib.request.urlopen(url, timeout=30) as response:
            return int(response.status), response.read().decode("utf-8")
    finally:
        process.send_signal(2)  # Ctrl-C
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


def test_init_build_check_and_serve_outside_the_repository(installed: Installed) -> None:
    home = installed.outside
    init = installed.run("blog", "init", "site", "--title", "我的 ML 笔记", "--author", "小明", cwd=home)
    assert init.returncode == 0, init.stdout + init.stderr
    site = home / "site"
    assert (site / "site.toml").is_file() and (site / "templates").is_dir() and (site / "static").is_dir()
    assert f"blog-generator=={__version__}" in (site / "requirements.txt").read_text(encoding="utf-8")

    build = installed.run("blog", "build", cwd=site)
    assert build.returncode == 0, build.stdout + build.stderr
    assert "warning" not in (build.stdout + build.stderr).lower(), build.stderr
    public = site / "public"
    assert (public / "search-index" / "index.json").is_file(), "pip install + blog build must publish search"
    assert (public / "search" / "index.html").is_file()
    post = (public / "posts" / "hello-world" / "index.html").read_text(encoding="utf-8")
    assert "<math" in post and 'class="highlight' in post
    assert "我的 ML 笔记" in (public / "index.html").read_text(encoding="utf-8")

    check = installed.run("blog", "check", cwd=site)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "warning" not in check.stderr.lower()

    status, html = _serve_once(installed, site)
    assert status == 200 and "你好，世界" in html

    again = installed.run("blog", "init", "site", cwd=home)
    assert again.returncode == 1 and "not empty" in again.stderr


# --- the workflow blog init wrote, its steps run in order here ----------------------------


@dataclass
class Runner:
    """What GitHub's runner keeps between runs of the workflow: the saved build cache."""

    saved_cache: dict[str, Path]


def _run_workflow(installed: Installed, checkout: Path, runner: Runner) -> dict[str, Any]:
    """Each step of the build job in order; `uses:` steps are played by hand, `run:` steps run as written."""
    workflow = yaml.safe_load((checkout / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    seen: dict[str, Any] = {"runs": {}}
    cache_path: Path | None = None
    for step in workflow["jobs"]["build"]["steps"]:
        action = str(step.get("uses", "")).split("@")[0]
        if action == "actions/checkout":
            assert not (checkout / "public").exists() and not (checkout / ".cache").exists()
        elif action == "actions/setup-python":
            assert step["with"]["cache-dependency-path"] == "requirements.txt"
        elif action == "actions/cache":
            cache_path = checkout / step["with"]["path"]
            saved = runner.saved_cache.get(step["with"]["path"])
            if saved is not None:
                shutil.copytree(saved, cache_path)
        elif action == "actions/configure-pages":
            pass  # its output, steps.pages.outputs.base_url, is PAGES_BASE_URL
        elif action == "actions/upload-pages-artifact":
            seen["uploaded"] = checkout / step["with"]["path"]
        elif "run" in step:
            command = step["run"].replace("${{ steps.pages.outputs.base_url }}", PAGES_BASE_URL)
            assert "${{" not in command, f"an expression this test does not know: {command}"
            done = installed.run("bash", "-e", "-c", command, cwd=checkout)
            assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
            assert "warning" not in (done.stdout + done.stderr).lower(), f"{command}\n{done.stderr}"
            seen["runs"][shlex.split(command)[1]] = done.stdout  # "install", "build", "check"
        else:
            pytest.fail(f"a step this test does not know how to play: {step}")
    # after the job: actions/cache saves its path
    assert cache_path is not None, "the workflow has no actions/cache step"
    assert (cache_path / "index.pickle").is_file(), f"the build left nothing in {cache_path}, which the cache saves"
    runner.saved_cache[str(cache_path.relative_to(checkout))] = shutil.copytree(
        cache_path, checkout.parent / f"saved-{checkout.name}"
    )
    return seen


def _checkout(installed: Installed, origin: Path, name: str) -> Path:
    """What actions/checkout gives: the pushed files, without what .gitignore leaves out."""
    target = installed.outside / name
    shutil.copytree(origin, target, ignore=shutil.ignore_patterns("public", ".cache"))
    return target


def test_the_init_workflow_publishes_with_search_and_a_warm_cache(installed: Installed) -> None:
    home = installed.outside
    init = installed.run("blog", "init", "pushed", cwd=home)
    assert init.returncode == 0, init.stdout + init.stderr
    origin = home / "pushed"
    workflow_file = origin / ".github" / "workflows" / "pages.yml"
    assert __version__ in workflow_file.read_text(encoding="utf-8")
    lint = _actionlint_command()
    if lint is not None:
        done = subprocess.run([*lint, str(workflow_file)], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
    assert {".cache/", "/public/"} <= set((origin / ".gitignore").read_text(encoding="utf-8").split())

    runner = Runner(saved_cache={})
    first = _run_workflow(installed, _checkout(installed, origin, "run-1"), runner)
    uploaded: Path = first["uploaded"]
    assert (uploaded / "index.html").is_file() and (uploaded / "search-index" / "index.json").is_file()
    assert f'href="{PAGES_BASE_URL.removeprefix("https://example.github.io")}/posts/' in (
        uploaded / "index.html"
    ).read_text(encoding="utf-8")
    match = FROM_CACHE.search(first["runs"]["build"])
    assert match and match.groups() == ("1", "0"), first["runs"]["build"]

    # the next push adds one post: only that one is parsed, the first comes from the restored cache
    (origin / "content" / "posts" / "second.md").write_text(
        "---\ntitle: 第二篇\ndate: 2024-01-02\ntags: [博客]\n---\n\n第二篇文章。\n", encoding="utf-8"
    )
    second = _run_workflow(installed, _checkout(installed, origin, "run-2"), runner)
    match = FROM_CACHE.search(second["runs"]["build"])
    assert match and match.groups() == ("1", "1"), second["runs"]["build"]
    assert (second["uploaded"] / "posts" / "second" / "index.html").is_file()
