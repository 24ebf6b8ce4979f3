"""Every kind of slide, declared once.

A :class:`Kind` says everything the pipeline needs to know about one kind of slide:

* the talk-file fields it needs and the ones only it takes (checked by the model),
* when it is shown (law and local slides need the region to have content),
* how it is tailored: which texts of the slide, library and region fill it (:func:`Kind.content`),
* its layout in the template and which text goes in which placeholder (:func:`Kind.boxes`), the
  one list both :mod:`talkdeck.deck.render` writes and :mod:`talkdeck.deck.fit` measures,
* which region texts lint reads from it, and what goes beside the text (a picture, QR codes).

``tools/make_template.py`` reads the same declarations to lay out a layout per kind. Adding a kind
is an entry in :data:`KINDS` plus its design in the template tool; see docs/architecture.md.

Imports nothing heavy: the model (pydantic) and the renderer (python-pptx) both import this.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from talkdeck.deck.tailor import ResolvedSlide
    from talkdeck.library.model import Region, Slide, Text

# Placeholder indexes of the template (idx 20 is the slide number, placed by the renderer).
TITLE, BODY, NUMBER, CLAIM, SOURCE = 0, 1, 10, 11, 12
SLIDE_NUMBER = 20
CARDS = (13, 14, 15, 16, 17, 18)
"""Card text boxes: a tip, a rule, a scenario, a helpline's name and what it is for."""
CARD_NUMBERS = (21, 22, 23)
"""A helpline card's number, beside its QR code."""
CARD_NUMBERS_WIDE = (25, 26, 27)
"""A helpline card's number when the card has no QR code: the card's full width."""
PICTURE = 30
"""The picture placeholder: where the slide's picture goes (it is replaced by the picture)."""
BOX_NAMES = {
    TITLE: "title",
    BODY: "body",
    NUMBER: "number",
    CLAIM: "claim",
    SOURCE: "source",
    **{idx: f"card {k}" for k, idx in enumerate(CARDS, start=1)},
    **{idx: f"card {k} number" for k, idx in enumerate(CARD_NUMBERS, start=1)},
    **{idx: f"card {k} number" for k, idx in enumerate(CARD_NUMBERS_WIDE, start=1)},
}
"""How messages name a box (a subtitle placeholder is called "subtitle" whatever its idx)."""
FLOORS = {
    "title": 28.0,
    "body": 20.0,
    "subtitle": 20.0,
    "number": 60.0,
    "claim": 24.0,
    "source": 18.0,
    **{f"card {k}": 18.0 for k in range(1, len(CARDS) + 1)},
    **{f"card {k} number": 40.0 for k in range(1, len(CARD_NUMBERS) + 1)},
}
"""Smallest size, in points, each box may shrink to: still readable from the back of a class.
A helpline number never goes under 40 pt and never wraps: past that the build refuses."""

EMU_PER_INCH = 914400
ICON = int(0.9 * EMU_PER_INCH)
"""A card's picture: a square this size, ``ICON_PAD`` from the card's left (or top) edge."""
ICON_PAD = int(0.2 * EMU_PER_INCH)
QR_SIZE = int(1.15 * EMU_PER_INCH)
"""A helpline card's QR code, at the card's right end, ``ICON_PAD`` from its edges."""


@dataclass(frozen=True)
class Line:
    """One paragraph of a text box."""

    text: str
    level: int = 0
    bullet: bool = True
    """False for an intro line above the bullets."""


@dataclass(frozen=True)
class QRCode:
    """A web address to show as a QR code beside the text."""

    url: str
    label: str


@dataclass(frozen=True)
class Picture:
    """An image from the library's assets/ folder."""

    path: str
    alt: str


@dataclass(frozen=True)
class Card:
    """One card of a card slide: a tip, a rule, a scenario or a helpline."""

    lines: tuple[Line, ...]
    number: str = ""
    """A helpline's number, shown large on one line."""
    picture: Picture | None = None
    qr: QRCode | None = None


