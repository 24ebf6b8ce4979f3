"""Slides as PowerPoint's accessibility checker and a screen reader see them.

* Every slide has a title, and no two slides share one: a slide whose design shows no title
  gets one placed just above the slide (read aloud, never drawn); repeated titles are numbered
  ("What to do (1/2)").
* Reading order is the order of the shape tree: title, then text, then pictures, then the slide
  number and labels.

The title choice is pure (:func:`reader_titles`); :func:`hidden_title` and
:func:`reading_order` edit a rendered python-pptx slide. Each text's language tag is set by
:func:`talkdeck.deck.ooxml.package.tag_language`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from talkdeck.deck.ooxml.shapes import ShapeFacts, reorder_shapes

if TYPE_CHECKING:
    from pptx.slide import Slide

    from talkdeck.deck.resolved import ResolvedSlide

MAX_TITLE = 90
LABEL = "Draft label"  # the shape name render gives its DRAFT badge


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_TITLE else text[: MAX_TITLE - 1].rstrip() + "…"


def _untitled(s: ResolvedSlide) -> str:
    """What a slide without a visible title is about, in its own words."""
    if s.number or s.claim:
        return _cut(f"{s.number} {s.claim}".strip())  # the words on the slide, as they read
    first = next((line.text for line in s.body if line.text.strip()), "")
    return _cut(first) if first else s.kind.capitalize()


def reader_titles(slides: Sequence[ResolvedSlide]) -> list[tuple[str, bool]]:
    """Per slide: its unique title, and whether the slide shows it (False: hidden title)."""
    base = [(s.title, True) if s.title.strip() else (_untitled(s), False) for s in slides]
    counts = Counter(title for title, _ in base)
    seen: Counter[str] = Counter()
    out = []
    for title, shown in base:
        if counts[title] > 1:
            seen[title] += 1
            title = f"{title} ({seen[title]}/{counts[title]})"
        out.append((title, shown))
    return out


def hidden_title(slide: Slide, text: str) -> None:
    """Give a slide without a title one from its layout, placed just above the slide.

    Off the slide rather than hidden: screen readers and the checker read it, no client draws it.
    """
    from pptx.enum.shapes import PP_PLACEHOLDER
    from pptx.util import Emu

    kinds = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
    if any(ph.placeholder_format.type in kinds for ph in slide.placeholders):
        return
    source = next(
        (
            ph
            for ph in slide.slide_layout.placeholders  # type: ignore[misc]  # pptx
            if ph.placeholder_format.type in kinds
        ),
        None,
    )
    if source is None:
        return
    slide.shapes.clone_placeholder(source)
    title = next(ph for ph in slide.placeholders if ph.placeholder_format.type in kinds)
    title.text_frame.text = text
    title.left, title.width = source.left, source.width
    title.height = source.height
    title.top = Emu(-int(source.height or 0) - 12700)


def _rank(shape: ShapeFacts) -> int:
    """0 title, 1 other text, 2 pictures, 3 slide number and talkdeck's labels."""
    if shape.placeholder is not None:
        if shape.placeholder in ("title", "ctrTitle"):
            return 0
        return 3 if shape.placeholder in ("sldNum", "dt", "ftr") else 1
    if shape.tag == "pic":
        return 2
    if shape.name == LABEL:
        return 3
    if shape.tag == "sp" and shape.has_text:
        return 1
    return 2


def reading_order(slide: Slide) -> None:
    """Order the shape tree title -> text -> pictures -> slide number and labels (stable)."""
    reorder_shapes(slide, _rank)
