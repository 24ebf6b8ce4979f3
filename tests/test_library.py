"""The shipped library, held to what a school talk needs: every variant builds and is complete."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from itertools import product
from pathlib import Path

import pytest
from pptx import Presentation

from talkdeck.deck.memo import Memo
from talkdeck.deck.pptx_bytes import deck_bytes
from talkdeck.deck.resolved import Deck
from talkdeck.deck.tailor import channels_for
from talkdeck.library.load import Library, load_library, load_talk
from talkdeck.workspace import BuildRequest, tailor_request

from .conftest import REPO

VALIDATOR = REPO.parent / "shared" / "tools" / "ooxml-validate"
REGIONS = ["global", "AR", "CO", "MX", "ES", "US", "PH", "IN", "GB"]
TALKS = ["grooming-awareness", "parents-session"]


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library(None)


def variants(lib: Library) -> list[tuple[str, int, str, str]]:
    return [
        (talk, age, region, lang)
        for talk, age, region in product(TALKS, range(11, 16), REGIONS)
        for lang in lib.regions[region].languages
    ]


@pytest.fixture(scope="module")
def decks(lib: Library) -> dict[tuple[str, int, str, str], Deck]:
    out = {}
    for talk_id, age, region, lang in variants(lib):
        talk, _ = load_talk(lib, talk_id)
        out[talk_id, age, region, lang] = tailor_request(
            lib, talk, BuildRequest(talk=talk_id, age=age, region=region, lang=lang)
        )
    return out


def test_the_shipped_library_has_the_regions_and_their_languages(lib: Library) -> None:
    assert sorted(lib.regions) == sorted(REGIONS)
    for code in ("AR", "CO", "MX", "ES"):
        assert lib.regions[code].languages[0] == "es"
    for code in ("global", "US", "PH", "IN", "GB"):
        assert lib.regions[code].languages[0] == "en"
    assert all(set(r.languages) == {"en", "es"} for r in lib.regions.values())


def test_pupils_talk_length_at_every_age(decks: dict) -> None:
    for (talk, age, region, lang), deck in decks.items():
        if talk == "grooming-awareness":
            # 28: never-your-fault is two slides, a region's law and local slides become
            # several (penalty, each local fact, organisations) and the recap two or three (its
            # cards by words) to fit the words-per-slide limit.
            assert 15 <= len(deck.slides) <= 28, (age, region, lang, len(deck.slides))
            assert 35 <= deck.minutes <= 45, (age, region, lang, deck.minutes)
        else:
            # 15: the law's penalty and each local fact are slides of their own.
            assert 10 <= len(deck.slides) <= 15, (age, region, lang, len(deck.slides))
            assert 18 <= deck.minutes <= 22, (age, region, lang, deck.minutes)


def test_every_deck_is_complete_and_safe(decks: dict, lib: Library) -> None:
    for (talk, _age, _region, _lang), deck in decks.items():
        kinds = [s.kind for s in deck.slides]
        if talk == "grooming-awareness":
            assert "rules" in kinds
        assert "helpline" in kinds
        assert all(s.notes.strip() for s in deck.slides)
        # The parents' session has its own steps (a parent raises a concern or discloses).
        steps = lib.guidance.text(
            "disclosure", "pupils" if talk == "grooming-awareness" else "parents"
        )
        guidance = steps.get(deck.audience.lang, deck.audience.age, deck.tag)
        assert guidance in deck.slides[0].notes and guidance in deck.slides[-1].notes
        text = " ".join(
            " ".join([s.title, s.claim, *(line.text for line in s.body), s.notes])
            for s in deck.slides
        ).lower()
        assert "child pornography" not in text and "pornografía infantil" not in text


def test_every_statistic_shows_its_source(decks: dict) -> None:
    cite = re.compile(r"^((.+, )?(19|20)\d\d – ((via|vía) )?)?Reuters, 16 (June|de junio de) 2018$")
    for deck in decks.values():
        for slide in deck.slides:
            if slide.kind == "statistic":
                assert cite.match(slide.source), slide.source


def test_slides_for_13_to_15_never_reach_younger_pupils(lib: Library, decks: dict) -> None:
    for talk_id in TALKS:
        talk, _ = load_talk(lib, talk_id)
        older = {s.id for s in talk.slides if s.ages and s.ages.lo >= 13}
        for (t, age, _region, _lang), deck in decks.items():
            if t == talk_id and age <= 12:
                assert not older & {s.id for s in deck.slides}


def test_helplines_are_the_regions_own(decks: dict, lib: Library) -> None:
    """A Colombian deck shows Colombia's channels, a Philippine deck the Philippines', no other."""
    names = {code: {ch.name for ch in r.channels} for code, r in lib.regions.items()}
    for (talk, age, region, _lang), deck in decks.items():
        cards = [card for s in deck.slides if s.kind == "helpline" for card in s.cards]
        audience = "parents" if talk == "parents-session" else "pupils"
        meant = channels_for(lib.regions[region], audience, age)
        assert [card.lines[0].text for card in cards] == [ch.name for ch in meant]
        shown = " ".join(line.text for card in cards for line in card.lines)
        for other, other_names in names.items():
            if other != region:
                assert not any(name in shown for name in other_names - names[region]), other


def test_colombia_is_spanish_and_philippines_english(decks: dict) -> None:
    co = decks["grooming-awareness", 13, "CO", "es"]
    assert co.audience.lang == "es" and co.title.startswith("Protégete")
    assert "ICBF Línea 141: 141" in " ".join(line.text for s in co.slides for line in s.body)
    ph = decks["grooming-awareness", 13, "PH", "en"]
    assert "Bantay Bata 163" in " ".join(
        line.text for s in ph.slides for c in s.cards for line in c.lines
    )


def test_parents_session_for_argentina_is_spanish(lib: Library) -> None:
    talk, _ = load_talk(lib, "parents-session")
    deck = tailor_request(lib, talk, BuildRequest(talk="parents-session", age=12, region="AR"))
    assert deck.audience.lang == "es"
    assert talk.audience == "parents"


def test_older_and_younger_decks_use_different_words(decks: dict) -> None:
    young = decks["grooming-awareness", 11, "global", "en"]
    old = decks["grooming-awareness", 15, "global", "en"]
    words = [" ".join(line.text for s in d.slides for line in s.body) for d in (young, old)]
    assert words[0] != words[1]
    assert "sextortion" in words[1].lower() and "sextortion" not in words[0].lower()


@pytest.mark.skipif(not VALIDATOR.exists(), reason="shared/tools/ooxml-validate not beside repo")
def test_every_variant_renders_and_passes_the_ooxml_schemas(
    lib: Library, decks: dict, tmp_path: Path
) -> None:
    paths, memo = [], Memo()
    for (talk, age, region, lang), deck in decks.items():
        data = deck_bytes(lib.template, deck, memo)
        prs = Presentation(io.BytesIO(data))
        assert len(prs.slides) == len(deck.slides)
        path = tmp_path / f"{talk}-{region}-{lang}-{age}.pptx"
        path.write_bytes(data)
        paths.append(str(path))
    result = subprocess.run(
        [sys.executable, str(VALIDATOR), "--quiet", *paths],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
