"""Decks as assistive technology and other clients read them: notes master, contrast, labels."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from lxml import etree
from pptx import Presentation

from talkdeck.cli import cli
from talkdeck.deck.contrast import ratio, required
from talkdeck.errors import ContentError
from talkdeck.library.load import load_library
from talkdeck.workspace import BuildRequest, build

from .conftest import MINI, REPO

NS = {
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
NOTES_MASTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster"


def make(lib: Path, tmp_path: Path, **kw: Any) -> Path:
    request = BuildRequest(**{"talk": "mini", "age": 12, "output": tmp_path / "out.pptx", **kw})
    return build(lib, request).path


def test_the_notes_master_is_declared_in_the_presentation_part(mini: Path, tmp_path: Path) -> None:
    path = make(mini, tmp_path)
    with zipfile.ZipFile(path) as archive:
        pres = etree.fromstring(archive.read("ppt/presentation.xml"))
        rels = etree.fromstring(archive.read("ppt/_rels/presentation.xml.rels"))
    ids = pres.findall("p:notesMasterIdLst/p:notesMasterId", NS)
    assert len(ids) == 1
    target = {r.get("Id"): (r.get("Type"), r.get("Target")) for r in rels}
    assert target[ids[0].get(f"{{{NS['r']}}}id")] == (NOTES_MASTER, "notesMasters/notesMaster1.xml")
    # schema order: slide masters, then notes masters, then slides
    names = [etree.QName(child).localname for child in pres]
    assert names.index("sldMasterIdLst") + 1 == names.index("notesMasterIdLst")
    assert names.index("notesMasterIdLst") < names.index("sldIdLst")


def test_contrast_ratios_match_wcag() -> None:
    assert round(ratio("FFFFFF", "000000"), 1) == 21.0
    assert round(ratio("C01C1C", "1B2A41"), 2) == 2.35  # the old draft label on navy
    assert required(24, True) == 3.0 and required(24, False) == 4.5 and required(20, True) == 4.5


def test_the_draft_label_reads_on_every_slide(make_library: Callable, tmp_path: Path) -> None:
    lib = make_library(
        {"talks/mini.yaml": MINI["talks/mini.yaml"].replace("status: approved", "status: draft")}
    )
    prs = Presentation(str(make(lib, tmp_path, draft=True)))
    for slide in prs.slides:
        badge = next(
            sh for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text == "DRAFT"
        )
        run = badge.text_frame.paragraphs[0].runs[0]
        fore, back = str(run.font.color.rgb), str(badge.fill.fore_color.rgb)
        assert ratio(fore, back) >= 4.5, (fore, back)


THEME = REPO / "assets" / "theme.yaml"


def theme(**colours: str) -> str:
    """The shipped theme file with some colours replaced."""
    text = THEME.read_text(encoding="utf-8")
    for name, value in colours.items():
        text = re.sub(rf'^(  {name}: )"[0-9A-F]{{6}}"', rf'\g<1>"{value}"', text, flags=re.M)
    return text


def lint_lines(runner: CliRunner, lib: Path) -> tuple[int, list[str]]:
    result = runner.invoke(cli, ["lint", "-L", str(lib), "--today", "2026-12-01"])
    return result.exit_code, result.output.splitlines()


def test_the_shipped_theme_passes_the_contrast_rule(runner: CliRunner, mini: Path) -> None:
    shutil.copy(THEME, mini / "assets" / "theme.yaml")
    _, lines = lint_lines(runner, mini)
    assert not [line for line in lines if ": contrast: " in line]


def test_contrast_rule_fails_on_a_low_contrast_theme(
    runner: CliRunner, make_library: Callable
) -> None:
    lib = make_library({"assets/theme.yaml": theme(muted="A0AEC0", on_dark="4A5568")})
    code, lines = lint_lines(runner, lib)
    found = [line for line in lines if ": contrast: " in line]
    text = (lib / "assets" / "theme.yaml").read_text(encoding="utf-8").splitlines()
    muted = next(i for i, line in enumerate(text, 1) if line.startswith("  muted:"))
    on_dark = next(i for i, line in enumerate(text, 1) if line.startswith("  on_dark:"))
    assert code == 1
    assert any(
        line.startswith(
            f"assets/theme.yaml:{muted}: contrast: 'muted' (A0AEC0) on 'background' (FFF8F0) is 2."
        )
        and "below 4.5:1" in line
        and "layout 'Bullets', Picture" in line
        for line in found
    ), found
    # titles are 24 pt bold or larger: 3:1 applies; the closing slide's body needs 4.5:1
    assert any(
        line.startswith(
            f"assets/theme.yaml:{on_dark}: contrast: 'on_dark' (4A5568) on 'dark' (3B2F63)"
        )
        for line in found
    ), found
    assert "below 3:1 for text of 24 pt bold and larger" in " ".join(found)


def test_an_unquoted_colour_is_refused_with_a_hint(make_library: Callable) -> None:
    lib = make_library({"assets/theme.yaml": "colours:\n  text: 000000\n"})
    with pytest.raises(ContentError) as err:
        load_library(lib)
    assert [str(p) for p in err.value.problems] == [
        'assets/theme.yaml:2:3: colours.text: write colours in quotes, e.g. "1B2A41" '
        "(unquoted, YAML read a number)"
    ]


def test_a_theme_recolours_every_deck_without_a_new_template(
    make_library: Callable, tmp_path: Path
) -> None:
    lib = make_library(
        {
            "assets/theme.yaml": theme(text="102030", draft_fill="7A1010"),
            "talks/mini.yaml": MINI["talks/mini.yaml"].replace("status: approved", "status: draft"),
        }
    )
    path = make(lib, tmp_path, draft=True)
    with zipfile.ZipFile(path) as archive:
        part = etree.fromstring(archive.read("ppt/theme/theme1.xml"))
    scheme = part.find("a:themeElements/a:clrScheme", NS)
    assert scheme.find("a:dk1/a:srgbClr", NS).get("val") == "102030"
    assert scheme.find("a:accent2/a:srgbClr", NS).get("val") == "5B5270"
    badge = next(
        sh
        for sh in Presentation(str(path)).slides[0].shapes
        if sh.has_text_frame and sh.text_frame.text == "DRAFT"
    )
    assert str(badge.fill.fore_color.rgb) == "7A1010"


# --- what PowerPoint's accessibility checker looks at -------------------------------------------

P_NS = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def titles(path: Path) -> list[tuple[str, int]]:
    """Per slide: its title text and the title's top edge (EMU; negative = above the slide)."""
    out = []
    for slide in Presentation(str(path)).slides:
        title = slide.shapes.title
        assert title is not None, f"slide {slide.slide_id} has no title"
        out.append((title.text_frame.text, int(title.top)))
    return out


