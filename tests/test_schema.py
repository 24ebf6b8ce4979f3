"""Editor schemas (`talkdeck schema KIND`): generated from the models, and matching every
shipped file, so an editor never flags what talkdeck accepts."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from talkdeck.cli import cli
from talkdeck.library.locate import default_library
from talkdeck.library.schema import FILE_KINDS, json_schema, kind_of

from .conftest import REPO

LIBRARY = default_library()
SHIPPED = sorted(
    p.relative_to(LIBRARY).as_posix()
    for pattern in ("talks/*.yaml", "talks/common/*.yaml", "talks/regions/*.yaml", "assets/*.yaml")
    for p in LIBRARY.glob(pattern)
)


def as_editor_sees(node: object) -> object:
    """YAML data as yaml-language-server checks it: YAML 1.2 has no date type, so an unquoted
    2018-06-16 is a string there (PyYAML reads it as a date)."""
    if isinstance(node, dict):
        return {str(k): as_editor_sees(v) for k, v in node.items()}
    if isinstance(node, list):
        return [as_editor_sees(v) for v in node]
    if isinstance(node, dt.date):
        return node.isoformat()
    return node


@pytest.fixture(scope="module")
def validators() -> dict[str, jsonschema.Draft202012Validator]:
    out = {}
    for kind in FILE_KINDS:
        schema = json_schema(kind)
        jsonschema.Draft202012Validator.check_schema(schema)
        out[kind] = jsonschema.Draft202012Validator(schema)
    return out


def test_every_shipped_file_has_a_kind() -> None:
    kinds = {rel: kind_of(rel) for rel in SHIPPED}
    assert None not in kinds.values(), kinds
    assert set(kinds.values()) == set(FILE_KINDS)


@pytest.mark.parametrize("rel", SHIPPED)
def test_shipped_file_matches_its_schema(
    rel: str, validators: dict[str, jsonschema.Draft202012Validator]
) -> None:
    kind = kind_of(rel)
    assert kind is not None
    data = as_editor_sees(yaml.safe_load((LIBRARY / rel).read_text(encoding="utf-8")))
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validators[kind].iter_errors(data)
    ]
    assert errors == []


@pytest.mark.parametrize("kind", sorted(FILE_KINDS))
def test_every_field_is_described(kind: str) -> None:
    schema = json_schema(kind)
    parts = [("", schema), *schema.get("$defs", {}).items()]
    undescribed = [
        f"{name}.{field}"
        for name, part in parts
        for field, spec in part.get("properties", {}).items()
        if not spec.get("description")
    ]
    assert undescribed == []


def test_schemas_still_reject_mistakes(
    validators: dict[str, jsonschema.Draft202012Validator],
) -> None:
    talk = as_editor_sees(yaml.safe_load((LIBRARY / "talks/grooming-awareness.yaml").read_text()))
    assert isinstance(talk, dict)
    slide = talk["slides"][0]
    assert validators["talk"].is_valid(talk)
    for broken in (
        {**talk, "colour": "red"},
        {**talk, "slides": [{**slide, "kind": "video"}]},
        {**talk, "slides": [{**slide, "bullets": [{"txt": "typo"}]}]},
        {**talk, "title": {"en": "Hi", "11-12": "mixed keys"}},
    ):
        assert not validators["talk"].is_valid(broken)


@pytest.mark.parametrize("kind", sorted(FILE_KINDS))
def test_cli_prints_each_kind(kind: str) -> None:
    result = CliRunner().invoke(cli, ["schema", kind])
    assert result.exit_code == 0
    assert json.loads(result.output)["title"] == f"talkdeck {kind}"


def test_cli_names_the_kinds_on_a_mistake() -> None:
    result = CliRunner().invoke(cli, ["schema", "slides"])
    assert result.exit_code == 2
    assert (
        "unknown file kind 'slides' (known: talk, region, facts, tips, guidance, vocabulary, "
        "theme, languages, web, pictures)"
    ) in result.output


def test_paths_are_classified() -> None:
    assert [
        kind_of(p)
        for p in (
            "talks/x.yaml",
            "talks/regions/gb.yaml",
            "talks/common/facts.yaml",
            "talks/common/other.yaml",
            "assets/x.yaml",
            "talks/x.txt",
            "assets/theme.yaml",
        )
    ] == ["talk", "region", "facts", None, None, None, "theme"]


def test_help_and_docs_name_every_kind() -> None:
    """The kinds are listed by hand where importing the models would slow `--help` down."""
    result = CliRunner().invoke(cli, ["schema", "-h"])
    help_text = " ".join(result.output.split())
    docs = " ".join((REPO / "docs" / "writing-talks.md").read_text(encoding="utf-8").split())
    for kind in FILE_KINDS:
        assert kind in help_text, kind
        assert f"`{kind}`" in docs, kind


def test_region_aliases_are_in_the_schema_and_the_docs(
    validators: dict[str, jsonschema.Draft202012Validator],
) -> None:
    aliases = json_schema("region")["properties"]["aliases"]
    assert aliases["items"]["type"] == "string"
    assert aliases["description"].startswith("Other names volunteers type for this region")
    gb = as_editor_sees(yaml.safe_load((LIBRARY / "talks/regions/gb.yaml").read_text()))
    assert isinstance(gb, dict) and gb["aliases"] == ["UK"]
    assert not validators["region"].is_valid({**gb, "aliases": "UK"})
    assert not validators["region"].is_valid({**gb, "aliases": ["U K"]})
    docs = " ".join((REPO / "docs" / "writing-talks.md").read_text(encoding="utf-8").split())
    assert "gb.yaml has `aliases: [UK]`, so `--region uk`" in docs
