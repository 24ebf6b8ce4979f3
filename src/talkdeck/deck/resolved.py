"""The tailored deck as plain data: its slides, its audience and its fingerprint.

What tailoring produces and the renderer, the cache, lint and the printouts read. No I/O.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from talkdeck.deck.kinds import Card, Line, Picture, QRCode

FORMAT = 4  # bump when the same content would render differently
PAGE_MARK = "~"  # "law~2": the second deck slide one talk slide became


def page_id(slide_id: str, page: int) -> str:
    """The id of a talk slide's deck slide ``page`` (1: the first, which keeps the talk's id)."""
    return slide_id if page == 1 else f"{slide_id}{PAGE_MARK}{page}"


def talk_slide_of(slide_id: str) -> str:
    """The talk's slide id of a deck slide's id: "law~2" -> "law"."""
    return slide_id.partition(PAGE_MARK)[0]


@dataclass(frozen=True)
class ResolvedSlide:
    """A slide with every text resolved for one age, region and language."""

    id: str
    kind: str
    layout: str
    title: str
    body: tuple[Line, ...] = ()
    number: str = ""
    claim: str = ""
    source: str = ""
    qr: tuple[QRCode, ...] = ()
    picture: Picture | None = None
    cards: tuple[Card, ...] = ()
    notes: str = ""
    minutes: float = 0.0

    @property
    def talk_slide_id(self) -> str:
        """The id of the talk slide this deck slide shows (or shows a page of)."""
        return talk_slide_of(self.id)


@dataclass(frozen=True)
class Audience:
    """Who the deck is for and the title-slide details the volunteer gives."""

    age: int
    region: str
    lang: str
    school: str = ""
    presenter: str = ""
    date: str = ""
    lead: str = ""
    """The school's safeguarding lead, named in the notes beside the disclosure guidance."""


@dataclass(frozen=True)
class Deck:
    """A tailored talk, ready to render."""

    talk_id: str
    version: str
    status: str
    version_date: dt.date
    title: str
    description: str
    audience: Audience
    slides: tuple[ResolvedSlide, ...]
    components: dict[str, str] = field(default_factory=dict)
    """Digest of each input (talk, template, region, each fact...), to explain outdated decks."""
    theme: dict[str, str] = field(default_factory=dict)
    """Colours and fonts by name (:meth:`talkdeck.library.theme.Theme.flat`)."""
    tag: str = ""
    """BCP 47 tag of the deck's language and region, e.g. 'es-CO' (languages.yaml)."""
    labels: dict[str, str] = field(default_factory=dict)
    """The deck labels of its language (languages.yaml), for what render adds (DRAFT, QR)."""
    word_limit: int = 0
    """Most words a pupil slide shows (0: no limit, a parents' talk)."""
    help_gap: bool = False
    """The region has no child helpline or emergency number in the reference data (`help_gap`)
    and the presenter added none (``--helpline``)."""

    @property
    def fingerprint(self) -> str:
        """One digest of everything that went into the deck."""
        return digest(
            {
                "format": FORMAT,
                "slides": [asdict(s) for s in self.slides],
                "components": self.components,
                "audience": asdict(self.audience),
            }
        )

    @property
    def minutes(self) -> float:
        return sum(s.minutes for s in self.slides)


def digest(value: Any) -> str:
    blob = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]
