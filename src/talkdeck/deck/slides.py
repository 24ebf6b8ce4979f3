"""Adding slides in constant time; the bytes written are python-pptx's own.

python-pptx's ``Slides.add_slide`` scans every earlier slide twice (the presentation part's
relationships, to reuse a matching one, and the slide id list, for the largest id), and each
``prs.slides`` renames every slide part: a deck's build time grew with the square of its slides
(500, 1,000, 2,000 slides: 3.7, 7.5, 19 s). A new slide part can match no relationship, and the
next id is one more than the last one given, so both are known without a scan. Uses
python-pptx internals (pinned below 1.1 in pyproject.toml); tests/test_slides.py checks the
output equals python-pptx's own path byte for byte.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pptx.slide import Slide, SlideLayout, Slides

MAX_SLIDE_ID = 2147483647
_next_id: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()


def add_slide(slides: Slides, layout: SlideLayout) -> Slide:
    """``slides.add_slide(layout)`` without the scans. Side effect: adds a slide part."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.parts.slide import SlidePart

    id_list = slides._sldIdLst
    number = _next_id.get(id_list)
    if number is None or number > MAX_SLIDE_ID:
        return slides.add_slide(layout)  # the first slide (and past the id range): theirs
    prs_part = slides.part
    slide_part = SlidePart.new(prs_part._next_slide_partname, prs_part.package, layout.part)
    rId = prs_part.rels._add_relationship(RT.SLIDE, slide_part)  # new part: nothing to match
    slide: Slide = slide_part.slide
    slide.shapes.clone_layout_placeholders(layout)
    id_list._add_sldId(id=number, rId=rId)
    _next_id[id_list] = number + 1
    return slide


def start(slides: Slides) -> None:
    """Learn the next slide id once (python-pptx's own answer); later adds count from it."""
    _next_id[slides._sldIdLst] = slides._sldIdLst._next_id
