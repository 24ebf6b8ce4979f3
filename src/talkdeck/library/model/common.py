"""Models of the shared files under talks/common/: facts and their sources, tips, vocabulary,
guidance, the web page's words and the pictures slides may show.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from talkdeck.library.model.base import ID_RE, Reader, Strict
from talkdeck.library.texts import MAX_AGE, MIN_AGE, Ages, LocalText, Text


class Source(Strict):
    id: str = Field(pattern=ID_RE)
    """Id that facts use in their `source` field."""
    publisher: str
    """Who published it, as cited on slides, e.g. 'Reuters'."""
    title: str
    """Title of the article or page."""
    date: dt.date
    """Publication date (YYYY-MM-DD)."""
    via: str = ""
    """Who reported it for the publisher, e.g. 'Thomson Reuters Foundation'."""
    url: str = ""
    """Where the source can be read, if it has an address."""


class Fact(Strict):
    id: str = Field(pattern=ID_RE)
    """Unique id that slides refer to, e.g. 'icmec-predators-online'."""
    number: LocalText
    """The figure as shown large on a slide, e.g. '750,000' or '1 in 7'."""
    text: LocalText
    """The claim in words, shown under the number; may vary by age."""
    organisation: LocalText
    """Who said it, in full, e.g. 'International Centre for Missing & Exploited Children'; a
    plain string serves every language (a name), a mapping translates a description."""
    short: LocalText
    """Short name for the source line, e.g. 'ICMEC' or {en: Experts, es: Expertos}."""
    year: int = Field(ge=1990, le=2100)
    """The year the figure refers to, absolute ('last year' in a 2018 article is 2017)."""
    source: str = Field(pattern=ID_RE)
    """Id of the source it was published in (see `sources`)."""
    quote: str
    """The source's own words, verbatim, kept so a coordinator can check the fact."""
    translation: dict[str, str] = Field(default_factory=dict)
    """The quote in another language, by language code (es: ...): the notes of a deck in that
    language give it after the verbatim quote, marked as a translation."""
    scope: LocalText | None = None
    """The country, group or platform the claim is about, as the slide must name it
    (e.g. {en: Colombia, es: Colombia}); lint checks every wording of `text` names it."""
    ages: Ages | None = None
    """Region facts: show only to pupils of these ages (default: every age)."""
    audience: Reader = "everyone"
    """Region facts: who may see it (adults = parents' decks only)."""


class FactsFile(Strict):
    languages: list[str] = Field(default_factory=lambda: ["en"], min_length=1)
    """Languages the texts are written in; plain strings count as the first."""
    sources: list[Source]
    """Where the facts come from."""
    facts: list[Fact]
    """Every statistic and dated claim a talk may show."""


class Tip(Strict):
    id: str = Field(pattern=ID_RE)
    """Unique id that tips slides refer to."""
    text: LocalText
    """The advice; may vary by age and language."""
    picture: str | None = Field(default=None, pattern=ID_RE)
    """The picture shown beside the tip (an id from pictures.yaml)."""
    audience: Reader = "everyone"
    """Who the tip is for: 'adults' for the parents' session (never checked as pupil text)."""
    card: LocalText | None = None
    """The tip in a few words for a pupils' tips slide (about 7 words at 11-12, 9 at 13-15):
    the presenter says the full text, which the notes carry. A tip with a `rule` shows its rule
    instead, so it has no card."""
    rule: LocalText | None = None
    """A key safety rule in one line, defined once per age: the tip's text contains it word
    for word, and bullets that name the tip (`rule: <tip id>`) show it, so the slide, the
    recap and the handout all say the same thing."""
    source: str
    """Where the advice comes from, e.g. 'Reuters, 16 June 2018' or 'NSPCC'."""


class TipsFile(Strict):
    languages: list[str] = Field(default_factory=lambda: ["en"], min_length=1)
    """Languages the texts are written in; plain strings count as the first."""
    tips: list[Tip]
    """Safety advice a talk may show."""


