"""A school's logo from an upload, checked by the same code as `talkdeck build --logo`.

:func:`talkdeck.deck.logo.logo_from_bytes` sniffs the format from the bytes, bounds the pixels,
decodes the whole picture and encodes a fresh PNG from its pixels (EXIF and anything else in
the file are dropped). Here its messages are tied to the page's logo field. Nothing is written.
"""

from __future__ import annotations

from talkdeck.deck.logo import MAX_BYTES, logo_from_bytes
from talkdeck.errors import UsageError
from talkdeck.web.catalog import from_library

__all__ = ["MAX_BYTES", "checked_logo"]


def checked_logo(data: bytes) -> bytes:
    """The logo as the deck will show it; raise FieldError('logo') if it cannot be used."""
    try:
        return logo_from_bytes(data, "logo")
    except UsageError as exc:
        raise from_library("logo", exc) from None
