"""Lint rule `avoid-wording`: wordings a review retired, and words of the wrong variety or
register of a language (vocabulary.yaml `avoid`).

A deck is checked where its words come from (the talk, a tip, a region file), then on the slide
as shown (labels and lines talkdeck adds) and, for entries with ``notes: true``, in the speaker
notes. A pupils' tip shown on a parents' slide is labelled as such ("What we tell pupils: ...")
and keeps its "you" to the child, so register entries for parents skip it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from talkdeck.coordinate.content_rules import exempt_names, pattern_of, shown_texts
from talkdeck.library.texts import text_loc

if TYPE_CHECKING:
    from talkdeck.coordinate.findings import Context
    from talkdeck.coordinate.lint_rules import DeckRules, Piece
    from talkdeck.deck.resolved import Deck
    from talkdeck.library.model import AvoidedWords, Vocabulary

RULES: dict[str, tuple[str, str]] = {
    "avoid-wording": (
        "error",
        "a retired wording, or a word of the wrong variety or register (vocabulary.yaml `avoid`)",
    ),
}


def _applies(entry: AvoidedWords, tag: str, audience: str) -> bool:
    if entry.tags and tag not in entry.tags:
        return False
    if tag in entry.not_tags:
        return False
    return entry.audience in ("everyone", audience)


def check_avoided(
    rules: DeckRules, deck: Deck, seen: list[tuple[int, Piece]], vocab: Vocabulary, ctx: Context
) -> None:
    """Report each avoided word a deck shows (or, for ``notes`` entries, says)."""
    audience = rules.talk.audience
    tip_prefix = deck.labels.get("pupil_tip", "").partition("{tip}")[0]
    names = exempt_names(rules.lib, ctx)  # a service's own name ("Te Protejo") is not a register
    slide_texts = []  # each slide's shown text, built once for every avoided-words entry
    for slide in deck.slides:
        shown = "\n".join(
            t for t in shown_texts(slide) if not (tip_prefix and t.startswith(tip_prefix))
        )
        for name in names:
            shown = shown.replace(name, " ")
        slide_texts.append((slide, shown))
    for entry in vocab.avoid:
        if not _applies(entry, deck.tag, audience):
            continue
        pattern = pattern_of(entry.words.get(ctx.lang, []))  # type: ignore[call-overload]
        if pattern is None:
            continue
        located: set[str] = set()
        for _, piece in seen:
            if piece.kind == "name" or (entry.audience == "parents" and piece.kind == "tip"):
                continue
            for match in pattern.finditer(piece.text):
                located.add(match.group().lower())
                rules.out.at(
                    piece.doc, piece.loc, "avoid-wording", _message(match.group(), entry), ctx
                )
        for slide, shown in slide_texts:
            i = rules.index.get(slide.talk_slide_id, 0)
            for match in pattern.finditer(shown):
                if match.group().lower() not in located:
                    located.add(match.group().lower())
                    where = f"slide '{slide.id}' shows "
                    rules.out.at(
                        rules.doc,
                        ("slides", i),
                        "avoid-wording",
                        where + _message(match.group(), entry),
                        ctx,
                    )
            if not entry.notes:
                continue
            path = ("slides", i, "notes")
            for match in pattern.finditer(slide.notes):
                loc = text_loc(rules.doc, path, deck.tag, ctx.age)
                if len(loc) == len(path):  # no variant for this tag: the language's text
                    loc = text_loc(rules.doc, path, ctx.lang, ctx.age)
                rules.out.at(
                    rules.doc,
                    loc,
                    "avoid-wording",
                    f"slide '{slide.id}' notes (or the guidance or a fact's note added to them): "
                    + _message(match.group(), entry),
                    ctx,
                )


def _message(word: str, entry: AvoidedWords) -> str:
    return f'"{word}": {entry.why}'
