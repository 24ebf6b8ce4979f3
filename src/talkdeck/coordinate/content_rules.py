"""Lint rules about what a deck says: words for the age, help for every pupil, facts true to
their source, timing, versions and approval.

These complement the form rules in :mod:`talkdeck.coordinate.lint_rules`: a deck can fit its
boxes and read at grade 6 and still show a trafficking line to an 11-year-old, call a 2018
figure current, or give a Spanish deck English words. Each rule reports at the line to edit.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from talkdeck.deck.slide_content import plain
from talkdeck.deck.tailor import channels_for
from talkdeck.deck.visibility import CHILD_HELP
from talkdeck.library.locate import FACTS, VOCABULARY
from talkdeck.library.texts import text_loc

if TYPE_CHECKING:
    from talkdeck.coordinate.findings import Collector, Context
    from talkdeck.coordinate.lint_rules import DeckRules, Piece
    from talkdeck.deck.resolved import Deck
    from talkdeck.library.load import Library
    from talkdeck.library.model import Fact, Talk, Vocabulary
    from talkdeck.library.safe_yaml import Document, Loc

RULES: dict[str, tuple[str, str]] = {
    "vocabulary": ("error", "a word or phrase shown to pupils younger than vocabulary.yaml allows"),
    "foreign-words": ("error", "words of another language in a deck (e.g. English in Spanish)"),
    "child-help": ("error", "a pupil deck without a child helpline or emergency number"),
    "fact-quote": ("error", "a fact's figure that is not in the source's own words"),
    "fact-year": ("error", "a fact that does not name its year (dated claims read as past)"),
    "fact-scope": ("error", "a fact about one country, group or platform that does not name it"),
    "timing": ("error", "the slides' minutes add up to more than the talk's duration"),
    "version": ("error", "a version without its changelog entry, or not above the last one"),
    "approval": ("error", "an approved talk that does not record who approved it and when"),
}
"""Rule name -> (severity, what it catches); merged into lint's RULES."""


# --- vocabulary -------------------------------------------------------------------------------


def pattern_of(words: Iterable[str]) -> re.Pattern[str] | None:
    """'traffick*' matches words starting so; other entries match whole words or phrases."""
    parts = []
    for word in words:
        stem = word.rstrip("*")
        tail = r"\w*" if word.endswith("*") else r"(?!\w)"
        parts.append(r"(?<!\w)" + re.escape(stem).replace(r"\ ", r"\s+") + tail)
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


@functools.lru_cache(maxsize=8)
def _load(path: str, _mtime: int) -> tuple[Vocabulary | None, tuple[Any, ...]]:
    from talkdeck.library.load import parse_model
    from talkdeck.library.model import Vocabulary
    from talkdeck.library.safe_yaml import read_yaml

    doc, problems = read_yaml(Path(path), VOCABULARY)
    if doc is None:
        return None, tuple(problems)
    found: list[Any] = list(problems)
    return parse_model(Vocabulary, doc, found), tuple(found)


def vocabulary(lib: Library) -> tuple[Vocabulary | None, tuple[Any, ...]]:
    """The library's vocabulary.yaml (None when it has none) and any problems reading it."""
    path = Path(lib.root) / VOCABULARY
    if not path.is_file():
        return None, ()
    return _load(str(path), path.stat().st_mtime_ns)


def gated(vocab: Vocabulary, lang: str, age: int) -> Iterator[tuple[re.Pattern[str], int, str]]:
    """(pattern, from age, why) for each word list a pupil of this age must not see."""
    for group in vocab.gated:
        if age < group.from_age:
            pattern = pattern_of(group.words.get(lang, []))  # type: ignore[call-overload]
            if pattern is not None:
                yield pattern, group.from_age, group.why


# --- per deck ---------------------------------------------------------------------------------


def check_deck(rules: DeckRules, deck: Deck, seen: list[tuple[int, Piece]], ctx: Context) -> None:
    """Vocabulary for the age, words of another language, help for pupils, timing."""
    out, lib, talk = rules.out, rules.lib, rules.talk
    vocab, _ = vocabulary(lib)
    if talk.audience == "pupils":
        _child_help(rules, ctx)
        if vocab is not None:
            _vocabulary(rules, deck, seen, vocab, ctx)
    if vocab is not None and vocab.foreign.get(ctx.lang):  # type: ignore[call-overload]
        _foreign(rules, deck, seen, vocab, ctx)
    if deck.minutes > talk.duration:
        out.at(
            rules.doc,
            ("duration",),
            "timing",
            f"the slides add up to {deck.minutes:g} min, more than the talk's {talk.duration} min",
            ctx,
        )


