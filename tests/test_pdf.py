"""PDF conversion: batching, profiles, failures, timeouts and missing LibreOffice (fake soffice).

The real LibreOffice is exercised in test_realclient.py; these tests pin talkdeck's own logic.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from talkdeck.cli import cli
from talkdeck.errors import UsageError
from talkdeck.printouts.pdf import INSTALL, chunks, convert, count_pages, expand
from talkdeck.workspace import BuildRequest, build

from .office import install_fake, runs


def make_decks(lib: Path, folder: Path, names: list[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [
        build(lib, BuildRequest(talk="mini", age=11 + i % 5, output=folder / name)).path
        for i, name in enumerate(names)
    ]


def test_chunks_are_balanced_and_keep_order() -> None:
    items = [Path(str(i)) for i in range(5)]
    assert chunks(items, 2) == [[Path("0"), Path("2"), Path("4")], [Path("1"), Path("3")]]
    assert chunks(items, 9) == [[p] for p in items]
    assert chunks(items, 1) == [items]


def test_count_pages_ignores_the_pages_tree() -> None:
    blob = b"<< /Type /Pages /Kids [3 0 R 4 0 R] >> << /Type /Page >> <</Type/Page/Parent 2 0 R>>"
    assert count_pages(blob) == 2


def test_many_decks_few_runs_separate_profiles(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = install_fake(tmp_path / "bin", monkeypatch)
    decks = make_decks(mini, tmp_path / "decks", [f"d{i}.pptx" for i in range(5)])
    made = convert(decks, jobs=2)
    assert [m.pdf for m in made] == [d.with_suffix(".pdf") for d in decks]
    assert [m.pages for m in made] == [6, 6, 7, 7, 7]  # ages 11, 12 have no 13-15 slide
    logged = runs(log)
    assert len(logged) == 2
    assert sorted(len(r["decks"]) for r in logged) == [2, 3]
    profiles = [str(r["profile"]) for r in logged]
    assert len(set(profiles)) == 2 and all(p.startswith("file:///") for p in profiles)
    assert all("--headless" in r["args"] and "pdf:impress_pdf_Export" in r["args"] for r in logged)
    # Temporary profiles are gone afterwards.
    assert not any(Path(p.removeprefix("file://")).exists() for p in profiles)


def test_same_file_names_in_two_folders_do_not_collide(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_fake(tmp_path / "bin", monkeypatch)
    (a,) = make_decks(mini, tmp_path / "a", ["deck.pptx"])
    (tmp_path / "b").mkdir()
    b = build(mini, BuildRequest(talk="mini", age=15, output=tmp_path / "b" / "deck.pptx")).path
    made = convert([a, b], jobs=1)
    assert [m.pages for m in made] == [6, 7]
    with pytest.raises(UsageError, match=r"a/deck.pptx and .*b/deck.pptx would both write"):
        convert([a, b], out_dir=tmp_path / "out")


def test_cli_pdf_folder_and_output_dir(
    mini: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_fake(tmp_path / "bin", monkeypatch)
    make_decks(mini, tmp_path / "decks", ["x.pptx", "y.pptx"])
    result = runner.invoke(cli, ["pdf", str(tmp_path / "decks"), "-o", str(tmp_path / "pdf")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:2] == [
        f"wrote {tmp_path / 'pdf' / 'x.pdf'} (6 pages)",
        f"wrote {tmp_path / 'pdf' / 'y.pdf'} (6 pages)",
    ]
    assert lines[2].startswith("converted 2 decks in ")
    (tmp_path / "empty").mkdir()
    result = runner.invoke(cli, ["pdf", str(tmp_path / "empty")])
    assert result.exit_code == 2
    assert result.output == f"error: {tmp_path / 'empty'}: no .pptx decks in it\n"


def test_a_failing_deck_is_reported_and_the_others_written(
    mini: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_fake(tmp_path / "bin", monkeypatch)
    good, bad = make_decks(mini, tmp_path, ["good.pptx", "bad.pptx"])
    bad.with_suffix(".pdf").write_bytes(b"old pdf")
    result = runner.invoke(cli, ["pdf", str(good), str(bad)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"error: {bad}: LibreOffice could not convert it "
        "(exit 0: Error: source file could not be loaded)",
        "error: 1 deck not converted to PDF (1 written)",
    ]
    assert good.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    assert bad.with_suffix(".pdf").read_bytes() == b"old pdf"


def test_timeout_kills_libreoffice(
    mini: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = install_fake(tmp_path / "bin", monkeypatch)
    (slow,) = make_decks(mini, tmp_path, ["slow.pptx"])
    result = runner.invoke(cli, ["pdf", str(slow), "--timeout", "1"])
    assert result.exit_code == 1
    assert (
        result.output.splitlines()[0]
        == f"error: {slow}: LibreOffice took longer than 1 s (raise --timeout)"
    )
    # On a busy machine the fake may be stopped before it logs its pid: nothing to check then.
    for entry in runs(log):
        with pytest.raises(ProcessLookupError):
            os.kill(int(entry["pid"]), 0)
    assert not slow.with_suffix(".pdf").exists()


def test_build_pdf_without_libreoffice_keeps_the_deck(
    mini: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TALKDECK_SOFFICE", raising=False)
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # no soffice, no libreoffice
    out = tmp_path / "deck.pptx"
    result = runner.invoke(
        cli, ["build", "mini", "--age", "12", "-L", str(mini), "-o", str(out), "--pdf"]
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {out} is built, but LibreOffice (soffice) is not installed, so no PDF can be "
        f"made; install it with: {INSTALL}\n"
    )
    assert out.is_file() and not out.with_suffix(".pdf").exists()


def test_soffice_named_by_environment_must_exist(
    mini: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TALKDECK_SOFFICE", str(tmp_path / "nowhere" / "soffice"))
    (deck,) = make_decks(mini, tmp_path, ["d.pptx"])
    result = runner.invoke(cli, ["pdf", str(deck)])
    assert result.exit_code == 1
    assert result.output == (
        f"error: TALKDECK_SOFFICE={tmp_path / 'nowhere' / 'soffice'}: no "
        f"such program; install LibreOffice with: {INSTALL}\n"
    )


def test_not_a_deck_and_missing_files(tmp_path: Path, runner: CliRunner) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    result = runner.invoke(cli, ["pdf", str(text)])
    assert (result.exit_code, result.output) == (2, f"error: {text}: not a .pptx deck\n")
    result = runner.invoke(cli, ["pdf", str(tmp_path / "gone.pptx")])
    assert result.exit_code == 2 and "does not exist" in result.output


def test_output_that_is_a_symlink_loop(mini: Path, tmp_path: Path, runner: CliRunner) -> None:
    (deck,) = make_decks(mini, tmp_path, ["d.pptx"])
    loop = tmp_path / "loop"
    loop.symlink_to("loop")
    result = runner.invoke(cli, ["pdf", str(deck), "-o", str(loop)])
    assert (result.exit_code, result.output) == (
        2,
        f"error: {loop}: cannot follow it (a symlink loop?)\n",
    )


def test_expand_skips_hidden_files_and_previews(tmp_path: Path) -> None:
    for rel in ["a.pptx", "sub/b.pptx", ".a.pptx.tmp.pptx", "preview/x.pptx", "c.pdf"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"")
    assert expand([tmp_path]) == [tmp_path / "a.pptx", tmp_path / "sub" / "b.pptx"]


def test_help_shows_examples(runner: CliRunner) -> None:
    for command in ("pdf", "preview", "guide", "handout"):
        result = runner.invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output, command
    assert "--pdf" in runner.invoke(cli, ["build", "--help"]).output


def test_soffice_that_cannot_start(
    mini: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "soffice"
    broken.write_text("#!/nonexistent/interpreter\n")
    broken.chmod(0o755)
    monkeypatch.setenv("TALKDECK_SOFFICE", str(broken))
    (deck,) = make_decks(mini, tmp_path / "d", ["d.pptx"])
    result = runner.invoke(cli, ["pdf", str(deck)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"error: {deck}: cannot run {broken}: No such file or directory",
        "error: 1 deck not converted to PDF (0 written)",
    ]


def test_cli_pdf_shows_progress_on_a_terminal_only(
    mini: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from talkdeck.cli import guides

    install_fake(tmp_path / "bin", monkeypatch)
    make_decks(mini, tmp_path / "decks", ["x.pptx", "y.pptx"])
    plain = runner.invoke(cli, ["pdf", str(tmp_path / "decks"), "--jobs", "2"])
    assert plain.exit_code == 0 and "converted" not in plain.stderr
    monkeypatch.setattr(guides, "on_terminal", lambda: True)
    shown = runner.invoke(cli, ["pdf", str(tmp_path / "decks"), "--jobs", "2"])
    assert shown.exit_code == 0, shown.output
    assert shown.stderr == "converted 1 of 2 decks\nconverted 2 of 2 decks\n"
    quiet = runner.invoke(cli, ["-q", "pdf", str(tmp_path / "decks"), "--jobs", "2"])
    assert quiet.exit_code == 0 and quiet.stderr == ""
