"""Contact sheets and the HTML review page (fake soffice, real pdftoppm and Pillow)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from talkdeck.cli import cli
from talkdeck.printouts.preview import SHEET_WIDTH, contact_sheet
from talkdeck.workspace import BuildRequest, build

from .office import install_fake, need, runs


def size(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.width, image.height


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    need("pdftoppm")
    return install_fake(tmp_path / "bin", monkeypatch)


def deck(
    lib: Path, path: Path, age: int = 12, region: str = "global", lang: str | None = None
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return build(
        lib, BuildRequest(talk="mini", age=age, region=region, lang=lang, output=path)
    ).path


def test_contact_sheet_grid(tmp_path: Path) -> None:
    pages = []
    for n in range(7):
        page = tmp_path / f"p-{n + 1}.png"
        Image.new("RGB", (160, 90), (n * 30, 0, 0)).save(page)
        pages.append(page)
    sheet = tmp_path / "sheet.png"
    sheet.write_bytes(contact_sheet(pages, "header", columns=3))
    with Image.open(sheet) as image:
        assert image.size == (28 + 3 * (160 + 28), 72 + 3 * (40 + 90 + 28))
        # Slide 7 starts the third row, first column; its red level is 6 * 30.
        assert image.getpixel((28 + 80, 72 + 2 * 158 + 40 + 45)) == (180, 0, 0)


def test_preview_of_a_deck(
    mini: Path, tmp_path: Path, runner: CliRunner, fake: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = deck(mini, tmp_path / "d.pptx", age=15)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["preview", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {tmp_path / 'd.png'} (7 slides)\n"
    width, height = size(tmp_path / "d.png")
    slide_h = round(SHEET_WIDTH * 190.5 / 338.7)
    assert width == 28 + 3 * (SHEET_WIDTH + 28)
    assert abs(height - (72 + 3 * (40 + slide_h + 28))) <= 3  # 7 slides: 3 rows


def test_preview_of_a_talk_builds_nothing_on_disk(
    mini: Path, tmp_path: Path, runner: CliRunner, fake: Path
) -> None:
    out = tmp_path / "sheet.png"
    result = runner.invoke(
        cli,
        [
            "preview",
            "mini",
            "--age",
            "11",
            "--region",
            "CO",
            "-L",
            str(mini),
            "-o",
            str(out),
            "--columns",
            "2",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out} (6 slides)\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "lib", "sheet.png"]
    assert size(out)[0] == 28 + 2 * (SHEET_WIDTH + 28)


def test_preview_reuses_a_fresh_pdf_beside_the_deck(
    mini: Path, tmp_path: Path, runner: CliRunner, fake: Path
) -> None:
    path = deck(mini, tmp_path / "d.pptx")
    assert runner.invoke(cli, ["pdf", str(path)]).exit_code == 0
    assert len(runs(fake)) == 1
    result = runner.invoke(cli, ["preview", str(path), "-o", str(tmp_path / "s.png")])
    assert result.exit_code == 0, result.output
    assert len(runs(fake)) == 1  # no second LibreOffice run


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Error: give a DECK or TALK, or --html DIR (not both)"),
        (["mini"], "error: --age is needed to preview a talk (or give a .pptx deck)"),
        (["x.pptx", "-o", "x.jpg"], "error: x.jpg: the contact sheet's name must end in .png"),
    ],
)
def test_preview_usage_errors(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(cli, ["preview", *args])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == message


@pytest.mark.slow
def test_html_page_shows_every_variant(
    mini: Path, tmp_path: Path, runner: CliRunner, fake: Path
) -> None:
    batch = tmp_path / "dist"
    deck(mini, batch / "mini-global-en-11.pptx", age=11)
    deck(mini, batch / "mini-CO-es-15.pptx", age=15, region="CO")
    deck(mini, batch / "sub" / "mini-CO-en-13.pptx", age=13, region="CO", lang="en")
    (batch / "manifest.json").write_text(json.dumps({"decks": []}))
    (batch / "stray.pptx").write_bytes((batch / "mini-global-en-11.pptx").read_bytes())
    result = runner.invoke(cli, ["preview", "--html", str(batch), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {batch / 'index.html'} (4 variants, 4 drawn now)\n"
    assert len(runs(fake)) == 2  # four decks, two LibreOffice runs
    page = (batch / "index.html").read_text()
    rows = re.findall(r'<tr data-search="([^"]*)">', page)
    # Sorted by talk, region, language, age; search labels carry every field.
    assert rows[0].startswith("sub/mini-co-en-13.pptx ")
    assert [r.split()[1:] for r in rows] == [
        ["mini", "1.0", "13", "co", "en"],
        ["mini", "1.0", "15", "co", "es"],
        ["mini", "1.0", "11", "global", "en"],
        ["mini", "1.0", "11", "global", "en"],
    ]
    assert page.count("<img ") == 7 + 7 + 6 + 6
    assert '<img src="preview/sub__mini-CO-en-13/p-7.png"' in page
    assert (batch / "preview" / "sub__mini-CO-en-13" / "p-7.png").is_file()
    assert "<dt>region</dt><dd>CO</dd>" in page and "<dt>age</dt><dd>15</dd>" in page

    # Again: nothing is redrawn; after one deck changes, only it is.
    result = runner.invoke(cli, ["preview", "--html", str(batch)])
    assert result.output.endswith("(4 variants, 0 drawn now)\n")
    deck(mini, batch / "stray.pptx", age=14)
    result = runner.invoke(cli, ["preview", "--html", str(batch)])
    assert result.output.endswith("(4 variants, 1 drawn now)\n")
    assert len(list((batch / "preview" / "stray").glob("p-*.png"))) == 7


def test_html_page_needs_decks(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["preview", "--html", str(tmp_path)])
    assert (result.exit_code, result.output) == (1, f"error: {tmp_path}: no .pptx decks in it\n")


def test_html_page_escapes_every_value() -> None:
    """File names and stamps are written by others: the template escapes them all."""
    from talkdeck.printouts.preview import _page

    hostile = '<script>alert("x")</script>'
    row = {
        "search": hostile,
        "href": f"{hostile}.pptx",
        "name": hostile,
        "stamped": True,
        "fields": [("talk", hostile), ("age", "")],
        "slides": [f"preview/{hostile}/p-1.png"],
    }
    page = _page(hostile, [row])
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#34;x&#34;)" in page
    assert page.count("<script>") == 1  # the filter box's own script
    assert "<dt>talk</dt>" in page and "<dt>age</dt>" not in page  # empty fields left out
    assert page.startswith("<!DOCTYPE html>") and ": 1 variant</h1>" in page


# --- issue 13, family 12: preview --html never deletes or writes outside its folder ------------


def test_a_preview_folder_that_links_elsewhere_is_left_alone(
    mini: Path, tmp_path: Path, runner: CliRunner, fake: Path
) -> None:
    batch, elsewhere = tmp_path / "dist", tmp_path / "precious"
    deck(mini, batch / "mini-global-en-12.pptx")
    elsewhere.mkdir()
    (elsewhere / "mini-global-en-12").mkdir()
    (elsewhere / "mini-global-en-12" / "thesis.txt").write_text("years of work")
    (batch / "preview").symlink_to(elsewhere)
    result = runner.invoke(cli, ["preview", "--html", str(batch)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: {batch / 'preview'}: is a symlink or a file; talkdeck keeps thumbnails only "
        f"in a real preview/ folder inside {batch} (move it away)\n",
    )
    assert [p.name for p in elsewhere.rglob("*")] == ["mini-global-en-12", "thesis.txt"]


def test_a_thumbnail_folder_that_is_a_symlink_is_replaced_not_followed(
    mini: Path, tmp_path: Path, runner: CliRunner, fake: Path
) -> None:
    batch, elsewhere = tmp_path / "dist", tmp_path / "precious"
    deck(mini, batch / "a.pptx")
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("mine")
    (batch / "preview").mkdir()
    (batch / "preview" / "a").symlink_to(elsewhere)
    result = runner.invoke(cli, ["preview", "--html", str(batch)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in elsewhere.iterdir()] == ["keep.txt"]
    assert not (batch / "preview" / "a").is_symlink()
    assert (batch / "preview" / "a" / "p-1.png").is_file()


def test_a_fifo_or_device_among_the_decks_is_skipped(
    mini: Path, tmp_path: Path, fake: Path
) -> None:
    import os

    from .test_hostile import run_apart

    batch = tmp_path / "dist"
    deck(mini, batch / "a.pptx")
    os.mkfifo(batch / "pipe.pptx")
    (batch / "zero.pptx").symlink_to("/dev/zero")
    done = run_apart(["preview", "--html", str(batch)], PATH=os.environ["PATH"])
    assert done.exit_code == 0, done.stderr
    assert done.stdout.endswith("(1 variant, 1 drawn now)\n")


def test_preview_width_sets_the_pixels_per_slide(
    mini: Path, tmp_path: Path, runner: CliRunner, fake: Path
) -> None:
    path = deck(mini, tmp_path / "d.pptx", age=15)
    out = tmp_path / "small.png"
    result = runner.invoke(
        cli, ["preview", str(path), "--columns", "4", "--width", "200", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert size(out)[0] == 28 + 4 * (200 + 28)


@pytest.mark.slow
def test_html_page_progress_on_a_terminal(
    mini: Path, tmp_path: Path, runner: CliRunner, fake: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from talkdeck.cli import guides

    batch = tmp_path / "dist"
    deck(mini, batch / "mini-global-en-11.pptx", age=11)
    deck(mini, batch / "mini-CO-es-15.pptx", age=15, region="CO")
    monkeypatch.setattr(guides, "on_terminal", lambda: True)
    result = runner.invoke(cli, ["preview", "--html", str(batch), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ("converted 2 of 2 decks\ndrawn 1 of 2 decks\ndrawn 2 of 2 decks\n")
    assert result.stdout == f"wrote {batch / 'index.html'} (2 variants, 2 drawn now)\n"
