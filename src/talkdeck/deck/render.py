"""Resolved slides -> a python-pptx Presentation, laid out as each slide kind declares.

Layouts are picked by name and placeholders by idx (the contract of assets/templates/talkdeck.pptx,
see tools/make_template.py). python-pptx is imported here only, so ``talkdeck --help`` stays fast;
what its public API cannot do goes through :mod:`talkdeck.deck.ooxml`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from talkdeck.deck.access import (
    LABEL,
    hidden_title,
    reader_titles,
    reading_order,
)
from talkdeck.deck.fit import FitError, fit_slide
from talkdeck.deck.kinds import (
    BODY,
    CARDS,
    ICON,
    ICON_PAD,
    KINDS,
    PICTURE,
    QR_PAD,
    QR_SIZE,
    Paragraphs,
    Picture,
)
from talkdeck.deck.ooxml.package import declare_notes_master, tag_language
from talkdeck.deck.ooxml.pictures import PictureAdder
from talkdeck.deck.ooxml.shapes import (
    copy_slide_number,
    drop_bullet,
    placeholders,
    remove_shape,
    set_alt_text,
)
from talkdeck.deck.ooxml.slides import DeckNotes, SlideAdder, set_notes
from talkdeck.deck.palette import ADDED, DRAFT_SIZE, apply_theme
from talkdeck.deck.placeholders import EMU_PER_INCH
from talkdeck.deck.resolved import Deck, ResolvedSlide
from talkdeck.errors import BuildError

if TYPE_CHECKING:
    from pptx.presentation import Presentation
    from pptx.slide import Slide, SlideLayout

    from talkdeck.deck.memo import Memo

SIDE = int(3.5 * EMU_PER_INCH)
"""A library's own picture is stored at the size of the largest picture frame, once a deck."""


def _fill(slide: Slide, shapes: dict[int, Any], idx: int, lines: Paragraphs, intro: bool) -> None:
    """Write paragraphs into placeholder ``idx``; an empty placeholder is removed from the slide.

    Removing it keeps "Click to add text" prompts out of the volunteer's editing view. With
    ``intro`` the first paragraph has no bullet (the slide's own text above its bullets).
    """
    shape = shapes.get(idx)  # looked up once a slide: python-pptx's lookup is an XPath a call
    if shape is None:
        raise BuildError(f"template layout '{slide.slide_layout.name}' has no placeholder {idx}")
    if not lines:
        remove_shape(shape)
        return
    frame = shape.text_frame
    frame.text = ""
    for i, (text, level) in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.text = text
        para.level = level
        if intro and i == 0:
            drop_bullet(para)


def _slide_number(slide: Slide, layout: str, number: int, ctx: _Context) -> None:
    """Put the layout's slide-number placeholder on the slide (python-pptx does not)."""
    shape = ctx.slide_number(layout)
    if shape is not None:
        copy_slide_number(slide, shape, number)


