"""Slides added in constant time give the same bytes as python-pptx's own add_slide."""

from __future__ import annotations

import io

from pptx import Presentation

from talkdeck.deck.ooxml.slides import SlideAdder

from .conftest import TEMPLATE


def _deck(fast: bool, count: int = 12) -> bytes:
    prs = Presentation(str(TEMPLATE))
    slides = prs.slides
    adder = SlideAdder(slides)
    layouts = list(prs.slide_layouts)
    for i in range(count):
        layout = layouts[i % len(layouts)]
        slide = adder.add(layout) if fast else slides.add_slide(layout)
        if slide.shapes.title is not None:
            slide.shapes.title.text = f"Slide {i}"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def test_the_same_parts_byte_for_byte() -> None:
    from talkdeck.deck.ooxml.package import package_entries

    def entries(fast: bool) -> list[tuple[str, bytes]]:
        return package_entries(Presentation(io.BytesIO(_deck(fast, 30))))

    assert entries(True) == entries(False)


def test_the_same_package_as_python_pptx() -> None:
    fast, slow = Presentation(io.BytesIO(_deck(True))), Presentation(io.BytesIO(_deck(False)))
    assert [s.slide_id for s in fast.slides] == [s.slide_id for s in slow.slides]
    assert [s.part.partname for s in fast.slides] == [s.part.partname for s in slow.slides]
    assert [r.rId for r in fast.part.rels.values()] == [r.rId for r in slow.part.rels.values()]
    assert [s.slide_layout.name for s in fast.slides] == [s.slide_layout.name for s in slow.slides]
    assert [[sh.name for sh in s.shapes] for s in fast.slides] == [
        [sh.name for sh in s.shapes] for s in slow.slides
    ]
