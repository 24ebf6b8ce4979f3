"""Presentation -> bytes on disk: stamped, reproducible and atomic.

* The stamp (talk, version, audience, fingerprint) goes in docProps/custom.xml, the standard
  custom-properties part that PowerPoint shows under File > Properties and keeps on save.
* python-pptx writes the current time into every zip entry; entries are rewritten with the talk's
  version date so the same inputs give the same bytes.
* The stamp also holds ``content``: a digest of every other part as written, so a deck changed
  after talkdeck wrote it (PowerPoint, LibreOffice, python-pptx) is told apart from an untouched
  one and is never overwritten silently (see :mod:`talkdeck.coordinate.staleness`).
* The file is written to a temporary name in the target folder and renamed into place, so an
  error never leaves a half-written deck and never touches an existing one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from talkdeck.deck.ooxml.package import add_part, package_entries
from talkdeck.errors import BuildError, TalkdeckError
from talkdeck.library.files import NotRegular, TooLarge, open_regular
from talkdeck.showable import unshowable  # noqa: F401  (re-exported)

if TYPE_CHECKING:
    from pptx.presentation import Presentation


def escape(text: str) -> str:
    # xml.sax.saxutils.escape would do, but importing it pulls in urllib and http (~15 ms).
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


CUSTOM_PART = "docProps/custom.xml"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the fixed id for user-defined properties
PREFIX = "talkdeck."
# Bounds for reading decks from elsewhere (zip sizes are checked before unpacking: zip bombs).
MAX_PART, MAX_UNPACKED = 1_000_000, 200_000_000
MAX_DECK = 500_000_000  # bytes on disk; talkdeck's decks are a few MB
CONTENT = "content"  # the stamp field holding content_digest() of the written parts


def custom_xml(props: dict[str, str]) -> bytes:
    items = "".join(
        f'<property fmtid="{FMTID}" pid="{pid}" name="{escape(PREFIX + name)}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(sorted(props.items()), start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}">{items}</Properties>'
    ).encode()


def add_stamp(prs: Presentation, props: dict[str, str]) -> None:
    """Attach the stamp as a custom-properties part. Side effect: adds a part to ``prs``."""
    add_part(prs, "/" + CUSTOM_PART, CUSTOM_CT, CUSTOM_RT, custom_xml(props))


@contextmanager
def open_deck(path: Path) -> Iterator[zipfile.ZipFile]:
    """A deck from elsewhere as a zip: only a regular file of at most MAX_DECK bytes (never a
    FIFO or /dev/zero, which would block or grow without end). Raises OSError or BadZipFile."""
    with (
        os.fdopen(open_regular(path, MAX_DECK), "rb") as handle,
        zipfile.ZipFile(handle) as archive,
    ):
        yield archive


def read_stamp(path: Path) -> dict[str, str] | None:
    """The talkdeck properties of a deck, or None if it has none. Reads only one zip entry."""
    try:
        with open_deck(path) as archive:
            if archive.getinfo(CUSTOM_PART).file_size > MAX_PART:
                return None  # a stamp is a few hundred bytes: this is no talkdeck deck
            blob = archive.read(CUSTOM_PART)
    except KeyError:
        return None
    except (NotRegular, TooLarge) as exc:
        raise TalkdeckError(f"{path}: not a PowerPoint file ({exc.strerror})") from None
    except (OSError, zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise TalkdeckError(f"{path}: not a PowerPoint file ({exc})") from None
    return _properties(blob) or None


def _properties(blob: bytes) -> dict[str, str]:
    try:
        root = ET.fromstring(blob)
    except ET.ParseError:
        return {}
    out = {}
    for prop in root.findall(f"{{{CUSTOM_NS}}}property"):
        name = prop.get("name", "")
        if name.startswith(PREFIX):
            out[name[len(PREFIX) :]] = "".join(prop.itertext())
    return out


def stamp_fields(stamp: dict[str, str]) -> dict[str, Any]:
    """Decode the JSON-valued fields of a stamp for display; one that is not JSON (edited by
    hand) is shown as written."""
    out: dict[str, Any] = {}
    for key, value in sorted(stamp.items()):
        out[key] = value
        if key == "components":
            with suppress(ValueError, RecursionError):
                out[key] = json.loads(value)
    return out


def content_digest(
    entries: Iterable[tuple[str, bytes]], stamp: dict[str, str] | None = None
) -> str:
    """sha256 over every part's name and bytes except the stamp's own part, in name order,
    then over the stamp's fields except the digest itself.

    The stamp lives inside the zip, so its part cannot cover itself; its fields are covered,
    so a forged version or age shows as an edit.
    """
    digest = hashlib.sha256()
    for name, data in sorted(entries):
        if name != CUSTOM_PART:
            digest.update(f"{name}\0{len(data)}\0".encode())
            digest.update(data)
    for key, value in sorted((stamp or {}).items()):
        if key != CONTENT:
            digest.update(f"stamp:{key}\0{len(value)}\0{value}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def written_digest(path: Path) -> str:
    """content_digest() of a deck on disk. Raises OSError or zipfile.BadZipFile."""
    with open_deck(path) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
            raise zipfile.BadZipFile("larger unpacked than any deck talkdeck writes")
        entries = [
            (info.filename, archive.read(info)) for info in archive.infolist() if not info.is_dir()
        ]
    stamp = _properties(dict(entries).get(CUSTOM_PART, b""))
    return content_digest(entries, stamp)


def reproducible(
    entries: list[tuple[str, bytes]], when: dt.date, stamp: dict[str, str] | None = None
) -> bytes:
    """Zip entries with fixed dates and attributes, in the order given.

    With ``stamp``, the stamp part is rewritten last-minute with the stamp plus the digest of
    the other parts (which must already hold it: see :func:`add_stamp`).
    """
    year = min(max(when.year, 1980), 2107)  # all a zip entry can hold
    fixed_time = (year, when.month, when.day, 0, 0, 0)
    if stamp is not None:
        if CUSTOM_PART not in dict(entries):
            raise BuildError("internal: the stamp part was not added before saving")
        sealed = custom_xml({**stamp, CONTENT: content_digest(entries, stamp)})
        entries = [(name, sealed if name == CUSTOM_PART else data) for name, data in entries]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name, data in entries:
            fixed = zipfile.ZipInfo(name, date_time=fixed_time)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 3
            dst.writestr(fixed, data, compresslevel=6)
    return out.getvalue()


def to_bytes(prs: Presentation, when: dt.date, stamp: dict[str, str] | None = None) -> bytes:
    """Serialise reproducibly; with ``stamp``, seal it with the content digest."""
    return reproducible(package_entries(prs), when, stamp)


def check_target(path: Path) -> None:
    """Fail early, with a plain message, if ``path`` cannot receive a file."""
    if path.is_dir():
        suffix = path.suffix or ".pptx"
        raise BuildError(f"{path}: is a folder; give a file name ending in {suffix}")
    parent = path.parent
    if not parent.is_dir():
        if parent.exists():
            raise BuildError(f"{path}: {parent} is a file, not a folder")
        raise BuildError(f"{path}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK):
        raise BuildError(f"{path}: folder {parent} is not writable")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename (never half a file)."""
    check_target(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise BuildError(f"{path}: cannot write: {exc.strerror}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            _lock(handle.fileno())  # held until renamed: see remove_stale_temps
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise BuildError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# A killed write leaves `.NAME.XXXXXXXX.tmp` (mkstemp's 8 random characters) beside its target.
_TEMP_NAME = re.compile(r"\.(?P<name>.+\.(?:pptx|pdf|md|json|png|html))\.[a-z0-9_]{8}\.tmp")
STALE_AFTER = 60  # seconds: a live writer's file is younger, or locked


def _lock(fd: int, wait: bool = True) -> bool:
    """flock() ``fd`` exclusively; False if another process holds it (or cannot lock here)."""
    try:
        import fcntl
    except ImportError:  # Windows: no locks; the age test alone decides
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        return False
    return True


def remove_stale_temps(folder: Path, now: float | None = None) -> list[Path]:
    """Delete talkdeck's own temporary files in ``folder`` that a killed run left behind.

    Only names :func:`write_atomic` makes, only directly in ``folder``, only regular files older
    than STALE_AFTER that no live writer holds locked. Returns what was removed.
    """
    import stat
    import time

    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        candidates = [p for p in folder.iterdir() if _TEMP_NAME.fullmatch(p.name)]
    except OSError:
        return removed
    for path in candidates:
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
        except OSError:  # gone, a symlink, unreadable: not ours to touch
            continue
        try:
            info = os.fstat(fd)
            if (
                stat.S_ISREG(info.st_mode)
                and now - info.st_mtime > STALE_AFTER
                and _lock(fd, wait=False)
            ):
                path.unlink()
                removed.append(path)
        except OSError:
            pass
        finally:
            os.close(fd)
    return removed
