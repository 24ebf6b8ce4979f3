"""Decks opened by a real client: LibreOffice converts them, poppler reads the PDFs back.

LibreOffice starts slowly, so the sample of variants is built and converted once per module,
in one batched call. Without soffice/poppler these tests skip on a developer's machine and
fail in CI (which installs them: see .ci/run).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from talkdeck.cli import cli
from talkdeck.errors import TalkdeckError
from talkdeck.library.load import load_library
from talkdeck.printouts.pdf import Converted, convert
from talkdeck.workspace import BuildRequest, build

from .conftest import MINI, TEMPLATE, write_tree
from .office import need

pytestmark = [pytest.mark.slow, pytest.mark.libreoffice]

VALIDATOR = Path(__file__).resolve().parent.parent.parent / "shared" / "tools" / "ooxml-validate"
TOOLS = ("soffice", "pdftoppm", "pdftotext", "pdfinfo")
MINI_VARIANTS = [(11, "global", "en"), (15, "global", "es"), (13, "CO", "es"), (14, "CO", "en")]
SHIPPED_VARIANTS = [
    ("grooming-awareness", 13, "CO", None),
    ("grooming-awareness", 11, "GB", None),
    ("parents-session", 15, "MX", None),
]


def mini_library(root: Path) -> Path:
    (root / "assets" / "templates").mkdir(parents=True)
    shutil.copy(TEMPLATE, root / "assets" / "templates" / "talkdeck.pptx")
    return write_tree(root, MINI)


def shipped_variants(folder: Path) -> list[Path]:
    """A few variants of the shipped talks, if the shipped library loads (content may be in
    progress); the mini library always gives the rest of the sample."""
    try:
        lib = load_library(None)
    except TalkdeckError:
        return []
    built = []
    for talk, age, region, lang in SHIPPED_VARIANTS:
        if talk not in lib.talk_ids():
            continue
        try:
            built.append(
                build(
                    None,
                    BuildRequest(
                        talk=talk,
                        age=age,
                        region=region,
                        lang=lang,
                        output=folder / f"{talk}-{region}-{age}.pptx",
                    ),
                ).path
            )
        except TalkdeckError:
            continue
    return built


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> list[Converted]:
    need(*TOOLS)
    root = tmp_path_factory.mktemp("realclient")
    lib = mini_library(root / "lib")
    decks = root / "decks"
    decks.mkdir()
    paths = [
        build(
            lib,
            BuildRequest(
                talk="mini",
                age=age,
                region=region,
                lang=lang,
                output=decks / f"mini-{region}-{lang}-{age}.pptx",
            ),
        ).path
        for age, region, lang in MINI_VARIANTS
    ]
    paths += shipped_variants(decks)
    return convert(paths, jobs=2)  # one call: few LibreOffice start-ups


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    )


def slide_titles(deck: Path) -> list[str]:
    titles = []
    for slide in Presentation(str(deck)).slides:
        shape = slide.shapes.title
        titles.append(shape.text_frame.text if shape is not None else "")
    return titles


def test_every_slide_becomes_a_page(sample: list[Converted]) -> None:
    assert len(sample) >= len(MINI_VARIANTS)
    for one in sample:
        slides = len(Presentation(str(one.deck)).slides)
        assert (pdf_pages(one.pdf), one.pages) == (slides, slides), one.deck.name


def test_text_can_be_read_from_every_page(sample: list[Converted]) -> None:
    for one in sample:
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(one.pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        pages = text.split("\f")[: one.pages]  # pdftotext ends each page with a form feed
        assert len(pages) == one.pages
        for number, (page, title) in enumerate(
            zip(pages, slide_titles(one.deck), strict=True), start=1
        ):
            words = page.split()
            assert words, f"{one.deck.name} page {number} has no text"
            assert " ".join(title.split()) in " ".join(words), (
                f"{one.deck.name} page {number}: title {title!r} not found"
            )


def test_spanish_accents_survive(sample: list[Converted]) -> None:
    spanish = next(one for one in sample if one.deck.name == "mini-CO-es-13.pptx")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(spanish.pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "¿Qué es el grooming?" in text and "Sextorsión" in text


def test_every_deck_passes_the_ooxml_schemas(sample: list[Converted]) -> None:
    if not VALIDATOR.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{VALIDATOR} missing")
        pytest.skip("shared/tools/ooxml-validate not beside the repository")
    decks = [str(one.deck) for one in sample]
    result = subprocess.run(
        [sys.executable, str(VALIDATOR), "--quiet", *decks],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_build_with_pdf(tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue's own command; the mini library stands in if the shipped one does not load."""
    need(*TOOLS)
    monkeypatch.chdir(tmp_path)
    args = ["build", "grooming-awareness", "--age", "13", "--region", "CO", "--pdf"]
    try:
        load_library(None)
    except TalkdeckError:
        args = [
            "build",
            "mini",
            "--age",
            "13",
            "--region",
            "CO",
            "--pdf",
            "-L",
            str(mini_library(tmp_path / "lib")),
        ]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    deck = next(tmp_path.glob("*.pptx"))
    pdf = deck.with_suffix(".pdf")
    slides = len(Presentation(str(deck)).slides)
    assert result.stdout.splitlines()[-1] == f"wrote {pdf} ({slides} pages)"
    assert pdf_pages(pdf) == slides
    if VALIDATOR.exists():
        check = subprocess.run(
            [sys.executable, str(VALIDATOR), "--quiet", str(deck)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert check.returncode == 0, check.stdout + check.stderr


def test_contact_sheet_and_review_page_from_real_pdfs(
    sample: list[Converted], tmp_path: Path, runner: CliRunner
) -> None:
    from PIL import Image, ImageStat

    first = sample[0]
    sheet = tmp_path / "sheet.png"
    result = runner.invoke(cli, ["preview", str(first.deck), "-o", str(sheet)])
    assert result.output == f"wrote {sheet} ({first.pages} slides)\n"
    with Image.open(sheet) as image:
        assert image.size[0] == 28 + 3 * (640 + 28)
        assert ImageStat.Stat(image.convert("L")).stddev[0] > 20  # slides drawn, not blank
    folder = first.deck.parent
    result = runner.invoke(cli, ["preview", "--html", str(folder)])
    assert result.exit_code == 0, result.output
    page = (folder / "index.html").read_text()
    assert page.count("<tr data-search=") == len(sample)
    assert page.count("<img ") == sum(one.pages for one in sample)
