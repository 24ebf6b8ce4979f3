"""Printed documents (presenter guide, handouts) as a few blocks, written as Markdown or PDF.

PDF is drawn with fpdf2, not LibreOffice: the Debian package CI and volunteers install for
decks (libreoffice-impress) has no Writer, so it cannot convert HTML or text documents, and a
pure-Python PDF writer gives exact control of a one-page handout, embeds the shipped Carlito
font (accents, ñ, ¿) and needs no external program. fpdf2 is imported lazily.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from talkdeck.errors import BuildError
from talkdeck.library.qr_capacity import target

if TYPE_CHECKING:
    from fpdf import FPDF

INK, ACCENT, MUTED = (27, 42, 65), (47, 93, 138), (95, 104, 118)
LETTER_REGIONS = {"US", "MX", "CO", "PH"}  # paper size follows the region; A4 elsewhere


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2
    picture: str = ""
    """A PNG drawn beside the heading (PDF only), with its alt text."""
    alt: str = ""
    turn: bool = False
    """On a sheet that takes two pages, the heading starts the second (the helplines)."""


@dataclass(frozen=True)
class Para:
    text: str
    small: bool = False


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]
    checkbox: bool = False
    pictures: tuple[tuple[str, str], ...] = ()
    """(PNG, alt text) beside each item instead of a bullet (PDF only); ("", "") for none."""
    big: bool = False
    """The key rules: larger, bold type."""


@dataclass(frozen=True)
class Contact:
    """A helpline: its name, how to reach it, and a QR code for its web address if asked."""

    name: str
    lines: tuple[str, ...]
    url: str = ""
    qr: bool = False
    number: str = ""
    """How to call it ("Call: 0800 1111"), printed large."""
    picture: str = ""
    """A PNG of the kind of help where a QR code would be, when there is none (PDF only)."""
    alt: str = ""


Block = Heading | Para | Items | Contact


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    blocks: tuple[Block, ...]
    lang: str
    region: str
    date: dt.date
    """Written into the PDF's metadata instead of today, so the same inputs give the same file."""
    picture: str = ""
    """A PNG beside the title (PDF only), with its alt text."""
    alt: str = ""


@functools.lru_cache(maxsize=64)  # the handout is drawn again at each size while it shrinks
def qr_png(url: str, scale: int = 6) -> bytes:
    import segno

    buf = io.BytesIO()
    segno.make(target(url), error="m").save(buf, kind="png", scale=scale, border=2)
    return buf.getvalue()


# --- Markdown ---------------------------------------------------------------------------------


