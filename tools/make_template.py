"""Generate ``assets/templates/talkdeck.pptx``, the talkdeck slide template.

The template is built from python-pptx's default template: the slide size becomes
16:9, the theme becomes "talkdeck" (colours, Calibri fonts, flat effects), the
slide master gets the talkdeck text styles, and the default layouts are replaced
by one layout per slide kind. Which kinds there are, their layout names and the placeholders
(by idx) each one has come from ``talkdeck.deck.kinds.KINDS``, the declaration the renderer and
the fit use; this script adds the design: geometry, colours and text styles (``DESIGNS``).

The output is byte-for-byte reproducible: fixed core properties, fixed zip
timestamps, a stable member order and fixed compression.

Usage: ``python tools/make_template.py [--output PATH]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.parts.slide import SlideLayoutPart
from pptx.util import Emu

if TYPE_CHECKING:
    from pptx.opc.package import OpcPackage, Part
    from pptx.presentation import Presentation as PresentationT

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "src"))  # this checkout's declarations, not an installed copy

from talkdeck.deck.kinds import KINDS, SLIDE_NUMBER  # noqa: E402
from talkdeck.library.locate import TEMPLATE  # noqa: E402

DEFAULT_OUTPUT = REPO_ROOT / TEMPLATE

# --- geometry (EMU; 914400 per inch) -----------------------------------------
SLIDE_W = 12192000
SLIDE_H = 6858000
MARGIN = 548640  # 0.6 in left/right
CONTENT_W = SLIDE_W - 2 * MARGIN
DARK_MARGIN = 822960  # 0.9 in on the dark (title/section/closing) layouts
DARK_W = SLIDE_W - 2 * DARK_MARGIN
INSET_X = 91440  # default left/right text inset (0.1 in)
INSET_Y = 45720  # default top/bottom text inset (0.05 in)

# --- palette -----------------------------------------------------------------
# Colours and fonts come from the library's assets/theme.yaml (see theme_from_library); the
# layouts name theme slots only, so a build recolours them from the same file.
C_TEXT = '<a:schemeClr val="tx1"/>'  # text
C_WHITE = '<a:schemeClr val="bg1"/>'  # on_dark
C_ACCENT = '<a:schemeClr val="accent1"/>'  # accent
C_MUTED = '<a:schemeClr val="accent2"/>'  # muted
C_LIGHT = '<a:schemeClr val="accent3"/>'  # soft_on_dark
C_MUTED_DARK = '<a:schemeClr val="accent4"/>'  # muted_on_dark
C_TEAL_DARK = '<a:schemeClr val="accent5"/>'  # accent_on_dark


def theme_from_library() -> dict[str, str]:
    """The library's theme (assets/theme.yaml, checked), as :meth:`Theme.flat` gives it."""
    import sys

    sys.path.insert(0, str(REPO_ROOT / "src"))
    from talkdeck.errors import ContentError, Problem
    from talkdeck.library.load import load_theme

    problems: list[Problem] = []
    theme, _ = load_theme(REPO_ROOT, problems)
    if problems:
        raise ContentError(problems)
    return theme.flat()


SLDNUM_IDX = SLIDE_NUMBER
SLDNUM_FIELD_ID = "{6D3B1C1E-4B8E-4F51-9B0A-2E7C5A1D0F20}"
LANG = "en-GB"
FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0, tzinfo=dt.timezone.utc)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Box:
    """Position and size of a shape, in EMU."""

    x: int
    y: int
    cx: int
    cy: int

    def xml(self) -> str:
        return (
            f'<a:xfrm><a:off x="{self.x}" y="{self.y}"/>'
            f'<a:ext cx="{self.cx}" cy="{self.cy}"/></a:xfrm>'
        )


@dataclass(frozen=True)
class Placeholder:
    """One placeholder of a slide layout."""

    ph_type: str
    idx: int
    box: Box
    name: str
    prompt: tuple[str, ...] = ()
    levels: str = ""  # inner XML of a:lstStyle
    anchor: str = "t"
    sz: str = ""  # p:ph/@sz


@dataclass(frozen=True)
class Layout:
    """One slide layout: name, OOXML layout type, background and shapes."""

    name: str
    layout_type: str
    dark: bool
    placeholders: tuple[Placeholder, ...]
    bar: Box


