"""The command line: exact exit codes and messages, help and examples on every command."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from talkdeck import __version__
from talkdeck.cli import cli

from .conftest import MINI

COMMANDS = sorted(cli.commands)


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert (result.exit_code, result.output) == (0, f"talkdeck, version {__version__}\n")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_short_help_and_an_example(runner: CliRunner, command: str) -> None:
    result = runner.invoke(cli, [command, "-h"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_build_then_inspect(runner: CliRunner, mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    result = runner.invoke(
        cli,
        ["build", "mini", "--age", "13", "--region", "CO", "-o", str(out), "--library", str(mini)],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out} (7 slides, 9 min, es, age 13, CO)\n"
    assert result.stderr == (
        "next: the printouts for this class:\n"
        f"  talkdeck guide mini --age 13 --region CO --lang es --library {mini}\n"
        f"  talkdeck handout mini --age 13 --region CO --lang es --library {mini}\n"
        "then: --pdf for a PDF; talkdeck serve for a web page\n"
    )
    result = runner.invoke(cli, ["inspect", str(out), "--json"])
    stamp = json.loads(result.output)
    assert (stamp["talk"], stamp["age"], stamp["region"], stamp["language"]) == (
        "mini",
        "13",
        "CO",
        "es",
    )


def test_default_output_name_in_current_folder(
    runner: CliRunner, mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["build", "mini", "-a", "12"], env={"TALKDECK_LIBRARY": str(mini)})
    assert result.exit_code == 0, result.output
    assert (tmp_path / "mini-global-en-12.pptx").is_file()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--age", "16"], 2, "error: --age: 16 is not an age talkdeck builds for; give 11 to 15"),
        (["--age", "12", "--region", "XX"], 2, "error: unknown region 'XX' (valid: CO, global)"),
        (["--age", "12", "--lang", "fr"], 2, "error: unknown language 'fr' (known: en, es)"),
    ],
)
def test_usage_errors_exit_2(
    runner: CliRunner, mini: Path, args: list[str], code: int, message: str
) -> None:
    result = runner.invoke(cli, ["build", "mini", "-L", str(mini), *args])
    assert result.exit_code == code
    assert message in result.output


def test_content_errors_exit_1_with_every_problem(
    runner: CliRunner, make_library: Callable[..., Path], tmp_path: Path
) -> None:
    text = MINI["talks/mini.yaml"].replace("duration: 10", "duration: 10\n        extra: 1")
    text = text.replace("fact: predators-online", "fact: nope")
    lib = make_library({"talks/mini.yaml": text})
    result = runner.invoke(
        cli, ["build", "mini", "-a", "12", "-L", str(lib), "-o", str(tmp_path / "x.pptx")]
    )
    assert result.exit_code == 1
    assert result.output == (
        "talks/mini.yaml:8:1: extra: unknown key 'extra' (allowed: ages, approved, audience, "
        "changelog, description, duration, id, languages, slides, status, title, version, "
        "version_date)\n"
        "talks/mini.yaml:33:5: slides[3].fact: unknown fact 'nope'\n"
        "error: 2 problems found\n"
    )
    assert not (tmp_path / "x.pptx").exists()


def test_inspect_a_file_that_is_not_a_deck(runner: CliRunner, tmp_path: Path) -> None:
    other = tmp_path / "other.pptx"
    other.write_bytes(b"PK\x05\x06" + b"\0" * 18)  # an empty zip
    result = runner.invoke(cli, ["inspect", str(other)])
    assert (result.exit_code, result.output) == (
        1,
        f"error: {other}: not a talkdeck deck (no talkdeck stamp)\n",
    )


def test_list_and_validate(runner: CliRunner, mini: Path) -> None:
    result = runner.invoke(cli, ["list", "--json", "-L", str(mini)])
    found = json.loads(result.output)
    assert [t["id"] for t in found["talks"]] == ["mini"]
    assert [r["code"] for r in found["regions"]] == ["global", "CO"]
    result = runner.invoke(cli, ["validate", "-L", str(mini)])
    assert (result.exit_code, result.output) == (0, "ok: 1 talk valid (mini)\n")


def test_schema_is_json(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["schema"])
    assert json.loads(result.output)["title"] == "talkdeck talk"


def test_help_does_not_import_pptx_or_pydantic() -> None:
    code = (
        "import sys; from talkdeck.cli import cli; "
        "import contextlib, io\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    cli(['--help'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pptx', 'pydantic')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
