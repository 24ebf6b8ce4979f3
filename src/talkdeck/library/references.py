"""Checks that need more than one file: references, translations and age coverage.

Everything that :mod:`talkdeck.deck.tailor` relies on is checked here, so tailoring never meets a
missing text: a talk that loads builds for every age and language it declares.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, get_args

from talkdeck.errors import Problem
from talkdeck.library.locate import FACTS, GUIDANCE, PICTURES, TIPS
from talkdeck.library.model import AgeRange, Fact, Region, Talk, Text, Tip
from talkdeck.library.model.region import ChannelKind
from talkdeck.library.safe_yaml import Document, Loc

if TYPE_CHECKING:
    from talkdeck.library.contents import Library


def _span(ages: Iterable[int]) -> str:
    """(11, 12, 14) -> '11-12, 14'."""
    runs: list[list[int]] = []
    for age in sorted(ages):
        if runs and age == runs[-1][-1] + 1:
            runs[-1].append(age)
        else:
            runs.append([age])
    return ", ".join(str(AgeRange(r[0], r[-1])) for r in runs)


def text_gaps(text: Text, langs: Iterable[str], ages: Iterable[int]) -> Iterator[str]:
    """Messages for each language that lacks wording for some of ``ages``."""
    ages = tuple(ages)
    for lang in langs:
        missing = [age for age in ages if text.get(lang, age) is None]
        if not missing:
            continue
        if lang not in text.languages():
            written = "/".join(text.languages())
            yield f"missing translation: no '{lang}' text (written only in {written})"
        else:
            yield f"no '{lang}' text for age {_span(missing)}"


def _suggest(name: str, known: Iterable[str]) -> str:
    guess = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean '{guess[0]}'?)" if guess else ""


def _index(doc: Document, key: str, item_id: str) -> int:
    items = doc.data.get(key, []) if isinstance(doc.data, dict) else []
    for i, item in enumerate(items):
        if isinstance(item, dict) and item.get("id") == item_id:
            return i
    return 0


class _Checker:
    def __init__(self, lib: Library) -> None:
        self.problems: list[Problem] = []
        self.known = lib.languages

    def text(
        self, doc: Document, loc: Loc, text: Text | None, langs: Iterable[str], ages: Iterable[int]
    ) -> None:
        if text is None:
            return
        for lang in text.languages():
            if lang not in self.known:
                self.problems.append(doc.problem(loc, self.unknown(lang)))
        for message in text_gaps(text, langs, ages):
            self.problems.append(doc.problem(loc, message))

    def unknown(self, lang: str) -> str:
        return f"unknown language '{lang}' (known: {', '.join(self.known)})"

    def languages(self, doc: Document, loc: Loc, langs: Iterable[str]) -> list[str]:
        """Report languages the library does not declare; return those it does (the texts are
        checked in those only, so one wrong code gives one problem, not one per text)."""
        declared = []
        for i, lang in enumerate(langs):
            if lang in self.known:
                declared.append(lang)
            else:
                self.problems.append(
                    doc.problem((*loc, i), self.unknown(lang) + ": declare it in languages.yaml")
                )
        return declared

    def rule(self, doc: Document, loc: Loc, tip: Tip, ages: Iterable[int]) -> None:
        """One message, one wording: a tip's text contains its rule word for word."""
        if tip.rule is None:
            return
        for key, _ in tip.rule.variants:
            lang, _, region = key.partition("-")
            tag = key if region else ""
            for age in ages:
                rule = tip.rule.get(lang, age, tag)
                text = tip.text.get(lang, age, tag)
                if rule and text and rule not in text:
                    self.problems.append(
                        doc.problem(
                            (*loc, "text"),
                            f"tip '{tip.id}' ({key}, age {age}) does not say its "
                            f'rule word for word: "{rule}"',
                        )
                    )
                    break

    def fact(
        self,
        doc: Document,
        loc: Loc,
        fact: Fact,
        langs: Iterable[str],
        ages: Iterable[int],
        sources: Iterable[str],
    ) -> None:
        langs, ages = tuple(langs), tuple(ages)
        self.text(doc, (*loc, "number"), fact.number, langs, ages)
        self.text(doc, (*loc, "text"), fact.text, langs, ages)
        if fact.source not in sources:
            self.problems.append(
                doc.problem(
                    (*loc, "source"),
                    f"unknown source '{fact.source}'" + _suggest(fact.source, sources),
                )
            )


