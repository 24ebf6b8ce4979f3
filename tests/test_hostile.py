"""Hostile input, through the real command line: one clear line per problem, never a deck.

The corpus (tests/hostile_corpus.py) builds the mini talk from a library with one thing broken;
each case asserts the exact stderr, the exit code, that no traceback escaped, and that nothing
was written. A few cases are accepted on purpose (BOM, CRLF, non-Latin text, emoji): those must
build, and their words must be readable back from the deck.
"""

from __future__ import annotations

import os
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from talkdeck.cli.commands import cli
from talkdeck.deck.write import custom_xml
from talkdeck.library.safe_yaml import read_yaml

from .hostile_corpus import CASES, TP, Case, alias_bomb, talk


def deck_words(path: Path) -> str:
    prs = Presentation(str(path))
    words = []
    for slide in prs.slides:
        words += [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        words.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(words)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(case: Case, make_library: Callable[..., Path], runner: CliRunner,
                       tmp_path: Path) -> None:
    lib = make_library({k: v for k, v in case.files.items() if not isinstance(v, bytes)})
    for rel, blob in case.files.items():
        if isinstance(blob, bytes):
            (lib / rel).write_bytes(blob)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    if case.setup:
        case.setup(lib, out_dir)
    before = sorted(p.name for p in out_dir.iterdir())
    out = out_dir / case.output
    result = runner.invoke(cli, ["build", "mini", "-L", str(lib), "-o", str(out), *case.args],
                           prog_name="talkdeck")
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    assert result.exit_code == case.code, result.output
    if case.code == 0:
        assert out.is_file()
        words = deck_words(out)
        assert all(text in words for text in case.shows), words
        return
    if case.stderr is not None:
        expected = case.stderr.format(out=out, out_parent=out.parent)
    else:
        count = len(case.errors)
        expected = "".join(f"{line}\n" for line in case.errors) + \
            f"error: {count} problem{'s' if count != 1 else ''} found\n"
    assert result.stderr == expected
    assert result.stdout == ""
    assert sorted(p.name for p in out_dir.iterdir()) == before  # no deck, no temporary file


def test_the_corpus_is_large_and_names_file_and_line() -> None:
    refused = [c for c in CASES if c.code == 1 and c.errors]
    assert len(CASES) >= 40 and len(refused) >= 40
    assert all(line.split(":")[0].endswith(".yaml") or line.startswith("assets/")
               for c in refused for line in c.errors)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders anyway")
def test_output_in_a_read_only_folder(mini: Path, runner: CliRunner, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = runner.invoke(cli, ["build", "mini", "-a", "12", "-L", str(mini),
                                     "-o", str(locked / "deck.pptx")])
        assert (result.exit_code, result.stderr) == (
            1, f"error: {locked / 'deck.pptx'}: folder {locked} is not writable\n")
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)


def test_output_in_a_folder_the_user_cannot_write(mini: Path, runner: CliRunner, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The same refusal, wherever the tests run (root ignores permission bits)."""
    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False if Path(path) == locked
                        else real_access(path, mode, **kw))
    result = runner.invoke(cli, ["build", "mini", "-a", "12", "-L", str(mini),
                                 "-o", str(locked / "deck.pptx")])
    assert (result.exit_code, result.stderr) == (
        1, f"error: {locked / 'deck.pptx'}: folder {locked} is not writable\n")
    assert list(locked.iterdir()) == []


def test_an_existing_deck_survives_a_failed_build(make_library: Callable[..., Path],
                                                  runner: CliRunner, tmp_path: Path) -> None:
    lib = make_library({TP: talk("fact: predators-online", "fact: nope")})
    out = tmp_path / "deck.pptx"
    out.write_bytes(b"the old deck")
    result = runner.invoke(cli, ["build", "mini", "-a", "12", "-L", str(lib), "-o", str(out)])
    assert result.exit_code == 1
    assert out.read_bytes() == b"the old deck"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pptx", "lib"]


# --- limits: refused fast and small ------------------------------------------------------------


@pytest.mark.parametrize(("name", "text", "message"), [
    ("billion laughs", alias_bomb(), "document expands to more than 200,000 values"),
    ("a thousand levels of laughs", "a0: &a0 [lol, lol]\n" + "".join(
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]\n" for i in range(1, 50)),
     "document expands to more than 200,000 values"),
    ("deep nesting", "a: " + "[" * 200_000 + "]" * 200_000 + "\n", "nested deeper than 40 levels"),
])
def test_limits_refuse_in_well_under_a_second_and_little_memory(tmp_path: Path, name: str,
                                                                text: str, message: str) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(text)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        doc, problems = read_yaml(path, "bomb.yaml")
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert doc is None and message in str(problems[0])
    assert elapsed < 1.0, f"{name}: {elapsed:.2f} s"  # typically ~1 ms; tracemalloc slows it
    assert peak < 100 * 2**20, f"{name}: peak {peak / 2**20:.0f} MB"


# --- decks from elsewhere: never unpacked whole ------------------------------------------------


def test_inspect_ignores_an_oversized_stamp(runner: CliRunner, tmp_path: Path) -> None:
    deck = tmp_path / "odd.pptx"
    stamp = custom_xml({"talk": "mini", "padding": "x" * 2_000_000}).decode()
    assert stamp.count("talkdeck.talk") == 1
    with zipfile.ZipFile(deck, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("docProps/custom.xml", stamp)
    result = runner.invoke(cli, ["inspect", str(deck)])
    assert (result.exit_code, result.stderr) == (
        1, f"error: {deck}: not a talkdeck deck (no talkdeck stamp)\n")


def test_an_existing_zip_bomb_is_not_unpacked(mini: Path, runner: CliRunner,
                                              tmp_path: Path) -> None:
    """Building over a deck checks it was not edited; a 201 MB entry must not be read."""
    out = tmp_path / "deck.pptx"
    assert runner.invoke(cli, ["build", "mini", "-a", "12", "-L", str(mini),
                               "-o", str(out)]).exit_code == 0
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive, \
            archive.open("ppt/media/huge.bin", "w", force_zip64=True) as entry:
        for _ in range(201):
            entry.write(bytes(1_000_000))
    before = out.read_bytes()
    tracemalloc.start()
    try:
        result = runner.invoke(cli, ["build", "mini", "-a", "12", "-L", str(mini),
                                     "-o", str(out)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (result.exit_code, result.stderr) == (
        1, f"error: {out}: changed after talkdeck built it (edited by hand?); use --force to "
        "replace it or choose a different -o\n")
    assert out.read_bytes() == before
    assert peak < 100 * 2**20, f"peak {peak / 2**20:.0f} MB"
