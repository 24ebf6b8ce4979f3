"""The safeguarding review of talks v1.1 (issue 10, second pass): each test reads the shipped
decks, guides and handouts back and fails on the wording the review found."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from talkdeck.coordinate.lint import lint
from talkdeck.deck.resolved import Audience
from talkdeck.deck.tailor import tailor
from talkdeck.library.load import Library, load_library, load_talk
from talkdeck.printouts.handout import handout
from talkdeck.printouts.presenter_guide import guide
from talkdeck.printouts.tailored import Tailored
from talkdeck.workspace import BuildRequest

from .conftest import REPO, swap


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
            getattr(block, "number", ""),  # a helpline's "Call ..." line, printed large
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
    [
        ("GB", "en", "Meeting up"),
        ("MX", "es", "Verse en persona"),
        ("ES", "es", "Quedar en persona"),
    ],
)
def test_the_meeting_slide_is_not_titled_alone(
    lib: Library, region: str, lang: str, title: str
) -> None:
    """ "Never meet alone" contradicted the one rule (never without a trusted adult)."""
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
        assert "care system" not in text and "bienestar social" not in text
    assert "welfare system" in (fact.text.get("en", 14) or "")
    assert "welfare system" in fact.quote
    # "dependía del sistema de bienestar social" read as living on welfare benefits (review of
    # talks 1.2): the child welfare system is "protección infantil".
    assert "bajo protección infantil" in (fact.text.get("es", 14) or "")
    for region, lang in (("US", "en"), ("IN", "en"), ("PH", "en"), ("AR", "es")):
        _, deck = _deck(lib, "grooming-awareness", 14, region, lang)
        notes = _by_id(deck)["missing-trafficked"].notes
        # The reviewer's caveat was in neither the article nor the reference data.
        assert "runaways" not in notes and "fugados" not in notes, region
        assert "2017" in notes


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


# --- Latin American parents: usted; Spain's words stay in Spain ---------------------------------


def _shown(deck: Any) -> str:
    return "\n".join(t for s in deck.slides for t in _texts(s))


@pytest.mark.parametrize("region", ["MX", "CO", "AR", "global", "US"])
def test_latin_american_parents_read_usted(lib: Library, region: str) -> None:
    """Slides, help line and handout of the parents' session: usted, "escuela"."""
    talk, deck = _deck(lib, "parents-session", 11, region, "es")
    shown = _shown(deck)
    assert "al que no conoce\n" in shown + "\n" and "al que no conoces" not in shown
    assert "¿Necesitas" not in shown
    sheet = _doc_text(handout(_tailored(lib, talk, deck)))
    for tu in ("Tu hijo", "Qué puedes", "Llama al", "colegio", "puedes ayudar", "de tu país"):
        assert tu not in sheet and tu not in shown, (region, tu)
    assert "Su hijo o hija tuvo en la escuela" in sheet and "Qué puede hacer" in sheet
    notes = "\n".join(s.notes for s in deck.slides)
    assert "del centro" not in notes and "colegio" not in notes


def test_spain_keeps_tu_and_centro_for_parents(lib: Library) -> None:
    talk, deck = _deck(lib, "parents-session", 11, "ES", "es")
    shown = _shown(deck)
    assert "al que no conoces" in shown
    sheet = _doc_text(handout(_tailored(lib, talk, deck)))
    assert "Tu hijo o hija ha tenido en el colegio" in sheet and "Qué puedes hacer" in sheet
    assert "Llame al" not in sheet and "Llama al" in sheet
    assert any(t.startswith("Lo que le decimos al alumnado: ") for t in shown.split("\n"))
    _, pupils = _deck(lib, "grooming-awareness", 11, "ES", "es")
    assert "del centro" in _by_id(pupils)["title"].notes


def test_help_now_speaks_to_the_deck_audience(lib: Library) -> None:
    _, parents = _deck(lib, "parents-session", 12, "CO", "es")
    _, pupils = _deck(lib, "grooming-awareness", 12, "CO", "es")

    def last_local(deck: Any) -> str:  # the local slide may be split over pages
        return str([s for s in deck.slides if s.kind == "local"][-1].body[-1].text)

    assert last_local(parents).startswith("¿Necesita ayuda ahora? Llame al")
    assert last_local(pupils).startswith("¿Necesitas ayuda ahora? Llama al")
    helpline = _by_id(parents)["helpline"]
    assert "Llame si su hijo o hija" in "\n".join(_texts(helpline))