# --- text style helpers ------------------------------------------------------


def _lvl(
    n: int,
    *,
    size: int,
    color: str = C_TEXT,
    bold: bool = False,
    italic: bool = False,
    bullet: str | None = None,
    bullet_color: str = C_ACCENT,
    mar_l: int = 0,
    indent: int = 0,
    line_pct: int = 110,
    before_pt: float = 0,
    align: str = "l",
    major: bool = False,
) -> str:
    """Return an ``a:lvlNpPr`` element (size in points)."""
    font = "mj" if major else "mn"
    if bullet is None:
        bullet_xml = "<a:buNone/>"
    else:
        bullet_xml = (
            f"<a:buClr>{bullet_color}</a:buClr>"
            '<a:buFont typeface="Arial" panose="020B0604020202020204" '
            'pitchFamily="34" charset="0"/>'
            f'<a:buChar char="{bullet}"/>'
        )
    attrs = f'sz="{size * 100}"'
    if bold:
        attrs += ' b="1"'
    if italic:
        attrs += ' i="1"'
    return (
        f'<a:lvl{n}pPr marL="{mar_l}" indent="{indent}" algn="{align}" '
        'defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">'
        f'<a:lnSpc><a:spcPct val="{line_pct * 1000}"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{int(before_pt * 100)}"/></a:spcBef>'
        f"{bullet_xml}"
        f'<a:defRPr {attrs} kern="1200"><a:solidFill>{color}</a:solidFill>'
        f'<a:latin typeface="+{font}-lt"/><a:ea typeface="+{font}-ea"/>'
        f'<a:cs typeface="+{font}-cs"/></a:defRPr></a:lvl{n}pPr>'
    )


BODY_INDENT = 365760  # 0.4 in per level
BULLET = "\u2022"


def _body_levels(color: str = C_TEXT, bullet_color: str = C_ACCENT) -> str:
    """Bulleted body levels 1-9: 28 pt, then 24 pt (never smaller)."""
    out = []
    for n in range(1, 10):
        out.append(
            _lvl(
                n,
                size=28 if n == 1 else 24,
                color=color,
                bullet=BULLET,
                bullet_color=bullet_color,
                mar_l=BODY_INDENT * n,
                indent=-BODY_INDENT,
                before_pt=10 if n == 1 else 6,
            )
        )
    return "".join(out)


def _plain_levels(size: int, color: str, before_pt: float = 6) -> str:
    """Unbulleted levels 1-3 for text on the dark layouts."""
    return "".join(
        _lvl(n, size=size if n == 1 else 24, color=color, before_pt=before_pt) for n in range(1, 4)
    )


def _title_level(size: int, color: str = C_TEXT) -> str:
    return _lvl(1, size=size, color=color, bold=True, line_pct=90, major=True)


# --- geometry of the layouts -------------------------------------------------

# light layouts: title band, accent bar, body, slide number
TITLE_BOX = Box(MARGIN, 274320, CONTENT_W, 1188720)  # 0.30-1.60 in
BAR_BOX = Box(MARGIN + INSET_X, 1536192, 1097280, 54864)  # 1.68 in, 1.2 x 0.06 in
BODY_TOP = 1737360  # 1.90 in
BODY_BOTTOM = 6217920  # 6.80 in
BODY_BOX = Box(MARGIN, BODY_TOP, CONTENT_W, BODY_BOTTOM - BODY_TOP)
SLDNUM_BOX = Box(SLIDE_W - MARGIN - 1828800, 6263640, 1828800, 411480)  # 6.85-7.30 in

