"""Build decks from small libraries and read them back with python-pptx."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from talkdeck.errors import ContentError, TalkdeckError, UsageError
from talkdeck.workspace import BuildRequest, build, inspect_deck

from .conftest import MINI, REPO

VALIDATOR = REPO.parent / "shared" / "tools" / "ooxml-validate"


def deck_text(path: Path) -> list[dict[str, Any]]:
    """Per slide: layout, all visible text, notes."""
    out = []
    for slide in Presentation(str(path)).slides:
        texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        out.append({"layout": slide.slide_layout.name, "text": texts, "notes": notes})
    return out


def make(lib: Path, tmp_path: Path, **kw: Any) -> Path:
    request = BuildRequest(**{"talk": "mini", "age": 12, "output": tmp_path / "out.pptx", **kw})
    return build(lib, request).path


def test_ages_change_the_words_and_gate_slides(mini: Path, tmp_path: Path) -> None:
    young = deck_text(make(mini, tmp_path, age=11, output=tmp_path / "11.pptx"))
    old = deck_text(make(mini, tmp_path, age=15, output=tmp_path / "15.pptx"))
    assert len(young) == 6 and len(old) == 7
    assert any("Someone pretends to be your friend." in t for t in young[1]["text"])
    assert any("An adult wins your trust to abuse you." in t for t in old[1]["text"])
    assert not any("Sextortion" in t for s in young for t in s["text"])
    assert "Sextortion" in old[2]["text"]


def test_every_slide_has_notes_with_timing_and_disclosure_guidance(
    mini: Path, tmp_path: Path
) -> None:
    slides = deck_text(make(mini, tmp_path))
    assert all(s["notes"].startswith("[") and " min" in s["notes"] for s in slides)
    assert "Brief the safeguarding lead." in slides[0]["notes"]
    assert "do not promise secrecy" in slides[0]["notes"]
    assert "do not promise secrecy" in slides[-1]["notes"]


def test_statistic_shows_number_claim_and_source_line(mini: Path, tmp_path: Path) -> None:
    slides = deck_text(make(mini, tmp_path, age=14))
    stat = next(s for s in slides if s["layout"] == "Statistic")
    assert "750,000" in stat["text"]
    assert "In 2017 sexual predators were online at any moment" in stat["text"]
    assert "ICMEC, 2017 – via Reuters, 16 June 2018" in stat["text"]
    assert "About 750,000 sexual predators worldwide" in stat["notes"]


def test_spanish_deck_for_colombia(mini: Path, tmp_path: Path) -> None:
    built = build(mini, BuildRequest(talk="mini", age=13, region="co", output=tmp_path / "co.pptx"))
    assert built.deck.audience.lang == "es"
    slides = deck_text(built.path)
    # A card per service, the QR code on the card of the service it opens.
    pages = [i for i, s in enumerate(slides) if s["layout"].startswith("Helpline")]
    assert [slides[i]["layout"] for i in pages] == ["Helpline 2"]  # the mini region has two
    assert slides[pages[0]]["text"][0] == "Dónde pedir ayuda"
    first = slides[pages[0]]["text"]
    assert "ICBF Línea 141" in first and "141" in first
    assert "116 111" not in " ".join(t for i in pages for t in slides[i]["text"])
    assert "ICMEC, 2017 – vía Reuters, 16 de junio de 2018" in slides[3]["text"]
    codes = [
        sh
        for i in pages
        for sh in Presentation(str(built.path)).slides[i].shapes
        if sh.shape_type == 13
    ]
    assert [sh._element.nvPicPr.cNvPr.get("descr") for sh in codes] == [
        "Código QR: teprotejocolombia.org"
    ]


def test_slide_numbers_on_every_slide_but_the_title(mini: Path, tmp_path: Path) -> None:
    prs = Presentation(str(make(mini, tmp_path)))
    for number, slide in enumerate(prs.slides, start=1):
        numbers = [sh for sh in slide.placeholders if sh.placeholder_format.type == 13]
        if number == 1:
            assert numbers == []
        else:
            assert [sh.text_frame.text for sh in numbers] == [str(number)]


def test_title_slide_details_and_core_properties(mini: Path, tmp_path: Path) -> None:
    path = make(mini, tmp_path, school="Hill School", presenter="A. Volunteer", date="3 May")
    prs = Presentation(str(path))
    assert prs.slides[0].placeholders[1].text_frame.text == "Hill School\nA. Volunteer\n3 May"
    props = prs.core_properties
    assert (props.author, props.title) == ("talkdeck", "Staying safe online")
    assert props.created.date().isoformat() == "2026-11-29"
    assert props.modified == props.created


def test_builds_are_byte_identical(mini: Path, tmp_path: Path) -> None:
    first = make(mini, tmp_path, output=tmp_path / "a.pptx").read_bytes()
    second = make(mini, tmp_path, output=tmp_path / "b.pptx").read_bytes()
    assert first == second


def test_inspect_reports_the_stamp(mini: Path, tmp_path: Path) -> None:
    stamp = inspect_deck(make(mini, tmp_path, age=13, region="CO", lang="en"))
    assert {k: stamp[k] for k in ("talk", "version", "age", "region", "language")} == {
        "talk": "mini",
        "version": "1.0",
        "age": "13",
        "region": "CO",
        "language": "en",
    }
    assert len(stamp["fingerprint"]) == 16
    assert set(stamp["components"]) >= {"talk", "region", "template", "fact:predators-online"}


def test_fingerprint_follows_content(make_library: Callable, tmp_path: Path) -> None:
    before = inspect_deck(make(make_library(name="a"), tmp_path, output=tmp_path / "a.pptx"))
    facts = MINI["talks/common/facts.yaml"].replace('"750,000"', '"750 000"')
    after = inspect_deck(
        make(
            make_library({"talks/common/facts.yaml": facts}, name="b"),
            tmp_path,
            output=tmp_path / "b.pptx",
        )
    )
    assert before["fingerprint"] != after["fingerprint"]
    assert (
        before["components"]["fact:predators-online"]
        != after["components"]["fact:predators-online"]
    )
    assert before["components"]["talk"] == after["components"]["talk"]


def test_content_error_writes_nothing_and_keeps_the_old_file(
    make_library: Callable, tmp_path: Path
) -> None:
    out = tmp_path / "out.pptx"
    out.write_bytes(b"previous deck")
    broken = make_library(
        {"talks/mini.yaml": MINI["talks/mini.yaml"].replace("minutes: 1", "minutes: x")}
    )
    with pytest.raises(ContentError):
        make(broken, tmp_path, output=out)
    assert out.read_bytes() == b"previous deck"
    assert os.listdir(tmp_path) == ["lib", "out.pptx"]


def test_unknown_region_lists_valid_codes(mini: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"unknown region 'XX' \(valid: CO, global\)"):
        make(mini, tmp_path, region="XX")
    assert not (tmp_path / "out.pptx").exists()


@pytest.mark.parametrize(
    ("target", "message"), [("missing/deck.pptx", "does not exist"), ("adir.pptx", "is a folder")]
)
def test_bad_output_paths(mini: Path, tmp_path: Path, target: str, message: str) -> None:
    (tmp_path / "adir.pptx").mkdir()
    with pytest.raises(TalkdeckError, match=message):
        make(mini, tmp_path, output=tmp_path / target)


def test_draft_needs_the_flag_and_says_draft(make_library: Callable, tmp_path: Path) -> None:
    lib = make_library(
        {"talks/mini.yaml": MINI["talks/mini.yaml"].replace("status: approved", "status: draft")}
    )
    with pytest.raises(TalkdeckError, match="is a draft; pass --draft"):
        make(lib, tmp_path)
    slides = deck_text(make(lib, tmp_path, draft=True))
    assert all("DRAFT" in s["text"] for s in slides)


@pytest.mark.skipif(not VALIDATOR.exists(), reason="shared/tools/ooxml-validate not beside repo")
def test_decks_pass_the_ooxml_schemas(mini: Path, tmp_path: Path) -> None:
    paths = [
        make(mini, tmp_path, age=age, region=region, output=tmp_path / f"{region}{age}.pptx")
        for age, region in ((11, "global"), (15, "CO"))
    ]
    result = subprocess.run(
        [sys.executable, str(VALIDATOR), "--quiet", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_long_description_is_cut_in_the_properties(
    make_library: Callable, tmp_path: Path
) -> None:
    long = "A talk. " * 60
    lib = make_library(
        {
            "talks/mini.yaml": MINI["talks/mini.yaml"].replace(
                "{en: A short talk., es: Una charla corta.}", f"{{en: {long}, es: {long}}}"
            )
        }
    )
    props = Presentation(str(make(lib, tmp_path))).core_properties
    assert len(props.subject) == 255 and props.subject.endswith("…")


def test_collected_entries_are_what_python_pptx_saves(mini: Path) -> None:
    """ooxml.package.package_entries reaches into python-pptx; it must match the public save."""
    import io
    import zipfile

    from talkdeck.deck.memo import Memo
    from talkdeck.deck.ooxml.package import package_entries
    from talkdeck.deck.render import render
    from talkdeck.library.load import load_library, load_talk
    from talkdeck.workspace import BuildRequest as Request
    from talkdeck.workspace import tailor_request

    lib = load_library(mini)
    talk, _ = load_talk(lib, "mini")
    prs = render(tailor_request(lib, talk, Request(talk="mini", age=12)), lib.template, Memo())
    buf = io.BytesIO()
    prs.save(buf)
    with zipfile.ZipFile(buf) as saved:
        expected = [(info.filename, saved.read(info)) for info in saved.infolist()]
    assert package_entries(prs) == expected


def test_a_kept_workspace_tailors_as_a_plain_one(make_library: Callable, tmp_path: Path) -> None:
    from talkdeck.workspace import Workspace

    draft = make_library(
        {"talks/mini.yaml": MINI["talks/mini.yaml"].replace("status: approved", "status: draft")}
    )
    kept = Workspace(draft, strict=True, use_cache=False, keep=2)
    plain = Workspace(draft, strict=True, use_cache=False)
    req = BuildRequest("mini", age=12, region="co", draft=True, school="Hill", lead="Ms Lead")
    first = kept.tailor(req)
    assert first == plain.tailor(req)
    assert kept.render(first, "mini") == plain.render(plain.tailor(req), "mini")
    other = kept.tailor(BuildRequest("mini", age=12, region="CO", draft=True, school="Vale"))
    assert other.slides[0] != first.slides[0]  # the details are the request's, not the kept deck's
    with pytest.raises(TalkdeckError, match="is a draft; pass --draft"):  # the rules still hold
        kept.tailor(BuildRequest("mini", age=12, region="CO"))
    for age in (11, 13, 14):
        kept.tailor(BuildRequest("mini", age=age, region="CO", draft=True))
    assert len(kept._kept) == 2  # the oldest variants are let go
    added = BuildRequest(
        "mini", age=12, region="CO", draft=True, presenter="Ana", helplines=("Línea=800 123 4567",)
    )
    assert kept.tailor(added) == plain.tailor(added)  # the presenter's helplines, theirs alone
    assert "Línea" in str(kept.tailor(added).slides)
