"""`talkdeck lint`: each rule caught by name on a small library that breaks it, exact lines."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pptx import Presentation

from talkdeck.cli import cli
from talkdeck.coordinate.lint import RULES, lint, months_before
from talkdeck.workspace import BuildRequest, build

from .conftest import MINI, REPO, edit

TODAY = "2026-12-01"
TALK = textwrap.dedent(MINI["talks/mini.yaml"]).lstrip()
GLOBAL = textwrap.dedent(MINI["talks/regions/global.yaml"]).lstrip()
RULES_SLIDE = """\
  - id: rules
    kind: rules
    title: {en: Ground rules, es: Normas}
    bullets: [{en: You can step out at any time., es: Puedes salir cuando quieras.}]
    minutes: 1
    notes: {en: Go through the rules., es: Repasa las normas.}
"""
CLEAN = TALK.replace("  - id: words\n", RULES_SLIDE + "  - id: words\n")
BULLET = (
    '- en: {"11-12": Someone pretends to be your friend., '
    '"13-15": An adult wins your trust to abuse you.}'
)
TP = "talks/mini.yaml"


def line_of(text: str, needle: str) -> int:
    """1-based line where ``needle`` (or its first line) is written."""
    first = needle.strip("\n").splitlines()[0]
    return next(i for i, line in enumerate(text.splitlines(), 1) if first in line)


def run(runner: CliRunner, lib: Path, *args: str) -> tuple[int, list[str]]:
    result = runner.invoke(cli, ["lint", "-L", str(lib), "--today", TODAY, *args])
    return result.exit_code, result.output.splitlines()


@pytest.fixture
def clean(make_library: Callable[..., Path]) -> Callable[..., Path]:
    """A library lint passes, with overrides."""
    return lambda files=None: make_library({"talks/mini.yaml": CLEAN, **(files or {})})


def test_a_clean_library_passes(runner: CliRunner, clean: Callable[..., Path]) -> None:
    assert run(runner, clean(), "--strict") == (
        0,
        [
            "lint ok: 0 errors, 0 warnings in 1 talk, 20 decks (2 regions) "
            "(--strict: warnings count as errors)"
        ],
    )


def test_every_rule_has_a_severity() -> None:
    assert {name: sev for name, (sev, _) in RULES.items()} == {
        "invalid": "error",
        "missing-translation": "error",
        "fit": "error",
        "reading-grade": "warning",
        "bare-number": "error",
        "stale-verification": "error",
        "unconfirmed": "notice",
        "vocabulary": "error",
        "foreign-words": "error",
        "avoid-wording": "error",
        "child-help": "error",
        "fact-quote": "error",
        "fact-year": "error",
        "fact-scope": "error",
        "timing": "error",
        "version": "error",
        "approval": "error",
        "missing-notes": "error",
        "missing-alt": "error",
        "deck-completeness": "error",
        "contrast": "error",
        "words-per-slide": "error",
        "phone-wrap": "error",
        "language-tag": "error",
        "missing-picture": "error",
        "same-picture": "warning",
        "lone-card": "warning",
    }


def test_fit(runner: CliRunner, clean: Callable[..., Path]) -> None:
    long = "Be kind and stay safe online. " * 50  # easy words, far too many of them
    lib = clean({TP: edit(CLEAN, BULLET, f'- en: "{long}"')})
    line = line_of(CLEAN, "- id: words")
    code, lines = run(runner, lib)
    assert code == 1
    assert [x for x in lines if "words-per-slide" not in x] == [
        f"{TP}:{line}: fit: slides[2] (id 'words') body: text does not fit even at 20 pt [en]",
        "lint failed: 3 errors, 0 warnings in 1 talk, 20 decks (2 regions)",
    ]


@pytest.mark.parametrize(
    ("lang", "text", "message"),
    [
        (
            "en",
            "Perpetrators systematically manipulate vulnerable adolescents through "
            "psychological exploitation, intimidation and deliberately engineered isolation.",
            "Flesch-Kincaid grade 26.6, above 6 for ages 11-12",
        ),
        (
            "es",
            "Los perpetradores manipulan sistemáticamente a adolescentes vulnerables mediante "
            "explotación psicológica, intimidación y aislamiento deliberado.",
            "Fernández Huerta 4.3, below 70 for ages 11-12",
        ),
    ],
)
def test_reading_grade_is_a_warning_and_strict_makes_it_fail(
    runner: CliRunner, clean: Callable[..., Path], lang: str, text: str, message: str
) -> None:
    other = "en" if lang == "es" else "es"
    bullet = (
        f'- {lang}: {{"11-12": "{text}", "13-15": Fine words for older pupils.}}\n'
        f"        {other}: Alguien finge ser tu amigo."
    )
    mini_es = "        es: Alguien finge ser tu amigo."
    talk = (
        edit(CLEAN, f"{BULLET}\n{mini_es}", bullet)
        if lang == "en"
        else edit(
            CLEAN,
            f"{BULLET}\n{mini_es}",
            bullet.replace("Alguien finge ser tu amigo.", "Someone pretends to be a friend."),
        )
    )
    lib = clean({TP: talk})
    line = line_of(talk, '"11-12": "')
    code, out = run(runner, lib)
    excerpt = text[:57] + "..."
    assert (code, out[0]) == (
        0,
        f"{TP}:{line}: reading-grade: slide 'words' reads at {message}"
        f'; hardest: "{excerpt}" [{lang}; ages 11-12] (warning)',
    )
    assert out[-1] == "lint ok: 0 errors, 1 warning in 1 talk, 20 decks (2 regions)"
    code, out = run(runner, lib, "--strict")
    assert code == 1 and out[0].endswith(f"[{lang}; ages 11-12]")  # no "(warning)" any more
    assert out[-1].startswith("lint failed: 1 error, 0 warnings")


def test_bare_numbers_in_slides_and_tips_but_not_helplines(
    runner: CliRunner, clean: Callable[..., Path]
) -> None:
    talk = edit(CLEAN, BULLET, '- en: "About 750,000 predators are online; one in five is near."')
    tips = (
        textwrap.dedent(MINI["talks/common/tips.yaml"])
        .lstrip()
        .replace(
            "Cuéntaselo a un adulto de confianza.", "Llama al 0800 1111 o a la mitad de tus amigos."
        )
    )
    lib = clean({TP: talk, "talks/common/tips.yaml": tips})
    line, tip_line = line_of(talk, "About 750,000"), line_of(tips, "0800 1111")
    code, out = run(runner, lib)
    assert code == 1
    assert out == [
        f'talks/common/tips.yaml:{tip_line}: bare-number: "0800 1111" in slide text does not come from a '
        "fact; show figures with a statistic slide (fact: id) [es]",
        f'talks/common/tips.yaml:{tip_line}: bare-number: "la mitad de" in slide text does not come from a '
        "fact; show figures with a statistic slide (fact: id) [es]",
        f'{TP}:{line}: bare-number: "750,000" in slide text does not come from a fact (it is '
        "fact 'predators-online': use a statistic slide) [en]",
        f'{TP}:{line}: bare-number: "one in five" in slide text does not come from a fact; '
        "show figures with a statistic slide (fact: id) [en]",
        "lint failed: 4 errors, 0 warnings in 1 talk, 20 decks (2 regions)",
    ]


def test_stale_and_future_verification(runner: CliRunner, clean: Callable[..., Path]) -> None:
    """A confirmation older than 12 months is an error; so is a date in the future."""
    region = GLOBAL.replace("confirmed: {date: 2026-11-29", "confirmed: {date: 2020-01-15")
    law = (
        "law:\n  name: Test Act 2010\n  summary: {en: It is a crime., es: Es un delito.}\n"
        "  source: example.org\n  gathered: 2027-03-01\n"
    )
    lib = clean({"talks/regions/global.yaml": region + law})
    line, law_line = line_of(region, "2020-01-15"), line_of(region + law, "2027-03-01")
    code, out = run(runner, lib)
    assert code == 1
    assert out == [
        f"talks/regions/global.yaml:{line}: stale-verification: helpline 'Child helpline' was "
        "last confirmed on 2020-01-15, more than 12 months ago: confirm it again and record "
        "`confirmed` (date, by, how)",
        f"talks/regions/global.yaml:{law_line}: stale-verification: law 'Test Act 2010': "
        "2027-03-01 is in the future (today is 2026-12-01)",
        f"talks/regions/global.yaml:{law_line}: unconfirmed: nobody has confirmed 1 of 2 entries "
        "(law 'Test Act 2010'), gathered from published sources: confirm each before the talk "
        "and record `confirmed` (date, by, how) (notice)",
        "lint failed: 2 errors, 0 warnings, 1 notice in 1 talk, 20 decks (2 regions)",
    ]


def test_unconfirmed_is_a_notice_that_never_fails(
    runner: CliRunner, clean: Callable[..., Path]
) -> None:
    """Gathered from a published source is not confirmed: lint says so, even under --strict."""
    region = GLOBAL.replace(
        '    confirmed: {date: 2026-11-29, by: "T. Test, coordinator", how: phone call}\n', ""
    )
    assert region != GLOBAL
    lib = clean({"talks/regions/global.yaml": region})
    code, out = run(runner, lib, "--strict")
    assert code == 0
    assert out[-1] == (
        "lint ok: 0 errors, 0 warnings, 1 notice in 1 talk, 20 decks (2 regions) "
        "(--strict: warnings count as errors)"
    )
    assert "unconfirmed: nobody has confirmed 1 of 1 entries (helpline 'Child helpline')" in out[0]


def test_max_age_months_and_today_are_configurable(clean: Callable[..., Path]) -> None:
    confirmed = GLOBAL.replace("date: 2026-11-29", "date: 2026-01-10")
    lib = clean({"talks/regions/global.yaml": confirmed})
    today = dt.date(2026, 12, 1)
    assert lint(lib, today=today).findings == []
    assert [f.rule for f in lint(lib, today=today, max_age_months=6).findings] == [
        "stale-verification"
    ]
    assert [f.rule for f in lint(lib, today=dt.date(2027, 1, 11)).findings] == [
        "stale-verification"
    ]
    assert months_before(dt.date(2027, 3, 31), 1) == dt.date(2027, 2, 28)
    assert months_before(dt.date(2026, 1, 15), 12) == dt.date(2025, 1, 15)


def test_missing_notes(runner: CliRunner, clean: Callable[..., Path]) -> None:
    talk = edit(
        CLEAN,
        "notes: {en: Explain the word., es: Explica la palabra.}",
        'notes: {en: Explain the word., es: " "}',
    )
    line = line_of(talk, "Explain the word.")
    assert run(runner, clean({TP: talk})) == (
        1,
        [
            f"{TP}:{line}: missing-notes: slide 'words' has no speaker notes [es]",
            "lint failed: 1 error, 0 warnings in 1 talk, 20 decks (2 regions)",
        ],
    )


def png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buf, "PNG")
    return buf.getvalue()


def with_image(alt: str) -> str:
    return edit(
        CLEAN,
        "    notes: {en: Explain the word., es: Explica la palabra.}\n",
        "    notes: {en: Explain the word., es: Explica la palabra.}\n"
        f"    image: {{path: pic.png, alt: {alt}}}\n",
    )


def test_missing_alt(runner: CliRunner, clean: Callable[..., Path]) -> None:
    talk = with_image("{en: image, es: ''}")
    lib = clean({TP: talk})
    (lib / "assets" / "pic.png").write_bytes(png())
    line = line_of(talk, "image: {path")
    assert run(runner, lib) == (
        1,
        [
            f"{TP}:{line}: missing-alt: slide 'words': the picture pic.png needs alt text that says "
            "what it shows",
            "lint failed: 1 error, 0 warnings in 1 talk, 20 decks (2 regions)",
        ],
    )


def test_every_picture_in_a_deck_carries_its_alt_text(
    clean: Callable[..., Path], tmp_path: Path
) -> None:
    lib = clean({TP: with_image("{en: A phone showing a chat, es: Un móvil con un chat}")})
    (lib / "assets" / "pic.png").write_bytes(png())
    assert lint(lib, today=dt.date(2026, 12, 1)).findings == []
    built = build(
        lib, BuildRequest(talk="mini", age=12, region="CO", lang="es", output=tmp_path / "co.pptx")
    )
    alts = [
        shape._element.nvPicPr.cNvPr.get("descr")
        for slide in Presentation(str(built.path)).slides
        for shape in slide.shapes
        if shape.shape_type == 13
    ]
    assert alts == ["Un móvil con un chat", "Código QR: teprotejocolombia.org"]


def test_missing_translation(runner: CliRunner, clean: Callable[..., Path]) -> None:
    talk = edit(CLEAN, "        es: Alguien finge ser tu amigo.\n", "")
    line = line_of(talk, BULLET)
    assert run(runner, clean({TP: talk})) == (
        1,
        [
            f"{TP}:{line}: missing-translation: slides[2].bullets[0].text: missing translation: "
            "no 'es' text (written only in en)",
            "lint failed: 1 error, 0 warnings in 0 talks, 0 decks (2 regions)",
        ],
    )  # nothing tailored


def test_a_talk_without_a_language_its_regions_use(
    runner: CliRunner, clean: Callable[..., Path]
) -> None:
    talk = edit(CLEAN, "languages: [en, es]", "languages: [en]")
    line = line_of(talk, "languages: [en]")
    assert run(runner, clean({TP: talk})) == (
        1,
        [
            f"{TP}:{line}: missing-translation: talk 'mini' has no 'es' text, which regions CO, "
            "global use",
            "lint failed: 1 error, 0 warnings in 1 talk, 10 decks (2 regions)",
        ],
    )


def test_deck_completeness(
    runner: CliRunner, make_library: Callable[..., Path], clean: Callable[..., Path]
) -> None:
    line = line_of(TALK, "slides:")
    assert run(runner, make_library()) == (
        1,
        [
            f"{TP}:{line}: deck-completeness: the deck has no ground rules (a 'rules' slide)",
            "lint failed: 1 error, 0 warnings in 1 talk, 20 decks (2 regions)",
        ],
    )
    # a helpline only for older pupils, and no title or closing slide for the guidance
    talk = edit(
        CLEAN,
        "  - id: help\n    kind: helpline\n",
        "  - id: help\n    kind: helpline\n    ages: 13-15\n",
    )
    talk = talk[: talk.index("  - id: end")] + talk[talk.index("changelog:") :]
    talk = talk[: talk.index("  - id: intro")] + talk[talk.index("  - id: rules") :]
    code, out = run(runner, clean({TP: talk}))
    line = line_of(talk, "slides:")
    assert (code, out) == (
        1,
        [
            f"{TP}:{line}: deck-completeness: the deck has no disclosure guidance in the notes (it "
            "goes on the title and closing slides)",
            f"{TP}:{line}: deck-completeness: the deck has no helpline slide [ages 11-12]",
            "lint failed: 2 errors, 0 warnings in 1 talk, 20 decks (2 regions)",
        ],
    )


def test_ground_rules_are_for_pupils_talks(
    runner: CliRunner, make_library: Callable[..., Path]
) -> None:
    talk = edit(TALK, "languages: [en, es]", "languages: [en, es]\naudience: parents")
    assert run(runner, make_library({TP: talk}))[0] == 0


def test_a_file_that_does_not_load_is_reported_not_raised(
    runner: CliRunner, clean: Callable[..., Path]
) -> None:
    talk = edit(CLEAN, "duration: 10", "duration: 10\ncolour: blue")
    assert run(runner, clean({TP: talk})) == (
        1,
        [
            f"{TP}:{line_of(talk, 'colour')}: invalid: colour: unknown key 'colour' (allowed: ages, "
            "approved, audience, changelog, description, duration, id, languages, slides, status, title, "
            "version, version_date)",
            "lint failed: 1 error, 0 warnings in 0 talks, 0 decks (2 regions)",
        ],
    )


def test_json_format(runner: CliRunner, clean: Callable[..., Path]) -> None:
    talk = edit(CLEAN, BULLET, '- en: "Call 0800 1111 now."')
    code, out = run(runner, clean({TP: talk}), "--format", "json")
    report = json.loads("\n".join(out))
    assert code == 1
    assert (report["ok"], report["errors"], report["warnings"], report["decks"]) == (
        False,
        1,
        0,
        20,
    )
    assert report["findings"] == [
        {
            "path": TP,
            "line": line_of(talk, "0800 1111"),
            "rule": "bare-number",
            "severity": "error",
            "languages": ["en"],
            "ages": [11, 12, 13, 14, 15],
            "regions": ["CO", "global"],
            "message": '"0800 1111" in slide text does not come from a fact; show figures with a '
            "statistic slide (fact: id)",
        }
    ]
    assert set(report["rules"]) == set(RULES)


def test_paths_narrow_lint_to_talks_and_regions(
    runner: CliRunner, clean: Callable[..., Path]
) -> None:
    other = edit(CLEAN, "id: mini", "id: other")
    lib = clean({"talks/other.yaml": other.replace("Ground rules", "Rules 2")})
    code, out = run(
        runner, lib, str(lib / "talks" / "mini.yaml"), str(lib / "talks" / "regions" / "co.yaml")
    )
    assert (code, out) == (0, ["lint ok: 0 errors, 0 warnings in 1 talk, 10 decks (1 region)"])


# --- the shipped library, and copies of it with one thing broken ---------------------------------


def test_the_shipped_library_passes_lint_strict(runner: CliRunner) -> None:
    """The gate .ci/run applies too, here so that the README's test command covers it."""
    result = runner.invoke(cli, ["lint", "--strict"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("lint ok: 0 errors, 0 warnings"), result.output


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    root = tmp_path / "shipped"
    for name in ("talks", "assets"):
        shutil.copytree(REPO / name, root / name)
    return root


def _break(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line_of(text, old)


def test_a_shipped_copy_with_a_typed_number_a_2020_helpline_or_no_spanish_fails(
    runner: CliRunner, shipped_copy: Path
) -> None:
    talk = shipped_copy / "talks" / "grooming-awareness.yaml"
    typed = _break(
        talk,
        '"11-12": They act like a kind friend.',
        '"11-12": About 750,000 of them act like a kind friend.',
    )
    co = shipped_copy / "talks" / "regions" / "co.yaml"
    stale = _break(co, "gathered: 2026-11-29", "gathered: 2020-06-01")
    with_spanish = talk.read_text(encoding="utf-8")
    spanish = _break(talk, "        es: Participa a tu manera.\n", "")
    result = runner.invoke(cli, ["lint", "--strict", "-L", str(shipped_copy)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(
        line.startswith(f"talks/grooming-awareness.yaml:{spanish - 1}: missing-translation: ")
        for line in lines
    ), lines
    # a talk that does not load is not tailored: put the Spanish back to see the other rules
    talk.write_text(with_spanish, encoding="utf-8")
    lines = runner.invoke(cli, ["lint", "--strict", "-L", str(shipped_copy)]).output.splitlines()
    assert any(
        line.startswith(f'talks/grooming-awareness.yaml:{typed}: bare-number: "750,000"')
        for line in lines
    ), lines
    assert any(
        line.startswith(f"talks/regions/co.yaml:{stale}: stale-verification: helpline ")
        for line in lines
    ), lines
