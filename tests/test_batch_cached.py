"""A batch planned from the build cache plans exactly what one planned from the library does,
and the cache is used only when it answers for the whole, strictly checked library."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talkdeck.cli import cli
from talkdeck.coordinate import batch_plan
from talkdeck.library import load

from .conftest import MINI, edit

YOUNG = edit(
    MINI["talks/mini.yaml"],
    "id: mini",
    "id: young",
    "status: approved",
    "status: draft",
    "languages: [en, es]\n        slides:",
    "languages: [en]\n        ages: 11-13\n        slides:",
    "ages: 13-15",
    "ages: 13",
)
GB = """
    code: GB
    aliases: [UK]
    name: {en: United Kingdom}
    languages: [en]
    channels:
      - name: Childline
        kind: child-helpline
        phone: "0800 1111"
        source: childline.org.uk
        gathered: 2026-11-29
        confirmed: {date: 2026-11-29, by: "T. Test, coordinator", how: phone call}
    """


@pytest.fixture
def cached_lib(make_library: Callable[..., Path], runner: CliRunner, tmp_path: Path) -> Path:
    """A library of two talks (one a draft for ages 11-13 in English) and three regions, each
    talk built once so the cache holds an entry for it."""
    lib = make_library({"talks/young.yaml": YOUNG, "talks/regions/gb.yaml": GB})
    for talk, extra in (("mini", []), ("young", ["--draft"])):
        args = ["build", talk, "-L", str(lib), "-a", "12", "-r", "GB", "-o", str(tmp_path / "x")]
        result = runner.invoke(cli, [*args, "--force", *extra])
        assert result.exit_code == 0, result.output
    return lib


def outcome(lib: Path, req: batch_plan.BatchRequest) -> tuple[Any, ...]:
    try:
        plan = batch_plan.plan_batch(lib, req)
    except Exception as exc:
        return ("error", type(exc).__name__, str(exc))
    return ("ok", [(j.talk, j.age, j.region, j.lang, j.path.name) for j in plan.jobs], plan.notes)


def test_the_entries_answer_for_the_library(cached_lib: Path, tmp_path: Path) -> None:
    found = batch_plan._cached(cached_lib, batch_plan.BatchRequest(output=tmp_path / "d"))
    assert found is not None
    assert sorted(found[1]) == ["mini", "young"]
    assert found[1]["young"].ages == (11, 12, 13) and found[1]["young"].status == "draft"
    assert sorted(found[1]["mini"].offered) == ["CO", "GB", "global"]
    assert found[1]["mini"].aliases == {"uk": "GB"}
    assert batch_plan.CachedMatrix(found[1]).region(" Uk") == "GB"  # no library needed


@settings(
    max_examples=60,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    talks=st.sampled_from([(), ("mini",), ("young",), ("mini", "young"), ("nope",)]),
    ages=st.sampled_from(["", "11", "11-12", "13,15", "11-15", "16", "12-11", "x"]),
    regions=st.sampled_from(
        ["all", "co", "CO,global", "gb,Co", "xx", "global,GLOBAL", " ", "uk", "UK,gb,co", "Uk"]
    ),
    langs=st.sampled_from(["", "en", "es", "all", "en,es", "fr", "ES"]),
    draft=st.booleans(),
    jobs=st.sampled_from([None, 1, 1000]),
)
def test_a_plan_from_the_cache_is_the_plan_from_the_library(
    cached_lib: Path,
    tmp_path: Path,
    talks: tuple[str, ...],
    ages: str,
    regions: str,
    langs: str,
    draft: bool,
    jobs: int | None,
) -> None:
    req = batch_plan.BatchRequest(
        output=tmp_path / "dist",
        talks=talks,
        ages=ages,
        regions=regions,
        langs=langs,
        draft=draft,
        jobs=jobs,
    )
    cached = outcome(cached_lib, req)
    with mock.patch.dict(os.environ, {"TALKDECK_CACHE": "off"}):
        assert batch_plan._cached(cached_lib, req) is None
        assert cached == outcome(cached_lib, req)


def test_a_cached_batch_loads_no_library(
    cached_lib: Path, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the library was loaded")

    monkeypatch.setattr(load, "load_library", refuse)
    out = tmp_path / "dist"
    args = ["batch", "mini", "-L", str(cached_lib), "-o", str(out), "--ages", "11,13"]
    result = runner.invoke(cli, [*args, "--regions", "gb,co"])
    assert result.exit_code == 0, result.output
    assert len(list(out.glob("*.pptx"))) == 6  # GB en, CO es and en, at two ages


def test_decks_from_the_cache_are_the_decks_from_the_library(
    cached_lib: Path, runner: CliRunner, tmp_path: Path
) -> None:
    args = ["batch", "-L", str(cached_lib), "--ages", "11-13", "--draft", "-j", "2"]
    assert runner.invoke(cli, [*args, "-o", str(tmp_path / "a")]).exit_code == 0
    with mock.patch.dict(os.environ, {"TALKDECK_CACHE": "off"}):
        assert runner.invoke(cli, [*args, "-o", str(tmp_path / "b")]).exit_code == 0
    a, b = (sorted((tmp_path / x).iterdir()) for x in ("a", "b"))
    assert [p.name for p in a] == [p.name for p in b] and len(a) == 25  # 24 decks + manifest
    assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a, b, strict=True))


def test_an_entry_that_set_a_region_aside_is_not_used(
    make_library: Callable[..., Path], runner: CliRunner, tmp_path: Path
) -> None:
    broken = GB.replace("languages: [en]", "languages: [en]\n    colour: red")
    lib = make_library({"talks/regions/gb.yaml": broken})
    args = ["build", "mini", "-L", str(lib), "-a", "12", "-r", "CO", "-o", str(tmp_path / "x")]
    built = runner.invoke(cli, args)
    assert built.exit_code == 0 and "gb.yaml" in built.stderr  # a volunteer's build goes on
    req = batch_plan.BatchRequest(output=tmp_path / "dist", regions="co")
    assert batch_plan._cached(lib, req) is None
    result = runner.invoke(cli, ["batch", "-L", str(lib), "-o", str(tmp_path / "dist")])
    assert result.exit_code == 1  # a coordinator's batch is strict: the file is named
    assert "talks/regions/gb.yaml" in result.stderr and "colour" in result.stderr


def test_an_option_mistake_with_a_warm_cache_loads_no_library(
    cached_lib: Path, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the library was loaded")

    monkeypatch.setattr(load, "load_library", refuse)
    out = str(tmp_path / "dist")
    for args, message in (
        (["--lang", "fr"], "error: --lang: 'fr' is not one of en, es, all\n"),
        (
            ["--ages", "11", "--regions", "co", "young"],
            "error: talk 'young' version 1.0 is a draft; pass --draft to build it anyway "
            "(every slide will say DRAFT)\n",
        ),
    ):
        result = runner.invoke(cli, ["batch", "mini", "-L", str(cached_lib), "-o", out, *args])
        assert (result.exit_code, result.stderr) == (2 if "--lang" in args else 1, message)
