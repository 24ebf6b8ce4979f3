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
BOX_NAMES = {TITLE: "title", BODY: "body", NUMBER: "number", CLAIM: "claim", SOURCE: "source"}
"""How messages name a box (a subtitle placeholder is called "subtitle" whatever its idx)."""
FLOORS = {"title": 28.0, "body": 20.0, "subtitle": 20.0, "number": 60.0, "claim": 24.0,
          "source": 18.0}
"""Smallest size, in points, each box may shrink to: still readable from the back of a class."""


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


class Tailoring(Protocol):
    """What a kind's :attr:`Kind.content` may ask of the tailor (see deck.tailor._Tailor)."""

    lib: Any
    region: Region
    labels: dict[str, str]

    def t(self, text: Text | None) -> str: ...  # pragma: no cover - an interface
    def cite(self, fact: Any) -> str: ...  # pragma: no cover
    def fact_note(self, fact: Any) -> str: ...  # pragma: no cover
    def channel_line(self, ch: Any) -> str: ...  # pragma: no cover
    def channels_note(self) -> str: ...  # pragma: no cover


RegionText = tuple["Text | None", tuple[str | int, ...], str]
"""A region text a slide shows: (text, where in the region file, what it is for lint)."""


# --- tailoring: which texts fill a slide -------------------------------------------------------


def _lines(t: Tailoring, slide: Slide, age: int) -> list[Line]:
    """The slide's own text (an intro line) and bullets for this age."""
    body = [Line(t.t(slide.text), bullet=False)] if slide.text is not None else []
    return body + [Line(t.t(b.text), b.level) for b in slide.bullets
                   if b.ages is None or age in b.ages]


def _text(t: Tailoring, slide: Slide, age: int) -> Content:
    return Content(t.t(slide.title), _lines(t, slide, age))


def _heading(t: Tailoring, slide: Slide, age: int) -> Content:
    """Title and section slides: a heading and one line under it; bullets are not shown."""
    return Content(t.t(slide.title), [Line(t.t(slide.text))] if slide.text else [])


def _statistic(t: Tailoring, slide: Slide, age: int) -> Content:
    fact = t.lib.facts[slide.fact or ""]
    return Content(t.t(slide.title), _lines(t, slide, age), number=t.t(fact.number),
                   claim=t.t(fact.text), source=t.cite(fact), notes=[t.fact_note(fact)])


def _tips(t: Tailoring, slide: Slide, age: int) -> Content:
    body = _lines(t, slide, age) + [Line(t.t(t.lib.tips[tip].text)) for tip in slide.tips]
    return Content(t.t(slide.title), body)


def _helpline(t: Tailoring, slide: Slide, age: int) -> Content:
    out = Content(t.t(slide.title) or t.labels["help"], _lines(t, slide, age),
                  notes=[t.channels_note()])
    for ch in t.region.channels:
        out.body.append(Line(t.channel_line(ch)))
        if ch.what is not None:
            out.body.append(Line(t.t(ch.what), 1))
        if ch.url:
            out.qr.append(QRCode(ch.url, ch.name))
    return out


def _law(t: Tailoring, slide: Slide, age: int) -> Content:
    law = t.region.law
    out = Content(t.t(slide.title) or t.labels["law"], _lines(t, slide, age))
    if law is None:  # not shown then (see Kind.shown); kept total for the type checker
        return out
    out.body.append(Line(t.t(law.summary)))
    if law.penalty is not None:
        out.body.append(Line(f"{t.labels['penalty']}: {t.t(law.penalty)}"))
    out.source = f"{law.name} – {law.source}"
    out.notes.append(f"{t.labels['sources']}: {law.name}; {law.source} "
                     f"({law.verified.isoformat()}).")
    return out


def _local(t: Tailoring, slide: Slide, age: int) -> Content:
    r = t.region
    out = Content(t.t(slide.title) or t.labels["local"].format(region=t.t(r.name)),
                  _lines(t, slide, age))
    for fact in r.facts:
        # The claim is a full sentence with its figure; the number alone would repeat it.
        out.body += [Line(t.t(fact.text)), Line(t.cite(fact), 1)]
        out.notes.append(t.fact_note(fact))
    out.body += [Line(f"{org.name}: {t.t(org.what)}") for org in r.organisations]
    return out


