"""Random edit sequences: what `blog serve` serves and what `blog build` writes equal a clean build.

Each example starts from a small site and applies saves (body or front matter), deletes,
renames, new posts and template edits in a random order. After every step the preview's
driver (plan kept in memory, pages rendered on request, told which files changed) and the
incremental `blog build` (disk cache; a build with nothing changed answers from its record)
must produce the bytes of a build from nothing.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image

from generator.build.cache import BuildCache
from generator.build.entry import build_or_replay
from generator.build.pipeline import BuildOptions, build
from generator.build.render import search_docs
from generator.build.templates import THEME_DIR
from generator.build.unchanged import PACKAGE_DIR, RACY_NS
from generator.search.index import index_site

NOW = datetime(2026, 1, 1, tzinfo=UTC)
TAGS = ["模型", "训练", "LoRA", "评测"]
# A formula the converter rejects (a markdown warning) and a Hexo tag left as written (a migration finding).
FORMULA = "公式 $\\frac{y}$"
WARNED = "公式 $\\frac{x}$ 与 {% youtube abc %}"
# Hexo's forms: none, a name, a path, two paths (list of lists).
CATEGORY_FORMS = ["", "机器学习", "[机器学习, 强化学习]", "[[机器学习, 强化学习], [笔记]]", "[深度学习]"]
# Numbers, references (one unknown: a warning), a sidenote: all of one post, made again on each save.
PAPER = "见 @thm:a 与 @fig:z[^n]。\n\n::: theorem [名] {#thm:a}\n内容。\n:::\n\n[^n]: 旁注。"


def post_text(title: str, day: int, tags: list[str], body: str, extra: str = "") -> str:
    tag_list = ", ".join(tags)
    return f"---\ntitle: {title}\ndate: 2025-03-{day:02d}\ntags: [{tag_list}]\n{extra}---\n\n{body}\n"


def extra_keys(number: int) -> str:
    """Three posts form a series (two of them far apart), one has an old URL: pages that name other posts' titles."""
    if number in (0, 2, 6):
        return "series: 测试系列\n"
    if number == 1:  # a category path: its pages, the tree, the post's trail and the header's link
        return f"categories: {CATEGORY_FORMS[2]}\n"
    return "aliases: [/old/p3/]\n" if number == 3 else ""


def write_png(path: Path, width: int) -> None:
    Image.new("RGB", (width, 2), "white").save(path, format="PNG")


def make_site(root: Path, related: int = 1) -> Path:
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    for number in range(7):
        tags = [TAGS[number % 4], TAGS[(number + 1) % 4]]
        body = f"第 {number} 篇的正文，讲 LoRA 与训练。\n\n## 小节\n\n更多内容。"
        if number == 4:  # its page states the image's size
            body += "\n\n![图](/css/pic.png)"
        text = post_text(f"文章 {number}", number + 1, tags, body, extra_keys(number))
        (posts / f"p{number}.md").write_text(text, encoding="utf-8")
    (posts / "p5" / "sub").mkdir(parents=True)  # p5's asset folder (Hexo's post_asset_folder)
    (posts / "p5" / "sub" / "notes.txt").write_text("附件", "utf-8")
    (root / "templates").mkdir()
    (root / "static" / "css").mkdir(parents=True)
    (root / "static" / "css" / "extra.css").write_text("body { color: #111; }\n", "utf-8")
    write_png(root / "static" / "css" / "pic.png", 2)
    shutil.copy(THEME_DIR / "templates" / "base.html", root / "templates" / "base.html")
    # A theme may show how many posts each tag has on a post's page (its deps list the counts).
    post_html = (THEME_DIR / "templates" / "post.html").read_text("utf-8")
    counted = "{{ tag_list(post.tags) }}{% for t in post.tags %}<i hidden>{{ t.count }}</i>{% endfor %}"
    assert post_html.count("{{ tag_list(post.tags) }}") == 1
    (root / "templates" / "post.html").write_text(post_html.replace("{{ tag_list(post.tags) }}", counted), "utf-8")
    (root / "site.toml").write_text(
        f'title = "性质测试"\nbase_url = "https://example.org/"\nper_page = 3\nrelated_posts = {related}\n', "utf-8"
    )
    return root


def digest_tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