# Helpline: body on the left 62 %; the right 30 % (from x = 70 %) stays empty
HELPLINE_BODY_BOX = Box(MARGIN, BODY_TOP, SLIDE_W * 62 // 100, BODY_BOTTOM - BODY_TOP)

# Statistic: number, claim, source stacked under the title
STAT_NUMBER_BOX = Box(MARGIN, 1691640, CONTENT_W, 1508760)  # 1.85-3.50 in
STAT_CLAIM_BOX = Box(MARGIN, 3246120, CONTENT_W, 2103120)  # 3.55-5.85 in
STAT_SOURCE_BOX = Box(MARGIN, 5440680, CONTENT_W, 777240)  # 5.95-6.80 in

# dark layouts
DARK_BAR_W = 1371600  # 1.5 in
DARK_BAR_H = 73152  # 0.08 in


def _dark_bar(y: int) -> Box:
    return Box(DARK_MARGIN + INSET_X, y, DARK_BAR_W, DARK_BAR_H)


def _title(box: Box = TITLE_BOX, levels: str = "", name: str = "Title") -> Placeholder:
    return Placeholder("title", 0, box, name, ("Slide title",), levels, anchor="b")


def _body(box: Box = BODY_BOX, levels: str = "", prompt: tuple[str, ...] = ()) -> Placeholder:
    prompt = prompt or ("First-level point", "Second-level point")
    return Placeholder("body", 1, box, "Text", prompt, levels)


def _sldnum(dark: bool) -> Placeholder:
    color = C_MUTED_DARK if dark else C_MUTED
    levels = _lvl(1, size=18, color=color, align="r", line_pct=100)
    return Placeholder(
        "sldNum", SLDNUM_IDX, SLDNUM_BOX, "Slide Number", (), levels, "ctr", "quarter"
    )


def _text_layout(name: str, layout_type: str = "cust", body_box: Box = BODY_BOX) -> Layout:
    return Layout(name, layout_type, False, (_title(), _body(body_box), _sldnum(False)), BAR_BOX)


DESIGNS: tuple[Layout, ...] = (
    Layout(
        "Title",
        "title",
        True,
        (
            Placeholder(
                "ctrTitle",
                0,
                Box(DARK_MARGIN, 822960, DARK_W, 2377440),  # 0.90-3.50 in
                "Title",
                ("Talk title",),
                _title_level(48, C_WHITE),
                anchor="b",
            ),
            Placeholder(
                "subTitle",
                1,
                Box(DARK_MARGIN, 3566160, DARK_W, 2651760),  # 3.90-6.80 in
                "Subtitle",
                ("Subtitle", "School", "Presenter", "Date"),
                _plain_levels(28, C_LIGHT),
            ),
        ),
        _dark_bar(3310128),  # 3.62 in
    ),
    Layout(
        "Section",
        "secHead",
        True,
        (
            _title(Box(DARK_MARGIN, 1371600, DARK_W, 2011680), _title_level(44, C_WHITE)),
            _body(
                Box(DARK_MARGIN, 3749040, DARK_W, 1463040),  # 4.10-5.70 in
                _plain_levels(28, C_LIGHT),
                ("One or two short lines",),
            ),
            _sldnum(True),
        ),
        _dark_bar(3493008),  # 3.82 in
    ),
    _text_layout("Bullets", "tx"),
    Layout(
        "Statistic",
        "cust",
        False,
        (
            _title(levels=_title_level(32)),
            Placeholder(
                "body",
                10,
                STAT_NUMBER_BOX,
                "Number",
                ("1 in 4",),
                _lvl(1, size=96, color=C_ACCENT, bold=True, line_pct=90),
            ),
            Placeholder(
                "body",
                11,
                STAT_CLAIM_BOX,
                "Claim",
                ("What the number means, in one or two plain sentences",),
                _lvl(1, size=32, color=C_TEXT),
            ),
            Placeholder(
                "body",
                12,
                STAT_SOURCE_BOX,
                "Source",
                ("Source: organisation, report title, year",),
                _lvl(1, size=18, color=C_MUTED, italic=True, line_pct=100),
                anchor="b",
            ),
            _sldnum(False),
        ),
        BAR_BOX,
    ),
    _text_layout("Tips"),
    _text_layout("Helpline", body_box=HELPLINE_BODY_BOX),
    _text_layout("Law"),
    _text_layout("Local"),
    _text_layout("Activity"),
    _text_layout("Rules"),
    Layout(
        "Closing",
        "cust",
        True,
        (
            _title(Box(DARK_MARGIN, 548640, DARK_W, 1737360), _title_level(44, C_WHITE)),
            _body(
                Box(DARK_MARGIN, 2651760, DARK_W, 3566160),  # 2.90-6.80 in
                _lvl(1, size=28, color=C_WHITE, before_pt=10)
                + "".join(
                    _lvl(
                        n,
                        size=24,
                        color=C_WHITE,
                        bullet=BULLET,
                        bullet_color=C_TEAL_DARK,
                        mar_l=BODY_INDENT * (n - 1),
                        indent=-BODY_INDENT,
                        before_pt=6,
                    )
                    for n in (2, 3)
                ),
                ("Closing message", "Where to get help"),
            ),
            _sldnum(True),
        ),
        _dark_bar(2385060),  # 2.61 in
    ),
)



def _layouts() -> tuple[Layout, ...]:
    """The designs of the kinds' layouts, each checked to have its kind's placeholders."""
    designs = {layout.name: layout for layout in DESIGNS}
    for kind in KINDS.values():
        design = designs.get(kind.layout)
        if design is None:
            raise SystemExit(f"slide kind '{kind.name}': no design for layout '{kind.layout}'")
        have = {ph.idx for ph in design.placeholders} - {SLDNUM_IDX}
        if have != set(kind.placeholders):
            raise SystemExit(f"layout '{kind.layout}' has placeholders {sorted(have)}; slide "
                             f"kind '{kind.name}' declares {sorted(kind.placeholders)}")
    used = {kind.layout for kind in KINDS.values()}
    return tuple(layout for layout in DESIGNS if layout.name in used)


LAYOUTS = _layouts()

# --- XML builders ------------------------------------------------------------

BODY_PR = (
    '<a:bodyPr vert="horz" wrap="square" lIns="{ix}" tIns="{iy}" rIns="{ix}" bIns="{iy}" '
    'rtlCol="0" anchor="{anchor}"/>'
)


def _body_pr(anchor: str) -> str:
    return BODY_PR.format(ix=INSET_X, iy=INSET_Y, anchor=anchor)


def _paragraphs(prompt: tuple[str, ...], ph_type: str) -> str:
    if ph_type == "sldNum":
        return (
            f'<a:p><a:fld id="{SLDNUM_FIELD_ID}" type="slidenum"><a:rPr lang="{LANG}"/>'
            f'<a:t>\u2039#\u203a</a:t></a:fld><a:endParaRPr lang="{LANG}"/></a:p>'
        )
    out = []
    for i, text in enumerate(prompt):
        # a second body prompt line demonstrates level 2 on bulleted layouts
        ppr = '<a:pPr lvl="1"/>' if ph_type == "body" and i == 1 and len(prompt) == 2 else ""
        out.append(f'<a:p>{ppr}<a:r><a:rPr lang="{LANG}"/><a:t>{text}</a:t></a:r></a:p>')
    return "".join(out) or f'<a:p><a:endParaRPr lang="{LANG}"/></a:p>'


def _placeholder_sp(shape_id: int, ph: Placeholder, in_layout: bool) -> str:
    sz = f' sz="{ph.sz}"' if ph.sz else ""
    custom = ' hasCustomPrompt="1"' if in_layout and ph.ph_type != "sldNum" else ""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{ph.name} {shape_id - 1}"/>'
        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f'<p:nvPr><p:ph type="{ph.ph_type}"{sz} idx="{ph.idx}"{custom}/></p:nvPr></p:nvSpPr>'
        f'<p:spPr>{ph.box.xml()}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
        f"<p:txBody>{_body_pr(ph.anchor)}<a:lstStyle>{ph.levels}</a:lstStyle>"
        f"{_paragraphs(ph.prompt, ph.ph_type)}</p:txBody></p:sp>"
    )


