"""Helplines a presenter adds (--helpline) and the safeguarding lead on the closing slide."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pptx import Presentation

from talkdeck.cli import cli
from talkdeck.deck.added_help import AddedHelp, parse_helpline, parse_helplines
from talkdeck.deck.word_limits import slide_words, word_limit
from talkdeck.errors import UsageError
from talkdeck.workspace import BuildRequest, Workspace

from .conftest import REPO

GAP = (
    "warning: MX decks have no national helpline in the reference data: confirm one for your "
    "area and add it with --helpline NAME=NUMBER\n"
)


def slides_of(path: Path) -> list[dict[str, Any]]:
    out = []
    for slide in Presentation(str(path)).slides:
        texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        out.append({"texts": [t for t in texts if t.strip()], "notes": notes})
    return out


def build(runner: CliRunner, tmp_path: Path, *args: str) -> tuple[Any, list[dict[str, Any]]]:
    out = tmp_path / "deck.pptx"
    result = runner.invoke(
        cli, ["-q", "build", "grooming-awareness", "-o", str(out), "-L", str(REPO), *args]
    )
    return result, slides_of(out) if result.exit_code == 0 else []


# --- the option's values ------------------------------------------------------------------------


def test_a_phone_number_and_a_web_address_are_read() -> None:
    assert parse_helpline("Línea de la Vida = 800 911  2000", "2026-12-02", "Ana") == AddedHelp(
        "Línea de la Vida", phone="800 911 2000", confirmed="2026-12-02", by="Ana"
    )
    assert parse_helpline("CHI=childhelplineinternational.org/about?x=1", "2026-12-02").url == (
        "childhelplineinternational.org/about?x=1"
    )
    assert parse_helpline("Emergencias=+52 (55) 911", "2026-12-02").phone == "+52 (55) 911"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Línea", "--helpline 'Línea': write NAME=NUMBER or NAME=WEB ADDRESS"),
        ("=911", "--helpline '=911': write NAME=NUMBER or NAME=WEB ADDRESS"),
        ("Línea=", "--helpline 'Línea=': write NAME=NUMBER or NAME=WEB ADDRESS"),
        (
            "Línea=call me",
            "--helpline 'Línea=call me': 'call me' is neither a phone number (digits, spaces "
            "and + ( ) - . /) nor a web address (like childhelplineinternational.org)",
        ),
        ("Línea=12", "--helpline 'Línea=12': '12' has 2 digits; a phone number has 3 to 20"),
        ("Línea=800\n911", "--helpline 'Línea=800\n911': must be one line (it holds a line break)"),
        (
            "Línea=800\x07911",
            "--helpline 'Línea=800\x07911': must be one line (it holds control character U+0007)",
        ),
        ("L" * 61 + "=911", f"--helpline '{'L' * 61}=911': the name has 61 characters; at most 60"),
    ],
)
def test_bad_values_are_usage_errors_naming_the_value(value: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_helpline(value, "2026-12-02")
    assert caught.value.message == message
    assert caught.value.exit_code == 2


def test_at_most_three_and_no_name_twice() -> None:
    with pytest.raises(UsageError, match=r"^--helpline: given 4 times; at most 3$"):
        parse_helplines(("A=911",) * 4, "2026-12-02")
    with pytest.raises(UsageError, match=r"^--helpline: 'A' is given twice$"):
        parse_helplines(("A=911", "a=112"), "2026-12-02")


# --- decks --------------------------------------------------------------------------------------


def test_an_added_helpline_is_first_on_help_and_closing_slides_and_dated_in_the_notes(
    runner: CliRunner, tmp_path: Path
) -> None:
    today = dt.date.today().isoformat()
    result, slides = build(
        runner,
        tmp_path,
        *("--age", "11", "--region", "MX", "--presenter", "Ana Ruiz"),
        *("--helpline", "Línea de la Vida=800 911 2000"),
    )
    assert (result.exit_code, result.stderr) == (0, "")
    help_slide = next(s for s in slides if s["texts"][0] == "Quién puede ayudarte")
    assert help_slide["texts"][1] == (
        f"Línea de la Vida\nLínea añadida por quien presenta, confirmada el {today} por Ana Ruiz"
    )
    assert help_slide["texts"][4] == "800 911 2000"  # the first card's number, large
    assert (
        "Añadida para este grupo por quien presenta con --helpline; no viene de los datos de "
        f"referencia: Línea de la Vida: 800 911 2000 – Línea añadida por quien presenta, "
        f"confirmada el {today} por Ana Ruiz."
    ) in help_slide["notes"]
    closing = slides[-1]
    assert closing["texts"][1].splitlines()[1] == "Línea de la Vida: 800\u00a0911\u00a02000"
    near = next(s for s in slides if s["texts"][0] == "Quién trabaja en esto")
    assert near["texts"][1].endswith("¿Necesitas ayuda ahora? Llama al 800\u00a0911\u00a02000")


def test_a_web_address_gets_a_card_with_its_qr_code(runner: CliRunner, tmp_path: Path) -> None:
    result, slides = build(
        runner,
        tmp_path,
        *("--age", "13", "--region", "MX", "--lang", "en"),
        *("--helpline", "Local help=example.org/help"),
    )
    assert result.exit_code == 0, result.output
    card = f"Local help\nAdded by the presenter, confirmed on {dt.date.today()}\nexample.org/help"
    help_slide = next(s for s in slides if card in s["texts"])
    assert help_slide["texts"].index(card) == 1  # the first card, under the title
    assert "The QR code on the card of Local help" in help_slide["notes"]


def test_a_region_without_a_child_helpline_warns_and_still_builds(
    runner: CliRunner, tmp_path: Path
) -> None:
    result, _ = build(runner, tmp_path, "--age", "12", "--region", "MX")
    assert (result.exit_code, result.stderr) == (0, GAP)
    result, _ = build(runner, tmp_path, "--age", "12", "--region", "GB")
    assert (result.exit_code, result.stderr) == (0, "")


def test_a_bad_helpline_is_exit_2_and_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    result, _ = build(
        runner, tmp_path, "--age", "12", "--region", "MX", "--helpline", "Línea=ayuda"
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "error: --helpline 'Línea=ayuda': 'ayuda' is neither a phone number (digits, spaces and "
        "+ ( ) - . /) nor a web address (like childhelplineinternational.org)\n"
    )
    assert not (tmp_path / "deck.pptx").exists()


def test_added_helplines_skip_the_cache_and_leave_it_as_it_was(tmp_path: Path) -> None:
    ws = Workspace(REPO)
    plain = ws.tailor(BuildRequest("grooming-awareness", age=14, region="MX"))
    added = Workspace(REPO).tailor(
        BuildRequest("grooming-awareness", age=14, region="MX", helplines=("A=911",))
    )
    again = Workspace(REPO).tailor(BuildRequest("grooming-awareness", age=14, region="MX"))
    assert plain.fingerprint == again.fingerprint != added.fingerprint
    assert (plain.help_gap, added.help_gap) == (True, False)
    cards = [c for s in added.slides if s.kind == "helpline" for c in s.cards]
    assert [c.number for c in cards][:2] == ["911", "55 5533 5533"]


# --- the safeguarding lead ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "lang", "line"),
    [
        ("GB", "en", "In school, you can talk to: Ms Patel"),
        ("ES", "es", "En el colegio puedes hablar con: Ms Patel"),
        ("MX", "es", "En la escuela puedes hablar con: Ms Patel"),
    ],
)
def test_the_lead_is_named_to_pupils_on_the_closing_slide(
    region: str, lang: str, line: str
) -> None:
    for age in (11, 14):
        deck = Workspace(REPO).tailor(
            BuildRequest("grooming-awareness", age=age, region=region, lang=lang, lead="Ms Patel")
        )
        closing = deck.slides[-1]
        assert closing.kind == "closing"
        assert closing.body[1].text == line
        helplines = sum(x.bullet for x in closing.body)
        assert helplines >= 1, "a helpline line always stays"
        assert slide_words(closing) <= word_limit(age) or helplines == 1


def test_without_a_lead_the_closing_slide_is_unchanged() -> None:
    plain = Workspace(REPO).tailor(BuildRequest("grooming-awareness", age=11, region="GB"))
    assert not any("talk to:" in x.text for x in plain.slides[-1].body)


# --- guide and handout --------------------------------------------------------------------------


def printout(runner: CliRunner, tmp_path: Path, kind: str, *args: str) -> tuple[Any, str]:
    out = tmp_path / f"{kind}.md"
    result = runner.invoke(
        cli, ["-q", kind, "grooming-awareness", "-o", str(out), "-L", str(REPO), *args]
    )
    return result, out.read_text(encoding="utf-8") if out.exists() else ""


def test_the_guide_opens_with_the_gap_and_how_to_add_a_helpline(
    runner: CliRunner, tmp_path: Path
) -> None:
    result, text = printout(runner, tmp_path, "guide", "--age", "11", "--region", "MX")
    assert (result.exit_code, result.stderr) == (0, GAP)
    opening = text.split("\n\n")[2:4]
    assert opening == [
        "Los datos de referencia no tienen una línea nacional de ayuda a la infancia ni un número "
        "de emergencias para México. Antes de la charla, confirma con la escuela el número de "
        "emergencias y una línea de ayuda a la infancia de la zona, y díselos al grupo.",
        "Cuando hayas confirmado una línea de ayuda a la infancia o el número de emergencias de "
        "tu zona, añádela a las diapositivas, a esta guía y a la hoja para casa: `talkdeck build "
        'grooming-awareness --age 11 --region MX --lang es --helpline "NOMBRE=NÚMERO"`',
    ]
    result, text = printout(runner, tmp_path, "guide", "--age", "11", "--region", "GB")
    assert (result.exit_code, result.stderr) == (0, "")
    assert text.split("\n\n")[2] == "## Before your talk: confirm each helpline"


def test_the_guide_lists_an_added_helpline_first_in_its_checklist_and_commands(
    runner: CliRunner, tmp_path: Path
) -> None:
    today = dt.date.today().isoformat()
    result, text = printout(
        runner,
        tmp_path,
        "guide",
        *("--age", "12", "--region", "MX", "--lang", "en", "--presenter", "Ana Ruiz"),
        *("--helpline", "Línea de la Vida=800 911 2000"),
    )
    assert (result.exit_code, result.stderr) == (0, "")
    checklist = text.split("## Before your talk: confirm each helpline\n\n")[1].split("\n\n")[1]
    assert checklist.splitlines()[0] == (
        "- [ ] Línea de la Vida: Call: 800 911 2000. Source: added by the presenter for this "
        f"class, not from the reference data. Added by the presenter, confirmed on {today} by "
        "Ana Ruiz."
    )
    assert (
        "`talkdeck build grooming-awareness --age 12 --region MX --lang en --helpline "
        "'Línea de la Vida=800 911 2000' --presenter 'Ana Ruiz' --pdf`"
    ) in text


def test_the_handout_names_the_lead_and_the_added_helpline_first(
    runner: CliRunner, tmp_path: Path
) -> None:
    today = dt.date.today().isoformat()
    result, text = printout(
        runner,
        tmp_path,
        "handout",
        *("--age", "11", "--region", "ES", "--lead", "Sra. López"),
        *("--helpline", "Mi línea=ejemplo.org/ayuda"),
    )
    assert (result.exit_code, result.stderr) == (0, "")
    who = text.split("## Quién puede ayudar\n\n")[1].split("\n\n")
    assert who[0] == "En el colegio puedes hablar con: Sra. López"
    assert who[1].startswith(
        "**Mi línea**  \nEn línea: ejemplo.org/ayuda  \n"
        f"Línea añadida por quien presenta, confirmada el {today}  \n![QR code: ejemplo.org/ayuda]"
    )


def test_a_bad_helpline_in_a_printout_is_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    for kind in ("guide", "handout"):
        result, text = printout(
            runner, tmp_path, kind, "--age", "11", "--region", "MX", "--helpline", "x" * 70 + "=1"
        )
        assert result.exit_code == 2
        assert result.stderr == (
            f"error: --helpline '{'x' * 70}=1': the name has 70 characters; at most 60\n"
        )
        assert text == ""


def test_a_number_too_long_for_its_card_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result, _ = build(
        runner, tmp_path, "--age", "11", "--region", "MX", "--helpline", "L=+52 1 800 911 2000 1234"
    )
    assert (result.exit_code, result.stderr) == (
        2,
        "error: --helpline: too long for the slides that show it; shorten it\n",
    )


def test_a_parents_closing_slide_keeps_both_helplines_beside_the_lead(
    runner: CliRunner, tmp_path: Path
) -> None:
    deck = Workspace(REPO).tailor(
        BuildRequest("parents-session", age=14, region="US", lead="Ms Patel")
    )
    assert deck.slides[-1].body[1].text == "In school, you can talk to: Ms Patel"
    assert len(deck.slides[-1].body) == 4  # no word limit: both helplines stay
    result, text = printout(
        runner, tmp_path, "handout", "--region", "GB", "--audience", "parents", "--lead", "Ms Patel"
    )
    assert result.exit_code == 0, result.output
    assert "## Who can help\n\nIn school, you can talk to: Ms Patel\n\n" in text


def test_a_coordinator_sets_the_helpline_in_talkdeck_toml(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "talkdeck.toml").write_text(
        'region = "MX"\nhelpline = ["Línea de la Vida=800 911 2000"]\n', encoding="utf-8"
    )
    result, slides = build(runner, tmp_path, "--age", "13")
    assert (result.exit_code, result.stderr) == (0, "")
    assert any(t.startswith("Línea de la Vida\n") for s in slides for t in s["texts"])
    (tmp_path / "talkdeck.toml").write_text("helpline = 911\n", encoding="utf-8")
    result, _ = build(runner, tmp_path, "--age", "13")
    assert (result.exit_code, result.stderr) == (
        2,
        'error: talkdeck.toml: helpline must be "NAME=NUMBER" or a list of them\n',
    )
