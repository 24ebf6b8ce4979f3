"""Edits inside one slide that python-pptx's public API does not offer, and read-only access
to the XML of the template's master, layouts and placeholders (styles python-pptx does not
resolve). Part of :mod:`talkdeck.deck.ooxml`, the only place that touches python-pptx's
internals (pinned below 1.1 in pyproject.toml).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pptx.shapes.base import BaseShape
    from pptx.shapes.picture import Picture
    from pptx.slide import Slide
    from pptx.text.text import _Paragraph

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def xml_of(obj: Any) -> Any:
    """The XML element behind a slide master, layout or shape (python-pptx's ``.element``),
    for reading the template's styles. Callers only read it (find, get, iter), never edit."""
    return obj.element


def remove_shape(shape: BaseShape) -> None:
    """Take ``shape`` off its slide (python-pptx has no delete)."""
    element = shape._element
    element.getparent().remove(element)


def set_alt_text(picture: Picture, text: str) -> None:
    """Give a picture the description screen readers read (``cNvPr/@descr``; python-pptx has
    no alt-text API)."""
    picture._element.nvPicPr.cNvPr.set("descr", text)  # type: ignore[union-attr]  # pptx


def drop_bullet(para: _Paragraph) -> None:
    """Drop the bullet and hanging indent of one paragraph (an intro line above bullets)."""
    from pptx.oxml.ns import qn

    ppr = para._p.get_or_add_pPr()
    ppr.set("marL", "0")
    ppr.set("indent", "0")
    for old in ppr.findall(qn("a:buNone")):
        ppr.remove(old)
    # Schema order: bullet choice comes before tabLst, defRPr and extLst.
    later = [ppr.find(qn(tag)) for tag in ("a:tabLst", "a:defRPr", "a:extLst")]
    anchor = next((el for el in later if el is not None), None)
    bu_none = ppr.makeelement(qn("a:buNone"), {})
    if anchor is None:
        ppr.append(bu_none)
    else:
        anchor.addprevious(bu_none)


def placeholders(slide: Slide) -> list[tuple[int, Any]]:
    """(idx, shape) of each placeholder on ``slide`` in document order, as
    ``slide.placeholders`` gives them, with one look-up a shape where python-pptx makes four
    XPath queries (its ``ph`` property, asked again by every step)."""
    from pptx.shapes.shapetree import _SlidePlaceholderFactory

    shapes: Any = slide.shapes
    found = []
    for element in shapes._spTree.iter_shape_elms():
        first = element.find("*")  # python-pptx: ./*[1]/p:nvPr/p:ph
        ph = None if first is None else first.find(f"{P}nvPr/{P}ph")
        if ph is not None:
            found.append((int(ph.get("idx", "0")), _SlidePlaceholderFactory(element, shapes)))
    return found


def set_run_font(para: _Paragraph, size: str, typeface: str) -> None:
    """Give every run of ``para`` the size ``size`` (hundredths of a point) and the latin
    ``typeface``. On the XML directly: python-pptx's font API is 5x slower here."""
    from pptx.oxml.xmlchemy import OxmlElement

    # python-pptx's get_or_add_rPr / get_or_add_latin, without their descriptor overhead: the
    # same elements, inserted where the schema puts them.
    for run in para._p.iterchildren(f"{A}r"):
        rpr = run.find(f"{A}rPr")
        if rpr is None:
            rpr = OxmlElement("a:rPr")
            text = run.find(f"{A}t")
            if text is None:
                run.append(rpr)
            else:
                text.addprevious(rpr)
        rpr.set("sz", size)
        latin = rpr.find(f"{A}latin")
        if latin is None:
            latin = OxmlElement("a:latin")
            later = next((c for c in rpr.iterchildren(*_AFTER_LATIN)), None)
            if later is None:
                rpr.append(latin)
            else:
                later.addprevious(latin)
        latin.set("typeface", typeface)


_AFTER_LATIN = tuple(
    f"{A}{tag}" for tag in ("ea", "cs", "sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst")
)
"""What may follow ``a:latin`` in ``a:rPr`` (CT_TextCharacterProperties' sequence)."""


def copy_slide_number(slide: Slide, source: BaseShape, number: int) -> None:
    """Put a copy of the layout's slide-number placeholder ``source`` on ``slide``, showing
    ``number`` (python-pptx does not copy it).

    Position and style stay inherited from the layout, as for every other placeholder (a full
    copy cost ~0.5 KB a slide); the shape gets an id of its own (a copied id may be taken by a
    picture, and PowerPoint offers to "repair" such a file).
    """
    from pptx.oxml.ns import qn

    element: Any = copy.deepcopy(source._element)
    element.nvSpPr.cNvPr.id = slide.shapes._next_shape_id
    body = element.txBody
    for inherited in (element.spPr, body.find(qn("a:bodyPr")), body.find(qn("a:lstStyle"))):
        if inherited is not None:
            inherited.attrib.clear()
            inherited[:] = []
    for text in element.iter(f"{A}t"):
        text.text = str(number)
    slide.shapes._spTree.append(element)


@dataclass(frozen=True)
class ShapeFacts:
    """What decides a shape's place in the reading order, read from its XML."""

    tag: str
    """``sp``, ``pic``, ``graphicFrame``, ``grpSp`` or ``cxnSp``."""
    placeholder: str | None
    """The placeholder type of a shape (``sp``) placeholder (``body`` when unset), else None."""
    name: str | None
    """The name of a shape (``sp``), else None."""
    has_text: bool
    """Whether the element has a text body."""


_TREE_SHAPES = tuple(f"{P}{tag}" for tag in ("sp", "pic", "graphicFrame", "grpSp", "cxnSp"))


def _facts(element: Any) -> ShapeFacts:
    ph = element.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
    name = element.find(f"{P}nvSpPr/{P}cNvPr")
    return ShapeFacts(
        tag=element.tag[len(P) :],
        placeholder=None if ph is None else ph.get("type", "body"),
        name=None if name is None else name.get("name"),
        has_text=element.find(f"{P}txBody") is not None,
    )


def reorder_shapes(slide: Slide, rank: Callable[[ShapeFacts], int]) -> None:
    """Sort the slide's shape tree by ``rank`` (stable), the order screen readers read it in.

    The tree is left untouched when already in order.
    """
    tree = slide.shapes._spTree
    shapes = [el for el in tree if el.tag in _TREE_SHAPES]
    ordered = sorted(shapes, key=lambda el: rank(_facts(el)))
    if ordered != shapes:
        for element in shapes:
            tree.remove(element)
        tree.extend(ordered)