edits = st.lists(
    st.one_of(
        st.tuples(st.just("body"), st.integers(0, 20), st.text("模型训练 LoRA\n#*", min_size=1, max_size=30)),
        st.tuples(st.just("title"), st.integers(0, 20), st.text("新标题ab", min_size=1, max_size=8)),
        st.tuples(st.just("day"), st.integers(0, 20), st.integers(1, 28)),
        st.tuples(st.just("delete"), st.integers(0, 20), st.just("")),
        st.tuples(st.just("rename"), st.integers(0, 20), st.just("")),
        st.tuples(st.just("add"), st.integers(0, 20), st.integers(1, 28)),
        st.tuples(st.just("template"), st.integers(0, 20), st.text("页脚ab", min_size=1, max_size=6)),
        st.tuples(st.just("body2"), st.integers(0, 20), st.integers(0, 20)),  # two bodies in one save batch
        st.tuples(st.just("image"), st.integers(0, 20), st.sampled_from(["https://example.org/a.png", "b.png"])),
        st.tuples(st.just("summary"), st.integers(0, 20), st.text("摘要ab", min_size=1, max_size=6)),
        st.tuples(st.just("updated"), st.integers(0, 20), st.integers(1, 28)),
        st.tuples(st.just("unpublished"), st.integers(0, 20), st.sampled_from(["draft", "future", "bundle"])),
        st.tuples(st.just("static"), st.integers(0, 20), st.sampled_from(["extra.css", "new.css", "pic.png"])),
        st.tuples(st.just("meta"), st.integers(0, 20), st.sampled_from(["cover: a.png", "comments: false"])),
        st.tuples(st.just("tags"), st.integers(0, 20), st.lists(st.sampled_from([*TAGS, "新标签"]), max_size=3)),
        st.tuples(st.just("slug"), st.integers(0, 20), st.just("")),  # a URL of its own, kept by a later rename
        st.tuples(st.just("pin"), st.integers(0, 20), st.sampled_from(["pin: true", "sticky: 5", "weight: 3", ""])),
        st.tuples(st.just("warned"), st.integers(0, 20), st.integers(0, 28)),  # 0: the body only, else a date too
        st.tuples(st.just("add_warned"), st.integers(0, 20), st.integers(1, 28)),
        st.tuples(st.just("formula"), st.integers(0, 20), st.just("")),  # a markdown warning alone: a body edit
        st.tuples(st.just("categories"), st.integers(0, 20), st.sampled_from(CATEGORY_FORMS)),
        st.tuples(st.just("paper"), st.integers(0, 20), st.just("")),  # a theorem, references, a sidenote
    ),
    min_size=1,
    max_size=5,
)


