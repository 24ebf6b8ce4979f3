"""The safeguarding review of talks v1.1 (issue 10, second pass): each test reads the shipped
decks, guides and handouts back and fails on the wording the review found."""

from __future__ import annotations

from typing import Any

import pytest

from talkdeck.deck.tailor import Audience, tailor
from talkdeck.library.load import Library, load_library, load_talk
from talkdeck.printouts.guide import Tailored, guide, handout
from talkdeck.workspace import BuildRequest

from .conftest import REPO


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library(REPO)


def _deck(lib: Library, talk_id: str, age: int, region: str, lang: str) -> tuple[Any, Any]:
    talk, _ = load_talk(lib, talk_id)
    return talk, tailor(lib, talk, Audience(age, region, lang))


def _texts(slide: Any) -> list[str]:
    cards = [x for c in slide.cards for x in (c.number, *(line.text for line in c.lines))]
    return [slide.title, slide.number, slide.claim, *(b.text for b in slide.body), *cards]


def _by_id(deck: Any) -> dict[str, Any]:
    return {s.id: s for s in deck.slides}


def _doc_text(doc: Any) -> str:
    parts = [doc.title, doc.subtitle]
    for block in doc.blocks:
        parts += [
            getattr(block, "text", ""),
            getattr(block, "name", ""),
            *getattr(block, "items", ()),
            *getattr(block, "lines", ()),
        ]
    return "\n".join(parts)


def _tailored(lib: Library, talk: Any, deck: Any) -> Tailored:
    aud = deck.audience
    request = BuildRequest(talk=talk.id, age=aud.age, region=aud.region, lang=aud.lang)
    return Tailored(lib, talk, deck, request)


@pytest.mark.parametrize(
    ("region", "lang", "title"),
    [("GB", "en", "Meeting up"), ("MX", "es", "Verse en persona"), ("ES", "es", "Quedar en persona")],
)
def test_the_meeting_slide_is_not_titled_alone(
    lib: Library, region: str, lang: str, title: str
) -> None:
    """"Never meet alone" contradicted the one rule (never without a trusted adult)."""
    _, deck = _deck(lib, "grooming-awareness", 11, region, lang)
    slide = _by_id(deck)["never-meet-alone"]
    assert slide.title == title
    everything = "\n".join(t for s in deck.slides for t in (*_texts(s), s.notes)).lower()
    for old in ("never meet alone", "nunca a solas", "not go alone", "no ir a solas"):
        assert old not in everything, old


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("age", [11, 14])
def test_stop_and_block_saves_the_messages_before_blocking(
    lib: Library, lang: str, age: int
) -> None:
    """Same order as the recap and the notes: save (only the messages), then block."""
    text = lib.tips["stop-and-block"].text.get(lang, age) or ""
    save, block = ("save", "block") if lang == "en" else ("guarda", "bloquea")
    assert save in text.lower() and text.lower().index(save) < text.lower().index(block), text


def test_no_slide_claims_helplines_take_images_down(lib: Library) -> None:
    for region, lang in (("GB", "en"), ("US", "en"), ("ES", "es"), ("MX", "es")):
        _, deck = _deck(lib, "grooming-awareness", 14, region, lang)
        shown = "\n".join(t for s in deck.slides for t in _texts(s))
        assert "taken down" not in shown and "borrarlas" not in shown, region
        notes = "\n".join(s.notes for s in deck.slides)
        assert "taken down" not in notes and "borrar la imagen" not in notes, region
    _, gb = _deck(lib, "grooming-awareness", 14, "GB", "en")
    childline = next(c for c in _by_id(gb)["helpline"].cards if c.lines[0].text == "Childline")
    assert "Report Remove" in " ".join(line.text for line in childline.lines)
    _, gb11 = _deck(lib, "grooming-awareness", 11, "GB", "en")
    assert "Report Remove" not in "\n".join(t for s in gb11.slides for t in _texts(s))


