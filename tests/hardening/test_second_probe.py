"""What the second independent probe found (issue 24) that the bad-input table cannot express:
what must (and must not) be in the published files, and the commands other than a plain build."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from bad_inputs import SVG_WITH_SCRIPT, display, notebook
from test_probe_findings import build_site

from generator.content.svgclean import clean_svg
from tests.conftest import REPO, run_cli, tree_digest

SCRIPTS = re.compile(r"<script|\bon[a-z]+\s*=|javascript:", re.IGNORECASE)


def article(site: Path, slug: str) -> str:
    html = (site / "public" / "posts" / slug / "index.html").read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


def write_notebook(site: Path, *outputs: dict[str, Any], markdown_cell: str = "") -> None:
    text = notebook(*outputs)
    if markdown_cell:
        data = json.loads(text)
        data["cells"].insert(0, {"cell_type": "markdown", "metadata": {}, "source": markdown_cell})
        text = json.dumps(data, indent=1, ensure_ascii=False)
    (site / "content/posts/n.ipynb").write_text(text, encoding="utf-8")


def test_svg_output_is_published_without_its_scripts(site: Path) -> None:
    write_notebook(site, display("image/svg+xml", SVG_WITH_SCRIPT))
    warnings = build_site(site)
    svg = (site / "public/posts/n/cell1-1.svg").read_text(encoding="utf-8")
    assert not SCRIPTS.search(svg), svg
    assert "<rect" in svg and 'width="10"' in svg  # the drawing is kept
    assert any("SVG output cell1-1.svg: removed" in w for w in warnings)


@pytest.mark.parametrize(
    "svg",
    [
        '<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="href" to="javascript:alert(1)"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><animate attributeName="onclick" values="alert(1)"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><body xmlns="http://www.w3.org/1999/xhtml" '
        'onload="alert(1)"/></foreignObject></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="data:text/html,&lt;script&gt;"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><use href="https://evil.example/x.svg#a"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.example/x.css);</style></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url(javascript:alert(1))"/></svg>',
        '<?xml-stylesheet type="text/xsl" href="evil.xsl"?><svg xmlns="http://www.w3.org/2000/svg"/>',
        '<svg xmlns="http://www.w3.org/2000/svg" ONLOAD="alert(1)"/>',
        '<svg xmlns="http://www.w3.org/2000/svg"><a href=" JavaScript:alert(1)"><text>x</text></a></svg>',
    ],
)
def test_svg_cleaning_leaves_nothing_that_runs(svg: str) -> None:
    cleaned, _ = clean_svg(svg.encode())
    assert cleaned is not None
    text = cleaned.decode()
    assert not SCRIPTS.search(text) and "evil" not in text and "xml-stylesheet" not in text, text


def test_a_matplotlib_like_svg_keeps_its_drawing() -> None:
    svg = (
        '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        '<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="460pt" height="345pt" viewBox="0 0 460 345" '
        'xmlns="http://www.w3.org/2000/svg" version="1.1"><metadata><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata><defs><style type="text/css">'
        '*{stroke-linejoin: round; stroke-linecap: butt}</style></defs><g id="figure_1"><path d="M 0 345 L 460 0" '
        'style="fill: #ffffff"/><defs><path id="m1" d="M 0 0 L 0 3.5" style="stroke: #000"/></defs>'
        '<use xlink:href="#m1" x="57" y="307" style="stroke: #000"/><g clip-path="url(#p1)"><text x="1">损失 &amp; 步数'
        '</text></g></g><defs><clipPath id="p1"><rect x="57" y="41" width="357" height="266"/></clipPath></defs></svg>\n'
    )
    cleaned, removed = clean_svg(svg.encode())
    assert removed == [] and cleaned is not None
    text = cleaned.decode()
    for kept in (
        'viewBox="0 0 460 345"',
        'xlink:href="#m1"',
        'clip-path="url(#p1)"',
        "损失 &amp; 步数",
        "stroke-linejoin",
    ):
        assert kept in text


def test_markdown_output_keeps_markdown_and_math_but_not_html(site: Path) -> None:
    hostile = (
        "**粗体** $x^2$ <script>alert(1)</script> <b onclick='x()'>b</b> <img src=x onerror=alert(1)>\n\n"
        "<div onmouseover='y()'>块</div>\n\n:::\n</div><script>alert(5)</script>\n\n::::::::\n<script>alert(6)</script>"
    )
    write_notebook(site, display("text/markdown", hostile), markdown_cell="作者自己的 <kbd>Ctrl</kbd>")
    build_site(site)
    html = article(site, "n")
    assert not SCRIPTS.search(html), html
    assert "<strong>粗体</strong>" in html and "<math" in html and "<b>b</b>" in html and "块" in html
    assert "<kbd>Ctrl</kbd>" in html  # the author's own Markdown cell keeps its raw HTML
    assert html.count("<div") == html.count("</div>")  # the output cannot close the page's own markup


def test_latex_output_cannot_break_out_of_its_formula(site: Path) -> None:
    write_notebook(site, display("text/latex", "$$ x $$\n<script>alert(1)</script>\n$$ y $$"))
    build_site(site)
    html = article(site, "n")
    assert not SCRIPTS.search(html), html
    assert html.count("<math") == 2


def many_posts(site: Path, count: int = 240) -> None:
    """Enough posts for the build to render on worker processes (PARALLEL_MIN_POSTS is 48)."""
    body = "正文 $x^2$ 段落。\n\n```python\nprint(1)\n```\n\n" * 20
    for number in range(count):
        text = f"---\ntitle: 文章{number}\ndate: 2025-01-01\ntags: [t{number % 9}]\n---\n{body}"
        (site / f"content/posts/p{number}.md").write_text(text, encoding="utf-8")


def built_then_building(site: Path) -> tuple[str, subprocess.Popen[str]]:
    """The digest of a first build's output, and a second build under way (`--no-cache`, so it
    renders everything again) in a process group of its own, as a terminal or CI runner gives it."""
    assert run_cli("build", "--no-cache", "-s", site, cwd=site).returncode == 0
    before = tree_digest(site / "public")
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1", PYTHONIOENCODING="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--no-cache", "-s", str(site)],
        cwd=site,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    return before, process


@pytest.mark.parametrize(
    ("sig", "group", "code", "line"),
    [
        (signal.SIGTERM, False, 143, "Stopped by SIGTERM; the output folder was left as it was."),
        (signal.SIGTERM, True, 143, "Stopped by SIGTERM; the output folder was left as it was."),
        (signal.SIGINT, True, 130, "Interrupted; the output folder was left as it was."),
        (signal.SIGHUP, True, 129, "Stopped by SIGHUP; the output folder was left as it was."),
        (-signal.SIGINT, True, 130, "Interrupted; the output folder was left as it was."),
    ],
    ids=[
        "sigterm-to-the-build",
        "sigterm-to-its-process-group",
        "ctrl-c-to-its-process-group",
        "terminal-closed",
        "ctrl-c-twice",  # found by this probe: the second one cut the cleanup short, leaving .public.old-*
    ],
)
def test_a_signal_stops_a_build_with_one_line(site: Path, sig: int, group: bool, code: int, line: str) -> None:
    many_posts(site)
    before, process = built_then_building(site)
    assert process.stderr is not None
    progress = ""
    while "plan done" not in progress:  # the workers are rendering now (or about to)
        progress += process.stderr.readline()
        assert process.poll() is None, progress
    time.sleep(0.3)
    for _ in range(2 if sig < 0 else 1):  # a negative number: that signal twice, 50 ms apart
        if group:
            os.killpg(process.pid, abs(sig))
        else:
            process.send_signal(abs(sig))
        time.sleep(0.05)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr
    assert "Traceback" not in stderr and "Error" not in stderr, stderr
    assert stderr.strip().splitlines()[-1] == line
    assert tree_digest(site / "public") == before
    assert [p.name for p in site.iterdir() if ".staging-" in p.name or ".old-" in p.name] == []


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads a process's children from /proc")
def test_a_worker_killed_mid_build_is_one_line_not_a_wait(site: Path) -> None:
    """The system's out-of-memory killer picks a worker: the build says so and leaves the output."""
    many_posts(site, 480)
    before, process = built_then_building(site)
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while len(workers) < 2 and process.poll() is None and time.monotonic() < deadline:
        workers = [int(pid) for pid in children.read_text().split()] if children.exists() else []
        time.sleep(0.01)
    for pid in workers:
        os.kill(pid, signal.SIGKILL)
    _, stderr = process.communicate(timeout=60)
    assert len(workers) >= 2, stderr
    assert process.returncode == 1, stderr
    assert "Traceback" not in stderr, stderr
    assert stderr.strip().splitlines()[-1] == (
        "A worker process ended before finishing its work (killed by SIGKILL, which is most often"
        " the system running out of memory); the output folder was left as it was."
    )
    assert tree_digest(site / "public") == before


