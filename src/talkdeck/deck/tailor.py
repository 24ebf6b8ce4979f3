"""Pure functions: a talk, an age, a region and a language -> the slides to show.

No I/O here. Everything a slide needs is resolved to plain strings, so the renderer only lays
them out and tests can inspect a deck without opening PowerPoint files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from talkdeck.deck.added_help import AddedHelp, labelled
from talkdeck.deck.kinds import (
    KINDS,
    Card,
    Content,
    Kind,
    Line,
    Picture,
    channels_for,
    for_reader,
)
from talkdeck.deck.personalise import personalise
from talkdeck.deck.resolved import Audience, Deck, ResolvedSlide, digest, page_id
from talkdeck.deck.slide_content import whole
from talkdeck.deck.variants import included
from talkdeck.deck.word_limits import (
    READ_CARDS,
    share_cards,
    share_out,
    slide_words,
    word_limit,
    words,
)
from talkdeck.errors import TalkdeckError

if TYPE_CHECKING:  # models are only read here; importing them would pull in pydantic
    from talkdeck.library.load import Library
    from talkdeck.library.model import Channel, Fact, Slide, Talk, Text


def confirmation(entry: Any, labels: dict[str, str]) -> str:
    """'confirmed on <date> by <who> (<how>)', or 'not confirmed yet', in the deck's language."""
    done = getattr(entry, "confirmed", None)
    if done is None:
        return labels["unconfirmed"]
    # Imported here: a deck served from the cache never loads the models (nor pydantic).
    from talkdeck.library.model.region import CONFIRMED_HOW

    # The label has one part per way (checked when the library is loaded, DeckLabels).
    how = dict(zip(CONFIRMED_HOW, labels["how"].split("|"), strict=True)).get(done.how, done.how)
    return labels["confirmed"].format(date=done.date.isoformat(), by=done.by, how=how)


