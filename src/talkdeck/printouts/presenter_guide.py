"""The presenter's guide: what to confirm and prepare, safeguarding, the script slide by slide,
the helplines with their sources.

Made from the tailored deck (:mod:`talkdeck.printouts.tailored`): the script is the slides' text
and speaker notes for that age, region and language. Nothing here writes files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from talkdeck.printouts import local_help
from talkdeck.printouts.document import Block, Document, Heading, Items, Para
from talkdeck.printouts.tailored import (
    Tailored,
    gathered,
    helplines,
    shown_channels,
    ways,
)

if TYPE_CHECKING:
    from talkdeck.deck.resolved import Deck, ResolvedSlide


def _command(verb: str, td: Tailored, extra: str = "") -> str:
    aud = td.deck.audience
    age = f" --age {aud.age}"
    given = local_help.options(td)
    return (
        f"talkdeck {verb} {td.request.talk}{age} --region {aud.region} --lang {aud.lang}"
        f"{given}{extra}"
    )


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _confirm(td: Tailored, lab: dict[str, str]) -> list[Block]:
    """The guide's opening checklist: confirm each helpline the deck shows."""
    from talkdeck.deck.tailor import confirmation

    items = local_help.confirm_items(td, lab)
    for ch in shown_channels(td):
        when = f" ({ch.source_date})" if ch.source_date else ""
        items.append(
            lab["confirm_item"].format(
                name=ch.name,
                ways=ways(ch, lab),
                source=f"{ch.source}{when}",
                status=confirmation(ch, td.deck.labels),
            )
        )
    blocks: list[Block] = [
        Heading(lab["confirm"]),
        Para(lab["confirm_intro"].format(date=gathered(td))),
        Items(tuple(items), checkbox=True),
    ]
    if td.region.help_gap is not None and td.request.helplines:  # else it opens the guide
        blocks.append(Para(td.t(td.region.help_gap)))
    return blocks


def _who(td: Tailored, lab: dict[str, str]) -> str:
    return lab[td.talk.audience].format(age=td.deck.audience.age)


def guide(td: Tailored) -> Document:
    """The presenter's guide: timing, preparation, safeguarding, the script, the helplines."""
    deck, aud = td.deck, td.deck.audience
    lab = td.labels
    g, who = td.lib.guidance, td.talk.audience
    before, disclosure = td.t(g.text("before_talk", who)), td.t(g.text("disclosure", who))
    gap = local_help.gap(td, lab, _command("build", td))
    blocks: list[Block] = [
        *gap,
        *_confirm(td, lab),
        Heading(lab["glance"]),
        Items(
            (
                lab["length"].format(
                    minutes=f"{deck.minutes:g}", slides=len(deck.slides), duration=td.talk.duration
                ),
                lab["words"].format(who=_who(td, lab)),
            )
        ),
        Para(deck.description),
        Heading(lab["prepare"]),
        Items(
            (
                lab["p_deck"].format(command=_command("build", td, " --pdf")),
                lab["p_handout"].format(command=_command("handout", td, " --format pdf")),
                lab["p_room"],
                lab["p_box"],
            ),
            checkbox=True,
        ),
        Heading(lab["before"]),
        Items(_lines(before)),
        Heading(lab["disclosure"]),
        Items(_lines(disclosure)),
        Para(lab["practice"].format(source=g.source), small=True),
        Heading(lab["script"]),
    ]
    for number, slide in enumerate(deck.slides, start=1):
        blocks += _script(slide, number, _start(deck, number - 1), lab, (before, disclosure))
    blocks += helplines(td, lab, qr=False)
    blocks.append(
        Para(
            lab["made"].format(
                tool=_tool(), talk=deck.talk_id, version=deck.version, fingerprint=deck.fingerprint
            ),
            small=True,
        )
    )
    return Document(
        f"{lab['guide']}: {deck.title}",
        _subtitle(td, lab),
        tuple(blocks),
        aud.lang,
        aud.region,
        deck.version_date,
    )


def _tool() -> str:
    from talkdeck import __version__

    return __version__


def _subtitle(td: Tailored, lab: dict[str, str]) -> str:
    aud = td.deck.audience
    return lab["for"].format(
        region=td.t(td.region.name),
        who=_who(td, lab),
        language=td.lib.languages[aud.lang].name,
        version=td.deck.version,
        date=td.deck.version_date.isoformat(),
    )


def _start(deck: Deck, index: int) -> float:
    return sum(s.minutes for s in deck.slides[:index])


def _script(
    slide: ResolvedSlide, number: int, start: float, lab: dict[str, str], guidance: tuple[str, str]
) -> list[Block]:
    """One slide of the script: heading with timing, what is on it, then its speaker notes."""
    title = slide.title or slide.claim or slide.id
    timing = lab["timing"].format(
        start=f"{start:g}", end=f"{start + slide.minutes:g}", minutes=f"{slide.minutes:g}"
    )
    shown = [x for x in (slide.number, slide.claim, slide.source) if x]
    shown += [line.text for line in slide.body]
    shown += [" ".join([*(line.text for line in c.lines), c.number]).strip() for c in slide.cards]
    out: list[Block] = [Heading(f"{number}. {title} ({timing})", 3)]
    if shown:
        out.append(Para(f"{lab['on_slide']} " + " / ".join(shown), small=True))
    # The notes' first paragraph is the timing line (shown in the heading); the safeguarding
    # paragraphs repeat sections above, so they are pointed to rather than printed again.
    paragraphs = slide.notes.split("\n\n")[1:]
    kept = [p for p in paragraphs if not any(text and text in p for text in guidance)]
    out += [Para(p.strip()) for p in kept if p.strip()]
    if len(kept) < len(paragraphs):
        out.append(Para(lab["see"], small=True))
    return out
