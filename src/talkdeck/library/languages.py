"""Languages as library data: ``talks/common/languages.yaml`` declares each language a talk may
be written in, its name, the words talkdeck itself puts on slides and printouts, how it writes
dates, and the BCP 47 tag a deck in that language carries.

A new language is a new entry in that file, no code change: the CLI offers every declared
language, and region and talk files may use it once it is declared.

Tags: a deck for a country region is tagged ``{code}-{REGION}`` (``es-CO``, ``en-GB``); a deck for
the global region takes the language's ``global_tag`` (``en``; ``es-419``, Latin American
Spanish, the variety the global Spanish texts are written in).
"""

from __future__ import annotations

import re
import string
from typing import Any, ClassVar

from pydantic import Field, field_validator, model_validator

from talkdeck.library.model.base import LANG_CODE, Strict
from talkdeck.library.model.region import CONFIRMED_HOW

TAG_RE = r"^[a-z]{2}(-([A-Z]{2}|[0-9]{3}))?$"
GLOBAL = "global"


def tag_for(code: str, global_tag: str, region: str) -> str:
    """The BCP 47 tag of a deck in language ``code`` for ``region`` (see the module's doc)."""
    return global_tag if region == GLOBAL else f"{code}-{region.upper()}"


def fill_problem(name: str, text: str, allowed: tuple[str, ...]) -> str | None:
    """Why ``text`` cannot be filled with ``allowed`` names by str.format, or None.

    Only plain {name} fields: a format spec such as {year:>99999} or a conversion is refused."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as exc:
        return f"{name}: {exc} (write {{{{ for a brace)"
    for _, field, spec, conversion in parts:
        if field is not None and (field not in allowed or spec or conversion):
            may = ", ".join(f"{{{a}}}" for a in allowed) or "no {name}"
            shown = field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            return f"{name} uses {{{shown}}}; it may use {may}"
    return None


class Labels(Strict):
    """Label texts; each may fill only the {names} its use gives it (see FILLS)."""

    model_config = Strict.model_config | {"populate_by_name": True}
    FILLS: ClassVar[dict[str, tuple[str, ...]]] = {}

    @model_validator(mode="after")
    def _fills(self) -> Labels:
        for name, info in type(self).model_fields.items():
            key = info.alias or name
            problem = fill_problem(f"label '{key}'", getattr(self, name), self.FILLS.get(key, ()))
            if problem:
                raise ValueError(problem)
        return self

    def table(self) -> dict[str, str]:
        """{label: text}, keyed as in the file."""
        return self.model_dump(by_alias=True)


class DeckLabels(Labels):
    """Words talkdeck puts on slides and in speaker notes."""

    FILLS: ClassVar[dict[str, tuple[str, ...]]] = {
        "local": ("region",),
        "time": ("minutes",),
        "clock": ("end", "start", "total"),
        "gathered": ("date", "sources"),
        "confirmed": ("by", "date", "how"),
        "law_gathered": ("date",),
        "help_now": ("channel",),
        "call": ("number",),
        "qr": ("url",),
        "lead": ("name",),
        "logo": ("school",),
        "help_qr": ("names",),
        "added": ("date",),
        "added_by": ("by", "date"),
        "added_note": ("lines",),
        "school_adult": ("name",),
        "pupil_tip": ("tip",),
        "translation": ("text",),
    }

    help: str
    """English: Where to get help"""
    law: str
    """English: The law"""
    local: str
    """English: In {region}"""
    sms: str
    """English: Text"""
    whatsapp: str
    """English: WhatsApp"""
    via: str
    """English: via"""
    time: str
    """English: {minutes} min"""
    clock: str
    """English: at {start}-{end} of {total} min"""
    before: str
    """English: BEFORE THE TALK"""
    disclosure: str
    """English: IF A CHILD TELLS YOU ABOUT ABUSE"""
    sources: str
    """English: SOURCE"""
    gathered: str
    """English: From published sources, gathered on {date}; confirm before your talk. ..."""
    confirmed: str
    """English: confirmed on {date} by {by} ({how})"""
    unconfirmed: str
    """English: not confirmed yet"""
    law_gathered: str
    """English: gathered on {date}"""
    how: str
    """English: phone call|official site|email|in person (the ways to confirm, in this order)"""
    help_now: str
    """English: Need help now? {channel} (the last line of a "Help near you" slide)"""
    quote: str
    """English: The source's words"""
    penalty: str
    """English: Penalty"""
    draft: str
    """English: DRAFT"""
    qr: str
    """English: QR code: {url}"""
    lead: str
    """English: The school's safeguarding lead: {name}"""
    logo: str
    """English: {school} logo (alt text of a logo given with --logo)"""
    logo_plain: str
    """English: School logo (the same, when no --school is given)"""
    # Notes of helpline and split slides. Defaults keep a language file written before them
    # valid (a coordinator translates them when they can).
    help_cards: str = "On the slide: a card for each service, with its number or web address."
    """English: On the slide: a card for each service, with its number or web address."""
    help_qr: str = "The QR code on the card of {names} opens its website: pupils can scan it now."
    """English: The QR code on the card of {names} opens its website: pupils can scan it now."""
    help_no_qr: str = "There are no QR codes on this slide."
    """English: There are no QR codes on this slide."""
    call: str = "Call {number}"
    """English: Call {number} (after "Need help now?" on the last "Help near you" slide)"""
    continued: str = "(Continued from the previous slide.)"
    """English: (Continued from the previous slide.)"""
    # A helpline the presenter adds with --helpline, on its card, in the notes and handout.
    added: str = "Added by the presenter, confirmed on {date}"
    """English: Added by the presenter, confirmed on {date}"""
    added_by: str = "Added by the presenter, confirmed on {date} by {by}"
    """English: Added by the presenter, confirmed on {date} by {by}"""
    added_note: str = (
        "Added by the presenter for this class with --helpline, not from the reference data: "
        "{lines}."
    )
    """English: Added by the presenter for this class with --helpline, not from the ..."""
    school_adult: str = "In school, you can talk to: {name}"
    """English: In school, you can talk to: {name} (the closing slide, with --lead)"""
    translation: str = "Translation: “{text}”"
    """English: Translation: “{text}” (a fact's quote in the deck's language, after the original)"""
    pupil_tip: str = "What we tell pupils: {tip}"
    """English: What we tell pupils: {tip} (a pupils' tip on a slide of the parents' session)"""
    tips_said: str = "Say each tip in full (the cards show it in a few words):"
    """English: Say each tip in full (the cards show it in a few words): (notes of a tips slide)"""

    @field_validator("how")
    @classmethod
    def _one_part_per_way(cls, how: str) -> str:
        parts = len(how.split("|"))
        if parts != len(CONFIRMED_HOW):
            raise ValueError(
                f"label 'how' has {parts} part{'s' if parts != 1 else ''} separated by |; it "
                f"needs {len(CONFIRMED_HOW)}, in this order: {'|'.join(CONFIRMED_HOW)}"
            )
        return how