def test_every_slide_has_a_unique_title_hidden_where_the_design_shows_none(
    mini: Path, tmp_path: Path
) -> None:
    found = titles(make(mini, tmp_path, age=14))
    names = [text for text, _ in found]
    assert len(set(names)) == len(names) and all(names)
    statistic = found[3]  # the mini talk's statistic slide has no title of its own
    assert statistic[0] == "750,000 In 2017 sexual predators were online at any moment"
    assert statistic[1] < 0  # read by screen readers, drawn by no client
    assert all(top >= 0 for text, top in found if text != statistic[0])


def test_repeated_titles_are_numbered(make_library: Callable, tmp_path: Path) -> None:
    talk = MINI["talks/mini.yaml"].replace(
        "title: {en: Sextortion, es: Sextorsión}",
        'title: {en: "What is grooming?", es: "¿Qué es el grooming?"}',
    )
    lib = make_library({"talks/mini.yaml": talk})
    names = [text for text, _ in titles(make(lib, tmp_path, age=14))]
    assert names[1:3] == ["What is grooming? (1/2)", "What is grooming? (2/2)"]


def test_pictures_have_alt_text_and_come_after_the_text(
    make_library: Callable, tmp_path: Path
) -> None:
    lib = make_library(
        {"talks/mini.yaml": MINI["talks/mini.yaml"].replace("status: approved", "status: draft")}
    )
    path = make(lib, tmp_path, draft=True, region="CO", age=13)
    order_checked = 0
    for slide in Presentation(str(path)).slides:
        tree = [el for el in slide.shapes._spTree if el.tag in (f"{P_NS}sp", f"{P_NS}pic")]
        kinds = []
        for el in tree:
            ph = el.find(f"{P_NS}nvSpPr/{P_NS}nvPr/{P_NS}ph")
            name = el.find(f"{P_NS}nvSpPr/{P_NS}cNvPr")
            if el.tag == f"{P_NS}pic":
                assert el.find(f"{P_NS}nvPicPr/{P_NS}cNvPr").get("descr", "").strip()
                kinds.append(2)
            elif ph is not None and ph.get("type") in ("title", "ctrTitle"):
                kinds.append(0)
            elif (ph is not None and ph.get("type") == "sldNum") or name.get(
                "name"
            ) == "Draft label":
                kinds.append(3)
            else:
                kinds.append(1)
        assert kinds == sorted(kinds) and kinds[0] == 0, kinds
        order_checked += 2 in kinds
    assert order_checked  # the helpline slide's QR code


