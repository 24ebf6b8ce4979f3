"""The rules `talkdeck lint` applies to each tailored deck (the library-wide ones, a region's
dates and the colours' contrast, are in :mod:`talkdeck.coordinate.library_rules`).

Each rule reports through :class:`talkdeck.coordinate.lint.Collector` at the line a coordinator
must edit: the talk's slide, the fact or tip, or the region's entry the text came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from talkdeck.coordinate import content_rules
from talkdeck.coordinate import readability as rd
from talkdeck.deck.fit import deck_misfits
from talkdeck.deck.kinds import KINDS, channels_for, for_reader
from talkdeck.deck.resolved import talk_slide_of
from talkdeck.deck.variants import deck_languages, included
from talkdeck.library.locate import FACTS, TIPS
from talkdeck.library.model import Slide, Text
from talkdeck.library.safe_yaml import Document, Loc
from talkdeck.library.texts import text_loc
from talkdeck.workspace import BuildRequest

if TYPE_CHECKING:
    from talkdeck.coordinate.findings import Collector, Context
    from talkdeck.deck.memo import Memo
    from talkdeck.workspace import Workspace

NUMBERS = {
    "en": re.compile(
        r"""\d+(?:(?:[.,:/-]|\s)\d+)*\s?%?
        | \b(?:per\s?cent|hundreds?|thousands?|millions?|billions?)\b
        | \b(?:one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out\s+of)\s+
          (?:two|three|four|five|six|seven|eight|nine|ten|a\s+hundred|a\s+thousand)\b
        | \b(?:half|a\s+third|a\s+quarter|two[-\s]thirds|three[-\s]quarters)\s+of\b""",
        re.I | re.X,
    ),
    "es": re.compile(
        r"""\d+(?:(?:[.,:/-]|\s)\d+)*\s?%?
        | \b(?:por\s+ciento|cientos|miles|mil|millón|millones|millardos?)\b
        | \b(?:un[oa]?|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)\s+de\s+cada\s+
          (?:dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|cien|mil)\b
        | \b(?:la\s+mitad|un\s+tercio|un\s+cuarto|dos\s+tercios|tres\s+cuartos)\s+de\b""",
        re.I | re.X,
    ),
}
"""Figures in slide text: digits, percentages, large-number words, "1 in 5" and fractions."""
GENERIC_ALT = {
    "",
    "image",
    "picture",
    "photo",
    "graphic",
    "imagen",
    "foto",
    "fotografía",
    "gráfico",
    "dibujo",
}


@dataclass(frozen=True)
class Piece:
    """A text shown on a slide, with where it is written."""

    text: str
    doc: Document
    loc: Loc
    kind: str
    """talk, tip, fact, channel, law, org, name (a channel's or organisation's) or alt."""


def _index(doc: Document, key: str, item_id: str) -> int:
    items = doc.data.get(key, []) if isinstance(doc.data, dict) else []
    return next(
        (i for i, item in enumerate(items) if isinstance(item, dict) and item.get("id") == item_id),
        0,
    )


class DeckRules:
    """Rules for one talk; :meth:`deck` runs them on one (language, age, region)."""

    def __init__(self, out: Collector, ws: Workspace, talk: str) -> None:
        self.out, self.ws, self.ref, self.lib = out, ws, talk, ws.lib
        self.talk, self.doc = ws.talk(talk)
        self.memo: Memo = ws.memo
        self.specs = self.memo.box_specs(self.lib.template)
        self.index = {s.id: i for i, s in enumerate(self.talk.slides)}
        self.fact_numbers = {
            _digits(t): f.id
            for f in self.lib.facts.values()
            for _, pairs in f.number.variants
            for _, t in pairs
            if _digits(t)
        }

    def piece(
        self, text: Text | None, doc: Document, loc: Loc, kind: str, ctx: Context
    ) -> list[Piece]:
        tag = self.lib.languages[ctx.lang].tag(ctx.region)
        value = text.get(ctx.lang, ctx.age, tag) if text is not None else None
        lang = (
            tag
            if text is not None and tag in text.tags() and text.get(tag, ctx.age) is not None
            else ctx.lang
        )
        return [Piece(value, doc, text_loc(doc, loc, lang, ctx.age), kind)] if value else []

    def pieces(self, i: int, slide: Slide, ctx: Context) -> list[Piece]:
        """Every text the slide shows pupils, in this deck."""
        lib, doc, region = self.lib, self.doc, self.lib.regions[ctx.region]
        base: Loc = ("slides", i)
        out = self.piece(slide.title, doc, (*base, "title"), "talk", ctx)
        out += self.piece(slide.text, doc, (*base, "text"), "talk", ctx)
        raw = doc.data["slides"][i].get("bullets") or []
        for j, bullet in enumerate(slide.bullets):
            if bullet.ages is not None and ctx.age not in bullet.ages:
                continue
            if bullet.rule is not None:  # a key rule: its one wording lives in tips.yaml
                r_loc: Loc = ("tips", _index(lib.docs[TIPS], "tips", bullet.rule), "rule")
                out += self.piece(lib.tips[bullet.rule].rule, lib.docs[TIPS], r_loc, "tip", ctx)
                continue
            shorthand = not (isinstance(raw[j], dict) and "text" in raw[j])
            loc: Loc = (*base, "bullets", j) if shorthand else (*base, "bullets", j, "text")
            out += self.piece(bullet.text, doc, loc, "talk", ctx)
        if slide.image is not None:
            out += self.piece(slide.image.alt, doc, (*base, "image", "alt"), "alt", ctx)
        tips_doc, facts_doc = lib.docs[TIPS], lib.docs[FACTS]
        for tip in slide.tips:
            loc = ("tips", _index(tips_doc, "tips", tip), "text")
            out += self.piece(lib.tips[tip].text, tips_doc, loc, "tip", ctx)
            if lib.tips[tip].card is not None:
                c_loc: Loc = ("tips", _index(tips_doc, "tips", tip), "card")
                out += self.piece(lib.tips[tip].card, tips_doc, c_loc, "tip", ctx)
        if slide.fact:
            loc = ("facts", _index(facts_doc, "facts", slide.fact), "text")
            out += self.piece(lib.facts[slide.fact].text, facts_doc, loc, "fact", ctx)
        r_doc = lib.docs[f"region:{region.code}"]
        for text, loc, what in KINDS[slide.kind].region_texts(region, self.talk.audience, ctx.age):
            out += self.piece(text, r_doc, loc, what, ctx)
        # Names are on the slide too: a trafficking line's name is pupil-visible text.
        shown = channels_for(region, self.talk.audience, ctx.age)
        index = {id(ch): k for k, ch in enumerate(region.channels)}
        count = {"helpline": len(shown), "closing": 2, "local": 1}.get(slide.kind, 0)
        out += [
            Piece(ch.name, r_doc, ("channels", index[id(ch)], "name"), "name")
            for ch in shown[:count]
        ]
        if slide.kind == "local":
            out += [
                Piece(org.name, r_doc, ("organisations", k, "name"), "name")
                for k, org in enumerate(region.organisations)
                if for_reader(org, self.talk.audience, ctx.age)
            ]
        return out

    def deck(self, ctx: Context) -> None:
        talk, region = self.talk, self.lib.regions[ctx.region]
        # Through the workspace, as a build tailors (drafts are linted too).
        deck = self.ws.tailor(BuildRequest(self.ref, ctx.age, ctx.region, ctx.lang, draft=True))
        from talkdeck.coordinate.design_rules import design

        design(
            self.out,
            self.lib,
            self.doc,
            self.index,
            deck,
            self.specs,
            ctx,
            talk.audience == "pupils",
            self.memo,
        )
        for m in deck_misfits(self.specs, deck.slides, self.memo):
            i = self.index[talk_slide_of(m.slide)]
            self.out.at(
                self.doc,
                ("slides", i),
                "fit",
                f"slides[{i}] (id '{m.slide}') {m.box}: {m.message}",
                ctx,
            )
        seen: list[tuple[int, Piece]] = []
        for i, slide in enumerate(talk.slides):
            if not included(slide, talk, ctx.age, region):
                continue
            pieces = self.pieces(i, slide, ctx)
            seen += [(i, p) for p in pieces]
            if talk.audience == "pupils":
                self.reading(slide, [p for p in pieces if p.kind not in ("alt", "name")], ctx)
            self.numbers([p for p in pieces if p.kind in ("talk", "tip", "org", "alt")], ctx)
            notes = slide.notes.get(ctx.lang, ctx.age) or ""
            if not notes.strip():
                self.out.at(
                    self.doc,
                    text_loc(self.doc, ("slides", i, "notes"), ctx.lang, ctx.age),
                    "missing-notes",
                    f"slide '{slide.id}' has no speaker notes",
                    ctx,
                )
            alt = [p for p in pieces if p.kind == "alt"]
            if slide.image is not None and (
                not alt
                or alt[0].text.strip().lower().rstrip(".")
                in GENERIC_ALT | {slide.image.path.lower()}
            ):
                self.out.at(
                    self.doc,
                    ("slides", i, "image", "alt"),
                    "missing-alt",
                    f"slide '{slide.id}': the picture {slide.image.path} needs alt text "
                    "that says what it shows",
                    ctx,
                )
        self.completeness(deck.slides, ctx)
        content_rules.check_deck(self, deck, seen, ctx)
        vocab, _ = content_rules.vocabulary(self.lib)
        if vocab is not None and vocab.avoid:
            from talkdeck.coordinate.wording_rules import check_avoided

            check_avoided(self, deck, seen, vocab, ctx)

    def reading(self, slide: Slide, pieces: list[Piece], ctx: Context) -> None:
        limit = rd.limit_for(ctx.lang, ctx.age)
        text = rd.as_prose(p.text for p in pieces)
        if limit is None or rd.word_count(text) < rd.MIN_WORDS:
            return
        value = rd.score(text, ctx.lang)
        if limit.passes(value):
            return
        hardest = max(pieces, key=lambda p: _difficulty(p.text, ctx.lang))
        excerpt = hardest.text if len(hardest.text) <= 60 else hardest.text[:57] + "..."
        side = "above" if limit.higher_is_harder else "below"
        self.out.at(
            hardest.doc,
            hardest.loc,
            "reading-grade",
            f"slide '{slide.id}' reads at {limit.formula} {value:.1f}, {side} "
            f'{limit.value:g} for ages {limit.ages}; hardest: "{excerpt}"',
            ctx,
        )

    def numbers(self, pieces: list[Piece], ctx: Context) -> None:
        for p in pieces:
            for match in NUMBERS[ctx.lang].finditer(p.text):
                figure = match.group().strip()
                fact = self.fact_numbers.get(_digits(figure))
                hint = (
                    f" (it is fact '{fact}': use a statistic slide)"
                    if fact
                    else "; show figures with a statistic slide (fact: id)"
                )
                self.out.at(
                    p.doc,
                    p.loc,
                    "bare-number",
                    f'"{figure}" in slide text does not come from a fact{hint}',
                    ctx,
                )

    def completeness(self, slides: Any, ctx: Context) -> None:
        kinds = {s.kind for s in slides}
        missing = []
        if self.talk.audience == "pupils" and "rules" not in kinds:
            missing.append("no ground rules (a 'rules' slide)")
        if "helpline" not in kinds:
            missing.append("no helpline slide")
        disclosure = self.lib.guidance.text("disclosure", self.talk.audience)
        guidance = disclosure.get(ctx.lang, ctx.age) or ""
        if not guidance.strip() or not any(guidance in s.notes for s in slides):
            missing.append(
                "no disclosure guidance in the notes (it goes on the title and closing slides)"
            )
        for what in missing:
            self.out.at(self.doc, ("slides",), "deck-completeness", f"the deck has {what}", ctx)


def _digits(text: str) -> str:
    """'10,000+' and '10.000' -> '10000': the same figure however it is written."""
    return "".join(ch for ch in text if ch.isdigit())


def _difficulty(text: str, lang: str) -> float:
    prose = rd.as_prose([text])
    if not rd.word_count(prose):
        return float("-inf")
    value = rd.score(prose, lang)
    return value if lang == "en" else -value


def lint_talk(out: Collector, ws: Workspace, talk_ref: str, regions: list[str]) -> int:
    """Run every deck rule over the talk's languages x ages x regions; return the deck count."""
    from talkdeck.coordinate.findings import Context

    rules = DeckRules(out, ws, talk_ref)
    lib, talk, doc = rules.lib, rules.talk, rules.doc
    offered: dict[str, list[str]] = {}
    for code in regions:
        for lang in lib.regions[code].languages:
            if lang not in talk.languages:
                offered.setdefault(lang, []).append(code)
    for lang, codes in sorted(offered.items()):
        out.at(
            doc,
            ("languages",),
            "missing-translation",
            f"talk '{talk.id}' has no '{lang}' text, which region{'s' * (len(codes) > 1)} "
            f"{', '.join(codes)} use{'s' * (len(codes) == 1)}",
        )
    count = 0
    for lang in talk.languages:
        for age in talk.ages.ages:
            for code in regions:
                if lang in deck_languages(talk, lib.regions[code]):
                    rules.deck(Context(lang, age, code))
                    count += 1
    return count
