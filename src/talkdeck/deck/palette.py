"""The theme in the deck: named colours -> the template's theme part, and the text/background
pairs a template's layouts show, for the contrast check.

Layouts refer to theme slots (``tx1``, ``accent2``...) only, so writing the library's colours into
the theme part recolours every slide, and a presenter's new text uses them too. :data:`SLOTS`
says which named colour of assets/theme.yaml fills which slot; tools/make_template.py uses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from talkdeck.deck.contrast import ratio, required
from talkdeck.deck.ooxml.package import set_theme
from talkdeck.deck.ooxml.shapes import A, P, xml_of

if TYPE_CHECKING:
    from pptx.presentation import Presentation

SLOTS: dict[str, str] = {
    "dk1": "text",
    "lt1": "on_dark",
    "dk2": "dark",
    "lt2": "background",
    "accent1": "accent",
    "accent2": "muted",
    "accent3": "soft_on_dark",
    "accent4": "muted_on_dark",
    "accent5": "accent_on_dark",
    "accent6": "draft_fill",
    "hlink": "link",
    "folHlink": "link",
}
"""Theme slot -> the name of its colour in assets/theme.yaml."""
DEFAULT_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
DRAFT_SIZE = 20.0
CAPTION_SIZE = 18.0
ADDED = (
    ("the DRAFT label", "draft_text", "draft_fill", DRAFT_SIZE, True),
    ("captions under QR codes and pictures", "text", "background", CAPTION_SIZE, False),
)
"""Text the renderer adds itself: (what, text colour, background colour, size, bold)."""


def apply_theme(prs: Presentation, theme: dict[str, str]) -> None:
    """Write the theme's colours and fonts into the template's theme part, if they differ.

    Untouched when they already match (the shipped template), so its bytes are kept.
    """
    if not theme:
        return
    colours = {slot: theme[name] for slot, name in SLOTS.items() if theme.get(name)}
    fonts = {
        which: theme[name]
        for which, name in (("majorFont", "font:heading"), ("minorFont", "font:body"))
        if name in theme
    }
    set_theme(prs, colours, fonts)


@dataclass(frozen=True)
class Pair:
    """Text of one colour and size on one background, somewhere in the template."""

    where: str
    fore: str
    """Name of the text colour in the theme (or the RRGGBB written in the template)."""
    back: str
    size: float
    bold: bool

    def ratio(self, colours: dict[str, str]) -> float:
        return ratio(colours.get(self.fore, self.fore), colours.get(self.back, self.back))

    @property
    def needs(self) -> float:
        return required(self.size, self.bold)


def text_pairs(prs: Presentation) -> list[Pair]:
    """Every (text colour, background, size) the template's layouts show, plus the renderer's."""
    master = xml_of(prs.slide_master)
    clr_map = master.find(f"{P}clrMap")
    mapping = dict(DEFAULT_MAP) if clr_map is None else dict(clr_map.attrib)
    styles = master.find(f"{P}txStyles")
    master_sp = {_ph_type(sp): sp for sp in master.iter(f"{P}sp") if _ph_type(sp)}
    master_bg = _fill(master.find(f"{P}cSld/{P}bg/{P}bgPr"), mapping) or "background"
    pairs = [Pair(what, fore, back, size, bold) for what, fore, back, size, bold in ADDED]
    for layout in prs.slide_layouts:
        element = xml_of(layout)
        back = _fill(element.find(f"{P}cSld/{P}bg/{P}bgPr"), mapping) or master_bg
        for sp in element.iter(f"{P}sp"):
            kind = _ph_type(sp)
            if not kind:
                continue
            parent = master_sp.get(
                kind if kind in master_sp else ("title" if kind == "ctrTitle" else "body")
            )
            style = styles.find(
                f"{P}titleStyle"
                if kind in ("title", "ctrTitle")
                else f"{P}otherStyle"
                if kind in ("sldNum", "dt", "ftr")
                else f"{P}bodyStyle"
            )
            own_back = _fill(sp.find(f"{P}spPr"), mapping) or back
            name = sp.find(f"{P}nvSpPr/{P}cNvPr").get("name", kind)
            levels = 1 if kind in ("title", "ctrTitle", "sldNum") else 3
            for n in range(1, levels + 1):
                chain = [
                    _find(sp, f"{P}txBody/{A}lstStyle/{A}lvl{n}pPr"),
                    _find(parent, f"{P}txBody/{A}lstStyle/{A}lvl{n}pPr"),
                    _find(style, f"{A}lvl{n}pPr"),
                ]
                fore = next(
                    (c for c in (_fill(_find(e, f"{A}defRPr"), mapping) for e in chain) if c),
                    "text",
                )
                size = next(
                    (
                        int(e.find(f"{A}defRPr").get("sz")) / 100
                        for e in chain
                        if e is not None
                        and e.find(f"{A}defRPr") is not None
                        and e.find(f"{A}defRPr").get("sz")
                    ),
                    18.0,
                )
                bold = next(
                    (
                        e.find(f"{A}defRPr").get("b") in ("1", "true")
                        for e in chain
                        if e is not None
                        and e.find(f"{A}defRPr") is not None
                        and e.find(f"{A}defRPr").get("b") is not None
                    ),
                    False,
                )
                where = f"layout '{layout.name}', {name}" + (f" level {n}" if levels > 1 else "")
                pairs.append(Pair(where, fore, own_back, size, bold))
    return pairs


def _ph_type(sp: Any) -> str:
    ph = sp.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
    return "" if ph is None else ph.get("type", "body")


def _find(element: Any, path: str) -> Any:
    return None if element is None else element.find(path)


def _fill(element: Any, mapping: dict[str, str]) -> str:
    """The colour name (or RRGGBB) of an element's solid fill, '' if it has none."""
    fill = _find(element, f"{A}solidFill")
    if fill is None or not len(fill):
        return ""
    colour = fill[0]
    if colour.tag == f"{A}srgbClr":
        return str(colour.get("val", "")).upper()
    if colour.tag == f"{A}schemeClr":
        slot = mapping.get(colour.get("val", ""), colour.get("val", ""))
        return SLOTS.get(slot, "")
    return ""
