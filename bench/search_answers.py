"""Our search and Pagefind side by side on the same built site, driven in headless Chromium.

Used by `python bench/search_vs_pagefind.py answers` (see there). Per engine and query it
measures, in the browser, what a reader pays and gets: every result, the top ten's titles,
the bytes and requests of a first query (fresh browser, cold cache) and of a second one on
the same page, and the time from the Enter key to the last result drawn. Truth comes from
the built post pages: a post "contains" a query when its title, tags or body holds every
Chinese run of the query as written and every other word at the start of a word.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import re
import shutil
import statistics
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Any

from generator.search.text import CJK, fragment_id, normalize, searchable_text

# Chinese, English and mixed; some name a tag of the bench corpus (分布式训练, LoRA, 注意力),
# some are phrases whose pairs are common apart (注意力机制, 损失函数), some find nothing.
QUERIES = [
    "注意力",
    "注意力机制",
    "显存",
    "梯度",
    "微调",
    "分布式训练",
    "损失函数",
    "优化器",
    "位置编码",
    "对比学习",
    "多模态",
    "学习率",
    "残差连接",
    "权重衰减",
    "激活函数",
    "编码器",
    "数据集",
    "推理",
    "矩阵",
    "正则化",
    "归一化",
    "模型训练",
    "图像分类",
    "目标检测",
    "深度学习",
    "神经网络",
    "卷积",
    "LoRA",
    "Transformer",
    "softmax",
    "PyTorch",
    "CUDA",
    "GPU",
    "tokenizer",
    "checkpoint",
    "AdamW",
    "Python",
    "numpy",
    "docker",
    "vim",
    "linux",
    "onnx",
    "LoRA 微调",
    "PyTorch 分布式",
    "GPU 显存",
    "Transformer 注意力",
    "Python 图像",
    "CUDA 安装",
]

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]  # fmt: skip

_TITLE = re.compile(r'<h1 class="post-title">(.*?)</h1>', re.S)
_TAGS = re.compile(r'<ul class="tags"[^>]*>(.*?)</ul>', re.S)
_BODY = re.compile(r'<div class="post-body">(.*?)</div>\s*</article>', re.S)
_TAG_TEXT = re.compile(r"<[^>]+>")
_CJK_RUN = re.compile(f"[{CJK}]+")
_WORD = re.compile(f"[^\\W_{CJK}]+")


@dataclass
class Post:
    url: str
    title: str
    text: str  # title, tags and body, normalized


def read_posts(public: Path) -> dict[str, Post]:
    """The post pages of a built site (those with a post title), by URL path."""
    posts: dict[str, Post] = {}
    for page in sorted(public.rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        title, body = _TITLE.search(html), _BODY.search(html)
        if not title or not body:
            continue
        url = "/" + page.parent.relative_to(public).as_posix() + "/"
        tags = _TAGS.search(html)
        tag_text = unescape(_TAG_TEXT.sub(" ", tags.group(1))) if tags else ""
        name = unescape(_TAG_TEXT.sub("", title.group(1))).strip()
        posts[url] = Post(url, name, normalize(f"{name}\n{tag_text}\n{searchable_text(body.group(1))}"))
    return posts


def _parts(query: str) -> list[re.Pattern[str]]:
    text = normalize(query)
    found = [re.compile(re.escape(run)) for run in _CJK_RUN.findall(text)]
    # A word starts where no letter or digit of its own script is before it: in 安装Python3.7 the
    # word python starts after 装, as the index cuts it (a CJK character is a word character to re).
    found += [re.compile(f"(?<![^\\W_{CJK}]){re.escape(word)}") for word in _WORD.findall(text)]
    return found


def holds(text: str, query: str) -> bool:
    return all(part.search(text) for part in _parts(query))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """The site as a host that does not compress serves it."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


PAGEFIND_PAGE = """<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><title>Pagefind</title>
<form id="f"><input id="q" type="search"></form><p id="s"></p><ol id="r"></ol>
<script type="module">
let engine = null;
const load = () => engine ||= import("/pagefind/pagefind.js").then(async (pf) => { await pf.init(); return pf; });
const input = document.getElementById("q");
input.addEventListener("focus", () => { load(); }, { once: true });
document.getElementById("f").addEventListener("submit", async (event) => {
  event.preventDefault();
  const pf = await load();
  const found = await pf.search(input.value);
  const shown = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
  document.getElementById("s").textContent = found.results.length + " results";
  document.getElementById("r").replaceChildren(...shown.map((d) => {
    const li = document.createElement("li");
    li.innerHTML = `<h2><a href="${d.url}">${d.meta.title}</a></h2><p>${d.excerpt}</p>`;
    return li;
  }));
  (window.benchAll ||= {})[input.value] = () => Promise.all(found.results.map((r) => r.data())).then((all) => all.map((d) => d.url));
  window.benchDone = input.value;
});
input.focus();
</script></html>
"""

