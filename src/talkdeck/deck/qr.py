"""QR codes for helpline web addresses.

segno encodes in a few milliseconds a code; the same few helplines recur in every deck, so a
workspace's memo keeps the codes (:meth:`talkdeck.deck.memo.Memo.qr_png`), and
:mod:`talkdeck.deck.cache` keeps them between runs with the decks.
"""

from __future__ import annotations

import io

from talkdeck.library.qr_capacity import target

COLOUR = "#1B2A41"  # the template's text colour


def png(url: str) -> bytes:
    """The QR code for ``url`` as PNG bytes (deterministic). Raises ValueError when the
    address is longer than a QR code holds."""
    import segno

    buf = io.BytesIO()
    segno.make(target(url), error="m").save(buf, kind="png", scale=10, border=2, dark=COLOUR)
    return buf.getvalue()