def apply_edit(site: Path, edit: tuple[str, int, object], step: int) -> set[Path]:
    """Change the site as a writer would; return the paths a file watcher would report."""
    kind, index, value = edit
    posts = sorted((site / "content" / "posts").glob("*.md"))
    if kind == "template":
        base = site / "templates" / "base.html"
        base.write_text(base.read_text("utf-8").replace("</body>", f"<i hidden>{value}{step}</i></body>", 1), "utf-8")
        return {base}
    if kind == "static":  # the stylesheet published before is copied again; a new file or an image plans
        target = site / "static" / "css" / str(value)
        if target.suffix == ".png":
            write_png(target, step + 3)
            return {target}
        old = target.read_text("utf-8") if target.exists() else ""
        target.write_text(old + f"/* {step} */\n", "utf-8")
        return {target}
    if kind == "unpublished":  # a new draft, or a post not due yet: remembered, nothing planned
        path = site / "content" / "posts" / f"later{step}.md"
        if value == "bundle":  # a draft page bundle inside p5's asset folder: the folder is no longer p5's
            path = site / "content" / "posts" / "p5" / "sub" / "index.md"
        text = post_text(
            f"草稿 {step}", 9, [TAGS[step % 4]], "还没写完。", "draft: true\n" if value != "future" else ""
        )
        path.write_text(text.replace("date: 2025-03-09", "date: 2027-03-09") if value == "future" else text, "utf-8")
        return {path}
    if kind in ("add", "add_warned") or not posts:
        path = site / "content" / "posts" / f"new{step}.md"
        day = value if isinstance(value, int) else 5
        body = f"新的正文。\n\n{WARNED}" if kind == "add_warned" else "新的正文。"  # not empty once the warning goes
        path.write_text(post_text(f"新文章 {step}", day, [TAGS[step % 4]], body), "utf-8")
        return {path}
    path = posts[index % len(posts)]
    text = path.read_text("utf-8")
    if kind == "body":
        path.write_text(text + f"\n{value}\n", "utf-8")
    elif kind == "body2":
        other = posts[int(value) % len(posts)]  # type: ignore[call-overload]
        path.write_text(text + f"\n第 {step} 次编辑\n", "utf-8")
        other.write_text(other.read_text("utf-8") + f"\n另一处编辑 {step}\n", "utf-8")
        return {path, other}
    elif kind == "image":  # a new image (the full build reads it); later body edits keep it
        path.write_text(text + f"\n![图 {step}]({value})\n", "utf-8")
    elif kind == "title":
        path.write_text(text.replace("title: ", f"title: {value}", 1), "utf-8")
    elif kind in ("summary", "meta", "updated"):  # keys that move no page: blog serve's front-matter quick path
        if kind == "updated":
            line = f"updated: 2025-04-{int(str(value)):02d}"
        else:
            line = f"summary: {value}{step}" if kind == "summary" else str(value)
        key = line.split(":")[0] + ":"
        text = "".join(kept for kept in text.splitlines(keepends=True) if not kept.startswith(key))
        path.write_text(text.replace("\n---\n", f"\n{line}\n---\n", 1), "utf-8")
    elif kind == "tags":  # a new tag, a tag dropped (its pages go), counts and related lists move
        names = [f"{name}{step}" if name == "新标签" else name for name in value]  # type: ignore[union-attr]
        start = text.index("tags: [")
        end = text.index("]", start)
        path.write_text(text[:start] + f"tags: [{', '.join(names)}" + text[end:], "utf-8")
    elif kind == "categories":  # a category appears, moves or goes (the last one takes the tree page with it)
        text = "".join(kept for kept in text.splitlines(keepends=True) if not kept.startswith("categories:"))
        path.write_text(text.replace("\n---\n", f"\ncategories: {value}\n---\n", 1) if value else text, "utf-8")
    elif kind == "pin":  # pinned first on the front page ("" unpins)
        pins = ("pin:", "sticky:", "weight:")
        text = "".join(kept for kept in text.splitlines(keepends=True) if not kept.startswith(pins))
        path.write_text(text.replace("\n---\n", f"\n{value}\n---\n", 1) if value else text, "utf-8")
    elif kind == "slug":
        text = "".join(kept for kept in text.splitlines(keepends=True) if not kept.startswith("slug:"))
        path.write_text(text.replace("\n---\n", f"\nslug: own-{path.stem}\n---\n", 1), "utf-8")
    elif kind == "warned":  # the warning and the finding come or go, at the top of the body: later lines move
        text = text.replace(f"{WARNED}\n", "") if WARNED in text else text.replace("\n---\n", f"\n---\n{WARNED}\n", 1)
        if value and "date: 2025-03-" in text:  # an "unpublished" step may have moved the date elsewhere
            start = text.index("date: 2025-03-")
            text = text[:start] + f"date: 2025-03-{value:02d}" + text[start + 16 :]
        path.write_text(text, "utf-8")
    elif kind == "formula":  # comes or goes at the end of the body
        path.write_text(text.replace(f"\n{FORMULA}\n", "") if FORMULA in text else text + f"\n{FORMULA}\n", "utf-8")
    elif kind == "paper":  # comes or goes at the end of the body
        path.write_text(text.replace(f"\n{PAPER}\n", "") if PAPER in text else text + f"\n{PAPER}\n", "utf-8")
    elif kind == "day":
        start = text.index("date: 2025-03-")
        path.write_text(text[:start] + f"date: 2025-03-{value:02d}" + text[start + 16 :], "utf-8")
    elif kind == "delete":
        path.unlink()
    elif kind == "rename":
        target = path.with_name(f"moved{step}.md")
        path.rename(target)
        return {path, target}
    return {path}


MOVES = ("add", "delete", "rename", "day", "tags", "slug", "pin", "add_warned")
NOT_MOVED_QUICKLY = ("aliases:", "![", "cover:", "tags: []", "categories:")  # the full build: also "no tags" warns