def shown_texts(slide: Any) -> list[str]:
    """Every text a slide shows: title, lines, figure, source and its cards' lines."""
    cards = [
        x
        for card in getattr(slide, "cards", ())
        for x in (card.number, *(line.text for line in card.lines))
    ]
    return [
        slide.title,
        slide.number,
        slide.claim,
        slide.source,
        *(line.text for line in slide.body),
        *cards,
    ]


def _child_help(rules: DeckRules, ctx: Context) -> None:
    region = rules.lib.regions[ctx.region]
    shown = channels_for(region, "pupils", ctx.age)
    if region.help_gap is None and not any(ch.kind in CHILD_HELP for ch in shown):
        rules.out.at(
            rules.lib.docs[f"region:{region.code}"],
            ("channels",),
            "child-help",
            f"pupils aged {ctx.age} in {region.code} see no child helpline or "
            "emergency number: add one from the reference data, or explain the gap "
            "in `help_gap`",
            ctx,
        )


def _vocabulary(
    rules: DeckRules, deck: Deck, seen: list[tuple[int, Piece]], vocab: Vocabulary, ctx: Context
) -> None:
    checks = list(gated(vocab, ctx.lang, ctx.age))
    located: set[str] = set()
    for _, piece in seen:
        for pattern, age, why in checks:
            for match in pattern.finditer(piece.text):
                located.add(match.group().lower())
                rules.out.at(
                    piece.doc,
                    piece.loc,
                    "vocabulary",
                    f'"{match.group()}" is for ages {age}+ ({why}): pupils aged '
                    f"{ctx.age} see it; say it another way or show it from {age}",
                    ctx,
                )
    # Anything else on a slide (a label, a line tailoring adds) is reported at the slide. A
    # law's own title is a citation ("Sexual Offences Act 2003"): its words are not ours.
    law = rules.lib.regions[ctx.region].law
    for slide in deck.slides:
        text = " ".join(shown_texts(slide))
        text = text.replace(law.name, " ") if law is not None else text
        for pattern, age, why in checks:
            for match in pattern.finditer(text):
                if match.group().lower() not in located:
                    rules.out.at(
                        rules.doc,
                        ("slides", rules.index.get(slide.talk_slide_id, 0)),
                        "vocabulary",
                        f"slide '{slide.id}' shows \"{match.group()}\", "
                        f"for ages {age}+ ({why}), to pupils aged {ctx.age}",
                        ctx,
                    )


def exempt_names(lib: Library, ctx: Context) -> list[str]:
    """Names, citations and quotes: written in their own language on purpose."""
    region = lib.regions[ctx.region]
    names = [
        x
        for ch in region.channels
        for x in (ch.name, ch.source, ch.url, ch.text, ch.whatsapp, *re.split(r"[()]", ch.phone))
        if x.strip()
    ]
    names += [org.name for org in region.organisations]
    if region.law is not None:
        names += [region.law.name, region.law.source]
    facts = [*lib.facts.values(), *region.facts]
    names += [f.quote for f in facts]
    names += [src.title for src in lib.sources.values()]
    return sorted(set(names), key=len, reverse=True)


def _foreign(
    rules: DeckRules, deck: Deck, seen: list[tuple[int, Piece]], vocab: Vocabulary, ctx: Context
) -> None:
    pattern = pattern_of(vocab.foreign[ctx.lang])  # type: ignore[index]
    if pattern is None:
        return
    exempt = exempt_names(rules.lib, ctx)

    def words(text: str) -> list[str]:
        text = plain(text)  # numbers as written
        for name in exempt:
            text = text.replace(name, " ")
        return [m.group() for m in pattern.finditer(text)]

    located: set[str] = set()
    for _, piece in seen:
        if piece.kind == "name":
            continue
        for word in words(piece.text):
            located.add(word.lower())
            rules.out.at(
                piece.doc,
                piece.loc,
                "foreign-words",
                f'"{word}" is not {ctx.lang}: translate it',
                ctx,
            )
    for slide in deck.slides:
        text = " ".join([*shown_texts(slide), slide.notes])
        for word in words(text):
            if word.lower() not in located:
                located.add(word.lower())
                rules.out.at(
                    rules.doc,
                    ("slides", rules.index.get(slide.talk_slide_id, 0)),
                    "foreign-words",
                    f"slide '{slide.id}' (its text or notes, or a "
                    f'fact, tip or region entry it shows) has "{word}", which is not '
                    f"{ctx.lang}: translate it",
                    ctx,
                )


# --- facts ------------------------------------------------------------------------------------

_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
}
_FRACTIONS = [
    (re.compile(r"\ba\s+third\b", re.I), "1/3"),
    (re.compile(r"\btwo[-\s]thirds\b", re.I), "2/3"),
    (re.compile(r"\bhalf\b", re.I), "1/2"),
]


