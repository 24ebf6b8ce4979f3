"""What the guide and the handout say about help the presenter brings: helplines they confirmed
(``--helpline``), the safeguarding lead (``--lead``), and a region with no child helpline in
the reference data (its `help_gap`).

The same words as the deck's (its labels, languages.yaml): a helpline added by the presenter is
"added by the presenter, confirmed on <the day it is made>", never reference data.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from talkdeck.deck.added_help import AddedHelp, confirmed_today, labelled
from talkdeck.printouts.document import Block, Contact, Para

if TYPE_CHECKING:
    from talkdeck.printouts.tailored import Tailored


def added(td: Tailored) -> tuple[AddedHelp, ...]:
    """The presenter's helplines, confirmed today, with their line in the deck's language."""
    req = td.request
    labels = td.deck.labels
    return labelled(confirmed_today(req.helplines, req.presenter), labels)


def options(td: Tailored) -> str:
    """The options that add the presenter's helplines and lead to another command."""
    req = td.request
    out = "".join(f" --helpline {shlex.quote(h)}" for h in req.helplines)
    if req.presenter:
        out += f" --presenter {shlex.quote(req.presenter)}"
    if req.lead:
        out += f" --lead {shlex.quote(req.lead)}"
    return out


def ways(a: AddedHelp, lab: dict[str, str]) -> str:
    return lab["call"].format(number=a.phone) if a.phone else lab["web"].format(url=a.url)


def contacts(td: Tailored, lab: dict[str, str], qr: bool) -> list[Block]:
    """A contact per added helpline, first in the list, with who added it and when."""
    out: list[Block] = []
    for a in added(td):
        lines = [ways(a, lab), a.what_text]
        if not qr:  # the guide: say plainly it is not from the reference data
            lines.append(lab["source"].format(source=lab["added_source"]))
        out.append(Contact(a.name, tuple(lines), a.url, qr=qr))
    return out


def confirm_items(td: Tailored, lab: dict[str, str]) -> list[str]:
    """The guide's checklist lines for the added helplines (already confirmed by the presenter)."""
    return [
        lab["confirm_item"].format(
            name=a.name, ways=ways(a, lab), source=lab["added_source"], status=a.what_text
        )
        for a in added(td)
    ]


def gap(td: Tailored, lab: dict[str, str], command: str) -> list[Block]:
    """The guide's opening when the region has no child helpline in the reference data and the
    presenter added none: the gap, then how to add one they confirmed."""
    region = td.region
    if region.help_gap is None or td.request.helplines:
        return []
    return [Para(td.t(region.help_gap)), Para(lab["gap_add"].format(command=command))]


def lead(td: Tailored, audience: str | None = None) -> list[Block]:
    """'In school, you can talk to: <lead>' on the handout, when the lead is given; to parents
    in the adults' words (usted in Latin American Spanish), even on a pupils' talk's sheet."""
    name = td.request.lead
    if not name:
        return []
    labels = td.deck.labels
    if (audience or td.talk.audience) != "pupils":
        language = td.lib.languages[td.deck.audience.lang]
        labels = language.labels("deck", td.deck.tag, adults=True)
    return [Para(labels["school_adult"].format(name=name))]
