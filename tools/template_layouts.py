"""The design of talkdeck's template: palette, geometry and a layout for each slide kind.

Which layouts exist and which placeholders (by idx) each has come from
``talkdeck.deck.kinds.KINDS``; this module draws them, as one set: warm colours on cream, dark
plum for the opening, section and closing slides, large text (body 24-28 pt, nothing under
18 pt), a picture frame on every slide that shows one picture, coloured cards for rules, tips,
scenarios and the recap, and a row card per helpline. Every text colour reaches WCAG AA on its
background (4.5:1; the numbers are in the comments). ``tools/make_template.py`` writes the file.
"""

from __future__ import annotations

from dataclasses import dataclass

from talkdeck.deck.kinds import (
    BODY,
    CARD_NUMBERS,
    CARD_NUMBERS_WIDE,
    CARDS,
    CLAIM,
    ICON,
    ICON_PAD,
    NUMBER,
    PICTURE,
    QR_SIZE,
    SLIDE_NUMBER,
    SOURCE,
    TITLE,
)
from talkdeck.deck.placeholders import (
    HELP_BEFORE,
    HELP_GAP,
    HELP_INSET_X,
    HELP_INSET_Y,
    HELP_SIZES,
    HELP_TEXT_W,
    HELP_TOP,
    QR_PAD,
    help_row_height,
)

IN = 914400  # EMU per inch


def inch(value: float) -> int:
    return round(value * IN)


SLIDE_W = 12192000
SLIDE_H = 6858000
MARGIN = inch(0.6)
CONTENT_W = SLIDE_W - 2 * MARGIN
DARK_MARGIN = inch(0.9)
INSET_X = 91440  # default left/right text inset (0.1 in)
INSET_Y = 45720  # default top/bottom text inset (0.05 in)

# --- palette -----------------------------------------------------------------------------------
# Text and background colours are theme slots, filled from the library's assets/theme.yaml (see
# talkdeck.deck.palette.SLOTS), so a coordinator recolours every deck there. The card fills and
# the helpline numbers' teal are the template's own; `talkdeck lint` checks every pair (WCAG AA):
# the theme's text on every card fill is >= 12:1, the teal on a white card 7.2:1.
C_TEXT = '<a:schemeClr val="tx1"/>'  # text
C_WHITE = '<a:schemeClr val="bg1"/>'  # on_dark
C_ACCENT = '<a:schemeClr val="accent1"/>'  # accent
C_MUTED = '<a:schemeClr val="accent2"/>'  # muted
C_LIGHT = '<a:schemeClr val="accent3"/>'  # soft_on_dark
C_MUTED_DARK = '<a:schemeClr val="accent4"/>'  # muted_on_dark
C_ACCENT_DARK = '<a:schemeClr val="accent5"/>'  # accent_on_dark
TEAL = "0B6161"
C_TEAL = f'<a:srgbClr val="{TEAL}"/>'
CARD_FILLS = ("FFF0C2", "DDF4EA", "FFE3D8", "E0EEFF", "EEE6FA", "F6EBDD")
CARD_LINE = "E6D6C3"


@dataclass(frozen=True)
class Box:
    """Position and size of a shape, in EMU."""

    x: int
    y: int
    cx: int
    cy: int

    def xml(self) -> str:
        return (
            f'<a:xfrm><a:off x="{self.x}" y="{self.y}"/>'
            f'<a:ext cx="{self.cx}" cy="{self.cy}"/></a:xfrm>'
        )


@dataclass(frozen=True)
class Placeholder:
    """One placeholder of a slide layout."""

    ph_type: str
    idx: int
    box: Box
    name: str
    prompt: tuple[str, ...] = ()
    levels: str = ""  # inner XML of a:lstStyle
    anchor: str = "t"
    sz: str = ""  # p:ph/@sz
    fill: str = ""  # hex colour: a card
    line: str = ""  # hex colour of the card's outline
    geom: str = "rect"
    insets: tuple[int, int, int, int] = (INSET_X, INSET_Y, INSET_X, INSET_Y)
    wrap: bool = True


