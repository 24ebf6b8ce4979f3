"""What every library model shares: strict, frozen models whose field docstrings become the
editor schema's descriptions, and the id and language-code patterns files use.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

ID_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LANG_CODE = r"^[a-z]{2}$"
"""An ISO 639-1 language code; which ones exist is library data (languages.yaml)."""


def quoted_version(value: object) -> object:
    # YAML reads `version: 1.10` as the number 1.1 and `010` as 8: the text as written is lost
    # by then, so a number is refused rather than silently stamped as another version.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(
            f"YAML reads this unquoted version as the number {value!r}; write it "
            'in quotes, e.g. version: "1.10"'
        )
    return value


def field_docs(cls: type, schema: dict[str, Any]) -> None:
    """Give each property of ``cls``'s JSON Schema the docstring written under its field.

    Run only when a schema is generated: pydantic's use_attribute_docstrings reads every
    class's source at import, which cost every build about 0.1 s.
    """
    import ast
    import inspect

    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if not issubclass(klass, BaseModel) or klass is BaseModel:
            continue
        body = ast.parse(inspect.cleandoc("\n" + inspect.getsource(klass))).body[0]
        assert isinstance(body, ast.ClassDef)
        for field, doc in zip(body.body, body.body[1:], strict=False):
            if (
                isinstance(field, ast.AnnAssign)
                and isinstance(field.target, ast.Name)
                and isinstance(doc, ast.Expr)
                and isinstance(doc.value, ast.Constant)
                and isinstance(doc.value.value, str)
            ):
                docs[field.target.id] = inspect.cleandoc(doc.value.value)
    for name, spec in schema.get("properties", {}).items():
        if name in docs:
            spec["description"] = docs[name]


class Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra=lambda schema, cls: field_docs(cls, schema),
    )


Reader = Literal["everyone", "pupils", "adults"]
"""Who may see an entry: everyone, pupils' decks only, or adults only (parents' decks, guides)."""
