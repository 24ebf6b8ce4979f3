"""Helpline cards: a picture where a QR code would go, as many cards a slide as fit, balanced."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from talkdeck.cli import cli
from talkdeck.deck.boxes import helpline_spec, template_specs
from talkdeck.deck.kinds import CARD_NUMBERS, CARDS, Card, Line
from talkdeck.deck.resolved import Audience, ResolvedSlide
from talkdeck.deck.tailor import _pages, tailor
from talkdeck.library.load import load_library, load_talk
from talkdeck.workspace import BuildRequest, build

from .conftest import MINI, REPO, TEMPLATE, edit

CHANNEL = """\
          - name: {name}
            kind: {kind}
            phone: "{phone}"
            source: example.org
            gathered: 2026-11-29
            confirmed: {{date: 2026-11-29, by: "T. Test, coordinator", how: phone call}}
"""
SHORT = [("Line one", "helpline", "101"), ("Line two", "emergency", "102")]
SHORT += [("Line three", "helpline", "103"), ("Line four", "report", "104")]


def region(channels: list[tuple[str, str, str]]) -> str:
    """The mini library's global region with these channels instead of its own."""
    head = MINI["talks/regions/global.yaml"].split("        channels:\n")[0]
    body = "".join(CHANNEL.format(name=n, kind=k, phone=p) for n, k, p in channels)
    return head + "        channels:\n" + body


def with_pictures(lib: Path) -> Path:
    shutil.copy(REPO / "talks" / "common" / "pictures.yaml", lib / "talks" / "common")
    shutil.copytree(REPO / "assets" / "pictures", lib / "assets" / "pictures")
    return lib


def help_slides(lib: Path, age: int = 12) -> list[ResolvedSlide]:
    library = load_library(lib)
    talk, _ = load_talk(library, "mini")
    deck = tailor(library, talk, Audience(age, "global", "en"))
    return [s for s in deck.slides if s.kind == "helpline"]


def test_four_short_cards_share_one_slide(make_library: Callable[..., Path]) -> None:
    """Four services that fit are one slide of four, not two half-empty slides of two."""
    lib = make_library({"talks/regions/global.yaml": region(SHORT)})
    slides = help_slides(lib)
    assert [(s.id, s.layout, len(s.cards)) for s in slides] == [("help", "Helpline 4", 4)]


def test_cards_that_do_not_fit_four_high_are_split_evenly(
    make_library: Callable[..., Path],
) -> None:
    long = "Free help for children and young people, day and night, about anything at all. " * 2
    channels = [*SHORT[:3], ("Long line", "helpline", "105")]
    text = region(channels).replace(
        '            kind: helpline\n            phone: "105"',
        f'            kind: helpline\n            what: {{en: "{long}", es: "{long}"}}\n'
        '            phone: "105"',
    )
    lib = make_library({"talks/regions/global.yaml": text})
    slides = help_slides(lib)
    assert [(s.id, s.layout) for s in slides] == [("help", "Helpline 2"), ("help~2", "Helpline 2")]


def test_pages_are_the_fewest_that_fit_and_balanced() -> None:
    cards = [Card((Line(f"Service {n}"),), number=str(n)) for n in range(7)]
    assert [len(p) for p in _pages(cards, 4)] == [4, 3]
    assert [len(p) for p in _pages(cards[:5], 4)] == [3, 2]
    assert [len(p) for p in _pages(cards[:4], 4, lambda page: len(page) <= 2)] == [2, 2]
    assert [len(p) for p in _pages(cards[:5], 4, lambda page: len(page) <= 2)] == [2, 2, 1]
    assert _pages([], 4) == [[]]


def test_the_measured_card_is_the_template_card() -> None:
    """The tailor measures cards with the declared geometry; the shipped template draws it."""
    specs = template_specs(TEMPLATE)
    for n in range(1, len(CARD_NUMBERS) + 1):
        drawn, declared = specs[f"Helpline {n}", CARDS[0]], helpline_spec(n)
        assert (drawn.width, drawn.height, drawn.floor) == (
            declared.width,
            declared.height,
            declared.floor,
        )
        assert [(lv.size, lv.bold, lv.spacing, lv.before) for lv in drawn.levels] == [
            (lv.size, lv.bold, lv.spacing, lv.before) for lv in declared.levels
        ]


