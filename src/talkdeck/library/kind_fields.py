"""The kinds of slide a talk file may use, and what a slide of each kind must and may hold.

This is the talk file's side of a slide kind: the model checks every slide against it
(:mod:`talkdeck.library.model.talk`) and the JSON Schema lists its names. The deck's side -- the
layout, which text goes in which box, how the kind is tailored -- is declared in
:mod:`talkdeck.deck.kinds`, which reads its fields, picture and cards from here, so the library
never imports the deck. Adding a kind is an entry here and one there (docs/architecture.md).

Imports nothing heavy: the deck reads it on every build, also when the cache answers.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KindFields:
    """What a talk file's slide of one kind must and may hold."""

    needs: tuple[str, ...] = ()
    """Slide fields this kind cannot do without."""
    takes: tuple[str, ...] = ()
    """Slide fields only this kind may use."""
    picture: bool = True
    """Whether the slide may show a picture of its own (its layout has a picture placeholder)."""
    cards: int = 0
    """How many cards the layout has (0: not a card slide); a slide may not show more."""


KIND_FIELDS: dict[str, KindFields] = {
    "title": KindFields(needs=("title",)),
    "section": KindFields(needs=("title",)),
    "bullets": KindFields(needs=("bullets",)),
    "rules": KindFields(needs=("bullets",), takes=("pictures",), picture=False, cards=6),
    "statement": KindFields(needs=("title", "text")),
    "statistic": KindFields(needs=("fact",), takes=("fact",)),
    "tips": KindFields(needs=("tips",), takes=("tips", "pictures"), picture=False, cards=4),
    "activity": KindFields(needs=("bullets",), takes=("pictures",), picture=False, cards=3),
    "helpline": KindFields(picture=False, cards=4),
    "law": KindFields(takes=("page_pictures",)),
    "local": KindFields(takes=("page_pictures",)),
    "recap": KindFields(needs=("bullets",), takes=("pictures",), picture=False, cards=6),
    "closing": KindFields(needs=("title",)),
}
"""Every kind a talk file may name, in the order messages and the schema list them."""

KIND_NAMES: tuple[str, ...] = tuple(KIND_FIELDS)