Paragraphs = tuple[tuple[str, int], ...]
"""A box's text: (paragraph text, outline level) pairs; newlines are line breaks."""


@dataclass
class Content:
    """What tailoring a slide of one kind gives, before the common parts (notes, picture)."""

    title: str
    body: list[Line]
    number: str = ""
    claim: str = ""
    source: str = ""
    qr: list[QRCode] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Extra speaker notes: sources and dates of what the slide shows."""
    cards: list[Card] = field(default_factory=list)
    kind: str = ""
    """Set when the slide is shown as another kind (a statistic whose "number" is words)."""


# --- who sees a region entry -------------------------------------------------------------------

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


class Tailoring(Protocol):
    """What a kind's :attr:`Kind.content` may ask of the tailor (see deck.tailor._Tailor)."""

    lib: Any
    region: Region
    labels: dict[str, str]
    channels: list[Any]
    """The region's channels this deck shows (:func:`channels_for`)."""

    def t(self, text: Text | None) -> str: ...
    def cite(self, fact: Any) -> str: ...
    def fact_note(self, fact: Any) -> str: ...
    def channel_line(self, ch: Any) -> str: ...
    def channels_note(self) -> str: ...
    def picture(self, name: str | None) -> Picture | None: ...
    def bullet(self, bullet: Any) -> str: ...
    def shown(self, item: Any) -> bool: ...
    def law_note(self, law: Any) -> str: ...


RegionText = tuple["Text | None", tuple[str | int, ...], str]
"""A region text a slide shows: (text, where in the region file, what it is for lint)."""


# --- tailoring: which texts fill a slide -------------------------------------------------------


def _intro(t: Tailoring, slide: Slide) -> list[Line]:
    return [Line(t.t(slide.text), bullet=False)] if slide.text is not None else []


def _lines(t: Tailoring, slide: Slide, age: int) -> list[Line]:
    """The slide's own text (an intro line) and bullets for this age."""
    return _intro(t, slide) + [
        Line(t.bullet(b), b.level) for b in slide.bullets if b.ages is None or age in b.ages
    ]


def _text(t: Tailoring, slide: Slide, age: int) -> Content:
    return Content(t.t(slide.title), _lines(t, slide, age))


def _heading(t: Tailoring, slide: Slide, age: int) -> Content:
    """Title and section slides: a heading and one line under it; bullets are not shown."""
    return Content(t.t(slide.title), [Line(t.t(slide.text))] if slide.text else [])


def _bullet_cards(t: Tailoring, slide: Slide, age: int) -> list[Card]:
    """A card per bullet shown at this age, with the bullet's picture (``pictures``)."""
    return [
        Card(
            (Line(t.bullet(b)),),
            picture=t.picture(slide.pictures[j] if j < len(slide.pictures) else None),
        )
        for j, b in enumerate(slide.bullets)
        if b.ages is None or age in b.ages
    ]


def _cards(t: Tailoring, slide: Slide, age: int) -> Content:
    """Rules, activity and recap: the slide's text as a line under the title, bullets as cards."""
    return Content(t.t(slide.title), _intro(t, slide), cards=_bullet_cards(t, slide, age))


def _statistic(t: Tailoring, slide: Slide, age: int) -> Content:
    fact = t.lib.facts[slide.fact or ""]
    number, claim = t.t(fact.number), t.t(fact.text)
    out = Content(
        t.t(slide.title),
        [],
        number=number,
        claim=claim,
        source=t.cite(fact),
        notes=[t.fact_note(fact)],
    )
    if not any(ch.isdigit() for ch in number):  # "Same age" is a statement, not a figure
        out.kind, out.number, out.claim, out.body = "statement", "", "", [Line(claim)]
    return out


def _statement(t: Tailoring, slide: Slide, age: int) -> Content:
    return Content(t.t(slide.title), [Line(t.t(slide.text))])