@pytest.mark.parametrize(
    ("region", "lang", "label"),
    [
        ("GB", "en", "What we tell pupils: "),
        ("MX", "es", "Lo que les decimos a los estudiantes: "),
        ("ES", "es", "Lo que le decimos al alumnado: "),
    ],
)
def test_pupil_tips_on_parents_slides_are_labelled(
    lib: Library, region: str, lang: str, label: str
) -> None:
    for age in (11, 14):
        _, deck = _deck(lib, "parents-session", age, region, lang)
        by_id = _by_id(deck)
        for slide_id, tip in (
            ("controls-and-safe-chat", "safe-chat"),
            ("talk-without-blame", "never-your-fault"),
        ):
            texts = [line.text for c in by_id[slide_id].cards for line in c.lines]
            tip_text = lib.tips[tip].text.get(lang, age, deck.tag) or ""
            assert label + tip_text in texts, (slide_id, texts)
            assert not any(t.startswith(label) for t in texts if tip_text not in t)
    _, pupils = _deck(lib, "grooming-awareness", 11, region, lang)
    assert label not in _shown(pupils)


@pytest.mark.parametrize(("region", "lang"), [("GB", "en"), ("MX", "es"), ("ES", "es")])
def test_parents_decks_have_parent_safeguarding_notes(lib: Library, region: str, lang: str) -> None:
    """Not the pupils' block ("the pupils can take a break", "IF A CHILD TELLS YOU")."""
    talk, deck = _deck(lib, "parents-session", 12, region, lang)
    notes = _by_id(deck)["title"].notes + _by_id(deck)["closing"].notes
    for pupils in (
        "pupils can take a break",
        "IF A CHILD TELLS YOU",
        "alumnado puede hacer",
        "SI UN NIÑO O NIÑA TE CUENTA",
    ):
        assert pupils not in notes, pupils
    heading = "IF A PARENT RAISES A CONCERN" if lang == "en" else "SI UNA MADRE, UN PADRE"
    assert heading in notes
    concern = lib.guidance.parent_concern
    assert concern is not None and (concern.get(lang, 12, deck.tag) or "x") in notes
    text = _doc_text(guide(_tailored(lib, talk, deck)))
    assert (concern.get(lang, 12, deck.tag) or "x").splitlines()[0] in text
    _, pupils = _deck(lib, "grooming-awareness", 12, region, lang)
    assert lib.guidance.disclosure.get(lang, 12, pupils.tag) in _by_id(pupils)["title"].notes


# --- lint rule avoid-wording: each entry fails on the wording it retired -----------------------


def _found(root: Path, *paths: str) -> set[tuple[str, int, str]]:
    report = lint(root, [str(root / p) for p in paths], today=dt.date(2026, 12, 2), strict=True)
    return {(f.path, f.line, f.rule) for f in report.findings if f.severity == "error"}


def test_avoid_wording_catches_tu_to_latin_american_parents(shipped: Path) -> None:
    talk = "talks/parents-session.yaml"
    line = swap(
        shipped,
        talk,
        "es: Un “amigo” nuevo y mayor al que no conoce\n",
        "es: Un “amigo” nuevo y mayor al que no conoces\n",
    )
    region = "talks/regions/mx.yaml"
    gone = swap(
        shipped,
        region,
        """    what_adults:
      en: "Report trafficking or get help, from anywhere in Mexico."
      es: "Denuncie la trata de personas o pida ayuda, desde cualquier lugar de México."
""",
        "",
    )
    found = _found(shipped, talk, region)
    assert (talk, line, "avoid-wording") in found, found
    assert any(p == region and n < gone + 3 and r == "avoid-wording" for p, n, r in found)


def test_avoid_wording_catches_spains_words_in_latin_american_notes(shipped: Path) -> None:
    swap(
        shipped,
        "talks/common/guidance.yaml",
        "  es: |\n    Informa a la persona responsable de protección infantil de la escuela",
        "  es: |\n    Informa a la persona responsable de protección infantil del centro",
    )
    found = _found(shipped, "talks/regions/co.yaml", "talks/grooming-awareness.yaml")
    assert {r for _, _, r in found} == {"avoid-wording"}, found


def test_avoid_wording_catches_the_old_meeting_title(shipped: Path) -> None:
    talk = "talks/grooming-awareness.yaml"
    line = swap(shipped, talk, "      en: Meeting up\n", "      en: Never meet alone\n")
    assert (talk, line, "avoid-wording") in _found(shipped, "talks/regions/gb.yaml", talk)