def _bar_sp(shape_id: int, box: Box, color: str) -> str:
    """A plain filled rectangle (not a placeholder): the thin accent bar."""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Accent Bar"/><p:cNvSpPr/>'
        '<p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{box.xml()}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f"<a:solidFill>{color}</a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
    )


SP_TREE_HEAD = (
    '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
    '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
    '<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
)


def _background(color: str) -> str:
    return f"<p:bg><p:bgPr><a:solidFill>{color}</a:solidFill><a:effectLst/></p:bgPr></p:bg>"


def _layout_xml(layout: Layout) -> str:
    shapes = [_placeholder_sp(i + 2, ph, True) for i, ph in enumerate(layout.placeholders)]
    bar_color = C_TEAL_DARK if layout.dark else C_ACCENT
    shapes.append(_bar_sp(len(shapes) + 2, layout.bar, bar_color))
    bg = _background('<a:schemeClr val="tx2"/>') if layout.dark else ""
    user = ' userDrawn="1"' if layout.layout_type == "cust" else ""
    return (
        f'<p:sldLayout {nsdecls("a", "r", "p")} type="{layout.layout_type}" preserve="1"{user}>'
        f'<p:cSld name="{layout.name}">{bg}<p:spTree>{SP_TREE_HEAD}{"".join(shapes)}</p:spTree>'
        "</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )


def _master_sp_tree() -> str:
    phs = (
        Placeholder("title", 0, TITLE_BOX, "Title", ("Slide title",), anchor="b"),
        Placeholder("body", 1, BODY_BOX, "Text", ("First-level point", "Second-level point")),
        _sldnum(False),
    )
    shapes = "".join(_placeholder_sp(i + 2, ph, False) for i, ph in enumerate(phs))
    return f"<p:spTree {nsdecls('a', 'p')}>{SP_TREE_HEAD}{shapes}</p:spTree>"


def _master_tx_styles() -> str:
    other = "".join(_lvl(n, size=18, mar_l=457200 * (n - 1), line_pct=100) for n in range(1, 10))
    return (
        f"<p:txStyles {nsdecls('a', 'p')}>"
        f"<p:titleStyle>{_title_level(40)}</p:titleStyle>"
        f"<p:bodyStyle>{_body_levels()}</p:bodyStyle>"
        f'<p:otherStyle><a:defPPr><a:defRPr lang="{LANG}"/></a:defPPr>{other}</p:otherStyle>'
        "</p:txStyles>"
    )


# --- theme -------------------------------------------------------------------

def _flat_fmt_scheme() -> str:
    """Format scheme without gradients, bevels or shadows."""
    fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    lines = "".join(
        f'<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr">{fill}'
        '<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>'
        for w in (12700, 19050, 25400)
    )
    effect = "<a:effectStyle><a:effectLst/></a:effectStyle>"
    return (
        f'<a:fmtScheme {nsdecls("a")} name="talkdeck">'
        f"<a:fillStyleLst>{fill * 3}</a:fillStyleLst>"
        f"<a:lnStyleLst>{lines}</a:lnStyleLst>"
        f"<a:effectStyleLst>{effect * 3}</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{fill * 3}</a:bgFillStyleLst></a:fmtScheme>"
    )


def _theme_blob(blob: bytes, colours: dict[str, str]) -> bytes:
    from talkdeck.deck.palette import SLOTS

    theme = etree.fromstring(blob)
    theme.set("name", "talkdeck")
    elements = theme.find(qn("a:themeElements"))
    clr = elements.find(qn("a:clrScheme"))
    clr.set("name", "talkdeck")
    for slot, name in SLOTS.items():
        hex_value = colours[name]
        slot_el = clr.find(qn(f"a:{slot}"))
        for child in list(slot_el):
            slot_el.remove(child)
        etree.SubElement(slot_el, qn("a:srgbClr"), val=hex_value)
    fonts = elements.find(qn("a:fontScheme"))
    fonts.set("name", "talkdeck")
    for which in ("a:majorFont", "a:minorFont"):
        font = colours["font:heading" if which == "a:majorFont" else "font:body"]
        fonts.find(qn(which)).find(qn("a:latin")).set("typeface", font)
    elements.replace(elements.find(qn("a:fmtScheme")), etree.fromstring(_flat_fmt_scheme()))
    etree.cleanup_namespaces(theme)
    return bytes(etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True))


