"""The words a pupil slide may show, how they are counted, and how a slide with more is shared
out over several slides: one idea per slide, split rather than shrunk.

Tailoring splits with these functions (:mod:`talkdeck.deck.tailor`) and lint's words-per-slide
rule counts with them (:mod:`talkdeck.coordinate.design_rules`), so the two always agree: a deck
is over its limit only where one sentence alone is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from talkdeck.deck.slide_content import Line

WORD = re.compile(r"\w(?:[\w'’\-\u2011]|\u00a0(?=\w))*")
"""A word; a phone number kept whole by no-break spaces or hyphens ("0800 1111") is one."""
WORD_LIMITS = ((12, 30), (15, 40))
"""(oldest age, most words a pupil slide shows): 30 words at 11-12, 40 at 13-15."""
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[¿¡\"“(]?[A-ZÁÉÍÓÚÑ0-9])")
"""Where one sentence ends and the next begins (a full stop inside "s.15" or "4.5" is not)."""


class Shown(Protocol):
    """What a pupil reads on a slide (a tailored slide, or a kind's content before it)."""

    @property
    def title(self) -> str: ...
    @property
    def body(self) -> Sequence[Line]: ...
    @property
    def number(self) -> str: ...
    @property
    def claim(self) -> str: ...


def word_limit(age: int) -> int:
    """The most words a slide for pupils of this age shows."""
    return next(limit for oldest, limit in WORD_LIMITS if age <= oldest)


def words(text: str) -> int:
    return len(WORD.findall(text))


def slide_words(s: Shown) -> int:
    """Words a pupil reads on a slide: title, text, the statistic and its claim (not sources,
    not a page count such as "(1/2)", which the renderer adds)."""
    return sum(words(t) for t in (s.title, *(line.text for line in s.body), s.number, s.claim))


READ_CARDS = frozenset({"tips", "rules", "recap", "activity"})
"""Kinds whose cards a pupil reads as part of the slide, so their words count. A helpline's
cards are a directory to copy a number from (the phone-wrap and fit rules check those)."""


def shown_words(s: Shown, kind: str, cards: Sequence[Sequence[Line]]) -> int:
    """Words a pupil reads on a slide of this kind with these cards' lines."""
    read = sum(words(line.text) for c in cards for line in c) if kind in READ_CARDS else 0
    return slide_words(s) + read


def share_cards(sizes: Sequence[int], budget: int, most: int) -> list[list[int]]:
    """Indexes of cards of ``sizes`` words shared out, in order, over as few slides as keep
    each within ``budget`` words and ``most`` cards, as evenly as that allows (a card longer
    than the budget still gets a slide: lint reports it)."""

    def fits(cap: int) -> list[list[int]]:
        pages = _pack(sizes, cap)
        return [p[k : k + most] for p in pages for k in range(0, len(p), most)] if most else pages

    count = len(fits(budget))
    cap = next((c for c in range(max(sizes, default=0), budget) if len(fits(c)) <= count), budget)
    return fits(cap)


def sentences(text: str) -> list[str]:
    """The sentences of a text, in order."""
    return [part for part in SENTENCE_END.split(text.strip()) if part]


def share_out(lines: Sequence[Line], budget: int) -> list[list[Line]]:
    """Lines shared out over as few slides as keep each within ``budget`` words, in order.

    A sub-point stays with the point above it; a line too long for a slide of its own is split
    into its sentences. A sentence longer than the budget still gets a slide (lint reports it).
    """
    groups: list[list[Line]] = []
    for line in lines:
        parts = [line]
        if words(line.text) > budget:
            parts = [replace(line, text=s) for s in sentences(line.text)]
        if line.level and groups:
            groups[-1] += parts
        else:
            groups += [[p] for p in parts]
    sizes = [sum(words(line.text) for line in group) for group in groups]
    count, biggest = len(_pack(sizes, budget)), max(sizes, default=0)
    # As even as the fewest slides allow: the smallest cap that needs no more slides.
    cap = budget
    if biggest < budget:
        cap = next(c for c in range(biggest, budget + 1) if len(_pack(sizes, c)) <= count)
    return [[line for k in page for line in groups[k]] for page in _pack(sizes, cap)]


def _pack(sizes: Sequence[int], cap: int) -> list[list[int]]:
    """Indexes of ``sizes`` packed in order, a new page when the next would pass ``cap``."""
    pages: list[list[int]] = [[]]
    used = 0
    for k, size in enumerate(sizes):
        if pages[-1] and used + size > cap:
            pages.append([])
            used = 0
        pages[-1].append(k)
        used += size
    return pages