@dataclass(frozen=True)
class Layout:
    """One slide layout: name, OOXML layout type, background and shapes."""

    name: str
    layout_type: str
    dark: bool
    placeholders: tuple[Placeholder, ...]
    bar: Box


# --- text styles ---------------------------------------------------------------------------------

BODY_INDENT = inch(0.4)
BULLET = "\u2022"


def lvl(
    n: int,
    *,
    size: int,
    color: str = C_TEXT,
    bold: bool = False,
    italic: bool = False,
    bullet: str | None = None,
    bullet_color: str = C_ACCENT,
    mar_l: int = 0,
    indent: int = 0,
    line_pct: int = 100,
    before_pt: float = 0,
    align: str = "l",
    major: bool = False,
) -> str:
    """An ``a:lvlNpPr`` element (size in points)."""
    font = "mj" if major else "mn"
    if bullet is None:
        bullet_xml = "<a:buNone/>"
    else:
        bullet_xml = (
            f"<a:buClr>{bullet_color}</a:buClr>"
            '<a:buFont typeface="Arial" panose="020B0604020202020204" '
            'pitchFamily="34" charset="0"/>'
            f'<a:buChar char="{bullet}"/>'
        )
    attrs = f'sz="{size * 100}"' + (' b="1"' if bold else "") + (' i="1"' if italic else "")
    return (
        f'<a:lvl{n}pPr marL="{mar_l}" indent="{indent}" algn="{align}" '
        'defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">'
        f'<a:lnSpc><a:spcPct val="{line_pct * 1000}"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{int(before_pt * 100)}"/></a:spcBef>'
        f"{bullet_xml}"
        f'<a:defRPr {attrs} kern="1200"><a:solidFill>{color}</a:solidFill>'
        f'<a:latin typeface="+{font}-lt"/><a:ea typeface="+{font}-ea"/>'
        f'<a:cs typeface="+{font}-cs"/></a:defRPr></a:lvl{n}pPr>'
    )


def body_levels(color: str = C_TEXT, bullet_color: str = C_ACCENT) -> str:
    """Bulleted body levels 1-9: 28 pt, then 24 pt (never smaller)."""
    return "".join(
        lvl(
            n,
            size=28 if n == 1 else 24,
            color=color,
            bullet=BULLET,
            bullet_color=bullet_color,
            mar_l=BODY_INDENT * n,
            indent=-BODY_INDENT,
            line_pct=105,
            before_pt=12 if n == 1 else 4,
        )
        for n in range(1, 10)
    )


def plain_levels(
    size: int,
    color: str = C_TEXT,
    second: int = 24,
    before_pt: float = 6,
    bold_first: bool = False,
    align: str = "l",
    line_pct: int = 100,
) -> str:
    """Unbulleted levels 1-3 (cards, subtitles, statements)."""
    return "".join(
        lvl(
            n,
            size=size if n == 1 else second,
            color=color,
            before_pt=before_pt if n > 1 else 0,
            bold=bold_first and n == 1,
            align=align,
            line_pct=line_pct,
        )
        for n in range(1, 4)
    )


def title_level(size: int, color: str = C_TEXT) -> str:
    return lvl(1, size=size, color=color, bold=True, line_pct=90, major=True)


# --- shared geometry -----------------------------------------------------------------------------

