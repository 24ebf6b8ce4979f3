"""`talkdeck validate` with several breaks in a library reports them all in one run: broken
region files, the library-wide check (a missing picture) and the talks' own problems."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from talkdeck.cli import cli

from .conftest import MINI, edit

CO = textwrap.dedent(MINI["talks/regions/co.yaml"]).lstrip()
TALK = textwrap.dedent(MINI["talks/mini.yaml"]).lstrip()
TIPS = textwrap.dedent(MINI["talks/common/tips.yaml"]).lstrip()
PICTURES = """\
languages: [en, es]
pictures:
  - id: wave
    file: gone/wave.png
    alt: {en: A waving hand, es: Una mano que saluda}
"""
# region: a typo in a key and a duplicate key
BROKEN_CO = edit(
    CO,
    "    kind: report\n",
    "    knd: report\n",
    "languages: [es, en]\n",
    "languages: [es, en]\nlanguages: [es]\n",
)
# talk: an unknown fact id and a title without its Spanish
BROKEN_TALK = edit(
    TALK,
    "fact: predators-online",
    "fact: predators-onlin",
    "title: {en: Staying safe online, es: Seguros en línea}\nversion",
    "title: {en: Staying safe online}\nversion",
)


def validate(lib: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["validate", "-L", str(lib)])
    return result.exit_code, result.output.splitlines()


def test_broken_regions_a_missing_picture_and_talk_problems_in_one_run(
    make_library: Callable[..., Path],
) -> None:
    lib = make_library(
        {
            "talks/regions/co.yaml": BROKEN_CO,
            "talks/common/pictures.yaml": PICTURES,
            "talks/mini.yaml": BROKEN_TALK,
        }
    )
    assert validate(lib) == (
        1,
        [
            "talks/common/pictures.yaml:4:5: pictures[0].file: image 'pictures/gone/wave.png' "
            "does not exist in assets/",
            "talks/mini.yaml:2:1: title: missing translation: no 'es' text (written only in en)",
            "talks/mini.yaml:32:5: slides[3].fact: unknown fact 'predators-onlin' "
            "(did you mean 'predators-online'?)",
            "talks/regions/co.yaml:4:1: languages: duplicate key 'languages' (first at line 3)",
            "talks/regions/co.yaml:12:5: channels[1].kind: missing required key 'kind'",
            "talks/regions/co.yaml:13:5: channels[1].knd: unknown key 'knd' (did you mean 'kind'?)",
            "error: 6 problems found",
        ],
    )


def test_a_shared_file_that_does_not_read_still_gets_the_talks_model_checked(
    make_library: Callable[..., Path],
) -> None:
    lib = make_library(
        {
            "talks/common/tips.yaml": TIPS.replace("\n  - id", "\n\t- id"),
            "talks/mini.yaml": BROKEN_TALK.replace("duration: 10", "duration: ten"),
        }
    )
    # the talk's references (an unknown fact) are not judged against a library that does
    # not read; its own model problems are
    assert validate(lib) == (
        1,
        [
            "talks/common/tips.yaml:3:1: not valid YAML: found character '\\t' that cannot start "
            "any token (use spaces, not tabs, to indent)",
            "talks/mini.yaml:7:1: duration: Input should be a valid integer, unable to parse string as "
            "an integer",
            "error: 2 problems found",
        ],
    )


def test_lint_reports_the_talks_too_when_the_library_is_broken(
    make_library: Callable[..., Path],
) -> None:
    lib = make_library({"talks/regions/co.yaml": BROKEN_CO, "talks/mini.yaml": BROKEN_TALK})
    result = CliRunner().invoke(cli, ["lint", "-L", str(lib), "--today", "2026-12-01"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        "talks/mini.yaml:32: invalid: slides[3].fact: unknown fact 'predators-onlin' (did you mean 'predators-online'?)"
        in lines
    ), lines
    assert lines[-1] == "lint failed: 5 errors, 0 warnings in 0 talks, 0 decks (0 regions)"
