"""QR codes for helpline web addresses, made once and remembered.

segno encodes in about 10 ms a code; the same few helplines recur in every deck, so codes are
kept for the process, and :mod:`talkdeck.deck.cache` keeps them between runs with the decks.
"""

from __future__ import annotations

import io

COLOUR = "#1B2A41"  # the template's text colour
_made: dict[str, bytes] = {}


def target(url: str) -> str:
    """What the code opens: the address with a scheme (phones want one)."""
    return url if "://" in url else f"https://{url}"


def png(url: str) -> bytes:
    """The QR code for ``url`` as PNG bytes (deterministic)."""
    if url not in _made:
        import segno

        buf = io.BytesIO()
        segno.make(target(url), error="m").save(buf, kind="png", scale=10, border=2, dark=COLOUR)
        _made[url] = buf.getvalue()
    return _made[url]


def remember(url: str, data: bytes) -> None:
    """Take a code made by an earlier run (see talkdeck.deck.cache)."""
    _made.setdefault(url, data)