TITLE_BOX = Box(MARGIN, inch(0.3), CONTENT_W, inch(1.15))
BAR_BOX = Box(MARGIN + INSET_X, inch(1.52), inch(1.2), inch(0.07))
BODY_TOP = inch(1.8)
BODY_BOTTOM = inch(6.85)
BODY_BOX = Box(MARGIN, BODY_TOP, CONTENT_W, BODY_BOTTOM - BODY_TOP)
SLDNUM_BOX = Box(SLIDE_W - MARGIN - inch(2), inch(6.88), inch(2), inch(0.45))
TEXT_W = inch(8.35)  # text beside a picture
PICTURE_BOX = Box(inch(9.2), inch(2.0), inch(3.5), inch(3.5))
DARK_W = inch(7.9)
INTRO_BOX = Box(MARGIN, inch(1.62), CONTENT_W, inch(0.62))  # one line under a card slide's title
CARDS_TOP, CARDS_BOTTOM = inch(2.32), inch(6.8)
GAP = inch(0.2)


def title(box: Box = TITLE_BOX, levels: str = "") -> Placeholder:
    return Placeholder(
        "title", TITLE, box, "Title", ("Slide title",), levels or title_level(40), anchor="b"
    )


def body(
    box: Box = BODY_BOX, levels: str = "", prompt: tuple[str, ...] = (), anchor: str = "t"
) -> Placeholder:
    prompt = prompt or ("First-level point", "Second-level point")
    return Placeholder("body", BODY, box, "Text", prompt, levels, anchor=anchor)


def picture(box: Box = PICTURE_BOX, dark: bool = False) -> Placeholder:
    """The frame the slide's picture fills (its prompt readable on the slide's background)."""
    return Placeholder(
        "pic",
        PICTURE,
        box,
        "Picture",
        ("Picture",),
        plain_levels(18, C_LIGHT if dark else C_MUTED, second=18),
    )


def sldnum(dark: bool) -> Placeholder:
    levels = lvl(1, size=18, color=C_MUTED_DARK if dark else C_MUTED, align="r")
    return Placeholder(
        "sldNum", SLIDE_NUMBER, SLDNUM_BOX, "Slide Number", (), levels, "ctr", "quarter"
    )


def dark_bar(y: int) -> Box:
    return Box(DARK_MARGIN + INSET_X, y, inch(1.5), inch(0.08))


def _grid(cols: int, rows: int) -> list[Box]:
    width = (CONTENT_W - (cols - 1) * GAP) // cols
    height = (CARDS_BOTTOM - CARDS_TOP - (rows - 1) * GAP) // rows
    return [
        Box(MARGIN + c * (width + GAP), CARDS_TOP + r * (height + GAP), width, height)
        for r in range(rows)
        for c in range(cols)
    ]


def _cards(cols: int, rows: int, icons: str = "left", size: int = 24) -> tuple[Placeholder, ...]:
    """Rounded cards in a grid, each with room for its picture (left of the text or above)."""
    pad = inch(0.15)
    if icons == "top":
        insets = (pad, ICON_PAD + ICON + inch(0.1), pad, pad)
    else:
        insets = (ICON_PAD + ICON + pad, pad, pad, pad)
    return tuple(
        Placeholder(
            "body",
            idx,
            box,
            f"Card {k + 1}",
            ("A card",),
            plain_levels(size, line_pct=95),
            anchor="t" if icons == "top" else "ctr",
            fill=CARD_FILLS[k % len(CARD_FILLS)],
            geom="roundRect",
            insets=insets,
        )
        for k, (idx, box) in enumerate(zip(CARDS, _grid(cols, rows), strict=False))
    )


def _intro() -> Placeholder:
    return body(INTRO_BOX, plain_levels(24), ("One line about the cards",), anchor="ctr")


def _card_layout(name: str, cols: int, rows: int, icons: str = "left") -> Layout:
    return Layout(
        name, "cust", False, (title(), _intro(), *_cards(cols, rows, icons), sldnum(False)), BAR_BOX
    )


# --- helpline rows ------------------------------------------------------------------------------
# Geometry and sizes come from talkdeck.deck.placeholders (HELP_*): the tailor measures cards
# with the same numbers to decide how many a slide holds.

