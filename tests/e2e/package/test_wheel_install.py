"""The generator as a user gets it: a release's sdist and wheel in a fresh virtual environment, outside the repository.

Both are made as the release workflow makes them (`python -m build`, the wheel built from the
sdist), checked with `twine check --strict` as PyPI's upload would, and installed each in its own
virtual environment to run `blog init`, `blog build` and `blog check`.

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
import tarfile
import time
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.version import Version

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


RELEASE_FILES = ("pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md", "MANIFEST.in")
# Between releases the version carries .devN; a release is built from the same sources with it dropped.
RELEASE_VERSION = Version(__version__).base_version
_VERSION_LINE = re.compile(r'^__version__ = "[^"]*"$', re.MULTILINE)


@dataclass(frozen=True)
class Dists:
    wheel: Path
    sdist: Path
    log: str  # what `python -m build` printed


def _release_sources(work: Path) -> Path:
    """A copy of the sources as a release tag holds them, so the repository gets no build/ or .egg-info."""
    source = work / "source"
    source.mkdir()
    for name in RELEASE_FILES:
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(REPO / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    init = source / "generator" / "__init__.py"
    text, count = _VERSION_LINE.subn(f'__version__ = "{RELEASE_VERSION}"', init.read_text(encoding="utf-8"))
    assert count == 1, "generator/__init__.py must hold the one version line"
    init.write_text(text, encoding="utf-8")
    return source


def _build_dists(work: Path) -> Dists:
    """The sdist, and the wheel built from it, as the release workflow makes them (`python -m build`)."""
    source = _release_sources(work)
    dist = work / "dist"
    done = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(dist), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (wheel,) = dist.glob("blog_generator-*.whl")
    (sdist,) = dist.glob("blog_generator-*.tar.gz")
    return Dists(wheel, sdist, done.stdout + done.stderr)


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    work = tmp_path_factory.mktemp("dists")
    assert REPO not in work.parents
    return _build_dists(work)


def _fresh_venv(work: Path) -> tuple[Path, dict[str, str]]:
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=120)
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}", PYTHONIOENCODING="utf-8", NO_COLOR="1")
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1")
    return venv, env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory, dists: Dists) -> Installed:
    work = tmp_path_factory.mktemp("wheel")
    wheel = dists.wheel
    venv, env = _fresh_venv(work)
    env.update(PIP_NO_INDEX="1", PIP_FIND_LINKS=str(wheel.parent))
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    for extra in (["--ignore-installed", "--no-deps"], []):  # then: every dependency is already there
        done = subprocess.run([*pip, *extra, str(wheel)], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
    outside = work / "home"
    outside.mkdir()
    return Installed(wheel, venv, env, outside)


def test_the_release_builds_without_deprecation_warnings_and_twine_accepts_both(dists: Dists) -> None:
    """setuptools warned on every install while `license` was a TOML table (PEP 639 wants the SPDX string)."""
    assert "deprecat" not in dists.log.lower(), dists.log
    assert dists.wheel.name == f"blog_generator-{RELEASE_VERSION}-py3-none-any.whl"
    assert dists.sdist.name == f"blog_generator-{RELEASE_VERSION}.tar.gz"
    done = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", str(dists.sdist), str(dists.wheel)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2, done.stdout


def test_the_metadata_says_licence_urls_and_classifiers_and_ships_both_licences(dists: Dists) -> None:
    with zipfile.ZipFile(dists.wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode("utf-8")
    assert "License-Expression: MIT" in metadata
    assert "License :: " not in metadata, "a licence classifier beside License-Expression is refused by PyPI"
    assert "Programming Language :: Python :: 3.11" in metadata
    licences = {name.split(".dist-info/licenses/", 1)[1] for name in names if ".dist-info/licenses/" in name}
    assert licences == {"LICENSE", "generator/theme/static/fonts/OFL.txt"}
    with tarfile.open(dists.sdist) as archive:
        inside = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"LICENSE", "CHANGELOG.md", "generator/theme/static/fonts/OFL.txt", "generator/starter/pages.yml"} <= inside
    assert "SIL OPEN FONT LICENSE" in (REPO / "generator/theme/static/fonts/OFL.txt").read_text(encoding="utf-8")


def test_the_sdist_installs_in_a_fresh_venv_and_makes_a_site_that_builds_and_checks(
    tmp_path_factory: pytest.TempPathFactory, dists: Dists
) -> None:
    """pip builds the wheel from the sdist itself (only setuptools comes from the index, for the build)."""
    work = tmp_path_factory.mktemp("sdist")
    venv, env = _fresh_venv(work)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--ignore-installed", "--no-deps"]
    done = subprocess.run([*pip, str(dists.sdist)], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    installed = Installed(dists.wheel, venv, env, work)
    where = installed.run(str(venv / "bin" / "python"), "-c", "import generator; print(generator.__file__)", cwd=work)
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout + where.stderr
    init = installed.run("blog", "init", "site", "--title", "源码包", cwd=work)
    assert init.returncode == 0, init.stdout + init.stderr
    assert f"blog-generator=={RELEASE_VERSION}" in (work / "site" / "requirements.txt").read_text(encoding="utf-8")
    for command in (["blog", "build"], ["blog", "check"]):
        done = installed.run(*command, cwd=work / "site")
        assert done.returncode == 0, done.stdout + done.stderr
    assert "<math" in (work / "site/public/posts/hello-world/index.html").read_text(encoding="utf-8")


def test_the_wheel_carries_the_theme_the_search_code_and_the_starter_files(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as archive:
        names = set(archive.namelist())
        metadata_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = archive.read(metadata_name).decode("utf-8")
    theme = {
        p.relative_to(REPO).as_posix()
        for p in (REPO / "generator" / "theme").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    starter = {p.relative_to(REPO).as_posix() for p in (REPO / "generator" / "starter").iterdir()}
    assert theme and starter
    assert sorted(theme - names) == [] and sorted(starter - names) == []
    assert f"Version: {RELEASE_VERSION}" in metadata
    assert "generator/theme/static/js/search.js" in names
    assert "generator/theme/compiled/SOURCES" in names  # the precompiled theme: used, not only shipped
    python = str(installed.venv / "bin" / "python")
    check = "from generator.build.templates import compiled_theme; print(compiled_theme() is not None)"
    assert installed.run(python, "-c", check, cwd=installed.outside).stdout.strip() == "True"
    assert "Requires-Dist: pagefind" not in metadata  # search is ours: no binary to download


def test_the_installed_package_is_the_one_that_runs(installed: Installed) -> None:
    python = str(installed.venv / "bin" / "python")
    done = installed.run(python, "-c", "import generator; print(generator.__file__)", cwd=installed.outside)
    assert Path(done.stdout.strip()).is_relative_to(installed.venv), done.stdout + done.stderr
    version = installed.run("blog", "--version", cwd=installed.outside)
    assert version.returncode == 0 and version.stdout.strip() == f"blog, version {RELEASE_VERSION}"


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
    assert f"blog-generator=={RELEASE_VERSION}" in (site / "requirements.txt").read_text(encoding="utf-8")

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
    assert RELEASE_VERSION in workflow_file.read_text(encoding="utf-8")
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