def test_a_card_without_a_code_shows_the_picture_of_its_kind(
    make_library: Callable[..., Path], tmp_path: Path
) -> None:
    lib = with_pictures(make_library({"talks/regions/global.yaml": region(SHORT[:2])}))
    (slide,) = help_slides(lib)
    # an emergency line comes first (CHANNEL_ORDER), then the helpline
    assert [(c.qr, c.picture and c.picture.alt) for c in slide.cards] == [
        (None, "A flashing emergency light"),
        (None, "A speech bubble"),
    ]
    out = build(lib, BuildRequest(talk="mini", age=12, output=tmp_path / "d.pptx")).path
    prs = Presentation(str(out))
    page = next(s for s in prs.slides if s.slide_layout.name == "Helpline 2")
    shapes = {sh.placeholder_format.idx: sh for sh in page.placeholders}
    pictures = [sh for sh in page.shapes if sh.shape_type == 13]
    alts = [sh._element.nvPicPr.cNvPr.get("descr") for sh in pictures]
    assert alts == ["A flashing emergency light", "A speech bubble"]
    for k, picture in enumerate(pictures):
        card = shapes[CARDS[k]]
        # at the card's right end, inside it, where a QR code would be
        assert card.left + card.width * 3 // 4 < picture.left
        assert picture.left + picture.width <= card.left + card.width
        assert card.top <= picture.top and picture.top + picture.height <= card.top + card.height
        # the number sits beside the picture, in the box that leaves it room
        assert shapes[CARD_NUMBERS[k]].text_frame.text == ("102", "101")[k]


def test_lint_wants_a_code_or_a_picture_on_every_helpline_card(
    make_library: Callable[..., Path],
) -> None:
    from .test_lint import CLEAN, TODAY

    lib = with_pictures(make_library({"talks/mini.yaml": CLEAN}))
    catalogue = lib / "talks" / "common" / "pictures.yaml"
    text = catalogue.read_text(encoding="utf-8")
    for kind in ("child-helpline: telephone", "helpline: speech-balloon"):  # no fallback either
        text = edit(text, f"  {kind}\n", "")
    catalogue.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", "-L", str(lib), "--today", TODAY])
    found = [x for x in result.output.splitlines() if "helpline card" in x]
    assert found and all(
        "missing-picture: slide 'help' has no QR code or picture on helpline card 1 "
        "(`helplines:` in talks/common/pictures.yaml)" in x
        for x in found
    ), found


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ("  report: rocket\n", "unknown picture 'rocket' (see pictures.yaml)"),
        ("  kids: telephone\n", "'kids' is not a kind of helpline"),
    ],
)
def test_the_helpline_pictures_are_checked(
    make_library: Callable[..., Path], mapping: str, message: str
) -> None:
    lib = with_pictures(make_library())
    catalogue = lib / "talks" / "common" / "pictures.yaml"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(edit(text, "  report: laptop\n", mapping), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "-L", str(lib)])
    assert result.exit_code == 1
    assert "talks/common/pictures.yaml:" in result.output and message in result.output


def test_a_presenters_own_helpline_shows_a_helplines_picture(
    make_library: Callable[..., Path],
) -> None:
    from talkdeck.deck.added_help import AddedHelp

    lib = with_pictures(make_library())
    library = load_library(lib)
    talk, _ = load_talk(library, "mini")
    added = (AddedHelp("Local line", phone="0800 123 456", confirmed="2026-12-02", by="Ana"),)
    deck = tailor(library, talk, Audience(12, "global", "en"), added)
    (slide,) = [s for s in deck.slides if s.kind == "helpline"]
    first = slide.cards[0]
    assert (first.lines[0].text, first.picture and first.picture.alt) == (
        "Local line",
        "A speech bubble",
    )
