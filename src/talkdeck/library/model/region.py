"""The model of a region file (talks/regions/<code>.yaml): helplines and reporting channels,
the national law, local organisations and facts, each dated by where it was read and when.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, get_args

from pydantic import BeforeValidator, Field, model_validator

from talkdeck.library.model.base import LANG_CODE, Reader, Strict
from talkdeck.library.model.common import Fact
from talkdeck.library.texts import Ages, LocalText

PartialDate = Annotated[
    str,
    BeforeValidator(lambda v: v.isoformat() if isinstance(v, dt.date) else str(v)),
    Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"),
]


ConfirmedHow = Literal["phone call", "official site", "email", "in person"]
"""How a helpline's details can be confirmed."""
CONFIRMED_HOW: tuple[str, ...] = get_args(ConfirmedHow)
"""The same, in the order of the deck label ``how`` in talks/common/languages.yaml."""


class Confirmation(Strict):
    date: dt.date
    """When the details were confirmed."""
    by: str = Field(min_length=2)
    """Who confirmed them (name and role), e.g. 'A. Pérez, coordinator'."""
    how: ConfirmedHow
    """How: a phone call to the number, the owner's official site, an email or a visit."""


ChannelKind = Literal[
    "child-helpline",
    "emergency",
    "helpline",
    "report",
    "directory",
    "trafficking",
    "adults",
]
"""What a channel is. Pupils' decks list them in this order, so a child helpline comes first."""


class Channel(Strict):
    name: str
    """The helpline or reporting channel, as its owner names it."""
    kind: ChannelKind
    """child-helpline (children can call), emergency (the national emergency number), helpline
    (anyone, incl. children), report (a reporting line or site), directory (a list of
    helplines), trafficking (a trafficking line: pupils 13-15 only), adults (for adults only)."""
    audience: Reader = "everyone"
    """Who may see it: everyone, pupils' decks only, or adults only (parents' decks, guides)."""
    ages: Ages | None = None
    """Show it only to pupils of these ages (default: every age; trafficking lines: 13-15)."""
    what: LocalText | None = None
    """What it is for, in the pupils' words."""
    what_adults: LocalText | None = None
    """What it is for, said to parents: the parents' session shows it instead of ``what``
    (Latin American Spanish addresses parents with usted, pupils with tú)."""
    phone: str = ""
    """Number to call, as dialled in the country."""
    text: str = ""
    """Number to text (SMS)."""
    whatsapp: str = ""
    """WhatsApp number."""
    url: str = ""
    """Web address (shown with a QR code)."""
    hours: str = ""
    """When it answers, e.g. '24/7'."""
    note: LocalText | None = None
    """A caveat for the presenter (speaker notes and guide, never on a pupil's slide)."""
    source: str
    """The published source the details were read from (gathered, not confirmed)."""
    source_date: PartialDate | None = None
    """The source's own date, if it showed one (YYYY, YYYY-MM or YYYY-MM-DD)."""
    gathered: dt.date
    """When the details were read from the published source (not a check that it answers)."""
    confirmed: Confirmation | None = None
    """When, by whom and how someone confirmed the details still work; none until then."""

    @model_validator(mode="after")
    def _reachable(self) -> Channel:
        if not (self.phone or self.text or self.whatsapp or self.url):
            raise ValueError("a channel needs a phone, text, whatsapp or url")
        return self


class Law(Strict):
    name: str
    """The law's citation, e.g. 'Ley 26.904 (2013)'."""
    summary: LocalText
    """What it means, in plain words for pupils."""
    penalty: LocalText | None = None
    """The penalty in plain words, if confirmed."""
    source: str
    """The published source it was read from."""
    gathered: dt.date
    """When it was read from the published source."""
    confirmed: Confirmation | None = None
    """When, by whom and how someone confirmed it is still in force; none until then."""


class Organisation(Strict):
    name: str
    """The organisation's name."""
    what: LocalText
    """What it does, in one short line; may vary by age."""
    ages: Ages | None = None
    """Show it only to pupils of these ages (default: every age)."""
    audience: Reader = "everyone"
    """Who may see it: everyone, pupils' decks only, or adults only."""


class Region(Strict):
    code: str = Field(pattern=r"^(global|[A-Z]{2})$")
    """'global' or an ISO 3166 country code; must match the file name."""
    aliases: list[Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z-]{1,29}$")]] = Field(
        default_factory=list
    )
    """Other names volunteers type for this region, e.g. [UK] in gb.yaml: --region uk (any
    case) then builds the GB deck. None may be another region's code or alias."""
    name: LocalText
    """The country's name in each language."""
    languages: list[Annotated[str, Field(pattern=LANG_CODE)]] = Field(min_length=1)
    """Deck languages offered (declared in languages.yaml); the first is the default."""
    channels: list[Channel] = Field(min_length=1)
    """Helplines and reporting channels, most useful first."""
    law: Law | None = None
    """The national grooming law, where one exists."""
    organisations: list[Organisation] = Field(default_factory=list)
    """Local organisations the source article names."""
    facts: list[Fact] = Field(default_factory=list)
    """Facts that only apply in this region."""
    help_gap: LocalText | None = None
    """Why the reference data has no child helpline or national emergency number here; set
    only when none is known. Shown to the presenter, who must add a confirmed number."""
    help_elsewhere: LocalText | None = None
    """For pupils, where the region's helplines serve only part of it (Mexico: a Mexico City
    line): one line on where else to ask for a number (the school, a trusted adult), never a
    number itself. Shown on the card of the region's first helpline and on the closing slide,
    unless the presenter added a helpline of their own (--helpline)."""
