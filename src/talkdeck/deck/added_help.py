"""Helplines a presenter adds for one class (``--helpline NAME=NUMBER``), checked and labelled.

The reference data may lack a national child helpline for a region (Mexico: its `help_gap`).
A presenter who has confirmed a number for their area adds it to their own deck: it goes first
on the help slide, on the closing slide, in the notes and on the handout, always marked as added
by the presenter and confirmed on the day of the build, never as reference data. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from talkdeck.errors import UsageError
from talkdeck.showable import unshowable

if TYPE_CHECKING:
    from talkdeck.deck.resolved import Deck

MAX_ADDED = 3
"""Most helplines a presenter may add: the help slide's cards, before the region's own."""
MAX_NAME = 60
"""Characters of a helpline's name: one line of a help card."""
MAX_VALUE = 100
PHONE = re.compile(r"^\+?[0-9][0-9 ()./-]*$")
"""A phone number as written: digits, spaces and + ( ) - . /, starting with + or a digit."""
MIN_DIGITS, MAX_DIGITS = 3, 20  # 3: 911, 112, 145; 20: the longest with a prefix
WEB = re.compile(r"^(https?://)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]{1,5})?(/[^\s]*)?$")
"""A web address: a host with a dot, then an optional path ("childline.org.uk/get-support")."""


class _Said:
    """A text already in the deck's language, read as a library text is (``get``, ``name``)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def get(self, lang: str, age: int, tag: str | None = None) -> str:
        return self.text

    def name(self, lang: str, age: int, tag: str | None = None) -> str:
        return self.text


@dataclass(frozen=True)
class AddedHelp:
    """A helpline the presenter confirmed and added: read by the slides as a region channel."""

    name: str
    phone: str = ""
    url: str = ""
    confirmed: str = ""
    """ISO date of the build: the presenter confirms the number for this class."""
    by: str = ""
    """The presenter (--presenter), when given."""
    what_text: str = ""
    """'Added by the presenter, confirmed on ...' in the deck's language (see :func:`labelled`)."""
    kind: str = "added"
    text: str = ""
    whatsapp: str = ""
    hours: str = ""
    note: None = None

    @property
    def what(self) -> _Said | None:
        return _Said(self.what_text) if self.what_text else None

    def provenance(self, labels: dict[str, str]) -> str:
        """'Added by the presenter, confirmed on 2026-12-02 by Ana Ruiz', in the deck's language."""
        if self.by:
            return labels["added_by"].format(date=self.confirmed, by=self.by)
        return labels["added"].format(date=self.confirmed)


def parse_helpline(value: str, confirmed: str, by: str = "") -> AddedHelp:
    """``NAME=NUMBER`` or ``NAME=WEB ADDRESS`` -> an added helpline. Raises UsageError saying
    which --helpline is wrong and why."""
    where = f"--helpline '{value if len(value) <= 80 else value[:80] + '…'}'"
    bad = unshowable(value)
    if bad or "\n" in value or "\r" in value:
        raise UsageError(f"{where}: must be one line (it holds {bad or 'a line break'})")
    name, equals, found = value.partition("=")
    name, found = " ".join(name.split()), found.strip()
    if not equals or not name or not found:
        raise UsageError(f"{where}: write NAME=NUMBER or NAME=WEB ADDRESS")
    if len(name) > MAX_NAME:
        raise UsageError(f"{where}: the name has {len(name)} characters; at most {MAX_NAME}")
    if len(found) > MAX_VALUE:
        raise UsageError(f"{where}: the number or address has {len(found)} characters")
    if PHONE.match(found):
        digits = sum(c.isdigit() for c in found)
        if not MIN_DIGITS <= digits <= MAX_DIGITS:
            raise UsageError(
                f"{where}: '{found}' has {digits} digits; a phone number has "
                f"{MIN_DIGITS} to {MAX_DIGITS}"
            )
        return AddedHelp(name, phone=" ".join(found.split()), confirmed=confirmed, by=by)
    if WEB.match(found):
        return AddedHelp(name, url=found, confirmed=confirmed, by=by)
    raise UsageError(
        f"{where}: '{found}' is neither a phone number (digits, spaces and + ( ) - . /) "
        "nor a web address (like childhelplineinternational.org)"
    )


def parse_helplines(values: tuple[str, ...], confirmed: str, by: str = "") -> tuple[AddedHelp, ...]:
    """Every --helpline, checked; at most :data:`MAX_ADDED`, no name twice."""
    if len(values) > MAX_ADDED:
        raise UsageError(f"--helpline: given {len(values)} times; at most {MAX_ADDED}")
    added = tuple(parse_helpline(v, confirmed, by) for v in values)
    names = [a.name.casefold() for a in added]
    for a in added:
        if names.count(a.name.casefold()) > 1:
            raise UsageError(f"--helpline: '{a.name}' is given twice")
    return added


def labelled(added: tuple[AddedHelp, ...], labels: dict[str, str]) -> tuple[AddedHelp, ...]:
    """The helplines with their 'added by the presenter' line in the deck's language."""
    return tuple(replace(a, what_text=a.provenance(labels)) for a in added)


def confirmed_today(values: tuple[str, ...], presenter: str = "") -> tuple[AddedHelp, ...]:
    """The --helpline values, checked, confirmed today (the day of the build) by the presenter."""
    return parse_helplines(values, dt.date.today().isoformat(), presenter)


def help_warnings(deck: Deck) -> list[str]:
    """A warning when the deck's region has no child helpline in the reference data and the
    presenter added none: pupils must be told of one."""
    if not deck.help_gap:
        return []
    return [
        f"{deck.audience.region} decks have no national helpline in the reference data: "
        "confirm one for your area and add it with --helpline NAME=NUMBER"
    ]
