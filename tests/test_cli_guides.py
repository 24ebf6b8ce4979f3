"""The command line guides its user: next steps, -o forms, did-you-mean, talkdeck.toml, quiet,
NO_COLOR, one --json spelling, shell completion and LibreOffice found where installers put it."""

from __future__ import annotations

import json
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.shell_completion import ShellComplete
from click.testing import CliRunner, Result

from talkdeck.cli import cli

from .conftest import MINI, REPO

BUILD = ["build", "mini", "--age", "13", "--region", "CO"]


def run(runner: CliRunner, mini: Path, *args: str, **kwargs: Any) -> Result:
    return runner.invoke(cli, [*args, "--library", str(mini)], **kwargs)


def test_build_says_what_next(runner: CliRunner, mini: Path, tmp_path: Path) -> None:
    result = run(runner, mini, *BUILD, "-o", str(tmp_path / "d.pptx"))
    assert result.exit_code == 0
    assert result.stderr.startswith(
        "next: the printouts for this class:\n  talkdeck guide mini --age 13 --region CO --lang es"
    )
    quiet = runner.invoke(cli, ["-q", *BUILD, "-o", str(tmp_path / "e.pptx"), "-L", str(mini)])
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_the_next_commands_paste_with_every_printout_option(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    """The hint repeats presenter, lead and helplines, shell-quoted: pasted, the guide and the
    handout show the helpline the deck shows (not "no helpline")."""
    given = ["--presenter", "Ana Ruiz", "--lead", "Sra. López", "--helpline", "Línea=800 123"]
    result = run(
        runner, mini, *BUILD, *given, "--school", "Hill", "--date", "1 May", "-o", str(tmp_path)
    )
    assert result.exit_code == 0, result.output
    args = (
        "mini --age 13 --region CO --lang es --presenter 'Ana Ruiz' --lead 'Sra. López' "
        f"--helpline 'Línea=800 123' --library {mini}"
    )
    lines = result.stderr.splitlines()
    assert lines == [
        "next: the printouts for this class:",
        f"  talkdeck guide {args}",
        f"  talkdeck handout {args}",
        "then: --pdf for a PDF; talkdeck serve for a web page",
    ]
    for line, kind in ((lines[1], "guide"), (lines[2], "handout")):
        words = shlex.split(line)
        assert words[:2] == ["talkdeck", kind]
        out = tmp_path / f"{kind}.md"
        pasted = runner.invoke(cli, [*words[1:], "-o", str(out)])
        assert pasted.exit_code == 0, pasted.output
        text = out.read_text(encoding="utf-8")
        assert "Línea" in text and "800 123" in text and "Sra. López" in text


def test_the_next_commands_keep_draft_and_a_talk_path(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    talk = str(mini / "talks" / "mini.yaml")
    result = run(runner, mini, "build", talk, "-a", "12", "--draft", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    guide_line = result.stderr.splitlines()[1]
    assert guide_line == (
        f"  talkdeck guide {talk} --age 12 --region global --lang en --draft --library {mini}"
    )


def test_output_folder_gets_the_default_name(runner: CliRunner, mini: Path, tmp_path: Path) -> None:
    (tmp_path / "decks").mkdir()
    result = run(runner, mini, *BUILD, "-o", str(tmp_path / "decks"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "decks" / "mini-CO-es-13.pptx").is_file()


def test_output_with_a_slash_makes_the_folder(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    result = run(runner, mini, *BUILD, "-o", f"{tmp_path}/new/inner/")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "new" / "inner" / "mini-CO-es-13.pptx").is_file()


@pytest.mark.parametrize("command", ["build", "guide", "handout"])
def test_a_folder_named_by_output_is_made_only_when_writing(
    runner: CliRunner, mini: Path, tmp_path: Path, command: str
) -> None:
    result = run(runner, mini, command, "nope", "--age", "12", "-o", f"{tmp_path}/new/")
    assert result.exit_code == 2, result.output
    assert "unknown talk 'nope'" in result.stderr
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("command", ["build", "guide", "handout"])
def test_a_folder_named_by_output_that_is_a_file(
    runner: CliRunner, mini: Path, tmp_path: Path, command: str
) -> None:
    afile = tmp_path / "afile"
    afile.write_text("mine")
    result = run(runner, mini, command, "mini", "-a", "13", "-r", "CO", "-o", f"{afile}/")
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {afile}: is a file; -o NAME/ names a folder\n",
    )
    assert afile.read_text() == "mine"


def test_output_name_without_suffix_gets_pptx(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    result = run(runner, mini, *BUILD, "-o", str(tmp_path / "hill"))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {tmp_path / 'hill.pptx'} ")


OUTPUT_HELP = "A name ending in / is a folder, made if missing; a file's folder must exist."


def test_output_help_and_readme_say_which_folders_are_made(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    """-h and README say what happens: a missing folder of a file is refused, not made."""
    for command in ("build", "guide", "handout"):
        shown = " ".join(runner.invoke(cli, [command, "-h"]).output.split())
        assert OUTPUT_HELP in shown, command
        assert "missing folders are made" not in shown
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert "or a name ending in `/` (`-o decks/`), which is made if missing." in readme
    assert "A file's folder must exist" in readme
    out = tmp_path / "nofolder" / "sub" / "deck.pptx"
    result = run(runner, mini, *BUILD, "-o", str(out))
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: {out}: folder {out.parent} does not exist\n",
    )
    assert not (tmp_path / "nofolder").exists()


@pytest.mark.parametrize("command", ["guide", "handout"])
def test_printout_output_may_be_a_folder(
    runner: CliRunner, mini: Path, tmp_path: Path, command: str
) -> None:
    """-o guides/ (made if missing) or an existing folder: the default name inside it."""
    made = tmp_path / "new" / "guides"
    name = f"mini-CO-es-13-{command}.md"
    result = run(runner, mini, command, "mini", "-a", "13", "-r", "CO", "-o", f"{made}/")
    assert (result.exit_code, result.stdout) == (0, f"wrote {made / name}\n")
    assert (made / name).is_file()
    existing = tmp_path / "old"
    existing.mkdir()
    result = run(
        runner,
        mini,
        command,
        "mini",
        "-a",
        "13",
        "-r",
        "CO",
        "-o",
        str(existing),
        "--format",
        "pdf",
    )
    pdf = existing / name.replace(".md", ".pdf")
    assert (result.exit_code, result.stdout) == (0, f"wrote {pdf}\n")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_printout_in_a_missing_folder_names_it(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    out = tmp_path / "missing" / "g.md"
    result = run(runner, mini, "guide", "mini", "-a", "13", "-o", str(out))
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: {out}: folder {out.parent} does not exist\n",
    )
    assert not out.parent.exists()


def test_output_in_a_missing_folder_names_it(runner: CliRunner, mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "d.pptx"
    result = run(runner, mini, *BUILD, "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"error: {out}: folder {out.parent} does not exist\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["build", "minni", "--age", "13"],
            "error: unknown talk 'minni' (did you mean 'mini'? known: mini)\n",
        ),
        (
            ["build", "mini", "--age", "13", "--region", "col"],
            "error: unknown region 'col' (did you mean 'CO'? valid: CO, global)\n",
        ),
        (
            ["build", "mini", "--age", "13", "--lang", "eng"],
            "error: unknown language 'eng' (did you mean 'en'? known: en, es)\n",
        ),
    ],
)
def test_did_you_mean(runner: CliRunner, mini: Path, args: list[str], message: str) -> None:
    result = run(runner, mini, *args)
    assert result.exit_code == 2
    assert result.output == message


def test_codes_are_case_insensitive(runner: CliRunner, mini: Path, tmp_path: Path) -> None:
    result = run(
        runner,
        mini,
        "build",
        "mini",
        "--age",
        "13",
        "--region",
        "co",
        "--lang",
        "EN",
        "-o",
        str(tmp_path / "d.pptx"),
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("en, age 13, CO)\n")


def test_settings_file_is_remembered(
    runner: CliRunner, mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "talkdeck.toml").write_text(
        f'region = "co"\nlanguage = "en"\nschool = "Hill School"\npresenter = "Sam"\n'
        f'library = "{mini}"\n',
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["build", "mini", "--age", "12", "-o", "d.pptx"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote d.pptx (6 slides, 8 min, en, age 12, CO)\n"
    stamp = json.loads(runner.invoke(cli, ["inspect", "d.pptx", "--json"]).stdout)
    assert stamp["region"] == "CO"
    from pptx import Presentation

    first = Presentation(str(tmp_path / "d.pptx")).slides[0]
    assert "Hill School" in " ".join(s.text_frame.text for s in first.shapes if s.has_text_frame)
    override = runner.invoke(cli, ["build", "mini", "--age", "12", "--lang", "es", "-o", "e.pptx"])
    assert ", es, age 12, CO)" in override.stdout  # the command line wins


def test_settings_file_given_and_checked(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('colour = "red"\n', encoding="utf-8")
    result = runner.invoke(cli, ["--config", str(bad), "list"])
    assert result.exit_code == 2
    assert result.output == (
        f"error: {bad}: unknown setting 'colour' (known: region, language, "
        "presenter, school, lead, helpline, library)\n"
    )
    broken = tmp_path / "broken.toml"
    broken.write_text("region = \n", encoding="utf-8")
    result = runner.invoke(cli, ["--config", str(broken), "list"])
    assert result.exit_code == 2
    assert result.output == f"error: {broken}:1:10: invalid value\n"


def test_a_value_from_the_settings_file_is_blamed_on_it(
    runner: CliRunner, mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error caused by a value the user did not type names the file and the setting."""
    monkeypatch.chdir(tmp_path)
    toml = tmp_path / "talkdeck.toml"
    toml.write_text(f'region = "XX"\nlibrary = "{mini}"\n', encoding="utf-8")
    result = runner.invoke(cli, ["build", "mini", "-a", "12"])
    assert result.exit_code == 2
    assert result.output == (
        "error: talkdeck.toml: region: unknown region 'XX' (valid: CO, global)\n"
    )
    typed = runner.invoke(cli, ["build", "mini", "-a", "12", "-r", "XY"])
    assert typed.exit_code == 2
    assert typed.output == "error: unknown region 'XY' (valid: CO, global)\n"  # typed: no file

    toml.write_text(f'language = "FR"\nlibrary = "{mini}"\n', encoding="utf-8")
    result = runner.invoke(cli, ["build", "mini", "-a", "12", "-r", "CO"])
    assert result.exit_code == 2
    assert result.output.startswith("error: talkdeck.toml: language: unknown language 'FR'")

    toml.write_text(
        f'school = "{"x" * 201}"\nhelpline = ["Local=call us"]\nlibrary = "{mini}"\n',
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["build", "mini", "-a", "12", "-r", "CO", "-l", "es"])
    assert result.output == (
        "error: talkdeck.toml: school: 201 characters; the title slide holds at most 200\n"
    )
    result = runner.invoke(
        cli, ["build", "mini", "-a", "12", "-r", "CO", "-l", "es", "--school", "S"]
    )
    assert result.output == (
        "error: talkdeck.toml: helpline 'Local=call us': 'call us' is neither a phone number "
        "(digits, spaces and + ( ) - . /) nor a web address (like childhelplineinternational.org)\n"
    )
    given = ["-l", "es", "--school", "S", "--helpline", "Local=call us"]
    result = runner.invoke(cli, ["build", "mini", "-a", "12", "-r", "CO", *given])
    assert result.exit_code == 2 and result.output.startswith("error: --helpline 'Local=call us'")


def test_settings_file_syntax_error_names_line_and_column(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "talkdeck.toml").write_text('region = "GB"\nschool = "x\n', encoding="utf-8")
    result = runner.invoke(cli, ["list"])
    assert result.exit_code == 2
    assert result.output == "error: talkdeck.toml:2:12: illegal character '\\n'\n"


def test_lint_progress_is_quiet_off_a_terminal_and_json_is_one_spelling(
    runner: CliRunner, mini: Path
) -> None:
    result = run(runner, mini, "lint", "--json", "--today", "2026-12-01")
    assert "linting" not in result.output  # no terminal here: no progress lines
    assert json.loads(result.stdout)["talks"] == ["mini"]
    for command in ("check", "inspect", "list", "lint"):
        assert "--json" in runner.invoke(cli, [command, "-h"]).output
    assert "--format" not in runner.invoke(cli, ["lint", "-h"]).output


def test_lint_progress_on_a_terminal(
    runner: CliRunner, mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from talkdeck.cli import guides

    monkeypatch.setattr(guides, "on_terminal", lambda: True)
    result = run(runner, mini, "lint", "--today", "2026-12-01")
    assert "linting mini (1 of 1)...\n" in result.stderr
    quiet = runner.invoke(cli, ["-q", "lint", "--today", "2026-12-01", "-L", str(mini)])
    assert quiet.exit_code == result.exit_code
    assert "linting" not in quiet.stderr


def test_no_color(runner: CliRunner, mini: Path) -> None:
    coloured = run(runner, mini, "build", "nope", "--age", "13", color=True)
    assert "\x1b[" in coloured.output
    plain = run(runner, mini, "build", "nope", "--age", "13", color=True, env={"NO_COLOR": "1"})
    assert "\x1b[" not in plain.output and plain.output.startswith("error: unknown talk")


def complete(args: list[str], incomplete: str) -> list[str]:
    shell = ShellComplete(cli, {}, "talkdeck", "_TALKDECK_COMPLETE")
    return [item.value for item in shell.get_completions(args, incomplete)]


def test_shell_completion(mini: Path) -> None:
    assert complete(["build"], "groom") == ["grooming-awareness"]
    assert complete(["build", "mini", "-L", str(mini), "--region"], "c") == ["CO"]
    assert complete(["guide", "x", "-L", str(mini), "--lang"], "") == ["en", "es"]
    assert complete(["build", "-L", str(mini)], "m") == ["mini"]


def test_libreoffice_in_its_install_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from talkdeck.printouts import pdf

    soffice = tmp_path / "LibreOffice.app" / "Contents" / "MacOS" / "soffice"
    soffice.parent.mkdir(parents=True)
    soffice.write_text("")
    assert r"C:\Program Files\LibreOffice\program\soffice.exe" in pdf.INSTALLED
    assert "/Applications/LibreOffice.app/Contents/MacOS/soffice" in pdf.INSTALLED
    monkeypatch.delenv("TALKDECK_SOFFICE", raising=False)
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    monkeypatch.setattr(pdf, "INSTALLED", (str(tmp_path / "none.exe"), str(soffice)))
    assert pdf.find_soffice() == str(soffice)


def test_readme_documents_install_completion_and_soffice() -> None:
    from .conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for needle in (
        "pipx install",
        "python3 -m venv",
        "externally-managed-environment",
        "_TALKDECK_COMPLETE=bash_source",
        "TALKDECK_SOFFICE",
        "talkdeck.toml",
        "NO_COLOR",
    ):
        assert needle in readme, needle


@pytest.mark.parametrize(
    ("command", "given", "stderr"),
    [
        ("build", "twelve", "error: --age: 'twelve' is not an age; give 11 to 15\n"),
        ("build", "1.5", "error: --age: '1.5' is not an age; give 11 to 15\n"),
        ("build", "10", "error: --age: 10 is not an age talkdeck builds for; give 11 to 15\n"),
        ("guide", "16", "error: --age: 16 is not an age talkdeck builds for; give 11 to 15\n"),
        ("handout", "", "error: --age: '' is not an age; give 11 to 15\n"),
        ("preview", "twelve", "error: --age: 'twelve' is not an age; give 11 to 15\n"),
    ],
)
def test_a_wrong_age_is_one_line(
    runner: CliRunner, mini: Path, tmp_path: Path, command: str, given: str, stderr: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = run(runner, mini, command, "mini", "--age", given, "-o", str(out / "x"))
    assert (result.exit_code, result.stderr, result.stdout) == (2, stderr, "")
    assert list(out.iterdir()) == []


def test_a_wrong_batch_age_is_one_line(runner: CliRunner, mini: Path, tmp_path: Path) -> None:
    result = run(runner, mini, "batch", "--ages", "twelve", "-o", str(tmp_path / "d"))
    assert (result.exit_code, result.stderr) == (
        2,
        "error: --ages: expected an age or a range such as 11-12, got 'twelve'\n",
    )


def help_of(runner: CliRunner, *command: str) -> str:
    """The -h text of a command, its lines joined (click wraps them)."""
    result = runner.invoke(cli, [*command, "-h"])
    assert result.exit_code == 0
    return " ".join(result.output.split())


@pytest.mark.parametrize("command", ["guide", "handout"])
def test_printout_help_says_what_lead_and_force_do_there(runner: CliRunner, command: str) -> None:
    shown = help_of(runner, command)
    assert (
        "--lead NAME The school's safeguarding lead: named in the guide's script, and on the "
        "handout as someone in school to talk to." in shown
    )
    assert (
        "--force Replace an existing file even if it was edited by hand or was not written by "
        "talkdeck." in shown
    )
    assert "named in the speaker notes" not in shown and "not a talkdeck deck" not in shown


def test_other_help_texts(runner: CliRunner) -> None:
    build = help_of(runner, "build")
    assert "-a, --age AGE Pupils' age, 11-15. [required]" in build
    assert "named in the speaker notes, and to the pupils on the closing slide" in build
    assert "-p, --port PORT Port to listen on, 1-65535. [default: 8000;" in help_of(runner, "serve")
    lint = help_of(runner, "lint")
    assert "talkdeck lint talks/grooming-awareness.yaml talks/regions/co.yaml --json" in lint
    assert " regions/co.yaml" not in lint


ALIASED = {
    "talks/regions/co.yaml": MINI["talks/regions/co.yaml"].replace(
        "code: CO\n", "code: CO\n        aliases: [Colombia]\n"
    )
}


def test_a_region_alias_works_in_every_command(
    runner: CliRunner, make_library: Callable[..., Path], tmp_path: Path
) -> None:
    """build, guide, handout, preview and batch resolve an alias (any case) to its code."""
    lib = make_library(ALIASED)
    out = tmp_path / "out"
    result = run(runner, lib, "build", "mini", "-a", "13", "-r", "colombia", "-o", f"{out}/")
    assert (
        result.stdout == f"wrote {out / 'mini-CO-es-13.pptx'} (7 slides, 9 min, es, age 13, CO)\n"
    )
    assert "--region CO " in result.stderr
    for command in ("guide", "handout"):
        result = run(runner, lib, command, "mini", "-a", "13", "-r", "COLOMBIA", "-o", str(out))
        assert result.stdout == f"wrote {out / f'mini-CO-es-13-{command}.md'}\n"
    result = run(runner, lib, "batch", "--regions", "Colombia", "--ages", "12", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert json.loads((out / "manifest.json").read_text())["decks"][0]["region"] == "CO"


def test_an_alias_is_suggested(
    runner: CliRunner, make_library: Callable[..., Path], tmp_path: Path
) -> None:
    result = run(runner, make_library(ALIASED), "build", "mini", "-a", "13", "-r", "colombie")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: unknown region 'colombie' (did you mean 'Colombia'? valid: CO, global)\n",
    )


def test_the_shipped_library_knows_uk_as_gb(runner: CliRunner, tmp_path: Path) -> None:
    from talkdeck.workspace import Workspace

    assert [Workspace(None).region(given) for given in ("uk", "UK", "Uk", "gb")] == ["GB"] * 4
