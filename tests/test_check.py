"""`talkdeck check`: up to date, outdated and why, drafts, foreign files, hand edits."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from pptx import Presentation

from talkdeck.cli import cli
from talkdeck.coordinate.staleness import changelog_since
from talkdeck.library.model import Change, Talk
from talkdeck.workspace import BuildRequest, build

from .conftest import MINI

SUMMARY_NONE = "0 of 1 deck up to date\n"


def make_deck(lib: Path, path: Path, **kw: Any) -> Path:
    return build(lib, BuildRequest(**{"talk": "mini", "age": 12, "output": path, **kw})).path


def check(runner: CliRunner, lib: Path, *decks: Path, as_json: bool = False) -> Result:
    extra = ["--json"] if as_json else []
    return runner.invoke(cli, ["check", *map(str, decks), "-L", str(lib), *extra])


def edit(lib: Path, rel: str, old: str, new: str) -> None:
    path = lib / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def copy_of(lib: Path) -> Path:
    return Path(shutil.copytree(lib, lib.parent / "copy"))


def test_up_to_date(runner: CliRunner, mini: Path, tmp_path: Path) -> None:
    deck = make_deck(mini, tmp_path / "deck.pptx", region="CO", lang="en")
    result = check(runner, mini, deck)
    assert (result.exit_code, result.output) == (
        0,
        (f"{deck}: up to date (mini 1.0, age 12, CO, en)\n1 of 1 deck up to date\n"),
    )


def test_fact_wording_change_then_rebuild(runner: CliRunner, mini: Path, tmp_path: Path) -> None:
    deck = make_deck(mini, tmp_path / "deck.pptx")
    changed = copy_of(mini)
    edit(
        changed,
        "talks/common/facts.yaml",
        "people online wanted to harm children",
        "people online wanted to hurt children",
    )
    result = check(runner, changed, deck)
    assert (result.exit_code, result.output) == (
        1,
        (
            f"{deck}: outdated (mini 1.0, age 12, global, en)\n"
            "  - fact predators-online changed\n" + SUMMARY_NONE
        ),
    )
    rebuilt = runner.invoke(cli, ["build", "mini", "-a", "12", "-o", str(deck), "-L", str(changed)])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert check(runner, changed, deck).exit_code == 0
    claims = [
        sh.text_frame.text
        for s in Presentation(str(deck)).slides
        for sh in s.shapes
        if sh.has_text_frame
    ]
    assert "In 2017 people online wanted to hurt children" in claims


CHANGELOG = """
        changelog:
          - {version: "1.2", date: 2027-01-20, changes: New slide on sextortion for 14-15.}
          - {version: "1.1", date: 2026-12-10, changes: Clearer words for 11-year-olds.}
          - {version: "1.0", date: 2026-11-29, changes: First version.}
