"""Hostile input, through the real command line: one clear line per problem, never a deck.

The corpus (tests/hostile_corpus.py) builds the mini talk from a library with one thing broken;
each case asserts the exact stderr, the exit code, that no traceback escaped, and that nothing
was written. A few cases are accepted on purpose (BOM, CRLF, non-Latin text, emoji): those must
build, and their words must be readable back from the deck.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from pptx import Presentation

from talkdeck.cli import cli
from talkdeck.deck.write import custom_xml
from talkdeck.library.locate import clip
from talkdeck.library.safe_yaml import read_yaml

from .hostile_corpus import CASES, TP, Case, alias_bomb, case_library, talk


def deck_words(path: Path) -> str:
    prs = Presentation(str(path))
    words = []
    for slide in prs.slides:
        words += [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        words.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(words)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(
    case: Case, make_library: Callable[..., Path], runner: CliRunner, tmp_path: Path
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    lib = case_library(case, make_library, out_dir)
    before = sorted(p.name for p in out_dir.iterdir())
    out = out_dir / case.output
    args = ["build", case.talk, "-L", str(lib), "-o", str(out), *case.args]
    result: Ran | Result
    if case.hangs:  # a regression would block: run it apart, the timeout only a safety net
        result = run_apart(args)
    else:
        result = runner.invoke(cli, args, prog_name="talkdeck")
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception
        )
    assert result.exit_code == case.code, result.output
    if case.code == 0:
        assert out.is_file()
        words = deck_words(out)
        assert all(text in words for text in case.shows), words
        return
    if case.stderr is not None:
        expected = case.stderr.format(out=out, out_parent=out.parent, clipped=clip(str(out)))
    else:
        count = len(case.errors)
        expected = (
            "".join(f"{line}\n" for line in case.errors)
            + f"error: {count} problem{'s' if count != 1 else ''} found\n"
        )
    assert result.stderr == expected
    assert result.stdout == ""
    assert sorted(p.name for p in out_dir.iterdir()) == before  # no deck, no temporary file


@dataclass
class Ran:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_apart(args: list[str], cwd: Path | None = None, timeout: float = 120, **kw: Any) -> Ran:
    """The CLI in its own process; fails (rather than hangs) if it never finishes."""
    code = "import sys\nfrom talkdeck.cli import main\nsys.argv[0] = 'talkdeck'\nmain()"
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            timeout=timeout,
            cwd=cwd,
            env={**os.environ, **kw},
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"talkdeck {' '.join(args)[:200]} did not finish")
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")
    return Ran(
        done.returncode,
        done.stdout.decode(errors="surrogateescape"),
        done.stderr.decode(errors="surrogateescape"),
    )


def test_the_corpus_is_large_and_names_file_and_line() -> None:
    refused = [c for c in CASES if c.code == 1 and c.errors]
    assert len(CASES) >= 40 and len(refused) >= 40
    assert all(
        line.split(":")[0].endswith(".yaml") or line.startswith("assets/")
        for c in refused
        for line in c.errors
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders anyway")
def test_output_in_a_read_only_folder(mini: Path, runner: CliRunner, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = runner.invoke(
            cli, ["build", "mini", "-a", "12", "-L", str(mini), "-o", str(locked / "deck.pptx")]
        )
        assert (result.exit_code, result.stderr) == (
            1,
            f"error: {locked / 'deck.pptx'}: folder {locked} is not writable\n",
        )
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)


def test_output_in_a_folder_the_user_cannot_write(
    mini: Path, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same refusal, wherever the tests run (root ignores permission bits)."""
    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda path, mode, **kw: False if Path(path) == locked else real_access(path, mode, **kw),
    )
    result = runner.invoke(
        cli, ["build", "mini", "-a", "12", "-L", str(mini), "-o", str(locked / "deck.pptx")]
    )
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: {locked / 'deck.pptx'}: folder {locked} is not writable\n",
    )
    assert list(locked.iterdir()) == []