def _tips(t: Tailoring, slide: Slide, age: int) -> Content:
    out = _cards(t, slide, age)
    for tip_id in slide.tips:
        tip = t.lib.tips[tip_id]
        out.cards.append(Card((Line(t.t(tip.text)),), picture=t.picture(tip.picture)))
    return out


def _helpline(t: Tailoring, slide: Slide, age: int) -> Content:
    """A card per service: its name, what it is for, other ways to reach it; the number large."""
    lab = t.labels
    out = Content(t.t(slide.title) or lab["help"], [], notes=[t.channels_note()])
    for ch in t.channels:
        number, _, aside = ch.phone.partition(" (")  # "1-800-843-5678 (1-800-THE-LOST)"
        ways = [f"({aside}"] if aside else []
        if not number and ch.text:
            number, ways = ch.text, [lab["sms"]]
        elif ch.text:
            ways.append(f"{lab['sms']} {ch.text}")
        if not number and ch.whatsapp:
            number, ways = ch.whatsapp, [*ways, lab["whatsapp"]]
        elif ch.whatsapp:
            ways.append(f"{lab['whatsapp']} {ch.whatsapp}")
        ways += [ch.url] if ch.url else []
        ways += [ch.hours] if ch.hours else []
        lines = [Line(ch.name)]
        lines += [Line(t.t(ch.what), 1)] if ch.what is not None else []
        lines += [Line(" · ".join(ways), 1)] if ways else []
        code = QRCode(ch.url, ch.name) if ch.url else None
        out.cards.append(Card(tuple(lines), number=number, qr=code))
        out.qr += [code] if code else []
    return out


def _describe_helplines(labels: dict[str, str], cards: Sequence[Card]) -> str:
    """What the slide shows, for the notes: the QR codes only where there are some."""
    with_code = [c.qr.label for c in cards if c.qr]
    return (
        labels["help_cards"]
        + " "
        + (
            labels["help_qr"].format(names=", ".join(with_code))
            if with_code
            else labels["help_no_qr"]
        )
    )


def _law(t: Tailoring, slide: Slide, age: int) -> Content:
    law = t.region.law
    out = Content(t.t(slide.title) or t.labels["law"], _lines(t, slide, age))
    if law is None:  # not shown then (see Kind.shown); kept total for the type checker
        return out
    out.body.append(Line(t.t(law.summary)))
    if law.penalty is not None:
        out.body.append(Line(f"{t.labels['penalty']}: {t.t(law.penalty)}"))
    out.source = f"{law.name} – {law.source}"
    out.notes.append(t.law_note(law))
    return out


def _local(t: Tailoring, slide: Slide, age: int) -> Content:
    r = t.region
    out = Content(
        t.t(slide.title) or t.labels["local"].format(region=t.t(r.name)), _lines(t, slide, age)
    )
    for fact in filter(t.shown, r.facts):
        # The claim is a full sentence with its figure; the number alone would repeat it.
        out.body += [Line(t.t(fact.text)), Line(t.cite(fact), 1)]
        out.notes.append(t.fact_note(fact))
    out.body += [Line(f"{org.name}: {t.t(org.what)}") for org in filter(t.shown, r.organisations)]
    if t.channels:  # "help near you" must offer help, not only names
        out.body.append(Line(t.labels["help_now"].format(channel=t.channel_line(t.channels[0]))))
    return out


def _closing(t: Tailoring, slide: Slide, age: int) -> Content:
    out = _text(t, slide, age)
    out.body += [Line(t.channel_line(ch)) for ch in t.channels[:2]]
    return out


# --- boxes: which text goes in which placeholder ----------------------------------------------

Boxes = list[tuple[int, Paragraphs]]


def paras(lines: Sequence[Line] | str) -> Paragraphs:
    if isinstance(lines, str):
        return ((lines, 0),) if lines else ()
    return tuple((line.text, line.level) for line in lines)


