"""Typed content: talks, slides, facts, tips, regions and the texts they hold.

Every field carries a docstring; pydantic turns them into the JSON Schema that ``talkdeck schema``
prints for editors. Models only check what one file can know; references between files (fact ids,
tip ids, translations for every age) are checked in :mod:`talkdeck.library.references`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from talkdeck.deck.kinds import KIND_NAMES, KINDS
from talkdeck.library.texts import (  # noqa: F401  (re-exported: the model's vocabulary)
    AGES,
    ALL_AGES,
    MAX_AGE,
    MIN_AGE,
    AgeRange,
    Ages,
    LocalText,
    Text,
)

ID_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LANG_CODE = r"^[a-z]{2}$"
"""An ISO 639-1 language code; which ones exist is library data (languages.yaml)."""


def _quoted_version(value: object) -> object:
    # YAML reads `version: 1.10` as the number 1.1 and `010` as 8: the text as written is lost
    # by then, so a number is refused rather than silently stamped as another version.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(
            f"YAML reads this unquoted version as the number {value!r}; write it "
            'in quotes, e.g. version: "1.10"'
        )
    return value


def field_docs(cls: type, schema: dict[str, Any]) -> None:
    """Give each property of ``cls``'s JSON Schema the docstring written under its field.

    Run only when a schema is generated: pydantic's use_attribute_docstrings reads every
    class's source at import, which cost every build about 0.1 s.
    """
    import ast
    import inspect

    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if not issubclass(klass, BaseModel) or klass is BaseModel:
            continue
        body = ast.parse(inspect.cleandoc("\n" + inspect.getsource(klass))).body[0]
        assert isinstance(body, ast.ClassDef)
        for field, doc in zip(body.body, body.body[1:], strict=False):
            if (
                isinstance(field, ast.AnnAssign)
                and isinstance(field.target, ast.Name)
                and isinstance(doc, ast.Expr)
                and isinstance(doc.value, ast.Constant)
                and isinstance(doc.value.value, str)
            ):
                docs[field.target.id] = inspect.cleandoc(doc.value.value)
    for name, spec in schema.get("properties", {}).items():
        if name in docs:
            spec["description"] = docs[name]


class Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra=lambda schema, cls: field_docs(cls, schema),
    )


# --- facts, sources, tips ---------------------------------------------------------------------


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


Reader = Literal["everyone", "pupils", "adults"]
"""Who may see an entry: everyone, pupils' decks only, or adults only (parents' decks, guides)."""


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


# --- regions ----------------------------------------------------------------------------------

PartialDate = Annotated[
    str,
    BeforeValidator(lambda v: v.isoformat() if isinstance(v, dt.date) else str(v)),
    Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"),
]


class Confirmation(Strict):
    date: dt.date
    """When the details were confirmed."""
    by: str = Field(min_length=2)
    """Who confirmed them (name and role), e.g. 'A. Pérez, coordinator'."""
    how: Literal["phone call", "official site", "email", "in person"]
    """How: a phone call to the number, the owner's official site, an email or a visit."""


ChannelKind = Literal[
    "child-helpline",
    "emergency",
    "helpline",
    "report",
    "directory",
    "trafficking",
    "adults",
]
"""What a channel is. Pupils' decks list them in this order, so a child helpline comes first."""


class Channel(Strict):
    name: str
    """The helpline or reporting channel, as its owner names it."""
    kind: ChannelKind
    """child-helpline (children can call), emergency (the national emergency number), helpline
    (anyone, incl. children), report (a reporting line or site), directory (a list of
    helplines), trafficking (a trafficking line: pupils 13-15 only), adults (for adults only)."""
    audience: Reader = "everyone"
    """Who may see it: everyone, pupils' decks only, or adults only (parents' decks, guides)."""
    ages: Ages | None = None
    """Show it only to pupils of these ages (default: every age; trafficking lines: 13-15)."""
    what: LocalText | None = None
    """What it is for, in the pupils' words."""
    what_adults: LocalText | None = None
    """What it is for, said to parents: the parents' session shows it instead of ``what``
    (Latin American Spanish addresses parents with usted, pupils with tú)."""
    phone: str = ""
    """Number to call, as dialled in the country."""
    text: str = ""
    """Number to text (SMS)."""
    whatsapp: str = ""
    """WhatsApp number."""
    url: str = ""
    """Web address (shown with a QR code)."""
    hours: str = ""
    """When it answers, e.g. '24/7'."""
    note: LocalText | None = None
    """A caveat for the presenter (speaker notes and guide, never on a pupil's slide)."""
    source: str
    """The published source the details were read from (gathered, not confirmed)."""
    source_date: PartialDate | None = None
    """The source's own date, if it showed one (YYYY, YYYY-MM or YYYY-MM-DD)."""
    gathered: dt.date
    """When the details were read from the published source (not a check that it answers)."""
    confirmed: Confirmation | None = None
    """When, by whom and how someone confirmed the details still work; none until then."""

    @model_validator(mode="after")
    def _reachable(self) -> Channel:
        if not (self.phone or self.text or self.whatsapp or self.url):
            raise ValueError("a channel needs a phone, text, whatsapp or url")
        return self


