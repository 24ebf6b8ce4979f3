"""A tailored deck made personal for one class: the school, presenter and date on the title
slide, and the school's safeguarding lead in the notes and on the closing slide."""

from __future__ import annotations

from dataclasses import replace

from talkdeck.deck.kinds import KINDS, Line
from talkdeck.deck.resolved import Deck, ResolvedSlide
from talkdeck.deck.word_limits import slide_words


def personalise(
    deck: Deck, school: str = "", presenter: str = "", date: str = "", lead: str = ""
) -> Deck:
    """The deck with the volunteer's details on the title slide (and in its audience).

    The safeguarding lead is named in the notes of the slides that carry the disclosure
    guidance (title and closing), for the presenter only, and on the closing slide for the
    pupils, as a trusted adult in school (:func:`name_lead`).
    """
    details = tuple(Line(x) for x in (school, presenter, date) if x)
    audience = replace(deck.audience, school=school, presenter=presenter, date=date, lead=lead)
    named = deck.labels["lead"].format(name=lead) if lead else ""

    def one(s: ResolvedSlide) -> ResolvedSlide:
        if KINDS[s.kind].personal:
            s = replace(s, body=s.body + details)
        if named and "disclosure" in KINDS[s.kind].guidance:
            s = replace(s, notes=f"{s.notes}\n\n{named}")
        if lead and s.kind == "closing":
            s = name_lead(s, deck.labels["school_adult"].format(name=lead), deck.word_limit)
        return s

    return replace(deck, audience=audience, slides=tuple(one(s) for s in deck.slides))


def name_lead(slide: ResolvedSlide, line: str, limit: int) -> ResolvedSlide:
    """The closing slide with "In school, you can talk to: {lead}" after its opening text.

    To stay within the words a pupil slide may show (docs/writing-talks.md), the last of its
    helpline lines makes room when the slide would be over the limit; one always stays.
    """
    body = list(slide.body)
    at = next((k for k, x in enumerate(body) if x.bullet), len(body))
    body.insert(at, Line(line, bullet=False))
    out = replace(slide, body=tuple(body))
    while limit and slide_words(out) > limit and sum(x.bullet for x in out.body) > 1:
        last = max(k for k, x in enumerate(out.body) if x.bullet)
        out = replace(out, body=out.body[:last] + out.body[last + 1 :])
    return out
