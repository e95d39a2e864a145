"""A screenshot's alpha channel nobody drew on is left out before its copies are made: the same
WebP bytes, made sooner; a picture with real transparency keeps it (content/variants.py)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from generator.content.variants import VariantJob, make_variants


def copies_of(source: Path, folder: Path) -> tuple[bytes, bytes]:
    with Image.open(source) as image:
        width, height = image.size
    job = VariantJob(source, width, height, ((1360, folder / "a.1360w.webp"), (680, folder / "a.680w.webp")))
    assert make_variants([job]) == set()
    return (folder / "a.1360w.webp").read_bytes(), (folder / "a.680w.webp").read_bytes()


def test_an_opaque_alpha_channel_gives_the_copies_the_picture_without_it_gives(tmp_path: Path) -> None:
    picture = Image.linear_gradient("L").resize((1600, 600)).convert("RGB")
    picture.save(tmp_path / "rgb.png")
    picture.convert("RGBA").save(tmp_path / "rgba.png")  # alpha 255 everywhere, as screenshots save it
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    assert copies_of(tmp_path / "rgba.png", tmp_path / "one") == copies_of(tmp_path / "rgb.png", tmp_path / "two")
    with Image.open(tmp_path / "one/a.680w.webp") as copy:
        assert copy.mode == "RGB" and copy.size == (680, 255)


def test_real_transparency_is_kept(tmp_path: Path) -> None:
    picture = Image.new("RGBA", (1600, 600), (200, 30, 30, 255))
    picture.paste((0, 0, 0, 0), (0, 0, 800, 600))  # the left half see-through
    picture.save(tmp_path / "logo.png")
    copies_of(tmp_path / "logo.png", tmp_path)
    with Image.open(tmp_path / "a.680w.webp") as copy:
        assert copy.mode == "RGBA" and copy.getpixel((10, 10))[3] == 0 and copy.getpixel((600, 10))[3] == 255
