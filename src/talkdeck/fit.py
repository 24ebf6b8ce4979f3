"""Make text fit its box before the deck leaves talkdeck.

PowerPoint only shrinks overflowing text after someone edits it, and LibreOffice draws it past the
box, so the fit is decided here: every text placeholder is measured with the real font metrics of
Carlito (metric-compatible with the template's Calibri, shipped in ``assets/fonts/``) and, if the
text is too tall, every run gets an explicit smaller size, 1 pt at a time, down to a floor. Past the
floor the build fails naming the slide and the box. Runs also get an explicit ``Calibri`` latin
typeface, so the client lays out with the metrics measured here (LibreOffice maps Calibri to
Carlito).

The measuring is pure (:func:`fit`) so ``talkdeck lint`` can check every deck without rendering
one; :func:`fit_slide` applies it to a rendered python-pptx slide. Pillow is imported lazily.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import BuildError, Problem
from .tailor import Line, ResolvedSlide

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont
    from pptx.presentation import Presentation
    from pptx.slide import Slide

    from .model import Talk
    from .yamlfile import Document

TYPEFACE = "Calibri"  # the theme font; Carlito has the same metrics
FACES = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic",
         (True, True): "BoldItalic"}
REF_PX = 1000  # fonts are loaded once at this size; widths scale linearly with the point size
EMU_PER_PT = 12700
TITLE, BODY, NUMBER, CLAIM, SOURCE = 0, 1, 10, 11, 12
BOX_NAMES = {TITLE: "title", BODY: "body", NUMBER: "number", CLAIM: "claim", SOURCE: "source"}
FLOORS = {"title": 28.0, "body": 20.0, "subtitle": 20.0, "number": 60.0, "claim": 24.0,
          "source": 14.0}
"""Smallest size, in points, each box may shrink to: still readable from the back of a class."""
DEFAULT_INSETS = (91440, 45720, 91440, 45720)  # OOXML defaults: left, top, right, bottom
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def font_dir() -> Path:
    """Carlito ships with talkdeck (not with each library): measuring is part of the tool."""
    from .paths import default_library

    return default_library() / "assets" / "fonts"


@lru_cache(maxsize=8)
def _font(bold: bool, italic: bool) -> FreeTypeFont:
    from PIL import ImageFont

    path = font_dir() / f"Carlito-{FACES[bold, italic]}.ttf"
    try:
        # BASIC layout: the same widths with or without libraqm, so builds stay reproducible.
        return ImageFont.truetype(str(path), REF_PX, layout_engine=ImageFont.Layout.BASIC)
    except OSError as exc:
        raise BuildError(f"{path}: cannot load the font used to measure text ({exc})") from exc


@lru_cache(maxsize=65536)
def em_width(word: str, bold: bool = False, italic: bool = False) -> float:
    """Advance width of ``word`` in em (multiply by the point size for points)."""
    return _font(bold, italic).getlength(word) / REF_PX


def line_height_em() -> float:
    """Single line spacing in em.

    PowerPoint and LibreOffice both set single-spaced Calibri/Carlito 1.2 em apart (measured in
    LibreOffice's PDF output at 20 and 28 pt), a little under the font's own 1.22 em line height.
    """
    return 1.2


# --- box specifications, read from the template ------------------------------------------------


@dataclass(frozen=True)
class Level:
    """Paragraph style of one outline level in a box, as the template sets it."""

    size: float
    """Font size in points."""
    bold: bool
    italic: bool
    spacing: float
    """Line spacing as a multiple of single spacing (1.1 for 110 %)."""
    before: float
    """Space before the paragraph, in points."""
    margin: float
    """Left margin of the text (after the bullet), in points."""


@dataclass(frozen=True)
class BoxSpec:
    """A text placeholder of a layout: the space inside its insets and its styles."""

    layout: str
    idx: int
    name: str
    width: float
    """Points between the left and right insets."""
    height: float
    """Points between the top and bottom insets."""
    levels: tuple[Level, ...]
    floor: float
    wrap: bool = True

    def level(self, n: int) -> Level:
        return self.levels[min(n, len(self.levels) - 1)]

    def size_at(self, n: int, cap: float) -> float:
        """Size of level ``n`` with the box capped at ``cap`` pt: the largest text shrinks first."""
        return min(self.level(n).size, cap)


def _chain_attr(chain: Sequence[Any], path: str, attr: str) -> str | None:
    for element in chain:
        if element is None:
            continue
        found = element.find(path) if path else element
        if found is not None and found.get(attr) is not None:
            return str(found.get(attr))
    return None


def _level(chain: Sequence[Any]) -> Level:
    size = _chain_attr(chain, f"{A}defRPr", "sz")
    spacing = _chain_attr(chain, f"{A}lnSpc/{A}spcPct", "val")
    before = _chain_attr(chain, f"{A}spcBef/{A}spcPts", "val")
    return Level(
        size=int(size) / 100 if size else 18.0,
        bold=_chain_attr(chain, f"{A}defRPr", "b") in ("1", "true"),
        italic=_chain_attr(chain, f"{A}defRPr", "i") in ("1", "true"),
        spacing=int(spacing) / 100000 if spacing else 1.0,
        before=int(before) / 100 if before else 0.0,
        margin=int(_chain_attr(chain, "", "marL") or 0) / EMU_PER_PT,
    )


def _box_name(ph_type: str, idx: int) -> str:
    if ph_type in ("title", "ctrTitle"):
        return "title"
    if ph_type == "subTitle":
        return "subtitle"
    return BOX_NAMES.get(idx, f"box {idx}")


def box_specs(prs: Presentation) -> dict[tuple[str, int], BoxSpec]:
    """Every title and body placeholder of every layout, keyed by (layout name, idx).

    Styles are resolved as PowerPoint does: the layout's list style, then the master
    placeholder's, then the master's title or body text style; geometry and insets likewise.
    """
    master = prs.slide_master.element
    tx_styles = master.find(f"{P}txStyles")
    master_sp = {_ph_type(sp): sp for sp in master.iter(f"{P}sp") if _ph_type(sp)}
    specs: dict[tuple[str, int], BoxSpec] = {}
    for layout in prs.slide_layouts:
        for ph in layout.placeholders:
            kind = _ph_type(ph.element)
            if kind not in ("title", "ctrTitle", "body", "subTitle"):
                continue
            is_title = kind in ("title", "ctrTitle")
            parent = master_sp.get("title" if is_title else "body")
            style = tx_styles.find(f"{P}{'titleStyle' if is_title else 'bodyStyle'}")
            levels = tuple(
                _level([_find(_list_style(ph.element), f"{A}lvl{n}pPr"),
                        _find(_list_style(parent), f"{A}lvl{n}pPr"),
                        _find(style, f"{A}lvl{n}pPr")])
                for n in range(1, 4)
            )
            body_prs = [_find(ph.element, f".//{A}bodyPr"), _find(parent, f".//{A}bodyPr")]
            insets = [int(_chain_attr(body_prs, "", attr) or default) for attr, default in
                      zip(("lIns", "tIns", "rIns", "bIns"), DEFAULT_INSETS, strict=True)]
            idx = ph.placeholder_format.idx
            name = _box_name(kind, idx)
            specs[layout.name, idx] = BoxSpec(
                layout=layout.name, idx=idx, name=name, levels=levels,
                floor=min(FLOORS.get(name, 20.0), levels[0].size),
                width=(int(ph.width or 0) - insets[0] - insets[2]) / EMU_PER_PT,
                height=(int(ph.height or 0) - insets[1] - insets[3]) / EMU_PER_PT,
                wrap=_chain_attr(body_prs, "", "wrap") != "none",
            )
    return specs


def _ph_type(sp: Any) -> str:
    ph = sp.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
    return "" if ph is None else ph.get("type", "body")


def _find(element: Any, path: str) -> Any:
    return None if element is None else element.find(path)


def _list_style(sp: Any) -> Any:
    return _find(sp, f"{P}txBody/{A}lstStyle")


_SPECS: dict[tuple[str, int, int], dict[tuple[str, int], BoxSpec]] = {}


def specs_for(prs: Presentation | None, template: Path) -> dict[tuple[str, int], BoxSpec]:
    """:func:`box_specs` of a template, worked out once per template file and process.

    ``prs`` is the template already opened, if the caller has it; else it is opened here.
    """
    stat = template.stat()
    key = (str(template), stat.st_mtime_ns, stat.st_size)
    if key not in _SPECS:
        if prs is None:
            from pptx import Presentation

            prs = Presentation(str(template))
        _SPECS[key] = box_specs(prs)
    return _SPECS[key]


def template_specs(template: Path) -> dict[tuple[str, int], BoxSpec]:
    """:func:`specs_for` a template file (for lint, which renders nothing)."""
    return specs_for(None, template)


# --- measuring ---------------------------------------------------------------------------------

Paragraphs = tuple[tuple[str, int], ...]
"""A box's text: (paragraph text, outline level) pairs; newlines are line breaks."""

_BREAKS = re.compile(r"[\n\v\u2028]")


def count_lines(text: str, width: float, size: float, bold: bool, italic: bool,
                wrap: bool = True) -> int:
    """Lines a paragraph takes at ``size`` pt in ``width`` pt, breaking at spaces as clients do.

    A word wider than the line is broken inside, as PowerPoint and LibreOffice do.
    """
    lines = 0
    space = em_width(" ", bold, italic) * size
    for part in _BREAKS.split(text):
        lines += 1
        x = 0.0
        for word in part.split():
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
        lines = count_lines(text, spec.width - level.margin, size, level.bold, level.italic,
                            spec.wrap)
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


_known: dict[str, float | None] = {}
"""Answers of :func:`fit` from earlier runs, kept by :mod:`talkdeck.cache`."""
_learned: dict[str, float | None] = {}


def answer_key(spec: BoxSpec, paragraphs: Paragraphs) -> str:
    return hashlib.sha1(repr((spec, paragraphs)).encode(), usedforsecurity=False).hexdigest()


def remember(answers: dict[str, float | None]) -> None:
    """Take answers measured by an earlier run (the fonts are the tool's, so they stay true)."""
    _known.update(answers)


def learned() -> dict[str, float | None]:
    """Answers measured by this process."""
    return dict(_learned)


@lru_cache(maxsize=8192)
def fit(spec: BoxSpec, paragraphs: Paragraphs) -> float | None:
    """The largest size (pt, 1 pt steps) for the box's first level at which the text fits.

    Returns the template's own size when nothing needs to shrink, or None when the text does not
    fit even at the box's floor. Other levels keep their size until the cap reaches them.
    """
    key = answer_key(spec, paragraphs)
    if key not in _known:
        _learned[key] = _known[key] = _measure(spec, paragraphs)
    return _known[key]


def _measure(spec: BoxSpec, paragraphs: Paragraphs) -> float | None:
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
        super().__init__("\n".join(f"slide '{m.slide}' {m.box}: {m.message}"
                                   for m in self.misfits))

    def lines(self) -> list[str]:
        return [f"error: slide '{m.slide}' {m.box}: {m.message}" for m in self.misfits]


def located(misfits: Sequence[Misfit], talk: Talk, doc: Document) -> list[Problem]:
    """Misfits as problems at the slide's line in the talk file."""
    index = {slide.id: i for i, slide in enumerate(talk.slides)}
    problems = []
    for m in misfits:
        i = index.get(m.slide)
        if i is None:
            problems.append(Problem(doc.path, 0, 0, f"slide '{m.slide}' {m.box}", m.message))
            continue
        line, col = doc.mark(("slides", i))
        problems.append(Problem(doc.path, line, col, f"slides[{i}] (id '{m.slide}') {m.box}",
                                m.message))
    return problems


def fit_slide(slide: Slide, specs: dict[tuple[str, int], BoxSpec], slide_id: str
              ) -> list[Misfit]:
    """Size every run of the slide's text placeholders to fit; return the boxes that cannot.

    Side effect: sets an explicit size and the Calibri typeface on every run it measures.
    """
    misfits = []
    layout = slide.slide_layout.name
    for shape in slide.placeholders:
        spec = specs.get((layout, shape.placeholder_format.idx))
        if spec is None or not shape.has_text_frame:
            continue
        paras = [(p._p, p.text, p.level) for p in shape.text_frame.paragraphs]
        cap = fit(spec, tuple((text, level) for _, text, level in paras))
        if cap is None:
            misfits.append(Misfit(slide_id, spec.name, spec.floor))
            cap = spec.floor
        for p, _, level in paras:
            size = str(round(spec.size_at(level, cap) * 100))  # hundredths of a point
            for run in p.r_lst:  # lxml directly: python-pptx's font API is 5x slower here
                rpr = run.get_or_add_rPr()
                rpr.set("sz", size)
                rpr.get_or_add_latin().set("typeface", TYPEFACE)
    return misfits


def slide_boxes(s: ResolvedSlide) -> list[tuple[int, Paragraphs]]:
    """The (placeholder idx, paragraphs) :mod:`talkdeck.render` writes for a slide.

    Mirrors the renderers so lint can measure without rendering; a test keeps the two in step.
    """
    def paras(lines: Sequence[Line] | str) -> Paragraphs:
        if isinstance(lines, str):
            return ((lines, 0),) if lines else ()
        return tuple((line.text, line.level) for line in lines)

    if s.kind == "statistic":
        boxes = [(TITLE, paras(s.title)), (NUMBER, paras(s.number)), (CLAIM, paras(s.claim)),
                 (SOURCE, paras(s.source))]
    elif s.kind in ("title", "helpline"):
        boxes = [(TITLE, paras(s.title)), (BODY, paras(s.body))]
    else:
        extra = (Line(s.source, 1),) if s.source else ()
        boxes = [(TITLE, paras(s.title)), (BODY, paras((*s.body, *extra)))]
    return [(idx, p) for idx, p in boxes if p]


def deck_misfits(specs: dict[tuple[str, int], BoxSpec], slides: Sequence[ResolvedSlide]
                 ) -> list[Misfit]:
    """Boxes of a tailored deck that do not fit, measured without rendering it."""
    out = []
    for s in slides:
        for idx, paragraphs in slide_boxes(s):
            spec = specs.get((s.layout, idx))
            if spec is not None and fit(spec, paragraphs) is None:
                out.append(Misfit(s.id, spec.name, spec.floor))
    return out