def _add_picture(
    slide: Slide, data: bytes, box: tuple[int, int, int, int], alt: str, ctx: _Context
) -> None:
    """A picture fitted into ``box`` (left, top, width, height), aspect kept, centred."""
    from pptx.util import Emu

    left, top, width, height = box
    pic = ctx.pictures.add(slide, data, left, top)
    scale = min(width / pic.width, height / pic.height)
    pic.width, pic.height = Emu(int(pic.width * scale)), Emu(int(pic.height * scale))
    pic.left, pic.top = Emu(left + (width - pic.width) // 2), Emu(top + (height - pic.height) // 2)
    set_alt_text(pic, alt)


def _box(shape: Any) -> tuple[int, int, int, int]:
    return int(shape.left), int(shape.top), int(shape.width), int(shape.height)


def _write(slide: Slide, s: ResolvedSlide, ctx: _Context) -> None:
    """Fill the kind's boxes (the list the fit measures), then put its pictures in place."""
    kind = KINDS[s.kind]
    shapes = dict(placeholders(slide))
    boxes = ctx.boxes(s.layout)
    cards = [boxes[idx] for idx in CARDS[: len(s.cards)] if idx in boxes]
    filled = dict(kind.boxes(s))
    intro = bool(s.body) and not s.body[0].bullet
    for idx in kind.placeholders_for(len(s.cards)):
        _fill(slide, shapes, idx, filled.get(idx, ()), intro and idx == BODY)
    slot = shapes.get(PICTURE)
    if slot is not None:  # the layout's picture frame: replaced by the picture, or dropped
        box = boxes[PICTURE]
        remove_shape(slot)
        if s.picture is not None:
            _add_picture(slide, ctx.picture(s.picture), box, s.picture.alt, ctx)
    for card, (left, top, width, height) in zip(s.cards, cards, strict=False):
        # A helpline card's right end: its QR code, or else the picture of its kind of help.
        end = min(QR_SIZE, height - 2 * QR_PAD)
        x, y = left + width - QR_PAD - end, top + (height - end) // 2
        if card.qr is not None:
            alt = ctx.labels["qr"].format(url=card.qr.url)
            _add_picture(slide, ctx.memo.qr_png(card.qr.url), (x, y, end, end), alt, ctx)
        elif card.picture is not None and kind.icons == "right":
            side = min(ICON, end)
            spot = (x + (end - side) // 2, y + (end - side) // 2, side, side)
            _add_picture(slide, ctx.picture(card.picture), spot, card.picture.alt, ctx)
        elif card.picture is not None:
            at = (
                (left + ICON_PAD, top + (height - ICON) // 2)
                if kind.icons == "left"
                else (left + ICON_PAD, top + ICON_PAD)
            )
            _add_picture(slide, ctx.picture(card.picture), (*at, ICON, ICON), card.picture.alt, ctx)


class _Context:
    def __init__(
        self,
        width: int,
        labels: dict[str, str],
        template: Path,
        memo: Memo,
        layouts: dict[str, SlideLayout],
    ) -> None:
        self.width, self.labels, self.assets, self.memo = (
            width,
            labels,
            template.parent.parent,
            memo,
        )
        self.layouts = layouts
        self.pictures = PictureAdder(memo.pictures)  # every picture of the deck goes through it
        self.geometry = memo.geometry_of(template)
        self.numbers: dict[str, Any] = {}
        self._read: dict[str, bytes] = {}

    def boxes(self, layout: str) -> dict[int, tuple[int, int, int, int]]:
        """Where a layout puts each placeholder, read once a template (a slide's own
        placeholders inherit it, and python-pptx looks the layout up on every read)."""
        if layout not in self.geometry:
            placeholders = self.layouts[layout].placeholders
            self.geometry[layout] = {
                p.placeholder_format.idx: _box(p)
                for p in placeholders  # type: ignore[misc]
            }
        return self.geometry[layout]

    def slide_number(self, layout: str) -> Any:
        """The layout's slide-number placeholder (None without one), looked up once a deck."""
        from pptx.enum.shapes import PP_PLACEHOLDER

        if layout not in self.numbers:
            placeholders = self.layouts[layout].placeholders
            self.numbers[layout] = next(
                (
                    shape
                    for shape in placeholders  # type: ignore[misc]
                    if shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER
                ),
                None,
            )
        return self.numbers[layout]

    def picture(self, picture: Picture) -> bytes:
        """A picture's bytes: the catalogue's as shipped (sized for slides, and one copy in the
        deck however often used); a library's own image scaled to what the slide shows."""
        if picture.path.startswith("pictures/"):
            if picture.path not in self._read:
                self._read[picture.path] = (self.assets / picture.path).read_bytes()
            return self._read[picture.path]
        from talkdeck.deck.images import for_slide

        return for_slide(self.assets / picture.path, SIDE)


def render(deck: Deck, template: Path, memo: Memo, logo: bytes | None = None) -> Presentation:
    """Build the Presentation for a deck. Side effect: none; the caller saves it.

    ``memo`` (the workspace's) gives the template's boxes, text measurements and QR codes, and
    keeps the ones this deck adds.

    ``logo`` (checked by :func:`talkdeck.deck.logo.checked_logo`) goes on the title and closing
    slides.

    Every text box is sized to fit (see :mod:`talkdeck.deck.fit`); raises FitError listing the boxes
    that do not fit even at their floor.
    """
    from pptx import Presentation

    try:
        prs = Presentation(str(template))
    except Exception as exc:  # python-pptx raises many types for a bad file
        raise BuildError(f"{template}: cannot open template: {exc}") from exc
    apply_theme(prs, deck.theme)
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    ctx = _Context(int(prs.slide_width or 0), deck.labels, template, memo, layouts)
    draft = deck.labels["draft"] if deck.status == "draft" else ""
    specs, misfits = memo.box_specs(template, prs), []
    titles = reader_titles(deck.slides)
    adder = SlideAdder(prs.slides)  # prs.slides once: each access renames every slide part
    notes = DeckNotes()
    for number, s in enumerate(deck.slides, start=1):
        title, shown = titles[number - 1]
        if shown and title != s.title:
            s = replace(s, title=title)  # numbered: "Tips (2/2)"
        layout = layouts.get(s.layout)
        if layout is None:
            raise BuildError(
                f"{template}: no layout named '{s.layout}' (has: {', '.join(layouts)})"
            )
        slide = adder.add(layout)
        _write(slide, s, ctx)
        if not shown:
            hidden_title(slide, title)  # before the fit: sized and set in the font like others
        misfits += fit_slide(slide, specs, s.id, memo)
        if KINDS[s.kind].numbered:
            _slide_number(slide, s.layout, number, ctx)
        if logo and s.kind in ("title", "closing"):
            from talkdeck.deck.logo import place_logo

            place_logo(slide, logo, logo_alt(deck), ctx.width, ctx.pictures)
        if draft:
            _draft_mark(slide, draft, deck.theme)
        reading_order(slide)
        set_notes(slide, s.notes, notes)
    if misfits:
        raise FitError(misfits)
    declare_notes_master(prs)
    tag_language(prs, deck.tag or deck.audience.lang)
    _properties(prs, deck)
    return prs


def logo_alt(deck: Deck) -> str:
    """'Hill Primary logo' / 'Logo de Colegio Andino', or 'School logo' without a school."""
    school = deck.audience.school
    return deck.labels["logo"].format(school=school) if school else deck.labels["logo_plain"]


def _draft_mark(slide: Slide, label: str, theme: dict[str, str]) -> None:
    """A filled badge, so the label reads the same on light and dark slides (lint checks it)."""
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Emu, Pt

    _, fore, back, _, _ = ADDED[0]
    box = slide.shapes.add_textbox(
        Emu(EMU_PER_INCH // 4),
        Emu(EMU_PER_INCH // 8),
        Emu(2 * EMU_PER_INCH),
        Emu(EMU_PER_INCH // 2),
    )
    box.name = LABEL
    box.fill.solid()
    box.fill.fore_color.rgb = RGBColor.from_string(theme.get(back, "B91C1C"))
    frame = box.text_frame
    frame.auto_size = MSO_AUTO_SIZE.SHAPE_TO_FIT_TEXT
    frame.word_wrap = False
    run = frame.paragraphs[0].add_run()
    run.text = label
    run.font.size, run.font.bold = Pt(DRAFT_SIZE), True
    run.font.color.rgb = RGBColor.from_string(theme.get(fore, "FFFFFF"))


TWEMOJI = "Pictures: Twemoji, © Twitter, Inc and other contributors, CC BY 4.0."
"""The attribution the Twemoji licence asks for (assets/pictures/twemoji/README.md)."""


def _uses(deck: Deck, prefix: str) -> bool:
    pictures = [s.picture for s in deck.slides] + [c.picture for s in deck.slides for c in s.cards]
    return any(p is not None and p.path.startswith(prefix) for p in pictures)


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
    props.comments = f"Built by talkdeck from talk {deck.talk_id} {deck.version}." + (
        f" {TWEMOJI}" if _uses(deck, "pictures/twemoji/") else ""
    )
    props.language = deck.tag or aud.lang  # BCP 47, as every run is tagged
    props.revision = 1
    props.created = props.modified = props.last_printed = stamp
