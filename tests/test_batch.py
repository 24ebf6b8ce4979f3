"""`talkdeck batch`: the matrix, the manifest, the pool, and failures that stop one deck only."""

from __future__ import annotations

import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pptx import Presentation

from talkdeck.cli import cli
from talkdeck.coordinate import batch_plan
from talkdeck.deck import render
from talkdeck.deck.memo import Memo
from talkdeck.deck.pptx_bytes import deck_bytes
from talkdeck.library.load import load_library, load_talk
from talkdeck.workspace import BuildRequest, inspect_deck, tailor_request

from .conftest import MINI

MATRIX = [
    f"mini-{region}-{lang}-{age}.pptx"
    for region in ("CO", "global")
    for lang in ("en", "es")
    for age in (11, 13)
]


def run(runner: CliRunner, lib: Path, *args: str) -> Result:
    return runner.invoke(cli, ["batch", "-L", str(lib), *args])


def test_matrix_and_manifest(runner: CliRunner, mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    result = run(runner, mini, "-o", str(out), "--ages", "11,13", "--regions", "all", "-j", "2")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted([*MATRIX, "manifest.json"])
    lines = result.output.splitlines()
    assert sorted(lines[:-1]) == sorted(f"built {out / name}" for name in MATRIX)
    assert lines[-1] == f"built 8 decks in {out} (listed in {out / 'manifest.json'})"
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["failed"] == []
    assert [d["file"] for d in manifest["decks"]] == MATRIX
    for entry in manifest["decks"]:
        path = out / entry["file"]
        stamp = inspect_deck(path)
        assert entry == {
            "file": path.name,
            "talk": "mini",
            "version": "1.0",
            "age": int(stamp["age"]),
            "region": stamp["region"],
            "language": stamp["language"],
            "fingerprint": stamp["fingerprint"],
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "slides": len(Presentation(str(path)).slides),
        }
        assert entry["slides"] == (6 if entry["age"] == 11 else 7)
        assert path.name == f"mini-{entry['region']}-{entry['language']}-{entry['age']}.pptx"


def test_rerun_is_deterministic_and_replaces_unchanged_decks(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    first = run(runner, mini, "-o", str(out), "--ages", "12", "-j", "2")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    second = run(runner, mini, "-o", str(out), "--ages", "12", "-j", "1")
    assert (first.exit_code, second.exit_code) == (0, 0), second.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert len(before) == 5  # 4 decks and the manifest


def test_batch_decks_equal_single_builds(runner: CliRunner, mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    assert (
        run(
            runner, mini, "mini", "-o", str(out), "--ages", "14", "--regions", "CO", "--lang", "es"
        ).exit_code
        == 0
    )
    single = tmp_path / "single.pptx"
    result = runner.invoke(
        cli,
        ["build", "mini", "-a", "14", "-r", "CO", "-l", "es", "-o", str(single), "-L", str(mini)],
    )
    assert result.exit_code == 0, result.output
    assert (out / "mini-CO-es-14.pptx").read_bytes() == single.read_bytes()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--ages", "11-12", "--regions", "co", "--lang", "en"],
            ["mini-CO-en-11", "mini-CO-en-12"],
        ),
        (
            ["--ages", "15", "--regions", "CO,global", "--lang", "es"],
            ["mini-CO-es-15", "mini-global-es-15"],
        ),
        (
            ["--ages", "12", "--regions", "global", "--lang", "all"],
            ["mini-global-en-12", "mini-global-es-12"],
        ),
    ],
)
def test_ages_regions_and_languages(
    runner: CliRunner, mini: Path, tmp_path: Path, args: list[str], expected: list[str]
) -> None:
    out = tmp_path / "dist"
    result = run(runner, mini, "-o", str(out), *args)
    assert result.exit_code == 0, result.output
    assert sorted(p.stem for p in out.glob("*.pptx")) == expected