def check_library(lib: Library) -> list[Problem]:
    """Library-wide references and translations (facts, tips, guidance, regions, template)."""
    from talkdeck.library.assets import template_problem
    from talkdeck.library.locate import TEMPLATE

    c = _Checker(lib)
    problem = template_problem(lib.root)
    if problem:
        c.problems.append(Problem(str(TEMPLATE), 0, 0, "", problem))
    all_ages = AgeRange(11, 15).ages
    facts_doc, tips_doc = lib.docs[FACTS], lib.docs[TIPS]
    fact_langs = c.languages(facts_doc, ("languages",), facts_doc.data.get("languages") or ["en"])
    for fact in lib.facts.values():
        loc = ("facts", _index(facts_doc, "facts", fact.id))
        c.fact(facts_doc, loc, fact, fact_langs, all_ages, lib.sources)
    tip_langs = c.languages(tips_doc, ("languages",), tips_doc.data.get("languages") or ["en"])
    for tip in lib.tips.values():
        t_loc = ("tips", _index(tips_doc, "tips", tip.id))
        c.text(tips_doc, (*t_loc, "text"), tip.text, tip_langs, all_ages)
        c.rule(tips_doc, t_loc, tip, all_ages)
        if tip.card is not None:
            c.text(tips_doc, (*t_loc, "card"), tip.card, tip_langs, all_ages)
            if tip.rule is not None:
                c.problems.append(
                    tips_doc.problem(
                        (*t_loc, "card"),
                        f"tip '{tip.id}' has a rule: its slide card shows the rule, not a card",
                    )
                )
    g_doc = lib.docs[GUIDANCE]
    g_langs = c.languages(g_doc, ("languages",), lib.guidance.languages)
    for name in ("before_talk", "disclosure", "before_session", "parent_concern"):
        if getattr(lib.guidance, name) is not None:
            c.text(g_doc, (name,), getattr(lib.guidance, name), g_langs, all_ages)
    for region in lib.regions.values():
        _check_region(c, lib, region, all_ages)
    _check_pictures(c, lib, all_ages)
    return c.problems


def _check_pictures(c: _Checker, lib: Library, ages: tuple[int, ...]) -> None:
    """Catalogue pictures are pictures in assets/pictures/ with alt text; tips name known ones."""
    if lib.pictures:
        doc = lib.docs[PICTURES]
        langs = doc.data.get("languages") or ["en"]
        for i, entry in enumerate(lib.pictures.values()):
            c.text(doc, ("pictures", i, "alt"), entry.alt, langs, ages)
            message = image_problem(lib.root, f"pictures/{entry.file}")
            if message:
                c.problems.append(doc.problem(("pictures", i, "file"), message))
        kinds = get_args(ChannelKind)
        for kind, name in lib.helpline_pictures.items():
            if kind not in kinds:
                c.problems.append(
                    doc.problem(
                        ("helplines", kind),
                        f"'{kind}' is not a kind of helpline ({', '.join(kinds)})",
                    )
                )
            if name not in lib.pictures:
                c.problems.append(doc.problem(("helplines", kind), _unknown_picture(name, lib)))
    tips_doc = lib.docs[TIPS]
    for tip in lib.tips.values():
        if tip.picture is not None and tip.picture not in lib.pictures:
            loc = ("tips", _index(tips_doc, "tips", tip.id), "picture")
            c.problems.append(tips_doc.problem(loc, _unknown_picture(tip.picture, lib)))


def _unknown_picture(name: str, lib: Library) -> str:
    return f"unknown picture '{name}' (see pictures.yaml)" + _suggest(name, lib.pictures)


