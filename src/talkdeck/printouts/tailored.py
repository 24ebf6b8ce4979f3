"""The tailored deck a guide or handout is made from, and the helpline blocks both print.

Both printouts start from :meth:`talkdeck.workspace.Workspace.tailor`, so every word of the
script, the warning signs and the helplines is the text on the slides and in the speaker notes
for that age, region and language.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from talkdeck.printouts import local_help
from talkdeck.printouts.document import Block, Contact, Heading, Para

if TYPE_CHECKING:
    from talkdeck.deck.resolved import Deck
    from talkdeck.library.load import Library
    from talkdeck.library.model import Channel, Region, Talk, Text
    from talkdeck.workspace import BuildRequest, Workspace


@dataclass(frozen=True)
class Tailored:
    """A talk tailored for one class, with the library its texts come from."""

    lib: Library
    talk: Talk
    deck: Deck
    request: BuildRequest

    @property
    def region(self) -> Region:
        return self.lib.regions[self.deck.audience.region]

    @property
    def labels(self) -> dict[str, str]:
        """The guide and handout labels of the deck's language and audience (languages.yaml)."""
        return self.labels_for(self.talk.audience)

    def labels_for(self, audience: str) -> dict[str, str]:
        """The same, for a handout's reader ('pupils' or 'parents')."""
        language = self.lib.languages[self.deck.audience.lang]
        return language.labels("guide", self.deck.tag, adults=audience != "pupils")

    @classmethod
    def over(cls, ws: Workspace, request: BuildRequest, deck: Deck | None = None) -> Tailored:
        """The request tailored by ``ws`` (or ``deck``, already tailored from it)."""
        talk, _ = ws.talk(request.talk)
        return cls(ws.lib, talk, ws.tailor(request) if deck is None else deck, request)

    def t(self, text: Text | None) -> str:
        aud = self.deck.audience
        tag = self.deck.tag
        return "" if text is None else text.get(aud.lang, aud.age, tag) or ""


def tailored(
    library: str | Path | None,
    talk_ref: str,
    age: int | None,
    region: str,
    lang: str | None,
    draft: bool = False,
    helplines: tuple[str, ...] = (),
    presenter: str = "",
    lead: str = "",
) -> Tailored:
    """Load the library and tailor the talk exactly as ``talkdeck build`` would.

    ``age`` None means the youngest age the talk is for (the simplest wording).
    """
    from talkdeck.workspace import BuildRequest, Workspace

    ws = Workspace(library, use_cache=False)  # the guide needs the library's texts anyway
    talk, _ = ws.talk(talk_ref)
    request = BuildRequest(
        talk=talk_ref,
        age=talk.ages.lo if age is None else age,
        region=region,
        lang=lang,
        draft=draft,
        helplines=helplines,
        presenter=presenter,
        lead=lead,
    )
    return Tailored.over(ws, request)


def ways(ch: Channel, lab: dict[str, str], skip_phone: bool = False) -> str:
    """The ways to reach a channel on one line: call, text, WhatsApp, web, hours."""
    ways = [lab["call"].format(number=ch.phone)] if ch.phone and not skip_phone else []
    ways += [lab["sms"].format(number=ch.text)] if ch.text else []
    ways += [lab["whatsapp"].format(number=ch.whatsapp)] if ch.whatsapp else []
    ways += [lab["web"].format(url=ch.url)] if ch.url else []
    ways += [lab["hours"].format(hours=ch.hours)] if ch.hours else []
    return " · ".join(ways)


def catalogue_picture(td: Tailored, name: str | None) -> tuple[str, str]:
    """(file, alt text) of a catalogue picture for a printout, or ("", "")."""
    entry = td.lib.pictures.get(name) if name else None
    if entry is None:
        return "", ""
    return str(td.lib.root / "assets" / "pictures" / entry.file), td.t(entry.alt)


def shown_channels(td: Tailored, audience: str | None = None) -> list[Channel]:
    """The channels the deck shows: the same filter and order as the slides. ``audience``
    'parents' gives the adults' channels and order, as the parents' session shows them (the
    parents' sheet of a pupils' talk)."""
    from talkdeck.deck.tailor import channels_for

    return channels_for(td.region, audience or td.talk.audience, td.deck.audience.age)


def gathered(td: Tailored) -> str:
    return max(ch.gathered for ch in td.region.channels).isoformat()


def helplines(
    td: Tailored, lab: dict[str, str], qr: bool, audience: str | None = None
) -> list[Block]:
    """The helplines as contacts; ``audience`` (default: the talk's) picks the channels and
    their wording: a parents' sheet lists the adults' lines and speaks to the adults."""
    from talkdeck.deck.kind_content import channel_what
    from talkdeck.deck.tailor import confirmation

    region = td.region
    who = audience or td.talk.audience
    blocks: list[Block] = [Heading(lab["helplines"].format(region=td.t(region.name)))]
    blocks += local_help.contacts(td, lab, qr)
    for ch in shown_channels(td, who):
        number = lab["call"].format(number=ch.phone) if ch.phone and qr else ""
        lines = [ways(ch, lab, skip_phone=bool(number))]
        what = channel_what(ch, who)[0]
        if what is not None:
            lines.append(td.t(what))
        if not qr:  # the guide: where each number comes from, for the presenter to re-check
            when = f"{ch.source_date}, " if ch.source_date else ""
            lines.append(
                lab["source"].format(
                    source=f"{ch.source} ({when}"
                    f"{lab['checked'].format(date=ch.gathered)}; "
                    f"{confirmation(ch, td.deck.labels)})"
                )
            )
            if ch.note is not None:
                lines.append(lab["note"].format(note=td.t(ch.note)))
        picture, alt = (
            catalogue_picture(td, td.lib.helpline_pictures.get(ch.kind)) if qr else ("", "")
        )
        lines = [line for line in lines if line]
        blocks.append(Contact(ch.name, tuple(lines), ch.url, qr, number, picture, alt))
    if region.law is not None and not qr:
        law = region.law
        blocks += [Heading(lab["law"], 3), Para(f"{law.name}: {td.t(law.summary)}")]
        if law.penalty is not None:
            blocks.append(Para(f"{td.deck.labels['penalty']}: {td.t(law.penalty)}"))
        blocks.append(
            Para(
                lab["source"].format(
                    source=f"{law.source} ({lab['checked'].format(date=law.gathered)}; "
                    f"{confirmation(law, td.deck.labels)})"
                ),
                small=True,
            )
        )
    return blocks
