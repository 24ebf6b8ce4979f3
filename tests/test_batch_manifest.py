"""A batch into a folder that holds an earlier batch's decks: manifest.json describes the folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from talkdeck.cli import cli

AT_11 = [f"mini-{r}-{lg}-11.pptx" for r in ("CO", "global") for lg in ("en", "es")]
AT_13 = [name.replace("-11.", "-13.") for name in AT_11]


def run(runner: CliRunner, lib: Path, out: Path, *args: str) -> Result:
    return runner.invoke(cli, ["batch", "-L", str(lib), "-o", str(out), "-j", "1", *args])


def manifest(out: Path) -> dict[str, Any]:
    found: dict[str, Any] = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return found


def test_a_second_batch_keeps_the_first_batchs_decks(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    assert run(runner, mini, out, "--ages", "11").exit_code == 0
    first = manifest(out)["decks"]
    second = run(runner, mini, out, "--ages", "13")
    assert second.exit_code == 0, second.output
    assert second.output.splitlines()[-1] == (
        f"built 4 decks in {out} (listed in {out / 'manifest.json'})"
    )
    decks = manifest(out)["decks"]
    assert [d["file"] for d in decks] == sorted([*AT_11, *AT_13])
    assert [d for d in decks if d["file"] in AT_11] == first
    assert manifest(out)["failed"] == []
    # `check` reads every deck in the folder: it agrees with the manifest
    checked = runner.invoke(cli, ["check", "-L", str(mini), str(out)])
    assert (checked.exit_code, checked.output.splitlines()[-1]) == (0, "8 of 8 decks up to date")


def test_the_manifest_drops_decks_gone_or_changed_since(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    assert run(runner, mini, out, "--ages", "11").exit_code == 0
    (out / AT_11[0]).unlink()
    with (out / AT_11[1]).open("ab") as changed:
        changed.write(b"\0")
    (out / AT_11[2]).unlink()
    (out / AT_11[2]).mkdir()  # a folder where a deck was
    assert run(runner, mini, out, "--ages", "13").exit_code == 0
    assert [d["file"] for d in manifest(out)["decks"]] == sorted([AT_11[3], *AT_13])


def test_this_runs_entry_replaces_the_earlier_one(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    assert run(runner, mini, out, "--ages", "11").exit_code == 0
    before = manifest(out)
    text = (out / "manifest.json").read_text(encoding="utf-8")
    (out / "manifest.json").write_text(text.replace('"slides": 6', '"slides": 99'), "utf-8")
    assert run(runner, mini, out, "--ages", "11", "--regions", "CO").exit_code == 0
    decks = manifest(out)["decks"]
    assert [(d["file"], d["slides"]) for d in decks] == [
        (name, 6 if "-CO-" in name else 99) for name in sorted(AT_11)
    ]
    assert [d for d in decks if "-CO-" in d["file"]] == [
        d for d in before["decks"] if "-CO-" in d["file"]
    ]


def test_an_earlier_failure_stays_until_that_deck_is_built(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    out.mkdir()
    failure = {
        "file": AT_13[0],
        "talk": "mini",
        "age": 13,
        "region": "CO",
        "language": "en",
        "error": "it failed",
    }
    (out / "manifest.json").write_text(json.dumps({"decks": [], "failed": [failure]}), "utf-8")
    assert run(runner, mini, out, "--ages", "11").exit_code == 0
    assert manifest(out)["failed"] == [failure]
    assert run(runner, mini, out, "--ages", "13", "--regions", "CO", "--lang", "en").exit_code == 0
    assert manifest(out)["failed"] == []
    assert [d["file"] for d in manifest(out)["decks"]] == sorted([*AT_11, AT_13[0]])


@pytest.mark.parametrize(
    ("old", "why"),
    [
        ("{not json", "not JSON"),
        ("[]", "not a JSON object"),
        ('{"decks": {}}', "'decks' is not a list"),
        (
            '{"decks": [{"file": "x.pptx"}]}',
            "decks entry 1 does not have the fields talkdeck writes",
        ),
        ("\xff", "not JSON"),
    ],
)
def test_a_damaged_manifest_is_ignored_with_a_warning(
    mini: Path, tmp_path: Path, old: str, why: str
) -> None:
    out = tmp_path / "dist"
    out.mkdir()
    (out / "manifest.json").write_bytes(old.encode("latin-1"))
    result = run(CliRunner(), mini, out, "--ages", "11", "--regions", "CO", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"warning: {out / 'manifest.json'}: ignored the earlier manifest ({why}); "
        "it now lists this run's decks only\n"
    )
    assert [d["file"] for d in manifest(out)["decks"]] == ["mini-CO-en-11.pptx"]


@pytest.mark.parametrize(
    ("field", "value", "why"),
    [
        ("file", "../escape.pptx", "decks entry 1: '../escape.pptx' is not a file name"),
        ("file", "manifest.json", "decks entry 1: 'manifest.json' is not a file name"),
        ("age", True, "decks entry 1: 'age' is not a whole number"),
        ("sha256", None, "decks entry 1: 'sha256' is not a string"),
    ],
)
def test_an_entry_talkdeck_would_not_write_damages_the_manifest(
    runner: CliRunner, mini: Path, tmp_path: Path, field: str, value: object, why: str
) -> None:
    out = tmp_path / "dist"
    assert run(runner, mini, out, "--ages", "11", "--regions", "CO", "--lang", "es").exit_code == 0
    old = manifest(out)
    old["decks"][0][field] = value
    (out / "manifest.json").write_text(json.dumps(old), "utf-8")
    result = run(runner, mini, out, "--ages", "11", "--regions", "CO", "--lang", "en")
    assert result.stderr == (
        f"warning: {out / 'manifest.json'}: ignored the earlier manifest ({why}); "
        "it now lists this run's decks only\n"
    )
    assert [d["file"] for d in manifest(out)["decks"]] == ["mini-CO-en-11.pptx"]
