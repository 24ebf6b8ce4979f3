"""Who sees a region entry: which channels, organisations and facts a deck may show, by the
talk's audience and the pupils' age, and in which order pupils see the channels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from talkdeck.library.model import Region

CHANNEL_ORDER = (
    "child-helpline",
    "emergency",
    "helpline",
    "report",
    "directory",
    "trafficking",
    "adults",
)
"""Pupils' decks list channels in this order: a child helpline first, adult-only lines never."""
CHILD_HELP = ("child-helpline", "emergency")
"""Kinds that count as "a way for a child to get help" in every pupil deck."""


def for_reader(item: Any, audience: str, age: int) -> bool:
    """Whether a region entry (channel, organisation, fact) may be shown in this deck.

    ``audience`` is the talk's ('pupils' or 'parents'); ages only narrow pupils' decks.
    """
    reader = getattr(item, "audience", "everyone")
    if audience == "pupils":
        if reader == "adults" or getattr(item, "kind", "") == "adults":
            return False
        ages = getattr(item, "ages", None)
        return ages is None or age in ages
    return reader != "pupils"


def channels_for(region: Region, audience: str, age: int) -> list[Any]:
    """The region's channels this deck shows: for pupils, child helplines first."""
    shown = [ch for ch in region.channels if for_reader(ch, audience, age)]
    if audience == "pupils":
        shown.sort(key=lambda ch: CHANNEL_ORDER.index(ch.kind))
    return shown
