"""Slides and notes pages added in constant time; the bytes written are python-pptx's own.

python-pptx's ``Slides.add_slide`` scans every earlier slide twice (the presentation part's
relationships, to reuse a matching one, and the slide id list, for the largest id), and each
``prs.slides`` renames every slide part: a deck's build time grew with the square of its slides
(500, 1,000, 2,000 slides: 3.7, 7.5, 19 s). A new slide part can match no relationship, and the
next id is one more than the last one given, so both are known without a scan.
tests/test_slides.py checks the output equals python-pptx's own path byte for byte.

python-pptx makes each notes page by walking every part of the package for a free part name
and cloning the notes master's placeholders with XPath: about 6 ms a slide, a third of a deck's
build time (measured with cProfile for `talkdeck batch`). The empty notes page is identical for
every slide of a presentation, so the first one is made by python-pptx itself and the others
copy its XML, take the next free part name from a set, and are related in python-pptx's order.
tests/test_batch.py checks the output is byte-identical to python-pptx's own path.

Part of :mod:`talkdeck.deck.ooxml`, the only place that touches python-pptx's internals
(pinned below 1.1 in pyproject.toml).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pptx.slide import Slide, SlideLayout, Slides

MAX_SLIDE_ID = 2147483647


class SlideAdder:
    """Adds slides to one presentation's ``slides``; one per render (it holds the next id)."""

    def __init__(self, slides: Slides) -> None:
        self.slides = slides
        self.next_id: int = slides._sldIdLst._next_id
        """The id of the next slide: python-pptx's own answer once, then counted from it."""
        self._clones: dict[Any, list[Any]] = {}
        """By layout part: the placeholders python-pptx cloned onto a new slide of it."""

    def add(self, layout: SlideLayout) -> Slide:
        """``slides.add_slide(layout)`` without the scans. Side effect: adds a slide part."""
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.parts.slide import SlidePart

        slides, number = self.slides, self.next_id
        if number > MAX_SLIDE_ID:
            return slides.add_slide(layout)  # past the id range: python-pptx finds a free one
        prs_part = slides.part
        slide_part = SlidePart.new(prs_part._next_slide_partname, prs_part.package, layout.part)
        rId = prs_part.rels._add_relationship(RT.SLIDE, slide_part)  # new part: nothing to match
        slide: Slide = slide_part.slide
        tree = slide.shapes._spTree
        clones = self._clones.get(layout.part)
        if clones is None:
            # python-pptx clones a layout's placeholders with several XPath look-ups each; a
            # new slide always starts the same, so later slides of the layout copy the result.
            slide.shapes.clone_layout_placeholders(layout)
            self._clones[layout.part] = [copy.deepcopy(e) for e in tree.iter_shape_elms()]
        else:
            for element in clones:
                tree.append(copy.deepcopy(element))
        slides._sldIdLst._add_sldId(id=number, rId=rId)
        self.next_id = number + 1
        return slide


NAME = "/ppt/notesSlides/notesSlide{}.xml"


@dataclass
class _Pages:
    """Per presentation: the empty notes page to copy, its master, and the names in use."""

    blank: Any
    master: Any
    used: set[int] = field(default_factory=set)
    lowest: int = 1
    """No number below this is free (numbers are only taken): the search starts here."""

    def take(self) -> int:
        """The lowest free number, as python-pptx's next_partname() would pick."""
        number = self.lowest
        while number in self.used:
            number += 1
        self.used.add(number)
        self.lowest = number + 1
        return number


@dataclass
class DeckNotes:
    """The notes pages of one presentation being rendered: one per render, passed to each
    :func:`set_notes` call for its slides (so no state outlives the presentation)."""

    pages: _Pages | None = None


def set_notes(slide: Slide, text: str, deck: DeckNotes) -> None:
    """Give ``slide`` a notes page holding ``text``. Side effect: adds a part to the package.

    ``deck`` is the same object for every slide of one presentation."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.packuri import PackURI
    from pptx.parts.slide import NotesSlidePart

    slide_part = slide.part
    package = slide_part.package
    pages = deck.pages
    if pages is None or slide.has_notes_slide:
        notes_part = slide_part.notes_slide.part  # python-pptx's own way, once per deck
        if pages is None:
            pages = _Pages(
                copy.deepcopy(notes_part._element), notes_part.part_related_by(RT.NOTES_MASTER)
            )
            pattern = re.compile(re.escape(NAME).replace(r"\{\}", r"(\d+)"))
            pages.used = {
                int(m.group(1))
                for p in package.iter_parts()
                if (m := pattern.fullmatch(str(p.partname)))
            }
            deck.pages = pages
    else:
        notes_part = NotesSlidePart(
            PackURI(NAME.format(pages.take())),
            CT.PML_NOTES_SLIDE,
            package,
            copy.deepcopy(pages.blank),
        )
        notes_part.relate_to(pages.master, RT.NOTES_MASTER)
        notes_part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(notes_part, RT.NOTES_SLIDE)
    frame = slide.notes_slide.notes_text_frame
    assert frame is not None, "the notes page copied from the template has a body placeholder"
    frame.text = text