def test_the_named_lead_is_offered_to_latin_american_parents_with_usted(lib: Library) -> None:
    from talkdeck.deck.personalise import personalise

    _, deck = _deck(lib, "parents-session", 12, "MX", "es")
    closing = _by_id(personalise(deck, lead="Sra. Pérez"))["closing"]
    assert any("puede hablar con: Sra. Pérez" in t for t in _texts(closing))
    _, spain = _deck(lib, "parents-session", 12, "ES", "es")
    closing = _by_id(personalise(spain, lead="Sra. Pérez"))["closing"]
    assert any("puedes hablar con: Sra. Pérez" in t for t in _texts(closing))


def test_the_11_12_law_slides_say_it_without_sexual_words(lib: Library) -> None:
    for region, lang in (("US", "en"), ("IN", "en"), ("GB", "en"), ("ES", "es"), ("AR", "es")):
        for age in (11, 12):
            _, deck = _deck(lib, "grooming-awareness", age, region, lang)
            law = [t for s in deck.slides if s.kind == "law" for t in _texts(s)]
            assert law and not any("sexual" in t.lower() for t in law), (region, age, law)
        _, older = _deck(lib, "grooming-awareness", 14, region, lang)
        assert any(
            "sexual" in t.lower() for s in older.slides if s.kind == "law" for t in _texts(s)
        )


def test_the_vocabulary_gate_catches_sexual_at_11(shipped: Path) -> None:
    region = "talks/regions/us.yaml"
    line = swap(
        shipped,
        region,
        '"11-12": "In the United States, it is a crime to persuade or push a child under 18 into '
        'being abused, including online or by phone."',
        '"11-12": "In the United States, it is a crime to persuade or push a child under 18 into '
        'sexual acts, including online or by phone."',
    )
    found = _found(shipped, region, "talks/grooming-awareness.yaml")
    assert (region, line, "vocabulary") in found, found


def test_spanish_notes_give_the_quote_and_a_marked_translation(lib: Library) -> None:
    """ "Palabras de la fuente" stay verbatim (the evidence); a Spanish rendering follows."""
    for region in ("MX", "ES", "global"):
        _, deck = _deck(lib, "grooming-awareness", 14, region, "es")
        for slide in deck.slides:
            if slide.kind not in ("statistic", "statement") or "Palabras de la fuente" not in (
                slide.notes
            ):
                continue
            assert "Traducción (no son palabras literales de la fuente): «" in slide.notes, slide.id
    fact = lib.facts["ncmec-missing-trafficked"]
    assert "sistema de protección infantil" in fact.translation["es"]
    assert "bienestar social" not in fact.translation["es"]
    _, english = _deck(lib, "grooming-awareness", 14, "US", "en")
    assert not any("Translation:" in s.notes for s in english.slides)
    missing = [f.id for f in lib.facts.values() if "es" not in f.translation]
    assert not missing, missing


# --- issue 11: tips slides show each tip in a few words; the full text is said and taken home ---


@pytest.mark.parametrize(
    ("region", "lang", "age"), [("GB", "en", 11), ("ES", "es", 11), ("CO", "es", 14)]
)
def test_tips_cards_are_short_and_the_full_tips_are_in_the_notes_and_the_handout(
    lib: Library, region: str, lang: str, age: int
) -> None:
    talk, deck = _deck(lib, "grooming-awareness", age, region, lang)
    sheet = _doc_text(handout(_tailored(lib, talk, deck)))
    for slide_id in ("what-to-do", "staying-safe"):
        slide = _by_id(deck)[slide_id]
        tips = [lib.tips[t] for t in next(s for s in talk.slides if s.id == slide_id).tips]
        shown = [line.text for c in slide.cards for line in c.lines]
        short = [x.get(lang, age, deck.tag) for t in tips if (x := t.card or t.rule)]
        assert shown == short, slide_id
        cards = [t.card.get(lang, age, deck.tag) or "" for t in tips if t.card]
        assert all(len(x.split()) <= (7 if age < 13 else 9) for x in cards), cards
        for tip in tips:
            full = tip.text.get(lang, age, deck.tag) or ""
            assert full in slide.notes, (slide_id, tip.id)
            assert full not in shown
            if slide_id == "what-to-do":
                assert full in sheet, tip.id
    # A key rule reads the same on its tips card and on the recap.
    pages = [s for s in deck.slides if s.talk_slide_id == "recap"]
    recap = [line.text for s in pages for c in s.cards for line in c.lines]
    assert len(recap) == 6 and 2 <= len(pages) <= 3  # split by words, never shrunk
    rule = lib.tips["save-evidence"].rule
    assert rule is not None and rule.get(lang, age, deck.tag) in recap


