"""Texts that vary by language and by the pupils' age, and the age ranges they use.

A text in YAML is one of: a string (all ages, the file's first language); a mapping of age
ranges to strings; or a mapping of languages (en, es, or any the library declares) to either
of those. A language may also have regional variants keyed by a BCP 47 tag (``es-ES:`` next to
``es:``): a deck whose tag matches (Spanish for Spain) reads the variant, every other deck the
language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import PlainSerializer, PlainValidator, ValidationInfo, WithJsonSchema

from talkdeck.library.ages import (  # noqa: F401  (re-exported: the models read ages from here)
    AGES,
    ALL_AGES,
    MAX_AGE,
    MIN_AGE,
    AgeRange,
)

if TYPE_CHECKING:
    from talkdeck.library.safe_yaml import Document, Loc

LANG_RE = re.compile(r"^[a-z]{2}(?:-[A-Z]{2})?$")
"""A language key: 'es', or a BCP 47 variant such as 'es-ES' used when the deck's tag matches."""


Ages = Annotated[
    AgeRange,
    PlainValidator(AgeRange.parse),
    PlainSerializer(str),
    WithJsonSchema(
        {
            "description": "An age (13) or an inclusive range ('11-12') within 11-15.",
            "anyOf": [
                {"type": "integer", "minimum": MIN_AGE, "maximum": MAX_AGE},
                {"type": "string", "pattern": r"^1[1-5](-1[1-5])?$"},
            ],
        }
    ),
]


# --- texts that vary by language and age ------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Wording per language, each an ordered list of (age range, text).

    In YAML a text is one of:
      * a string: all ages, in the file's first language;
      * ``{"11-12": ..., "13-15": ...}``: per age range, in the file's first language;
      * ``{en: ..., es: ...}``: per language, each a string or a per-age mapping.
    """

    variants: tuple[tuple[str, tuple[tuple[AgeRange, str], ...]], ...]

    def languages(self) -> tuple[str, ...]:
        """The languages written (regional variants such as 'es-ES' are not languages)."""
        return tuple(lang for lang, _ in self.variants if "-" not in lang)

    def tags(self) -> tuple[str, ...]:
        """The regional variants written, e.g. ('es-ES',)."""
        return tuple(lang for lang, _ in self.variants if "-" in lang)

    def get(self, lang: str, age: int, tag: str = "") -> str | None:
        """The wording for this language and age, or None when none is written.

        ``tag`` is the deck's BCP 47 tag ('es-ES'): its variant wins where one is written.
        """
        for key in (tag, lang) if tag and tag != lang else (lang,):
            for variant_lang, by_age in self.variants:
                if variant_lang == key:
                    for ages, text in by_age:
                        if age in ages:
                            return text
        return None

    def name(self, lang: str, age: int, tag: str = "") -> str:
        """For names: the wording in this language, else the first one written."""
        found = self.get(lang, age, tag)
        if found is not None:
            return found
        return next((t for _, by_age in self.variants for a, t in by_age if age in a), "")

    @classmethod
    def plain(cls, text: str, lang: str = "en") -> Text:
        return cls(((lang, ((ALL_AGES, text),)),))


def _by_age(value: object) -> tuple[tuple[AgeRange, str], ...]:
    if isinstance(value, str):
        return ((ALL_AGES, value.strip()),)
    if not isinstance(value, dict) or not value:
        raise ValueError("expected text, or a mapping of age ranges to text")
    pairs: list[tuple[AgeRange, str]] = []
    for key, text in value.items():
        ages = AgeRange.parse(key)
        if not isinstance(text, str):
            raise ValueError(f"the text for ages {ages} must be a string")
        for other, _ in pairs:
            if ages.lo <= other.hi and other.lo <= ages.hi:
                raise ValueError(f"age ranges {other} and {ages} overlap")
        pairs.append((ages, text.strip()))
    return tuple(sorted(pairs))


def parse_text(value: object, info: ValidationInfo) -> Text:
    """Normalise the three YAML forms of a text (see :class:`Text`)."""
    if isinstance(value, Text):
        return value
    default_lang = (info.context or {}).get("lang", "en")
    if (
        isinstance(value, dict)
        and value
        and all(isinstance(k, str) and LANG_RE.match(k) for k in value)
    ):
        # Which languages exist is library data: checked in talkdeck.library.references.
        return Text(tuple((lang, _by_age(v)) for lang, v in value.items()))
    if isinstance(value, dict) and any(isinstance(k, str) and LANG_RE.match(k) for k in value):
        raise ValueError("do not mix language keys (en, es) with age keys in one text")
    if isinstance(value, (str, dict)):
        return Text(((default_lang, _by_age(value)),))
    raise ValueError(f"expected text, got {type(value).__name__}")


_AGE_TEXT_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string"},
        {
            "type": "object",
            "patternProperties": {r"^1[1-5](-1[1-5])?$": {"type": "string"}},
            "additionalProperties": False,
        },
    ]
}
LocalText = Annotated[
    Text,
    PlainValidator(parse_text),
    PlainSerializer(lambda t: {lang: {str(a): s for a, s in pairs} for lang, pairs in t.variants}),
    WithJsonSchema(
        {
            "description": "Text: a string, {age range: string}, or {language: either of those}.",
            "anyOf": [
                *_AGE_TEXT_SCHEMA["anyOf"],
                {
                    "type": "object",
                    "patternProperties": {LANG_RE.pattern: _AGE_TEXT_SCHEMA},
                    "additionalProperties": False,
                },
            ],
        }
    ),
]


def text_loc(doc: Document, loc: Loc, lang: str, age: int) -> Loc:
    """``loc`` extended with the language and age-range keys as written in the file."""
    node: Any = doc.data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return loc
    out = list(loc)
    if isinstance(node, dict) and lang in node:
        out.append(lang)
        node = node[lang]
    if isinstance(node, dict):
        for key in node:
            try:
                if age in AgeRange.parse(key):
                    out.append(str(key))
                    break
            except ValueError:
                continue
    return tuple(out)