def _title_body(s: ResolvedSlide) -> Boxes:
    return [(TITLE, paras(s.title)), (BODY, paras(s.body))]


def _body_and_source(s: ResolvedSlide) -> Boxes:
    extra = (Line(s.source, 1),) if s.source else ()
    return [(TITLE, paras(s.title)), (BODY, paras((*s.body, *extra)))]


def _figure(s: ResolvedSlide) -> Boxes:
    return [
        (TITLE, paras(s.title)),
        (NUMBER, paras(s.number)),
        (CLAIM, paras(s.claim)),
        (SOURCE, paras(s.source)),
    ]


def _said(s: ResolvedSlide) -> Boxes:
    return [(TITLE, paras(s.title)), (BODY, paras(s.body)), (SOURCE, paras(s.source))]


def _card_boxes(s: ResolvedSlide) -> Boxes:
    cards = zip(CARDS, s.cards, strict=False)
    return [*_title_body(s), *((idx, paras(c.lines)) for idx, c in cards)]


def _helpline_boxes(s: ResolvedSlide) -> Boxes:
    out = _card_boxes(s)
    for k, card in enumerate(s.cards[: len(CARD_NUMBERS)]):
        out.append(((CARD_NUMBERS if card.qr else CARD_NUMBERS_WIDE)[k], paras(card.number)))
    return out


# --- lint: region texts a slide shows ----------------------------------------------------------


def _channel_texts(r: Region, audience: str, age: int) -> list[RegionText]:
    index = {id(ch): k for k, ch in enumerate(r.channels)}
    return [
        (ch.what, ("channels", index[id(ch)], "what"), "channel")
        for ch in channels_for(r, audience, age)
    ]


def _law_texts(r: Region, audience: str, age: int) -> list[RegionText]:
    if r.law is None:
        return []
    return [(getattr(r.law, name), ("law", name), "law") for name in ("summary", "penalty")]


def _local_texts(r: Region, audience: str, age: int) -> list[RegionText]:
    texts: list[RegionText] = [
        (f.text, ("facts", k, "text"), "fact")
        for k, f in enumerate(r.facts)
        if for_reader(f, audience, age)
    ]
    return texts + [
        (o.what, ("organisations", k, "what"), "org")
        for k, o in enumerate(r.organisations)
        if for_reader(o, audience, age)
    ]


def _local_shown(r: Region, audience: str, age: int) -> bool:
    return any(for_reader(x, audience, age) for x in (*r.facts, *r.organisations))


# --- the kinds ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """One kind of slide: its fields, layout, boxes, tailoring and what lint reads."""

    name: str
    """The talk file's `kind:` value."""
    layout: str
    """The slide layout of the template, by name."""
    placeholders: tuple[int, ...] = (TITLE, BODY)
    """Text placeholders the layout has, by idx (the template tool makes them)."""
    needs: tuple[str, ...] = ()
    """Slide fields this kind cannot do without."""
    takes: tuple[str, ...] = ()
    """Slide fields only this kind may use."""
    content: Callable[[Tailoring, Slide, int], Content] = _text
    """Tailoring: the slide's texts for one age, region and language."""
    boxes: Callable[[ResolvedSlide], Boxes] = _body_and_source
    """(placeholder idx, paragraphs) written into the slide; the fit measures the same list."""
    shown: Callable[[Region, str, int], bool] = lambda region, audience, age: True
    """Whether the slide appears in a region's decks, for this audience and age."""
    region_texts: Callable[[Region, str, int], list[RegionText]] = lambda region, audience, age: []
    """Region texts the slide shows (for this audience and age), for lint's rules."""
    picture: bool = True
    """Whether the layout has a picture placeholder for the slide's picture."""
    cards: int = 0
    """How many cards the layout has (0: not a card slide); a slide may not show more."""
    icons: Literal["left", "top", "none"] = "left"
    """Where a card's picture sits: left of its text, above it, or no picture (helplines)."""
    per_slide: int = 0
    """Most cards a slide shows; more are shared out over more slides (0: all on one)."""
    describe: Callable[[dict[str, str], Sequence[Card]], str] | None = None
    """A sentence for the notes saying what the slide's cards show."""
    per_count: bool = False
    """One layout per number of cards, named '<layout> <n>' (cards as tall as the slide allows)."""
    numbered: bool = True
    """Whether the slide shows its number."""
    personal: bool = False
    """Whether the volunteer's details (school, presenter, date) go under the body."""
    guidance: tuple[str, ...] = ()
    """Guidance texts (library guidance fields) added to the speaker notes."""

    def layout_for(self, cards: int) -> str:
        """The layout a slide with this many cards uses."""
        return f"{self.layout} {cards}" if self.per_count else self.layout

    def placeholders_for(self, cards: int) -> tuple[int, ...]:
        """The text placeholders of :meth:`layout_for`: the first ``cards`` of each card group."""
        if not self.per_count:
            return self.placeholders
        groups = (CARDS, CARD_NUMBERS, CARD_NUMBERS_WIDE)
        return tuple(
            idx
            for idx in self.placeholders
            if not any(idx in g and g.index(idx) >= cards for g in groups)
        )