def test_a_tip_with_a_rule_has_no_card_of_its_own(tmp_path: Path) -> None:
    """The rule is what its tips card shows: a second short wording would be a third version."""
    shutil.copytree(REPO / "talks", tmp_path / "talks")
    shutil.copytree(REPO / "assets", tmp_path / "assets")
    tips = tmp_path / "talks" / "common" / "tips.yaml"
    text = tips.read_text(encoding="utf-8")
    at = text.index("  - id: never-meet-alone")
    at = text.index("    source:", at)
    tips.write_text(
        text[:at] + '    card: {en: "Meet with an adult.", es: "Con un adulto."}\n' + text[at:],
        encoding="utf-8",
    )
    with pytest.raises(
        Exception, match="tip 'never-meet-alone' has a rule: its slide card shows the rule"
    ):
        load_library(tmp_path)


# --- safeguarding review of talks v1.2 (talks 1.3) ---------------------------------------------


def _notes_said(deck: Any) -> str:
    """What the notes give the presenter to say: not the source quotes or the helplines' sources,
    which are kept verbatim as the evidence."""
    skip = ("SOURCE", "FUENTE", "From published sources", "Datos de fuentes publicadas")
    return "\n".join(
        p for s in deck.slides for p in s.notes.split("\n") if not p.strip().startswith(skip)
    )


@pytest.mark.parametrize("region", ["MX", "ES", "CO", "AR"])
def test_spanish_11_12_decks_say_private_photo(lib: Library, region: str) -> None:
    """At 11-12 the word the private-photos slide teaches ("foto privada"), never "íntima"."""
    for age in (11, 12):
        talk, deck = _deck(lib, "grooming-awareness", age, region, "es")
        td = _tailored(lib, talk, deck)
        everything = "\n".join(
            [_shown(deck), _notes_said(deck), _doc_text(handout(td)), _doc_text(guide(td))]
        )
        assert "íntima" not in everything, (region, age)
        assert "Nunca hagas captura, guardes ni reenvíes una foto privada." in _shown(deck)
    _, older = _deck(lib, "grooming-awareness", 14, region, "es")
    assert "imagen íntima" in _shown(older)


@pytest.mark.parametrize(("region", "lang"), [("GB", "en"), ("US", "en"), ("MX", "es")])
def test_11_12_notes_and_guides_have_no_sexual_image_words(
    lib: Library, region: str, lang: str
) -> None:
    words = ("nude", "naked", "sexting", "sextortion", "desnud", "sextorsión", "sexual image")
    for age in (11, 12):
        talk, deck = _deck(lib, "grooming-awareness", age, region, lang)
        said = _notes_said(deck).lower()
        assert not [w for w in words if w in said], (region, age)
        script = _doc_text(guide(_tailored(lib, talk, deck))).lower()
        assert "nude" not in script and "desnud" not in script, (region, age)
    _, gb = _deck(lib, "grooming-awareness", 11, "GB", "en")
    assert "Never screenshot, save or send on a private photo, not even as evidence." in (
        _by_id(gb)["what-to-do"].notes
    )


@pytest.mark.parametrize(
    ("region", "lang", "title"),
    [("ES", "es", "Quién trabaja en esto"), ("US", "en", "Who works on this")],
)
def test_the_organisations_slide_is_not_called_help_near_you(
    lib: Library, region: str, lang: str, title: str
) -> None:
    """It lists organisations a child cannot contact; its last line says where to get help."""
    _, deck = _deck(lib, "grooming-awareness", 12, region, lang)
    pages = [s for s in deck.slides if s.kind == "local"]
    assert pages and all(s.title.startswith(title) for s in pages)
    assert pages[-1].body[-1].text.startswith(("Need help now?", "¿Necesitas ayuda ahora?"))
    assert "Help near you" not in _shown(deck) and "Ayuda cerca" not in _shown(deck)


