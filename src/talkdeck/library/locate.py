"""Where the library and its talks are. Light on purpose: a cached build needs only this.

No pydantic or python-pptx here, so a rebuild from the cache starts quickly.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from talkdeck import ENV_LIBRARY
from talkdeck.errors import (
    BuildError,
    ContentError,
    Problem,
    TalkdeckError,
    UsageError,
    did_you_mean,
)
from talkdeck.library.files import feed_regular, inside, kind_of, name_problem

TEMPLATE = Path("assets/templates/talkdeck.pptx")
FACTS = "talks/common/facts.yaml"
TIPS = "talks/common/tips.yaml"
GUIDANCE = "talks/common/guidance.yaml"
LANGUAGES = "talks/common/languages.yaml"
WEB = "talks/common/web.yaml"  # the words of the `talkdeck serve` page
PICTURES = "talks/common/pictures.yaml"
"""The picture catalogue (optional): ids, files under assets/pictures/, alt texts."""
LIBRARY_FILES = (FACTS, TIPS, GUIDANCE, LANGUAGES, PICTURES)
VOCABULARY = "talks/common/vocabulary.yaml"
THEME = "assets/theme.yaml"  # the deck colours and fonts (talkdeck.library.theme)
"""Words allowed only from an age (optional: lint's vocabulary rule needs it)."""
MAX_TEMPLATE_FILE = 50_000_000  # bytes on disk; talkdeck's own template is ~0.1 MB
REGIONS = Path("talks/regions")
FONTS = Path(__file__).resolve().parent.parent / "fonts"
"""Carlito, shipped with talkdeck: used to measure slide text and to draw guides and previews."""


def default_library() -> Path:
    """The library shipped with talkdeck: inside the wheel, or the source checkout's root."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "content"
    return packaged if packaged.is_dir() else package.parent.parent


def clip(text: str, keep: int = 60) -> str:
    """A name short enough to show in a message (a 5,000-character path is not read)."""
    return text if len(text) <= keep + 20 else f"{text[:keep]}… ({len(text):,} characters)"


def here() -> Path:
    """The working folder, for default output names; it may have been deleted under us."""
    try:
        return Path.cwd()
    except OSError:
        raise BuildError(
            "the current folder no longer exists; change to another folder or "
            "give -o with a full path"
        ) from None


def resolve_library(option: str | os.PathLike[str] | None) -> Path:
    """The library folder from the option, then the environment, then the shipped one."""
    chosen = option or os.environ.get(ENV_LIBRARY) or None
    root = Path(chosen).expanduser() if chosen else default_library()
    bad = name_problem(root)
    if bad:
        raise UsageError(f"--library: {clip(str(root))}: {bad}")
    # A folder the user named (-L or the environment) is a usage error when wrong; the
    # shipped library missing is a broken install.
    error = UsageError if chosen else TalkdeckError
    try:
        if not (root / "talks").is_dir():
            raise error(f"{root}: not a talkdeck library (no talks/ folder)")
        return root.resolve()
    except OSError as exc:
        raise error(
            f"{clip(str(root))}: cannot use as the library: {exc.strerror or exc}"
        ) from None


def template_digest(template: Path) -> str:
    """The template's part of a deck's stamp; `build` and `check` must compute it alike."""
    digest = hashlib.sha256()
    feed_regular(template, digest.update, MAX_TEMPLATE_FILE)
    return digest.hexdigest()[:16]


def region_files(root: Path) -> list[Path]:
    return sorted((root / REGIONS).glob("*.yaml"))


def talk_ids(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "talks").glob("*.yaml"))


def talk_path(root: Path, talk: str) -> Path:
    """A talk id from the library, or a path to a YAML file.

    A library talk must be a regular file inside the library (a symlink out of it is refused,
    as for every library file); a file named by path is the user's choice.
    """
    as_path = Path(talk)
    bad = name_problem(talk)
    if as_path.suffix in (".yaml", ".yml") or os.sep in talk or "/" in talk:
        if bad:
            raise UsageError(f"{clip(talk)}: {bad}")
        if not as_path.exists():
            raise UsageError(f"{talk}: no such talk file")
        _must_be_regular(as_path, talk)
        return as_path
    path = root / "talks" / f"{talk}.yaml"
    if bad or not (path.exists() or path.is_symlink()):
        ids = talk_ids(root)
        hint = did_you_mean(talk, ids) if not bad else ""
        raise UsageError(f"unknown talk '{clip(talk)}' ({hint}known: {', '.join(ids) or 'none'})")
    shown = f"talks/{talk}.yaml"
    if not inside(root, path):
        raise _refused(shown, OUTSIDE)
    _must_be_regular(path, shown)
    return path


OUTSIDE = "leads outside the library (a symlink?); library files must be inside it"


def _refused(shown: str, message: str) -> ContentError:
    return ContentError([Problem(shown, 0, 0, "", message)])


def _must_be_regular(path: Path, shown: str) -> None:
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise _refused(shown, f"cannot read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(mode):
        raise _refused(shown, f"is {kind_of(mode)}, not a regular file")