def test_default_languages_are_those_talk_and_region_share(
    runner: CliRunner, make_library: Callable, tmp_path: Path
) -> None:
    lib = make_library(
        {
            "talks/regions/gb.yaml": MINI["talks/regions/global.yaml"]
            .replace("code: global", "code: GB")
            .replace("languages: [en, es]", "languages: [en]")
        }
    )
    out = tmp_path / "dist"
    assert run(runner, lib, "-o", str(out), "--ages", "11", "--regions", "GB,CO").exit_code == 0
    assert sorted(p.stem for p in out.glob("*.pptx")) == [
        "mini-CO-en-11",
        "mini-CO-es-11",
        "mini-GB-en-11",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--ages", "16"], "error: --ages: 16 is outside 11-15\n"),
        (["--ages", "13-11"], "error: --ages: range 13-11 is reversed (write 11-13)\n"),
        (["--regions", "CO,XX"], "error: unknown region 'XX' (valid: CO, global)\n"),
        (["--lang", "fr"], "error: --lang: 'fr' is not one of en, es, all\n"),
        (["--jobs", "0"], "Invalid value for '--jobs' / '-j': 0 is not in the range x>=1."),
    ],
)
def test_usage_errors_exit_2_and_build_nothing(
    runner: CliRunner, mini: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = run(runner, mini, "-o", str(tmp_path / "dist"), *args)
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "dist").exists()