def figures(text: str) -> set[str]:
    """The numbers written in a text, digits only: 'seven out of 10' -> {'7', '10'}."""
    for pattern, digits in _FRACTIONS:
        text = pattern.sub(digits, text)
    text = re.sub(
        r"\b(" + "|".join(_WORDS) + r")\b", lambda m: _WORDS[m.group().lower()], text, flags=re.I
    )
    return {re.sub(r"[.,]", "", n) for n in re.findall(r"\d+(?:[.,]\d{3})*", text)}


def _wordings(text: Any, langs: Iterable[str]) -> Iterator[tuple[str, str, int, str]]:
    """(language key as written, language, age, wording) for every age of every variant."""
    from talkdeck.library.ages import AGES

    for key in (*langs, *text.tags()):
        lang, _, region = key.partition("-")
        for age in AGES:
            value = text.get(lang, age, key if region else "")
            if value is not None:
                yield key, lang, age, value


def check_facts(out: Collector, lib: Library) -> None:
    """Facts true to their source: figure in the quote, year named, scope named."""
    facts_doc = lib.docs[FACTS]
    langs = facts_doc.data.get("languages") or ["en"]
    found: list[tuple[Document, Loc, Fact, list[Any]]] = [
        (facts_doc, ("facts", _index(facts_doc, "facts", f.id)), f, langs)
        for f in lib.facts.values()
    ]
    for region in lib.regions.values():
        doc = lib.docs[f"region:{region.code}"]
        found += [(doc, ("facts", k), f, region.languages) for k, f in enumerate(region.facts)]
    for doc, loc, fact, fact_langs in found:
        quoted = figures(fact.quote) | {str(fact.year)}
        for key, _lang, age, number in _wordings(fact.number, fact_langs):
            missing = sorted(figures(number) - quoted)
            if missing:
                out.at(
                    doc,
                    text_loc(doc, (*loc, "number"), key, age),
                    "fact-quote",
                    f"fact '{fact.id}': {', '.join(missing)} in \"{number}\" is not in its "
                    "quote: show only the source's own figure",
                )
                break
        reported: set[tuple[str, str]] = set()
        for key, lang, age, wording in _wordings(fact.text, fact_langs):
            where = text_loc(doc, (*loc, "text"), key, age)
            if str(fact.year) not in wording and ("year", key) not in reported:
                reported.add(("year", key))
                out.at(
                    doc,
                    where,
                    "fact-year",
                    f"fact '{fact.id}' ({key}, age {age}) does not name its year "
                    f'{fact.year}: write it as a dated, past claim ("In {fact.year}, ...")',
                )
            scope = fact.scope.get(lang, age) if fact.scope is not None else None
            if scope and scope.lower() not in wording.lower() and ("scope", key) not in reported:
                reported.add(("scope", key))
                out.at(
                    doc,
                    where,
                    "fact-scope",
                    f"fact '{fact.id}' ({key}, age {age}) is about {scope} but does not say "
                    "so on the slide",
                )


def _index(doc: Document, key: str, item_id: str) -> int:
    items = doc.data.get(key, []) if isinstance(doc.data, dict) else []
    return next(
        (i for i, item in enumerate(items) if isinstance(item, dict) and item.get("id") == item_id),
        0,
    )


# --- talks ------------------------------------------------------------------------------------


def _version(text: str) -> tuple[int, ...] | None:
    return tuple(int(p) for p in text.split(".")) if re.fullmatch(r"\d+(\.\d+)*", text) else None


def check_talk(out: Collector, talk: Talk, doc: Document) -> None:
    """The version has its changelog entry and is above the last; approval is recorded."""
    current = _version(talk.version)
    if current is None:
        out.at(
            doc, ("version",), "version", f"version '{talk.version}' is not a number such as 1.1"
        )
    if not talk.changelog or talk.changelog[0].version != talk.version:
        out.at(
            doc,
            ("changelog",),
            "version",
            f"version {talk.version} has no changelog entry: add one at the top, newest first",
        )
    versions = [_version(c.version) for c in talk.changelog]
    for i, (newer, older) in enumerate(itertools.pairwise(versions)):
        if newer is None or older is None or newer <= older:
            out.at(
                doc,
                ("changelog", i + 1, "version"),
                "version",
                f"changelog entry {talk.changelog[i + 1].version} is not below "
                f"{talk.changelog[i].version}: versions must increase, newest first",
            )
    if talk.status == "approved":
        if talk.approved is None:
            out.at(
                doc,
                ("status",),
                "approval",
                f"version {talk.version} is approved but does not say by whom and when: add "
                "`approved: {by: NAME, date: YYYY-MM-DD}`",
            )
        elif talk.approved.date < talk.version_date:
            out.at(
                doc,
                ("approved", "date"),
                "approval",
                f"approved on {talk.approved.date}, before version {talk.version} was made "
                f"({talk.version_date}): approve this version again",
            )
