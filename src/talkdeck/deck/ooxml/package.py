"""The package as a whole: the theme, language tags, the notes master's listing, extra parts,
and the parts as python-pptx would write them. Part of :mod:`talkdeck.deck.ooxml`, the only
place that touches python-pptx's internals (pinned below 1.1 in pyproject.toml).
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING, Any

from talkdeck.deck.ooxml.shapes import A, P

if TYPE_CHECKING:
    from pptx.presentation import Presentation


def set_theme(prs: Presentation, colours: dict[str, str], fonts: dict[str, str]) -> None:
    """Write ``colours`` (theme slot such as ``dk1`` or ``accent2`` -> RRGGBB) and ``fonts``
    (``majorFont``/``minorFont`` -> typeface) into the template's theme part.

    Slots already holding their value are left alone, and the part is untouched when every
    one does (the shipped template), so its bytes are kept.
    """
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    elements = root.find(f"{A}themeElements")
    changed = False
    for slot_el in elements.find(f"{A}clrScheme"):
        value = colours.get(etree.QName(slot_el).localname, "")
        if value and _hex(slot_el) != value:
            slot_el[:] = [etree.Element(f"{A}srgbClr", val=value)]
            changed = True
    scheme = elements.find(f"{A}fontScheme")
    for which, typeface in fonts.items():
        latin = scheme.find(f"{A}{which}/{A}latin")
        if latin is not None and latin.get("typeface") != typeface:
            latin.set("typeface", typeface)
            changed = True
    if changed:
        part.blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _hex(slot_el: Any) -> str:
    rgb = slot_el.find(f"{A}srgbClr")
    if rgb is not None:
        return str(rgb.get("val", "")).upper()
    system = slot_el.find(f"{A}sysClr")
    return str(system.get("lastClr", "")).upper() if system is not None else ""


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


def declare_notes_master(prs: Any) -> None:
    """List the notes master in the presentation part, as PowerPoint itself does.

    python-pptx relates the notes master to the presentation but leaves out
    ``p:notesMasterIdLst``; some clients (Keynote) then drop every note, and the notes carry the
    safeguarding script. Idempotent; does nothing for a deck without notes.
    """
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml.ns import qn

    part = prs.part
    r_id = next((rel.rId for rel in part.rels.values() if rel.reltype == RT.NOTES_MASTER), None)
    pres = part._element
    if r_id is None or pres.find(qn("p:notesMasterIdLst")) is not None:
        return
    id_list = pres.makeelement(qn("p:notesMasterIdLst"), {})
    id_list.append(pres.makeelement(qn("p:notesMasterId"), {qn("r:id"): r_id}))
    pres.sldMasterIdLst.addnext(id_list)  # schema order: right after the slide masters


def add_part(
    prs: Presentation, partname: str, content_type: str, reltype: str, blob: bytes
) -> None:
    """Add a part ``partname`` (``/docProps/custom.xml``) holding ``blob``, related from the
    package itself. Side effect: adds a part to ``prs``."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    package = prs.part.package
    part = Part(PackURI(partname), content_type, package, blob)
    package.relate_to(part, reltype)


def package_entries(prs: Presentation) -> list[tuple[str, bytes]]:
    """The zip entries python-pptx would save, in its order, without zipping them.

    ``prs.save`` zips every part with the current time; the entries are then re-zipped with
    fixed dates. Collecting them from python-pptx's own writer avoids compressing twice.
    """
    from pptx.opc.serialized import PackageWriter

    class _Collect(list[tuple[str, bytes]]):  # stands in for python-pptx's zip writer
        def write(self, uri: Any, blob: bytes) -> None:
            self.append((uri.membername, blob))

    package = prs.part.package
    collected = _Collect()
    try:
        writer = PackageWriter(io.BytesIO(), package._rels, tuple(package.iter_parts()))
        writer._write_content_types_stream(collected)  # type: ignore[arg-type]
        writer._write_pkg_rels(collected)  # type: ignore[arg-type]
        writer._write_parts(collected)  # type: ignore[arg-type]
    except AttributeError:  # another python-pptx: take the slow, public way
        buf = io.BytesIO()
        prs.save(buf)
        with zipfile.ZipFile(buf) as src:
            return [(info.filename, src.read(info)) for info in src.infolist()]
    return list(collected)
