"""Slide kinds are declared once (talkdeck.deck.kinds): the template and the model follow them."""

from __future__ import annotations

import pytest
from pptx import Presentation

from talkdeck.deck.kinds import KINDS, SLIDE_NUMBER
from talkdeck.library.model import Slide

from .conftest import TEMPLATE


def test_the_template_has_every_kinds_layout_and_boxes() -> None:
    layouts = {layout.name: layout for layout in Presentation(str(TEMPLATE)).slide_layouts}
    for kind in KINDS.values():
        assert kind.layout in layouts, kind.name
        have = {ph.placeholder_format.idx
                for ph in layouts[kind.layout].placeholders}  # type: ignore[misc]  # pptx: __iter__ lacks self
        assert have - {SLIDE_NUMBER} == set(kind.placeholders), kind.name


@pytest.mark.parametrize("kind", [k for k in KINDS.values() if k.needs])
def test_a_kind_refuses_a_slide_without_what_it_needs(kind) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=f"a {kind.name} slide needs '{kind.needs}'"):
        Slide.model_validate({"id": "s", "kind": kind.name, "minutes": 1, "notes": "n"})


def test_only_its_kind_takes_a_field() -> None:
    with pytest.raises(ValueError, match="only statistic slides take 'fact'"):
        Slide.model_validate({"id": "s", "kind": "bullets", "bullets": ["a"], "fact": "f",
                              "minutes": 1, "notes": "n"})
