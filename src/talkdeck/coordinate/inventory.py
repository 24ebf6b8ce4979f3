"""What the library holds (`talkdeck list`) and whether all of it validates (`talkdeck validate`).

Both read through one strict :class:`~talkdeck.workspace.Workspace`, as every command does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from talkdeck.errors import ContentError, Problem
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


def validate_library(library: str | Path | None, paths: tuple[str, ...] = ()) -> list[str]:
    """Check the library (and the given talk files); every problem is reported in one error."""
    ws = Workspace(library, strict=True)
    lib = ws.lib
    targets: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(str(p) for p in path.glob("*.yaml") if p.parent.name == "talks")
            targets += found or [str(p) for p in sorted(path.glob("talks/*.yaml"))]
        elif (path.suffix in (".yaml", ".yml") and path.parent.name == "regions") or path.name in (
            "facts.yaml",
            "tips.yaml",
            "guidance.yaml",
        ):
            continue  # checked by load_library above
        else:
            targets.append(given)
    if not paths:
        targets = lib.talk_ids()
    problems: list[Problem] = []
    checked = []
    for target in targets:
        try:
            talk, _ = ws.talk(target)
            checked.append(talk.id)
        except ContentError as exc:
            problems += exc.problems
    if problems:
        raise ContentError(problems)
    return checked
