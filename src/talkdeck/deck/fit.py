"""Make text fit its box before the deck leaves talkdeck.

PowerPoint only shrinks overflowing text after someone edits it, and LibreOffice draws it past the
box, so the fit is decided here: every text placeholder is measured with the real font metrics of
Carlito (metric-compatible with the template's Calibri, shipped in ``src/talkdeck/fonts/``) and,
if the text is too tall, every run gets an explicit smaller size, 1 pt at a time, down to a
floor. Past the floor the build fails naming the slide and the box. Runs also get an explicit
``Calibri`` latin typeface, so the client lays out with the metrics measured here (LibreOffice
maps Calibri to Carlito).

The measuring is pure (:func:`fit`) so ``talkdeck lint`` can check every deck without rendering
one; :func:`fit_slide` applies it to a rendered python-pptx slide. Pillow is imported lazily.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from talkdeck.deck.boxes import (  # noqa: F401  (re-exported for lint and tests)
    BoxSpec,
    Level,
    template_specs,
)
from talkdeck.deck.kinds import KINDS, Card, Paragraphs, paras
from talkdeck.deck.ooxml.shapes import placeholders, set_run_font
from talkdeck.deck.resolved import talk_slide_of
from talkdeck.errors import BuildError, Problem

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont
    from pptx.slide import Slide

    from talkdeck.deck.memo import Memo
    from talkdeck.deck.resolved import ResolvedSlide
    from talkdeck.library.model import Talk
    from talkdeck.library.safe_yaml import Document

TYPEFACE = "Calibri"  # the theme font; Carlito has the same metrics
FACES = {
    (False, False): "Regular",
    (True, False): "Bold",
    (False, True): "Italic",
    (True, True): "BoldItalic",
}
REF_PX = 1000  # fonts are loaded once at this size; widths scale linearly with the point size


def font_dir() -> Path:
    """Carlito ships with talkdeck (not with each library): measuring is part of the tool."""
    from talkdeck.library.locate import FONTS

    return FONTS


@lru_cache(maxsize=8)
def _font(bold: bool, italic: bool) -> FreeTypeFont:
    from PIL import ImageFont

    path = font_dir() / f"Carlito-{FACES[bold, italic]}.ttf"
    try:
        # BASIC layout: the same widths with or without libraqm, so builds stay reproducible.
        return ImageFont.truetype(str(path), REF_PX, layout_engine=ImageFont.Layout.BASIC)
    except OSError as exc:
        raise BuildError(f"{path}: cannot load the font used to measure text ({exc})") from exc


MISSING_EM = 1.2
"""Width of a character Carlito lacks (Hebrew, Arabic, CJK, emoji). The client draws it from
another font whose metrics talkdeck does not ship, so it is measured at a bound no such glyph
exceeds (a CJK ideograph is 1 em, an emoji about 1.2 em): the fit can only err on the safe side,
where measuring the font's empty box for each would let overflowing text pass."""
CHUNK = 256  # characters per measurement: FreeType's fixed-point sum overflows on huge words


@lru_cache(maxsize=8)
def _covered(bold: bool, italic: bool) -> frozenset[int]:
    """Code points the Carlito face has glyphs for."""
    import logging

    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    path = font_dir() / f"Carlito-{FACES[bold, italic]}.ttf"
    try:
        with TTFont(str(path), lazy=True) as face:
            # Numbered glyph names: Carlito's have to be derived from its cmap otherwise, which
            # reads that table twice; only the code points are wanted here.
            face.setGlyphOrder([f"glyph{i}" for i in range(face["maxp"].numGlyphs)])
            return frozenset(face.getBestCmap())
    except Exception as exc:  # a damaged font file
        raise BuildError(f"{path}: cannot read the font used to measure text ({exc})") from exc


