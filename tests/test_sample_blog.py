"""The sample blog in the repository root, built by the CLI as a user would, and link-checked."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import sys
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.config.settings import load_config
from generator.content.loader import load_posts
from generator.urls.paths import term_slug

REPO = Path(__file__).resolve().parent.parent
LINK_ATTRS = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "iframe": "src"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name"):
            if values.get(name) and (name == "id" or tag == "a"):
                self.ids.add(values[name] or "")
        attr = LINK_ATTRS.get(tag)
        if attr and values.get(attr) is not None:
            self.links.append((tag, values[attr] or ""))


def parse_html(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def page_url(output: Path, file: Path, base_path: str) -> str:
    relative = file.relative_to(output).as_posix()
    if relative.endswith("index.html"):
        relative = relative[: -len("index.html")]
    return base_path + relative


def broken_links(output: Path, base_url: str) -> list[str]:
    """Every internal href/src of every HTML file that does not resolve to a file (or anchor)."""
    base = urlsplit(base_url)
    base_path = base.path if base.path.endswith("/") else base.path + "/"
    problems: list[str] = []
    pages = {file: parse_html(file) for file in sorted(output.rglob("*.html"))}
    for file, parsed in pages.items():
        here = page_url(output, file, base_path)
        for tag, link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme in ("mailto", "tel", "data", "javascript"):
                continue
            if parts.scheme or parts.netloc:
                if parts.netloc != base.netloc:
                    continue  # an external link
                path = parts.path
            elif link.startswith("#"):
                # "#top" and "#" scroll to the top in every browser without an element (as blog check knows)
                if unquote(parts.fragment) not in parsed.ids and parts.fragment.lower() not in ("", "top"):
                    problems.append(f"{file.relative_to(output)}: <{tag}> {link} (no such id on the page)")
                continue
            elif parts.path.startswith("/"):
                path = parts.path
            else:
                path = urlsplit(here).path.rsplit("/", 1)[0] + "/" + parts.path
            if not path.startswith(base_path):
                problems.append(f"{file.relative_to(output)}: <{tag}> {link} (outside the base path {base_path})")
                continue
            relative = unquote(path[len(base_path) :])
            target = output / relative
            if relative == "" or relative.endswith("/") or target.is_dir():
                target = target / "index.html"
            if ".." in Path(relative).parts or not target.is_file():
                problems.append(f"{file.relative_to(output)}: <{tag}> {link} (no file {target.relative_to(output)})")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse_html(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{file.relative_to(output)}: <{tag}> {link} (no such id in the target page)")
    return problems


def blog_command() -> list[str]:
    script = shutil.which("blog")
    return [script] if script else [sys.executable, "-m", "generator"]


def run_build(output: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [*blog_command(), "build", "--output", str(output), *extra],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def sample() -> tuple[list, list[str], str]:
    """The published posts of the sample blog, its tag slugs, and its base_url."""
    config, _ = load_config(REPO / "site.toml")
    posts, diagnostics = load_posts(config)
    assert not [d for d in diagnostics if d.is_error], [str(d) for d in diagnostics]
    now = datetime.now(config.tz)
    published = [p for p in posts if not p.draft and p.date <= now]
    tags = sorted({term_slug(name) for p in published for name in p.tag_names})
    return published, tags, config.base_url


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    output = tmp_path_factory.mktemp("sample") / "public"
    done = run_build(output)
    return output, done.stdout


def test_build_succeeds_and_prints_a_summary(built: tuple[Path, str], sample: tuple[list, list[str], str]) -> None:
    output, stdout = built
    published, tags, _ = sample
    assert (output / "index.html").is_file()
    assert re.search(rf"\b{len(published)} posts\b", stdout), stdout
    assert re.search(rf"\b{len(tags)} tags\b", stdout), stdout


def test_sample_blog_is_big_enough(sample: tuple[list, list[str], str]) -> None:
    published, tags, _ = sample
    assert len(published) >= 30
    assert len(tags) >= 4


def post_links(html: str, base_path: str) -> list[str]:
    main = html.split("<main", 1)[-1].split("</main>", 1)[0]
    found = re.findall(rf'href="({re.escape(base_path)}posts/[^"#?]+/)"', main)
    return list(dict.fromkeys(found))


def test_index_has_12_entries_per_page_and_at_least_3_pages(
    built: tuple[Path, str], sample: tuple[list, list[str], str]
) -> None:
    output, _ = built
    published, _, base_url = sample
    base_path = urlsplit(base_url).path
    pages = math.ceil(len(published) / 12)
    assert pages >= 3
    seen: list[str] = []
    for n in range(1, pages + 1):
        file = output / ("index.html" if n == 1 else f"page/{n}/index.html")
        assert file.is_file(), file
        entries = post_links(file.read_text(encoding="utf-8"), base_path)
        expected = 12 if n < pages else len(published) - 12 * (pages - 1)
        assert len(entries) == expected, (n, entries)
        seen += entries
    assert not (output / "page" / str(pages + 1)).exists()
    assert len(seen) == len(set(seen)) == len(published)


def test_index_is_newest_first(built: tuple[Path, str], sample: tuple[list, list[str], str]) -> None:
    output, _ = built
    published, _, base_url = sample
    base_path = urlsplit(base_url).path
    newest = max(published, key=lambda p: p.date)
    first = post_links((output / "index.html").read_text(encoding="utf-8"), base_path)[0]
    assert unquote(first) == f"{base_path}posts/{newest.slug}/"


def test_a_page_per_post(built: tuple[Path, str], sample: tuple[list, list[str], str]) -> None:
    output, _ = built
    published, _, _ = sample
    for post in published:
        page = output / "posts" / post.slug / "index.html"
        assert page.is_file(), post.source
        html = page.read_text(encoding="utf-8")
        assert post.title.replace("&", "&amp;").replace("<", "&lt;") in html
    assert len(list((output / "posts").glob("*/index.html"))) == len(published)


def test_a_page_per_tag(built: tuple[Path, str], sample: tuple[list, list[str], str]) -> None:
    output, _ = built
    _, tags, _ = sample
    for slug in tags:
        assert (output / "tags" / slug / "index.html").is_file(), slug
    assert (output / "tags" / "index.html").is_file()


def test_chinese_slug_post_is_published_under_its_chinese_name(built: tuple[Path, str]) -> None:
    output, _ = built
    assert (output / "posts" / "感受野" / "index.html").is_file()
    index_pages = [output / "index.html", *sorted((output / "page").glob("*/index.html"))]
    html = "".join(p.read_text(encoding="utf-8") for p in index_pages)
    assert "/posts/%E6%84%9F%E5%8F%97%E9%87%8E/" in html


def test_every_internal_link_resolves(built: tuple[Path, str], sample: tuple[list, list[str], str]) -> None:
    output, _ = built
    _, _, base_url = sample
    problems = broken_links(output, base_url)
    assert problems == []


def test_link_checker_finds_broken_links(tmp_path: Path) -> None:
    """The checker above must be able to fail."""
    (tmp_path / "posts" / "a").mkdir(parents=True)
    (tmp_path / "posts" / "a" / "index.html").write_text('<h2 id="x">x</h2><a href="#x">ok</a>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="/repo/posts/a/">ok</a><a href="/repo/posts/a/#x">ok</a><a href="posts/a/">ok</a>'
        '<a href="https://elsewhere.example/">ok</a><a href="#top" id="top">ok</a>'
        '<a href="/repo/posts/b/">missing</a><img src="/repo/img/none.png">'
        '<a href="/posts/a/">no base</a><a href="/repo/posts/a/#y">bad anchor</a><a href="#nope">x</a>'
        '<a href="https://example.org/repo/missing/">absolute missing</a>',
        encoding="utf-8",
    )
    problems = broken_links(tmp_path, "https://example.org/repo/")
    assert len(problems) == 6, problems


@pytest.fixture(scope="module")
def built_under_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("sample-repo") / "public"
    run_build(output, "--base-url", "https://user.github.io/repo/")
    return output


def test_base_url_override_puts_every_link_under_the_base_path(built_under_repo: Path) -> None:
    output = built_under_repo
    outside: list[str] = []
    for file in sorted(output.rglob("*.html")):
        for tag, link in parse_html(file).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                if parts.netloc == "user.github.io" and not parts.path.startswith("/repo/"):
                    outside.append(f"{file.relative_to(output)}: <{tag}> {link}")
                continue
            if link.startswith("/") and not link.startswith("/repo/"):
                outside.append(f"{file.relative_to(output)}: <{tag}> {link}")
    assert outside == []
    assert broken_links(output, "https://user.github.io/repo/") == []


def test_blog_check_passes_on_the_sample_blog_at_the_root(built: tuple[Path, str]) -> None:
    output, _ = built
    done = subprocess.run(
        [*blog_command(), "check", "--output", str(output)], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "every internal link and anchor resolves" in done.stdout


def test_blog_check_passes_on_the_sample_blog_under_a_subpath(built_under_repo: Path) -> None:
    done = subprocess.run(
        [*blog_command(), "check", "--output", str(built_under_repo), "--base-url", "https://user.github.io/repo/"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def test_the_hexo_post_shows_its_math_as_hexo_showed_it(built: tuple[Path, str]) -> None:
    """content/posts/gae.md is written as a Hexo blogger writes (marked escapes, `$$` under a line
    of text, a bare align*, a Hexo date): every formula converts and the display ones stay display."""
    output, stdout = built
    page = (output / "posts" / "gae" / "index.html").read_text(encoding="utf-8")
    assert "math-error" not in page and "gae.md" not in stdout  # no warning names the post
    assert page.count('class="math math-display"') == 6
    assert 'encoding="application/x-tex">\\delta_t = r_t + \\gamma V(s_{t+1})' in page  # \_ read as marked read it
    visible = re.sub(r"<(math|pre|code|script)\b.*?</\1>|<[^>]+>", "", page, flags=re.DOTALL)
    assert "\\_" not in visible and "\\begin" not in visible and "$" not in visible