# Installed before the page's scripts: the Enter key's time, and the time of the last change
# to the result list (the moment the reader sees the answer complete).
TIMING = """
window.benchMarks = { enter: 0, drawn: 0 };
document.addEventListener("keydown", (e) => { if (e.key === "Enter") { window.benchMarks.enter = performance.now(); window.benchMarks.drawn = 0; } }, true);
new MutationObserver(() => {}).observe(document, { childList: true });
window.addEventListener("DOMContentLoaded", () => {
  const list = document.getElementById("search-results") || document.getElementById("r");
  new MutationObserver(() => { window.benchMarks.drawn = performance.now(); }).observe(list, { childList: true, subtree: true });
});
"""


@dataclass
class Engine:
    name: str
    page: str  # the search page's path
    input: str  # its box
    files: re.Pattern[str]  # the requests that are the engine's (script, index, excerpts)
    folder: str  # its index on disk, under the site


OURS = Engine("ours", "/search/", "#search-q", re.compile(r"/search-index/|/js/search\.js"), "search-index")
PAGEFIND = Engine("Pagefind", "/pf-bench.html", "#q", re.compile(r"/pagefind/"), "pagefind")


@dataclass
class Answer:
    query: str
    results: list[str]  # every result's URL, best first
    first: tuple[int, int, int] = (0, 0, 0)  # requests, raw bytes, gzipped bytes
    second: tuple[int, int, int] = (0, 0, 0)
    ms_first: float = 0.0
    ms_second: float = 0.0


@dataclass
class Traffic:
    pattern: re.Pattern[str]
    seen: list[tuple[int, int]] = field(default_factory=list)

    def listen(self, response: Any) -> None:
        if not self.pattern.search(response.url):
            return
        try:
            body = response.body()
        except Exception:  # a response the page dropped
            return
        self.seen.append((len(body), len(gzip.compress(body, 6))))

    def take(self) -> tuple[int, int, int]:
        taken, self.seen = self.seen, []
        return len(taken), sum(raw for raw, _ in taken), sum(packed for _, packed in taken)


def _ask(page: Any, engine: Engine, query: str) -> float:
    """Type the query into the box (no events), press Enter, wait for the answer; milliseconds."""
    page.eval_on_selector(engine.input, "(box, q) => { box.value = q; window.benchDone = null; }", query)
    page.focus(engine.input)
    page.keyboard.press("Enter")
    if engine is OURS:
        page.wait_for_function(
            """() => { const s = document.getElementById('search-status').textContent;
                 if (!s || s.startsWith('正在')) return false;
                 const m = s.match(/找到 (\\d+)/); const want = m ? Math.min(10, +m[1]) : 0;
                 return document.querySelectorAll('#search-results li h2 a').length === want; }"""
        )
    else:
        page.wait_for_function("(q) => window.benchDone === q", arg=query)
    page.wait_for_timeout(50)  # a last excerpt drawn after the count
    return page.evaluate("window.benchMarks.drawn - window.benchMarks.enter")


def _all_results(page: Any, engine: Engine, query: str, ids: dict[str, str]) -> list[str]:
    if engine is OURS:
        found = page.evaluate("(q) => window.blogSearch(q).then((f) => f.results.map((r) => r.id))", query)
        return [ids[i] for i in found]
    return page.evaluate("(q) => window.benchAll[q]()", query)


def run_engine(browser: Any, base: str, engine: Engine, queries: list[str], ids: dict[str, str]) -> list[Answer]:
    """Each query as a first query in a fresh browser, then the next one as its second query."""
    answers: list[Answer] = []
    for number, query in enumerate(queries):
        second_query = queries[(number + 1) % len(queries)]
        context = browser.new_context()
        context.add_init_script(TIMING)
        page = context.new_page()
        traffic = Traffic(engine.files)
        page.on("response", traffic.listen)
        page.goto(base + engine.page, wait_until="load")
        ms_first = _ask(page, engine, query)
        first = traffic.take()
        ms_second = _ask(page, engine, second_query)
        second = traffic.take()
        page.remove_listener("response", traffic.listen)
        results = _all_results(page, engine, query, ids)
        answers.append(Answer(query, results, first, second, ms_first, ms_second))
        context.close()
    return answers


