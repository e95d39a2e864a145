"""Warnings about what many posts never had (tags, a title, a date, front matter) fold into one line a kind."""

from __future__ import annotations

from generator.content.absences import LISTED, fold_absences
from generator.errors import Diagnostic, error, warning

TAGS = "tags: [...] to list it under a tag"


def untagged(count: int, folder: str = "content/posts") -> list[Diagnostic]:
    """`count` posts without tags, in the unsorted order a parallel load can give."""
    return [warning(f"{folder}/p{n:03d}.md", 1, "post has no tags", TAGS) for n in reversed(range(count))]


def plain_notebook(name: str) -> list[Diagnostic]:
    """The four warnings a notebook without metadata gets, as the loader words them."""
    path = f"content/posts/{name}.ipynb"
    return [
        warning(path, 1, "post has no front matter", "a 'blog' mapping in the notebook's metadata, or …"),
        warning(path, 1, f"post has no title, using '{name} 笔记'", "a 'title' key"),
        warning(path, 1, "post has no date; using 2023-04-05 06:07 (the file's modification time)", "a 'date' key"),
        warning(path, 1, "post has no tags", TAGS),
    ]


def test_many_posts_without_tags_give_one_line_naming_the_first_file() -> None:
    formula = warning("content/posts/m.md", 6, "formula $\\frac{a$ cannot be converted", "TeX")
    folded = fold_absences([*untagged(320), formula])
    assert [str(d) for d in folded] == [
        "content/posts/p000.md:1: 320 posts have no tags: this one and 319 more; they are listed under no tag "
        "(tags: [...] to list a post under a tag; blog build --all-warnings names each)",
        str(formula),
    ]
    assert not folded[0].is_error


def test_three_posts_without_tags_are_still_named_one_by_one() -> None:
    assert LISTED == 3
    three = untagged(3)
    assert fold_absences(three) == three
    assert len(fold_absences(untagged(4))) == 1


def test_a_folder_of_plain_notebooks_gives_one_line_per_kind() -> None:
    found = [item for n in range(38) for item in plain_notebook(f"lesson{n:02d}")]
    folded = [str(d) for d in fold_absences(found)]
    assert folded == [
        "content/posts/lesson00.ipynb:1: 38 notebooks have no front matter: this one and 37 more; each is read "
        "from its cells alone (a 'blog' mapping in a notebook's metadata, or a first raw cell with '---' lines; "
        "blog build --all-warnings names each)",
        "content/posts/lesson00.ipynb:1: 38 notebooks have no title: this one, titled 'lesson00 笔记', and 37 more; "
        "each takes its first '#' heading, else its file name (a 'title' key; blog build --all-warnings names each)",
        "content/posts/lesson00.ipynb:1: 38 notebooks have no date: this one, dated 2023-04-05 06:07 (the file's "
        "modification time), and 37 more; each takes its last git commit, else its file's modification time "
        "(a 'date' key; blog build --all-warnings names each)",
        "content/posts/lesson00.ipynb:1: 38 notebooks have no tags: this one and 37 more; they are listed under no "
        "tag (tags: [...] to list a post under a tag; blog build --all-warnings names each)",
    ]


def test_markdown_posts_and_notebooks_without_front_matter_are_told_apart() -> None:
    posts = [warning(f"content/posts/{n}.md", 1, "post has no front matter", "'---' lines") for n in range(5)]
    notebooks = [item for n in range(2) for item in plain_notebook(f"nb{n}")[:1]]
    folded = [str(d) for d in fold_absences([*posts, *notebooks])]
    assert folded[0].startswith("content/posts/0.md:1: 5 posts have no front matter: this one and 4 more")
    assert folded[1:] == [str(d) for d in notebooks]  # two notebooks: still named


def test_mistakes_in_one_post_are_never_folded() -> None:
    mistakes = [
        error("content/posts/a.md", 3, "date '2020-13-01' is not a date", "a date"),
        warning("content/posts/b.md", 4, "unknown front-matter key 'tittle'", "did you mean 'title'?"),
        warning("content/posts/c.md", 3, "date 2018-02-31 read as 2018-03-03, as Hexo published it", "a real day"),
        error("content/posts/d.md", 1, "post has no date", "a 'date' key"),
    ]
    found = [*untagged(10), *mistakes * 4]
    folded = fold_absences(found)
    assert folded[1:] == mistakes * 4
    assert folded[0].message.startswith("10 posts have no tags")


def test_the_folded_line_stands_where_its_first_warning_stood() -> None:
    before = warning("content/posts/0.md", 2, "something else", None)
    after = warning("content/posts/z.md", 2, "something later", None)
    folded = fold_absences([before, *untagged(5), after])
    assert folded[0] == before and folded[2] == after and "5 posts have no tags" in folded[1].message


def unknown_key(path: str, key: str = "title_en", line: int = 3) -> Diagnostic:
    return warning(path, line, f"unknown front-matter key '{key}'", "did you mean 'title'?")


def test_an_unknown_key_on_many_posts_is_one_line_naming_the_key_the_count_and_the_first() -> None:
    """A Jekyll blog giving every post `title_en` printed 102 'did you mean' lines."""
    many = [unknown_key(f"content/posts/p{n:03d}.md", line=2 + n % 2) for n in reversed(range(102))]
    typo = unknown_key("content/posts/x.md", "tittle", 4)
    folded = [str(d) for d in fold_absences([typo, *many])]
    assert folded == [
        str(typo),  # one post's misspelling is still named
        "content/posts/p000.md:2: unknown front-matter key 'title_en' in 102 posts: this one and 101 more; kept "
        "for templates as post.meta.title_en (did you mean 'title'? If not, nothing to fix; blog build "
        "--all-warnings names each)",
    ]


def test_an_unknown_key_on_three_posts_is_still_named_post_by_post() -> None:
    three = [unknown_key(f"content/posts/p{n}.md") for n in range(3)]
    assert fold_absences(three) == three
    assert len(fold_absences([*three, unknown_key("content/posts/p3.md")])) == 1


def test_notebooks_with_the_same_small_schema_slip_give_one_line() -> None:
    """A Quarto blog's notebooks carried `"outputs": []` on Markdown cells: Jupyter opens them,
    and 20 lines of one fix were 19 too many."""
    problem = "Additional properties are not allowed ('outputs' was unexpected)"
    found = [
        warning(
            f"content/posts/n{n:02d}.ipynb",
            None,
            f"notebook does not match the nbformat 4 schema: {problem}",
            "Jupyter opens it anyway; saving it there again fixes it",
        )
        for n in reversed(range(20))
    ]
    assert [str(d) for d in fold_absences(found)] == [
        "content/posts/n00.ipynb: 20 notebooks do not match the nbformat 4 schema: this one "
        f"({problem}) and 19 more; each is read as Jupyter opens it "
        "(saving them in Jupyter again fixes them; blog build --all-warnings names each)"
    ]
    assert fold_absences(found[:3]) == found[:3]