def to_markdown(doc: Document) -> str:
    """The document as CommonMark; QR codes are inline PNG data so the file stands alone."""
    out = [f"# {doc.title}", "", f"*{doc.subtitle}*", ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += [f"{'#' * block.level} {block.text}", ""]
        elif isinstance(block, Para):
            out += [f"*{block.text}*" if block.small else block.text, ""]
        elif isinstance(block, Items):
            mark = "- [ ] " if block.checkbox else "- "
            out += [*(mark + (f"**{item}**" if block.big else item) for item in block.items), ""]
        else:
            out.append(f"**{block.name}**  ")
            out += [f"**{block.number}**  "] if block.number else []
            out += [f"{line}  " for line in block.lines]
            if block.qr and block.url:
                data = base64.b64encode(qr_png(block.url, scale=3)).decode()
                out.append(f"![QR code: {block.url}](data:image/png;base64,{data})")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


# --- PDF --------------------------------------------------------------------------------------


SHEET_PAGES = 2
"""Most pages a take-home sheet may have."""
READABLE = 0.9
"""The smallest type (a share of the full size) a sheet shrinks to to stay on one page; past it
a second page keeps the type large enough for an 11-year-old."""
SMALLEST = 0.7


def to_pdf(doc: Document, fonts: Path, sheet: bool = False) -> bytes:
    """The document as PDF. A ``sheet`` (the handout) is one page, its type shrunk a little if
    need be (down to ``READABLE``); if that is not enough, two pages at full size, shrunk until
    they hold everything.

    Raises BuildError if the fonts are missing or a sheet cannot fit its two pages.
    """
    for name in ("Carlito-Regular.ttf", "Carlito-Bold.ttf"):
        if not (fonts / name).is_file():
            raise BuildError(f"{fonts / name}: font missing from the library")
    scale, most = 1.0, 1
    while True:
        data, pages = _render(doc, fonts, scale, turn=most > 1)
        if not sheet or pages <= most:
            return data
        if most == 1 and scale <= READABLE + 1e-9:
            scale, most = 1.0, SHEET_PAGES  # one page would need small type: take two
            continue
        if scale <= SMALLEST + 1e-9:
            raise BuildError(
                f"'{doc.title}' does not fit on {SHEET_PAGES} pages even in small type"
            )
        scale -= 0.05


def _render(doc: Document, fonts: Path, scale: float, turn: bool = False) -> tuple[bytes, int]:
    import logging

    from fpdf import FPDF

    # fontTools logs a warning about Carlito's old 'created' date on every load; it is harmless.
    logging.getLogger("fontTools").setLevel(logging.ERROR)

    paper = "Letter" if doc.region in LETTER_REGIONS else "A4"
    pdf = FPDF(format=paper, unit="mm")
    pdf.set_creation_date(
        dt.datetime(doc.date.year, doc.date.month, doc.date.day, tzinfo=dt.timezone.utc)
    )
    pdf.set_title(doc.title)
    pdf.set_author("talkdeck")
    pdf.set_lang(doc.lang)
    pdf.add_font("Carlito", "", str(fonts / "Carlito-Regular.ttf"))
    pdf.add_font("Carlito", "B", str(fonts / "Carlito-Bold.ttf"))
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, 16)
    pdf.add_page()
    writer = _Writer(pdf, scale, turn)
    side = 0.0
    if doc.picture:  # a friendly picture at the top right; the title wraps clear of it
        side = 24 * scale
        pdf.image(
            doc.picture,
            x=pdf.w - pdf.r_margin - side,
            y=pdf.t_margin,
            w=side,
            h=side,
            alt_text=doc.alt,
        )
    writer.text(doc.title, 24, bold=True, colour=INK, after=1, right=side + 4 if side else 0)
    writer.text(doc.subtitle, 12, colour=MUTED, after=3, right=side + 4 if side else 0)
    pdf.set_y(max(pdf.get_y(), pdf.t_margin + side + 2 if side else 0))
    for block in doc.blocks:
        writer.block(block)
    return bytes(pdf.output()), pdf.page_no()


