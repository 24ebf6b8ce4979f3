"""The template's text boxes as the code names them: placeholder indexes, what messages call each
box, the smallest size each may shrink to, and where a card's picture and QR code sit.

The template tool (``tools/make_template.py``) draws its layouts around these numbers; the
renderer and the fit find boxes by them. Imports nothing.
"""

from __future__ import annotations

# Placeholder indexes of the template (idx 20 is the slide number, placed by the renderer).
TITLE, BODY, NUMBER, CLAIM, SOURCE = 0, 1, 10, 11, 12
SLIDE_NUMBER = 20
CARDS = (13, 14, 15, 16, 17, 18)
"""Card text boxes: a tip, a rule, a scenario, a helpline's name and what it is for."""
CARD_NUMBERS = (21, 22, 23, 24)
"""A helpline card's number, beside its QR code (or the picture in its place)."""
CARD_NUMBERS_WIDE = (25, 26, 27, 28)
"""A helpline card's number when the card has neither a QR code nor a picture: the card's
full width."""
PICTURE = 30
"""The picture placeholder: where the slide's picture goes (it is replaced by the picture)."""
BOX_NAMES = {
    TITLE: "title",
    BODY: "body",
    NUMBER: "number",
    CLAIM: "claim",
    SOURCE: "source",
    **{idx: f"card {k}" for k, idx in enumerate(CARDS, start=1)},
    **{idx: f"card {k} number" for k, idx in enumerate(CARD_NUMBERS, start=1)},
    **{idx: f"card {k} number" for k, idx in enumerate(CARD_NUMBERS_WIDE, start=1)},
}
"""How messages name a box (a subtitle placeholder is called "subtitle" whatever its idx)."""
FLOORS = {
    "title": 28.0,
    "body": 20.0,
    "subtitle": 20.0,
    "number": 60.0,
    "claim": 24.0,
    "source": 18.0,
    **{f"card {k}": 18.0 for k in range(1, len(CARDS) + 1)},
    **{f"card {k} number": 40.0 for k in range(1, len(CARD_NUMBERS) + 1)},
}
"""Smallest size, in points, each box may shrink to: still readable from the back of a class.
A helpline number never goes under 40 pt and never wraps: past that the build refuses."""

EMU_PER_INCH = 914400
ICON = int(0.9 * EMU_PER_INCH)
"""A card's picture: a square this size, ``ICON_PAD`` from the card's left (or top) edge."""
ICON_PAD = int(0.2 * EMU_PER_INCH)
QR_SIZE = int(1.15 * EMU_PER_INCH)
"""A helpline card's QR code (or its picture), at the card's right end, ``QR_PAD`` from its
edges, smaller when the card is not tall enough."""
QR_PAD = round(0.1 * EMU_PER_INCH)

# Helpline rows: one card per service, as tall as the slide's number of cards allows. The
# template tool draws them from these numbers, and the tailor measures a page's cards with them
# (:func:`talkdeck.deck.boxes.helpline_spec`) to put as many on a slide as fit.
HELP_TOP, HELP_BOTTOM, HELP_GAP = round(1.75 * EMU_PER_INCH), round(6.8 * EMU_PER_INCH), 91440
HELP_TEXT_W = round(6.5 * EMU_PER_INCH)
"""The width of a card's name and what it is for (its number and code sit to the right)."""
HELP_INSET_X, HELP_INSET_Y = round(0.25 * EMU_PER_INCH), round(0.06 * EMU_PER_INCH)
HELP_SIZES = {1: (32, 26, 24), 2: (28, 24, 22), 3: (24, 20, 20), 4: (24, 20, 20)}
"""Point sizes of a card's name, what the service is for, and its other ways and hours, by the
number of cards on the slide: fewer, taller cards get larger text (the fit shrinks it to 18 pt
at most, and a slide holds only as many cards as fit)."""
HELP_BEFORE = (0, 2, 0)
"""Points of space before each of those paragraphs."""


def help_row_height(cards: int) -> int:
    """The height of each card of a helpline slide with this many cards, in EMU."""
    return (HELP_BOTTOM - HELP_TOP - (cards - 1) * HELP_GAP) // cards
