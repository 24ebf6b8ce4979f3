"""What a tailored slide is made of: lines, cards, pictures, QR codes, and the :class:`Content` a
kind's tailoring gives (see :mod:`talkdeck.deck.kind_content`). Plain data, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


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
    more: list[Content] = field(default_factory=list)
    """The slides that follow it, each with its own title and notes: one idea per slide (a
    law's penalty, each local fact, then the local organisations)."""


def paras(lines: Sequence[Line] | str) -> Paragraphs:
    """A box's paragraphs from lines (or one string)."""
    if isinstance(lines, str):
        return ((lines, 0),) if lines else ()
    return tuple((line.text, line.level) for line in lines)


def whole(number: str) -> str:
    """A phone number that no line break splits: no-break spaces and hyphens (clients break
    lines after an ordinary hyphen, so "1-800-422-4453" would end a line at "1-800-"). Its
    spelling in letters after it, "(1-800-THE-LOST)", is kept whole too; a line may break
    between the two."""
    digits, paren, aside = number.partition(" (")
    keep = str.maketrans({" ": "\u00a0", "-": "\u2011"})
    return digits.translate(keep) + paren + aside.translate(keep)


def plain(text: str) -> str:
    """Text as the library wrote it: the no-break spaces and hyphens of :func:`whole` made plain."""
    return text.replace("\u00a0", " ").replace("\u2011", "-")
