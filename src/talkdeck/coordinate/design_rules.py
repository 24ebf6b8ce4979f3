"""Lint rules for how a deck looks to a class: words per slide, pictures, phone numbers, tags.

Each runs on one tailored deck (:class:`talkdeck.deck.resolved.Deck`) and reports at the talk's
slide, merged across decks by :class:`talkdeck.coordinate.lint.Collector`. Text is measured with
the shipped Carlito metrics, as the fit is (:mod:`talkdeck.deck.fit`).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath as Path
from typing import TYPE_CHECKING

from talkdeck.deck.fit import SPACES, em_width
from talkdeck.deck.kinds import KINDS
from talkdeck.deck.resolved import talk_slide_of
from talkdeck.deck.slide_content import plain
from talkdeck.deck.word_limits import shown_words, word_limit

if TYPE_CHECKING:
    from talkdeck.coordinate.findings import Collector, Context
    from talkdeck.deck.boxes import BoxSpec
    from talkdeck.deck.memo import Memo
    from talkdeck.deck.resolved import Deck
    from talkdeck.library.load import Library
    from talkdeck.library.safe_yaml import Document

BCP47 = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$")
"""language, optional script, optional region (ISO 3166 letters or a UN M.49 number)."""


def wrapped(text: str, width: float, size: float, bold: bool, italic: bool) -> list[str]:
    """The lines a paragraph breaks into, as :func:`talkdeck.deck.fit.count_lines` counts them."""
    lines: list[str] = []
    space = em_width(" ", bold, italic) * size
    for part in re.split(r"[\n\v\u2028]", text):
        current: list[str] = []
        x = 0.0
        for word in SPACES.split(part.strip()) if part.strip() else ():
            w = em_width(word, bold, italic) * size
            if current and x + space + w <= width + 1e-6:
                current.append(word)
                x += space + w
                continue
            if current:
                lines.append(" ".join(current))
            current, x = [word], w
        lines.append(" ".join(current))
    return lines


def _numbers(lib: Library, region: str) -> list[str]:
    """The region's numbers as written, and a number's spelling in letters ("1-800-THE-LOST")."""
    channels = lib.regions[region].channels
    found = [n for ch in channels for n in (ch.phone, ch.text, ch.whatsapp) if n]
    out = []
    for n in found:
        digits, _, aside = n.partition(" (")
        out += [digits.strip(), *([aside.rstrip(")").strip()] if aside else [])]
    return out


def loose_hyphens(
    deck: Deck, specs: dict[tuple[str, int], BoxSpec], numbers: list[str]
) -> list[tuple[str, str, str]]:
    """(slide id, box, number) for each number shown with an ordinary hyphen in a box that
    wraps: clients may end a line after it ("1-800-" | "422-4453"), whatever the width."""
    out = []
    for s in deck.slides:
        for idx, paragraphs in KINDS[s.kind].boxes(s):
            spec = specs.get((s.layout, idx))
            if spec is None or not spec.wrap:
                continue
            for text, _ in paragraphs:
                out += [(s.id, spec.name, n) for n in numbers if "-" in n and n in text]
    return out


def broken_numbers(
    deck: Deck, specs: dict[tuple[str, int], BoxSpec], numbers: list[str], memo: Memo
) -> list[tuple[str, str, str, float]]:
    """(slide id, box, number, size) for each phone number a line break would split."""
    out = []
    for s in deck.slides:
        for idx, paragraphs in KINDS[s.kind].boxes(s):
            spec = specs.get((s.layout, idx))
            if spec is None or not spec.wrap:
                continue  # a box that never wraps is checked by the fit rule
            cap = memo.fit(spec, paragraphs) or spec.floor
            for text, n in paragraphs:
                level = spec.level(n)
                size = spec.size_at(n, cap)
                plain_text = plain(text)
                for number in numbers:
                    if number not in plain_text or " " not in number:
                        continue
                    lines = wrapped(text, spec.width - level.margin, size, level.bold, level.italic)
                    if not any(number in plain(line) for line in lines):
                        out.append((s.id, spec.name, number, size))
    return out


def design(
    out: Collector,
    lib: Library,
    doc: Document,
    index: dict[str, int],
    deck: Deck,
    specs: dict[tuple[str, int], BoxSpec],
    ctx: Context,
    pupils: bool,
    memo: Memo,
) -> None:
    """Run the design rules on one tailored deck (``memo``: the workspace's measurements)."""
    if pupils:
        limit = word_limit(ctx.age)
        for s in deck.slides:
            if shown_words(s, s.kind, [c.lines for c in s.cards]) > limit:
                i = index[s.talk_slide_id]
                out.at(
                    doc,
                    ("slides", i),
                    "words-per-slide",
                    f"slide '{s.id}' shows more than {limit} words, the most for ages "
                    f"{'11-12' if limit == 30 else '13-15'} (split it, or say the rest)",
                    ctx,
                )
    numbers = _numbers(lib, ctx.region)
    for slide_id, box, number, size in broken_numbers(deck, specs, numbers, memo):
        i = index[talk_slide_of(slide_id)]
        out.at(
            doc,
            ("slides", i),
            "phone-wrap",
            f"slide '{slide_id}' {box}: the number {number} breaks across two lines at "
            f"{size:g} pt; a pupil copies it as it is shown",
            ctx,
        )
    for slide_id, box, number in loose_hyphens(deck, specs, numbers):
        out.at(
            doc,
            ("slides", index[talk_slide_of(slide_id)]),
            "phone-wrap",
            f"slide '{slide_id}' {box}: the number {number} has ordinary hyphens, and a line "
            "may break after one; the build keeps a helpline's number whole, so write it in "
            "the region file's channel, not in the text",
            ctx,
        )
    # A library without a picture catalogue (pictures.yaml) has nothing to choose from.
    for s in deck.slides if lib.pictures else ():
        kind = KINDS[s.kind]
        missing = []
        if kind.picture and s.picture is None:
            missing.append("no picture (`picture:`, a name from talks/common/pictures.yaml)")
        if kind.icons == "right":  # helplines: a QR code, or a picture in its place
            bare = [n for n, c in enumerate(s.cards, 1) if c.picture is None and c.qr is None]
            if bare:
                missing.append(
                    f"no QR code or picture on helpline card{'s' * (len(bare) > 1)} "
                    f"{', '.join(map(str, bare))} (`helplines:` in talks/common/pictures.yaml)"
                )
        else:
            bare = [n for n, card in enumerate(s.cards, start=1) if card.picture is None]
            if bare:
                missing.append(
                    f"no icon on card{'s' * (len(bare) > 1)} "
                    f"{', '.join(map(str, bare))} (`pictures:`, or the tip's picture)"
                )
        for what in missing:
            out.at(
                doc,
                ("slides", index[s.talk_slide_id]),
                "missing-picture",
                f"slide '{s.id}' has {what}",
                ctx,
            )
    for before, after, name in same_pictures(deck):
        out.at(
            doc,
            ("slides", index[talk_slide_of(after)], "picture"),
            "same-picture",
            f"slide '{after}' shows the same picture ('{name}') as the slide before it "
            f"('{before}'): choose another (`picture:`; `page_pictures:` for the slides the "
            "build splits it into), so each slide looks new to the class",
            ctx,
        )
    for slide_id in lone_cards(deck):
        out.at(
            doc,
            ("slides", index[talk_slide_of(slide_id)]),
            "lone-card",
            f"slide '{slide_id}' shows one card alone: the build split the slide's cards to "
            "keep within the word limit; shorten the cards or the text above them so they "
            "share fewer slides",
            ctx,
        )
    tag = deck.tag
    if not BCP47.fullmatch(tag) or tag.split("-")[0] != ctx.lang:
        out.at(
            doc,
            ("languages",),
            "language-tag",
            f"decks in '{ctx.lang}' for region {ctx.region} would be tagged '{tag}', not a "
            f"BCP 47 tag of '{ctx.lang}' (languages.yaml: global_tag, region codes)",
            ctx,
        )


def same_pictures(deck: Deck) -> list[tuple[str, str, str]]:
    """(slide before, slide, picture name) for each slide showing its neighbour's picture, the
    slides one talk slide becomes included (they take `page_pictures` in turn)."""
    return [
        (a.id, b.id, Path(b.picture.path).stem)
        for a, b in zip(deck.slides, deck.slides[1:], strict=False)
        if a.picture is not None and b.picture is not None and a.picture.path == b.picture.path
    ]


def lone_cards(deck: Deck) -> list[str]:
    """Pages of a card slide split over several slides that hold a single card (a tip or a
    scenario on its own looks like a leftover). Helplines are left out: their cards are
    shared out evenly, and one helpline alone is the whole slide."""
    pages: dict[str, list[tuple[str, int]]] = {}
    for s in deck.slides:
        if s.cards and s.kind != "helpline":
            pages.setdefault(s.talk_slide_id, []).append((s.id, len(s.cards)))
    return [sid for group in pages.values() if len(group) > 1 for sid, n in group if n == 1]
