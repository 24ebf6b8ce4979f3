"""The text boxes of the template, as the fitting sees them: size, insets and styles.

Read from the layouts and the slide master, the way PowerPoint resolves a placeholder's style
(slide layout, then master, then the master's text styles), so :mod:`talkdeck.deck.fit` measures
with the sizes the client will use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from talkdeck.deck.kinds import BOX_NAMES, FLOORS
from talkdeck.deck.ooxml.shapes import A, P, xml_of
from talkdeck.deck.placeholders import (
    CARDS,
    HELP_BEFORE,
    HELP_INSET_X,
    HELP_INSET_Y,
    HELP_SIZES,
    HELP_TEXT_W,
    help_row_height,
)

if TYPE_CHECKING:
    from pptx.presentation import Presentation

EMU_PER_PT = 12700
DEFAULT_INSETS = (91440, 45720, 91440, 45720)  # OOXML defaults: left, top, right, bottom


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
    master = xml_of(prs.slide_master)
    tx_styles = master.find(f"{P}txStyles")
    master_sp = {_ph_type(sp): sp for sp in master.iter(f"{P}sp") if _ph_type(sp)}
    specs: dict[tuple[str, int], BoxSpec] = {}
    for layout in prs.slide_layouts:
        for ph in layout.placeholders:  # type: ignore[misc]  # pptx: __iter__ lacks self
            element = xml_of(ph)
            kind = _ph_type(element)
            if kind not in ("title", "ctrTitle", "body", "subTitle"):
                continue
            is_title = kind in ("title", "ctrTitle")
            parent = master_sp.get("title" if is_title else "body")
            style = tx_styles.find(f"{P}{'titleStyle' if is_title else 'bodyStyle'}")
            levels = tuple(
                _level(
                    [
                        _find(_list_style(element), f"{A}lvl{n}pPr"),
                        _find(_list_style(parent), f"{A}lvl{n}pPr"),
                        _find(style, f"{A}lvl{n}pPr"),
                    ]
                )
                for n in range(1, 4)
            )
            body_prs = [_find(element, f".//{A}bodyPr"), _find(parent, f".//{A}bodyPr")]
            insets = [
                int(_chain_attr(body_prs, "", attr) or default)
                for attr, default in zip(
                    ("lIns", "tIns", "rIns", "bIns"), DEFAULT_INSETS, strict=True
                )
            ]
            idx = ph.placeholder_format.idx
            name = _box_name(kind, idx)
            specs[layout.name, idx] = BoxSpec(
                layout=layout.name,
                idx=idx,
                name=name,
                levels=levels,
                floor=min(FLOORS.get(name, 20.0), levels[0].size),
                width=(int(ph.width or 0) - insets[0] - insets[2]) / EMU_PER_PT,
                height=(int(ph.height or 0) - insets[1] - insets[3]) / EMU_PER_PT,
                wrap=_chain_attr(body_prs, "", "wrap") != "none",
            )
    return specs


def helpline_spec(cards: int) -> BoxSpec:
    """The text box of a card on a helpline slide of ``cards`` cards, from the geometry the
    template tool draws it with (a test checks the shipped template agrees): the tailor measures
    a page's cards with it, without opening the template."""
    levels = tuple(
        Level(size=size, bold=n == 0, italic=False, spacing=1.0, before=before, margin=0.0)
        for n, (size, before) in enumerate(zip(HELP_SIZES[cards], HELP_BEFORE, strict=True))
    )
    return BoxSpec(
        layout=f"Helpline {cards}",
        idx=CARDS[0],
        name="card 1",
        width=(HELP_TEXT_W - HELP_INSET_X) / EMU_PER_PT,
        height=(help_row_height(cards) - 2 * HELP_INSET_Y) / EMU_PER_PT,
        levels=levels,
        floor=FLOORS["card 1"],
    )


def _ph_type(sp: Any) -> str:
    ph = sp.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
    return "" if ph is None else ph.get("type", "body")


def _find(element: Any, path: str) -> Any:
    return None if element is None else element.find(path)


def _list_style(sp: Any) -> Any:
    return _find(sp, f"{P}txBody/{A}lstStyle")


def template_prs(template: Path) -> Presentation:
    """The template opened with python-pptx (for lint, which renders nothing)."""
    from pptx import Presentation

    return Presentation(str(template))


def template_specs(template: Path) -> dict[tuple[str, int], BoxSpec]:
    """:func:`box_specs` of a template file, read now (a workspace keeps them: its memo's
    :meth:`~talkdeck.deck.memo.Memo.box_specs`)."""
    return box_specs(template_prs(template))