def _check_region(c: _Checker, lib: Library, region: Region, ages: tuple[int, ...]) -> None:
    doc = lib.docs[f"region:{region.code}"]
    langs = c.languages(doc, ("languages",), region.languages)
    c.text(doc, ("name",), region.name, langs, ages)
    for i, channel in enumerate(region.channels):
        c.text(doc, ("channels", i, "what"), channel.what, langs, ages)
        if channel.what_adults is not None:
            c.text(doc, ("channels", i, "what_adults"), channel.what_adults, langs, ages)
        if channel.url:
            problem = qr_problem(channel.url)
            if problem:
                c.problems.append(doc.problem(("channels", i, "url"), problem))
    if region.law:
        c.text(doc, ("law", "summary"), region.law.summary, langs, ages)
        c.text(doc, ("law", "penalty"), region.law.penalty, langs, ages)
    for i, org in enumerate(region.organisations):
        c.text(doc, ("organisations", i, "what"), org.what, langs, ages)
    for i, fact in enumerate(region.facts):
        if fact.id in lib.facts:
            c.problems.append(
                doc.problem(("facts", i, "id"), f"fact id '{fact.id}' is already in facts.yaml")
            )
        c.fact(doc, ("facts", i), fact, langs, ages, lib.sources)


MAX_SLIDES = 500  # a lesson is 20 to 60; 500 builds in seconds, and the build stays linear


def check_talk(lib: Library, talk: Talk, doc: Document) -> list[Problem]:
    """Everything a talk refers to exists and every text exists for every age and language."""
    if len(talk.slides) > MAX_SLIDES:  # refused before any slide is checked or drawn
        return [
            doc.problem(
                ("slides",),
                f"{len(talk.slides):,} slides; a talk holds at most "
                f"{MAX_SLIDES} (split it into several talks)",
            )
        ]
    c = _Checker(lib)
    langs = c.languages(doc, ("languages",), talk.languages)
    facts_doc, tips_doc = lib.docs[FACTS], lib.docs[TIPS]
    c.text(doc, ("title",), talk.title, langs, talk.ages.ages)
    c.text(doc, ("description",), talk.description, langs, talk.ages.ages)
    for lang in langs:
        if lang not in lib.guidance.languages:
            c.problems.append(doc.problem(("languages",), f"guidance.yaml has no '{lang}' text"))
    seen: dict[str, int] = {}
    has_helpline = False
    for i, slide in enumerate(talk.slides):
        loc: Loc = ("slides", i)
        if slide.id in seen:
            c.problems.append(
                doc.problem(
                    (*loc, "id"),
                    f"duplicate slide id '{slide.id}' (first is slides[{seen[slide.id]}])",
                )
            )
        seen.setdefault(slide.id, i)
        has_helpline |= slide.kind == "helpline"
        ages = slide.ages or talk.ages
        if not (talk.ages.lo <= ages.lo and ages.hi <= talk.ages.hi):
            c.problems.append(
                doc.problem((*loc, "ages"), f"{ages} is outside the talk's ages {talk.ages}")
            )
            continue
        for name in ("title", "text", "notes"):
            c.text(doc, (*loc, name), getattr(slide, name), langs, ages.ages)
        for j, bullet in enumerate(slide.bullets):
            b_ages = bullet.ages or ages
            if not (ages.lo <= b_ages.lo and b_ages.hi <= ages.hi):
                c.problems.append(
                    doc.problem(
                        (*loc, "bullets", j, "ages"), f"{b_ages} is outside the slide's ages {ages}"
                    )
                )
                continue
            c.text(doc, (*loc, "bullets", j, "text"), bullet.text, langs, b_ages.ages)
            if bullet.rule is not None:
                tip = lib.tips.get(bullet.rule)
                if tip is None or tip.rule is None:
                    c.problems.append(
                        doc.problem(
                            (*loc, "bullets", j, "rule"),
                            f"no tip '{bullet.rule}' with a `rule`"
                            + _suggest(bullet.rule, [t.id for t in lib.tips.values() if t.rule]),
                        )
                    )
                else:
                    t_loc = ("tips", _index(tips_doc, "tips", tip.id), "rule")
                    c.text(tips_doc, t_loc, tip.rule, langs, b_ages.ages)
        if slide.image is not None:
            c.text(doc, (*loc, "image", "alt"), slide.image.alt, langs, ages.ages)
            message = image_problem(lib.root, slide.image.path)
            if message:
                c.problems.append(doc.problem((*loc, "image", "path"), message))
        named = [((*loc, "picture"), slide.picture)] if slide.picture else []
        named += [((*loc, "pictures", j), name) for j, name in enumerate(slide.pictures)]
        named += [((*loc, "page_pictures", j), n) for j, n in enumerate(slide.page_pictures)]
        for p_loc, name in named:
            if name not in lib.pictures:
                c.problems.append(doc.problem(p_loc, _unknown_picture(name, lib)))
            else:
                p_doc = lib.docs[PICTURES]
                p_langs = p_doc.data.get("languages") or ["en"]
                for lang in langs:
                    if lang not in p_langs:
                        c.problems.append(
                            doc.problem(p_loc, f"pictures.yaml has no '{lang}' alt text")
                        )
        if slide.fact:
            fact = lib.facts.get(slide.fact)
            if fact is None:
                c.problems.append(
                    doc.problem(
                        (*loc, "fact"),
                        f"unknown fact '{slide.fact}'" + _suggest(slide.fact, lib.facts),
                    )
                )
            else:
                f_loc = ("facts", _index(facts_doc, "facts", fact.id))
                c.fact(facts_doc, f_loc, fact, langs, ages.ages, lib.sources)
        for j, tip_id in enumerate(slide.tips):
            tip = lib.tips.get(tip_id)
            if tip is None:
                c.problems.append(
                    doc.problem(
                        (*loc, "tips", j), f"unknown tip '{tip_id}'" + _suggest(tip_id, lib.tips)
                    )
                )
            else:
                t_loc = ("tips", _index(tips_doc, "tips", tip_id), "text")
                c.text(tips_doc, t_loc, tip.text, langs, ages.ages)
    if not has_helpline:
        c.problems.append(
            doc.problem(
                ("slides",), "a talk needs a helpline slide: always give pupils a way to get help"
            )
        )
    return c.problems