class Law(Strict):
    name: str
    """The law's citation, e.g. 'Ley 26.904 (2013)'."""
    summary: LocalText
    """What it means, in plain words for pupils."""
    penalty: LocalText | None = None
    """The penalty in plain words, if confirmed."""
    source: str
    """The published source it was read from."""
    gathered: dt.date
    """When it was read from the published source."""
    confirmed: Confirmation | None = None
    """When, by whom and how someone confirmed it is still in force; none until then."""


class Organisation(Strict):
    name: str
    """The organisation's name."""
    what: LocalText
    """What it does, in one short line; may vary by age."""
    ages: Ages | None = None
    """Show it only to pupils of these ages (default: every age)."""
    audience: Reader = "everyone"
    """Who may see it: everyone, pupils' decks only, or adults only."""


class Region(Strict):
    code: str = Field(pattern=r"^(global|[A-Z]{2})$")
    """'global' or an ISO 3166 country code; must match the file name."""
    name: LocalText
    """The country's name in each language."""
    languages: list[Annotated[str, Field(pattern=LANG_CODE)]] = Field(min_length=1)
    """Deck languages offered (declared in languages.yaml); the first is the default."""
    channels: list[Channel] = Field(min_length=1)
    """Helplines and reporting channels, most useful first."""
    law: Law | None = None
    """The national grooming law, where one exists."""
    organisations: list[Organisation] = Field(default_factory=list)
    """Local organisations the source article names."""
    facts: list[Fact] = Field(default_factory=list)
    """Facts that only apply in this region."""
    help_gap: LocalText | None = None
    """Why the reference data has no child helpline or national emergency number here; set
    only when none is known. Shown to the presenter, who must add a confirmed number."""


# --- talks ------------------------------------------------------------------------------------

SlideKind = Literal[KIND_NAMES]  # type: ignore[valid-type]  # the kinds declared in deck/kinds.py


class Bullet(Strict):
    text: LocalText | None = None
    """The bullet's wording (or give `rule` instead)."""
    rule: str | None = Field(default=None, pattern=ID_RE)
    """The id of a tip whose `rule` this bullet shows word for word, instead of `text`."""
    ages: Ages | None = None
    """Show this bullet only to these ages."""
    level: int = Field(default=0, ge=0, le=1)
    """0 for a main point, 1 for a sub-point."""

    @model_validator(mode="after")
    def _text_or_rule(self) -> Bullet:
        if (self.text is None) == (self.rule is None):
            raise ValueError("a bullet needs either 'text' or 'rule' (a tip id), not both")
        return self


class Image(Strict):
    path: str
    """Picture file, relative to the library's assets/ folder."""
    alt: LocalText
    """Alternative text read out by screen readers."""


