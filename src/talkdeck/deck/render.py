"""Resolved slides -> a python-pptx Presentation, one function per slide kind.

Layouts are picked by name and placeholders by idx (the contract of assets/templates/talkdeck.pptx,
see tools/make_template.py). python-pptx is imported here only, so ``talkdeck --help`` stays fast.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from talkdeck.deck import qr
from talkdeck.errors import BuildError
from talkdeck.deck.fit import FitError, fit_slide, specs_for
from talkdeck.deck.notes import declare_notes_master, set_notes
from talkdeck.deck.tailor import LABELS, Deck, Line, ResolvedSlide

if TYPE_CHECKING:
    from pptx.presentation import Presentation
    from pptx.slide import Slide

TITLE, BODY, NUMBER, CLAIM, SOURCE = 0, 1, 10, 11, 12
EMU_PER_INCH = 914400
SIDE = int(2.1 * EMU_PER_INCH)  # the square a side picture (QR code, image) fits in


def _fill(slide: Slide, idx: int, lines: list[Line] | tuple[Line, ...] | str) -> None:
    """Write lines into placeholder ``idx``; an empty placeholder is removed from the slide.

    Removing it keeps "Click to add text" prompts out of the volunteer's editing view.
    """
    shape = next((p for p in slide.placeholders if p.placeholder_format.idx == idx), None)
    if shape is None:
        raise BuildError(f"template layout '{slide.slide_layout.name}' has no placeholder {idx}")
    if isinstance(lines, str):
        lines = [Line(lines)] if lines else []
    if not lines:
        shape._element.getparent().remove(shape._element)
        return
    frame = shape.text_frame
    frame.text = ""
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.text = line.text
        para.level = line.level
        if not line.bullet:
            _no_bullet(para)


def _no_bullet(para: object) -> None:
    """Drop the bullet and hanging indent of one paragraph (an intro line above bullets)."""
    from pptx.oxml.ns import qn

    ppr = para._p.get_or_add_pPr()  # type: ignore[attr-defined]
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


def _slide_number(slide: Slide, number: int) -> None:
    """Put the layout's slide-number placeholder on the slide (python-pptx does not).

    Position and style stay inherited from the layout, as for every other placeholder (a full
    copy cost ~0.5 KB a slide); the shape gets an id of its own (a copied id may be taken by a
    picture, and PowerPoint offers to "repair" such a file).
    """
    from pptx.enum.shapes import PP_PLACEHOLDER
    from pptx.oxml.ns import qn

    for shape in slide.slide_layout.placeholders:
        if shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
            element = copy.deepcopy(shape._element)
            element.nvSpPr.cNvPr.id = slide.shapes._next_shape_id
            body = element.txBody
            for inherited in (element.spPr, body.find(qn("a:bodyPr")), body.find(qn("a:lstStyle"))):
                if inherited is not None:
                    inherited.attrib.clear()
                    inherited[:] = []
            for text in element.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}t"):
                text.text = str(number)
            slide.shapes._spTree.append(element)
            return


def _set_alt(picture: object, alt: str) -> None:
    # python-pptx has no alt-text API; screen readers read cNvPr/@descr.
    picture._element.nvPicPr.cNvPr.set("descr", alt)  # type: ignore[attr-defined]


def _side_pictures(slide: Slide, deck_width: int, items: list[tuple[bytes, str, str]]) -> None:
    """Stack pictures (png, alt, caption) in the right third of the slide, top to bottom."""
    from pptx.util import Emu, Pt

    size = SIDE
    left = deck_width - size - int(0.7 * EMU_PER_INCH)
    top = int(1.7 * EMU_PER_INCH)
    for png, alt, caption in items[:2]:
        pic = slide.shapes.add_picture(io.BytesIO(png), Emu(left), Emu(top))
        scale = size / max(pic.width, pic.height)  # fit the square, keep the aspect ratio
        pic.width, pic.height = Emu(int(pic.width * scale)), Emu(int(pic.height * scale))
        pic.left, pic.top = Emu(left + (size - pic.width) // 2), Emu(top + (size - pic.height) // 2)
        _set_alt(pic, alt)
        if caption:
            box = slide.shapes.add_textbox(Emu(left - EMU_PER_INCH // 2), Emu(top + size),
                                           Emu(size + EMU_PER_INCH), Emu(EMU_PER_INCH // 2))
            box.text_frame.word_wrap = True
            para = box.text_frame.paragraphs[0]
            para.text = caption
            para.font.size = Pt(16)
            para.alignment = 2  # centre
        top += size + int(0.7 * EMU_PER_INCH)


def _title(slide: Slide, s: ResolvedSlide, ctx: _Context) -> None:
    _fill(slide, TITLE, s.title)
    _fill(slide, BODY, s.body)


def _text(slide: Slide, s: ResolvedSlide, ctx: _Context) -> None:
    """Section, bullets, rules, activity, tips, law, local and closing: a title and a body."""
    _fill(slide, TITLE, s.title)
    body = list(s.body)
    if s.source:
        body.append(Line(s.source, 1))
    _fill(slide, BODY, body)
    _image(slide, s, ctx)


def _statistic(slide: Slide, s: ResolvedSlide, ctx: _Context) -> None:
    _fill(slide, TITLE, s.title)
    _fill(slide, NUMBER, s.number)
    _fill(slide, CLAIM, s.claim)
    _fill(slide, SOURCE, s.source)


def _helpline(slide: Slide, s: ResolvedSlide, ctx: _Context) -> None:
    _fill(slide, TITLE, s.title)
    _fill(slide, BODY, s.body)
    alt = "QR code: {}" if ctx.lang == "en" else "Código QR: {}"
    _side_pictures(slide, ctx.width, [(qr.png(q.url), alt.format(q.url), q.url) for q in s.qr])


def _image(slide: Slide, s: ResolvedSlide, ctx: _Context) -> None:
    if s.picture is not None:
        from talkdeck.deck.images import for_slide

        path = ctx.assets / s.picture.path
        _side_pictures(slide, ctx.width, [(for_slide(path, SIDE), s.picture.alt, "")])


class _Context:
    def __init__(self, width: int, lang: str, assets: Path) -> None:
        self.width, self.lang, self.assets = width, lang, assets


RENDERERS: dict[str, Callable[[Slide, ResolvedSlide, _Context], None]] = {
    "title": _title, "section": _text, "bullets": _text, "rules": _text, "activity": _text,
    "statistic": _statistic, "tips": _text, "helpline": _helpline, "law": _text,
    "local": _text, "closing": _text,
}


def render(deck: Deck, template: Path) -> Presentation:
    """Build the Presentation for a deck. Side effect: none; the caller saves it.

    Every text box is sized to fit (see :mod:`talkdeck.deck.fit`); raises FitError listing the boxes
    that do not fit even at their floor.
    """
    from pptx import Presentation

    try:
        prs = Presentation(str(template))
    except Exception as exc:  # python-pptx raises many types for a bad file
        raise BuildError(f"{template}: cannot open template: {exc}") from exc
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    ctx = _Context(int(prs.slide_width or 0), deck.audience.lang, template.parent.parent)
    draft = LABELS[deck.audience.lang]["draft"] if deck.status == "draft" else ""
    specs, misfits = specs_for(prs, template), []
    for number, s in enumerate(deck.slides, start=1):
        layout = layouts.get(s.layout)
        if layout is None:
            raise BuildError(f"{template}: no layout named '{s.layout}' "
                             f"(has: {', '.join(layouts)})")
        slide = prs.slides.add_slide(layout)
        RENDERERS[s.kind](slide, s, ctx)
        misfits += fit_slide(slide, specs, s.id)
        if s.kind != "title":
            _slide_number(slide, number)
        if draft:
            _draft_mark(slide, draft)
        set_notes(slide, s.notes)
    if misfits:
        raise FitError(misfits)
    declare_notes_master(prs)
    _properties(prs, deck)
    return prs


DRAFT_TEXT, DRAFT_FILL = "FFFFFF", "B91C1C"  # 6.5:1, on a badge of its own: any slide colour


def _draft_mark(slide: Slide, label: str) -> None:
    """A filled badge, so the label reads the same on light and dark slides (WCAG AA)."""
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Emu, Pt

    box = slide.shapes.add_textbox(Emu(EMU_PER_INCH // 4), Emu(EMU_PER_INCH // 8),
                                   Emu(2 * EMU_PER_INCH), Emu(EMU_PER_INCH // 2))
    box.fill.solid()
    box.fill.fore_color.rgb = RGBColor.from_string(DRAFT_FILL)
    frame = box.text_frame
    frame.auto_size = MSO_AUTO_SIZE.SHAPE_TO_FIT_TEXT
    frame.word_wrap = False
    run = frame.paragraphs[0].add_run()
    run.text = label
    run.font.size, run.font.bold = Pt(20), True
    run.font.color.rgb = RGBColor.from_string(DRAFT_TEXT)


def _cut(text: str, limit: int = 255) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _properties(prs: Presentation, deck: Deck) -> None:
    """Core properties from the talk, never python-pptx's defaults or the current time."""
    stamp = dt.datetime.combine(deck.version_date, dt.time())
    props = prs.core_properties
    aud = deck.audience
    # Core properties hold at most 255 characters; a long description is cut, not an error.
    props.title = _cut(deck.title)
    props.subject = _cut(deck.description)
    props.author = props.last_modified_by = "talkdeck"
    props.keywords = f"{deck.talk_id}; {aud.region}; {aud.lang}; {aud.age}"
    props.category = f"{deck.talk_id} {deck.version}"
    props.comments = f"Built by talkdeck from talk {deck.talk_id} {deck.version}."
    props.language = aud.lang
    props.revision = 1
    props.created = props.modified = props.last_printed = stamp