def qr_problem(url: str) -> str | None:
    """Why a helpline address cannot become the QR code every deck and handout shows, or None.
    Encoded now, so a build never meets it first."""
    from talkdeck.library.qr_capacity import encodable

    if not encodable(url):
        return (
            f"web address of {len(url):,} characters is too long for a QR code; shorten "
            "it (a code holds about 2,300)"
        )
    return None


def image_problem(root: Path, rel: str) -> str | None:
    """Why an image path may not be used, or None: it must be a picture inside assets/."""
    from talkdeck.library.assets import inside_assets, picture_problem
    from talkdeck.showable import unshowable

    if unshowable(rel):  # the reader has reported the control character (or NUL) already
        return None
    target, problem = inside_assets(root, rel)
    return problem if target is None else picture_problem(target, rel)


def check_references(lib: Library, doc: Document) -> list[Problem]:
    """Fact and tip ids in a talk that failed to validate, read from its raw data."""
    problems: list[Problem] = []
    slides = doc.data.get("slides") if isinstance(doc.data, dict) else None
    for i, slide in enumerate(slides if isinstance(slides, list) else []):
        if not isinstance(slide, dict):
            continue
        fact = slide.get("fact")
        if isinstance(fact, str) and fact not in lib.facts:
            problems.append(
                doc.problem(
                    ("slides", i, "fact"), f"unknown fact '{fact}'" + _suggest(fact, lib.facts)
                )
            )
        tips = slide.get("tips")
        for j, tip in enumerate(tips if isinstance(tips, list) else []):
            if isinstance(tip, str) and tip not in lib.tips:
                problems.append(
                    doc.problem(
                        ("slides", i, "tips", j), f"unknown tip '{tip}'" + _suggest(tip, lib.tips)
                    )
                )
    return problems
