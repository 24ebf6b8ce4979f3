"""What a tailored slide is made of: lines, cards, pictures, QR codes, and the :class:`Content` a
kind's tailoring gives (see :mod:`talkdeck.deck.kind_content`). Plain data, no I/O.
"""

from __future__ import annotations

import re
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


def paras(lines: Sequence[Line] | str) -> Paragraphs:
    """A box's paragraphs from lines (or one string)."""
    if isinstance(lines, str):
        return ((lines, 0),) if lines else ()
    return tuple((line.text, line.level) for line in lines)


WORD = re.compile(r"\w[\w'’-]*")
WORD_LIMITS = ((12, 30), (15, 40))
"""(oldest age, most words a pupil slide shows): 30 words at 11-12, 40 at 13-15."""


def word_limit(age: int) -> int:
    return next(limit for oldest, limit in WORD_LIMITS if age <= oldest)


def slide_words(slide: object) -> int:
    """Words a pupil reads on a slide: title, text, the statistic and its claim (not sources)."""
    s = slide
    texts = [s.title, *(line.text for line in s.body), s.number, s.claim]  # type: ignore[attr-defined]
    return sum(len(WORD.findall(t)) for t in texts)
