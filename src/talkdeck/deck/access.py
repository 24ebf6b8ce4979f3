"""Slides as PowerPoint's accessibility checker and a screen reader see them.

* Every slide has a title, and no two slides share one: a slide whose design shows no title
  gets one placed just above the slide (read aloud, never drawn); repeated titles are numbered
  ("What to do (1/2)").
* Reading order is the order of the shape tree: title, then text, then pictures, then the slide
  number and labels.

The title choice is pure (:func:`reader_titles`); :func:`hidden_title` and
:func:`reading_order` edit a rendered python-pptx slide.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pptx.slide import Slide

    from talkdeck.deck.tailor import ResolvedSlide

MAX_TITLE = 90
LABEL = "Draft label"  # the shape name render gives its DRAFT badge
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


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


def _rank(element: Any) -> int:
    """0 title, 1 other text, 2 pictures, 3 slide number and talkdeck's labels."""
    ph = element.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
    if ph is not None:
        kind = ph.get("type", "body")
        if kind in ("title", "ctrTitle"):
            return 0
        return 3 if kind in ("sldNum", "dt", "ftr") else 1
    if element.tag == f"{P}pic":
        return 2
    name = element.find(f"{P}nvSpPr/{P}cNvPr")
    if name is not None and name.get("name") == LABEL:
        return 3
    if element.tag == f"{P}sp" and element.find(f"{P}txBody") is not None:
        return 1
    return 2


def reading_order(slide: Slide) -> None:
    """Order the shape tree title -> text -> pictures -> slide number and labels (stable)."""
    tree = slide.shapes._spTree
    shapes = [
        el
        for el in tree
        if el.tag in (f"{P}sp", f"{P}pic", f"{P}graphicFrame", f"{P}grpSp", f"{P}cxnSp")
    ]
    ordered = sorted(shapes, key=_rank)
    if ordered != shapes:
        for element in shapes:
            tree.remove(element)
        tree.extend(ordered)


A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_TAGGED_PARTS = (
    "/ppt/slides/",
    "/ppt/notesSlides/",
    "/ppt/slideLayouts/",
    "/ppt/slideMasters/",
    "/ppt/notesMasters/",
)


def tag_language(prs: Any, tag: str) -> None:
    """Tag every text of the deck with its BCP 47 language (``es-CO``), so screen readers speak
    it in the right voice and spell-checkers use the right dictionary.

    Each run and field carries ``lang``; each paragraph ends with an ``a:endParaRPr`` carrying it
    (what PowerPoint gives text typed at its end); the text styles of the masters and the
    presentation's default style carry it too, so a presenter's new box or note inherits it.
    """
    pres = prs.part._element
    default = pres.find(f"{P}defaultTextStyle")
    if default is not None:
        for style in default.iter(f"{A}defRPr"):
            style.set("lang", tag)
    for part in prs.part.package.iter_parts():
        if not str(part.partname).startswith(_TAGGED_PARTS) or not hasattr(part, "_element"):
            continue
        root = part._element
        for style in root.iter(f"{A}defRPr"):
            style.set("lang", tag)
        if str(part.partname).startswith(("/ppt/slides/", "/ppt/notesSlides/")):
            for para in root.iter(f"{A}p"):
                for run in para.iterchildren(f"{A}r", f"{A}fld"):
                    run.get_or_add_rPr().set("lang", tag)
                para.get_or_add_endParaRPr().set("lang", tag)
        for props in root.iter(f"{A}rPr", f"{A}endParaRPr"):
            props.set("lang", tag)
