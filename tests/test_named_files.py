"""PATHs given to `validate` and `lint`: checked in the library in use, or refused (exit 2).

A copy of a library file checked against another library must never print "ok"."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from talkdeck import ENV_LIBRARY
from talkdeck.cli import cli

from .conftest import REPO


@pytest.fixture
def two(
    make_library: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> tuple[Path, Path]:
    """The library in use (lib/) and a copy of it (mylib/), from their common folder."""
    lib = make_library()
    mylib = tmp_path / "mylib"
    shutil.copytree(lib, mylib)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(ENV_LIBRARY, raising=False)
    return lib.resolve(), mylib


def invoke(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize("command", ["validate", "lint"])
@pytest.mark.parametrize(
    "given",
    [
        "mylib/talks/regions/co.yaml",
        "mylib/talks/common/facts.yaml",
        "mylib/talks/mini.yaml",
        "mylib/talks",
        "mylib",
    ],
)
def test_a_file_of_another_library_is_a_usage_error_naming_it(
    runner: CliRunner, two: tuple[Path, Path], command: str, given: str
) -> None:
    lib, _ = two
    assert invoke(runner, command, "-L", "lib", given) == (
        2,
        f"error: {given} is not in the library at {lib}; check it with -L mylib\n",
    )


def test_without_l_the_shipped_library_is_the_one_in_use(
    runner: CliRunner, two: tuple[Path, Path]
) -> None:
    given = "mylib/talks/regions/co.yaml"
    message = f"error: {given} is not in the library at {REPO.resolve()}; check it with -L mylib\n"
    assert invoke(runner, "lint", given) == (2, message)
    assert invoke(runner, "validate", given) == (2, message)


def test_the_environment_names_the_library_in_use(
    runner: CliRunner, two: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    lib, _ = two
    monkeypatch.setenv(ENV_LIBRARY, "mylib")
    assert invoke(runner, "validate", "lib/talks/regions/co.yaml") == (
        2,
        f"error: lib/talks/regions/co.yaml is not in the library at {lib.parent / 'mylib'}; "
        "check it with -L lib\n",
    )
    assert invoke(runner, "validate", "mylib/talks/regions/co.yaml") == (
        0,
        "ok: library checked (talks/regions/co.yaml)\n",
    )


def test_a_file_in_no_library_says_where_it_must_go(
    runner: CliRunner, two: tuple[Path, Path], tmp_path: Path
) -> None:
    lib, _ = two
    (tmp_path / "draft.yaml").write_text("id: draft\n", encoding="utf-8")
    assert invoke(runner, "validate", "-L", "lib", "draft.yaml") == (
        2,
        f"error: draft.yaml is not in the library at {lib}; put it in a library's talks/ folder "
        "and give that library with -L\n",
    )


def test_validate_checks_a_named_library_file_with_the_library(
    runner: CliRunner, two: tuple[Path, Path]
) -> None:
    assert invoke(runner, "validate", "-L", "mylib", "mylib/talks/regions/co.yaml") == (
        0,
        "ok: library checked (talks/regions/co.yaml)\n",
    )
    assert invoke(
        runner, "validate", "-L", "mylib", "mylib/talks/mini.yaml", "mylib/talks/common/facts.yaml"
    ) == (0, "ok: 1 talk valid (mini); library checked (talks/common/facts.yaml)\n")
    assert invoke(runner, "validate", "-L", "mylib", "mylib/talks/regions") == (
        0,
        "ok: library checked (talks/regions/co.yaml, talks/regions/global.yaml)\n",
    )


def test_a_broken_named_region_file_fails_validate(
    runner: CliRunner, two: tuple[Path, Path]
) -> None:
    _, mylib = two
    co = mylib / "talks" / "regions" / "co.yaml"
    co.write_text(co.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    code, output = invoke(runner, "validate", "-L", "mylib", "mylib/talks/regions/co.yaml")
    assert code == 1
    assert output.splitlines()[-1] == "error: 1 problem found"
    assert output.startswith("talks/regions/co.yaml:"), output


def test_validate_refuses_the_web_words_it_does_not_read(
    runner: CliRunner, two: tuple[Path, Path]
) -> None:
    _, mylib = two
    (mylib / "talks" / "common" / "web.yaml").write_text("x: 1\n", encoding="utf-8")
    assert invoke(runner, "validate", "-L", "mylib", "mylib/talks/common/web.yaml") == (
        2,
        "error: talks/common/web.yaml: validate does not read the web page's words; "
        "`talkdeck serve` does\n",
    )


def test_an_empty_folder_of_the_library_is_a_usage_error(
    runner: CliRunner, two: tuple[Path, Path]
) -> None:
    _, mylib = two
    (mylib / "talks" / "drafts").mkdir()
    assert invoke(runner, "validate", "-L", "mylib", "mylib/talks/drafts") == (
        2,
        "error: mylib/talks/drafts: no talk or library files in this folder\n",
    )


def test_lint_of_a_region_file_in_the_library_lints_that_region(
    runner: CliRunner, two: tuple[Path, Path]
) -> None:
    code, output = invoke(
        runner, "lint", "-L", "mylib", "--today", "2026-12-01", "mylib/talks/regions/co.yaml"
    )
    # checked in the library in use, for that one region (MINI itself has lint findings)
    assert code == 1, output
    assert output.splitlines()[-1].endswith("in 1 talk, 10 decks (1 region)"), output