"""


def test_talk_version_bump_shows_the_changelog_since(
    runner: CliRunner, mini: Path, tmp_path: Path
) -> None:
    deck = make_deck(mini, tmp_path / "deck.pptx")
    changed = copy_of(mini)
    edit(changed, "talks/mini.yaml", "changelog: [{version: '1.0'", "old_log: [{version: '1.0'")
    edit(changed, "talks/mini.yaml", "old_log: ", "# old_log: ")
    edit(
        changed,
        "talks/mini.yaml",
        'version: "1.0"\nversion_date: 2026-11-29\n',
        'version: "1.2"\nversion_date: 2027-01-20\n'
        + CHANGELOG.strip("\n").replace("        ", "", 1).replace("\n        ", "\n")
        + "\n",
    )
    result = check(runner, changed, deck)
    assert (result.exit_code, result.output) == (
        1,
        (
            f"{deck}: outdated (mini 1.0, age 12, global, en)\n"
            "  - talk version 1.0 -> 1.2\n"
            "      1.2 (2027-01-20): New slide on sextortion for 14-15.\n"
            "      1.1 (2026-12-10): Clearer words for 11-year-olds.\n" + SUMMARY_NONE
        ),
    )
    [found] = json.loads(check(runner, changed, deck, as_json=True).output)
    assert found == {
        "deck": str(deck),
        "status": "outdated",
        "edited_by_hand": False,
        "reasons": ["talk version 1.0 -> 1.2"],
        "changelog": [
            {
                "version": "1.2",
                "date": "2027-01-20",
                "changes": "New slide on sextortion for 14-15.",
            },
            {"version": "1.1", "date": "2026-12-10", "changes": "Clearer words for 11-year-olds."},
        ],
        "built_from": {
            "talk": "mini",
            "version": "1.0",
            "status": "approved",
            "age": "12",
            "region": "global",
            "language": "en",
        },
    }


def _change(version: str) -> Change:
    return Change(version=version, date=dt.date(2027, 1, 1), changes=f"v{version}")


@pytest.mark.parametrize(
    ("versions", "since", "expected"),
    [
        (["2.0", "1.10", "1.9", "1.2"], "1.9", ["2.0", "1.10"]),
        (
            ["1.2", "1.0", "1.1"],
            "1.0",
            ["1.2", "1.1"],
        ),  # numeric: order in the file does not matter
        (["autumn", "summer", "spring"], "summer", ["autumn"]),  # otherwise: entries above it
        (["autumn", "summer"], "winter", ["autumn", "summer"]),
    ],
)
def test_changelog_since(versions: list[str], since: str, expected: list[str]) -> None:
    # Only the changelog matters here.
    talk = Talk.model_construct(changelog=[_change(v) for v in versions])  # type: ignore[call-arg]
    assert [c.version for c in changelog_since(talk, since)] == expected


@pytest.mark.parametrize(
    ("rel", "old", "new", "reason"),
    [
        (
            "talks/regions/co.yaml",
            'phone: "141"',
            'phone: "141 ext 2"',
            "helplines of region CO changed",
        ),
        (
            "talks/regions/co.yaml",
            "en: Colombia,",
            "en: Republic of Colombia,",
            "region CO changed (name, law, organisations or local facts)",
        ),
        (
            "talks/common/guidance.yaml",
            "do not promise secrecy",
            "never promise secrecy",
            "safeguarding guidance changed",
        ),
        (
            "talks/common/tips.yaml",
            "Tell an adult you trust.",
            "Tell a grown-up you trust.",
            "tip tell-adult changed",
        ),
        (
            "talks/mini.yaml",
            "Welcome everyone.",
            "Welcome all.",
            "talk 'mini' changed without a new version (still 1.0)",
        ),
    ],
)
def test_each_input_names_its_reason(
    runner: CliRunner, mini: Path, tmp_path: Path, rel: str, old: str, new: str, reason: str
) -> None:
    deck = make_deck(mini, tmp_path / "deck.pptx", region="CO", lang="en")
    changed = copy_of(mini)
    edit(changed, rel, old, new)
    result = check(runner, changed, deck)
    assert (result.exit_code, result.output.splitlines()[1:]) == (
        1,
        [f"  - {reason}", "0 of 1 deck up to date"],
    )


def test_template_change(runner: CliRunner, mini: Path, tmp_path: Path) -> None:
    deck = make_deck(mini, tmp_path / "deck.pptx")
    changed = copy_of(mini)
    template = changed / "assets" / "templates" / "talkdeck.pptx"
    template.write_bytes(template.read_bytes() + b"\0")
    assert check(runner, changed, deck).output.splitlines()[1] == "  - template changed"


@pytest.mark.parametrize(
    ("gone", "reason"),
    [
        ("talks/regions/co.yaml", "region CO is not in the library"),
        ("talks/mini.yaml", "talk 'mini' is not in the library"),
    ],
)
def test_inputs_that_disappeared(
    runner: CliRunner, mini: Path, tmp_path: Path, gone: str, reason: str
) -> None:
    deck = make_deck(mini, tmp_path / "deck.pptx", region="CO")
    changed = copy_of(mini)
    (changed / gone).unlink()
    if gone.startswith("talks/"):  # a library needs a talk; keep another one
        (changed / "talks" / "other.yaml").write_text(
            (mini / gone).read_text().replace("id: mini", "id: other")
        )
    result = check(runner, changed, deck)
    assert (result.exit_code, result.output.splitlines()[1]) == (1, f"  - {reason}")


def test_not_talkdeck_decks(runner: CliRunner, mini: Path, tmp_path: Path) -> None:
    text = tmp_path / "notes.pptx"
    text.write_text("not even a zip")
    plain = tmp_path / "plain.pptx"
    Presentation().save(str(plain))
    result = check(runner, mini, text, plain)
    assert (result.exit_code, result.output) == (
        1,
        (f"{text}: not a talkdeck deck\n{plain}: not a talkdeck deck\n0 of 2 decks up to date\n"),
    )


def test_draft_then_approved(runner: CliRunner, make_library: Callable, tmp_path: Path) -> None:
    lib = make_library(
        {"talks/mini.yaml": MINI["talks/mini.yaml"].replace("status: approved", "status: draft")}
    )
    deck = make_deck(lib, tmp_path / "deck.pptx", draft=True)
    result = check(runner, lib, deck)
    assert (result.exit_code, result.output) == (
        1,
        (
            f"{deck}: draft (mini 1.0, age 12, global, en)\n"
            "  - built from draft version 1.0, not approved yet\n" + SUMMARY_NONE
        ),
    )
    approved = copy_of(lib)
    edit(approved, "talks/mini.yaml", "status: draft", "status: approved")
    assert check(runner, approved, deck).output.splitlines()[:2] == [
        f"{deck}: outdated (mini 1.0, age 12, global, en)",
        "  - talk version 1.0 was approved after this draft was built",
    ]


def test_edited_by_hand(runner: CliRunner, mini: Path, tmp_path: Path) -> None:
    deck = make_deck(mini, tmp_path / "deck.pptx")
    prs = Presentation(str(deck))
    prs.slides[0].shapes.title.text = "Hill School assembly"
    prs.save(str(deck))
    result = check(runner, mini, deck)
    assert (result.exit_code, result.output) == (
        1,
        (
            f"{deck}: up to date, edited by hand (mini 1.0, age 12, global, en)\n"
            "  - changed after talkdeck built it: rebuilding needs --force and replaces those "
            "edits\n" + SUMMARY_NONE
        ),
    )
    assert json.loads(check(runner, mini, deck, as_json=True).output)[0]["edited_by_hand"] is True


def test_a_folder_checks_its_decks(runner: CliRunner, mini: Path, tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    dist.mkdir()
    first = make_deck(mini, dist / "a.pptx", age=11)
    second = make_deck(mini, dist / "b.pptx", age=15, region="CO")
    (dist / "manifest.json").write_text("{}")
    result = check(runner, mini, dist)
    assert (result.exit_code, result.output) == (
        0,
        (
            f"{first}: up to date (mini 1.0, age 11, global, en)\n"
            f"{second}: up to date (mini 1.0, age 15, CO, es)\n2 of 2 decks up to date\n"
        ),
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    assert check(runner, mini, empty).output == f"error: no .pptx files in {empty}\n"


def test_missing_deck_is_a_usage_error(runner: CliRunner, mini: Path, tmp_path: Path) -> None:
    result = check(runner, mini, tmp_path / "nope.pptx")
    assert result.exit_code == 2
    assert "does not exist" in result.output
