"""The model of a talk file (talks/<id>.yaml): its slides, versions and approval.

A slide's ``kind`` is one of :mod:`talkdeck.library.kind_fields`; the fields each kind needs or
alone may take, its picture and its cards are checked here from that table, which the deck's
declaration of the kind (:mod:`talkdeck.deck.kinds`) reads too.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from talkdeck.library.kind_fields import KIND_FIELDS, KIND_NAMES
from talkdeck.library.model.base import ID_RE, LANG_CODE, Strict, quoted_version
from talkdeck.library.texts import ALL_AGES, Ages, LocalText

SlideKind = Literal[KIND_NAMES]  # type: ignore[valid-type]  # the kinds in library/kind_fields.py


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
    page_pictures: list[str] = Field(default_factory=list)
    """Slides the build splits (law, local): more picture ids, taken in turn with `picture` by
    the slides it becomes, so no two in a row show the same one."""
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
        kind = KIND_FIELDS[self.kind]
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
        for name in sorted({f for k in KIND_FIELDS.values() for f in k.takes} - set(kind.takes)):
            if getattr(self, name):
                owners = [kind_name for kind_name, k in KIND_FIELDS.items() if name in k.takes]
                raise ValueError(f"only {' and '.join(owners)} slides take '{name}'")
        return self


class Change(Strict):
    version: str
    """The version this entry describes."""
    date: dt.date
    """When it was made."""
    changes: str
    """What changed, for coordinators."""

    _v = field_validator("version", mode="before")(lambda cls, v: quoted_version(v))


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

    _v = field_validator("version", mode="before")(lambda cls, v: quoted_version(v))