# --- package-level edits -----------------------------------------------------

APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
    '2006/docPropsVTypes"><TotalTime>0</TotalTime><Application>talkdeck</Application>'
    "<PresentationFormat>Widescreen</PresentationFormat><ScaleCrop>false</ScaleCrop>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def _drop_rels(source: OpcPackage | Part, reltype: str) -> None:
    """Drop every relationship of `reltype` from `source` (no public API for this)."""
    rels = source._rels
    for rId in [r.rId for r in rels.values() if r.reltype == reltype]:
        rels.pop(rId)


def _set_core_properties(prs: PresentationT) -> None:
    core = prs.core_properties
    core.author = "talkdeck"
    core.title = "talkdeck template"
    core.last_modified_by = "talkdeck"
    core.revision = 1
    core.created = FIXED_TIME
    core.modified = FIXED_TIME
    core.comments = ""
    core.subject = ""
    core.keywords = ""
    core.category = ""


def _replace_layouts(prs: PresentationT) -> None:
    """Replace the default layouts by ``LAYOUTS`` (rId1..rId11, then the theme)."""
    master = prs.slide_master
    for layout in list(master.slide_layouts):
        master.slide_layouts.remove(layout)
    theme_part = master.part.part_related_by(RT.THEME)
    _drop_rels(master.part, RT.THEME)  # re-added last so layout rIds run in order
    id_lst = master.element.find(qn("p:sldLayoutIdLst"))
    package = prs.part.package
    for n, layout in enumerate(LAYOUTS, start=1):
        partname = PackURI(f"/ppt/slideLayouts/slideLayout{n}.xml")
        element = parse_xml(_layout_xml(layout))
        part = SlideLayoutPart(partname, CT.PML_SLIDE_LAYOUT, package, element)
        part.relate_to(master.part, RT.SLIDE_MASTER)
        rId = master.part.relate_to(part, RT.SLIDE_LAYOUT)
        entry = etree.SubElement(id_lst, qn("p:sldLayoutId"))
        entry.set("id", str(2147483648 + n))
        entry.set(qn("r:id"), rId)
    master.part.relate_to(theme_part, RT.THEME)