class GuideLabels(Labels):
    """Words of the presenter's guide and the take-home handout."""

    FILLS: ClassVar[dict[str, tuple[str, ...]]] = {
        "for": ("date", "language", "region", "version", "who"),
        "pupils": ("age",),
        "parents": ("age",),
        "length": ("duration", "minutes", "slides"),
        "words": ("who",),
        "p_deck": ("command",),
        "p_handout": ("command",),
        "confirm_intro": ("date",),
        "confirm_item": ("name", "source", "status", "ways"),
        "timing": ("end", "minutes", "start"),
        "helplines": ("region",),
        "source": ("source",),
        "checked": ("date",),
        "note": ("note",),
        "practice": ("source",),
        "made": ("fingerprint", "talk", "tool", "version"),
        "sheet": ("region",),
        "parents_title": ("title",),
        "from": ("date", "title", "version"),
        "web": ("url",),
        "sms": ("number",),
        "call": ("number",),
        "whatsapp": ("number",),
        "hours": ("hours",),
        "gap_add": ("command",),
    }

    guide: str
    """English: Presenter's guide"""
    # Keys that are Python keywords carry their schema description here (no docstring match).
    for_: str = Field(
        alias="for",
        description="English: {region} · {who} · {language} · talk version {version} ({date})",
    )
    pupils: str
    """English: pupils aged {age}"""
    parents: str
    """English: parents of pupils aged {age}"""
    glance: str
    """English: At a glance"""
    length: str
    """English: "Length: a {duration}-minute session; the slides' timings add"..."""
    words: str
    """English: The wording on the slides and in this script is written for {who}."""
    prepare: str
    """English: What to prepare"""
    p_deck: str
    """English: The deck, and a PDF copy for schools without PowerPoint: `{command}`"""
    p_handout: str
    """English: The take-home sheet, one per person: `{command}`"""
    p_room: str
    """English: Test the projector and sound before the class arrives; ask f..."""
    p_box: str
    """English: A box and paper slips for anonymous questions."""
    confirm: str
    """English: Before your talk: confirm each helpline (the guide's first heading)"""
    confirm_intro: str
    """English: These details come from published sources, gathered on {date}. ..."""
    confirm_item: str
    """English: {name}: {ways}. Source: {source}. {status}."""
    before: str
    """English: Before the talk: the safeguarding lead and ground rules"""
    disclosure: str
    """English: If a child tells you about abuse"""
    script: str
    """English: The script, slide by slide"""
    timing: str
    """English: {start}–{end} min · {minutes} min"""
    on_slide: str
    """English: On the slide:"""
    see: str
    """English: (The safeguarding steps above are also in this slide's notes.)"""
    helplines: str
    """English: Helplines: {region}"""
    law: str
    """English: The law"""
    source: str
    """English: Source: {source}"""
    checked: str
    """English: gathered on {date}"""
    note: str
    """English: For you, not the pupils: {note}"""
    practice: str
    """English: Safeguarding practice from {source}."""
    made: str
    """English: "Made by talkdeck {tool} from '{talk}' version {version}, fin"..."""
    sheet: str
    """English: A sheet to take home · {region}"""
    parents_title: str
    """English: For parents and carers: {title}"""
    parents_intro: str
    """English: Your child has had a talk at school about online grooming: w..."""
    signs: str
    """English: Warning signs"""
    do: str
    """English: What to do"""
    remember: str
    """English: Remember (the talk's key rules, as on its recap slide)"""
    help_parent: str
    """English: What you can do"""
    who: str
    """English: Who can help"""
    from_: str = Field(
        alias="from",
        description="English: From the talk '{title}' (version "
        "{version}). Numbers from published sources, gathered on {date}. (Handout: "
        "the presenter's guide and notes, not the handout, ask to confirm them.)",
    )
    web: str
    """English: Online: {url}"""
    sms: str
    """English: Text: {number}"""
    call: str
    """English: Call: {number}"""
    whatsapp: str
    """English: WhatsApp: {number}"""
    hours: str
    """English: Open: {hours}"""
    added_source: str = "added by the presenter for this class, not from the reference data"
    """English: added by the presenter for this class, not from the reference data"""
    gap_add: str = (
        "When you have confirmed a child helpline or the emergency number for your area, add it "
        'to the slides, this guide and the handout: `{command} --helpline "NAME=NUMBER"`'
    )
    """English: When you have confirmed a child helpline or the emergency number for your ..."""


