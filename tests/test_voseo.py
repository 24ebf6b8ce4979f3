"""Argentina (talks 1.4): pupils are addressed with vos. The `es-AR` variants reach every slide
and the handout of an Argentine pupils' deck, and no other Spanish deck."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from talkdeck.coordinate.lint import lint
from talkdeck.deck.resolved import Audience
from talkdeck.deck.tailor import tailor
from talkdeck.library.load import Library, load_library, load_talk
from talkdeck.printouts.handout import handout
from talkdeck.printouts.tailored import Tailored
from talkdeck.workspace import BuildRequest

from .conftest import REPO, swap

# Common tú forms of the Latin American texts; Argentine pupils read vos ("podés", "contáselo").
TU_FORMS = ("puedes", "tienes", "eres", "Cuéntaselo", "Cuéntalo", "Pon", "Habla con", "Llama al")
TU_RE = re.compile(r"\b(" + "|".join(TU_FORMS) + r")\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library(REPO)


def _deck(lib: Library, age: int, region: str) -> tuple[Any, Any]:
    talk, _ = load_talk(lib, "grooming-awareness")
    return talk, tailor(lib, talk, Audience(age, region, "es"))


def _shown(deck: Any) -> str:
    """Every text a pupil sees on the slides: titles, body lines and cards."""
    out = []
    for s in deck.slides:
        cards = [x for c in s.cards for x in (c.number, *(line.text for line in c.lines))]
        out += [s.title, s.number, s.claim, *(b.text for b in s.body), *cards]
    return "\n".join(t for t in out if t)


def _sheet(lib: Library, talk: Any, deck: Any, audience: str | None = None) -> str:
    aud = deck.audience
    request = BuildRequest(talk=talk.id, age=aud.age, region=aud.region, lang=aud.lang)
    doc = handout(Tailored(lib, talk, deck, request), audience)
    parts = [doc.title, doc.subtitle]
    for block in doc.blocks:
        parts += [
            getattr(block, "text", ""),
            getattr(block, "name", ""),
            getattr(block, "number", ""),
            *getattr(block, "items", ()),
            *getattr(block, "lines", ()),
        ]
    return "\n".join(parts)


@pytest.mark.parametrize("age", [11, 14])
def test_argentine_decks_and_handouts_say_contaselo(lib: Library, age: int) -> None:
    talk, deck = _deck(lib, age, "AR")
    assert deck.tag == "es-AR"
    shown, sheet = _shown(deck), _sheet(lib, talk, deck)
    for text in (shown, sheet):
        assert "Contáselo a una persona adulta de confianza" in text
        assert "Cuéntaselo" not in text and "cuéntaselo" not in text
    assert "Siempre podés contarlo" in shown and "Llamá al 102" in sheet


@pytest.mark.parametrize(("region", "age"), [("CO", 11), ("ES", 11), ("ES", 14), ("MX", 14)])
def test_other_spanish_decks_keep_tu(lib: Library, region: str, age: int) -> None:
    talk, deck = _deck(lib, age, region)
    shown, sheet = _shown(deck), _sheet(lib, talk, deck)
    assert "Cuéntaselo a una persona adulta de confianza" in shown
    assert "Siempre puedes contarlo" in shown and "Cuéntaselo" in sheet
    for vos in ("Contáselo", "podés", "Llamá", "Recordá", "Pará"):
        assert vos not in shown and vos not in sheet, (region, vos)


@pytest.mark.parametrize("age", [11, 12, 13, 14, 15])
def test_no_tu_form_on_argentine_pupil_slides_or_handout(lib: Library, age: int) -> None:
    talk, deck = _deck(lib, age, "AR")
    found = TU_RE.findall(_shown(deck) + "\n" + _sheet(lib, talk, deck))
    assert not found, found
    # The same check finds the tú forms in the Latin American deck the variants replace.
    _, colombia = _deck(lib, age, "CO")
    assert len(set(f.lower() for f in TU_RE.findall(_shown(colombia)))) >= 3


def test_argentine_parents_keep_usted(lib: Library) -> None:
    """The es-AR labels have no `adults` of their own: parents read the language's usted."""
    talk, deck = _deck(lib, 14, "AR")
    sheet = _sheet(lib, talk, deck, "parents")
    assert "Llame al 102" in sheet and "Llamá" not in sheet and "Llame si su hijo" in sheet


def test_lint_reports_a_tu_form_on_an_argentine_slide(shipped: Path) -> None:
    """vocabulary.yaml: a pupil slide of an es-AR deck that lost its variant is an error."""
    talk = "talks/grooming-awareness.yaml"
    swap(shipped, talk, "      es-AR: Preguntá ahora o usá la caja de preguntas.\n", "")
    line = swap(shipped, talk, "      es: Pregunta ahora", "      es: Pregunta ahora")
    report = lint(
        shipped,
        [str(shipped / talk), str(shipped / "talks/regions/ar.yaml")],
        today=dt.date(2026, 12, 2),
        strict=True,
    )
    errors = {(f.path, f.line, f.rule) for f in report.findings if f.severity == "error"}
    assert errors == {(talk, line, "avoid-wording")}, errors


@pytest.mark.parametrize(
    ("region", "said"), [("AR", "sos vos"), ("CO", "eres tú"), ("ES", "eres tú")]
)
def test_the_lines_read_out_in_the_notes_follow_the_region(
    lib: Library, region: str, said: str
) -> None:
    """The presenter reads these lines to the class: vos in Argentina, tú elsewhere."""
    _, deck = _deck(lib, 12, region)
    slides = {s.id: s for s in deck.slides}
    assert f"la persona perjudicada {said}" in slides["never-your-fault"].notes
    tell = slides["you-can-always-tell"].notes
    assert ("Nos lo podés contar" in tell) == (region == "AR"), region
    assert ("Nos lo puedes contar" in tell) == (region != "AR"), region
