"""Where the library and its talks are. Light on purpose: a cached build needs only this.

No pydantic or python-pptx here, so a rebuild from the cache starts quickly.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from talkdeck import ENV_LIBRARY
from talkdeck.errors import TalkdeckError, UsageError

TEMPLATE = Path("assets/templates/talkdeck.pptx")
FACTS = "talks/common/facts.yaml"
TIPS = "talks/common/tips.yaml"
GUIDANCE = "talks/common/guidance.yaml"
LIBRARY_FILES = (FACTS, TIPS, GUIDANCE)
REGIONS = Path("talks/regions")
FONTS = Path(__file__).resolve().parent.parent / "fonts"
"""Carlito, shipped with talkdeck: used to measure slide text and to draw guides and previews."""


def default_library() -> Path:
    """The library shipped with talkdeck: inside the wheel, or the source checkout's root."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "content"
    return packaged if packaged.is_dir() else package.parent.parent


def resolve_library(option: str | os.PathLike[str] | None) -> Path:
    """The library folder from the option, then the environment, then the shipped one."""
    chosen = option or os.environ.get(ENV_LIBRARY) or None
    root = Path(chosen).expanduser() if chosen else default_library()
    if not (root / "talks").is_dir():
        raise TalkdeckError(f"{root}: not a talkdeck library (no talks/ folder)")
    return root.resolve()


def template_digest(template: Path) -> str:
    """The template's part of a deck's stamp; `build` and `check` must compute it alike."""
    return hashlib.sha256(template.read_bytes()).hexdigest()[:16]


def region_files(root: Path) -> list[Path]:
    return sorted((root / REGIONS).glob("*.yaml"))


def talk_ids(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "talks").glob("*.yaml"))


def talk_path(root: Path, talk: str) -> Path:
    """A talk id from the library, or a path to a YAML file."""
    as_path = Path(talk)
    if as_path.suffix in (".yaml", ".yml") or os.sep in talk or "/" in talk:
        if not as_path.is_file():
            raise TalkdeckError(f"{talk}: no such talk file")
        return as_path
    path = root / "talks" / f"{talk}.yaml"
    if not path.is_file():
        known = ", ".join(talk_ids(root)) or "none"
        raise UsageError(f"unknown talk '{talk}' (known: {known})")
    return path