@pytest.mark.parametrize(("region", "lang"), [("GB", "en"), ("CO", "es")])
def test_the_handout_does_not_tell_its_reader_to_confirm(
    lib: Library, region: str, lang: str
) -> None:
    """Confirming each helpline is the presenter's job: the guide and notes, not the handout."""
    for talk_id in ("grooming-awareness", "parents-session"):
        talk, deck = _deck(lib, talk_id, 12, region, lang)
        td = _tailored(lib, talk, deck)
        sheet = _doc_text(handout(td))
        assert "confirm" not in sheet.lower() and "confírm" not in sheet.lower()
        assert ("Numbers from published sources" if lang == "en" else "Números de fuentes") in sheet
        assert "confirm" in _doc_text(guide(td)).lower()
        helpline = next(s for s in deck.slides if s.kind == "helpline")
        assert ("number or web address" if lang == "en" else "número o su dirección web") in (
            helpline.notes
        )


def test_the_global_child_helpline_does_not_repeat_its_number(lib: Library) -> None:
    """Was "Child helpline 116 111: 116 111". (Names such as "Línea 102" are the services' own.)"""
    for ch in lib.regions["global"].channels:
        number = ch.phone.partition(" (")[0]
        assert not number or number not in ch.name, ch.name
    _, deck = _deck(lib, "grooming-awareness", 12, "global", "en")
    closing = _by_id(deck)["closing"]
    assert any(b.text.startswith("Child helpline: 116") for b in closing.body)


def test_the_ncmec_figure_uses_the_articles_words(lib: Library) -> None:
    fact = lib.facts["ncmec-missing-trafficked"]
    for lang in ("en", "es"):
        text = fact.text.get(lang, 14) or ""
        assert "care system" not in text and "sistema de protección" not in text
    assert "welfare system" in (fact.text.get("en", 14) or "")
    assert "welfare system" in fact.quote
    _, deck = _deck(lib, "grooming-awareness", 14, "US", "en")
    notes = _by_id(deck)["missing-trafficked"].notes
    assert "endangered runaways reported to NCMEC" in notes and "2017" in notes


@pytest.mark.parametrize("age", [11, 14])
def test_the_recruiters_notes_keep_to_colombia_and_2018(lib: Library, age: int) -> None:
    """The article: one Colombian expert, in 2018; not "in the past, groomers..." in general."""
    for region, lang in (("GB", "en"), ("CO", "es"), ("ES", "es")):
        _, deck = _deck(lib, "grooming-awareness", age, region, lang)
        notes = _by_id(deck)["not-who-they-say"].notes
        assert "Colombia" in notes and "2018" in notes, (region, lang)
        assert "In the past" not in notes and "Antes, quienes" not in notes
        assert "traffick" not in notes.lower() and "trata" not in notes.lower()


def test_spain_notes_use_the_present_perfect(lib: Library) -> None:
    for talk_id in ("grooming-awareness", "parents-session"):
        for age in (11, 14):
            _, deck = _deck(lib, talk_id, age, "ES", "es")
            notes = "\n".join(s.notes for s in deck.slides)
            for latam in ("revisó", "aprendió", "terminé con", "¿lo conociste", "te engañó"):
                assert latam not in notes, (talk_id, age, latam)
    _, mx = _deck(lib, "grooming-awareness", 11, "MX", "es")
    assert "terminé con mi pareja" in _by_id(mx)["not-who-they-say"].notes


def test_the_english_only_directory_says_so_on_spanish_slides(lib: Library) -> None:
    for region in ("MX", "global"):
        _, deck = _deck(lib, "grooming-awareness", 12, region, "es")
        cards = [c for s in deck.slides if s.kind == "helpline" for c in s.cards]
        directory = next(c for c in cards if c.lines[0].text == "Child Helpline International")
        assert "(en inglés)" in " ".join(line.text for line in directory.lines)
