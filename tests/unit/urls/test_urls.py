"""Slugs, permalinks, base-path joining and output paths: the only place URLs are made."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from generator.urls.paths import (
    encode_path,
    expand,
    is_safe_segment,
    join_base,
    output_file,
    portable_segment,
    segment_problem,
    slugify,
    term_slug,
)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Hello World", "hello-world"),
        ("PyTorch", "pytorch"),
        ("感受野", "感受野"),
        ("大模型 训练", "大模型-训练"),
        ("LoRA：低秩适配", "lora-低秩适配"),
        ("a/b\\c", "a-b-c"),
        ("a?b#c%d&e", "a-b-c-d-e"),
        ("a -- b", "a-b"),
        ("  trim me  ", "trim-me"),
        ("tf.export", "tf.export"),
        ("snake_case~x", "snake_case~x"),
        ("C++", "c"),
        ("e\u0301", "\u00e9"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


@pytest.mark.parametrize("text", ["..", ".", "...", "../..", "../etc/passwd", "a/../b", "/", "\\..\\", "", "!!!", "🙂"])
def test_slug_is_always_a_safe_segment(text: str) -> None:
    slug = slugify(text)
    assert is_safe_segment(slug)
    assert slug not in (".", "..")
    assert "/" not in slug
    assert "\\" not in slug


def test_slugify_is_idempotent() -> None:
    for text in ["Hello World", "感受野", "LoRA：低秩适配", "a -- b", "C++"]:
        assert slugify(slugify(text)) == slugify(text)


def test_case_only_differences_give_one_slug() -> None:
    assert slugify("PyTorch") == slugify("pytorch") == slugify("PYTORCH")


@pytest.mark.parametrize("segment", ["", ".", "..", "a/b", "a\\b", "a\0b"])
def test_unsafe_segments(segment: str) -> None:
    assert not is_safe_segment(segment)


def test_expand() -> None:
    assert expand("/posts/{slug}/", slug="lora") == "/posts/lora/"
    assert expand("/{year}/{month}/{day}/{slug}/", slug="x", year="2026", month="01", day="09") == "/2026/01/09/x/"
    assert expand("posts/{slug}", slug="x") == "/posts/x/"
    assert expand("/feed.xml") == "/feed.xml"
    assert expand("/page/{n}/", n=3) == "/page/3/"


def test_encode_path_percent_encodes_non_ascii_only() -> None:
    assert encode_path("/posts/感受野/") == "/posts/%E6%84%9F%E5%8F%97%E9%87%8E/"
    assert encode_path("/posts/a b/") == "/posts/a%20b/"
    assert encode_path("/posts/lora-v2.1_x~/") == "/posts/lora-v2.1_x~/"
    assert encode_path("/posts/%E6%84%9F/") == "/posts/%E6%84%9F/"


@pytest.mark.parametrize(
    ("base", "path", "url"),
    [
        ("/", "/", "/"),
        ("/", "/posts/x/", "/posts/x/"),
        ("/repo/", "/", "/repo/"),
        ("/repo/", "/posts/x/", "/repo/posts/x/"),
        ("/repo/", "posts/x/", "/repo/posts/x/"),
        ("/a/b/", "/tags/感受野/", "/a/b/tags/%E6%84%9F%E5%8F%97%E9%87%8E/"),
    ],
)
def test_join_base(base: str, path: str, url: str) -> None:
    assert join_base(base, path) == url


@pytest.mark.parametrize(
    ("path", "file"),
    [
        ("/", "index.html"),
        ("/posts/x/", "posts/x/index.html"),
        ("/page/2/", "page/2/index.html"),
        ("/css/syntax.css", "css/syntax.css"),
        ("/posts/%E6%84%9F%E5%8F%97%E9%87%8E/", "posts/感受野/index.html"),
        ("/posts/感受野/", "posts/感受野/index.html"),
    ],
)
def test_output_file(path: str, file: str) -> None:
    assert output_file(path) == PurePosixPath(file)


@pytest.mark.parametrize("path", ["/posts/../x/", "/../x/", "/posts/%2e%2e/x/", "/posts/%2E%2E/%2e%2e/x/"])
def test_output_file_never_leaves_the_output(path: str) -> None:
    with pytest.raises(ValueError):
        output_file(path)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("C", "c"),
        ("C++", "c-plus-plus"),
        ("C#", "c-sharp"),
        ("F#", "f-sharp"),
        ("Notepad++", "notepad-plus-plus"),
        ("C/C++", "c-c-plus-plus"),
        ("#周报", "周报"),  # a '#' that starts a name is decoration, not 'sharp'
        ("PyTorch", "pytorch"),
        ("大模型", "大模型"),
        ("CON", "con-"),
    ],
)
def test_term_slug_keeps_names_apart(name: str, slug: str) -> None:
    assert term_slug(name) == slug


@pytest.mark.parametrize(
    ("segment", "words"),
    [
        ("CON", "device name"),
        ("con", "device name"),
        ("Aux.png", "device name"),
        ("nul.tar.gz", "device name"),
        ("COM1", "device name"),
        ("lpt9.txt", "device name"),
        ("com\u00b9", "device name"),
        ("a<b", "'<'"),
        ("a:b", "':'"),
        ('a"b', "'\"'"),
        ("a|b", "'|'"),
        ("a?b", "'?'"),
        ("a*b", "'*'"),
        ("a\\b", "'\\\\'"),
        ("a/b", "'/'"),
        ("a\x01b", "'\\x01'"),
        ("name.", "ends with a dot or a space"),
        ("name ", "ends with a dot or a space"),
        ("x" * 201, "201 bytes"),
        ("感" * 67, "201 bytes"),
        ("", "not a file or folder name"),
        ("..", "not a file or folder name"),
    ],
)
def test_segment_problem_names_what_windows_or_file_systems_refuse(segment: str, words: str) -> None:
    problem = segment_problem(segment)
    assert problem is not None and words in problem


@pytest.mark.parametrize(
    "segment",
    ["console", "auxiliary.png", "com10", "lpt", "c-plus-plus", "感受野", "tf.export", ".nojekyll", "x" * 200],
)
def test_segment_problem_leaves_ordinary_names_alone(segment: str) -> None:
    assert segment_problem(segment) is None


@pytest.mark.parametrize(
    ("segment", "fixed"),
    [
        ("CON", "CON-"),
        ("aux.png", "aux-.png"),
        ("nul .txt", "nul-.txt"),
        ("a:b?c", "a-b-c"),
        ("name. ", "name"),
        ("...", "-"),
        ("ok", "ok"),
    ],
)
def test_portable_segment_fixes_generated_names(segment: str, fixed: str) -> None:
    assert portable_segment(segment) == fixed
    assert segment_problem(portable_segment(segment)) is None


@pytest.mark.parametrize("name", ["con", "CON", "Aux", "nul", "com1", "LPT3", "tf.", "a. ", "prn.txt"])
def test_slugs_are_never_windows_device_names_or_end_in_a_dot(name: str) -> None:
    assert segment_problem(slugify(name)) is None
    assert segment_problem(term_slug(name)) is None


def test_path_length_counts_utf16_units_not_bytes() -> None:
    from generator.urls.paths import MAX_OUTPUT_PATH_UNITS, path_length_problem

    assert path_length_problem("好" * MAX_OUTPUT_PATH_UNITS) is None  # 600 bytes, 200 units
    assert path_length_problem("好" * (MAX_OUTPUT_PATH_UNITS + 1)) is not None
    assert path_length_problem("😀" * 101) is not None  # two units each on Windows
