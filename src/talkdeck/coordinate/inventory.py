"""What the library holds (`talkdeck list`) and whether all of it validates (`talkdeck validate`).

Both read through one strict :class:`~talkdeck.workspace.Workspace`, as every command does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from talkdeck.errors import ContentError, Problem, UsageError
from talkdeck.library.locate import VOCABULARY, WEB
from talkdeck.workspace import Workspace


def list_library(library: str | Path | None) -> dict[str, Any]:
    """Talks, regions and ages of the library, for `talkdeck list`."""
    ws = Workspace(library, strict=True)
    lib = ws.lib
    talks = []
    for talk_id in ws.talk_ids():
        talk, _ = ws.talk(talk_id)
        talks.append(
            {
                "id": talk.id,
                "title": talk.title.get(talk.languages[0], talk.ages.lo),
                "version": talk.version,
                "status": talk.status,
                "languages": talk.languages,
                "ages": str(talk.ages),
            }
        )
    regions = [
        {"code": r.code, "name": r.name.get(r.languages[0], 11) or r.code, "languages": r.languages}
        for r in lib.regions.values()
    ]
    regions.sort(key=lambda r: (r["code"] != "global", r["code"]))
    return {"talks": talks, "regions": regions, "ages": "11-15"}


@dataclass
class Validated:
    """What `talkdeck validate` checked: talks by id, and the library files named."""

    talks: list[str]
    files: list[str]


def validate_library(library: str | Path | None, paths: tuple[str, ...] = ()) -> Validated:
    """Check the library (and the talk or library files named, which must be in it); every
    problem is reported in one error. A named region, facts or tips file is checked as the
    library is: loading it is the check."""
    from talkdeck.coordinate.targets import named

    ws = Workspace(library, strict=True)
    chosen = named(ws.root, paths)  # a file outside the library is a usage error, before loading
    if WEB in chosen.shared:
        raise UsageError(
            f"{WEB}: validate does not read the web page's words; `talkdeck serve` does"
        )
    try:
        lib = ws.lib
    except ContentError as exc:  # say what is wrong in the talks too, in the same run
        talks = chosen.talks if paths else ws.talk_ids()
        raise ContentError(all_problems(ws.root, talks, exc.problems)) from None
    problems: list[Problem] = []
    if VOCABULARY in chosen.shared:
        from talkdeck.coordinate.content_rules import vocabulary

        problems += vocabulary(lib)[1]
    targets = chosen.talks if paths else lib.talk_ids()
    checked = []
    for target in targets:
        try:
            talk, _ = ws.talk(target)
            checked.append(talk.id)
        except ContentError as exc:
            problems += exc.problems
    if problems:
        raise ContentError(problems)
    return Validated(checked, chosen.library_files)


def all_problems(root: Path, talks: list[str], found: list[Problem]) -> list[Problem]:
    """The strict load of the library stopped at ``found``: add what else can be said in the
    same run, so that a coordinator fixes everything from one report.

    When every shared file reads (broken region files are set aside), the library-wide check
    runs (a missing picture) and each talk is checked in full against it. Otherwise each talk
    is read and model-checked alone: its references into a library that does not read would
    be reported wrong for the wrong reason."""
    from talkdeck.library.load import load_library, load_talk, read_talk_alone
    from talkdeck.library.references import check_library

    problems = list(found)
    try:
        lib = load_library(root, strict=False, check=False)  # broken regions set aside
    except ContentError as exc:  # a shared file does not read
        problems += exc.problems
        problems += [p for talk in talks for p in read_talk_alone(root, talk)]
        return problems
    problems += [p for aside in lib.set_aside.values() for p in aside]
    problems += check_library(lib)
    for talk in talks:
        try:
            load_talk(lib, talk)
        except ContentError as exc:
            problems += exc.problems
    return problems