def _with_cards(n: int, *extra: int) -> tuple[int, ...]:
    return (TITLE, BODY, *CARDS[:n], *extra)


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "title",
            "Title",
            needs=("title",),
            content=_heading,
            boxes=_title_body,
            numbered=False,
            personal=True,
            guidance=("before_talk", "disclosure"),
        ),
        Kind("section", "Section", needs=("title",), content=_heading),
        Kind("bullets", "Bullets", needs=("bullets",)),
        Kind(
            "rules",
            "Rules",
            _with_cards(6),
            needs=("bullets",),
            takes=("pictures",),
            content=_cards,
            boxes=_card_boxes,
            picture=False,
            cards=6,
        ),
        Kind(
            "statement",
            "Statement",
            (TITLE, BODY, SOURCE),
            needs=("title", "text"),
            content=_statement,
            boxes=_said,
        ),
        Kind(
            "statistic",
            "Statistic",
            (TITLE, NUMBER, CLAIM, SOURCE),
            needs=("fact",),
            takes=("fact",),
            content=_statistic,
            boxes=_figure,
        ),
        Kind(
            "tips",
            "Tips",
            _with_cards(4),
            needs=("tips",),
            takes=("tips", "pictures"),
            content=_tips,
            boxes=_card_boxes,
            picture=False,
            cards=4,
            per_count=True,
        ),
        Kind(
            "activity",
            "Activity",
            _with_cards(3),
            needs=("bullets",),
            takes=("pictures",),
            content=_cards,
            boxes=_card_boxes,
            picture=False,
            cards=3,
            icons="top",
            per_count=True,
        ),
        Kind(
            "helpline",
            "Helpline",
            (TITLE, *CARDS[:3], *CARD_NUMBERS, *CARD_NUMBERS_WIDE),
            content=_helpline,
            boxes=_helpline_boxes,
            region_texts=_channel_texts,
            picture=False,
            cards=3,
            icons="none",
            per_count=True,
            per_slide=3,
            describe=_describe_helplines,
        ),
        Kind(
            "law",
            "Law",
            content=_law,
            shown=lambda r, audience, age: r.law is not None,
            region_texts=_law_texts,
        ),
        Kind("local", "Local", content=_local, shown=_local_shown, region_texts=_local_texts),
        Kind(
            "recap",
            "Recap",
            _with_cards(6),
            needs=("bullets",),
            takes=("pictures",),
            content=_cards,
            boxes=_card_boxes,
            picture=False,
            cards=6,
        ),
        Kind("closing", "Closing", needs=("title",), content=_closing, guidance=("disclosure",)),
    )
}
"""Every kind, in the order messages and the schema list them."""

KIND_NAMES: tuple[str, ...] = tuple(KINDS)
