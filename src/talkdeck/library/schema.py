"""JSON Schemas of the library's files, generated from the models that load them.

Editors (yaml-language-server and others) complete and check a file against its schema; a test
validates every shipped file against them, so the schemas never reject what the loader accepts.
A new file kind needs one line in :data:`FILE_KINDS` (and, for a new place, :func:`kind_of`).
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from pydantic import BaseModel

from talkdeck.library import locate
from talkdeck.library.languages import LanguagesFile
from talkdeck.library.model import (
    FactsFile,
    Guidance,
    PicturesFile,
    Region,
    Talk,
    TipsFile,
    Vocabulary,
    WebWords,
)
from talkdeck.library.theme import Theme

FILE_KINDS: dict[str, type[BaseModel]] = {
    "talk": Talk,
    "region": Region,
    "facts": FactsFile,
    "tips": TipsFile,
    "guidance": Guidance,
    "vocabulary": Vocabulary,
    "theme": Theme,
    "languages": LanguagesFile,
    "web": WebWords,
    "pictures": PicturesFile,
}
"""Every kind of library file, by the name ``talkdeck schema KIND`` takes."""
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a ``kind`` file (see :data:`FILE_KINDS`), field docstrings included."""
    schema = FILE_KINDS[kind].model_json_schema(mode="validation")
    return {"$schema": DIALECT, **schema, "title": f"talkdeck {kind}"}


def kind_of(rel: str | PurePosixPath) -> str | None:
    """The kind of the library file at ``rel`` (relative to the library), or None."""
    path = PurePosixPath(rel)
    by_place = {
        locate.FACTS: "facts",
        locate.TIPS: "tips",
        locate.GUIDANCE: "guidance",
        locate.VOCABULARY: "vocabulary",
        locate.THEME: "theme",
        locate.LANGUAGES: "languages",
        locate.WEB: "web",
        locate.PICTURES: "pictures",
    }
    if str(path) in by_place:
        return by_place[str(path)]
    if path.suffix != ".yaml":
        return None
    if path.parent == PurePosixPath(locate.REGIONS.as_posix()):
        return "region"
    if path.parent == PurePosixPath("talks"):
        return "talk"
    return None
