"""Text that fits: measured with Carlito, shrunk in 1 pt steps to a floor, or the build fails."""

from __future__ import annotations

import re
import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.util import Pt

from talkdeck.cli import cli
from talkdeck.deck.fit import (
    TYPEFACE,
    BoxSpec,
    Level,
    count_lines,
    em_width,
    fit,
    template_specs,
)
from talkdeck.errors import ContentError
from talkdeck.workspace import BuildRequest, build

from .conftest import MINI, TEMPLATE
from .office import need

TALK = textwrap.dedent(MINI["talks/mini.yaml"]).lstrip()
WORDS_LINE = TALK.splitlines().index("  - id: words") + 1  # slides[1], where errors point
BULLET = (
    '- en: {"11-12": Someone pretends to be your friend., '
    '"13-15": An adult wins your trust to abuse you.}'
)
SENTENCE = (
    "Groomers often pretend to be someone your own age, share your interests and "
    "promise gifts, attention or secrets. "
)
LONG_WORDS = (
    "Sometimes strangers deliberately introduce themselves pretending friendship, "
    "offering presents, compliments, attention, understanding, encouragement. "
)


def words(text: str, n: int) -> str:
    return " ".join((text * 40).split()[:n])


def with_bullet(text: str) -> dict[str, str]:
    assert TALK.count(BULLET) == 1
    return {"talks/mini.yaml": TALK.replace(BULLET, f'- en: "{text}"')}


def body_runs(path: Path, slide: int) -> list[tuple[str, float, str | None]]:
    shape = next(
        s
        for s in Presentation(str(path)).slides[slide].placeholders
        if s.placeholder_format.idx == 1
    )
    return [
        (r.text, r.font.size.pt, r.font.name) for p in shape.text_frame.paragraphs for r in p.runs
    ]


def test_a_200_word_bullet_fails_naming_the_talk_line_slide_and_box(
    make_library: Callable[..., Path], runner: CliRunner, tmp_path: Path
) -> None:
    lib = make_library(with_bullet(words(LONG_WORDS, 200)))
    out = tmp_path / "deck.pptx"
    result = runner.invoke(cli, ["build", "mini", "-a", "12", "-o", str(out), "-L", str(lib)])
    assert result.exit_code == 1
    assert result.output == (
        f"talks/mini.yaml:{WORDS_LINE}:5: slides[1] (id 'words') body: "
        "text does not fit even at 20 pt\nerror: 1 problem found\n"
    )
    assert not out.exists()


def test_a_long_title_fails_at_its_own_floor(
    make_library: Callable[..., Path], tmp_path: Path
) -> None:
    title = "What is grooming?"
    talk = TALK.replace(f'title: {{en: "{title}"', f'title: {{en: "{words(LONG_WORDS, 30)}"')
    lib = make_library({"talks/mini.yaml": talk})
    with pytest.raises(ContentError) as caught:
        build(lib, BuildRequest(talk="mini", age=12, output=tmp_path / "t.pptx"))
    assert [str(p) for p in caught.value.problems] == [
        f"talks/mini.yaml:{WORDS_LINE}:5: slides[1] (id 'words') title: "
        "text does not fit even at 28 pt"
    ]


def test_a_moderately_long_bullet_is_shrunk_and_builds(
    make_library: Callable[..., Path], tmp_path: Path
) -> None:
    text = words(SENTENCE, 75)
    lib = make_library(with_bullet(text))
    path = build(lib, BuildRequest(talk="mini", age=12, output=tmp_path / "s.pptx")).path
    runs = body_runs(path, 1)
    assert [r[0] for r in runs] == [text]
    size = runs[0][1]
    assert 20 <= size < 28
    spec = template_specs(TEMPLATE)["Bullets", 1]
    assert size == fit(spec, ((text, 0),))  # the largest size that fits, not just any
    smaller = fit(spec, ((words(SENTENCE, 90), 0),))
    assert smaller is not None and smaller < size  # more words, smaller text
    assert runs[0][2] == TYPEFACE == "Calibri"


