"""Which text of a tailored slide goes in which placeholder, per kind of slide: the one list the
renderer writes and the fit (and lint) measures (:attr:`talkdeck.deck.kinds.Kind.boxes`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from talkdeck.deck.placeholders import (
    BODY,
    CARD_NUMBERS,
    CARD_NUMBERS_WIDE,
    CARDS,
    CLAIM,
    NUMBER,
    SOURCE,
    TITLE,
)
from talkdeck.deck.slide_content import Line, Paragraphs, paras

if TYPE_CHECKING:
    from talkdeck.deck.resolved import ResolvedSlide

Boxes = list[tuple[int, Paragraphs]]
"""(placeholder idx, paragraphs) pairs: what a slide's boxes hold."""


def title_body(s: ResolvedSlide) -> Boxes:
    return [(TITLE, paras(s.title)), (BODY, paras(s.body))]


def body_and_source(s: ResolvedSlide) -> Boxes:
    extra = (Line(s.source, 1),) if s.source else ()
    return [(TITLE, paras(s.title)), (BODY, paras((*s.body, *extra)))]


def figure(s: ResolvedSlide) -> Boxes:
    return [
        (TITLE, paras(s.title)),
        (NUMBER, paras(s.number)),
        (CLAIM, paras(s.claim)),
        (SOURCE, paras(s.source)),
    ]


def said(s: ResolvedSlide) -> Boxes:
    return [(TITLE, paras(s.title)), (BODY, paras(s.body)), (SOURCE, paras(s.source))]


def card_boxes(s: ResolvedSlide) -> Boxes:
    cards = zip(CARDS, s.cards, strict=False)
    return [*title_body(s), *((idx, paras(c.lines)) for idx, c in cards)]


def helpline_boxes(s: ResolvedSlide) -> Boxes:
    out = card_boxes(s)
    for k, card in enumerate(s.cards[: len(CARD_NUMBERS)]):
        beside = card.qr or card.picture  # the number leaves room for the code or picture
        out.append(((CARD_NUMBERS if beside else CARD_NUMBERS_WIDE)[k], paras(card.number)))
    return out
