"""The rules `talkdeck lint` applies once to the whole library, not to each deck: helplines and
laws due to be confirmed again, and the contrast of every text colour on its background.

Each reports through :class:`talkdeck.coordinate.findings.Collector` at the line to edit.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from talkdeck.library.locate import TEMPLATE as TEMPLATE_PATH

if TYPE_CHECKING:
    from talkdeck.coordinate.findings import Collector
    from talkdeck.library.load import Library
    from talkdeck.library.safe_yaml import Loc


def stale(out: Collector, lib: Library, regions: list[str], today: dt.date, months: int) -> None:
    """Helplines and laws nobody has confirmed (a notice), or whose newest date -- confirmed,
    else gathered -- is older than ``months`` or in the future (an error)."""
    from talkdeck.coordinate.findings import months_before

    cutoff = months_before(today, months)
    for code in regions:
        region = lib.regions[code]
        doc = lib.docs[f"region:{code}"]
        entries: list[tuple[Loc, str, Any]] = [
            (("channels", i), f"helpline '{ch.name}'", ch) for i, ch in enumerate(region.channels)
        ]
        if region.law is not None:
            entries.append((("law",), f"law '{region.law.name}'", region.law))
        unconfirmed = [(loc, what, e) for loc, what, e in entries if e.confirmed is None]
        if unconfirmed:
            loc = unconfirmed[0][0]
            names = ", ".join(what for _, what, _ in unconfirmed)
            out.at(
                doc,
                (*loc, "gathered"),
                "unconfirmed",
                f"nobody has confirmed {len(unconfirmed)} of {len(entries)} entries "
                f"({names}), gathered from published sources: confirm each before the talk "
                "and record `confirmed` (date, by, how)",
            )
        for loc, what, entry in entries:
            done = entry.confirmed
            day = done.date if done is not None else entry.gathered
            field = (*loc, "confirmed", "date") if done is not None else (*loc, "gathered")
            if day > today:
                out.at(
                    doc,
                    field,
                    "stale-verification",
                    f"{what}: {day} is in the future (today is {today})",
                )
            elif day < cutoff:
                verb = "confirmed" if done is not None else "gathered"
                out.at(
                    doc,
                    field,
                    "stale-verification",
                    f"{what} was last {verb} on {day}, more than {months} months ago: "
                    "confirm it again and record `confirmed` (date, by, how)",
                )


def contrast(out: Collector, lib: Library) -> None:
    """Every text colour the template and the renderer use, on its background: WCAG AA.

    Reported once per pair of colours, at the text colour's line in assets/theme.yaml (or at the
    template, for a colour written into it), with the places it is used.
    """
    from talkdeck.deck.boxes import template_prs
    from talkdeck.deck.palette import text_pairs
    from talkdeck.library.locate import THEME

    colours = lib.theme.flat()
    failing: dict[tuple[str, str, float], list[tuple[float, str]]] = {}
    for pair in text_pairs(template_prs(lib.template)):
        value = pair.ratio(colours)
        if value < pair.needs:
            failing.setdefault((pair.fore, pair.back, pair.needs), []).append((value, pair.where))
    doc = lib.docs.get(THEME)
    for (fore, back, needs), places in sorted(failing.items()):
        worst = min(value for value, _ in places)
        shown = "; ".join(where for _, where in places[:3])
        more = f" and {len(places) - 3} more" if len(places) > 3 else ""
        size = "text of 24 pt bold and larger" if needs < 4.5 else "text under 24 pt bold"
        message = (
            f"'{fore}' ({colours.get(fore, fore)}) on '{back}' ({colours.get(back, back)})"
            f" is {worst:.2f}:1, below {needs:g}:1 for {size} ({shown}{more})"
        )
        if fore in colours and doc is not None:
            out.at(doc, ("colours", fore), "contrast", message)
        elif fore in colours:
            out.add(THEME, 0, "contrast", message)
        else:
            out.add(str(TEMPLATE_PATH), 0, "contrast", message)
