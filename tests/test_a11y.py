"""Decks as assistive technology and other clients read them: notes master, contrast, labels."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree
from pptx import Presentation

from talkdeck.deck.contrast import ratio, required
from talkdeck.workspace import BuildRequest, build

from .conftest import MINI

NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
NOTES_MASTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster"


def make(lib: Path, tmp_path: Path, **kw: object) -> Path:
    request = BuildRequest(**{"talk": "mini", "age": 12, "output": tmp_path / "out.pptx", **kw})
    return build(lib, request).path


def test_the_notes_master_is_declared_in_the_presentation_part(mini: Path,
                                                                tmp_path: Path) -> None:
    path = make(mini, tmp_path)
    with zipfile.ZipFile(path) as archive:
        pres = etree.fromstring(archive.read("ppt/presentation.xml"))
        rels = etree.fromstring(archive.read("ppt/_rels/presentation.xml.rels"))
    ids = pres.findall("p:notesMasterIdLst/p:notesMasterId", NS)
    assert len(ids) == 1
    target = {r.get("Id"): (r.get("Type"), r.get("Target")) for r in rels}
    assert target[ids[0].get(f"{{{NS['r']}}}id")] == (NOTES_MASTER,
                                                      "notesMasters/notesMaster1.xml")
    # schema order: slide masters, then notes masters, then slides
    names = [etree.QName(child).localname for child in pres]
    assert names.index("sldMasterIdLst") + 1 == names.index("notesMasterIdLst")
    assert names.index("notesMasterIdLst") < names.index("sldIdLst")


def test_contrast_ratios_match_wcag() -> None:
    assert round(ratio("FFFFFF", "000000"), 1) == 21.0
    assert round(ratio("C01C1C", "1B2A41"), 2) == 2.35  # the old draft label on navy
    assert required(24, True) == 3.0 and required(24, False) == 4.5 and required(20, True) == 4.5


def test_the_draft_label_reads_on_every_slide(make_library: Callable, tmp_path: Path) -> None:
    lib = make_library({"talks/mini.yaml": MINI["talks/mini.yaml"].replace(
        "status: approved", "status: draft")})
    prs = Presentation(str(make(lib, tmp_path, draft=True)))
    for slide in prs.slides:
        badge = next(sh for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text == "DRAFT")
        run = badge.text_frame.paragraphs[0].runs[0]
        fore, back = str(run.font.color.rgb), str(badge.fill.fore_color.rgb)
        assert ratio(fore, back) >= 4.5, (fore, back)