class _Tailor:
    def __init__(
        self, lib: Library, talk: Talk, aud: Audience, added: tuple[AddedHelp, ...] = ()
    ) -> None:
        self.lib, self.talk, self.aud = lib, talk, aud
        self.region = lib.regions[aud.region]
        self.language = lib.languages[aud.lang]
        self.tag = self.language.tag(aud.region)
        self.labels = self.language.labels("deck", self.tag, adults=talk.audience != "pupils")
        self.added = labelled(added, self.labels)
        # The presenter's own confirmed helplines come first: they asked for them for this class.
        self.channels: list[Any] = [
            *self.added,
            *channels_for(self.region, talk.audience, aud.age),
        ]
        self.limit = word_limit(aud.age) if talk.audience == "pupils" else None

    def shown(self, item: Any) -> bool:
        return for_reader(item, self.talk.audience, self.aud.age)

    def t(self, text: Text | None) -> str:
        if text is None:
            return ""
        value = text.get(self.aud.lang, self.aud.age, self.tag)
        # check.py guarantees coverage; a gap here is a bug, not a content problem.
        assert value is not None, "text coverage was not checked"
        return value

    def cite(self, fact: Fact) -> str:
        """ICMEC, 2017 – via Reuters, 16 June 2018; Reuters, 16 June 2018 for its own reporting."""
        source = self.lib.sources[fact.source]
        published = f"{source.publisher}, {self.language.long_date(source.date)}"
        short = self.name(fact.short)
        if short == source.publisher:  # the publisher's own reporting
            return published if fact.year == source.date.year else f"{fact.year} – {published}"
        return f"{short}, {fact.year} – {self.labels['via']} {published}"

    def bullet(self, bullet: Any) -> str:
        """A bullet's own text, or the key safety rule it names (one wording everywhere)."""
        if bullet.rule is not None:
            return self.t(self.lib.tips[bullet.rule].rule)
        return self.t(bullet.text)

    def name(self, text: Text) -> str:
        return text.name(self.aud.lang, self.aud.age, self.tag)

    def law_note(self, law: Any) -> str:
        """Where the law comes from, when it was gathered, and whether anyone confirmed it."""
        when = self.labels["law_gathered"].format(date=law.gathered.isoformat())
        return (
            f"{self.labels['sources']}: {law.name}; {law.source} "
            f"({when}; {confirmation(law, self.labels)})."
        )

    def fact_note(self, fact: Fact) -> str:
        note = (
            f"{self.labels['sources']}: {self.name(fact.organisation)} ({fact.year}). "
            f'{self.labels["quote"]}: "{fact.quote}" – {self.cite(fact)}.'
        )
        translated = fact.translation.get(self.aud.lang)
        if translated:  # the verbatim quote stays the evidence; this only helps the presenter
            note += " " + self.labels["translation"].format(text=translated.rstrip("."))
        return note

    def channel_line(self, ch: Channel) -> str:
        # No-break spaces inside numbers: a line may wrap before a number, never inside it.
        ways = []
        if ch.phone:
            ways.append(whole(ch.phone))
        if ch.text:
            ways.append(f"{self.labels['sms']} {whole(ch.text)}")
        if ch.whatsapp:
            ways.append(f"{self.labels['whatsapp']} {whole(ch.whatsapp)}")
        if ch.url:
            ways.append(ch.url)
        hours = f" ({ch.hours})" if ch.hours else ""
        return f"{ch.name}: {' · '.join(ways)}{hours}"

    def reach(self, ch: Channel) -> str:
        """The shortest way to reach a channel: "Call 0800 1111", else a text or WhatsApp number,
        else its web address."""
        if ch.phone:
            return self.labels["call"].format(number=whole(ch.phone))
        if ch.text:
            return f"{self.labels['sms']} {whole(ch.text)}"
        if ch.whatsapp:
            return f"{self.labels['whatsapp']} {whole(ch.whatsapp)}"
        return ch.url or ch.name

    def channels_note(self) -> str:
        """Where each number comes from, and honestly whether anyone has confirmed it."""
        gap = self.t(self.region.help_gap) if self.region.help_gap is not None else ""
        added = "; ".join(
            f"{a.name}: {a.phone or a.url} – {a.provenance(self.labels)}" for a in self.added
        )
        if added:
            added = self.labels["added_note"].format(lines=added)
            gap = f"{gap}\n\n{added}" if gap else added
        channels = self.channels[len(self.added) :]
        if not channels:
            return gap
        gathered = max(ch.gathered for ch in channels)
        sources = "; ".join(
            f"{ch.name} – {ch.source}{f' ({ch.source_date})' if ch.source_date else ''}, "
            f"{confirmation(ch, self.labels)}"
            + (f" [{self.t(ch.note)}]" if ch.note is not None else "")
            for ch in channels
        )
        note = self.labels["gathered"].format(date=gathered.isoformat(), sources=sources)
        return f"{note}\n\n{gap}" if gap else note

    def picture(self, name: str | None) -> Picture | None:
        """A picture of the catalogue (pictures.yaml) with its alt text in the deck's language."""
        if name is None:
            return None
        entry = self.lib.pictures[name]
        return Picture(f"pictures/{entry.file}", self.t(entry.alt))

    def slides(self, slide: Slide, start: float) -> list[ResolvedSlide]:
        """The slide, or the slides it becomes (split, not shrunk): its parts (a law's penalty,
        each local fact), each part's text shared out under the deck's word limit and its cards
        over as many slides as hold them. The first keeps the talk's notes; each part's first
        slide its own notes (sources); each slide has its share of the time."""
        c = KINDS[slide.kind].content(self, slide, self.aud.age)
        picture = self.picture(slide.picture)
        if slide.image is not None:
            picture = Picture(slide.image.path, self.t(slide.image.alt))
        pages: list[tuple[Content, Kind, list[Line], list[Card], bool]] = []
        for part in (c, *c.more):
            kind = KINDS[part.kind or slide.kind]  # a statistic in words is shown as a statement
            fits = _cards_fit if kind.card_numbers else None  # helplines: as many as fit
            for b, body in enumerate(self._share_out(part, KINDS[slide.kind].split)):
                for n, cards in enumerate(self._card_pages(part, body, kind, fits)):
                    pages.append((part, kind, body, cards, b == 0 and n == 0))
        minutes = slide.minutes / len(pages)
        # The slides a split slide becomes take its pictures in turn: never one twice in a row.
        shown = [picture, *(self.picture(name) for name in slide.page_pictures)]
        out = []
        for n, (part, kind, body, cards, opens) in enumerate(pages):
            extra = ([kind.describe(self.labels, cards)] if kind.describe else []) + (
                part.notes if opens else []
            )
            notes = self.notes(slide, start + n * minutes, minutes, extra, first=n == 0)
            out.append(
                ResolvedSlide(
                    id=page_id(slide.id, n + 1),
                    kind=kind.name,
                    layout=kind.layout_for(len(cards)),
                    title=part.title,
                    body=tuple(body),
                    number=part.number,
                    claim=part.claim,
                    source=part.source,
                    qr=tuple(card.qr for card in cards if card.qr) if cards else tuple(part.qr),
                    picture=shown[n % len(shown)] if picture else None,
                    cards=tuple(cards),
                    notes=notes,
                    minutes=minutes,
                )
            )
        return out

    def _card_pages(
        self, part: Content, body: list[Line], kind: Kind, fits: Any
    ) -> list[list[Card]]:
        """A part's cards over slides: as many as the layout holds and, for cards a pupil
        reads on a layout made for each count, as keep each slide within the deck's word
        limit (split, not shrunk)."""
        if self.limit is None or kind.name not in READ_CARDS or not kind.per_count:
            return _pages(part.cards, kind.per_slide, fits)
        around = slide_words(replace(part, body=body))
        sizes = [sum(words(line.text) for line in c.lines) for c in part.cards]
        pages = share_cards(sizes, self.limit - around, kind.per_slide or len(sizes))
        return [[part.cards[k] for k in page] for page in pages]

    def _share_out(self, part: Content, split: bool) -> list[list[Line]]:
        """A part's lines over as many slides as keep each within the deck's word limit."""
        if not split or self.limit is None or slide_words(part) <= self.limit:
            return [part.body]
        title = replace(part, body=[])
        return share_out(part.body, self.limit - slide_words(title))

    def notes(
        self, slide: Slide, start: float, minutes: float, extra: list[str], first: bool = True
    ) -> str:
        lab, g = self.labels, self.lib.guidance
        total = self.talk.duration
        clock = lab["clock"].format(start=_num(start), end=_num(start + minutes), total=total)
        parts = [
            f"[{lab['time'].format(minutes=_num(minutes))} · {clock}]",
            self.t(slide.notes) if first else lab["continued"],
            *extra,
        ]
        for name in KINDS[slide.kind].guidance if first else ():
            label = "before" if name == "before_talk" else name
            parts.append(f"{lab[label]}\n{self.t(g.text(name, self.talk.audience))}")
        return "\n\n".join(p for p in parts if p)


