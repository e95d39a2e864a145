"""Pelican's metadata lines, values, internal links and CodeHilite blocks, read as Pelican read them."""

from __future__ import annotations

import pytest

from generator.content.frontmatter import split_front_matter
from generator.dialects.pelican import pelican_body, pelican_fields, pelican_header, pelican_page

POST = """Title: 梯度下降
Date: 2019-07-27 10:20
Tags: 优化; 机器学习
Category:
Summary: 为什么学习率
    不能太大
Status: draft

正文第一段。
"""


def test_the_header_is_read_up_to_the_first_blank_line_with_keys_lowercased() -> None:
    header = pelican_header(POST)
    assert header is not None
    data, lines, body, body_line = header
    assert data == {
        "title": "梯度下降",
        "date": "2019-07-27 10:20",
        "tags": "优化; 机器学习",
        "category": "",
        "summary": "为什么学习率\n不能太大",
        "status": "draft",
    }
    assert lines["tags"] == 3 and lines["status"] == 7
    assert body == "正文第一段。\n" and body_line == 9


@pytest.mark.parametrize(
    "text",
    [
        "Note: 这是一段普通的文字。\n\n正文\n",  # a paragraph that opens with a word and a colon
        "正文\nTitle: x\n",
        "title: x\ndate: 2020-01-01\n---\n\nbody\n",  # Hexo's fenceless front matter, read elsewhere
        "",
    ],
)
def test_text_that_is_not_a_header_is_left_alone(text: str) -> None:
    assert pelican_header(text) is None


def test_a_line_that_is_no_key_ends_the_header_and_starts_the_body() -> None:
    header = pelican_header("Title: x\nDate: 2020-01-01\n正文紧跟着。\n")
    assert header is not None
    assert header[2] == "正文紧跟着。\n" and header[3] == 3


def test_split_front_matter_reads_the_header_as_pelican_and_hexo_fenceless_as_yaml() -> None:
    front, problem = split_front_matter(POST, "content/posts/a.md")
    assert problem is None and front is not None
    assert front.format == "pelican" and front.data["title"] == "梯度下降" and front.body_line == 9
    hexo, _ = split_front_matter("title: x\ndate: 2020-01-01\n---\nbody\n", "content/posts/b.md")
    assert hexo is not None and hexo.format == "yaml"


def test_values_become_our_keys() -> None:
    data, found = pelican_fields(
        {"title": "t", "tags": "优化; 机器学习", "authors": "A, B", "category": "", "status": "draft", "slug": ""},
        {},
        "a.md",
        "ML",
    )
    assert data == {"title": "t", "tags": ["优化", "机器学习"], "authors": ["A", "B"], "draft": True, "category": "ML"}
    assert found == []


def test_a_written_category_wins_over_the_folder() -> None:
    data, _ = pelican_fields({"title": "t", "category": "Python"}, {}, "a.md", "misc")
    assert data["category"] == "Python"
    top, _ = pelican_fields({"title": "t"}, {}, "a.md", None)
    assert "category" not in top


@pytest.mark.parametrize("status", ["hidden", "skip"])
def test_hidden_and_skipped_posts_stay_out_with_a_warning(status: str) -> None:
    data, found = pelican_fields({"title": "t", "status": status}, {"status": 4}, "a.md", None)
    assert data["draft"] is True
    assert len(found) == 1 and found[0].line == 4 and "not published" in found[0].message


def test_an_unknown_status_is_named() -> None:
    data, found = pelican_fields({"title": "t", "status": "pending"}, {"status": 2}, "a.md", None)
    assert "draft" not in data and "'pending' is not known" in found[0].message


def test_pages_folder_holds_pages_not_posts() -> None:
    assert pelican_page("content/posts/pages/about.md")
    assert not pelican_page("content/posts/ML/pages.md")


def _url(path: str) -> str | None:
    return "/posts/" + path.rsplit("/", 1)[-1].rsplit(".", 1)[0] + "/"


def test_internal_links_become_urls_relative_to_the_content_folder() -> None:
    body = (
        "见 [上一篇]({filename}openmp-1.md#并行) 和 [另一篇]({filename}/ML/lora.md)。\n"
        "![图]({static}images/a.png?w=300) ![图]({static}/images/b.png) ![图](|static|../images/c.png)\n"
        '<img src="{attach}d.png">\n'
    )
    out = pelican_body(body, "HPC", _url)
    assert out.split("\n") == [
        "见 [上一篇](/posts/openmp-1/#并行) 和 [另一篇](/posts/lora/)。",
        "![图](/HPC/images/a.png) ![图](/images/b.png) ![图](/images/c.png)",
        '<img src="/HPC/d.png">',
        "",
    ]


def test_codehilite_blocks_become_fences_on_the_same_lines() -> None:
    body = "前文。\n\n    :::bash\n    ls -l\n\n    echo ```\n\n后文。\n\n    #!python\n    print(1)\n"
    out = pelican_body(body, "", _url).split("\n")
    assert out[:8] == ["前文。", "", "````bash", "ls -l", "", "echo ```", "````", "后文。"]
    assert out[9:12] == ["```python {linenos=true}", "print(1)", "```"]
    assert len(out) == len(body.split("\n"))


def test_a_list_paragraph_indented_four_spaces_is_text() -> None:
    out = pelican_body("- 第一项\n\n    见 [x]({filename}a.md)\n", "", _url)
    assert "[x](/posts/a/)" in out


def test_code_is_left_as_written() -> None:
    body = "```\n[x]({filename}a.md)\n    :::bash\n```\n\n    plain indented code\n    [x]({filename}a.md)\n"
    out = pelican_body(body, "", _url)
    assert out.split("\n") == body.split("\n")  # fenced and plain indented code alike
    assert "#!/usr/bin/env python" in pelican_body("\n    #!/usr/bin/env python\n    x\n", "", _url)


@pytest.mark.parametrize("name", ["other.mkd", "other.mdown", "other.qmd", "other.markdown"])
def test_a_link_to_a_post_under_any_markdown_name_is_its_url(name: str) -> None:
    from functools import partial

    from generator.dialects.body_pass import post_url_from_path

    out = pelican_body(f"[a]({{filename}}/python/{name})", "", partial(post_url_from_path, "/posts/{slug}/"))
    assert out == "[a](/posts/other/)"
