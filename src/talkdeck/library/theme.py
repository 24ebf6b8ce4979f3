"""The library's theme (assets/theme.yaml): colours and fonts every deck is built with.

The file is optional: without it the defaults below, which the shipped template is made from,
apply. The theme reaches the renderer as a plain dict (:meth:`Theme.flat`), so a rebuild from
the cache needs neither YAML nor pydantic; the renderer writes it into the template's theme part
(:mod:`talkdeck.deck.palette`), and layouts refer to theme colours only.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from talkdeck.library.model.base import Strict as _Strict

HEX = r"^[0-9A-Fa-f]{6}$"


def _quoted(value: object) -> object:
    # YAML reads 000000 as the number 0 and 1E5 as 100000.0: the colour as written is lost.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError('write colours in quotes, e.g. "1B2A41" (unquoted, YAML read a number)')
    return value


Colour = Annotated[str, BeforeValidator(_quoted)]


class Colours(_Strict):
    """Named colours, RRGGBB. Each text colour is checked against the background it sits on."""

    text: Colour = Field("2B2340", pattern=HEX)
    """Text on light slides."""
    background: Colour = Field("FFF8F0", pattern=HEX)
    """Background of light slides."""
    dark: Colour = Field("3B2F63", pattern=HEX)
    """Background of the title, section and closing slides."""
    on_dark: Colour = Field("FFFFFF", pattern=HEX)
    """Titles and text on dark slides."""
    accent: Colour = Field("B93A22", pattern=HEX)
    """Bullets, the statistic's number and the accent bar on light slides."""
    muted: Colour = Field("5B5270", pattern=HEX)
    """Sources and slide numbers on light slides."""
    soft_on_dark: Colour = Field("EDE7F6", pattern=HEX)
    """Subtitles on dark slides."""
    muted_on_dark: Colour = Field("EDE7F6", pattern=HEX)
    """Slide numbers on dark slides."""
    accent_on_dark: Colour = Field("FFD166", pattern=HEX)
    """The accent bar on dark slides."""
    link: Colour = Field("1D5FA8", pattern=HEX)
    """Web addresses."""
    draft_text: Colour = Field("FFFFFF", pattern=HEX)
    """The DRAFT label's text."""
    draft_fill: Colour = Field("B91C1C", pattern=HEX)
    """The DRAFT label's badge."""


MeasuredFont = Literal["Calibri", "Carlito"]
"""Fonts talkdeck can measure text in (Carlito ships with it; Calibri has the same metrics)."""


class Fonts(_Strict):
    heading: MeasuredFont = "Calibri"
    """Slide titles."""
    body: MeasuredFont = "Calibri"
    """Everything else."""


class Theme(_Strict):
    """assets/theme.yaml."""

    colours: Colours = Colours()
    """Named colours of the slides."""
    fonts: Fonts = Fonts()
    """Fonts of titles and text; text is fitted with their metrics."""

    def flat(self) -> dict[str, str]:
        """Colours by name (upper-case hex) plus ``font:heading`` and ``font:body``."""
        out = {name: value.upper() for name, value in self.colours.model_dump().items()}
        out.update({f"font:{name}": value for name, value in self.fonts.model_dump().items()})
        return out