def test_a_normal_deck_keeps_the_template_sizes_and_pins_the_font(
    mini: Path, tmp_path: Path
) -> None:
    path = build(mini, BuildRequest(talk="mini", age=15, output=tmp_path / "n.pptx")).path
    prs = Presentation(str(path))
    sizes: dict[tuple[str, int, int], set[object]] = {}
    for slide in prs.slides:
        for shape in slide.placeholders:
            idx = shape.placeholder_format.idx
            for para in shape.text_frame.paragraphs:
                for run in para.runs:
                    if idx == 20:  # the slide number keeps the layout's style
                        continue
                    assert run.font.name == "Calibri"
                    sizes.setdefault((slide.slide_layout.name, idx, para.level), set()).add(
                        run.font.size
                    )
    assert sizes[("Bullets", 0, 0)] == {Pt(40)}
    assert sizes[("Bullets", 1, 0)] == {Pt(28)}
    assert sizes[("Title", 0, 0)] == {Pt(48)}
    assert sizes[("Statistic", 10, 0)] == {Pt(100)}
    assert sizes[("Statistic", 11, 0)] == {Pt(30)}
    assert sizes[("Statistic", 12, 0)] == {Pt(18)}
    # One card on the slide: the largest text (fewer, taller cards get larger text).
    assert sizes[("Helpline 1", 13, 0)] == {Pt(32)}  # the service's name
    assert sizes[("Helpline 1", 25, 0)] == {Pt(60)}  # its number, full width: no QR code


def test_the_largest_text_shrinks_first_then_every_level() -> None:
    spec = template_specs(TEMPLATE)["Bullets", 1]
    assert [spec.size_at(1, cap) for cap in (28, 26, 24, 22, 20)] == [24, 24, 24, 22, 20]
    assert spec.floor == 20 and spec.levels[0].size == 28
    stat = template_specs(TEMPLATE)
    assert (
        stat["Statistic", 10].floor,
        stat["Statistic", 11].floor,
        stat["Statistic", 12].floor,
        stat["Bullets", 0].floor,
    ) == (60, 24, 18, 28)
    number = stat["Helpline 3", 21]
    assert (number.floor, number.levels[0].size, number.wrap) == (40, 44, False)


def test_a_long_statistic_number_shrinks_towards_its_floor() -> None:
    spec = template_specs(TEMPLATE)["Statistic", 10]
    assert fit(spec, (("750,000", 0),)) == 100
    shrunk = fit(spec, (("Más de 10.000 en todo el mundo", 0),))
    assert shrunk is not None and 60 <= shrunk < 100
    assert fit(spec, (("Más de 10.000 en todo el mundo, cada día y cada noche", 0),)) is None


def test_line_counting() -> None:
    level = Level(size=20, bold=False, italic=False, spacing=1.0, before=0, margin=0)
    spec = BoxSpec("L", 1, "body", width=100, height=24, levels=(level,), floor=10)
    word = em_width("word") * 20
    assert count_lines("word word", word * 2, 20, False, False) == 2  # the space does not fit
    assert count_lines("word word", word * 2 + em_width(" ") * 20, 20, False, False) == 1
    assert count_lines("a\nb\vc", 1000, 20, False, False) == 3
    assert count_lines("x" * 100, 100, 20, False, False) == -(
        -em_width("x" * 100) * 20 // 100
    )  # a word wider than the line is broken inside
    assert count_lines("", 100, 20, False, False) == 1
    assert fit(spec, (("one", 0),)) == 20  # 1.2 em per line: 24 pt at 20 pt
    assert fit(spec, (("one", 0), ("two", 0))) == 10  # two lines need 10 pt
    assert fit(spec, (("one", 0), ("two", 0), ("three", 0))) is None


def test_shrunk_decks_are_reproducible(make_library: Callable[..., Path], tmp_path: Path) -> None:
    lib = make_library(with_bullet(words(SENTENCE, 120)))
    a = build(lib, BuildRequest(talk="mini", age=12, output=tmp_path / "a.pptx")).path
    b = build(lib, BuildRequest(talk="mini", age=12, output=tmp_path / "b.pptx")).path
    assert a.read_bytes() == b.read_bytes()


def _words_outside_boxes(pdf: Path, pptx: Path) -> list[str]:
    """Words LibreOffice drew outside every text shape of their slide (1 pt tolerance)."""
    prs = Presentation(str(pptx))
    emu_per_pt = 12700
    outside = []
    for n, slide in enumerate(prs.slides, start=1):
        boxes = [
            (
                sh.left / emu_per_pt,
                sh.top / emu_per_pt,
                (sh.left + sh.width) / emu_per_pt,
                (sh.top + sh.height) / emu_per_pt,
            )
            for sh in slide.shapes
            if sh.has_text_frame
        ]
        html = subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-bbox", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for m in re.finditer(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
            r'yMax="([\d.]+)">([^<]*)<',
            html,
        ):
            x0, y0, x1, y1 = map(float, m.groups()[:4])
            # pdftotext boxes span 1.3 em; judge by the middle of the glyphs' height
            mid = (y0 + y1) / 2
            if not any(
                b[0] - 1 <= x0 and x1 <= b[2] + 1 and b[1] - 1 <= mid <= b[3] + 1 for b in boxes
            ):
                outside.append(f"slide {n}: {m.group(5)}")
    return outside