def _closing(t: Tailoring, slide: Slide, age: int) -> Content:
    out = _text(t, slide, age)
    out.body += [Line(t.channel_line(ch)) for ch in t.region.channels[:2]]
    return out


# --- boxes: which text goes in which placeholder ----------------------------------------------


def paras(lines: Sequence[Line] | str) -> Paragraphs:
    if isinstance(lines, str):
        return ((lines, 0),) if lines else ()
    return tuple((line.text, line.level) for line in lines)


def _title_body(s: ResolvedSlide) -> list[tuple[int, Paragraphs]]:
    return [(TITLE, paras(s.title)), (BODY, paras(s.body))]


def _body_and_source(s: ResolvedSlide) -> list[tuple[int, Paragraphs]]:
    extra = (Line(s.source, 1),) if s.source else ()
    return [(TITLE, paras(s.title)), (BODY, paras((*s.body, *extra)))]


def _figure(s: ResolvedSlide) -> list[tuple[int, Paragraphs]]:
    return [(TITLE, paras(s.title)), (NUMBER, paras(s.number)), (CLAIM, paras(s.claim)),
            (SOURCE, paras(s.source))]


# --- lint: region texts a slide shows ----------------------------------------------------------


def _channel_texts(r: Region) -> list[RegionText]:
    return [(ch.what, ("channels", k, "what"), "channel") for k, ch in enumerate(r.channels)]


def _law_texts(r: Region) -> list[RegionText]:
    if r.law is None:
        return []
    return [(getattr(r.law, name), ("law", name), "law") for name in ("summary", "penalty")]


def _local_texts(r: Region) -> list[RegionText]:
    texts: list[RegionText] = [(f.text, ("facts", k, "text"), "fact")
                               for k, f in enumerate(r.facts)]
    return texts + [(o.what, ("organisations", k, "what"), "org")
                    for k, o in enumerate(r.organisations)]


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
    needs: str | None = None
    """A slide field this kind cannot do without."""
    takes: tuple[str, ...] = ()
    """Slide fields only this kind may use."""
    content: Callable[[Tailoring, Slide, int], Content] = _text
    """Tailoring: the slide's texts for one age, region and language."""
    boxes: Callable[[ResolvedSlide], list[tuple[int, Paragraphs]]] = _body_and_source
    """(placeholder idx, paragraphs) written into the slide; the fit measures the same list."""
    shown: Callable[[Region], bool] = lambda region: True
    """Whether the slide appears in a region's decks."""
    region_texts: Callable[[Region], list[RegionText]] = lambda region: []
    """Region texts the slide shows pupils, for lint's reading-grade and number rules."""
    beside: Literal["picture", "qr", "none"] = "picture"
    """What goes in the slide's right third: its picture, the region's QR codes, or nothing."""
    numbered: bool = True
    """Whether the slide shows its number."""
    personal: bool = False
    """Whether the volunteer's details (school, presenter, date) go under the body."""
    guidance: tuple[str, ...] = ()
    """Guidance texts (library guidance fields) added to the speaker notes."""


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("title", "Title", needs="title", content=_heading, boxes=_title_body, beside="none",
         numbered=False, personal=True, guidance=("before_talk", "disclosure")),
    Kind("section", "Section", needs="title", content=_heading),
    Kind("bullets", "Bullets", needs="bullets"),
    Kind("rules", "Rules", needs="bullets"),
    Kind("statistic", "Statistic", placeholders=(TITLE, NUMBER, CLAIM, SOURCE), needs="fact",
         takes=("fact",), content=_statistic, boxes=_figure, beside="none"),
    Kind("tips", "Tips", needs="tips", takes=("tips",), content=_tips),
    Kind("activity", "Activity", needs="bullets"),
    Kind("helpline", "Helpline", content=_helpline, boxes=_title_body, beside="qr",
         region_texts=_channel_texts),
    Kind("law", "Law", content=_law, shown=lambda r: r.law is not None,
         region_texts=_law_texts),
    Kind("local", "Local", content=_local, shown=lambda r: bool(r.facts or r.organisations),
         region_texts=_local_texts),
    Kind("closing", "Closing", needs="title", content=_closing, guidance=("disclosure",)),
)}
"""Every kind, in the order messages and the schema list them."""

KIND_NAMES: tuple[str, ...] = tuple(KINDS)
