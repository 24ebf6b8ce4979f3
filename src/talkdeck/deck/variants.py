"""What one variant of a talk (age, region, language) has: the languages a deck of it can be
in, the one a request gets, and the slides it shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from talkdeck.deck.kinds import KINDS
from talkdeck.errors import TalkdeckError

if TYPE_CHECKING:  # models are only read here; importing them would pull in pydantic
    from talkdeck.library.model import Region, Slide, Talk


def deck_languages(talk: Talk, region: Region) -> list[str]:
    """Languages a deck of this talk can have in this region: the region offers them (its
    texts are checked in them) and the talk is written in them; the region's default first."""
    return [lang for lang in region.languages if lang in talk.languages]


def pick_language(talk: Talk, region: Region, lang: str | None) -> str:
    """The requested language, or the first the region offers that the talk is written in."""
    offered = deck_languages(talk, region)
    if lang and lang not in talk.languages:
        raise TalkdeckError(
            f"talk '{talk.id}' is not written in '{lang}' (it has: {', '.join(talk.languages)})"
        )
    if lang and lang not in region.languages:
        raise TalkdeckError(
            f"region {region.code} does not offer '{lang}' "
            f"(it offers: {', '.join(region.languages)})"
        )
    if not offered:
        raise TalkdeckError(
            f"talk '{talk.id}' is written in {', '.join(talk.languages)}; region "
            f"{region.code} offers none of them ({', '.join(region.languages)})"
        )
    return lang or offered[0]


def included(slide: Slide, talk: Talk, age: int, region: Region) -> bool:
    """Whether a slide appears for this age and region (law and local need content)."""
    if age not in (slide.ages or talk.ages):
        return False
    return KINDS[slide.kind].shown(region, talk.audience, age)