def test_an_existing_deck_survives_a_failed_build(
    make_library: Callable[..., Path], runner: CliRunner, tmp_path: Path
) -> None:
    lib = make_library({TP: talk("fact: predators-online", "fact: nope")})
    out = tmp_path / "deck.pptx"
    out.write_bytes(b"the old deck")
    result = runner.invoke(cli, ["build", "mini", "-a", "12", "-L", str(lib), "-o", str(out)])
    assert result.exit_code == 1
    assert out.read_bytes() == b"the old deck"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pptx", "lib"]


# --- limits: refused fast and small ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("billion laughs", alias_bomb(), "document expands to more than 200,000 values"),
        (
            "a thousand levels of laughs",
            "a0: &a0 [lol, lol]\n"
            + "".join(f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]\n" for i in range(1, 50)),
            "document expands to more than 200,000 values",
        ),
        (
            "deep nesting",
            "a: " + "[" * 200_000 + "]" * 200_000 + "\n",
            "nested deeper than 40 levels",
        ),
    ],
)
def test_limits_refuse_early_and_small(
    tmp_path: Path, name: str, text: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refused after a few parser events and before any value is built, in little memory.

    Work is counted in YAML events pulled from the parser, not in seconds, so the bound holds on
    any machine: the deep document has 400,000 events, the alias bombs expand to billions of
    values, and each is refused within a hundred events.
    """
    path = tmp_path / "bomb.yaml"
    path.write_text(text)
    pulled = 0
    parse = yaml.parse

    def counted(*args: Any, **kwargs: Any) -> Iterator[yaml.Event]:
        nonlocal pulled
        for event in parse(*args, **kwargs):
            pulled += 1
            yield event

    monkeypatch.setattr(yaml, "parse", counted)
    tracemalloc.start()
    try:
        doc, problems = read_yaml(path, "bomb.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert doc is None and message in str(problems[0])
    assert 0 < pulled <= 1_000, f"{name}: {pulled} events read"
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
        1,
        f"error: {deck}: not a talkdeck deck (no talkdeck stamp)\n",
    )


def test_an_existing_zip_bomb_is_not_unpacked(
    mini: Path, runner: CliRunner, tmp_path: Path
) -> None:
    """Building over a deck checks it was not edited; a 201 MB entry must not be read."""
    out = tmp_path / "deck.pptx"
    assert (
        runner.invoke(cli, ["build", "mini", "-a", "12", "-L", str(mini), "-o", str(out)]).exit_code
        == 0
    )
    with (
        zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("ppt/media/huge.bin", "w", force_zip64=True) as entry,
    ):
        for _ in range(201):
            entry.write(bytes(1_000_000))
    before = out.read_bytes()
    tracemalloc.start()
    try:
        result = runner.invoke(cli, ["build", "mini", "-a", "12", "-L", str(mini), "-o", str(out)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: {out}: changed after talkdeck built it (edited by hand?); use --force to "
        "replace it or choose a different -o\n",
    )
    assert out.read_bytes() == before
    assert peak < 100 * 2**20, f"peak {peak / 2**20:.0f} MB"


# --- issue 13, family 13: output streams --------------------------------------------------------


def test_list_to_a_full_disk_says_so_once(mini: Path) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys\nfrom talkdeck.cli import main\nsys.argv[0] = 'talkdeck'\nmain()",
                "list",
                "-L",
                str(mini),
            ],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    assert (done.returncode, done.stderr) == (
        1,
        "error: cannot write the output: No space left on device\n",
    )


def test_an_output_name_that_is_not_utf8_is_written_and_shown(mini: Path, tmp_path: Path) -> None:
    out = os.fsdecode(bytes(tmp_path) + b"/d\xff.pptx")
    done = run_apart(["build", "mini", "-a", "12", "-L", str(mini), "-o", out])
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith(f"wrote {tmp_path}/d\ufffd.pptx (")
    assert Path(out).is_file()


def test_a_build_from_a_deleted_folder_needs_o(mini: Path, tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    code = (
        "import os, sys\nos.chdir(sys.argv[1])\nos.rmdir(sys.argv[1])\n"
        "from talkdeck.cli import main\nsys.argv[:2] = ['talkdeck']\nmain()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(gone), "build", "mini", "-a", "12", "-L", str(mini)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (
        1,
        "error: the current folder no longer exists; change to another folder or give -o "
        "with a full path\n",
    )


def test_an_os_error_anywhere_is_a_message(
    mini: Path, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last guard in the exit-code mapping: no OSError escapes as a traceback."""
    import errno

    def fail(*args: object) -> None:
        raise OSError(errno.ENAMETOOLONG, "File name too long", "x" * 500)

    monkeypatch.setattr("talkdeck.deck.write.write_atomic", fail)
    result = runner.invoke(
        cli, ["build", "mini", "-a", "12", "-L", str(mini), "-o", str(tmp_path / "d.pptx")]
    )
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: {'x' * 60}… (500 characters): File name too long\n",
    )