def all_pinned(folder: Path, changed: set[Path], texts: dict[Path, str] | None) -> bool:
    """Every published post pinned, before the save (`texts`: the changed files as they were) or after."""
    published = {p: p.read_text("utf-8") for p in folder.glob("*.md") if not p.name.startswith("later")}
    if texts is not None:
        published = {p: t for p, t in published.items() if p not in changed or p in texts}
        published.update({p: t for p, t in texts.items() if not p.name.startswith("later")})
    pinned = [t for t in published.values() if "\npin: true" in t or "\nsticky: 5" in t]
    weighted = [t for t in published.values() if "\nweight: 3" in t]
    if 2 * len(weighted) <= len(published):  # else Hugo's weight orders sections and pins nothing
        pinned += [t for t in weighted if t not in pinned]
    return len(published) >= 2 and len(pinned) == len(published)


def weights_tip(folder: Path, changed: set[Path], before: dict[Path, str]) -> bool:
    """The site's weights turn from pins into an ordering, or back (pinning.weights_order), with this save."""

    def ordering(texts: list[str]) -> bool:
        return 2 * sum("\nweight: 3" in t for t in texts) > len(texts)

    now = {p: p.read_text("utf-8") for p in folder.glob("*.md") if not p.name.startswith("later")}
    was = {p: t for p, t in now.items() if p not in changed}
    was.update({p: t for p, t in before.items() if not p.name.startswith("later")})
    return ordering(list(now.values())) != ordering(list(was.values()))


def takes_quick_path(edit: tuple[str, int, object], changed: set[Path], before: dict[Path, str]) -> bool:
    """Saves blog serve applies without planning: the stylesheet the site had, front-matter
    edits that move no page of a post without old URLs (whose redirects name its title), and
    published posts added, deleted, renamed, redated or retagged (live/posts.py)."""
    kind, _, value = edit
    path = next(iter(changed))
    if kind in MOVES or kind == "warned":  # a finding that comes or goes changes what the loader remembers
        texts = [*before.values(), *(p.read_text("utf-8") for p in changed if p.exists())]
        plain = not any(mark in text for text in texts for mark in NOT_MOVED_QUICKLY)
        folder = path.parent
        series_left = any("series:" in p.read_text("utf-8") for p in folder.glob("*.md"))
        if any("series:" in text for text in texts) and not series_left:
            return False  # the last part of a series deleted: its pages go, the full build plans
        if all_pinned(folder, changed, before) or all_pinned(folder, changed, None):
            return False  # the "every post is pinned" warning comes or goes
        if any("\nweight: 3" in text for text in texts) or weights_tip(folder, changed, before):
            return False  # whether a weight pins depends on the whole site: the full build plans
        return plain and not any(p.stem == "p5" for p in changed)  # p5 has an asset folder
    if kind in ("formula", "paper"):  # its pages and the warnings are made again from the posts
        return True
    if kind == "static":
        return path.name == "extra.css"
    if kind == "unpublished":
        return value != "bundle"
    if kind in ("rename", "delete"):  # of a draft or a post not due yet
        return any(p.name.startswith("later") and not p.exists() for p in changed)
    if kind not in ("title", "summary", "meta", "updated") or len(changed) != 1:
        return False
    if not path.exists():
        return False
    text = path.read_text("utf-8")
    if kind == "updated" and "categories:" in text:
        return False  # `categories` and `updated` together make the post look like Hexo's: its math is read anew
    if kind == "meta" and str(value).startswith("cover:") and before.get(path) != text:
        return False  # a cover's file is checked by the full build, which warns at its line when it is missing
    if WARNED in text and before.get(path, text).count("\n") != text.count("\n"):
        return False  # a front-matter line more or less moves the body's warning: the full build reports it anew
    return "aliases:" not in text


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits)
@example([("title", 1, "新"), ("summary", 2, "摘要"), ("meta", 0, "comments: false"), ("title", 3, "旧")])
@example([("updated", 1, 20), ("updated", 5, 3), ("updated", 1, 21)])
@example([("title", 0, "新")])  # p0's title shows on p6's page only as a series part
@example([("unpublished", 0, "draft"), ("unpublished", 0, "future"), ("rename", 0, ""), ("delete", 1, "")])
@example([("unpublished", 0, "bundle"), ("body", 0, "改")])
@example([("static", 0, "extra.css"), ("static", 0, "new.css"), ("static", 0, "extra.css"), ("static", 0, "pic.png")])
@example(
    [("add", 0, 28), ("add", 0, 1), ("add", 0, 9), ("delete", 7, ""), ("rename", 1, "")]
)  # index pages come and go
@example([("tags", 1, ["新标签"]), ("tags", 1, []), ("day", 1, 20), ("tags", 4, ["评测", "模型", "训练"])])
@example([("add", 0, 6), ("title", 7, "新"), ("body", 7, "改"), ("updated", 7, 9), ("day", 7, 2)])
@example([("slug", 1, ""), ("rename", 1, ""), ("add", 0, 2), ("rename", 7, "")])
@example([("pin", 1, "pin: true"), ("add", 0, 3), ("pin", 5, "sticky: 5"), ("day", 1, 27), ("pin", 1, "")])
@example([("tags", 0, ["新标签"]), ("day", 2, 28), ("rename", 6, ""), ("delete", 0, ""), ("day", 5, 1)])  # series parts
@example(  # four weights of seven posts order the site rather than pin (pinning.unpin_weights); a delete tips it back
    [("pin", 0, "weight: 3"), ("pin", 1, "weight: 3"), ("pin", 2, "weight: 3"), ("pin", 3, "weight: 3"), ("add", 0, 5)]
)
@example(
    [
        ("pin", 0, "weight: 3"),
        ("pin", 1, "weight: 3"),
        ("pin", 2, "weight: 3"),
        ("pin", 4, "weight: 3"),
        ("delete", 4, ""),
    ]
)
@example([("formula", 1, ""), ("formula", 4, ""), ("day", 1, 3), ("formula", 1, ""), ("formula", 0, "")])
@example([("paper", 1, ""), ("paper", 4, ""), ("day", 1, 3), ("paper", 1, ""), ("title", 4, "新")])
@example(
    [("warned", 1, 0), ("day", 1, 27), ("warned", 1, 9), ("warned", 2, 0), ("warned", 2, 0)]
)  # warnings come and go
@example([("add_warned", 0, 3), ("day", 0, 20), ("tags", 0, ["评测"]), ("rename", 0, ""), ("delete", 0, "")])
@example([("tags", 0, []), ("body", 0, "A"), ("warned", 18, 0), ("body", 0, "A"), ("meta", 11, "cover: a.png")])
@example(  # a cover naming no file warns at its line, whichever path the save takes
    [("meta", 0, "cover: a.png"), ("meta", 0, "comments: false"), ("meta", 0, "cover: a.png"), ("day", 0, 20)]
)
@example([("categories", 0, "[[机器学习, 强化学习], [笔记]]"), ("title", 1, "新"), ("updated", 1, 9), ("day", 1, 28)])
@example([("categories", 1, ""), ("add", 0, 28), ("categories", 4, "机器学习"), ("delete", 4, ""), ("title", 0, "近")])
def test_preview_and_incremental_build_equal_a_clean_build(sequence: list[tuple[str, int, object]]) -> None:
    run_sequence(sequence)