@lru_cache(maxsize=65536)
def em_width(word: str, bold: bool = False, italic: bool = False) -> float:
    """Advance width of ``word`` in em (multiply by the point size for points).

    Measured in chunks (a 50,000-character word once measured -31,358 em), and characters the
    font lacks count MISSING_EM each, or nothing for joiners and combining marks.
    """
    font, covered = _font(bold, italic), _covered(bold, italic)
    total, run = 0.0, []
    for char in word:
        if ord(char) in covered:
            run.append(char)
            continue
        if unicodedata.category(char) not in ("Mn", "Me", "Cf"):  # ZWJ, variation selectors
            total += MISSING_EM * REF_PX
    text = "".join(run)
    for start in range(0, len(text), CHUNK):
        total += font.getlength(text[start : start + CHUNK])
    return total / REF_PX


def line_height_em() -> float:
    """Single line spacing in em.

    PowerPoint and LibreOffice both set single-spaced Calibri/Carlito 1.2 em apart (measured in
    LibreOffice's PDF output at 20 and 28 pt), a little under the font's own 1.22 em line height.
    """
    return 1.2


# --- measuring ---------------------------------------------------------------------------------

_BREAKS = re.compile(r"[\n\v\u2028]")
SPACES = re.compile(r"[^\S\u00a0]+")
"""Where a line may break: any white space but a no-break space (kept inside phone numbers)."""


def count_lines(
    text: str, width: float, size: float, bold: bool, italic: bool, wrap: bool = True
) -> int:
    """Lines a paragraph takes at ``size`` pt in ``width`` pt, breaking at spaces as clients do.

    A word wider than the line is broken inside, as PowerPoint and LibreOffice do.
    """
    lines = 0
    space = em_width(" ", bold, italic) * size
    for part in _BREAKS.split(text):
        lines += 1
        x = 0.0
        for word in SPACES.split(part.strip()) if part.strip() else ():
            w = em_width(word, bold, italic) * size
            if not wrap:
                continue
            if x and x + space + w <= width + 1e-6:
                x += space + w
                continue
            if x:
                lines += 1
            extra = max(0, math.ceil(w / width - 1e-9) - 1) if width > 0 else 0
            lines += extra
            x = w - extra * width
    return lines


def text_height(spec: BoxSpec, paragraphs: Paragraphs, cap: float) -> float:
    """Points the paragraphs take when the box's largest text is capped at ``cap`` pt."""
    total = 0.0
    pitch = line_height_em()
    for i, (text, n) in enumerate(paragraphs):
        level = spec.level(n)
        size = spec.size_at(n, cap)
        lines = count_lines(
            text, spec.width - level.margin, size, level.bold, level.italic, spec.wrap
        )
        # Clients add no space before the first paragraph of a box (measured in LibreOffice).
        total += (level.before if i else 0.0) + lines * size * pitch * level.spacing
    return total


def text_width(spec: BoxSpec, paragraphs: Paragraphs, cap: float) -> float:
    """Widest unwrapped paragraph, for boxes that do not wrap."""
    widest = 0.0
    for text, n in paragraphs:
        level = spec.level(n)
        size = spec.size_at(n, cap)
        for part in _BREAKS.split(text):
            widest = max(widest, level.margin + em_width(part, level.bold, level.italic) * size)
    return widest


def answer_key(spec: BoxSpec, paragraphs: Paragraphs, spec_repr: str = "") -> str:
    """The key :class:`talkdeck.deck.memo.Memo` and the build cache keep a :func:`fit` answer by.

    ``spec_repr`` is ``repr(spec)`` if the caller has it (a box's repr is long and recurs)."""
    text = f"({spec_repr or repr(spec)}, {paragraphs!r})"  # repr((spec, paragraphs))
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def fit(spec: BoxSpec, paragraphs: Paragraphs) -> float | None:
    """The largest size (pt, 1 pt steps) for the box's first level at which the text fits.

    Returns the template's own size when nothing needs to shrink, or None when the text does not
    fit even at the box's floor. Other levels keep their size until the cap reaches them.
    Measures every time: :meth:`talkdeck.deck.memo.Memo.fit` remembers the answers.
    """
    cap = spec.levels[0].size
    while cap >= spec.floor - 1e-9:
        fits = text_height(spec, paragraphs, cap) <= spec.height + 1e-6
        if fits and (spec.wrap or text_width(spec, paragraphs, cap) <= spec.width + 1e-6):
            return cap
        cap -= 1
    return None


