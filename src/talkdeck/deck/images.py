"""Pictures from the library, scaled down in the deck to what the slide shows.

Where a picture may live and what it must be is checked with the library, before a build starts
(:mod:`talkdeck.library.assets`).
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from talkdeck.deck.placeholders import EMU_PER_INCH
from talkdeck.errors import BuildError

DPI = 220  # pixels kept per inch of slide: sharp on a classroom projector, and small


def for_slide(path: Path, box_emu: int) -> bytes:
    """The picture's bytes, scaled down to ``DPI`` pixels per inch of a square box.

    A picture already small enough is kept byte for byte, so the same file used twice is stored
    once. Scaled copies drop metadata (camera, location) along with the extra pixels.
    """
    from PIL import Image

    data = path.read_bytes()
    limit = max(1, box_emu * DPI // EMU_PER_INCH)
    out = io.BytesIO()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            img = Image.open(io.BytesIO(data))
            if max(img.size) <= limit:
                return data
            kind = img.format
            img.thumbnail((limit, limit), Image.Resampling.LANCZOS)
            if kind == "JPEG":
                img.convert("RGB").save(out, "JPEG", quality=85)
            else:
                img.save(out, "PNG")
    except Exception as exc:  # checked at load time, so only a file changed since then
        raise BuildError(f"{path}: cannot read the picture: {exc}") from exc
    return out.getvalue()
