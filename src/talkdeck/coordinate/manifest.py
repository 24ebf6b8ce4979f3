"""manifest.json: what a batch's output folder holds, sorted, with no timestamps.

A batch into a folder that already holds decks from an earlier batch keeps the earlier entries
of the decks it did not rebuild, as long as each file is still there with the bytes the entry
vouches for (its sha256): the manifest describes the folder, not only the last run. The old
manifest is read as untrusted input: a damaged one is ignored with a warning.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from talkdeck import __version__
from talkdeck.deck.write import write_atomic
from talkdeck.library.files import feed_regular, read_regular

MANIFEST = "manifest.json"
MAX_MANIFEST = 20_000_000  # bytes; ten thousand decks take about 4 MB
MAX_DECK = 200_000_000  # bytes read to hash an earlier deck; a batch deck is about 1 MB

DECK_FIELDS: dict[str, type] = {
    "file": str,
    "talk": str,
    "version": str,
    "age": int,
    "region": str,
    "language": str,
    "fingerprint": str,
    "sha256": str,
    "slides": int,
}
FAILED_FIELDS: dict[str, type] = {
    "file": str,
    "talk": str,
    "age": int,
    "region": str,
    "language": str,
    "error": str,
}


KINDS = {int: "a whole number", str: "a string"}


class Damaged(ValueError):
    """The earlier manifest is not one talkdeck wrote; the reason says why."""


def _entries(manifest: Any, key: str, fields: dict[str, type]) -> list[dict[str, Any]]:
    found = manifest.get(key, [])
    if not isinstance(found, list):
        raise Damaged(f"'{key}' is not a list")
    for number, entry in enumerate(found, start=1):
        if not isinstance(entry, dict) or set(entry) != set(fields):
            raise Damaged(f"{key} entry {number} does not have the fields talkdeck writes")
        for name, kind in fields.items():
            value = entry[name]
            if not isinstance(value, kind) or isinstance(value, bool):
                raise Damaged(f"{key} entry {number}: '{name}' is not {KINDS[kind]}")
        name = entry["file"]
        if Path(name).name != name or name in ("", ".", "..", MANIFEST):
            raise Damaged(f"{key} entry {number}: '{name[:60]}' is not a file name")
    return found


def read_earlier(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The decks and failures an earlier manifest lists (none when there is no manifest).
    Raises Damaged when it cannot be read as the manifest talkdeck writes."""
    if not (path.exists() or path.is_symlink()):
        return [], []
    try:
        manifest = json.loads(read_regular(path, MAX_MANIFEST).decode("utf-8"))
    except OSError as exc:
        raise Damaged(exc.strerror or str(exc)) from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise Damaged("not JSON") from None
    if not isinstance(manifest, dict):
        raise Damaged("not a JSON object")
    return _entries(manifest, "decks", DECK_FIELDS), _entries(manifest, "failed", FAILED_FIELDS)


def _unchanged(folder: Path, entry: dict[str, Any]) -> bool:
    """Whether the entry's file is still in the folder with the bytes it was listed with."""
    digest = hashlib.sha256()
    try:
        feed_regular(folder / entry["file"], digest.update, MAX_DECK)
    except OSError:  # gone, replaced by a folder or a FIFO, unreadable, too large
        return False
    return bool(digest.hexdigest() == entry["sha256"])


def write_manifest(
    path: Path,
    decks: Iterable[dict[str, Any]],
    failed: Iterable[dict[str, Any]],
    tried: Iterable[str],
    warn: Callable[[str], None] = lambda _: None,
) -> None:
    """Write manifest.json for this run's ``decks`` and ``failed`` entries plus the earlier
    manifest's entries of files this run did not try (``tried``: file names) that still hold
    what they were listed with. Sorted by file name, deterministic. Side effect: writes it."""
    this_run = set(tried)
    try:
        old_decks, old_failed = read_earlier(path)
    except Damaged as exc:
        warn(f"{path}: ignored the earlier manifest ({exc}); it now lists this run's decks only")
        old_decks, old_failed = [], []
    kept = [e for e in old_decks if e["file"] not in this_run and _unchanged(path.parent, e)]
    listed = {e["file"] for e in kept}
    # an earlier failure stays listed until a run builds that deck (no deck holds its name)
    still_failed = [
        e
        for e in old_failed
        if e["file"] not in this_run
        and e["file"] not in listed
        and not (path.parent / e["file"]).exists()
    ]
    manifest = {
        "tool": f"talkdeck {__version__}",
        "decks": _by_file([*decks, *kept]),
        "failed": _by_file([*failed, *still_failed]),
    }
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    write_atomic(path, text.encode())


def _by_file(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per file (the first given wins: this run's), sorted by file name."""
    seen: dict[str, dict[str, Any]] = {}
    for entry in entries:
        seen.setdefault(entry["file"], entry)
    return [seen[name] for name in sorted(seen)]
