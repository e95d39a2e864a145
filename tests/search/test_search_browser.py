"""The search page in headless Chromium: the answer does not depend on how the index is split,
a new post is found by the next build and a deleted one is gone."""

from __future__ import annotations

import contextlib
import functools
import http.server
import random
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.build.pipeline import BuildOptions, build
from generator.search import text as search_text

TOPICS = ["低秩分解", "对比学习", "注意力机制", "梯度累积", "显存优化", "分布式训练", "位置编码", "学习率预热"]
ENGLISH = ["LoRA", "SigLIP", "tokenizer", "Transformers", "AdamW", "checkpoint", "all-reduce", "softmax"]
QUERIES = [
    "低秩",
    "对比学习",
    "LoRA",
    "lora 低秩",
    "注意力机制 softmax",
    "梯",
    "transformer",
    "Ｔｏｋｅｎ",
    "check",
    "学习",
    "不存在的词语",
    "SigLIP 显存 AdamW",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def write_site(root: Path, posts: int) -> Path:
    """Posts of our own words, mixed so that queries hit many posts with different counts."""
    pick = random.Random(7)
    (root / "content" / "posts").mkdir(parents=True)
    (root / "site.toml").write_text('title = "搜索"\nbase_url = "http://127.0.0.1/"\n', encoding="utf-8")
    for number in range(posts):
        words = pick.sample(TOPICS, 3) + pick.sample(ENGLISH, 2)
        body = "\n\n".join(
            f"本节讨论{pick.choice(words)}和{pick.choice(words)}，实验里 {pick.choice(ENGLISH)} 的表现。"
            for _ in range(pick.randint(2, 9))
        )
        title = f"{words[0]}笔记 {number}"
        (root / "content" / "posts" / f"p{number:02d}.md").write_text(
            f"---\ntitle: {title}\ndate: 2024-01-{1 + number % 28:02d}\n---\n\n{body}\n", encoding="utf-8"
        )
    return root


def results(browser: Any, base: str, query: str) -> tuple[str, list[str]]:
    """The status line and every result link, in order, pressing "more" until the list ends.

    A new browser context each time: the test server's Last-Modified has one-second steps, so
    a page could revalidate an index.json rewritten within the same second as still current.
    """
    context = browser.new_context()
    try:
        return _results(context.new_page(), base, query)
    finally:
        context.close()


def _results(page: Any, base: str, query: str) -> tuple[str, list[str]]:
    page.goto(base + "search/")
    page.fill("#search-q", query)
    page.wait_for_function(
        "() => { const s = document.getElementById('search-status').textContent; return s && !s.startsWith('正在'); }"
    )
    status = page.text_content("#search-status") or ""
    found = re.match(r"找到 (\d+) 篇", status)
    shown = min(int(found.group(1)), 10) if found else 0
    page.wait_for_function(f"() => document.querySelectorAll('#search-results li h2 a').length === {shown}")
    while page.locator(".search-more").count():
        shown = page.locator("#search-results li h2 a").count()
        page.click(".search-more")
        page.wait_for_function(f"() => document.querySelectorAll('#search-results li h2 a').length > {shown}")
    status = page.text_content("#search-status") or ""
    links = page.eval_on_selector_all("#search-results li h2 a", "links => links.map(a => a.getAttribute('href'))")
    return status, links


def test_one_block_and_many_blocks_give_the_same_answers(
    tmp_path: Path, browser: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = write_site(tmp_path / "site", 40)
    whole = build(BuildOptions(source=site, output=tmp_path / "whole", use_cache=False)).output
    monkeypatch.setattr(search_text, "BLOCK_TARGET", 3)
    split = build(BuildOptions(source=site, output=tmp_path / "split", use_cache=False)).output
    assert len(list((split / "search-index").glob("[0-9]*"))) == 16
    assert len(list((whole / "search-index").glob("[0-9]*"))) == 1
    answers: dict[str, list[tuple[str, list[str]]]] = {}
    for folder in (whole, split):
        # one page a folder: its files never change, and each folder has an origin (port) of its own
        with served(folder) as base, contextlib.closing(browser.new_context()) as context:
            page = context.new_page()
            for query in QUERIES:
                answers.setdefault(query, []).append(_results(page, base, query))
    for query, (one, many) in answers.items():
        assert one == many, query
    assert answers["不存在的词语"][0][1] == []
    found = {query: len(answer[0][1]) for query, answer in answers.items()}
    assert all(found[q] > 0 for q in QUERIES if q != "不存在的词语"), found
    assert found["lora 低秩"] < found["LoRA"] and found["lora 低秩"] < found["低秩"]  # every word must be there
    assert found["学习"] >= found["对比学习"]


def test_a_new_post_is_found_after_the_next_build_and_a_deleted_one_is_not(tmp_path: Path, browser: Any) -> None:
    site = write_site(tmp_path / "site", 6)
    output = tmp_path / "public"
    options = BuildOptions(source=site, output=output)
    build(options)
    with served(output) as base:
        assert results(browser, base, "甲乙丙丁")[1] == []
        post = site / "content" / "posts" / "new.md"
        post.write_text("---\ntitle: 新文章\ndate: 2024-02-01\n---\n\n独有的词：甲乙丙丁。\n", encoding="utf-8")
        build(options)
        status, links = results(browser, base, "甲乙丙丁")
        assert links == ["/posts/new/"], status
        post.unlink()
        build(options)
        assert results(browser, base, "甲乙丙丁")[1] == []
        assert len(results(browser, base, "笔记")[1]) == 6


def write_ranking_site(root: Path) -> Path:
    """Posts that each hold 梯度裁剪 in one field: the body-only ones say it most often, so only
    the field order can put the title, tag and heading posts first."""
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    (root / "site.toml").write_text('title = "排序"\nbase_url = "http://127.0.0.1/"\n', encoding="utf-8")
    filler = "训练时先看损失曲线再调学习率。" * 5
    many = "梯度裁剪很常用，" * 2

    def post(slug: str, title: str, body: str, date: str = "2024-01-10", tags: str = "[杂谈]") -> None:
        front = f"---\ntitle: {title}\ndate: {date}\ntags: {tags}\n---\n\n"
        (posts / f"{slug}.md").write_text(front + body + "\n", encoding="utf-8")

    post("title", "梯度裁剪实战", filler + "一次梯度裁剪。")
    post("tag", "训练稳定性笔记", filler + "一次梯度裁剪。", tags="[梯度裁剪技巧]")
    post("heading", "大模型训练排错", filler + "\n\n## 梯度裁剪\n\n" + filler + "一次梯度裁剪。")
    post("body-old", "优化器杂记甲", many + filler, date="2023-05-01")
    post("body-new", "优化器杂记乙", many + filler, date="2024-03-01")
    # all three pairs of the phrase, far apart: 梯度 here, 度裁 (温度裁判) and 裁剪 thousands of characters on
    apart = "梯度很大。" * 40 + "长" * 2100 + "温度裁判。" * 40 + "短" * 2100 + "图片裁剪。" * 40
    post("apart", "梯度与图片处理", apart)
    post("tagged-a", "数据并行入门", filler + "多机多卡。", tags="[分布式训练]")
    post("tagged-b", "流水线并行", filler + "切分模型。", tags="[分布式训练, 杂谈]")
    post("mentions", "集群笔记", "分布式训练要注意通信。" * 15)
    return root


def test_title_then_tag_then_heading_then_body_then_newer(tmp_path: Path, browser: Any) -> None:
    site = write_ranking_site(tmp_path / "site")
    output = build(BuildOptions(source=site, output=tmp_path / "public", use_cache=False)).output
    with served(output) as base:
        _status, links = results(browser, base, "梯度裁剪")
        assert links == [
            "/posts/title/",
            "/posts/tag/",
            "/posts/heading/",
            "/posts/body-new/",
            "/posts/body-old/",
            "/posts/apart/",  # its pairs are apart: found (nothing is lost) but last
        ]
        context = browser.new_context()
        page = context.new_page()
        status, links = _results(page, base, "分布式训练")
        assert links[:2] == ["/posts/tagged-a/", "/posts/tagged-b/"] and links[2:] == ["/posts/mentions/"], status
        jump = page.locator("#search-results .search-taxon a")
        assert jump.count() == 1 and jump.text_content() == "标签：分布式训练 (2)"
        assert jump.get_attribute("href").startswith("/tags/")
        context.close()


def test_an_english_site_offers_tag_and_series_jumps_in_english(tmp_path: Path, browser: Any) -> None:
    site = tmp_path / "site"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "site.toml").write_text('title = "T"\nbase_url = "http://127.0.0.1/"\nlanguage = "en"\n', encoding="utf-8")
    (site / "content" / "posts" / "a.md").write_text(
        "---\ntitle: Adapters\ndate: 2024-01-02\ntags: [LoRA]\nseries: PEFT Notes\n---\n\nLow rank.\n", encoding="utf-8"
    )
    output = build(BuildOptions(source=site, output=tmp_path / "public", use_cache=False)).output
    with served(output) as base:
        context = browser.new_context()
        page = context.new_page()
        for query, label in (("ｌｏｒａ", "Tag: LoRA (1)"), ("peft  notes", "Series: PEFT Notes (1)")):
            page.goto(base + "search/?q=" + query)
            page.wait_for_selector("#search-results li h2 a")
            assert page.text_content("#search-results .search-taxon a") == label
            assert page.eval_on_selector_all("#search-results li h2 a", "a => a.map(x => x.textContent)") == [
                "Adapters"
            ]
        context.close()