class GatedWords(Strict):
    from_age: int = Field(ge=MIN_AGE, le=MAX_AGE)
    """Pupils younger than this never see these words: not on slides, tips, facts, region
    files or handouts."""
    why: str
    """What the words are about, for lint's message (e.g. 'trafficking and the sex trade')."""
    words: dict[Literal["en", "es"], list[str]]
    """Per language, words and phrases; 'traffick*' matches every word that starts so."""


class AvoidedWords(Strict):
    why: str
    """Why, for lint's message (e.g. 'parents in Latin America are addressed with usted')."""
    words: dict[Literal["en", "es"], list[str]]
    """Per language, words and phrases a deck must not show; 'colegio*' matches every word that
    starts so."""
    tags: list[str] = Field(default_factory=list)
    """Only decks with these BCP 47 tags (default: every deck of the language)."""
    not_tags: list[str] = Field(default_factory=list)
    """Not decks with these tags (e.g. es-ES: Latin American wording only)."""
    audience: Literal["everyone", "pupils", "parents"] = "everyone"
    """Only the decks of talks for this audience."""
    notes: bool = False
    """Also the speaker notes (words the presenter says aloud or reads)."""


class Vocabulary(Strict):
    languages: list[str] = Field(default_factory=lambda: ["en"], min_length=1)
    """Languages the lists are written in."""
    gated: list[GatedWords]
    """Words and phrases allowed only from a given age (talks/common/vocabulary.yaml)."""
    foreign: dict[Literal["en", "es"], list[str]] = Field(default_factory=dict)
    """Per deck language, words of another language that must never appear in its decks
    (names, citations and the source's own quotes excepted)."""
    avoid: list[AvoidedWords] = Field(default_factory=list)
    """Wordings that must not come back, and words of the wrong variety or register of a
    language (lint rule `avoid-wording`)."""


class Guidance(Strict):
    languages: list[str] = Field(default_factory=lambda: ["en"], min_length=1)
    """Languages the texts are written in; plain strings count as the first."""
    before_talk: LocalText
    """Speaker-notes text for the opening slide: brief the safeguarding lead, ground rules."""
    disclosure: LocalText
    """Speaker-notes text for the opening and closing slides: what to do if a child discloses."""
    before_session: LocalText | None = None
    """The parents' session's before_talk: brief the safeguarding lead; a parent may disclose."""
    parent_concern: LocalText | None = None
    """The parents' session's disclosure: what to do if a parent raises a concern about a
    child, or tells you about abuse."""
    source: str
    """Where this practice comes from (e.g. NSPCC, CEOP)."""

    def text(self, name: str, audience: str) -> Text:
        """'before_talk' or 'disclosure' for a talk's audience (parents get their own, if any)."""
        own = {"before_talk": self.before_session, "disclosure": self.parent_concern}[name]
        return own if audience == "parents" and own is not None else getattr(self, name)


class WebWords(Strict):
    """The words of the `talkdeck serve` page (talks/common/web.yaml)."""

    languages: list[str] = Field(min_length=1)
    """Languages the page is offered in; the first is the default."""
    strings: dict[str, dict[str, str]]
    """Each text of the page by key, then by language code; every language needs one."""


class PictureEntry(Strict):
    id: str = Field(pattern=ID_RE)
    """What slides write after `picture:`, e.g. 'light-bulb'."""
    file: str
    """The PNG, relative to the library's assets/pictures/ folder."""
    alt: LocalText
    """What the picture shows, read out by screen readers."""


class PicturesFile(Strict):
    languages: list[str] = Field(default_factory=lambda: ["en"], min_length=1)
    """Languages the alt texts are written in; plain strings count as the first."""
    pictures: list[PictureEntry]
    """Pictures slides may show; each set's README in assets/pictures/ gives its licence."""
    helplines: dict[str, str] = Field(default_factory=dict)
    """The picture a helpline card shows where a QR code would go when the service has no web
    address, by the service's kind (e.g. `child-helpline: telephone`, a channel `kind`): an id
    of `pictures`."""
