"""`--logo FILE`: a school's logo, checked like every picture, on the title and closing slides."""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pptx import Presentation

from talkdeck.cli import cli

PIC = 13  # MSO_SHAPE_TYPE.PICTURE


def png(path: Path, size: tuple[int, int] = (400, 200), fmt: str = "PNG", **kw: object) -> Path:
    Image.new("RGB", size, (200, 30, 60)).save(path, fmt, **kw)
    return path


def build(runner: CliRunner, lib: Path, tmp_path: Path, *args: str) -> tuple[int, str, Path]:
    out = tmp_path / "deck.pptx"
    result = runner.invoke(
        cli, ["build", "mini", "--age", "12", "-L", str(lib), "-o", str(out), *args]
    )
    return result.exit_code, result.output, out


def logos(path: Path) -> dict[int, list[str]]:
    """Slide number -> the alt text of each logo on it."""
    out = {}
    for number, slide in enumerate(Presentation(str(path)).slides, start=1):
        found = [
            sh._element.nvPicPr.cNvPr.get("descr")
            for sh in slide.shapes
            if sh.shape_type == PIC and sh.name == "Logo"
        ]
        if found:
            out[number] = found
    return out


def test_a_logo_goes_on_the_title_and_closing_slides_only(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    jpeg = tmp_path / "crest.jpg"
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    png(jpeg, (1600, 800), "JPEG", exif=exif.tobytes())
    code, output, deck = build(
        runner, mini, tmp_path, "--logo", str(jpeg), "--school", "Hill Primary"
    )
    assert code == 0, output
    slides = len(Presentation(str(deck)).slides)
    assert logos(deck) == {1: ["Hill Primary logo"], slides: ["Hill Primary logo"]}
    with zipfile.ZipFile(deck) as archive:
        media = [n for n in archive.namelist() if n.startswith("ppt/media/")]
        assert len(media) == 1  # stored once, shown twice
        data = archive.read(media[0])
    assert b"SecretCamera" in jpeg.read_bytes() and b"SecretCamera" not in data
    with Image.open(io.BytesIO(data)) as img:
        assert img.format == "PNG" and max(img.size) <= 440  # scaled to its box, not 1600 px


def test_a_spanish_deck_says_so_in_the_alt_text(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    code, output, deck = build(
        runner, mini, tmp_path, "--logo", str(png(tmp_path / "l.png")), "--region", "CO"
    )
    assert code == 0, output
    # Colombia: Latin-American Spanish says "escuela" (Spain's decks say "Logo del centro").
    assert set(map(tuple, logos(deck).values())) == {("Logo de la escuela",)}


def test_an_svg_logo_is_drawn(runner: CliRunner, mini: Path, tmp_path: Path) -> None:
    pytest.importorskip("resvg_py")
    svg = tmp_path / "logo.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">'
        '<rect width="200" height="100" fill="#0a5"/>'
        '<text x="20" y="60" font-size="30">Hill</text></svg>',
        encoding="utf-8",
    )
    code, output, deck = build(runner, mini, tmp_path, "--logo", str(svg))
    assert code == 0, output
    assert len(logos(deck)) == 2
    again = tmp_path / "again.pptx"
    assert (
        runner.invoke(
            cli,
            ["build", "mini", "--age", "12", "-L", str(mini), "-o", str(again), "--logo", str(svg)],
        ).exit_code
        == 0
    )
    assert again.read_bytes() == deck.read_bytes()  # no machine font, no clock: reproducible


def test_without_the_renderer_an_svg_is_refused_plainly(
    runner: CliRunner, mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "resvg_py", None)  # import fails as if not installed
    svg = tmp_path / "logo.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9"/></svg>')
    code, output, deck = build(runner, mini, tmp_path, "--logo", str(svg))
    assert (code, output) == (
        2,
        f"error: --logo {svg}: SVG logos need the SVG renderer: pip "
        "install 'talkdeck[svg]' (resvg-py); or give a PNG or JPEG\n",
    )
    assert not deck.exists()


BAD: dict[str, tuple[Callable[[Path], object], str]] = {
    "missing": (lambda p: None, "no such file"),
    "folder": (lambda p: p.mkdir(), "not a file"),
    "empty": (lambda p: p.write_bytes(b""), "the file is empty"),
    "huge": (
        lambda p: p.write_bytes(b"\x89PNG" + b"\0" * 2_100_000),
        "2.1 MB; the limit is 2 MB (save it smaller)",
    ),
    "text": (lambda p: p.write_text("hello"), "not a picture; use PNG, JPEG or SVG"),
    "gif": (lambda p: png(p, fmt="GIF"), "is GIF; use PNG, JPEG or SVG"),
    "wide": (
        lambda p: png(p, (9000, 10)),
        "is 9000x10 pixels; the limit is 8000 on a side (scale it down)",
    ),
    "tiny": (
        lambda p: png(p, (20, 20)),
        "is 20x20 pixels; a logo needs at least 48 on its longer side to show sharply",
    ),
    "cut": (lambda p: p.write_bytes(png(p).read_bytes()[:300]), "the picture is damaged"),
    "outside": (
        lambda p: p.write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            '<image xlink:href="/home/me/photo.jpg"/></svg>'
        ),
        "the SVG refers to another file (/home/me/photo.jpg); embed it, or give a PNG",
    ),
    "entities": (
        lambda p: p.write_text(
            '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>'
            '<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
        ),
        "SVG with a DOCTYPE or entities is not accepted; export it again as plain SVG, "
        "or give a PNG",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_logo_is_a_usage_error_naming_the_file(
    case: str, runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    make, message = BAD[case]
    path = tmp_path / f"{case}.{'svg' if case in ('outside', 'entities') else 'png'}"
    make(path)
    code, output, deck = build(runner, mini, tmp_path, "--logo", str(path))
    assert code == 2
    assert output.startswith(f"error: --logo {path}: {message}"), output
    assert not deck.exists()


def test_batch_puts_the_logo_in_every_deck(runner: CliRunner, mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    result = runner.invoke(
        cli,
        [
            "batch",
            "-L",
            str(mini),
            "-o",
            str(out),
            "--ages",
            "12",
            "--regions",
            "CO",
            "--lang",
            "all",
            "-j",
            "1",
            "--logo",
            str(png(tmp_path / "l.png")),
        ],
    )
    assert result.exit_code == 0, result.output
    decks = sorted(out.glob("*.pptx"))
    assert len(decks) == 2
    for deck in decks:
        assert len(logos(deck)) == 2


def test_batch_refuses_a_bad_logo_before_building(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    result = runner.invoke(
        cli, ["batch", "-L", str(mini), "-o", str(out), "--logo", str(tmp_path / "none.png")]
    )
    assert (result.exit_code, result.output) == (
        2,
        f"error: --logo {tmp_path / 'none.png'}: no such file\n",
    )
    assert not out.exists()