# --- applying it to a deck ---------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Misfit:
    """A box whose text does not fit even at its floor."""

    slide: str
    box: str
    floor: float

    @property
    def message(self) -> str:
        return f"text does not fit even at {self.floor:g} pt"


class FitError(BuildError):
    """Text that cannot be made to fit; :func:`located` turns it into talk-file problems."""

    def __init__(self, misfits: list[Misfit]) -> None:
        self.misfits = sorted(set(misfits))
        super().__init__("\n".join(f"slide '{m.slide}' {m.box}: {m.message}" for m in self.misfits))

    def lines(self) -> list[str]:
        return [f"error: slide '{m.slide}' {m.box}: {m.message}" for m in self.misfits]


def located(misfits: Sequence[Misfit], talk: Talk, doc: Document) -> list[Problem]:
    """Misfits as problems at the slide's line in the talk file."""
    index = {slide.id: i for i, slide in enumerate(talk.slides)}
    problems = []
    for m in misfits:
        i = index.get(talk_slide_of(m.slide))
        if i is None:
            problems.append(Problem(doc.path, 0, 0, f"slide '{m.slide}' {m.box}", m.message))
            continue
        line, col = doc.mark(("slides", i))
        problems.append(
            Problem(doc.path, line, col, f"slides[{i}] (id '{m.slide}') {m.box}", m.message)
        )
    return problems


def cards_fit(cards: Sequence[Card]) -> bool:
    """Whether these helpline cards all fit on one slide, each card's text at its floor or
    larger (:func:`talkdeck.deck.boxes.helpline_spec`)."""
    from talkdeck.deck.boxes import helpline_spec

    spec = helpline_spec(len(cards))
    return all(fit(spec, paras(card.lines)) is not None for card in cards)


def fit_slide(
    slide: Slide, specs: dict[tuple[str, int], BoxSpec], slide_id: str, memo: Memo
) -> list[Misfit]:
    """Size every run of the slide's text placeholders to fit; return the boxes that cannot.

    Side effect: sets an explicit size and the Calibri typeface on every run it measures.
    """
    misfits = []
    layout = slide.slide_layout.name
    for idx, shape in placeholders(slide):
        spec = specs.get((layout, idx))
        if spec is None or not shape.has_text_frame:
            continue
        paras = [(p, p.text, p.level) for p in shape.text_frame.paragraphs]
        cap = memo.fit(spec, tuple((text, level) for _, text, level in paras))
        if cap is None:
            misfits.append(Misfit(slide_id, spec.name, spec.floor))
            cap = spec.floor
        for p, _, level in paras:
            size = str(round(spec.size_at(level, cap) * 100))  # hundredths of a point
            set_run_font(p, size, TYPEFACE)
    return misfits


def slide_boxes(s: ResolvedSlide) -> list[tuple[int, Paragraphs]]:
    """The (placeholder idx, paragraphs) :mod:`talkdeck.deck.render` writes for a slide."""
    return [(idx, p) for idx, p in KINDS[s.kind].boxes(s) if p]


def deck_misfits(
    specs: dict[tuple[str, int], BoxSpec], slides: Sequence[ResolvedSlide], memo: Memo
) -> list[Misfit]:
    """Boxes of a tailored deck that do not fit, measured without rendering it."""
    out = []
    for s in slides:
        for idx, paragraphs in slide_boxes(s):
            spec = specs.get((s.layout, idx))
            if spec is not None and memo.fit(spec, paragraphs) is None:
                out.append(Misfit(s.id, spec.name, spec.floor))
    return out
