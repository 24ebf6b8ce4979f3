"""Fuzzing with hypothesis: the loader answers everything with TalkdeckError or a model, and
whatever validates also builds.

Three generators: YAML text made of the tokens coordinators mistype; valid talks (which must
load and build for their ages and languages); and those talks mutated one edit at a time.
Examples are capped so the whole file runs in well under a minute.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PIL import Image
from pptx import Presentation

from talkdeck.deck.kinds import KINDS
from talkdeck.deck.memo import Memo
from talkdeck.deck.pptx_bytes import deck_bytes
from talkdeck.errors import TalkdeckError
from talkdeck.library.assets import inside_assets
from talkdeck.library.load import Library, load_library, load_talk
from talkdeck.library.safe_yaml import read_yaml
from talkdeck.workspace import BuildRequest, tailor_request

from .conftest import MINI, TEMPLATE, write_tree

pytestmark = pytest.mark.slow

FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
BUILDS = settings(FUZZ, max_examples=40)  # each example renders decks: keep the count modest


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Library:
    root = tmp_path_factory.mktemp("fuzzlib")
    (root / "assets" / "templates").mkdir(parents=True)
    shutil.copy(TEMPLATE, root / "assets" / "templates" / "talkdeck.pptx")
    write_tree(root, MINI)
    for name, size, kind in (("small.png", (40, 30), "PNG"), ("big.jpg", (1600, 1200), "JPEG")):
        Image.new("RGB", size, "#335577").save(root / "assets" / name, kind)
    return load_library(root)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzztalks") / "talk.yaml"


def load(lib: Library, path: Path, text: str | bytes) -> Any:
    """Write a talk file and load it; None when the loader refused it with TalkdeckError."""
    if isinstance(text, str):
        text = text.encode("utf-8", "surrogatepass")
    path.write_bytes(text)
    try:
        return load_talk(lib, str(path))[0]
    except TalkdeckError as exc:
        assert exc.lines() and all(line and "\n" not in line for line in exc.lines())
        return None


def builds(lib: Library, talk: Any) -> None:
    """Every age end and language of a loaded talk renders to a deck python-pptx can open."""
    for age in sorted({talk.ages.lo, talk.ages.hi}):
        for lang in talk.languages:
            deck = tailor_request(
                lib, talk, BuildRequest(talk=talk.id, age=age, lang=lang, draft=True)
            )
            blob = deck_bytes(lib.template, deck, Memo())
            assert len(Presentation(io.BytesIO(blob)).slides) == len(deck.slides)


# --- YAML text -------------------------------------------------------------------------------

TOKENS = [
    "id",
    "title",
    "slides",
    "kind",
    "ages",
    "notes",
    "en",
    "es",
    "11-12",
    "13-15",
    "16",
    ":",
    ": ",
    "- ",
    "-",
    "  ",
    "    ",
    "\t",
    "\n",
    "\r\n",
    "[",
    "]",
    "{",
    "}",
    ",",
    "'",
    '"',
    "&a ",
    "*a",
    "&b ",
    "*b",
    "!!python/object:os.system ",
    "!!str ",
    "!x ",
    "<<: ",
    "? ",
    "|",
    ">",
    "#",
    "---\n",
    "...\n",
    "~",
    "null",
    "yes",
    "0x1F",
    "1e9",
    "2026-02-30",
    "\\a",
    "\\0",
    "é",
    "网络",
    "🛡️",
    "\ufeff",
    "\x00",
    "\x85",
    "\u2028",
    "%YAML 1.1\n",
]


@FUZZ
@given(st.lists(st.sampled_from(TOKENS), max_size=60))
def test_yaml_made_of_mistyped_tokens(lib: Library, scratch: Path, tokens: list[str]) -> None:
    text = "".join(tokens)
    doc, problems = read_yaml(_write(scratch, text), "talk.yaml")
    assert doc is not None or problems  # a refusal always says why
    assert all(p.path == "talk.yaml" and p.line >= 0 for p in problems)
    talk = load(lib, scratch, text)
    if talk is not None:
        builds(lib, talk)


@FUZZ
@given(st.text(max_size=300))
def test_any_text_gives_problems_not_crashes(lib: Library, scratch: Path, text: str) -> None:
    load(lib, scratch, text)


def _write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


# --- valid talks -----------------------------------------------------------------------------

WORDS = (
    st.text(
        st.characters(codec="utf-8", categories=("L", "N", "Zs", "P", "So")),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)
SLIDE_ID = st.from_regex(r"[a-z][a-z0-9]{0,7}(-[a-z0-9]{1,4})?", fullmatch=True)


def ranges(lo: int, hi: int) -> st.SearchStrategy[tuple[int, int]]:
    """An age range inside lo-hi."""
    return st.tuples(st.integers(lo, hi), st.integers(lo, hi)).map(lambda p: (min(p), max(p)))


@st.composite
def local_text(draw: st.DrawFn, langs: list[str], ages: tuple[int, int]) -> dict[str, Any]:
    """{lang: text} or {lang: {age range: text}} covering every age of ``ages``."""
    out: dict[str, Any] = {}
    for lang in langs:
        lo, hi = ages
        if lo < hi and draw(st.booleans()):
            cut = draw(st.integers(lo + 1, hi))
            first = f"{lo}-{cut - 1}" if cut - 1 > lo else str(lo)
            second = f"{cut}-{hi}" if hi > cut else str(cut)
            out[lang] = {first: draw(WORDS), second: draw(WORDS)}
        else:
            out[lang] = draw(WORDS)
    return out


@st.composite
def slides(draw: st.DrawFn, langs: list[str], ages: tuple[int, int]) -> dict[str, Any]:
    kind = draw(st.sampled_from(list(KINDS)))
    slide_ages = draw(ranges(*ages)) if draw(st.booleans()) else ages
    slide: dict[str, Any] = {"id": "", "kind": kind}
    if slide_ages != ages:
        slide["ages"] = f"{slide_ages[0]}-{slide_ages[1]}"
    if "title" in KINDS[kind].needs or draw(st.booleans()):
        slide["title"] = draw(local_text(langs, slide_ages))
    if "text" in KINDS[kind].needs:
        slide["text"] = draw(local_text(langs, slide_ages))
    if "bullets" in KINDS[kind].needs:
        most = min(4, KINDS[kind].cards or 4)
        slide["bullets"] = draw(st.lists(local_text(langs, slide_ages), min_size=1, max_size=most))
    if kind == "statistic":
        slide["fact"] = "predators-online"
    if kind == "tips":
        slide["tips"] = ["tell-adult"]
    if KINDS[kind].picture and draw(st.booleans()):
        slide["image"] = {
            "path": draw(st.sampled_from(["small.png", "big.jpg"])),
            "alt": draw(local_text(langs, slide_ages)),
        }
    slide["minutes"] = draw(st.sampled_from([0.5, 1, 2, 3.5]))
    slide["notes"] = draw(local_text(langs, slide_ages))
    return slide


@st.composite
def talks(draw: st.DrawFn) -> dict[str, Any]:
    langs = draw(st.sampled_from([["en"], ["es"], ["en", "es"], ["es", "en"]]))
    ages = draw(ranges(11, 15))
    body = draw(st.lists(slides(langs, ages), min_size=0, max_size=6))
    help_slide = {
        "id": "",
        "kind": "helpline",
        "minutes": 1,
        "notes": draw(local_text(langs, ages)),
    }
    body.insert(draw(st.integers(0, len(body))), help_slide)
    ids = draw(st.lists(SLIDE_ID, min_size=len(body), max_size=len(body), unique=True))
    for slide, slide_id in zip(body, ids, strict=True):
        slide["id"] = slide_id
    return {
        "id": draw(SLIDE_ID),
        "title": draw(local_text(langs, ages)),
        "version": draw(st.sampled_from(["1.0", "2.3", "1.10"])),
        "version_date": draw(st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1))),
        "status": "approved",
        "description": draw(local_text(langs, ages)),
        "duration": draw(st.integers(5, 120)),
        "ages": f"{ages[0]}-{ages[1]}",
        "languages": langs,
        "slides": body,
    }


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@BUILDS
@given(talks())
def test_generated_talks_load_and_build(lib: Library, scratch: Path, data: dict) -> None:
    talk = load(lib, scratch, dump(data))
    assert talk is not None, data
    builds(lib, talk)


# --- mutated talks -----------------------------------------------------------------------------

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 200),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.dates(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.sampled_from(
        [
            "16",
            "15-13",
            "10-12",
            "quiz",
            "nope",
            "predators-onlin",
            "11-12",
            "en",
            "fr",
            "../x.png",
            "/etc/passwd",
            "bell\x07",
            "nul\x00",
            "\ufffe",
            "tab\there",
            "🛡️ 网络",
        ]
    ),
)


def paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value inside nested dicts and lists."""
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += paths(item, (*prefix, i))
    return out


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    data = draw(talks())
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(paths(data)[1:]))
        parent = data
        for part in where[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "delete", "add", "copy"]))
        last = where[-1]
        if action == "replace":
            parent[last] = draw(JUNK)
        elif action == "delete":
            del parent[last]
        elif action == "add" and isinstance(parent, dict):
            parent[
                draw(
                    st.sampled_from(
                        ["image", "fact", "tips", "bullets", "ages", "kind", "extra", "text"]
                    )
                )
            ] = draw(JUNK)
        elif action == "copy" and isinstance(parent, list):
            parent.append(parent[last])
    return data


@BUILDS
@given(mutated())
def test_mutated_talks_are_refused_cleanly_or_build(
    lib: Library, scratch: Path, data: dict
) -> None:
    try:
        text = dump(data)
    except yaml.YAMLError:
        assume(False)
    talk = load(lib, scratch, text)
    if talk is not None:
        builds(lib, talk)


# --- paths -----------------------------------------------------------------------------------

PARTS = st.sampled_from(
    [
        "..",
        ".",
        "assets",
        "templates",
        "talkdeck.pptx",
        "photo.png",
        "out",
        "link",
        "",
        "/",
        "~",
        "lib",
    ]
)


@FUZZ
@given(st.lists(PARTS, min_size=1, max_size=6))
def test_no_image_path_resolves_outside_assets(lib: Library, parts: list[str]) -> None:
    root = lib.root
    assets = root / "assets"
    if not (assets / "link").is_symlink():
        (assets / "link").symlink_to(root.parent)  # a way out, if the check forgot symlinks
    rel = "/".join(parts)
    target, problem = inside_assets(root, rel)
    assert (target is None) != (problem is None)
    if target is not None:
        assert target.is_file() and target.is_relative_to(assets.resolve())