@pytest.mark.parametrize(("region", "lang"), [("GB", "en"), ("CO", "es"), ("MX", "es")])
def test_the_parents_sheet_of_the_pupils_talk_speaks_to_adults(
    lib: Library, region: str, lang: str
) -> None:
    talk, deck = _deck(lib, "grooming-awareness", 11, region, lang)
    sheet = _doc_text(handout(_tailored(lib, talk, deck), "parents"))
    for ch in lib.regions[region].channels:  # the adults' lines too, in the adults' words
        assert ch.name in sheet, ch.name
        if ch.what_adults is not None:
            assert (ch.what_adults.get(lang, 11) or "x") in sheet, ch.name
    if region == "GB":
        assert "0808 800 5000" in sheet and "your child can talk" in sheet
    else:
        for tu in ("Llama ", "Llama al", " tú ", "Denuncia ", "Necesitas"):
            assert tu not in sheet, (region, tu)
        assert "Llame al" in sheet


def test_argentinas_law_year_is_not_a_reuters_report_of_2013(lib: Library) -> None:
    """The slide "2013 – Reuters, 16 de junio de 2018" repeated the law slides with a wrong year."""
    for age in (11, 14):
        _, deck = _deck(lib, "grooming-awareness", age, "AR", "es")
        for s in deck.slides:
            assert not s.source.startswith("2013"), s.id
            assert "Reuters (2013)" not in s.notes and "(2013)." not in s.notes, s.id
        assert any("Ley 26.904 (2013)" in s.source for s in deck.slides if s.kind == "law")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_parents_session_does_not_claim_first_phones(lib: Library, lang: str) -> None:
    _, deck = _deck(lib, "parents-session", 11, "CO" if lang == "es" else "GB", lang)
    shown = _shown(deck)
    assert "First phones" not in shown and "primer teléfono" not in shown
    assert "Reuters" in "\n".join(_texts(_by_id(deck)["grooming-now"]))


@pytest.mark.parametrize(
    ("lang", "line"), [("es", "¿Fuera de la CDMX?"), ("en", "Outside Mexico City?")]
)
def test_mexico_tells_pupils_outside_mexico_city_where_to_ask(
    lib: Library, lang: str, line: str
) -> None:
    """The only number is a Mexico City line: the help card and the closing slide say where
    else to ask (the region's `help_elsewhere`), with no number of its own."""
    for age in (11, 14):
        _, deck = _deck(lib, "grooming-awareness", age, "MX", lang)
        help_lines = [
            x.text for s in deck.slides if s.kind == "helpline" for c in s.cards for x in c.lines
        ]
        closing = [x.text for x in _by_id(deck)["closing"].body]
        assert any(x.startswith(line) for x in help_lines), help_lines
        assert any(x.startswith(line) for x in closing), closing
        assert not any(ch.isdigit() for x in closing if x.startswith(line) for ch in x)
    _, parents = _deck(lib, "parents-session", 11, "MX", lang)
    assert line not in _shown(parents)
    _, gb = _deck(lib, "grooming-awareness", 11, "GB", "en")
    assert "Outside" not in _shown(gb)


def test_minor_findings_of_the_review_of_talks_1_2(lib: Library) -> None:
    """Dated, attributed organisation lines; Latin American words; no English in Spanish guides;
    ICMEC explained for the youngest."""
    _, spain = _deck(lib, "grooming-awareness", 14, "ES", "es")
    _, colombia = _deck(lib, "grooming-awareness", 14, "CO", "es")
    assert "Según Reuters, daba talleres" in _shown(spain) and "Da talleres" not in _shown(spain)
    assert "contó a Reuters que había hablado" in _shown(colombia)
    assert "habla con estudiantes" not in _shown(colombia)
    talk, mexico = _deck(lib, "grooming-awareness", 11, "MX", "es")
    alts = {s.picture.alt for s in mexico.slides if s.picture is not None}
    alts |= {c.picture.alt for s in mexico.slides for c in s.cards if c.picture is not None}
    said = _notes_said(mexico)
    assert "Un celular" in alts and "Un teléfono móvil" not in alts
    for spain_only in ("detenle", "acosadores"):
        assert spain_only not in said and spain_only not in _shown(mexico), spain_only
    assert "Habla en pareja." in _shown(mexico)  # neither gendered nor long enough to split
    assert [s.title for s in mexico.slides].count("¿Qué harías tú?") == 1
    assert "(see " not in _doc_text(guide(_tailored(lib, talk, mexico)))
    assert "El ICMEC es un centro" in _by_id(mexico)["predators-online"].notes
    _, parents = _deck(lib, "parents-session", 11, "CO", "es")
    assert "coche" not in "\n".join(s.notes for s in parents.slides)
