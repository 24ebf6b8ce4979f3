"""A wrong path the user typed is a usage error (exit 2), with the same one-line message;
a broken file inside the library stays a content error (exit 1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from talkdeck import ENV_LIBRARY
from talkdeck.cli import cli


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(ENV_LIBRARY, raising=False)
    return tmp_path


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize("command", [["validate"], ["list"], ["lint"], ["build", "x", "-a", "12"]])
def test_a_library_folder_that_is_not_there_is_a_usage_error(
    here: Path, command: list[str]
) -> None:
    missing = here / "nonexistent"
    assert invoke(*command, "-L", str(missing)) == (
        2,
        f"error: {missing}: not a talkdeck library (no talks/ folder)\n",
    )


def test_a_folder_that_is_no_library_is_a_usage_error(here: Path) -> None:
    (here / "docs").mkdir()
    assert invoke("validate", "-L", "docs") == (
        2,
        "error: docs: not a talkdeck library (no talks/ folder)\n",
    )


def test_the_environment_names_a_library_that_is_not_there(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_LIBRARY, "gone")
    assert invoke("list") == (2, "error: gone: not a talkdeck library (no talks/ folder)\n")


def test_a_talk_file_that_is_not_there_is_a_usage_error(here: Path, mini: Path) -> None:
    assert invoke("build", "./missing.yaml", "--age", "12", "-L", str(mini)) == (
        2,
        "error: ./missing.yaml: no such talk file\n",
    )


def test_a_deck_that_is_not_there_is_a_usage_error(here: Path) -> None:
    assert invoke("inspect", "nothere.pptx") == (2, "error: nothere.pptx: no such file\n")
    assert invoke("preview", "nothere.pptx") == (2, "error: nothere.pptx: no such file\n")
    assert invoke("preview", "--html", "nodir") == (2, "error: nodir: no such folder\n")


def test_a_broken_talk_file_stays_a_content_error(here: Path, mini: Path) -> None:
    (here / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    code, output = invoke("build", "./broken.yaml", "--age", "12", "-L", str(mini))
    assert code == 1, output
    assert output.splitlines()[-1] == "error: 1 problem found"