def test_output_must_be_a_folder(runner: CliRunner, mini: Path, tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x")
    result = run(runner, mini, "-o", str(target))
    assert (result.exit_code, result.output) == (
        2,
        f"error: {target}: is a file; -o takes a folder\n",
    )


def test_output_that_is_a_symlink_loop(runner: CliRunner, mini: Path, tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to("loop")
    result = run(runner, mini, "-o", str(loop))
    assert (result.exit_code, result.output) == (
        2,
        f"error: {loop}: cannot follow it (a symlink loop, or a link to nothing?)\n",
    )


def test_a_blocked_variant_fails_alone(runner: CliRunner, mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    out.mkdir()
    blocked = out / "mini-CO-es-13.pptx"
    blocked.write_text("the volunteer's own notes")
    result = run(runner, mini, "-o", str(out), "--ages", "11,13", "-j", "2")
    assert result.exit_code == 1
    assert (
        "error: mini-CO-es-13.pptx: not a talkdeck deck; use --force to replace it or "
        "choose a different -o\n" in result.output
    )
    assert result.output.endswith(
        f"built 7 decks in {out} (listed in {out / 'manifest.json'})\nerror: 1 of 8 decks failed\n"
    )
    assert blocked.read_text() == "the volunteer's own notes"
    manifest = json.loads((out / "manifest.json").read_text())
    assert [d["file"] for d in manifest["decks"]] == [n for n in MATRIX if n != blocked.name]
    assert manifest["failed"] == [
        {
            "file": blocked.name,
            "talk": "mini",
            "age": 13,
            "region": "CO",
            "language": "es",
            "error": "not a talkdeck deck; use --force to replace it or choose a different -o",
        }
    ]
    forced = run(runner, mini, "-o", str(out), "--ages", "13", "--regions", "CO", "--force")
    assert forced.exit_code == 0, forced.output
    assert inspect_deck(blocked)["language"] == "es"


CROWDED = "code: ZZ\nname: {en: Zedland, es: Zedlandia}\nlanguages: [en, es]\nchannels:\n" + (
    "  - {name: Helpline" + " with a very long official name" * 30 + ", "
    'kind: child-helpline, phone: "0800 000 000", source: example.org, '
    "gathered: 2026-11-29}\n"
)


def test_a_slide_broken_for_one_region_fails_that_variant_only(
    runner: CliRunner, make_library: Callable, tmp_path: Path
) -> None:
    lib = make_library({"talks/regions/zz.yaml": CROWDED})
    out = tmp_path / "dist"
    result = run(
        runner, lib, "-o", str(out), "--ages", "12", "--regions", "ZZ,CO", "--lang", "en", "-j", "2"
    )
    assert result.exit_code == 1
    [failure] = [line for line in result.output.splitlines() if line.startswith("error: mini-")]
    assert failure.startswith("error: mini-ZZ-en-12.pptx: talks/mini.yaml:")
    assert "text does not fit" in failure
    assert result.output.endswith("error: 1 of 2 decks failed\n")
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "mini-CO-en-12.pptx"]
    manifest = json.loads((out / "manifest.json").read_text())
    assert [f["file"] for f in manifest["failed"]] == ["mini-ZZ-en-12.pptx"]


def test_an_unexpected_error_in_one_variant_is_reported(
    runner: CliRunner, mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import talkdeck.workspace as workspace_module

    real = workspace_module.deck_bytes

    def broken_for_colombia(lib: object, deck: object, *rest: object) -> bytes:
        if deck.audience.region == "CO":  # type: ignore[attr-defined]
            raise RuntimeError("layout exploded")
        return real(lib, deck, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(workspace_module, "deck_bytes", broken_for_colombia)
    out = tmp_path / "dist"
    result = run(runner, mini, "-o", str(out), "--ages", "12", "--lang", "en", "-j", "1")
    assert result.exit_code == 1
    assert "error: mini-CO-en-12.pptx: unexpected RuntimeError: layout exploded\n" in result.output
    assert f"built {out / 'mini-global-en-12.pptx'}\n" in result.output
    assert result.output.endswith("error: 1 of 2 decks failed\n")
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "mini-global-en-12.pptx"]


def test_drafts(runner: CliRunner, make_library: Callable, tmp_path: Path) -> None:
    draft = (
        MINI["talks/mini.yaml"]
        .replace("id: mini", "id: wip")
        .replace("status: approved", "status: draft")
    )
    lib = make_library({"talks/wip.yaml": draft})
    out = tmp_path / "dist"
    refused = run(runner, lib, "wip", "-o", str(out), "--ages", "12", "--regions", "CO")
    assert (refused.exit_code, refused.output) == (
        1,
        (
            "error: talk 'wip' version 1.0 is a draft; pass --draft to build it anyway "
            "(every slide will say DRAFT)\n"
        ),
    )
    assert not out.exists()
    everything = run(runner, lib, "-o", str(out), "--ages", "12", "--regions", "CO")
    assert everything.exit_code == 0
    assert everything.output.startswith("note: skipped talk 'wip' version 1.0 is a draft")
    assert sorted(p.stem for p in out.glob("*.pptx")) == ["mini-CO-en-12", "mini-CO-es-12"]
    allowed = run(
        runner,
        lib,
        "wip",
        "-o",
        str(out),
        "--ages",
        "12",
        "--regions",
        "CO",
        "--lang",
        "es",
        "--draft",
    )
    assert allowed.exit_code == 0, allowed.output
    slides = Presentation(str(out / "wip-CO-es-12.pptx")).slides
    assert all(
        any(sh.has_text_frame and sh.text_frame.text == "BORRADOR" for sh in s.shapes)
        for s in slides
    )
    assert inspect_deck(out / "wip-CO-es-12.pptx")["status"] == "draft"


def test_talk_ages_limit_the_matrix(
    runner: CliRunner, make_library: Callable, tmp_path: Path
) -> None:
    older = (
        MINI["talks/mini.yaml"]
        .replace("            ages: 13-15\n", "")
        .replace("duration: 10", "duration: 10\n        ages: 13-15")
    )
    lib = make_library({"talks/mini.yaml": older})
    out = tmp_path / "dist"
    result = run(runner, lib, "-o", str(out), "--ages", "12-13", "--regions", "CO", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "note: talk 'mini' is for ages 13-15; skipped the others\n" in result.output
    assert [p.stem for p in out.glob("*.pptx")] == ["mini-CO-en-13"]
    nothing = run(runner, lib, "-o", str(out), "--ages", "11")
    assert (nothing.exit_code, nothing.output.splitlines()[-1]) == (
        2,
        "error: nothing to build: no talk matches these ages, regions and languages",
    )


def test_progress_bar_on_a_terminal(
    runner: CliRunner, mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import talkdeck.cli.build_commands

    monkeypatch.setattr(talkdeck.cli.build_commands, "_on_terminal", lambda: True)
    out = tmp_path / "dist"
    result = run(runner, mini, "-o", str(out), "--ages", "12", "--regions", "CO", "-j", "1")
    assert result.exit_code == 0, result.output
    assert "Building decks" in result.output
    assert "built " + str(out / "mini-CO-en-12.pptx") not in result.output
    assert result.output.endswith(f"built 2 decks in {out} (listed in {out / 'manifest.json'})\n")


def test_fast_notes_write_the_same_bytes_as_python_pptx(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = load_library(mini)
    talk, _ = load_talk(lib, "mini")
    deck = tailor_request(lib, talk, BuildRequest(talk="mini", age=13, region="CO"))
    fast = deck_bytes(lib.template, deck, Memo())

    def python_pptx_notes(slide: object, text: str, _: object) -> None:
        slide.notes_slide.notes_text_frame.text = text  # type: ignore[attr-defined]

    monkeypatch.setattr(render, "set_notes", python_pptx_notes)
    slow = deck_bytes(lib.template, deck, Memo())
    assert fast == slow
    assert sum(1 for s in Presentation(io.BytesIO(fast)).slides if s.has_notes_slide) == 7


@pytest.mark.slow
def test_spawned_workers_load_the_library_themselves(
    runner: CliRunner, mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    monkeypatch.setattr(batch_plan, "pool_context", lambda: multiprocessing.get_context("spawn"))
    out = tmp_path / "dist"
    result = run(runner, mini, "-o", str(out), "--ages", "11,15", "--regions", "CO", "-j", "2")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("*.pptx")) == [
        "mini-CO-en-11.pptx",
        "mini-CO-en-15.pptx",
        "mini-CO-es-11.pptx",
        "mini-CO-es-15.pptx",
    ]
    single = tmp_path / "single.pptx"
    assert (
        runner.invoke(
            cli, ["build", "mini", "-a", "15", "-r", "CO", "-o", str(single), "-L", str(mini)]
        ).exit_code
        == 0
    )
    assert (out / "mini-CO-es-15.pptx").read_bytes() == single.read_bytes()


# --- issue 13, family 11: batch processes ------------------------------------------------------


def _big_library(make_library: Callable[..., Path]) -> Path:
    """The mini library with 40 regions: a batch of ~400 decks, minutes of work on 2 CPUs."""
    region = MINI["talks/regions/co.yaml"]
    extra = {
        f"talks/regions/{c.lower()}.yaml": region.replace("code: CO", f"code: {c}")
        for c in (f"{a}{b}" for a in "ABDEFGHIJK" for b in "ABCD")
    }
    return make_library(extra)


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has exited; only its parent's reaping is left


def _start_batch(lib: Path, out: Path) -> subprocess.Popen[bytes]:
    code = "import sys\nfrom talkdeck.cli import main\nsys.argv[0] = 'talkdeck'\nmain()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "batch", "-o", str(out), "-L", str(lib), "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith(b"built ")  # the workers are running now
    return proc


def _wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 60  # a safety net only: workers normally go within a second
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(what)
        time.sleep(0.1)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_with_a_killed_parent(
    make_library: Callable[..., Path], tmp_path: Path
) -> None:
    proc = _start_batch(_big_library(make_library), tmp_path / "dist")
    workers = _children(proc.pid)
    assert len(workers) == 2
    proc.kill()
    proc.wait()
    proc.stdout.close()  # type: ignore[union-attr]
    _wait_until(lambda: not any(map(_alive, workers)), "workers outlived the killed batch")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_after_sigterm_the_output_pipe_closes(
    make_library: Callable[..., Path], tmp_path: Path
) -> None:
    proc = _start_batch(_big_library(make_library), tmp_path / "dist")
    workers = _children(proc.pid)
    proc.send_signal(signal.SIGTERM)
    try:
        proc.communicate(timeout=60)  # returns only once every holder of the pipe closed it
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("the batch's output pipe stayed open after SIGTERM")
    _wait_until(lambda: not any(map(_alive, workers)), "workers outlived the batch")


def test_a_stale_temporary_from_a_killed_write_is_removed(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    out.mkdir()
    stale = out / ".mini-CO-es-12.pptx.ab_cd123.tmp"
    fresh = out / ".mini-CO-es-13.pptx.zz_yy987.tmp"
    mine = [out / ".notes.tmp", out / "keep.pptx.ab_cd123.tmp", out / ".x.txt.ab_cd123.tmp"]
    for path in [stale, fresh, *mine]:
        path.write_bytes(b"half a deck")
    old = time.time() - 3600
    for path in [stale, *mine]:
        os.utime(path, (old, old))
    result = run(runner, mini, "mini", "-o", str(out), "--ages", "12", "--regions", "CO")
    assert result.exit_code == 0, result.output
    assert not stale.exists()
    assert fresh.exists()  # a concurrent run may be writing it
    assert all(path.exists() for path in mine)  # not talkdeck's names: not talkdeck's files


def test_a_locked_temporary_is_a_live_write_and_stays(tmp_path: Path) -> None:
    import fcntl

    from talkdeck.deck.write import remove_stale_temps

    path = tmp_path / ".deck.pptx.abcdefgh.tmp"
    path.write_bytes(b"being written")
    with open(path, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        assert remove_stale_temps(tmp_path, now=time.time() + 3600) == []
    assert remove_stale_temps(tmp_path, now=time.time() + 3600) == [path]


def test_jobs_are_capped(runner: CliRunner, mini: Path, tmp_path: Path) -> None:
    cap = 4 * (os.cpu_count() or 1)
    plan = batch_plan.plan_batch(
        mini,
        batch_plan.BatchRequest(
            output=tmp_path / "dist", talks=("mini",), ages="12", regions="CO", jobs=1000
        ),
    )
    assert plan.workers == cap
    assert plan.notes == [
        f"--jobs 1000: using {cap} worker processes (at most 4 per CPU; more only add memory)"
    ]
