"""Decks a class wants to watch: a picture on every slide that shows one, cards that are never
crowded, helpline numbers on one line and each QR code on the card of the service it opens."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from talkdeck.deck.kinds import CARD_NUMBERS, CARD_NUMBERS_WIDE, CARDS, KINDS
from talkdeck.deck.resolved import Audience, Deck
from talkdeck.deck.tailor import channels_for, tailor
from talkdeck.library.load import Library, load_library, load_talk
from talkdeck.library.qr_capacity import target
from talkdeck.workspace import BuildRequest, build

from .office import need

VARIANTS = [
    ("grooming-awareness", 11, "GB", "en"),
    ("grooming-awareness", 13, "CO", "es"),
    ("grooming-awareness", 14, "US", "en"),
    ("parents-session", 13, "ES", "es"),
]


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library(None)


def every_deck(lib: Library) -> list[Deck]:
    decks = []
    for talk_id in lib.talk_ids():
        talk, _ = load_talk(lib, talk_id)
        for code in lib.regions:
            for lang in talk.languages:
                for age in talk.ages.ages:
                    decks.append(tailor(lib, talk, Audience(age, code, lang)))
    return decks


def test_every_slide_of_every_shipped_deck_has_its_pictures(lib: Library) -> None:
    """A picture on each slide with a picture frame; an icon on every card; on a helpline card
    its QR code, or else a picture of its kind of help in the code's place."""
    for deck in every_deck(lib):
        for s in deck.slides:
            kind = KINDS[s.kind]
            where = f"{deck.talk_id} {deck.audience} {s.id}"
            if kind.picture:
                assert s.picture is not None and s.picture.alt, where
            if kind.icons == "right":
                assert s.cards, where
                for c in s.cards:
                    assert (c.qr is None) is (c.picture is not None), where  # one or the other
                    assert c.qr is not None or c.picture.alt, where  # type: ignore[union-attr]
            elif kind.cards:
                assert s.cards and all(c.picture is not None and c.picture.alt for c in s.cards), (
                    where
                )


def test_cards_are_never_crowded(lib: Library) -> None:
    """At most 4 tips a slide, at most 4 helplines (more are split over slides, not shrunk)."""
    for deck in every_deck(lib):
        for s in deck.slides:
            if s.kind == "tips":
                assert 1 <= len(s.cards) <= 4, s.id
            if s.kind == "helpline":
                assert 1 <= len(s.cards) <= 4, s.id
        shown = [c.lines[0].text for s in deck.slides if s.kind == "helpline" for c in s.cards]
        talk = "parents" if deck.talk_id == "parents-session" else "pupils"
        names = [
            ch.name
            for ch in channels_for(lib.regions[deck.audience.region], talk, deck.audience.age)
        ]
        assert sorted(shown) == sorted(names) * (len(shown) // len(names)), deck.audience


def test_a_statistic_in_words_is_a_statement(lib: Library) -> None:
    talk, _ = load_talk(lib, "parents-session")
    deck = tailor(lib, talk, Audience(13, "ES", "es"))
    by_id = {s.id: s for s in deck.slides}
    assert by_id["posing-as-peers"].kind == "statement"  # "Misma edad" is no figure
    assert by_id["posing-as-peers"].number == ""
    assert by_id["posing-as-peers"].layout == "Statement"


def test_helpline_notes_say_what_is_on_the_slide(lib: Library) -> None:
    talk, _ = load_talk(lib, "grooming-awareness")
    for code, codes in (("GB", True), ("PH", False)):
        deck = tailor(lib, talk, Audience(13, code, "en"))
        notes = " ".join(s.notes for s in deck.slides if s.kind == "helpline")
        assert ("QR code on the card of" in notes) is codes, code
        assert ("There are no QR codes on this slide." in notes) is not codes, code
        assert "point out the QR codes" not in notes


@pytest.mark.slow
@pytest.mark.libreoffice
def test_in_libreoffice_numbers_stay_on_one_line_and_codes_open_their_card(tmp_path: Path) -> None:
    need("soffice", "pdftotext", "zbarimg")
    decks = []
    for talk, age, region, lang in VARIANTS:
        out = tmp_path / f"{talk}-{region}-{age}.pptx"
        decks.append(
            build(None, BuildRequest(talk=talk, age=age, region=region, lang=lang, output=out)).path
        )
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *map(str, decks),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for deck in decks:
        prs = Presentation(str(deck))
        pdf = deck.with_suffix(".pdf")
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert re.search(rf"Pages:\s+{len(prs.slides)}\n", info), deck.name  # pages = slides
        for n, slide in enumerate(prs.slides, start=1):
            page = subprocess.run(
                ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            lines = [line.strip() for line in page.splitlines()]
            # Numbers in running text (closing, "Need help now? Call …", a card's
            # "(1-800-THE-LOST)") are kept whole: each is on one line of the page.
            plain = [_plain(line) for line in lines]
            for shape in slide.shapes:
                text = shape.text_frame.text if shape.has_text_frame else ""
                for kept in re.findall(r"[\w(]+(?:[\u00a0\u2011][\w)]+)+", text):
                    assert any(_plain(kept) in line for line in plain), (deck.name, n, kept)
            if not slide.slide_layout.name.startswith("Helpline"):
                continue
            shapes = {sh.placeholder_format.idx: sh for sh in slide.placeholders}
            for k, idx in enumerate(CARDS):
                if idx not in shapes:
                    continue
                number = next(
                    (
                        shapes[i].text_frame.text
                        for i in (CARD_NUMBERS[k], CARD_NUMBERS_WIDE[k])
                        if i in shapes
                    ),
                    "",
                )
                if number:
                    assert number in lines, (deck.name, n, number)  # one line, never wrapped
                card = shapes[idx]
                codes = [
                    sh
                    for sh in slide.shapes
                    if sh.shape_type == 13
                    and card.top <= sh.top
                    and sh.top + sh.height <= card.top + card.height
                    and "QR" in sh._element.nvPicPr.cNvPr.get("descr")  # not the kind's picture
                ]
                for code in codes:
                    png = tmp_path / f"qr-{n}-{k}.{code.image.ext}"
                    png.write_bytes(code.image.blob)
                    read = subprocess.run(
                        ["zbarimg", "--quiet", "--raw", str(png)],
                        capture_output=True,
                        text=True,
                        check=True,
                    ).stdout
                    # the code opens the address written on its own card
                    words = re.split(r"[\s·]+", card.text_frame.text)
                    assert any(read.strip() == target(w) for w in words if "." in w), (
                        deck.name,
                        n,
                        read,
                        words,
                    )
                codes_seen = len(codes)
                with_url = sum(
                    1
                    for w in re.split(r"[\s·]+", card.text_frame.text)
                    if re.fullmatch(r"[\w.-]+\.[a-z]{2,}(/\S*)?", w)
                )
                assert codes_seen == (1 if with_url else 0), (deck.name, n, k)


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u2011", "-")