moves = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(0, 20), st.integers(1, 28)),
        st.tuples(st.just("delete"), st.integers(0, 20), st.just("")),
        st.tuples(st.just("day"), st.integers(0, 20), st.integers(1, 28)),
        st.tuples(st.just("tags"), st.integers(0, 20), st.lists(st.sampled_from(TAGS), min_size=1, max_size=3)),
        st.tuples(st.just("rename"), st.integers(0, 20), st.just("")),
    ),
    min_size=2,
    max_size=6,
)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(moves)
@example([("add", 0, 28), ("add", 0, 1), ("day", 1, 26), ("tags", 8, ["评测", "LoRA"]), ("delete", 3, "")])
def test_moves_re_rank_the_related_lists_a_clean_build_gives(sequence: list[tuple[str, int, object]]) -> None:
    """With windows of two posts per tag, a move changes related lists well beyond the moved post:
    those blog serve re-ranks (live/posts.py) must be all that change."""
    from generator.site import related

    window = related.TAG_WINDOW
    related.TAG_WINDOW = 2
    try:
        run_sequence(sequence, related=3)
    finally:
        related.TAG_WINDOW = window


def settle_package() -> None:
    """Wait until our own code is older than the replay record's racy window.

    A build records nothing it can replay while a file of the package changed under 2 s ago
    (unchanged.NEVER): editing the code and running this test at once (a formatter, a check
    that a test fails) would fail the "nothing changed since" assertion for that reason alone.
    """
    newest = max(path.stat().st_mtime_ns for path in PACKAGE_DIR.rglob("*") if "__pycache__" not in path.parts)
    wait = newest + RACY_NS - time.time_ns()
    if wait > 0:
        time.sleep(wait / 1e9 + 0.05)


