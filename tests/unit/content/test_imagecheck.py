"""Image files whose bytes are another format than their extension: shown by browsers, told apart."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from generator.content.imagecheck import image_check, image_data_problem, misnamed, real_format
from generator.markdown.figures import ImageFacts, ImageStore, image_facts, image_file_warnings
from generator.markdown.render import RenderOptions, render_post

SVG = b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by hand -->\n<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"></svg>\n'


def encoded(kind: str, size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, kind)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("kind", "name"), [("JPEG", "JPEG"), ("PNG", "PNG"), ("GIF", "GIF"), ("WEBP", "WebP"), ("BMP", "BMP")]
)
def test_real_format_reads_the_first_bytes(kind: str, name: str) -> None:
    assert real_format(encoded(kind)[:512]) == name


def test_real_format_knows_svg_and_nothing_else() -> None:
    assert real_format(SVG) == "SVG"
    assert real_format(b"<!DOCTYPE html><html><body><svg></svg></body></html>") is None
    assert real_format("这不是图片".encode()) is None
    assert real_format(b"BMW is a car, not a bitmap header at all") is None


@pytest.mark.parametrize(
    ("name", "data", "real"),
    [
        ("photo.png", encoded("JPEG"), "JPEG"),
        ("plot.jpg", encoded("PNG"), "PNG"),
        ("shot.png", encoded("BMP"), "BMP"),
        ("anim.webp", encoded("GIF"), "GIF"),
        ("icon.png", SVG, "SVG"),
    ],
)
def test_a_misnamed_image_is_no_problem_but_says_what_it_is(tmp_path: Path, name: str, data: bytes, real: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert image_check(path) == (None, real)
    assert image_data_problem(data, "PNG" if name.endswith(".png") else "JPEG") is None


def test_a_truncated_misnamed_image_is_a_problem_naming_its_real_format(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(encoded("JPEG")[:-40])
    assert image_check(path) == ("file is truncated (no JPEG end marker) (its bytes are JPEG, not PNG)", "JPEG")


def test_text_saved_as_png_is_still_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "text.png"
    path.write_text("这不是图片\n", encoding="utf-8")
    assert image_check(path) == ("file is not a PNG image (it is text)", None)


def test_misnamed_message_says_browsers_show_it_and_to_rename_it() -> None:
    message, expected = misnamed("JPEG", "static/img/photo.png")
    assert message == "file is a JPEG image, not PNG as its extension says; browsers show it by its content"
    assert "rename it to .jpg" in expected


def test_a_misnamed_image_is_sized_as_what_it_is_and_warned_where_it_is_shown(tmp_path: Path) -> None:
    photo, icon = tmp_path / "photo.png", tmp_path / "icon.png"
    photo.write_bytes(encoded("JPEG", (1600, 400)))
    icon.write_bytes(SVG)
    files = {"img/photo.png": photo, "img/icon.png": icon}
    table, variants = image_facts(
        ("/img/photo.png", "/img/icon.png"), "/posts/x/", "/", files, ImageStore({}, tmp_path / "d")
    )
    assert table == {
        "/img/photo.png": ImageFacts(1600, 400, (680, 1360), real="JPEG"),
        "/img/icon.png": ImageFacts(120, 80, (), real="SVG"),
    }
    assert sorted(variants) == ["img/photo.1360w.webp", "img/photo.680w.webp"]
    rendered = render_post("文字。\n\n![照片](/img/photo.png)\n", RenderOptions(), first_line=6, images=table)
    assert 'width="1600" height="400"' in rendered.html
    assert [(line, message) for line, message, _ in rendered.warnings] == [
        (8, "image '/img/photo.png': " + misnamed("JPEG", "photo.png")[0])
    ]


def test_the_site_wide_check_names_every_misnamed_file_once(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(encoded("JPEG"))
    (tmp_path / "b.jpg").write_bytes(encoded("JPEG"))
    (tmp_path / "c.png").write_bytes(b"")
    files = {name: tmp_path / name for name in ("a.png", "b.jpg", "c.png")}
    memo: dict = {}
    found = image_file_warnings(files, tmp_path, memo)
    assert found == [
        (tmp_path / "a.png", *misnamed("JPEG", "a.png")),
        (tmp_path / "c.png", "file is empty", None),
    ]
    assert image_file_warnings(files, tmp_path, memo) == found  # remembered: the same answer
