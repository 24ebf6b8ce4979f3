"""WCAG 2 contrast between two sRGB colours, and the AA thresholds for slide text.

Pure arithmetic (no imports beyond the standard library): used by render for its own labels and
by lint for every text/background pair of the theme.
"""

from __future__ import annotations

AA_NORMAL = 4.5
AA_LARGE = 3.0
"""Large text: at least 18 pt, or 14 pt bold (WCAG 2.x). The brief asks for 24 pt bold on
slides; :func:`required` takes the stricter reading of both."""


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    """Relative luminance of ``RRGGBB`` (0 for black, 1 for white)."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def ratio(fore: str, back: str) -> float:
    """Contrast ratio, 1 to 21, of two ``RRGGBB`` colours (order does not matter)."""
    high, low = sorted((luminance(fore), luminance(back)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def required(size_pt: float, bold: bool) -> float:
    """The AA minimum for text of this size: 3:1 only for text of 24 pt bold or more."""
    return AA_LARGE if bold and size_pt >= 24 else AA_NORMAL
