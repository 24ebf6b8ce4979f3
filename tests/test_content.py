"""What children see: every variant of the shipped talks is age-right, gives help, and says no
more than its source; each content rule fails on the wording it was written against (issue 10)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from talkdeck.coordinate.content_rules import figures, gated, vocabulary
from talkdeck.coordinate.lint import lint
from talkdeck.deck.resolved import Audience
from talkdeck.deck.tailor import channels_for, tailor, whole
from talkdeck.deck.visibility import CHILD_HELP
from talkdeck.library.load import Library, load_library, load_talk
from talkdeck.library.texts import Text
from talkdeck.printouts.handout import handout
from talkdeck.printouts.presenter_guide import guide
from talkdeck.printouts.tailored import Tailored
from talkdeck.workspace import BuildRequest

from .conftest import REPO, swap

SEED = REPO.parent / "shared" / "seed" / "000_bd0d916b2d51a323.txt"
TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library(REPO)


def _decks(lib: Library, talk_id: str, ages: tuple[int, ...]) -> Iterator[tuple[Any, ...]]:
    talk, _ = load_talk(lib, talk_id)
    for code, region in sorted(lib.regions.items()):
        for lang in region.languages:
            for age in ages:
                yield talk, code, lang, age, tailor(lib, talk, Audience(age, code, lang))


def _texts(slide: Any) -> list[str]:
    """What a slide shows: its lines, and the lines and numbers of its cards."""
    cards = [x for c in slide.cards for x in (c.number, *(line.text for line in c.lines))]
    return [
        slide.title,
        slide.number,
        slide.claim,
        slide.source,
        *(b.text for b in slide.body),
        *cards,
    ]


def _shown(deck: Any) -> str:
    return "\n".join(x for s in deck.slides for x in _texts(s))


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


def test_no_pupil_aged_11_or_12_sees_trafficking_sex_trade_or_image_words(lib: Library) -> None:
    """Slides and the take-home sheet, every region and language (region files included)."""
    vocab, problems = vocabulary(lib)
    assert vocab is not None and not problems
    checked = 0
    for talk, code, lang, age, deck in _decks(lib, "grooming-awareness", (11, 12)):
        sheet = handout(
            Tailored(lib, talk, deck, BuildRequest(talk=talk.id, age=age, region=code, lang=lang))
        )
        text = _shown(deck) + "\n" + _doc_text(sheet)
        law = lib.regions[code].law  # its own title is a citation ("Sexual Offences Act 2003")
        text = text.replace(law.name, " ") if law is not None else text
        for pattern, _, why in gated(vocab, lang, age):
            assert not pattern.search(text), (code, lang, age, why, pattern.search(text))
        checked += 1
    assert checked == 2 * sum(len(r.languages) for r in lib.regions.values())


def test_pupil_decks_lead_with_a_child_helpline_and_never_show_adult_lines(lib: Library) -> None:
    for _talk, code, _lang, age, deck in _decks(lib, "grooming-awareness", (11, 12, 13, 15)):
        region = lib.regions[code]
        shown = channels_for(region, "pupils", age)
        assert all(ch.kind != "adults" and ch.audience != "adults" for ch in shown)
        if age < 13:
            assert all(ch.kind != "trafficking" for ch in shown), code
        if region.help_gap is None:
            assert shown[0].kind in CHILD_HELP, (code, age, shown[0].name)
        else:  # no such number in the reference data: the presenter is told, the notes say so
            helpline = next(s for s in deck.slides if s.kind == "helpline")
            assert region.help_gap.get(deck.audience.lang, age) in helpline.notes
        helpline = next(s for s in deck.slides if s.kind == "helpline")
        assert helpline.cards[0].lines[0].text == shown[0].name


def test_help_near_you_offers_help(lib: Library) -> None:
    """The local slides (facts, organisations) end on how to reach the first helpline."""
    for _talk, code, _lang, age, deck in _decks(lib, "grooming-awareness", (11, 14)):
        local = [s for s in deck.slides if s.talk_slide_id == "local"]
        if local:
            first = channels_for(lib.regions[code], "pupils", age)[0]
            way = first.phone.partition(" (")[0] or first.text or first.whatsapp or first.url
            assert whole(way) in local[-1].body[-1].text, (code, age)


def test_evidence_advice_never_tells_a_child_to_copy_an_image(lib: Library) -> None:
    """The slide, the notes and the handout: save only the messages; never the image."""
    old = re.compile(
        r"take screenshots of the chat|screenshot the chat|haz capturas de pantalla "
        r"de la conversación|Take screenshots of the messages",
        re.I,
    )
    for talk_id in ("grooming-awareness", "parents-session"):
        for talk, code, lang, age, deck in _decks(lib, talk_id, (11, 13)):
            text = _shown(deck) + "\n".join(s.notes for s in deck.slides)
            assert not old.search(text), (talk_id, code, lang, age, old.search(text))
            if talk_id == "grooming-awareness":
                tips = next(s for s in deck.slides if s.id == "what-to-do")
                rule = lib.tips["save-evidence"].rule
                assert rule is not None
                wording = rule.get(lang, age)
                assert wording is not None
                assert any(wording in x for x in _texts(tips))
                sheet = handout(
                    Tailored(
                        lib, talk, deck, BuildRequest(talk=talk.id, age=age, region=code, lang=lang)
                    )
                )
                assert wording in _doc_text(sheet)


def test_parents_of_11_year_olds_hear_never_view_save_or_forward(lib: Library) -> None:
    talk, _ = load_talk(lib, "parents-session")
    for age in (11, 12, 13):
        deck = tailor(lib, talk, Audience(age, "GB", "en"))
        assert "Never view, save or forward a nude image" in _shown(deck)
        sheet = handout(
            Tailored(lib, talk, deck, BuildRequest(talk=talk.id, age=age, region="GB", lang="en"))
        )
        assert "Never view, save or forward a nude image" in _doc_text(sheet)


def test_one_meeting_rule_in_one_wording(lib: Library) -> None:
    """The meeting slide, the tip, the recap and the handout say the same sentence."""
    rule = "Never meet someone you only know online without a trusted adult."
    talk, _ = load_talk(lib, "grooming-awareness")
    deck = tailor(lib, talk, Audience(11, "US", "en"))
    by_id: dict[str, list[str]] = {}
    for s in deck.slides:  # a slide split by words ("recap~2") with its first
        by_id.setdefault(s.talk_slide_id, []).extend(_texts(s))
    assert rule in by_id["never-meet-alone"] and rule in by_id["recap"]
    assert any(t.startswith(rule) for t in by_id["staying-safe"])
    other = re.compile(r"never (go to )?meet (an online friend|someone)[^.]*\.", re.I)
    found = {m.group() for texts in by_id.values() for t in texts for m in other.finditer(t)}
    assert found == {rule}, found


def test_helplines_are_called_gathered_not_checked(lib: Library) -> None:
    talk, _ = load_talk(lib, "grooming-awareness")
    for lang, words in (
        ("en", "gathered on 2026-11-29; confirm before your talk"),
        ("es", "recopilados el 2026-11-29; confírmalos antes de la charla"),
    ):
        deck = tailor(lib, talk, Audience(12, "IN" if lang == "en" else "CO", lang))
        notes = next(s for s in deck.slides if s.kind == "helpline").notes
        assert words in notes and "checked" not in notes and "comprobados" not in notes
        td = Tailored(
            lib,
            talk,
            deck,
            BuildRequest(talk=talk.id, age=12, region=deck.audience.region, lang=lang),
        )
        first = guide(td).blocks[:3]
        assert "confirm" in _doc_text_blocks(first).lower()
        assert "checked" not in _doc_text(handout(td)) and "comprobad" not in _doc_text(handout(td))


def _doc_text_blocks(blocks: Any) -> str:
    return "\n".join(
        [getattr(b, "text", "") for b in blocks]
        + [i for b in blocks for i in getattr(b, "items", ())]
    )


def test_fact_figures_are_in_their_quotes(lib: Library) -> None:
    assert figures("seven out of 10 people") == {"7", "10"}
    assert figures("two-thirds of the world’s countries") == {"2", "3"}
    assert figures("About 750,000 sexual predators") == {"750000"}
    assert figures("Más de 10.000") == {"10000"}


@pytest.mark.skipif(not SEED.is_file(), reason="the seed article is not beside the repository")
def test_every_quote_is_the_articles_own_words(lib: Library) -> None:
    article = " ".join(SEED.read_text(encoding="utf-8").split())
    facts = [*lib.facts.values(), *(f for r in lib.regions.values() for f in r.facts)]
    for fact in facts:
        for sentence in re.split(r"(?<=[.”])\s+(?=[“A-Z])", fact.quote):
            assert " ".join(sentence.split()) in article, (fact.id, sentence)


# --- each rule fails on the old wording ---------------------------------------------------------


def _found(root: Path, *paths: str) -> list[tuple[str, int, str]]:
    report = lint(root, [str(root / p) for p in paths], today=TODAY, strict=True)
    return [
        (f.path, f.line, f.rule) for f in report.findings if f.severity not in ("notice", "advice")
    ]


def test_vocabulary_catches_a_trafficking_line_shown_at_11(shipped: Path) -> None:
    line = swap(
        shipped,
        "talks/regions/ar.yaml",
        "    kind: trafficking\n    ages: 13-15\n",
        "    kind: helpline\n",
    )
    found = _found(shipped, "talks/regions/ar.yaml", "talks/grooming-awareness.yaml")
    assert ("talks/regions/ar.yaml", line - 1, "vocabulary") in found, found


def test_vocabulary_catches_sex_adverts_in_an_organisation_for_all_ages(shipped: Path) -> None:
    swap(
        shipped,
        "talks/regions/us.yaml",
        '  - name: "The Exodus Road"\n    ages: 13-15\n',
        '  - name: "The Exodus Road"\n',
    )
    found = _found(shipped, "talks/regions/us.yaml", "talks/grooming-awareness.yaml")
    assert {(p, rule) for p, _, rule in found} == {("talks/regions/us.yaml", "vocabulary")}


def test_child_help_fails_without_a_child_line_or_a_stated_gap(shipped: Path) -> None:
    text = (shipped / "talks/regions/mx.yaml").read_text(encoding="utf-8")
    gap = text[text.index("help_gap:") : text.index("channels:")]
    swap(shipped, "talks/regions/mx.yaml", gap, "")
    found = _found(shipped, "talks/regions/mx.yaml", "talks/grooming-awareness.yaml")
    assert {rule for _, _, rule in found} == {"child-help"}


def test_fact_rules_fail_on_the_old_wording(shipped: Path) -> None:
    facts = "talks/common/facts.yaml"
    year = swap(
        shipped,
        facts,
        '"11-12": "In 2017, ICMEC said that about 750,000 people who want '
        'to harm children were online at any moment, around the world."',
        '"11-12": "About 750,000 people who want to harm children are online at any moment."',
    )
    scope = swap(
        shipped,
        facts,
        "the head of Pasos Libres said that in Colombia, people who recruit",
        "the head of Pasos Libres said that people who recruit",
    )
    quote = swap(
        shipped,
        facts,
        'number: {en: "1 in 7", es: "1 de cada 7"}',
        'number: {en: "1 in 6", es: "1 de cada 7"}',
    )
    found = _found(shipped, "talks/regions/global.yaml", "talks/grooming-awareness.yaml")
    assert (facts, year, "fact-year") in found
    assert (facts, scope, "fact-scope") in found
    assert (facts, quote, "fact-quote") in found


def test_english_in_a_spanish_deck_fails(shipped: Path) -> None:
    swap(
        shipped,
        "talks/common/facts.yaml",
        'short: {en: "Experts", es: "Expertos"}\n    year: '
        '2018\n    source: reuters-2018\n    quote: "Grooming involves',
        'short: "Experts"\n    year: 2018\n    source: reuters-2018\n    quote: "Grooming involves',
    )
    found = _found(shipped, "talks/regions/co.yaml", "talks/grooming-awareness.yaml")
    assert {rule for _, _, rule in found} == {"foreign-words"}


def test_timing_version_and_approval_are_enforced(shipped: Path) -> None:
    talk = "talks/parents-session.yaml"
    swap(shipped, talk, "duration: 20\n", "duration: 15\n")
    swap(shipped, talk, 'version: "1.3"\nversion_date', 'version: "1.4"\nversion_date')
    swap(
        shipped,
        talk,
        'approved: {by: "talkdeck content maintainers (safeguarding review of 1.2)", '
        "date: 2026-12-02}\n",
        "",
    )
    found = _found(shipped, "talks/regions/gb.yaml", talk)
    assert {rule for _, _, rule in found} == {"timing", "version", "approval"}, found


def test_spanish_variants_follow_the_region(lib: Library) -> None:
    """Spain reads `es-ES` (vosotros); Latin America `es` (ustedes); parents there get usted."""
    assert (
        lib.languages["es"].tag("ES") == "es-ES" and lib.languages["es"].tag("global") == "es-419"
    )
    text = Text(
        (
            ("es", ((Text.plain("x").variants[0][1][0][0], "ustedes"),)),
            ("es-ES", ((Text.plain("x").variants[0][1][0][0], "vosotros"),)),
        )
    )
    assert text.get("es", 11, "es-ES") == "vosotros"
    assert text.get("es", 11, "es-MX") == "ustedes" and text.get("es", 11, "es-419") == "ustedes"
    assert text.languages() == ("es",) and text.tags() == ("es-ES",)
    talk, _ = load_talk(lib, "grooming-awareness")
    spain = "\n".join(s.notes for s in tailor(lib, talk, Audience(13, "ES", "es")).slides)
    mexico = "\n".join(s.notes for s in tailor(lib, talk, Audience(13, "MX", "es")).slides)
    assert "¿Por qué creéis" in spain and "¿Por qué creen" not in spain
    assert "¿Por qué creen" in mexico and "creéis" not in mexico
    parents, _ = load_talk(lib, "parents-session")
    co = _shown(tailor(lib, parents, Audience(12, "CO", "es")))
    es = _shown(tailor(lib, parents, Audience(12, "ES", "es")))
    assert "Mantenga la calma" in co and "Mantén la calma" in es


def test_parents_notes_say_usted_in_latin_america_and_tu_in_spain(lib: Library) -> None:
    """The lines the presenter says to parents follow the region: usted in Colombia, tú in Spain."""
    talk, _ = load_talk(lib, "parents-session")
    co = "\n".join(s.notes for s in tailor(lib, talk, Audience(12, "CO", "es")).slides)
    es = "\n".join(s.notes for s in tailor(lib, talk, Audience(12, "ES", "es")).slides)
    assert "su hijo o hija" in co and "tu hijo o hija" not in co.lower()
    assert "Mantenga la calma" in co and "Puede llamar" in co
    assert "tu hijo o hija" in es and "Mantén la calma" in es and "Puedes llamar" in es