def _restyle_master(prs: PresentationT) -> None:
    master = prs.slide_master.element
    c_sld = master.find(qn("p:cSld"))
    c_sld.replace(
        c_sld.find(qn("p:bg")),
        parse_xml(
            f'<p:bg {nsdecls("a", "p")}><p:bgPr><a:solidFill><a:schemeClr val="bg2"/>'
            "</a:solidFill><a:effectLst/></p:bgPr></p:bg>"
        ),
    )
    c_sld.replace(c_sld.find(qn("p:spTree")), parse_xml(_master_sp_tree()))
    master.replace(master.find(qn("p:txStyles")), parse_xml(_master_tx_styles()))
    etree.cleanup_namespaces(master)


def _edit_presentation(prs: PresentationT) -> None:
    prs.slide_width = Emu(SLIDE_W)
    prs.slide_height = Emu(SLIDE_H)
    pres = prs.element
    pres.find(qn("p:sldSz")).attrib.pop("type", None)
    def_rpr = pres.find(qn("p:defaultTextStyle")).find(qn("a:defPPr")).find(qn("a:defRPr"))
    def_rpr.set("lang", LANG)

    theme_part = prs.slide_master.part.part_related_by(RT.THEME)
    theme_part.blob = _theme_blob(theme_part.blob, theme_from_library())

    view_part = prs.part.part_related_by(RT.VIEW_PROPS)
    view = etree.fromstring(view_part.blob)
    for guide in view.iter(qn("p:guide")):
        half = SLIDE_H // 2 if guide.get("orient") == "horz" else SLIDE_W // 2
        guide.set("pos", str(half * 8 // 12700))  # guide units are 1/8 pt
    view_part.blob = etree.tostring(view, xml_declaration=True, encoding="UTF-8", standalone=True)

    # stale 4:3 thumbnail and a Mac printer-settings blob: not needed
    _drop_rels(prs.part.package, RT.THUMBNAIL)
    _drop_rels(prs.part, RT.PRINTER_SETTINGS)
    prs.part.package.part_related_by(RT.EXTENDED_PROPERTIES).blob = APP_XML.encode()


def _normalise_zip(raw: bytes) -> bytes:
    """Rewrite the package with fixed timestamps, sorted members, fixed compression."""
    with zipfile.ZipFile(io.BytesIO(raw)) as src:
        members = {info.filename: src.read(info) for info in src.infolist()}
    order = sorted(members, key=lambda name: (name != "[Content_Types].xml", name))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, members[name], compresslevel=9)
    return out.getvalue()


def build() -> bytes:
    """Return the bytes of the talkdeck template."""
    prs = Presentation()
    _edit_presentation(prs)
    _restyle_master(prs)
    _replace_layouts(prs)
    _set_core_properties(prs)
    buffer = io.BytesIO()
    prs.save(buffer)
    return _normalise_zip(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(build())
    print(args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