def test_no_text_is_smaller_than_18_pt(mini: Path, tmp_path: Path) -> None:
    path = make(mini, tmp_path, age=15, region="CO")
    with zipfile.ZipFile(path) as archive:
        parts = [
            n
            for n in archive.namelist()
            if re.fullmatch(
                r"ppt/(slides/slide|slideLayouts/slideLayout|slideMasters/slideMaster)\d+\.xml", n
            )
        ]
        sizes = [
            int(size)
            for name in parts
            for size in re.findall(
                rb'<a:(?:rPr|defRPr|endParaRPr)[^>]* sz="(\d+)"', archive.read(name)
            )
        ]
    assert sizes and min(sizes) >= 1800, sorted(sizes)[:5]


# --- language on every run ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "lang", "tag"),
    [("CO", "es", "es-CO"), ("CO", "en", "en-CO"), ("global", "en", "en")],
)
def test_every_run_and_note_carries_the_decks_language(
    mini: Path, tmp_path: Path, region: str, lang: str, tag: str
) -> None:
    path = make(mini, tmp_path, region=region, lang=lang, age=13, school="Colegio Andino")
    runs = paragraphs = 0
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not re.fullmatch(r"ppt/(slides/slide|notesSlides/notesSlide)\d+\.xml", name):
                continue
            root = etree.fromstring(archive.read(name))
            for para in root.iter(f"{{{NS['a']}}}p"):
                paragraphs += 1
                assert para.find("a:endParaRPr", NS).get("lang") == tag, name
                for run in para.findall("a:r", NS) + para.findall("a:fld", NS):
                    runs += 1
                    assert run.find("a:rPr", NS).get("lang") == tag, (
                        name,
                        run.findtext("a:t", namespaces=NS),
                    )
            assert not [v for v in root.xpath("//@lang") if v != tag], name
        # what a presenter types later inherits it: master and notes styles, the default style
        pres = etree.fromstring(archive.read("ppt/presentation.xml"))
        master = etree.fromstring(archive.read("ppt/slideMasters/slideMaster1.xml"))
        notes = etree.fromstring(archive.read("ppt/notesMasters/notesMaster1.xml"))
    for root, path_ in (
        (pres, "p:defaultTextStyle//a:defRPr"),
        (master, "p:txStyles//a:defRPr"),
        (notes, "p:notesStyle//a:defRPr"),
    ):
        found = root.findall(path_, NS)
        assert found and {el.get("lang") for el in found} == {tag}
    assert runs > 40 and paragraphs >= runs
    assert Presentation(str(path)).core_properties.language == tag


def test_the_design_page_shows_one_small_contact_sheet_per_age_band() -> None:
    page = (REPO / "docs" / "design.md").read_text(encoding="utf-8")
    for band in ("age11-12", "age13-15"):
        image = REPO / "docs" / "img" / f"{band}.png"
        assert f"](img/{band}.png)" in page and f"-o docs/img/{band}.png" in page
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert image.stat().st_size < 200_000