class Slide(Strict):
    id: str = Field(pattern=ID_RE)
    """Unique within the talk; keeps translations and changelogs aligned."""
    kind: SlideKind
    """Which layout and content this slide has."""
    ages: Ages | None = None
    """Include the slide only for these ages (default: every age of the talk)."""
    title: LocalText | None = None
    """The slide's heading (helpline, law and local slides have a default)."""
    text: LocalText | None = None
    """A short paragraph: subtitle, section line or closing message."""
    bullets: list[Bullet] = Field(default_factory=list)
    """Points, each a text or {text, ages, level}."""
    fact: str | None = Field(default=None, pattern=ID_RE)
    """Statistic slides: the id of the fact to show."""
    tips: list[str] = Field(default_factory=list)
    """Tips slides: ids of the tips to show, in order."""
    image: Image | None = None
    """A picture of the library's own (a file under assets/, with its alt text)."""
    picture: str | None = Field(default=None, pattern=ID_RE)
    """The slide's picture, an id from pictures.yaml (e.g. 'light-bulb')."""
    pictures: list[str] = Field(default_factory=list)
    """Card slides (rules, activity, recap): one picture id per bullet, in order."""
    minutes: float = Field(gt=0, le=30)
    """Time to spend on the slide, shown in the speaker notes."""
    notes: LocalText
    """Speaker notes: what to say, prompts, answers."""

    @field_validator("bullets", mode="before", json_schema_input_type=list[Bullet | LocalText])
    @classmethod
    def _bullet_shorthand(cls, value: object) -> object:
        # A bullet written as plain text is the common case; expand it to {text: ...}.
        if isinstance(value, list):
            return [
                v if isinstance(v, dict) and ("text" in v or "rule" in v) else {"text": v}
                for v in value
            ]
        return value

    @model_validator(mode="after")
    def _kind_needs(self) -> Slide:
        kind = KINDS[self.kind]
        for need in kind.needs:
            if not getattr(self, need):
                raise ValueError(f"a {self.kind} slide needs '{need}'")
        items = len(self.tips) + len(self.bullets) if kind.cards else 0
        if kind.cards and items > kind.cards:
            raise ValueError(
                f"a {self.kind} slide shows at most {kind.cards} cards, not {items}: "
                "split it into two slides rather than shrink the text"
            )
        if (self.image or self.picture) and not kind.picture:
            raise ValueError(
                f"a {self.kind} slide has no room for a slide picture: "
                + (
                    "each card takes its own (`pictures`, or the tip's `picture`)"
                    if kind.cards
                    else "leave it out"
                )
            )
        if self.pictures and len(self.pictures) != len(self.bullets):
            raise ValueError(
                f"'pictures' names {len(self.pictures)} pictures for "
                f"{len(self.bullets)} bullets: give one per bullet"
            )
        for name in sorted({f for k in KINDS.values() for f in k.takes} - set(kind.takes)):
            if getattr(self, name):
                owners = [k.name for k in KINDS.values() if name in k.takes]
                raise ValueError(f"only {' and '.join(owners)} slides take '{name}'")
        return self


class Change(Strict):
    version: str
    """The version this entry describes."""
    date: dt.date
    """When it was made."""
    changes: str
    """What changed, for coordinators."""

    _v = field_validator("version", mode="before")(lambda cls, v: _quoted_version(v))


class Approval(Strict):
    by: str = Field(min_length=2)
    """Who approved this version (name and role), e.g. 'J. Smith, safeguarding lead'."""
    date: dt.date
    """When they approved it; not before the version's date."""


class Talk(Strict):
    id: str = Field(pattern=ID_RE)
    """Must match the file name (talks/<id>.yaml)."""
    title: LocalText
    """Shown on the title slide."""
    version: str
    """Content version, e.g. '1.2'; raise it whenever the wording changes."""
    version_date: dt.date
    """When this version was made; also the deck's creation date, for reproducible files."""
    status: Literal["draft", "approved"] = "draft"
    """Only approved versions are built without --draft."""
    approved: Approval | None = None
    """Who approved this version and when; lint requires it when status is approved."""
    description: LocalText
    """One or two sentences for coordinators and the presenter guide."""
    audience: Literal["pupils", "parents"] = "pupils"
    """Who the talk is for; pupil-facing text is held to a reading grade."""
    duration: int = Field(ge=5, le=120)
    """Planned length in minutes."""
    ages: Ages = ALL_AGES
    """Ages the talk can be built for."""
    languages: list[Annotated[str, Field(pattern=LANG_CODE)]] = Field(
        default_factory=lambda: ["en"], min_length=1
    )
    """Languages every text must be written in (declared in languages.yaml); plain strings
    count as the first."""
    changelog: list[Change] = Field(default_factory=list)
    """Newest first: version, date and what changed."""
    slides: list[Slide] = Field(min_length=1)
    """The slides, in order."""

    _v = field_validator("version", mode="before")(lambda cls, v: _quoted_version(v))