def run_sequence(sequence: list[tuple[str, int, object]], related: int = 1) -> None:
    settle_package()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        site = make_site(root / "site", related)
        # As blog serve runs it: search planned, the index left to its background thread.
        preview = BuildOptions(
            source=site, output=root / "preview", now=NOW, search_index=False, search_deferred=True, on_request=True
        )
        incremental = BuildOptions(source=site, output=root / "public", now=NOW)
        memory = BuildCache()
        quick_misses: list[object] = []

        def index_preview() -> None:
            assert memory.live is not None
            docs = search_docs(memory.live.site.posts, memory.live.render_options)
            index_site(root / "preview", docs, root / "preview-search-state.json")

        assert build(preview, cache=memory).search_pending
        index_preview()
        build_or_replay(incremental)
        for step, edit in enumerate(sequence):
            before = {p: p.read_text("utf-8") for p in (site / "content" / "posts").glob("*.md")}
            changed = apply_edit(site, edit, step)
            report = build(preview, cache=memory, changed=frozenset(str(p) for p in changed))
            warned = [(d.path, d.line, d.message, d.expected) for d in report.warnings]
            was = {p: before[p] for p in changed if p in before}
            if takes_quick_path(edit, changed, was) and "quick" not in report.stages:
                quick_misses.append(edit)
            assert "unchanged" not in build_or_replay(incremental).stages, (step, edit)  # as `blog build` runs
            assert "unchanged" in build_or_replay(incremental).stages, (step, edit)  # nothing changed since
            assert memory.live is not None
            missing = [key for key in memory.live.pages if not (root / "preview" / key).is_file()]
            unmade = [key for key in missing if key not in memory.live.stale]
            assert unmade == [], (step, edit)  # a page with no file is made when it is asked for
            assert memory.live.materialise_all(memory) == []
            if report.search_pending:
                index_preview()
            clean = root / f"clean{step}"
            clean_report = build(BuildOptions(source=site, output=clean, now=NOW, use_cache=False))
            assert warned == [(d.path, d.line, d.message, d.expected) for d in clean_report.warnings], (step, edit)
            expected = digest_tree(clean)
            assert digest_tree(root / "preview") == expected, (step, edit)
            assert digest_tree(root / "public") == expected, (step, edit)
            shutil.rmtree(clean)
        assert quick_misses == []  # else the quick paths this test is about were never tried


def test_a_tag_renamed_by_another_posts_spelling_re_renders_every_page_that_names_it(tmp_path: Path) -> None:
    """A tag is named by its newest post's spelling: respelling it there renames it on the older
    post's page and list entries too, in the incremental build and in the preview."""
    site = tmp_path / "site"
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    (site / "site.toml").write_text('title = "t"\nbase_url = "https://example.org/"\n', "utf-8")
    (posts / "a.md").write_text(post_text("A", 2, ["LoRA"], "正文 A。"), "utf-8")
    (posts / "b.md").write_text(post_text("B", 1, ["lora"], "正文 B。"), "utf-8")
    preview = BuildOptions(source=site, output=tmp_path / "preview", now=NOW, search_index=False, on_request=True)
    incremental = BuildOptions(source=site, output=tmp_path / "public", now=NOW, search_index=False)
    memory = BuildCache()
    build(preview, cache=memory)
    build(incremental)
    (posts / "a.md").write_text(post_text("A", 2, ["LORA"], "正文 A。"), "utf-8")
    build(preview, cache=memory, changed=frozenset({str(posts / "a.md")}))
    build(incremental)
    assert memory.live is not None
    assert memory.live.materialise_all(memory) == []
    build(BuildOptions(source=site, output=tmp_path / "clean", now=NOW, search_index=False, use_cache=False))
    assert "LORA" in (tmp_path / "clean" / "posts" / "b" / "index.html").read_text("utf-8")
    assert digest_tree(tmp_path / "public") == digest_tree(tmp_path / "clean")
    assert digest_tree(tmp_path / "preview") == digest_tree(tmp_path / "clean")
