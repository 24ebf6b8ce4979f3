"""Every kind of slide, declared once: an entry in :data:`KINDS`.

A :class:`Kind` says everything the pipeline needs to know about one kind of slide:

* the talk-file fields it needs and the ones only it takes, its picture and cards (read from
  :mod:`talkdeck.library.kind_fields`, the talk file's side, which the model checks),
* when it is shown (law and local slides need the region to have content),
* how it is tailored: which texts of the slide, library and region fill it (:attr:`Kind.content`,
  functions in :mod:`talkdeck.deck.kind_content`),
* its layout in the template and which text goes in which placeholder (:attr:`Kind.boxes`, in
  :mod:`talkdeck.deck.kind_boxes`), the one list both :mod:`talkdeck.deck.render` writes and
  :mod:`talkdeck.deck.fit` measures,
* which region texts lint reads from it, and what goes beside the text (a picture, QR codes).

The parts a declaration is made of live beside it: :mod:`talkdeck.deck.placeholders` (the
template's boxes), :mod:`talkdeck.deck.slide_content` (lines, cards, pictures) and
:mod:`talkdeck.deck.visibility` (who sees a region entry); their names are re-exported here.

``tools/make_template.py`` reads the same declarations to lay out a layout per kind. Adding a kind
is an entry in :data:`KINDS` and one in ``KIND_FIELDS``, plus its design in the template tool; see
docs/architecture.md.

Imports nothing heavy: the model (pydantic) and the renderer (python-pptx) both import this.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from talkdeck.deck.kind_boxes import (
    Boxes,
    body_and_source,
    card_boxes,
    figure,
    helpline_boxes,
    said,
    title_body,
)
from talkdeck.deck.kind_content import (
    RegionText,
    Tailoring,
    card_slide,
    channel_texts,
    closing,
    describe_helplines,
    elsewhere_texts,
    heading,
    helpline,
    law,
    law_texts,
    local,
    local_shown,
    local_texts,
    statement,
    statistic,
    text_slide,
    tips,
)
from talkdeck.deck.placeholders import (  # noqa: F401  (re-exported: the template's boxes)
    BODY,
    BOX_NAMES,
    CARD_NUMBERS,
    CARD_NUMBERS_WIDE,
    CARDS,
    CLAIM,
    EMU_PER_INCH,
    FLOORS,
    ICON,
    ICON_PAD,
    NUMBER,
    PICTURE,
    QR_PAD,
    QR_SIZE,
    SLIDE_NUMBER,
    SOURCE,
    TITLE,
)
from talkdeck.deck.slide_content import (  # noqa: F401  (re-exported: what a slide holds)
    Card,
    Content,
    Line,
    Paragraphs,
    Picture,
    QRCode,
    paras,
)
from talkdeck.deck.visibility import (  # noqa: F401  (re-exported: who sees what)
    CHANNEL_ORDER,
    CHILD_HELP,
    channels_for,
    for_reader,
)
from talkdeck.library.kind_fields import KIND_FIELDS

if TYPE_CHECKING:
    from talkdeck.deck.resolved import ResolvedSlide
    from talkdeck.library.model import Region, Slide


@dataclass(frozen=True)
class Kind:
    """One kind of slide: its fields, layout, boxes, tailoring and what lint reads."""

    name: str
    """The talk file's `kind:` value."""
    layout: str
    """The slide layout of the template, by name."""
    placeholders: tuple[int, ...] = (TITLE, BODY)
    """Text placeholders the layout has besides its cards', by idx (the template tool makes
    them); a card slide's card boxes follow from ``cards`` (:attr:`text_boxes`)."""
    content: Callable[[Tailoring, Slide, int], Content] = text_slide
    """Tailoring: the slide's texts for one age, region and language."""
    boxes: Callable[[ResolvedSlide], Boxes] = body_and_source
    """(placeholder idx, paragraphs) written into the slide; the fit measures the same list."""
    shown: Callable[[Region, str, int], bool] = lambda region, audience, age: True
    """Whether the slide appears in a region's decks, for this audience and age."""
    region_texts: Callable[[Region, str, int], list[RegionText]] = lambda region, audience, age: []
    """Region texts the slide shows (for this audience and age), for lint's rules."""
    card_numbers: bool = False
    """Each card has a number box too: beside its QR code (idx 21 on) or, without a code, the
    card's full width (idx 25 on)."""
    icons: Literal["left", "top", "right"] = "left"
    """Where a card's picture sits: left of its text, above it, or at its right end where a
    QR code would go (helplines: a card shows its code, or else its picture)."""
    per_slide: int = 0
    """Most cards a slide shows; more are shared out over more slides (0: all on one)."""
    split: bool = False
    """A pupils' slide with more words than the age allows is shared out over more slides,
    whole lines (or sentences) each (:mod:`talkdeck.deck.word_limits`): region texts."""
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

    @property
    def needs(self) -> tuple[str, ...]:
        """Slide fields this kind cannot do without (library/kind_fields.py)."""
        return KIND_FIELDS[self.name].needs

    @property
    def takes(self) -> tuple[str, ...]:
        """Slide fields only this kind may use (library/kind_fields.py)."""
        return KIND_FIELDS[self.name].takes

    @property
    def picture(self) -> bool:
        """Whether the layout has a picture placeholder for the slide's picture."""
        return KIND_FIELDS[self.name].picture

    @property
    def cards(self) -> int:
        """How many cards the layout has (0: not a card slide); a slide may not show more. Each
        card is a text box (idx 13 on)."""
        return KIND_FIELDS[self.name].cards

    def layout_for(self, cards: int) -> str:
        """The layout a slide with this many cards uses."""
        return f"{self.layout} {cards}" if self.per_count else self.layout

    @property
    def text_boxes(self) -> tuple[int, ...]:
        """Every text placeholder of the kind's (largest) layout: its own, then the cards'."""
        n = self.cards
        numbers = (*CARD_NUMBERS[:n], *CARD_NUMBERS_WIDE[:n]) if self.card_numbers else ()
        return (*self.placeholders, *CARDS[:n], *numbers)

    def placeholders_for(self, cards: int) -> tuple[int, ...]:
        """The text placeholders of :meth:`layout_for`: the first ``cards`` of each card group."""
        if not self.per_count:
            return self.text_boxes
        groups = (CARDS, CARD_NUMBERS, CARD_NUMBERS_WIDE)
        return tuple(
            idx
            for idx in self.text_boxes
            if not any(idx in g and g.index(idx) >= cards for g in groups)
        )


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "title",
            "Title",
            content=heading,
            boxes=title_body,
            numbered=False,
            personal=True,
            guidance=("before_talk", "disclosure"),
        ),
        Kind("section", "Section", content=heading),
        Kind("bullets", "Bullets"),
        Kind(
            "rules",
            "Rules",
            content=card_slide,
            boxes=card_boxes,
        ),
        Kind(
            "statement",
            "Statement",
            (TITLE, BODY, SOURCE),
            content=statement,
            boxes=said,
        ),
        Kind(
            "statistic",
            "Statistic",
            (TITLE, NUMBER, CLAIM, SOURCE),
            content=statistic,
            boxes=figure,
        ),
        Kind(
            "tips",
            "Tips",
            content=tips,
            boxes=card_boxes,
            per_count=True,
        ),
        Kind(
            "activity",
            "Activity",
            content=card_slide,
            boxes=card_boxes,
            icons="top",
            per_count=True,
        ),
        Kind(
            "helpline",
            "Helpline",
            (TITLE,),
            content=helpline,
            boxes=helpline_boxes,
            region_texts=channel_texts,
            card_numbers=True,
            icons="right",
            per_count=True,
            per_slide=4,
            describe=describe_helplines,
        ),
        Kind(
            "law",
            "Law",
            content=law,
            shown=lambda r, audience, age: r.law is not None,
            region_texts=law_texts,
            split=True,
        ),
        Kind(
            "local",
            "Local",
            content=local,
            shown=local_shown,
            region_texts=local_texts,
            split=True,
        ),
        Kind(
            "recap",
            "Tips",  # split by words into slides of up to 4 cards, laid out as tips are
            content=card_slide,
            boxes=card_boxes,
            per_count=True,
            per_slide=4,
        ),
        Kind(
            "closing",
            "Closing",
            content=closing,
            guidance=("disclosure",),
            region_texts=elsewhere_texts,
        ),
    )
}
"""Every kind, in the order messages and the schema list them."""

KIND_NAMES: tuple[str, ...] = tuple(KINDS)
