"""Nothing outside the library ends up in a deck, and pictures are stored at the size shown.

A deck is shared with a school; a symlink or a ``../`` in a coordinator's talk must never carry
a private file into it. These tests open the built .pptx as a zip and look at every part.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pptx import Presentation

from talkdeck.cli import cli
from talkdeck.deck.images import DPI
from talkdeck.deck.render import SIDE

from .hostile_corpus import TALK, edit

SECRET = b"PRIVATE-DIARY-" * 64


def picture(
    width: int, height: int, kind: str = "PNG", colour: str = "#8a3b12", exif: bytes | None = None
) -> bytes:
    out = io.BytesIO()
    img = Image.new("RGB", (width, height), colour)
    for x in range(0, width, 7):  # some detail, so the file is not trivially small
        img.putpixel((x, (x * 3) % height), (255, 255, 255))
    img.save(out, kind, **({"exif": exif} if exif else {}))
    return out.getvalue()


def talk_with_pictures(*paths: str) -> str:
    """The mini talk with a picture on a bullets slide and another on the closing slide."""
    alt = "alt: {en: A picture, es: Una imagen}"
    first, second = (paths * 2)[:2]
    return edit(
        TALK,
        "  - id: end\n",
        f"  - id: end\n    image: {{path: {second}, {alt}}}\n",
        "  - id: words\n",
        f"  - id: words\n    image: {{path: {first}, {alt}}}\n",
    )


def build(runner: CliRunner, lib: Path, out: Path, region: str = "CO") -> zipfile.ZipFile:
    result = runner.invoke(
        cli, ["build", "mini", "-a", "12", "-r", region, "-l", "en", "-L", str(lib), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return zipfile.ZipFile(out)


def media(deck: zipfile.ZipFile) -> dict[str, bytes]:
    return {n: deck.read(n) for n in deck.namelist() if n.startswith("ppt/media/")}


def test_only_library_files_reach_the_deck(
    make_library: Callable[..., Path], runner: CliRunner, tmp_path: Path
) -> None:
    photo = picture(300, 200)
    lib = make_library({"talks/mini.yaml": talk_with_pictures("pics/photo.png", "same.png")})
    (lib / "assets" / "pics").mkdir()
    (lib / "assets" / "pics" / "photo.png").write_bytes(photo)
    (lib / "assets" / "same.png").symlink_to(lib / "assets" / "pics" / "photo.png")  # stays in
    (tmp_path / "diary.txt").write_bytes(SECRET)
    (lib / "assets" / "diary.png").symlink_to(tmp_path / "diary.txt")  # unused, leads out
    deck = build(runner, lib, tmp_path / "deck.pptx")
    parts = {name: deck.read(name) for name in deck.namelist()}
    assert not any(SECRET[:28] in blob for blob in parts.values())
    pictures = media(deck)
    assert list(pictures.values()).count(photo) == 1  # used twice, stored once, unchanged
    qr_codes = [blob for blob in pictures.values() if blob != photo]
    assert len(qr_codes) == 1  # Te Protejo's web address
    with zipfile.ZipFile(lib / "assets" / "templates" / "talkdeck.pptx") as template:
        master = "ppt/slideMasters/slideMaster1.xml"
        untagged = re.compile(rb' lang="[^"]*"')  # the deck's language is written into its styles
        assert untagged.sub(b"", parts[master]) == untagged.sub(b"", template.read(master))


@pytest.mark.parametrize("path", ["../../diary.png", "leak.png", "leak/diary.png"])
def test_a_path_out_of_the_library_builds_nothing(
    make_library: Callable[..., Path], runner: CliRunner, tmp_path: Path, path: str
) -> None:
    (tmp_path / "leak").mkdir()
    (tmp_path / "leak" / "diary.png").write_bytes(picture(50, 50))
    (tmp_path / "diary.png").write_bytes(picture(50, 50))
    lib = make_library({"talks/mini.yaml": talk_with_pictures(path)})
    (lib / "assets" / "leak.png").symlink_to(tmp_path / "diary.png")
    (lib / "assets" / "leak").symlink_to(tmp_path / "leak")
    result = runner.invoke(
        cli, ["build", "mini", "-a", "12", "-L", str(lib), "-o", str(tmp_path / "deck.pptx")]
    )
    assert result.exit_code == 1
    assert f"image path '{path}' leads outside the library's assets/ folder" in result.stderr
    assert not (tmp_path / "deck.pptx").exists()


def test_large_pictures_are_stored_at_the_size_shown(
    make_library: Callable[..., Path], runner: CliRunner, tmp_path: Path
) -> None:
    camera = Image.Exif()
    camera[0x010F] = "Volunteer's phone"  # Make: metadata a shared deck should not carry
    photo = picture(3000, 1500, "JPEG", exif=camera.tobytes())
    lib = make_library({"talks/mini.yaml": talk_with_pictures("photo.jpg")})
    (lib / "assets" / "photo.jpg").write_bytes(photo)
    deck = build(runner, lib, tmp_path / "deck.pptx", region="global")
    (stored,) = media(deck).values()
    with Image.open(io.BytesIO(stored)) as img:
        assert img.format == "JPEG"
        assert img.size == (SIDE * DPI // 914_400, SIDE * DPI // 914_400 // 2)
        assert "exif" not in img.info
    assert len(stored) < len(photo) / 4
    shapes = [
        shape
        for slide in Presentation(str(tmp_path / "deck.pptx")).slides
        for shape in slide.shapes
        if shape.shape_type == 13
    ]  # pictures
    assert len(shapes) == 2
    assert all(abs(shape.width / shape.height - 2) < 0.01 for shape in shapes)  # not squashed
    assert max(shape.width for shape in shapes) == SIDE  # the largest picture frame


def test_every_shape_id_is_unique_and_slide_numbers_inherit(
    mini: Path, runner: CliRunner, tmp_path: Path
) -> None:
    """A duplicated shape id makes PowerPoint offer to repair the file; a full copy of the
    layout's slide-number box made every slide ~0.5 KB larger."""
    deck = build(runner, mini, tmp_path / "deck.pptx")  # CO: a QR code beside the slide number
    prs = Presentation(str(tmp_path / "deck.pptx"))
    for slide in prs.slides:
        ids = [shape.shape_id for shape in slide.shapes]
        assert len(ids) == len(set(ids)), ids
    numbers = [
        shape
        for slide in prs.slides
        for shape in slide.placeholders
        if shape.placeholder_format.idx == 20
    ]
    assert [n.text_frame.text for n in numbers] == [str(i) for i in range(2, len(prs.slides) + 1)]
    assert all(len(n._element.spPr) == 0 for n in numbers)  # position and style: the layout's
    assert len(media(deck)) == 1