class LabelOverrides(Strict):
    """Labels that differ from the language's own, by key (each key one of deck or guide)."""

    deck: dict[str, str] = Field(default_factory=dict)
    """Words on slides and in speaker notes that differ, e.g. {help_now: "..."}."""
    guide: dict[str, str] = Field(default_factory=dict)
    """Words of the presenter's guide and the handout that differ."""

    @model_validator(mode="after")
    def _known(self) -> LabelOverrides:
        for part, cls in (("deck", DeckLabels), ("guide", GuideLabels)):
            known = {info.alias or name for name, info in cls.model_fields.items()}
            for key, text in getattr(self, part).items():
                if key not in known:
                    raise ValueError(f"{part} label '{key}' does not exist")
                problem = fill_problem(f"{part} label '{key}'", text, cls.FILLS.get(key, ()))
                if problem:
                    raise ValueError(problem)
        return self


class Variant(LabelOverrides):
    """A regional variant's labels (keyed by its BCP 47 tag, e.g. 'es-ES')."""

    adults: LabelOverrides | None = None
    """Its labels for adults. When given, they replace the language's ``adults`` (Spain
    addresses parents with tú, like pupils, so its ``adults`` repeat no usted label)."""


class Language(Strict):
    code: str = Field(pattern=LANG_CODE)
    """ISO 639-1 code used in text keys, region and talk files, e.g. 'es'."""
    name: str
    """The language's name in itself, e.g. 'español'."""
    global_tag: str = Field(pattern=TAG_RE)
    """BCP 47 tag of decks for the global region, e.g. 'en' or 'es-419'."""
    months: list[str] = Field(min_length=12, max_length=12)
    """Month names, January first, as written inside a date."""
    date: str
    """How a long date is written, with {day}, {month} and {year}."""
    deck: DeckLabels
    """Words on slides and in speaker notes."""
    guide: GuideLabels
    """Words of the presenter's guide and the handout."""
    adults: LabelOverrides | None = None
    """Labels a deck, guide or handout for adults (the parents' session) uses instead: the
    headings of their safeguarding notes, and the words addressed to them (Latin American
    Spanish addresses parents with usted)."""
    variants: dict[str, Variant] = Field(default_factory=dict)
    """Regional variants by BCP 47 tag ('es-ES'): labels that differ there (Spain: "centro")."""

    @model_validator(mode="after")
    def _date(self) -> Language:
        problem = fill_problem("date", self.date, ("day", "month", "year"))
        if problem:
            raise ValueError(problem)
        for tag in self.variants:
            if tag.partition("-")[0] != self.code or not re.fullmatch(TAG_RE, tag):
                raise ValueError(f"variant '{tag}' is not a tag of '{self.code}' (e.g. es-ES)")
        return self

    def long_date(self, day: Any) -> str:
        """16 June 2018 / 16 de junio de 2018."""
        return self.date.format(day=day.day, month=self.months[day.month - 1], year=day.year)

    def tag(self, region: str) -> str:
        return tag_for(self.code, self.global_tag, region)

    def labels(self, part: str, tag: str = "", adults: bool = False) -> dict[str, str]:
        """The ``part`` ('deck' or 'guide') labels of a deck tagged ``tag`` ('es-ES'), for adults
        or pupils: the language's, then its variant's, then the adults' (the variant's own when
        it gives them, else the language's)."""
        out = dict(getattr(self, part).table())
        variant = self.variants.get(tag)
        if variant is not None:
            out.update(getattr(variant, part))
        if adults:
            own = variant.adults if variant is not None else None
            grown = own if own is not None else self.adults
            out.update(getattr(grown, part) if grown is not None else {})
        return out


class LanguagesFile(Strict):
    languages: list[Language] = Field(min_length=1)
    """Every language the library's talks, regions and common files may be written in."""
