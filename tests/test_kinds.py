"""Slide kinds are declared once (talkdeck.deck.kinds): the template and the model follow them."""

from __future__ import annotations

import pytest
from pptx import Presentation

from talkdeck.deck.kinds import KINDS, PICTURE, SLIDE_NUMBER
from talkdeck.library.model import Slide

from .conftest import TEMPLATE


def test_the_template_has_every_kinds_layout_and_boxes() -> None:
    layouts = {layout.name: layout for layout in Presentation(str(TEMPLATE)).slide_layouts}
    for kind in KINDS.values():
        most = min(kind.cards, kind.per_slide or kind.cards)  # more go on another slide
        for cards in range(1, most + 1) if kind.per_count else (0,):
            name = kind.layout_for(cards)
            assert name in layouts, kind.name
            have = {ph.placeholder_format.idx for ph in layouts[name].placeholders}  # type: ignore[misc]  # pptx: __iter__ lacks self
            want = {*kind.placeholders_for(cards), *([PICTURE] if kind.picture else [])}
            assert have - {SLIDE_NUMBER} == want, name


@pytest.mark.parametrize("kind", [k for k in KINDS.values() if k.needs])
def test_a_kind_refuses_a_slide_without_what_it_needs(kind) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=f"a {kind.name} slide needs '{kind.needs[0]}'"):
        Slide.model_validate({"id": "s", "kind": kind.name, "minutes": 1, "notes": "n"})


def test_only_its_kind_takes_a_field() -> None:
    with pytest.raises(ValueError, match="only statistic slides take 'fact'"):
        Slide.model_validate(
            {
                "id": "s",
                "kind": "bullets",
                "bullets": ["a"],
                "fact": "f",
                "minutes": 1,
                "notes": "n",
            }
        )


def test_a_card_slide_refuses_more_cards_than_its_layout_has() -> None:
    with pytest.raises(ValueError, match="at most 4 cards, not 5: split it into two slides"):
        Slide.model_validate(
            {"id": "s", "kind": "tips", "tips": list("abcde"), "minutes": 1, "notes": "n"}
        )


def test_a_card_slide_has_no_room_for_a_slide_picture() -> None:
    with pytest.raises(ValueError, match="a tips slide has no room for a slide picture"):
        Slide.model_validate(
            {
                "id": "s",
                "kind": "tips",
                "tips": ["a"],
                "picture": "wave",
                "minutes": 1,
                "notes": "n",
            }
        )


def test_the_deck_declares_every_kind_the_library_names_in_its_order() -> None:
    from talkdeck.library.kind_fields import KIND_NAMES

    assert tuple(KINDS) == KIND_NAMES