@pytest.mark.slow
@pytest.mark.libreoffice
def test_libreoffice_draws_no_text_outside_its_box(
    make_library: Callable[..., Path], tmp_path: Path
) -> None:
    """A real client: the shrunk long bullet, and the fullest shipped slides, stay in their boxes."""
    need("soffice", "pdftotext")
    lib = make_library(with_bullet(words(SENTENCE, 85)))
    decks = [build(lib, BuildRequest(talk="mini", age=12, output=tmp_path / "long.pptx")).path]
    for region, age in (("CO", 12), ("US", 15)):  # the most helplines and the longest words
        decks.append(
            build(
                None,
                BuildRequest(
                    talk="grooming-awareness",
                    age=age,
                    region=region,
                    output=tmp_path / f"{region}.pptx",
                ),
            ).path
        )
    assert body_runs(decks[0], 1)[0][1] < 28
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *map(str, decks),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for deck in decks:
        assert _words_outside_boxes(deck.with_suffix(".pdf"), deck) == [], deck.name


# --- issue 13, family 9: the fit cannot be fooled ------------------------------------------------


def test_a_huge_word_measures_its_real_width() -> None:
    from talkdeck.deck.fit import em_width

    one = em_width("a")
    assert em_width("a" * 50_000) == pytest.approx(50_000 * one, rel=1e-3)


def test_characters_carlito_lacks_are_measured_at_the_safe_bound() -> None:
    from talkdeck.deck.fit import MISSING_EM, em_width

    hebrew = "\u05e9\u05dc\u05d5\u05dd"  # shalom: four letters Carlito has no glyph for
    assert em_width(hebrew) == pytest.approx(4 * MISSING_EM)
    assert em_width("漢字") == pytest.approx(2 * MISSING_EM)
    assert em_width("a\u200db") == pytest.approx(em_width("ab"))  # a joiner takes no room


@pytest.mark.parametrize(
    "bold,italic", [(False, False), (True, False), (False, True), (True, True)]
)
def test_the_covered_characters_are_the_fonts_own_cmap(bold: bool, italic: bool) -> None:
    from fontTools.ttLib import TTFont

    from talkdeck.deck.fit import FACES, _covered, font_dir

    with TTFont(str(font_dir() / f"Carlito-{FACES[bold, italic]}.ttf")) as face:
        expected = frozenset(face.getBestCmap())  # with the font's own glyph names
    assert _covered(bold, italic) == expected
    assert {ord("a"), ord("ñ"), ord("€")} <= expected and 0x05E9 not in expected


def test_a_50000_character_word_is_refused_not_built(
    make_library: Callable[..., Path], runner: CliRunner, tmp_path: Path
) -> None:
    lib = make_library(
        {
            "talks/mini.yaml": MINI["talks/mini.yaml"].replace(
                "Threats to share nudes are a crime.", "x" * 50_000
            )
        }
    )
    out = tmp_path / "deck.pptx"
    result = runner.invoke(cli, ["build", "mini", "-a", "13", "-L", str(lib), "-o", str(out)])
    assert result.exit_code == 1
    assert "slides[2] (id 'older') body: text does not fit even at" in result.stderr
    assert not out.exists()


def test_six_hebrew_bullets_that_overflow_are_refused(
    make_library: Callable[..., Path], runner: CliRunner, tmp_path: Path
) -> None:
    # Eight words a bullet: measured at Carlito's empty box (0.507 em a letter) it "fit" at
    # 20 pt, and overflowed when drawn with a Hebrew font.
    line = " ".join(["\u05e9\u05dc\u05d5\u05dd"] * 8)
    bullets = "".join(f"\n              - en: {line}\n                es: x" for _ in range(6))
    lib = make_library(
        {
            "talks/mini.yaml": MINI["talks/mini.yaml"].replace(
                """            bullets:
              - en: {"11-12": Someone pretends to be your friend., "13-15": An adult wins your trust to abuse you.}
                es: Alguien finge ser tu amigo.""",
                "            bullets:" + bullets,
            )
        }
    )
    result = runner.invoke(
        cli, ["build", "mini", "-a", "12", "-L", str(lib), "-o", str(tmp_path / "deck.pptx")]
    )
    assert result.exit_code == 1, result.output
    assert "slides[1] (id 'words') body: text does not fit even at" in result.stderr