def disk(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def pagefind_index(binary: str, public: Path) -> None:
    """Pagefind over the post pages' articles, as a Pagefind user marks them (data-pagefind-body)."""
    shutil.rmtree(public / "pagefind", ignore_errors=True)
    command = [binary, "--site", str(public), "--output-path", str(public / "pagefind"), "--silent"]
    command += ["--glob", "posts/**/*.html", "--root-selector", "article.post"]
    for selector in (".heading-anchor", ".footnote-backref", ".toc", ".series-box", ".post-meta > span"):
        command += ["--exclude-selectors", selector]
    subprocess.run(command, check=True)
    (public / "pf-bench.html").write_text(PAGEFIND_PAGE, encoding="utf-8")


def compare(name: str, public: Path, binary: str, queries: list[str]) -> None:
    """Index with Pagefind beside our index, drive both, print the table for one site."""
    from playwright.sync_api import sync_playwright

    pagefind_index(binary, public)
    posts = read_posts(public)
    ids = {fragment_id(url): url for url in posts}
    with served(public) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            answers = {engine.name: run_engine(browser, base, engine, queries, ids) for engine in (OURS, PAGEFIND)}
        finally:
            browser.close()
    report(name, public, posts, queries, answers)


def _title_rate(answer: Answer, posts: dict[str, Post]) -> float | None:
    top = answer.results[:10]
    if not top:
        return None
    return sum(holds(normalize(posts[url].title), answer.query) for url in top if url in posts) / len(top)


def report(
    name: str, public: Path, posts: dict[str, Post], queries: list[str], answers: dict[str, list[Answer]]
) -> None:
    print(f"\n== {name}: {len(posts)} posts, {len(queries)} queries")
    holding = {q: {url for url, post in posts.items() if holds(post.text, q)} for q in queries}
    print(
        f"{'query':<22}{'posts':>6} | {'results':>8}{'recall':>8}{'title@10':>9} | Pagefind:{'results':>8}{'recall':>8}{'title@10':>9}"
    )
    worse: list[str] = []
    for number, query in enumerate(queries):
        line = f"{query:<22}{len(holding[query]):>6} |"
        rates = []
        for engine in (OURS.name, PAGEFIND.name):
            answer = answers[engine][number]
            wanted = holding[query]
            recall = len(wanted & set(answer.results)) / len(wanted) if wanted else 1.0
            rate = _title_rate(answer, posts)
            rates.append(rate)
            line += f"{len(answer.results):>8}{recall:>8.0%}{'-' if rate is None else f'{rate:.0%}':>9}"
            line += " | Pagefind:" if engine == OURS.name else ""
        if rates[1] is not None and (rates[0] or 0) < rates[1]:
            worse.append(query)
        print(line)
    print(f"\n{'':<26}{'ours':>14}{'Pagefind':>14}")
    size = {e.name: disk(public / e.folder) for e in (OURS, PAGEFIND)}
    print(f"{'index on disk (bytes)':<26}{size['ours'][0]:>14,}{size['Pagefind'][0]:>14,}")
    print(f"{'index files':<26}{size['ours'][1]:>14,}{size['Pagefind'][1]:>14,}")
    rows = [
        ("recall, worst query", lambda a: _recall(a, holding), "{:.1%}", min),
        ("1st query requests, mean", lambda a: a.first[0], "{:.1f}", statistics.mean),
        ("1st query KB raw, mean", lambda a: a.first[1] / 1024, "{:.1f}", statistics.mean),
        ("1st query KB raw, max", lambda a: a.first[1] / 1024, "{:.1f}", max),
        ("1st query KB gzip, mean", lambda a: a.first[2] / 1024, "{:.1f}", statistics.mean),
        ("2nd query requests, mean", lambda a: a.second[0], "{:.1f}", statistics.mean),
        ("2nd query KB raw, mean", lambda a: a.second[1] / 1024, "{:.1f}", statistics.mean),
        ("2nd query KB raw, max", lambda a: a.second[1] / 1024, "{:.1f}", max),
        ("2nd query KB gzip, mean", lambda a: a.second[2] / 1024, "{:.1f}", statistics.mean),
        ("1st query ms, median", lambda a: a.ms_first, "{:.0f}", statistics.median),
        ("2nd query ms, median", lambda a: a.ms_second, "{:.0f}", statistics.median),
    ]
    for label, value, form, summary in rows:
        cells = [form.format(summary([value(a) for a in answers[e]])) for e in (OURS.name, PAGEFIND.name)]
        print(f"{label:<26}{cells[0]:>14}{cells[1]:>14}")
    print(f"queries where our top-10 title rate is below Pagefind's: {worse or 'none'}")


def _recall(answer: Answer, holding: dict[str, set[str]]) -> float:
    wanted = holding[answer.query]
    return len(wanted & set(answer.results)) / len(wanted) if wanted else 1.0