NUMBER_X = MARGIN + HELP_TEXT_W + inch(0.1)
NUMBER_SIZES = {1: 60, 2: 54, 3: 44, 4: 44}
"""A number's size by the cards on the slide; a long one shrinks to fit, never under 40 pt."""


def _helpline(n: int) -> Layout:
    """A row card per service, as tall as ``n`` rows allow; the number, then the QR code or the
    picture of the kind of help, on the right."""
    height = help_row_height(n)
    rows = [Box(MARGIN, HELP_TOP + k * (height + HELP_GAP), CONTENT_W, height) for k in range(n)]
    name, what, ways = HELP_SIZES[n]
    cards = [
        Placeholder(
            "body",
            CARDS[k],
            row,
            f"Helpline {k + 1}",
            ("Service name", "What it is for"),
            lvl(1, size=name, bold=True, before_pt=HELP_BEFORE[0])
            + lvl(2, size=what, before_pt=HELP_BEFORE[1])
            + lvl(3, size=ways, before_pt=HELP_BEFORE[2]),
            anchor="ctr",
            fill="FFFFFF",
            line=CARD_LINE,
            geom="roundRect",
            insets=(HELP_INSET_X, HELP_INSET_Y, CONTENT_W - HELP_TEXT_W, HELP_INSET_Y),
        )
        for k, row in enumerate(rows)
    ]
    number = lvl(1, size=NUMBER_SIZES[n], color=C_TEAL, bold=True)
    beside = CONTENT_W - HELP_TEXT_W - inch(0.1) - QR_PAD - QR_SIZE - inch(0.1)
    wide = CONTENT_W - HELP_TEXT_W - inch(0.1) - inch(0.2)
    numbers = [
        Placeholder(
            "body",
            idx,
            Box(NUMBER_X, row.y, width, row.cy),
            f"Number {k + 1}",
            ("0800 000 000",),
            number,
            anchor="ctr",
            wrap=False,
        )
        for k, row in enumerate(rows)
        for idx, width in ((CARD_NUMBERS[k], beside), (CARD_NUMBERS_WIDE[k], wide))
    ]
    return Layout(
        f"Helpline {n}", "cust", False, (title(), *cards, *numbers, sldnum(False)), BAR_BOX
    )


# --- the layouts ----------------------------------------------------------------------------------


def _text_layout(name: str, width: int = TEXT_W, frame: Box = PICTURE_BOX) -> Layout:
    """Title, bullets on the left two thirds, the slide's picture on the right."""
    return Layout(
        name,
        "cust",
        False,
        (
            title(),
            body(Box(MARGIN, BODY_TOP, width, BODY_BOTTOM - BODY_TOP), body_levels()),
            picture(frame),
            sldnum(False),
        ),
        BAR_BOX,
    )


