"""Design rules of `talkdeck lint`: words per pupil slide, phone numbers kept whole, tags."""

from __future__ import annotations

import re
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
from talkdeck.deck.resolved import Audience
from talkdeck.deck.tailor import Line, channels_for, tailor, whole
from talkdeck.deck.word_limits import (
    share_cards,
    share_out,
    shown_words,
    slide_words,
    word_limit,
    words,
)
from talkdeck.library.load import load_library, load_talk
from talkdeck.library.model import Law, Slide

from .conftest import TEMPLATE, edit
from .test_lint import CLEAN, RULES_SLIDE, TODAY

LONG = " ".join(["Someone you meet online may pretend to be your age and your friend."] * 3)


def lint(runner: CliRunner, lib: Path, *args: str) -> tuple[int, list[str]]:
    result = runner.invoke(cli, ["lint", "-L", str(lib), "--today", TODAY, *args])
    return result.exit_code, result.output.splitlines()


def test_a_slide_over_its_word_limit_fails_lint(
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
    assert code == 1  # an error: a talk slide is split by its author, a region text by sentence
    assert found == [
        f"talks/mini.yaml:{found[0].split(':')[1]}: words-per-slide: slide 'words' "
        "shows more than 30 words, the most for ages 11-12 (split it, or say the "
        "rest) [en; ages 11-12]"
    ]
    assert lines[-1].startswith("lint failed: 1 error, 0 warnings in 1 talk, 20 decks")


def test_the_same_slide_within_its_limit_passes(
    runner: CliRunner, make_library: Callable[..., Path]
) -> None:
    lib = make_library({"talks/mini.yaml": CLEAN})
    code, lines = lint(runner, lib, "--strict")
    assert not [line for line in lines if ": words-per-slide: " in line]
    assert code == 0, lines


def _cards_slide(extra: str) -> str:
    """The clean talk with a ground-rules slide of four 7-word cards (and 2 title words)."""
    card = "{en: You can step out at any time%s., es: Puedes salir cuando quieras.}"
    cards = ", ".join([card % extra, *[card % ""] * 3])
    old = "bullets: [{en: You can step out at any time., es: Puedes salir cuando quieras.}]"
    return CLEAN.replace(RULES_SLIDE, RULES_SLIDE.replace(old, f"bullets: [{cards}]"))


@pytest.mark.parametrize(("extra", "over"), [("", False), (" today", True)])
def test_the_words_on_cards_count_31_fails_at_11_12(
    runner: CliRunner, make_library: Callable[..., Path], extra: str, over: bool
) -> None:
    """Title (2) and four cards: 30 words pass, a 31st on a card fails (not only its body)."""
    lib = make_library({"talks/mini.yaml": _cards_slide(extra)})
    code, lines = lint(runner, lib, "--strict")
    found = [line for line in lines if ": words-per-slide: " in line]
    if not over:
        assert (code, found) == (0, []), lines
        return
    assert code == 1
    assert found == [
        f"talks/mini.yaml:{found[0].split(':')[1]}: words-per-slide: slide 'rules' "
        "shows more than 30 words, the most for ages 11-12 (split it, or say the "
        "rest) [en; ages 11-12]"
    ]


def test_cards_are_shared_out_by_words_in_order_and_evenly() -> None:
    """The recap's six rules at 11-12 (29 words under a one-word title): three slides of two,
    not one slide of small type; at most the layout's cards a slide."""
    assert share_cards([10, 11, 16, 8, 9, 14], 29, 4) == [[0, 1], [2, 3], [4, 5]]
    assert share_cards([10, 9, 11, 8, 9, 13], 39, 4) == [[0, 1, 2], [3, 4, 5]]
    assert share_cards([3] * 6, 39, 4) == [[0, 1, 2], [3, 4, 5]]
    assert share_cards([50], 29, 4) == [[0]]  # too long for any slide: lint reports it


def test_every_shipped_pupil_slide_is_within_its_word_limit() -> None:
    """Every variant of every shipped pupils' talk: region texts are split, never over."""
    from talkdeck.deck.variants import deck_languages
    from talkdeck.workspace import BuildRequest, Workspace

    ws = Workspace(None)
    checked = 0
    for talk_id in ws.talk_ids():
        talk = ws.talk(talk_id)[0]
        if talk.audience != "pupils":
            continue
        for code, region in ws.lib.regions.items():
            for lang in deck_languages(talk, region):
                for age in talk.ages.ages:
                    deck = ws.tailor(BuildRequest(talk_id, age=age, region=code, lang=lang))
                    shown = [
                        (s.id, shown_words(s, s.kind, [c.lines for c in s.cards]))
                        for s in deck.slides
                    ]
                    over = [(i, n) for i, n in shown if n > word_limit(age)]
                    assert not over, (talk_id, code, lang, age, over)
                    checked += 1
    assert checked >= 9 * 5  # every region, every age


def test_share_out_keeps_whole_sentences_within_the_budget() -> None:
    lines = [
        Line("One two three four five. Six seven eight nine ten."),  # 10 words: split
        Line("Eleven twelve."),
        Line("a b c", level=1),  # a sub-point stays with its point
    ]
    pages = share_out(lines, 8)
    assert [[line.text for line in page] for page in pages] == [
        ["One two three four five."],
        ["Six seven eight nine ten."],
        ["Eleven twelve.", "a b c"],
    ]
    assert all(sum(len(line.text.split()) for line in page) <= 8 for page in pages)
    # As even as the fewest slides allow: 5 + 5 + 3 over two slides is 5 | 8, not 10 | 3.
    assert [
        len(p) for p in share_out([Line("a b c d e"), Line("f g h i j"), Line("k l m")], 10)
    ] == [1, 2]
    long = Line(" ".join("x" * 12))
    assert share_out([long], 5) == [[long]]  # one sentence over the budget: lint says so


def test_a_phone_number_counts_as_one_word() -> None:
    assert words("Call 0800\u00a01111") == 2
    assert words("1\u2011800\u2011843\u20115678 (1\u2011800\u2011THE\u2011LOST)") == 2
    assert words("Call 0800 1111") == 3  # as written, not kept whole: two words


def test_a_long_law_is_split_into_what_is_a_crime_and_the_penalty(mini: Path) -> None:
    """The region's law: one sentence a line, shared out under the limit, then its penalty on a
    slide of its own; every page keeps the law's source, the first and the penalty its note."""
    library = load_library(mini)
    talk, _ = load_talk(library, "mini")
    region = library.regions["global"]
    summary = " ".join(
        f"Sentence {k} says that it is a crime to groom a child online." for k in range(4)
    )
    law = Law.model_validate(
        {
            "name": "Test Act 2020",
            "summary": {"en": summary},
            "penalty": {"en": "Up to 2 years in prison. Up to 10 years if they meet."},
            "source": "example.org",
            "gathered": "2026-11-29",
        }
    )
    library.regions["global"] = region.model_copy(update={"law": law})
    law_slide = Slide.model_validate(
        {"id": "law", "kind": "law", "minutes": 2, "notes": {"en": "Explain the law."}}
    )
    talk = talk.model_copy(update={"slides": [*talk.slides[:-1], law_slide, talk.slides[-1]]})
    deck = tailor(library, talk, Audience(11, "global", "en"))
    pages = [s for s in deck.slides if s.talk_slide_id == "law"]
    assert [s.title for s in pages] == ["The law"] * (len(pages) - 1) + ["Penalty"]
    assert len(pages) >= 3 and all(slide_words(s) <= 30 for s in pages)
    shown = [line.text for s in pages[:-1] for line in s.body]
    assert " ".join(shown) == summary  # every sentence, in order, none cut
    assert [line.text for line in pages[-1].body] == [
        "Up to 2 years in prison.",
        "Up to 10 years if they meet.",
    ]
    assert all(s.source == "Test Act 2020 – example.org" for s in pages)
    assert "Test Act 2020" in pages[0].notes and "Test Act 2020" in pages[-1].notes
    assert sum(s.minutes for s in pages) == 2


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

    assert whole("1-800-422-4453 (24 h)") == "1\u2011800\u2011422\u20114453 (24\u00a0h)"
    # Its spelling in letters is kept whole too; the line may break only between the two.
    assert whole("1-800-843-5678 (1-800-THE-LOST)") == (
        "1\u2011800\u2011843\u20115678 (1\u2011800\u2011THE\u2011LOST)"
    )
    assert whole("0800 1111") == "0800\u00a01111"


def test_a_number_with_ordinary_hyphens_is_found_and_the_shipped_us_deck_has_none() -> None:
    """US: "1-800-843-5678 (1-800-THE-LOST)" on the help card and the closing slide is written
    with no-break hyphens, the mnemonic too; the same text with ordinary hyphens is reported."""
    from talkdeck.coordinate.design_rules import _numbers, loose_hyphens
    from talkdeck.workspace import BuildRequest, Workspace

    ws = Workspace(None)
    specs = template_specs(TEMPLATE)
    numbers = _numbers(ws.lib, "US")
    assert "1-800-THE-LOST" in numbers and "1-800-843-5678" in numbers
    for age in (11, 14):
        deck = ws.tailor(BuildRequest("grooming-awareness", age=age, region="US", lang="en"))
        assert loose_hyphens(deck, specs, numbers) == []
        closing = deck.slides[-1]
        shown = " ".join(line.text for line in closing.body)
        assert whole("(1-800-THE-LOST)") in shown
        raw = Line("NCMEC CyberTipline: 1-800-843-5678 (1-800-THE-LOST)")
        variant = replace(deck, slides=(*deck.slides[:-1], replace(closing, body=(raw,))))
        assert loose_hyphens(variant, specs, numbers) == [
            ("closing", "body", "1-800-843-5678"),
            ("closing", "body", "1-800-THE-LOST"),
        ]


def test_local_facts_are_statistics_and_the_closing_keeps_its_first_helpline() -> None:
    """Argentina, 11: each local fact on a statistic slide titled with the country, the
    organisations after them, ending on how to call the child helpline; every closing slide
    shows the first helpline, and the second unless it would pass the word limit."""
    from talkdeck.workspace import BuildRequest, Workspace

    ws = Workspace(None)
    deck = ws.tailor(BuildRequest("grooming-awareness", age=11, region="AR", lang="es"))
    local = [s for s in deck.slides if s.talk_slide_id == "local"]
    assert [(s.kind, s.title, s.number) for s in local[:1]] == [
        ("statistic", "Argentina", "7 de cada 10"),
    ]
    assert local[0].source.endswith("Reuters, 16 de junio de 2018")
    assert all(s.kind == "local" and s.title == "Quién trabaja en esto" for s in local[1:])
    assert local[-1].body[-1].text == "¿Necesitás ayuda ahora? Llamá al 102"  # vos (es-AR)
    for code in ws.lib.regions:  # the first helpline always; the second where it fits
        for age in (11, 14):
            deck = ws.tailor(BuildRequest("grooming-awareness", age=age, region=code))
            closing = deck.slides[-1]
            first, *more = [line.text for line in closing.body if line.bullet]
            channels = channels_for(ws.lib.regions[code], "pupils", age)
            assert first.startswith(channels[0].name), (code, age)
            if len(channels) > 1 and not more:  # left out only because it would not fit
                second = Line(f"{channels[1].name}: {whole(channels[1].phone or '')}")
                with_it = replace(closing, body=(*closing.body, second))
                assert slide_words(with_it) > word_limit(age), (code, age)


def test_the_same_picture_on_two_slides_in_a_row_is_a_warning(
    runner: CliRunner, make_library: Callable[..., Path]
) -> None:
    from .conftest import REPO

    talk = edit(
        CLEAN,
        '    kind: bullets\n    title: {en: "What is grooming?"',
        '    kind: bullets\n    picture: hug\n    title: {en: "What is grooming?"',
        "    kind: bullets\n    ages: 13-15\n",
        "    kind: bullets\n    ages: 13-15\n    picture: hug\n",
    )
    lib = make_library({"talks/mini.yaml": talk})
    shutil.copy(REPO / "talks" / "common" / "pictures.yaml", lib / "talks" / "common")
    shutil.copytree(REPO / "assets" / "pictures", lib / "assets" / "pictures")
    code, lines = lint(runner, lib, "--strict")
    found = [line for line in lines if ": same-picture: " in line]
    line = [i for i, text in enumerate(talk.splitlines(), 1) if "picture: hug" in text][-1]
    assert code == 1
    # Only where "older" follows "words": ages 13-15 (at 11-12 the statistic comes between).
    assert found == [
        f"talks/mini.yaml:{line}: same-picture: slide 'older' shows the same picture ('hug') "
        "as the slide before it ('words'): choose another (`picture:`; `page_pictures:` for the "
        "slides the build splits it into), so each slide looks new to the class [ages 13-15]"
    ]
    code, lines = lint(runner, lib)
    assert next(x for x in lines if ": same-picture: " in x).endswith("[ages 13-15] (warning)")


def test_the_slides_a_split_slide_becomes_take_its_pictures_in_turn(
    make_library: Callable[..., Path],
) -> None:
    """A law split over four slides showed the scales four times in a row: the slides one talk
    slide becomes take `picture` and `page_pictures` in turn, and lint checks them too."""
    from talkdeck.coordinate.design_rules import same_pictures

    from .conftest import REPO

    lib = make_library()
    shutil.copy(REPO / "talks" / "common" / "pictures.yaml", lib / "talks" / "common")
    shutil.copytree(REPO / "assets" / "pictures", lib / "assets" / "pictures")
    library = load_library(lib)
    talk, _ = load_talk(library, "mini")
    region = library.regions["global"]
    summary = " ".join(f"Sentence {k} says that it is a crime to groom online." for k in range(4))
    law = Law.model_validate(
        {"name": "Act", "summary": {"en": summary}, "source": "x.org", "gathered": "2026-11-29"}
    )
    library.regions["global"] = region.model_copy(update={"law": law})
    slide = {"id": "law", "kind": "law", "minutes": 2, "notes": {"en": "The law."}}
    for more, cycle in (([], ["scales"]), (["shield"], ["scales", "shield"])):
        law_slide = Slide.model_validate({**slide, "picture": "scales", "page_pictures": more})
        talk = talk.model_copy(update={"slides": [talk.slides[0], law_slide]})
        deck = tailor(library, talk, Audience(11, "global", "en"))
        pages = [s for s in deck.slides if s.talk_slide_id == "law"]
        assert len(pages) >= 2
        shown = [Path(s.picture.path).stem for s in pages if s.picture]
        assert shown == [cycle[n % len(cycle)] for n in range(len(pages))]
        repeats = [(a, b) for a, b, _ in same_pictures(replace(deck, slides=tuple(pages)))]
        assert len(repeats) == (len(pages) - 1 if not more else 0)


def test_only_the_slides_the_build_splits_take_page_pictures() -> None:
    slide = {"id": "x", "kind": "bullets", "minutes": 1, "notes": {"en": "Say it."}}
    bullets = {**slide, "bullets": [{"en": "One."}], "page_pictures": ["shield"]}
    with pytest.raises(ValueError, match="only law and local slides take 'page_pictures'"):
        Slide.model_validate(bullets)
    assert Slide.model_validate({**slide, "kind": "law", "page_pictures": ["shield"]})


ACTIVITY = """  - id: act
    kind: activity
    title: {en: What would you do?, es: ¿Qué harías?}
    text: {en: Talk with a partner., es: Habla en pareja.}
    bullets:
      - {en: "Leo: free coins, then a private chat.", es: "Leo: monedas."}
      - {en: "Dani: “send a photo, our secret”.", es: "Dani: una foto."}
      - {en: "Sam: a friend asks to meet.", es: "Sam: verse."}
    minutes: 1
    notes: {en: Read each story., es: Lee cada historia.}
"""


@pytest.mark.parametrize(("extra", "lone"), [("", 0), (" Then tell the class.", 1)])
def test_a_split_that_leaves_one_card_alone_is_a_warning(
    runner: CliRunner, make_library: Callable[..., Path], extra: str, lone: int
) -> None:
    # Three scenarios fit on one slide for 11-12; a longer instruction splits them 2 + 1.
    activity = ACTIVITY.replace("Talk with a partner.", "Talk with a partner." + extra)
    talk = CLEAN.replace("  - id: number\n", activity + "  - id: number\n")
    lib = make_library({"talks/mini.yaml": talk})
    _, lines = lint(runner, lib)
    found = [line for line in lines if ": lone-card: " in line]
    line = next(i for i, text in enumerate(talk.splitlines(), 1) if "- id: act" in text)
    assert len(found) == lone
    for text in found:  # the page with one card: the first or the second, as shared out
        assert re.fullmatch(
            rf"talks/mini\.yaml:{line}: lone-card: slide 'act(~2)?' shows one card alone: the "
            r"build split the slide's cards to keep within the word limit; shorten the cards or "
            r"the text above them so they share fewer slides \[en; ages 11-12\] \(warning\)",
            text,
        )
