"""The loaded library: every checked file a build needs, in one object.

Its own module so that the modules that read a library (references, tailor, lint) and the one
that loads it (:mod:`talkdeck.library.load`) do not import each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from talkdeck.errors import Problem
from talkdeck.library.languages import Language
from talkdeck.library.locate import TEMPLATE, talk_ids, talk_path
from talkdeck.library.model import Fact, Guidance, PictureEntry, Region, Source, Tip
from talkdeck.library.safe_yaml import Document
from talkdeck.library.theme import Theme


@dataclass
class Library:
    """Everything a build needs, validated. Talks are loaded on demand (see :func:`load_talk`)."""

    root: Path
    sources: dict[str, Source]
    facts: dict[str, Fact]
    tips: dict[str, Tip]
    regions: dict[str, Region]
    guidance: Guidance
    languages: dict[str, Language] = field(default_factory=dict)
    """Declared languages by code (languages.yaml)."""
    docs: dict[str, Document] = field(default_factory=dict)
    """Parsed files by shown path, so later checks can point at lines."""
    theme: Theme = field(default_factory=Theme)
    """Colours and fonts (assets/theme.yaml; the defaults when the library has none)."""
    set_aside: dict[str, list[Problem]] = field(default_factory=dict)
    """Region files left out of a lenient load (see :func:`load_library`), by file stem, with
    their problems; empty after a strict load."""
    pictures: dict[str, PictureEntry] = field(default_factory=dict)
    """The picture catalogue (pictures.yaml), by id; empty when the library has none."""
    helpline_pictures: dict[str, str] = field(default_factory=dict)
    """A picture id by channel kind, for helpline cards without a QR code (pictures.yaml)."""

    @property
    def template(self) -> Path:
        return self.root / TEMPLATE

    def talk_ids(self) -> list[str]:
        return talk_ids(self.root)

    def talk_path(self, talk: str) -> Path:
        """A talk id from the library, or a path to a YAML file."""
        return talk_path(self.root, talk)
