"""Never lose someone's work: a file at an output path is replaced only if talkdeck wrote it and
nobody changed it since (its stamp says so), or when the user forces it.

Used by every writer (build, batch, guide, handout); `talkdeck check` reads the same stamps.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from talkdeck.deck.write import CONTENT, read_stamp, written_digest
from talkdeck.errors import TalkdeckError


class OverwriteRefused(TalkdeckError):
    """An existing file would be lost: someone's hand edits, or a file talkdeck did not write."""


def edited(path: Path, stamp: dict[str, str]) -> bool | None:
    """Whether the deck changed after talkdeck wrote it; None if its stamp cannot tell."""
    if CONTENT not in stamp:
        return None
    try:
        return written_digest(path) != stamp[CONTENT]
    except (OSError, zipfile.BadZipFile, KeyError):
        return True


def _stamp_of(path: Path) -> dict[str, str] | None:
    try:
        return read_stamp(path)
    except TalkdeckError:  # not a zip at all
        return None


def protect(path: Path, force: bool) -> None:
    """Raise OverwriteRefused unless ``path`` is absent, ``force`` is set, or the file is a
    talkdeck deck exactly as talkdeck wrote it. Side effect: reads the file."""
    if force or not path.is_file():
        return
    stamp = _stamp_of(path)
    if stamp is None:
        why = "not a talkdeck deck"
    elif (state := edited(path, stamp)) is None:
        why = "built by an older talkdeck, so hand edits cannot be ruled out"
    elif state:
        why = "changed after talkdeck built it (edited by hand?)"
    else:
        return
    raise OverwriteRefused(f"{path}: {why}; use --force to replace it or choose a different -o")
