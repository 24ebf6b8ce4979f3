"""Whether a helpline's web address fits in a QR code, and the address a code opens.

The library is checked with it (:mod:`talkdeck.library.references`), so a build never meets an
address too long to encode; the deck draws the codes (:mod:`talkdeck.deck.qr`).
"""

from __future__ import annotations


def target(url: str) -> str:
    """What the code opens: the address with a scheme (phones want one)."""
    return url if "://" in url else f"https://{url}"


def encodable(url: str) -> bool:
    """Whether ``url`` fits in a QR code (encoded, not drawn: what validation needs)."""
    import segno

    try:
        # Any fixed mask: the mask never changes the size, and choosing the best one (what a
        # drawn code needs) costs five times the encoding.
        segno.make(target(url), error="m", mask=0)
    except ValueError:  # segno's DataOverflowError
        return False
    return True
