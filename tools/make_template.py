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
sys.path.insert(0, str(Path(__file__).resolve().parent))

from talkdeck.deck.kinds import KINDS, PICTURE, SLIDE_NUMBER  # noqa: E402
from talkdeck.library.locate import TEMPLATE  # noqa: E402

DEFAULT_OUTPUT = REPO_ROOT / TEMPLATE

from template_layouts import (  # noqa: E402  (beside this script)
    BODY_BOX,
    C_ACCENT,
    C_ACCENT_DARK,
    DESIGNS,
    INSET_X,
    INSET_Y,
    SLIDE_H,
    SLIDE_W,
    TITLE_BOX,
    Box,
    Layout,
    Placeholder,
    body_levels,
    lvl,
    sldnum,
    title_level,
)


def theme_from_library() -> dict[str, str]:
    """The library's theme (assets/theme.yaml, checked), as :meth:`Theme.flat` gives it."""
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


def _layouts() -> tuple[Layout, ...]:
    """The designs of the kinds' layouts, each checked to have its kind's placeholders."""
    designs = {layout.name: layout for layout in DESIGNS}
    used = set()
    for kind in KINDS.values():
        for cards in range(1, kind.cards + 1) if kind.per_count else (0,):
            name = kind.layout_for(cards)
            design = designs.get(name)
            if design is None:
                raise SystemExit(f"slide kind '{kind.name}': no design for layout '{name}'")
            have = {ph.idx for ph in design.placeholders} - {SLDNUM_IDX}
            want = set(kind.placeholders_for(cards)) | ({PICTURE} if kind.picture else set())
            if have != want:
                raise SystemExit(
                    f"layout '{name}' has placeholders {sorted(have)}; slide "
                    f"kind '{kind.name}' declares {sorted(want)}"
                )
            used.add(name)
    return tuple(layout for layout in DESIGNS if layout.name in used)


LAYOUTS = _layouts()

# --- XML builders ------------------------------------------------------------


def _body_pr(
    anchor: str,
    insets: tuple[int, int, int, int] = (INSET_X, INSET_Y, INSET_X, INSET_Y),
    wrap: bool = True,
) -> str:
    left, top, right, bottom = insets
    return (
        f'<a:bodyPr vert="horz" wrap="{"square" if wrap else "none"}" lIns="{left}" '
        f'tIns="{top}" rIns="{right}" bIns="{bottom}" rtlCol="0" anchor="{anchor}"/>'
    )


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
    fill = f'<a:solidFill><a:srgbClr val="{ph.fill}"/></a:solidFill>' if ph.fill else ""
    if ph.line:
        fill += f'<a:ln w="19050"><a:solidFill><a:srgbClr val="{ph.line}"/></a:solidFill></a:ln>'
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{ph.name} {shape_id - 1}"/>'
        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f'<p:nvPr><p:ph type="{ph.ph_type}"{sz} idx="{ph.idx}"{custom}/></p:nvPr></p:nvSpPr>'
        f'<p:spPr>{ph.box.xml()}<a:prstGeom prst="{ph.geom}"><a:avLst/></a:prstGeom>{fill}'
        f"</p:spPr><p:txBody>{_body_pr(ph.anchor, ph.insets, ph.wrap)}"
        f"<a:lstStyle>{ph.levels}</a:lstStyle>"
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
    bar_color = C_ACCENT_DARK if layout.dark else C_ACCENT
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
        sldnum(False),
    )
    shapes = "".join(_placeholder_sp(i + 2, ph, False) for i, ph in enumerate(phs))
    return f"<p:spTree {nsdecls('a', 'p')}>{SP_TREE_HEAD}{shapes}</p:spTree>"


def _master_tx_styles() -> str:
    other = "".join(lvl(n, size=18, mar_l=457200 * (n - 1), line_pct=100) for n in range(1, 10))
    return (
        f"<p:txStyles {nsdecls('a', 'p')}>"
        f"<p:titleStyle>{title_level(40)}</p:titleStyle>"
        f"<p:bodyStyle>{body_levels()}</p:bodyStyle>"
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
