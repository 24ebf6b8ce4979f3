"""Validation parity: a library that `validate` accepts never makes build, lint or the guide
raise anything but a TalkdeckError (a message), for any talk x age x region x language.

Hypothesis varies what broke it before: which languages a region offers and which its texts are
written in, and which languages the talk declares. Bounded: a few dozen small libraries.
"""

from __future__ import annotations

import contextlib
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talkdeck.coordinate.inventory import validate_library
from talkdeck.coordinate.lint import lint
from talkdeck.errors import TalkdeckError
from talkdeck.printouts.presenter_guide import guide
from talkdeck.printouts.tailored import tailored
from talkdeck.workspace import BuildRequest, Workspace

from .conftest import MINI, TEMPLATE, write_tree

LANGS = st.lists(st.sampled_from(["en", "es"]), min_size=1, max_size=2, unique=True)


def _region(offered: list[str], written: list[str]) -> str:
    name = ", ".join(f"{lang}: Reino" for lang in written)
    what = ", ".join(f"{lang}: Call us." for lang in written)
    return textwrap.dedent(f"""
        code: GB
        name: {{{name}}}
        languages: [{", ".join(offered)}]
        channels:
          - name: Childline
            what: {{{what}}}
            phone: "0800 1111"
            source: childline.org.uk
            verified: 2026-11-29
        """)


@pytest.mark.slow
@settings(max_examples=24, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(offered=LANGS, written=LANGS, talk_langs=LANGS)
def test_what_validate_accepts_never_crashes(
    offered: list[str], written: list[str], talk_langs: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "lib"
        (root / "assets" / "templates").mkdir(parents=True)
        (root / "assets" / "templates" / "talkdeck.pptx").write_bytes(TEMPLATE.read_bytes())
        talk = MINI["talks/mini.yaml"].replace(
            "languages: [en, es]", f"languages: [{', '.join(talk_langs)}]"
        )
        write_tree(
            root,
            {**MINI, "talks/mini.yaml": talk, "talks/regions/gb.yaml": _region(offered, written)},
        )
        try:
            validate_library(root)
        except TalkdeckError:
            return  # validate refused it: nothing more is promised
        for region in ("GB", "co"):
            for lang in (None, "en", "es"):
                for age in (11, 13):
                    request = BuildRequest("mini", age, region, lang)
                    try:  # a fresh workspace each time: the cache is filled, then read
                        Workspace(root).tailor(request)
                        guide(tailored(root, "mini", age, region, lang))
                    except TalkdeckError:
                        pass
        with contextlib.suppress(TalkdeckError):
            Workspace(root).build(BuildRequest("mini", 12, "GB", output=Path(tmp) / "d.pptx"))
        lint(root)
