"""Design rules of `talkdeck lint`: words per pupil slide, phone numbers kept whole, tags."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from talkdeck.cli import cli
from talkdeck.coordinate.design_rules import BCP47, broken_numbers, wrapped
from talkdeck.deck.boxes import template_specs
from talkdeck.deck.fit import count_lines
from talkdeck.deck.memo import Memo
from talkdeck.deck.tailor import Audience, Line, tailor, whole
from talkdeck.library.load import load_library, load_talk

from .conftest import TEMPLATE, edit
from .test_lint import CLEAN, TODAY

LONG = " ".join(["Someone you meet online may pretend to be your age and your friend."] * 3)


def lint(runner: CliRunner, lib: Path, *args: str) -> tuple[int, list[str]]:
    result = runner.invoke(cli, ["lint", "-L", str(lib), "--today", TODAY, *args])
    return result.exit_code, result.output.splitlines()


def test_words_per_slide_is_advice_by_age_band(
    runner: CliRunner, make_library: Callable[..., Path]
) -> None:
    talk = edit(
        CLEAN,
        '- en: {"11-12": Someone pretends to be your friend., '
        '"13-15": An adult wins your trust to abuse you.}',
        f'- en: {{"11-12": "{LONG[:160]}", "13-15": An adult wins your trust.}}',
    )
    lib = make_library({"talks/mini.yaml": talk})
    code, lines = lint(runner, lib, "--strict")
    found = [line for line in lines if ": words-per-slide: " in line]
    assert code == 0  # advice never fails, not even with --strict
    assert found == [
        f"talks/mini.yaml:{found[0].split(':')[1]}: words-per-slide: slide 'words' "
        "shows more than 30 words, the most for ages 11-12 (split it, or say the "
        "rest) [en; ages 11-12] (advice)"
    ]
    assert lines[-1].endswith(
        "0 errors, 0 warnings, 1 advice in 1 talk, 20 decks (2 regions) "
        "(--strict: warnings count as errors)"
    )


@given(
    st.lists(
        st.sampled_from(
            ["a", "grooming", "0800", "1111", "Childline:", "WWWWWWW", "0808\u00a0800\u00a05000"]
        ),
        min_size=1,
        max_size=40,
    ),
    st.sampled_from([20.0, 24.0, 28.0]),
)
def test_wrapped_lines_agree_with_the_fit_measure(words: list[str], size: float) -> None:
    text = " ".join(words)
    assert len(wrapped(text, 300.0, size, False, False)) == count_lines(
        text, 300.0, size, False, False
    )


def test_a_number_split_by_a_line_break_is_found(mini: Path) -> None:
    """With plain spaces a long line can break inside the number; the tailored line never does
    (no-break spaces), and the rule tells the two apart."""
    specs, memo = template_specs(TEMPLATE), Memo()
    library = load_library(mini)
    talk, _ = load_talk(library, "mini")
    deck = tailor(library, talk, Audience(12, "global", "en"))
    closing = deck.slides[-1]
    assert any("116\u00a0111" in line.text for line in closing.body)
    split = whole_line = 0
    for n in range(1, 80):  # lengthen the name until a line break falls inside "116 111"
        plain = Line(f"Helpline {'x' * n}: 116 111")
        kept = Line(plain.text.replace("116 111", whole("116 111")))
        for line, seen in ((plain, "split"), (kept, "whole")):
            variant = replace(
                deck, slides=(*deck.slides[:-1], replace(closing, body=(*closing.body, line)))
            )
            found = broken_numbers(variant, specs, ["116 111"], memo)
            if seen == "split" and found:
                assert found[0][:3] == ("end", "body", "116 111")
                split += 1
            whole_line += seen == "whole" and not found
    assert split and whole_line == 79  # some plain lines split it; no kept line ever does


@pytest.mark.parametrize(
    ("tag", "ok"),
    [
        ("en-GB", True),
        ("es-419", True),
        ("es", True),
        ("zh-Hant-TW", True),
        ("english", False),
        ("en-gb", False),
        ("en_GB", False),
        ("en-GBR", False),
    ],
)
def test_language_tags_are_bcp47(tag: str, ok: bool) -> None:
    assert bool(BCP47.fullmatch(tag)) is ok


def test_a_library_with_pictures_needs_one_on_every_framed_slide(
    runner: CliRunner, make_library: Callable[..., Path]
) -> None:
    from .conftest import REPO

    lib = make_library({"talks/mini.yaml": CLEAN})
    shutil.copy(REPO / "talks" / "common" / "pictures.yaml", lib / "talks" / "common")
    shutil.copytree(REPO / "assets" / "pictures", lib / "assets" / "pictures")
    code, lines = lint(runner, lib)
    found = [line for line in lines if ": missing-picture: " in line]
    assert code == 1
    assert any(
        "missing-picture: slide 'words' has no picture (`picture:`, a name from "
        "talks/common/pictures.yaml)" in line
        for line in found
    ), found
    assert any(
        "slide 'rules' has no icon on card 1 (`pictures:`, or the tip's picture)" in line
        for line in found
    ), found


def test_a_phone_number_in_running_text_never_breaks_at_a_space_or_hyphen() -> None:
    from talkdeck.deck.tailor import whole

    assert whole("1-800-422-4453 (24 h)") == "1\u2011800\u2011422\u20114453 (24 h)"
    assert whole("0800 1111") == "0800\u00a01111"
