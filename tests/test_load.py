"""The loader: every problem reported once, with file, line and column; safe YAML only."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talkdeck.errors import ContentError, TalkdeckError
from talkdeck.library.load import load_library, load_talk
from talkdeck.library.model import AgeRange
from talkdeck.library.safe_yaml import read_yaml
from talkdeck.library.schema import json_schema

from .conftest import MINI


def problems_of(root: Path, talk: str = "mini") -> list[str]:
    with pytest.raises(ContentError) as info:
        load_talk(load_library(root), talk)
    return [str(p) for p in info.value.problems]


def test_the_mini_library_is_valid(mini: Path) -> None:
    talk, _ = load_talk(load_library(mini), "mini")
    assert [s.id for s in talk.slides][:2] == ["intro", "words"]


def test_three_mistakes_in_one_file_are_all_reported_with_lines(make_library: Callable) -> None:
    text = MINI["talks/mini.yaml"]
    text = text.replace(
        "            notes: {en: Welcome everyone., es: Bienvenida.}",
        "            notes: {en: Welcome everyone., es: Bienvenida.}\n            tittle: oops",
    )
    text = text.replace("            ages: 13-15", "            ages: 13-16")
    text = text.replace("fact: predators-online", "fact: predators-onlin")
    root = make_library({"talks/mini.yaml": text})
    assert problems_of(root) == [
        "talks/mini.yaml:15:5: slides[0].tittle: unknown key 'tittle' (did you mean 'title'?)",
        "talks/mini.yaml:26:5: slides[2].ages: 16 is outside 11-15",
        "talks/mini.yaml:33:5: slides[3].fact: unknown fact 'predators-onlin' "
        "(did you mean 'predators-online'?)",
    ]


def test_duplicate_keys_are_caught(make_library: Callable) -> None:
    text = MINI["talks/mini.yaml"].replace("duration: 10", "duration: 10\n        duration: 20")
    root = make_library({"talks/mini.yaml": text})
    assert problems_of(root) == [
        "talks/mini.yaml:8:1: duration: duplicate key 'duration' (first at line 7)"
    ]


@pytest.mark.parametrize(
    "tag",
    ["!!python/object:os.system", "!!python/name:os.system", "!!python/object/apply:os.system"],
)
def test_python_tags_are_refused(make_library: Callable, tag: str) -> None:
    text = MINI["talks/mini.yaml"].replace("duration: 10", f"duration: {tag} 10")
    root = make_library({"talks/mini.yaml": text})
    (problem,) = problems_of(root)
    assert problem.startswith("talks/mini.yaml:7:11: tag !!python/")
    assert problem.endswith("is not allowed; only plain YAML values")


def test_missing_translation_is_an_error_not_a_silent_english_slide(
    make_library: Callable,
) -> None:
    text = MINI["talks/mini.yaml"].replace(
        'title: {en: "What is grooming?", es: "¿Qué es el grooming?"}', "title: What is grooming?"
    )
    root = make_library({"talks/mini.yaml": text})
    assert problems_of(root) == [
        "talks/mini.yaml:17:5: slides[1].title: missing translation: no 'es' text "
        "(written only in en)"
    ]


def test_age_gaps_are_reported(make_library: Callable) -> None:
    text = MINI["talks/mini.yaml"].replace('"13-15": An adult', '"14-15": An adult')
    root = make_library({"talks/mini.yaml": text})
    assert problems_of(root) == [
        "talks/mini.yaml:19:9: slides[1].bullets[0].text: no 'en' text for age 13"
    ]


def test_missing_and_wrongly_typed_fields(make_library: Callable) -> None:
    text = (
        MINI["talks/mini.yaml"]
        .replace('        version: "1.0"\n', "")
        .replace("duration: 10", "duration: ten")
    )
    root = make_library({"talks/mini.yaml": text})
    assert problems_of(root) == [
        "talks/mini.yaml:1:1: version: missing required key 'version'",
        "talks/mini.yaml:6:1: duration: Input should be a valid integer, "
        "unable to parse string as an integer",
    ]


def test_library_files_are_checked_too(make_library: Callable) -> None:
    facts = MINI["talks/common/facts.yaml"].replace("source: reuters-2018", "source: reuters")
    root = make_library({"talks/common/facts.yaml": facts, "talks/regions/co.yaml": None})
    with pytest.raises(ContentError) as info:
        load_library(root)
    assert [str(p) for p in info.value.problems] == [
        "talks/common/facts.yaml:17:5: facts[0].source: unknown source 'reuters' "
        "(did you mean 'reuters-2018'?)"
    ]


def test_not_a_library(tmp_path: Path) -> None:
    with pytest.raises(TalkdeckError, match="not a talkdeck library"):
        load_library(tmp_path)


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join(['*a' + str(i - 1)] * 9)}]" for i in range(1, 9)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines))
    doc, problems = read_yaml(path, "bomb.yaml")
    assert doc is None
    assert "too many aliases" in str(problems[0])


@pytest.mark.parametrize(
    ("value", "expected"),
    [(13, AgeRange(13, 13)), ("11-12", AgeRange(11, 12)), (" 13 - 15 ", AgeRange(13, 15))],
)
def test_age_ranges(value: object, expected: AgeRange) -> None:
    assert AgeRange.parse(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("15-13", "range 15-13 is reversed"),
        (16, "16 is outside 11-15"),
        ("x", "expected an age"),
        (True, "expected an age"),
    ],
)
def test_bad_age_ranges(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        AgeRange.parse(value)


def test_schema_describes_every_slide_field() -> None:
    schema = json_schema("talk")
    slide = schema["$defs"]["Slide"]
    assert slide["additionalProperties"] is False
    assert all(p.get("description") for p in slide["properties"].values())
    json.dumps(schema)


yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20))
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@pytest.mark.slow
@settings(
    max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(
    st.dictionaries(
        st.sampled_from(
            ["id", "title", "slides", "version", "ages", "kind", "notes", "duration", "x"]
        ),
        yaml_values,
        max_size=6,
    )
)
def test_any_talk_shaped_data_gives_problems_not_crashes(mini: Path, data: dict) -> None:
    """Whatever a coordinator writes, the loader answers with TalkdeckError or a model."""
    path = mini / "talks" / "fuzz.yaml"
    path.write_text(json.dumps(data))  # JSON is YAML
    with contextlib.suppress(TalkdeckError):
        load_talk(load_library(mini), str(path))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_problems_not_crashes(
    tmp_path_factory: pytest.TempPathFactory, blob: bytes
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "x.yaml"
    path.write_bytes(blob)
    read_yaml(path, "x.yaml")


def test_a_region_alias_may_name_no_other_region(make_library: Callable) -> None:
    """An alias that is another region's code or alias is a located problem in strict loads."""
    co = MINI["talks/regions/co.yaml"].replace(
        "code: CO\n", "code: CO\n        aliases: [Col, GLOBAL]\n"
    )
    world = MINI["talks/regions/global.yaml"].replace(
        "code: global\n", "code: global\n        aliases: [world, col]\n"
    )
    lib = make_library({"talks/regions/co.yaml": co, "talks/regions/global.yaml": world})
    with pytest.raises(ContentError) as caught:
        load_library(lib)
    assert caught.value.message == (
        "talks/regions/co.yaml:2:16: aliases[1]: alias 'GLOBAL' is the code of region global\n"
        "talks/regions/global.yaml:2:18: aliases[1]: alias 'col' is already an alias of region "
        "CO\n2 problems found"
    )


def test_region_aliases_load(make_library: Callable) -> None:
    co = MINI["talks/regions/co.yaml"].replace(
        "code: CO\n", "code: CO\n        aliases: [Col, co]\n"
    )
    lib = load_library(make_library({"talks/regions/co.yaml": co}))
    assert (lib.regions["CO"].aliases, lib.regions["global"].aliases) == (["Col", "co"], [])