def test_a_5000_character_library_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["list", "-L", "/x" * 2500])
    assert result.exit_code == 2
    assert result.stderr.endswith(": path is 5,000 bytes long; the limit is 4,000\n")
    assert "--library" in result.stderr


def test_guide_with_a_300_character_name_is_a_usage_error(
    mini: Path, runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(
        cli,
        ["guide", "mini", "-a", "12", "-L", str(mini), "-o", str(tmp_path / ("g" * 300 + ".md"))],
    )
    assert result.exit_code == 2
    assert result.stderr.endswith("a name in it is 303 bytes long; the limit is 255\n")


def test_validate_names_a_fifo_talk(make_library: Callable[..., Path], runner: CliRunner) -> None:
    lib = make_library()
    os.mkfifo(lib / "talks" / "pipe.yaml")
    done = run_apart(["validate", "-L", str(lib)])
    assert (done.exit_code, done.stderr) == (
        1,
        "talks/pipe.yaml: is a FIFO (named pipe), not a regular file\nerror: 1 problem found\n",
    )


def test_validate_names_a_template_symlink_loop(
    make_library: Callable[..., Path], runner: CliRunner
) -> None:
    lib = make_library()
    template = lib / "assets/templates/talkdeck.pptx"
    template.unlink()
    template.symlink_to("talkdeck.pptx")
    result = runner.invoke(cli, ["validate", "-L", str(lib)])
    assert (result.exit_code, result.stderr) == (
        1,
        "assets/templates/talkdeck.pptx: the slide template cannot be followed (a symlink "
        "loop?)\nerror: 1 problem found\n",
    )


# --- family 4: check never blocks on a FIFO nor reads a device without end ---------------------


@pytest.mark.parametrize("kind", ["fifo", "zero", "urandom", "folder with a fifo"])
def test_check_refuses_what_is_not_a_file(mini: Path, tmp_path: Path, kind: str) -> None:
    target = tmp_path / "odd.pptx"
    if kind == "zero":
        target.symlink_to("/dev/zero")
    elif kind == "urandom":
        target.symlink_to("/dev/urandom")
    else:
        os.mkfifo(target)
    given = tmp_path if kind.startswith("folder") else target
    done = run_apart(["check", str(given), "-L", str(mini)])
    assert done.exit_code == 1
    assert done.stdout == f"{target}: not a talkdeck deck\n0 of 1 deck up to date\n"


def test_pdf_refuses_a_fifo_deck(tmp_path: Path) -> None:
    target = tmp_path / "odd.pptx"
    os.mkfifo(target)
    done = run_apart(["pdf", str(target)])
    assert (done.exit_code, done.stderr) == (2, f"error: {target}: not a regular file\n")


def test_inspect_names_a_fifo_for_what_it_is(tmp_path: Path) -> None:
    target = tmp_path / "odd.pptx"
    os.mkfifo(target)
    done = run_apart(["inspect", str(target)])
    assert (done.exit_code, done.stderr) == (
        1,
        f"error: {target}: not a PowerPoint file (is a FIFO (named pipe), not a regular file)\n",
    )