def _num(value: float) -> str:
    return f"{round(value, 2):g}"


def _cards_fit(cards: list[Card]) -> bool:
    from talkdeck.deck.fit import cards_fit  # measuring loads the font: only for these slides

    return cards_fit(cards)


def _pages(
    cards: list[Card], per_slide: int, fits: Callable[[list[Card]], bool] | None = None
) -> list[list[Card]]:
    """Cards shared out over as few slides as hold them, as evenly as possible (5 -> 3 + 2).

    With ``fits`` (helplines, whose cards are as tall as their number allows) a slide holds
    only as many as fit: the fewest pages whose cards all fit."""
    if not per_slide or not cards:
        return [cards]
    least = -(-len(cards) // per_slide)
    for count in range(least, len(cards) + 1):
        pages = _share(cards, count)
        if fits is None or all(fits(page) for page in pages):
            return pages
    return _share(cards, least)  # nothing fits: the build names the card that does not


def _share(cards: list[Card], count: int) -> list[list[Card]]:
    size, extra = divmod(len(cards), count)
    out, at = [], 0
    for n in range(count):
        step = size + (n < extra)
        out.append(cards[at : at + step])
        at += step
    return out


def tailor(lib: Library, talk: Talk, audience: Audience, added: tuple[AddedHelp, ...] = ()) -> Deck:
    """Resolve a talk for one audience. Pure: the library must already be loaded and checked.

    ``added``: helplines the presenter confirmed for this class (``--helpline``), shown first.
    """
    core = replace(audience, school="", presenter="", date="", lead="")
    deck = _tailor(lib, talk, core, added)
    return personalise(deck, audience.school, audience.presenter, audience.date, audience.lead)


def _tailor(
    lib: Library, talk: Talk, audience: Audience, added: tuple[AddedHelp, ...] = ()
) -> Deck:
    if audience.region not in lib.regions:
        raise TalkdeckError(
            f"unknown region '{audience.region}' (known: {', '.join(sorted(lib.regions))})"
        )
    if audience.age not in talk.ages:
        raise TalkdeckError(f"talk '{talk.id}' is for ages {talk.ages}, not {audience.age}")
    tailor_ = _Tailor(lib, talk, audience, added)
    region = lib.regions[audience.region]
    slides, start = [], 0.0
    used_facts: set[str] = set()
    for slide in talk.slides:
        if not included(slide, talk, audience.age, region):
            continue
        slides += tailor_.slides(slide, start)
        start += slide.minutes
        if slide.fact:
            used_facts.add(slide.fact)
    components = {
        "talk": f"{talk.version}:{digest(talk.model_dump(mode='json'))}",
        "region": digest(region.model_dump(mode="json")),
        # Separately, so `talkdeck check` can say a helpline changed, not just "the region".
        "helplines": digest([ch.model_dump(mode="json") for ch in region.channels]),
        "guidance": digest(lib.guidance.model_dump(mode="json")),
        "theme": digest(lib.theme.flat()),
        **{f"fact:{f}": digest(lib.facts[f].model_dump(mode="json")) for f in sorted(used_facts)},
        **{
            f"tip:{tip}": digest(lib.tips[tip].model_dump(mode="json"))
            for s in talk.slides
            for tip in s.tips
        },
    }
    return Deck(
        talk_id=talk.id,
        version=talk.version,
        status=talk.status,
        version_date=talk.version_date,
        title=tailor_.t(talk.title),
        description=tailor_.t(talk.description),
        audience=audience,
        slides=tuple(slides),
        components=components,
        theme=lib.theme.flat(),
        tag=tailor_.language.tag(audience.region),
        labels=tailor_.labels,
        word_limit=tailor_.limit or 0,
        help_gap=region.help_gap is not None and not added,
    )
