"""The library's assets/ folder: where pictures and the template may live, what they must be.

Nothing outside the library may end up in a deck that is shared with a school, so every path is
resolved (symlinks included) and must stay inside the library's assets/ folder. Pictures are
opened with Pillow when the library is checked, before a build starts
(:mod:`talkdeck.library.references`); the deck scales them (:mod:`talkdeck.deck.images`).
"""

from __future__ import annotations

import os
import re
import warnings
import zipfile
from pathlib import Path

from talkdeck.library.files import is_regular, name_problem, open_regular
from talkdeck.library.locate import TEMPLATE, clip

FORMATS = ("PNG", "JPEG", "GIF")
MAX_PIXELS = 40_000_000  # a 40-megapixel photo is plenty; Pillow's own bomb limit is 89M
MAX_TEMPLATE = 50_000_000  # unpacked; talkdeck's own is ~0.1 MB (a zip bomb is refused unread)


def inside_assets(root: Path, rel: str) -> tuple[Path | None, str | None]:
    """The resolved file for ``rel`` (relative to assets/) or why it may not be used."""
    assets = root.resolve() / "assets"  # not resolved itself: an assets/ symlink leads out
    bad = name_problem(rel)
    if bad:  # a NUL byte or a name too long: no file can have it (reported once, here)
        return None, f"image path '{clip(rel)}' cannot name a file: {bad}"
    if Path(rel).is_absolute():
        return None, f"image path '{rel}' must be relative to the library's assets/ folder"
    try:
        target = (assets / rel).resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop
        return None, f"image path '{clip(rel)}' cannot be followed: {exc}"
    if not target.is_relative_to(assets):
        return None, f"image path '{rel}' leads outside the library's assets/ folder"
    if not is_regular(target):
        return None, f"image '{rel}' does not exist in assets/"
    return target, None


def picture_problem(path: Path, rel: str) -> str | None:
    """Why ``path`` is not a picture a deck can show, or None. Reads the header and checksums."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. odd EXIF: the picture still shows
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                kind, (width, height) = img.format, img.size
                if kind not in FORMATS:
                    return f"image '{rel}' is {kind}; use PNG, JPEG or GIF"
                if width * height > MAX_PIXELS:
                    return _too_big(rel, width, height)
                img.verify()  # chunk checksums; the pixels are checked below
            with Image.open(path) as img:
                img.draft("RGB", (512, 512))  # JPEG: decode at a fraction of the size, fast
                img.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return f"image '{rel}' is too large to open safely; the limit is {MAX_PIXELS:,} pixels"
    except Image.UnidentifiedImageError:
        return f"image '{rel}' is not a picture; use PNG, JPEG or GIF"
    except Exception as exc:  # Pillow raises many types for a damaged file
        return f"image '{rel}' is damaged: {exc or type(exc).__name__}"
    return None


def _too_big(rel: str, width: int, height: int) -> str:
    return (
        f"image '{rel}' is {width}x{height} pixels; the limit is {MAX_PIXELS:,} pixels "
        "(scale it down)"
    )


def template_problem(root: Path) -> str | None:
    """Why the library's template may not be used, or None. It must be the library's own."""
    path = root / TEMPLATE
    if not path.exists() and not path.is_symlink():
        return "the slide template is missing (tools/make_template.py makes it)"
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: RuntimeError before Python 3.13
        return "the slide template cannot be followed (a symlink loop?)"
    if not target.is_relative_to(root.resolve() / "assets"):
        return "the slide template leads outside the library's assets/ folder"
    if not is_regular(path):
        return "the slide template is not a file"
    try:
        with (
            os.fdopen(open_regular(path, MAX_TEMPLATE), "rb") as handle,
            zipfile.ZipFile(handle) as archive,
        ):
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_TEMPLATE:
                return (
                    f"the slide template unpacks to {unpacked:,} bytes; the limit is "
                    f"{MAX_TEMPLATE:,}"
                )
            masters = [
                info
                for info in archive.infolist()
                if re.fullmatch(r"ppt/slideMasters/slideMaster\d+\.xml", info.filename)
            ]
            if not masters:
                return "the slide template has no slide master"
            # Text sizes are read from the master's text styles: without them nothing fits.
            if any(b"<p:txStyles" not in archive.read(info) for info in masters):
                return (
                    "the slide template's master has no text styles (<p:txStyles>); make it "
                    "again with tools/make_template.py"
                )
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return "the slide template is not a PowerPoint file"
    return None