DESIGNS: tuple[Layout, ...] = (
    Layout(
        "Title",
        "title",
        True,
        (
            Placeholder(
                "ctrTitle",
                TITLE,
                Box(DARK_MARGIN, inch(0.95), DARK_W, inch(2.5)),
                "Title",
                ("Talk title",),
                title_level(48, C_WHITE),
                anchor="b",
            ),
            Placeholder(
                "subTitle",
                BODY,
                Box(DARK_MARGIN, inch(3.85), DARK_W, inch(2.95)),
                "Subtitle",
                ("Subtitle", "School", "Presenter", "Date"),
                plain_levels(28, C_LIGHT, second=24),
            ),
            picture(Box(inch(9.3), inch(1.9), inch(3.3), inch(3.3)), dark=True),
        ),
        dark_bar(inch(3.62)),
    ),
    Layout(
        "Section",
        "secHead",
        True,
        (
            title(Box(DARK_MARGIN, inch(1.3), DARK_W, inch(2.1)), title_level(44, C_WHITE)),
            body(
                Box(DARK_MARGIN, inch(3.75), DARK_W, inch(2.4)),
                plain_levels(28, C_LIGHT),
                ("One or two short lines",),
            ),
            picture(Box(inch(9.3), inch(1.9), inch(3.3), inch(3.3)), dark=True),
            sldnum(True),
        ),
        dark_bar(inch(3.55)),
    ),
    _text_layout("Bullets"),
    Layout(
        "Statistic",
        "cust",
        False,
        (
            title(levels=title_level(36)),
            Placeholder(
                "body",
                NUMBER,
                Box(MARGIN, inch(1.72), TEXT_W, inch(1.95)),
                "Number",
                ("1 in 4",),
                lvl(1, size=100, color=C_ACCENT, bold=True, line_pct=90),
                anchor="b",
            ),
            Placeholder(
                "body",
                CLAIM,
                Box(MARGIN, inch(3.75), TEXT_W, inch(2.3)),
                "Claim",
                ("What the number means, in one or two plain sentences",),
                plain_levels(30, line_pct=100),
            ),
            Placeholder(
                "body",
                SOURCE,
                Box(MARGIN, inch(6.12), inch(10.0), inch(0.7)),
                "Source",
                ("Source: organisation, year – publication",),
                lvl(1, size=18, color=C_MUTED, italic=True),
                anchor="b",
            ),
            picture(Box(inch(9.2), inch(1.8), inch(3.5), inch(3.5))),
            sldnum(False),
        ),
        BAR_BOX,
    ),
    Layout(
        "Statement",
        "cust",
        False,
        (
            title(levels=title_level(36)),
            body(
                Box(MARGIN, inch(1.85), TEXT_W, inch(4.2)),
                plain_levels(34, second=28),
                ("One idea, in a sentence or two",),
                anchor="ctr",
            ),
            Placeholder(
                "body",
                SOURCE,
                Box(MARGIN, inch(6.12), inch(10.0), inch(0.7)),
                "Source",
                ("Source: organisation, year – publication",),
                lvl(1, size=18, color=C_MUTED, italic=True),
                anchor="b",
            ),
            picture(Box(inch(9.2), inch(1.8), inch(3.5), inch(3.5))),
            sldnum(False),
        ),
        BAR_BOX,
    ),
    # Tips and scenarios: the cards a slide has share the whole area (two tips: two tall cards).
    *(_card_layout(f"Tips {n}", *((1, 1), (2, 1), (3, 1), (2, 2))[n - 1]) for n in range(1, 5)),
    *(_helpline(n) for n in range(1, len(CARD_NUMBERS) + 1)),
    _text_layout("Law"),
    # Local facts and organisations run long: more width for the text, a smaller picture.
    _text_layout("Local", inch(10.1), Box(inch(10.95), inch(1.95), inch(1.75), inch(1.75))),
    *(_card_layout(f"Activity {n}", n, 1, icons="top") for n in range(1, 4)),
    _card_layout("Rules", 3, 2),
    _card_layout("Recap", 3, 2),
    Layout(
        "Closing",
        "cust",
        True,
        (
            title(Box(DARK_MARGIN, inch(0.6), DARK_W, inch(1.75)), title_level(44, C_WHITE)),
            body(
                Box(DARK_MARGIN, inch(2.75), DARK_W, inch(4.05)),
                lvl(1, size=28, color=C_WHITE, before_pt=10)
                + "".join(
                    lvl(
                        n,
                        size=24,
                        color=C_WHITE,
                        bullet=BULLET,
                        bullet_color=C_ACCENT_DARK,
                        mar_l=BODY_INDENT * (n - 1),
                        indent=-BODY_INDENT,
                        before_pt=6,
                    )
                    for n in (2, 3)
                ),
                ("Closing message", "Where to get help"),
            ),
            picture(Box(inch(9.4), inch(2.3), inch(3.1), inch(3.1)), dark=True),
            sldnum(True),
        ),
        dark_bar(inch(2.5)),
    ),
)
