"""Hand edits are never lost: build and batch replace only decks exactly as talkdeck wrote them."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pptx import Presentation

from talkdeck.cli import cli
from talkdeck.deck.write import CONTENT, CUSTOM_PART, custom_xml, read_stamp, written_digest
from talkdeck.workspace import inspect_deck

from .office import need

REFUSAL = "; use --force to replace it or choose a different -o\n"
EDITED = "changed after talkdeck built it (edited by hand?)"


def build(runner: CliRunner, lib: Path, out: Path, *extra: str) -> Result:
    return runner.invoke(cli, ["build", "mini", "-a", "12", "-o", str(out), "-L", str(lib), *extra])


@pytest.fixture
def deck(runner: CliRunner, mini: Path, tmp_path: Path) -> Path:
    out = tmp_path / "deck.pptx"
    assert build(runner, mini, out).exit_code == 0
    return out


def test_the_stamp_seals_a_digest_of_every_other_part(deck: Path) -> None:
    stamp = read_stamp(deck)
    assert stamp is not None
    assert re.fullmatch(r"[0-9a-f]{64}", stamp[CONTENT])
    assert stamp[CONTENT] == written_digest(deck)


def test_an_unchanged_deck_is_replaced(runner: CliRunner, mini: Path, deck: Path) -> None:
    before = deck.read_bytes()
    result = build(runner, mini, deck)
    assert result.exit_code == 0, result.output
    assert deck.read_bytes() == before


def test_python_pptx_edit_is_refused_then_forced(
    runner: CliRunner, mini: Path, deck: Path, tmp_path: Path
) -> None:
    prs = Presentation(str(deck))
    prs.slides[0].shapes.title.text = "Hill School assembly"
    prs.save(str(deck))
    edited = deck.read_bytes()
    result = build(runner, mini, deck)
    assert (result.exit_code, result.output) == (1, f"error: {deck}: {EDITED}{REFUSAL}")
    assert deck.read_bytes() == edited
    forced = build(runner, mini, deck, "--force")
    assert forced.exit_code == 0, forced.output
    fresh = tmp_path / "fresh.pptx"
    assert build(runner, mini, fresh).exit_code == 0
    assert deck.read_bytes() == fresh.read_bytes()


def test_a_changed_note_is_an_edit_too(runner: CliRunner, mini: Path, deck: Path) -> None:
    prs = Presentation(str(deck))
    prs.slides[2].notes_slide.notes_text_frame.text += " Mention the school's own policy."
    prs.save(str(deck))
    assert build(runner, mini, deck).exit_code == 1


@pytest.mark.slow
@pytest.mark.libreoffice
def test_libreoffice_resave_is_refused(
    runner: CliRunner, mini: Path, deck: Path, tmp_path: Path
) -> None:
    need("soffice")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pptx",
            "--outdir",
            str(tmp_path / "lo"),
            str(deck),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    resaved = (tmp_path / "lo" / deck.name).read_bytes()
    deck.write_bytes(resaved)
    result = build(runner, mini, deck)
    assert result.exit_code == 1
    assert result.output in (
        f"error: {deck}: {EDITED}{REFUSAL}",  # LibreOffice kept the stamp
        f"error: {deck}: not a talkdeck deck{REFUSAL}",
    )
    assert deck.read_bytes() == resaved
    checked = runner.invoke(cli, ["check", str(deck), "-L", str(mini)])
    assert checked.exit_code == 1
    assert checked.output.startswith(
        (f"{deck}: up to date, edited by hand", f"{deck}: not a talkdeck deck")
    )
    assert build(runner, mini, deck, "--force").exit_code == 0
    assert inspect_deck(deck)["talk"] == "mini"


def test_files_talkdeck_did_not_write_are_refused(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.pptx"
    notes.write_text("my own notes")
    plain = tmp_path / "plain.pptx"
    Presentation().save(str(plain))
    for path in (notes, plain):
        before = path.read_bytes()
        result = build(runner, mini, path)
        assert (result.exit_code, result.output) == (
            1,
            f"error: {path}: not a talkdeck deck{REFUSAL}",
        )
        assert path.read_bytes() == before
        assert build(runner, mini, path, "--force").exit_code == 0
        assert inspect_deck(path)["talk"] == "mini"


def test_a_stamp_without_a_content_digest_is_refused(
    runner: CliRunner, mini: Path, deck: Path
) -> None:
    stamp = read_stamp(deck)
    assert stamp is not None
    del stamp[CONTENT]
    out = io.BytesIO()
    with zipfile.ZipFile(deck) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = custom_xml(stamp) if info.filename == CUSTOM_PART else src.read(info)
            dst.writestr(info, data)
    deck.write_bytes(out.getvalue())
    result = build(runner, mini, deck)
    assert (result.exit_code, result.output) == (
        1,
        (f"error: {deck}: built by an older talkdeck, so hand edits cannot be ruled out{REFUSAL}"),
    )


def test_batch_refuses_an_edited_deck_unless_forced(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    args = ["batch", "mini", "-o", str(out), "--ages", "12", "--regions", "CO", "-L", str(mini)]
    assert runner.invoke(cli, args).exit_code == 0
    target = out / "mini-CO-es-12.pptx"
    prs = Presentation(str(target))
    prs.slides[0].shapes.title.text = "Colegio Andino"
    prs.save(str(target))
    refused = runner.invoke(cli, args)
    assert refused.exit_code == 1
    assert f"error: mini-CO-es-12.pptx: {EDITED}{REFUSAL}" in refused.output
    assert Presentation(str(target)).slides[0].shapes.title.text == "Colegio Andino"
    forced = runner.invoke(cli, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    assert Presentation(str(target)).slides[0].shapes.title.text != "Colegio Andino"


# --- issue 13, family 10: edited stamps -------------------------------------------------------


def restamp(deck: Path, **fields: str) -> None:
    """Change stamp fields in place, keeping the stamp's content digest as it was."""
    stamp = read_stamp(deck)
    assert stamp is not None
    stamp.update(fields)
    out = io.BytesIO()
    with zipfile.ZipFile(deck) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(
                info, custom_xml(stamp) if info.filename == CUSTOM_PART else src.read(info)
            )
    deck.write_bytes(out.getvalue())


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"age": "twelve"}, "its stamp was changed: age 'twelve' is not an age"),
        (
            {"age": "9" * 5000},
            f"its stamp was changed: age '{'9' * 20}… (5,000 characters)' is not an age",
        ),
        (
            {"components": "[1, 2]"},
            "its stamp was changed: its list of inputs is not a mapping of digests",
        ),
        ({"components": "{not json"}, "its stamp was changed: its list of inputs is not JSON"),
    ],
    ids=["age as a word", "age of 5,000 digits", "components a list", "components not JSON"],
)
def test_check_reports_an_edited_stamp(
    runner: CliRunner, mini: Path, deck: Path, fields: dict[str, str], reason: str
) -> None:
    restamp(deck, **fields)
    result = runner.invoke(cli, ["check", str(deck), "-L", str(mini)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{deck}: outdated, edited by hand (")
    assert lines[1:] == [
        f"  - {reason}",
        "  - changed after talkdeck built it: rebuilding needs --force and replaces those edits",
        "0 of 1 deck up to date",
    ]


def test_a_forged_version_is_edited_by_hand_not_up_to_date(
    runner: CliRunner, mini: Path, deck: Path
) -> None:
    restamp(deck, version="9.9")
    result = runner.invoke(cli, ["check", str(deck), "-L", str(mini), "--json"])
    assert result.exit_code == 1
    assert '"edited_by_hand": true' in result.output


def test_inspect_shows_components_that_are_not_json_as_written(
    runner: CliRunner, deck: Path
) -> None:
    restamp(deck, components="{not json")
    result = runner.invoke(cli, ["inspect", str(deck), "--json"])
    assert result.exit_code == 0, result.output
    assert '"components": "{not json"' in result.output
