"""A batch checks the whole library on a second core while it warms up: the verdict is the same
as an in-process check, and nothing is built, written or opened before it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from talkdeck.cli import cli
from talkdeck.coordinate import background_check, batch_plan
from talkdeck.coordinate.background_check import BackgroundCheck
from talkdeck.library.load import load_library
from talkdeck.library.references import check_library

from .hostile_corpus import CASES, Case, case_library

# The corpus's content cases about the library as a whole (pictures, the template, facts):
# a batch must refuse them with the very lines a build gives. Region files are left out (a
# build sets a broken region aside; a batch, strict, refuses it) and so are cases about the
# output path or build options.
LIBRARY_CASES = [
    case
    for case in CASES
    if case.code == 1
    and case.stderr is None
    and case.args == ("--age", "12")
    and case.output == "deck.pptx"
    and not case.hangs
    and not any("talks/regions/" in line for line in case.errors)
    and any(line.startswith(("assets/", "talks/common/")) for line in case.errors)
]


def test_the_library_cases_are_there() -> None:
    names = {case.name for case in LIBRARY_CASES}
    assert "template that unpacks to 60 MB (zip bomb)" in names
    assert "template symlinked from outside the library" in names
    assert len(LIBRARY_CASES) >= 5


@pytest.mark.parametrize("case", LIBRARY_CASES, ids=[c.name for c in LIBRARY_CASES])
def test_a_batch_refuses_what_a_build_refuses(
    case: Case,
    make_library: Callable[..., Path],
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    lib = case_library(case, make_library, out)
    warmed = _record_warm_ups(monkeypatch)
    result = runner.invoke(
        cli, ["batch", "mini", "-L", str(lib), "-o", str(out / "dist"), "--ages", "12"]
    )
    count = len(case.errors)
    assert result.exit_code == 1, result.output
    assert result.stderr == "".join(f"{line}\n" for line in case.errors) + (
        f"error: {count} problem{'s' if count != 1 else ''} found\n"
    )
    assert not (out / "dist").exists()  # nothing planned, nothing written
    if case.errors[0].startswith("assets/templates/"):
        assert warmed == []  # a template the check refuses is never opened to warm up


def _record_warm_ups(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The regions of each batch warm-up (:func:`~talkdeck.coordinate.batch_plan.prepare`)."""
    calls: list[set[str]] = []
    real = batch_plan.prepare

    def recorded(ws: Any, regions: set[str]) -> None:
        calls.append(set(regions))
        real(ws, regions)

    monkeypatch.setattr(batch_plan, "prepare", recorded)
    return calls


def test_the_background_verdict_is_the_in_process_one(make_library: Callable[..., Path]) -> None:
    lib_dir = make_library({})
    (lib_dir / "assets/templates/talkdeck.pptx").write_text("hello")
    lib = load_library(lib_dir, strict=True, check=False)
    expected = check_library(lib)
    assert expected  # the test would prove nothing on a sound library
    assert BackgroundCheck(lib).problems() == expected


def test_a_check_that_crashes_is_not_a_pass(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(lib: Any) -> list[Any]:
        raise RuntimeError("the check broke")

    monkeypatch.setattr(background_check, "check_library", broken)
    check = BackgroundCheck(load_library(mini, strict=True, check=False))
    with pytest.raises(RuntimeError, match="the check broke"):  # raised here, as in-process
        check.problems()


def test_a_sound_library_is_warmed_up_before_the_workers_fork(
    runner: CliRunner, mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    regions = _record_warm_ups(monkeypatch)
    plan = batch_plan.plan_batch(
        mini, batch_plan.BatchRequest(output=tmp_path / "dist", ages="12", regions="co")
    )
    assert regions == [{"CO"}]
    assert plan.loaded is not None and plan.loaded.memo.boxes  # the template's boxes
