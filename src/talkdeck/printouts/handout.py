"""The take-home handout for pupils or parents (one page, or two in large type): warning signs,
what to do, helplines.

Made from the tailored deck (:mod:`talkdeck.printouts.tailored`): its lines are the slides' own
words for that age, region and language. Nothing here writes files.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from talkdeck.printouts import local_help
from talkdeck.printouts.document import Block, Document, Heading, Items, Para
from talkdeck.printouts.tailored import Tailored, gathered, helplines

if TYPE_CHECKING:
    from talkdeck.deck.resolved import Deck, ResolvedSlide

# Slides and tips a handout draws on, by id; a talk without them gets the nearest fallback.
WARNING_SLIDE = "warning-signs"
ACTION_SLIDE = "what-to-do"
PARENT_SIGNS_TIP = "know-the-signs"
PARENT_TIPS = ("talk-without-blame", "never-view-image", "stay-involved", "parental-controls")
RECAP_SLIDE = "recap"
"""Its bullets are the talk's key rules, word for word as on the slides (tips.yaml `rule`)."""


def handout(td: Tailored, audience: str | None = None) -> Document:
    """A take-home sheet (one or two pages): warning signs, what to do, helplines."""
    deck, aud = td.deck, td.deck.audience
    who = audience or td.talk.audience
    lab = td.labels_for(who)
    slides = {s.id: s for s in deck.slides}
    tips = td.lib.tips
    blocks: list[Block] = []
    if who == "parents":
        title = lab["parents_title"].format(title=deck.title)
        blocks.append(Para(lab["parents_intro"]))
        signs: list[Block] = (
            [Para(td.t(tips[PARENT_SIGNS_TIP].text))]
            if PARENT_SIGNS_TIP in tips
            else _slide_lines(slides.get(WARNING_SLIDE))
        )
        helping = tuple(td.t(tips[t].text) for t in PARENT_TIPS if t in tips)
        doing: list[Block] = [Items(helping)] if helping else _slide_lines(_action(deck))
        blocks += [Heading(lab["signs"]), *signs, Heading(lab["help_parent"]), *doing]
    else:
        # Pupils of 11-15: few words a section, each with the slide's picture or its cards'
        # icons, the key rules large, the helplines' numbers larger still.
        title = deck.title
        warning = slides.get(WARNING_SLIDE)
        signs = _slide_lines(warning)
        if signs:
            blocks += [Heading(lab["signs"], 2, *_slide_picture(td, warning)), *signs]
        action = _action(deck)
        blocks += [Heading(lab["do"]), *_action_lines(td, action)]
        # The recap's slides (split by words): their cards, in order.
        pages = [s for s in deck.slides if s.talk_slide_id == RECAP_SLIDE]
        recap = replace(pages[0], cards=tuple(c for p in pages for c in p.cards)) if pages else None
        remember = _slide_lines(recap, _card_pictures(td, recap), big=True)
        if remember:
            blocks += [Heading(lab["remember"]), *remember]
    help_heading = Heading(lab["who"], turn=True)  # a two-page sheet: the helplines on page 2
    blocks += [
        help_heading,
        *local_help.lead(td, who),
        *helplines(td, lab, qr=True, audience=who)[1:],
    ]
    blocks.append(
        Para(
            lab["from"].format(title=deck.title, version=deck.version, date=gathered(td)),
            small=True,
        )
    )
    subtitle = lab["sheet"].format(region=td.t(td.region.name))
    first = deck.slides[0] if deck.slides and who != "parents" else None
    return Document(
        title,
        subtitle,
        tuple(blocks),
        aud.lang,
        aud.region,
        deck.version_date,
        *_slide_picture(td, first),
    )


def _action(deck: Deck) -> ResolvedSlide | None:
    by_id = {s.id: s for s in deck.slides}
    return by_id.get(ACTION_SLIDE) or next((s for s in deck.slides if s.kind == "tips"), None)


def _slide_picture(td: Tailored, slide: ResolvedSlide | None) -> tuple[str, str]:
    """(file, alt text) of a slide's own picture, as the deck shows it, or ("", "")."""
    if slide is None or slide.picture is None:
        return "", ""
    return str(td.lib.root / "assets" / slide.picture.path), slide.picture.alt


def _card_pictures(td: Tailored, slide: ResolvedSlide | None) -> tuple[tuple[str, str], ...]:
    """(file, alt text) of each card's icon on a card slide, ("", "") where a card has none."""
    if slide is None:
        return ()
    root = td.lib.root / "assets"
    return tuple(
        (str(root / c.picture.path), c.picture.alt) if c.picture else ("", "") for c in slide.cards
    )


def _action_lines(td: Tailored, slide: ResolvedSlide | None) -> list[Block]:
    """What to do, each tip in full with its card's icon: the slide's cards say it in a few
    words (tips.yaml `card`), the take-home sheet in full."""
    said = next((s.tips for s in td.talk.slides if slide and s.id == slide.id), [])
    if not said:
        return _slide_lines(slide, _card_pictures(td, slide))
    texts = tuple(td.t(td.lib.tips[tip].text) for tip in said)
    return [Items(texts, pictures=_card_pictures(td, slide))]


def _slide_lines(
    slide: ResolvedSlide | None, pictures: tuple[tuple[str, str], ...] = (), big: bool = False
) -> list[Block]:
    """A slide's lines as on screen: intro lines as text, bullets as a list, cards as a list
    with their ``pictures`` (one per card) when given; ``big`` for the key rules."""
    if slide is None:
        return []
    out: list[Block] = []
    bullets: list[str] = []
    for line in slide.body:
        if line.bullet:
            bullets.append(line.text)
            continue
        if bullets:
            out.append(Items(tuple(bullets)))
            bullets = []
        out.append(Para(line.text))
    cards = [" ".join(line.text for line in card.lines) for card in slide.cards]
    if pictures and cards and not bullets and any(p for p, _ in pictures):
        return [*out, Items(tuple(cards), pictures=pictures, big=big)]
    bullets += cards
    if bullets:
        out.append(Items(tuple(bullets), big=big))
    return out