def test_an_old_output_that_cannot_be_removed_is_named(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root may remove anything, so the file system's refusal is played by rmtree itself."""
    build_site(site)
    real = shutil.rmtree

    def refusing(path: Any, ignore_errors: bool = False, onerror: Any = None) -> None:
        if ".old-" not in str(path):
            return real(path, ignore_errors=ignore_errors, onerror=onerror)
        error = PermissionError(13, "Permission denied")
        if ignore_errors:
            return None
        if onerror is None:
            raise error
        return onerror(os.unlink, f"{path}/index.html", (PermissionError, error, None))

    monkeypatch.setattr(shutil, "rmtree", refusing)
    (site / "content/posts/hello.md").unlink()  # a change, so the build writes a new site
    warnings = build_site(site)
    left = sorted(site.glob(".public.old-*"))
    assert len(left) == 1
    assert (
        f"{left[0]}: the previous output, moved aside, could not be removed (Permission denied: {left[0]}/index.html)"
        in "\n".join(warnings)
    )
    warnings = build_site(site)  # the next build tries again and names every copy still there
    assert sum("could not be removed" in w for w in warnings) == len(sorted(site.glob(".public.old-*"))) == 2
    monkeypatch.setattr(shutil, "rmtree", real)
    build_site(site)
    assert sorted(site.glob(".public.old-*")) == []


@pytest.mark.parametrize("command", [("build",), ("serve", "--port", "0"), ("new", "第一篇")])
def test_a_folder_that_is_no_blog_is_refused_and_left_empty(tmp_path: Path, command: tuple[str, ...]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    done = run_cli(*command, cwd=empty)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"blog {command[0]}: .: no blog here (no site.toml and no content/ folder); "
        "run `blog init` to start a blog, or pass --source <site folder>"
    )
    assert list(empty.iterdir()) == []
    missing = tmp_path / "no" / "such"
    done = run_cli(*command, "--source", missing, cwd=empty)
    assert done.returncode == 1 and "no such folder; run `blog init " in done.stderr, done.stderr
    assert not (tmp_path / "no").exists() and list(empty.iterdir()) == []


def test_check_uses_the_base_url_the_build_used(tmp_path: Path) -> None:
    site = tmp_path / "blog"
    assert run_cli("init", site, "--base-url", "https://example.com/", cwd=tmp_path).returncode == 0
    assert run_cli("build", "--base-url", "https://user.github.io/repo/", cwd=site).returncode == 0
    checked = run_cli("check", cwd=site)
    assert checked.returncode == 0, checked.stderr
    assert "Checking for https://user.github.io/repo/, the base URL the last `blog build` used" in checked.stdout
    wrong = run_cli("check", "--base-url", "https://example.com/", cwd=site)
    assert wrong.returncode == 1
    assert wrong.stderr.strip().splitlines()[-1] == (
        f"The last `blog build` of {site / 'public'} used the base URL https://user.github.io/repo/, "
        "not https://example.com/: blog check --base-url https://user.github.io/repo/"
    )


def test_the_summary_counts_in_words_and_its_total_ends_the_progress(tmp_path: Path) -> None:
    site = tmp_path / "blog"
    assert run_cli("init", site, cwd=tmp_path).returncode == 0
    first = run_cli("build", cwd=site)
    headline = first.stdout.splitlines()[0]
    assert re.fullmatch(r"Built 1 post, \d+ pages, \d+ tags, \d+ static files into .+ in [\d.]+ (s|ms)", headline)
    total = re.search(r"in ([\d.]+) (s|ms)$", headline)
    assert total is not None
    seconds = float(total.group(1)) / (1000 if total.group(2) == "ms" else 1)
    last_stage = max(float(t) for t in re.findall(r"done \(([\d.]+) s\)", first.stderr))
    assert last_stage <= seconds + 0.05, (first.stderr, headline)
    again = run_cli("build", cwd=site)
    assert re.fullmatch(
        r"Nothing changed since the last build: 1 post, \d+ pages, \d+ tags, \d+ static files in .+ "
        r"\(checked in (\d+ ms|\d+\.\d\d s)\)",  # ms, or seconds on a loaded machine
        again.stdout.splitlines()[0],
    ), again.stdout


@pytest.mark.skipif(os.sep != "/", reason="on Windows a backslash is the separator itself")
def test_a_source_written_with_backslashes_names_the_folder_meant(tmp_path: Path) -> None:
    site = tmp_path / "docs" / "site"
    assert run_cli("init", site, "--base-url", "https://example.com/", cwd=tmp_path).returncode == 0
    done = run_cli("build", "--source", "docs\\site", cwd=tmp_path)
    assert done.returncode == 1
    assert (
        done.stderr.strip()
        == "blog build: docs\\site: no such folder; folders are separated by '/' here: --source docs/site"
    )
    assert not (site / "public").exists()