class _Writer:
    """Draws blocks on an FPDF page; sizes are points times ``scale``."""

    def __init__(self, pdf: FPDF, scale: float, turn: bool = False) -> None:
        self.pdf = pdf
        self.scale = scale
        self.turn = turn
        """Whether a heading marked ``turn`` starts a new page."""

    def size(self, points: float) -> float:
        return points * self.scale

    def line_height(self, points: float) -> float:
        return self.size(points) * 0.3528 * 1.3  # points -> mm, with leading

    def text(
        self,
        text: str,
        points: float,
        bold: bool = False,
        colour: Sequence[int] = INK,
        after: float = 1.5,
        indent: float = 0.0,
        right: float = 0.0,
    ) -> None:
        pdf = self.pdf
        text = text.replace("`", "")  # Markdown code marks (commands) read as plain text on paper
        pdf.set_font("Carlito", "B" if bold else "", self.size(points))
        pdf.set_text_color(*colour)
        pdf.set_x(pdf.l_margin + indent)
        width = pdf.w - pdf.r_margin - pdf.l_margin - indent - right
        pdf.multi_cell(
            width, self.line_height(points), text, align="L", new_x="LMARGIN", new_y="NEXT"
        )
        pdf.ln(self.size(after))

    def picture(self, path: str, alt: str, x: float, y: float, side: float) -> None:
        self.pdf.image(path, x=x, y=y, w=side, h=side, alt_text=alt)

    def block(self, block: Block) -> None:
        pdf = self.pdf
        if isinstance(block, Heading):
            points = {1: 18.0, 2: 16.0}.get(block.level, 12.0)
            # Keep a heading with the first lines under it rather than alone at a page's foot.
            if (block.turn and self.turn) or (
                pdf.get_y() + 4 * self.line_height(points) > pdf.h - pdf.b_margin
            ):
                pdf.add_page()
            pdf.ln(self.size(3 if block.level <= 2 else 1.5))
            indent = 0.0
            if block.picture:  # the section's picture just left of its heading
                side = self.line_height(points) * 1.5
                top = pdf.get_y() - (side - self.line_height(points)) / 2
                self.picture(block.picture, block.alt, pdf.l_margin, top, side)
                indent = side + 2.5
            self.text(
                block.text,
                points,
                bold=True,
                colour=ACCENT if block.level <= 2 else INK,
                after=1.5 if block.picture else 1,
                indent=indent,
            )
        elif isinstance(block, Para):
            self.text(
                block.text,
                9.5 if block.small else 12,
                colour=MUTED if block.small else INK,
                after=2,
            )
        elif isinstance(block, Items):
            pictures = block.pictures or (("", ""),) * len(block.items)
            for item, (picture, alt) in zip(block.items, pictures, strict=True):
                self.item(item, block.checkbox, picture, alt, block.big)
            pdf.ln(self.size(1.5))
        else:
            self.contact(block)

    def item(
        self, text: str, checkbox: bool, picture: str = "", alt: str = "", big: bool = False
    ) -> None:
        pdf = self.pdf
        points = 13.5 if big else 12
        top, x = pdf.get_y(), pdf.l_margin
        if picture:  # a picture instead of a bullet, the text beside it
            side = self.line_height(points) * 1.45
            if top + side > pdf.h - pdf.b_margin:
                pdf.add_page()
                top = pdf.get_y()
            pad = (side - self.line_height(points)) / 2
            pdf.set_y(top + pad)
            self.text(text, points, bold=big, after=0, indent=side + 2.5)
            if pdf.get_y() < top:  # moved to a new page
                top = pdf.t_margin
            self.picture(picture, alt, x, top, side)
            pdf.set_y(max(pdf.get_y(), top + side) + self.size(1.2))
            return
        box = self.line_height(points) * 0.55
        self.text(text, points, bold=big, after=0.8, indent=6)
        if pdf.get_y() < top:  # moved to a new page: the mark goes beside the first line
            top = pdf.t_margin
        mark_y = top + (self.line_height(points) - box) / 2
        pdf.set_draw_color(*ACCENT)
        pdf.set_fill_color(*ACCENT)
        if checkbox:
            pdf.rect(x + 1, mark_y, box, box)
        else:
            pdf.ellipse(x + 2, mark_y + box / 4, box / 2, box / 2, style="F")

    def contact(self, block: Contact) -> None:
        pdf = self.pdf
        size = 22 * self.scale  # mm: big enough for a phone camera across a table
        code = block.qr and block.url
        indent = size + 4 if code or block.picture else 0
        top = pdf.get_y()
        rows = 1 + len(block.lines) + (1.4 if block.number else 0)
        needed = max(size if indent else 0, self.line_height(12) * rows)
        if top + needed > pdf.h - pdf.b_margin:
            pdf.add_page()
            top = pdf.get_y()
        if code:
            pdf.image(
                io.BytesIO(qr_png(block.url)),
                x=pdf.l_margin,
                y=top,
                w=size,
                h=size,
                alt_text=f"QR code: {block.url}",
            )
        elif block.picture:  # the kind of help, smaller than a code, centred in its place
            side = size * 0.7
            self.picture(block.picture, block.alt, pdf.l_margin + (size - side) / 2, top, side)
        self.text(block.name, 13, bold=True, after=0.3, indent=indent)
        if block.number:
            self.text(block.number, 16, bold=True, colour=ACCENT, after=0.3, indent=indent)
        for line in block.lines:
            self.text(line, 11.5, after=0.3, indent=indent)
        bottom = top + (size if code else size * 0.7) + 2 if indent else 0
        pdf.set_y(max(pdf.get_y() + self.size(2.5), bottom))
