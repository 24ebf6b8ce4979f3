"""What lint reports: its rules, one finding per problem and the decks it was seen in, and the
collector that merges them. Shared by :mod:`lint` and the rule modules, which import it one way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from talkdeck.coordinate.content_rules import RULES as CONTENT_RULES
from talkdeck.coordinate.wording_rules import RULES as WORDING_RULES
from talkdeck.errors import Problem
from talkdeck.library.safe_yaml import Document

RULES: dict[str, tuple[str, str]] = {
    "invalid": ("error", "the file does not load; `talkdeck validate` shows the same problem"),
    "missing-translation": ("error", "a text, or a whole language a region offers, is missing"),
    "fit": ("error", "text does not fit its box even at the smallest size allowed"),
    "reading-grade": ("warning", "pupil-facing slide text is above the reading level for the age"),
    "bare-number": ("error", "a number in slide text that does not come from a fact"),
    "stale-verification": (
        "error",
        "a helpline or law was last gathered or confirmed more "
        "than 12 months ago (or in the future)",
    ),
    "unconfirmed": (
        "notice",
        "a helpline or law read from a published source that nobody has "
        "confirmed yet (reported, never fails lint)",
    ),
    "missing-notes": ("error", "a slide without speaker notes"),
    "missing-alt": ("error", "a picture without (meaningful) alternative text"),
    "words-per-slide": (
        "error",
        "a pupil slide shows more than 30 words (ages 11-12) or 40 (13-15); region texts are "
        "split over more slides by sentence, so one sentence alone is over",
    ),
    "phone-wrap": ("error", "a line break would split a helpline number on a slide"),
    "missing-picture": (
        "error",
        "a slide whose layout has a picture frame, or a card, shows no picture",
    ),
    "same-picture": (
        "warning",
        "two slides in a row show the same picture (the second looks like a repeat)",
    ),
    "lone-card": (
        "warning",
        "a card slide split over several slides leaves one card alone on a slide",
    ),
    "language-tag": (
        "error",
        "a deck's language tag (languages.yaml) is not a BCP 47 tag of its language",
    ),
    "contrast": (
        "error",
        "a text colour on its background is below WCAG AA (4.5:1; 3:1 for text "
        "of 24 pt bold and larger)",
    ),
    "deck-completeness": (
        "error",
        "a deck without ground rules, a helpline slide or disclosure guidance in its notes",
    ),
}
"""Rule name -> (severity, what it catches). ``--strict`` treats every warning as an error.

"advice" is a design target the shipped talks do not all meet yet: shown, never failing (not even
with ``--strict``); it becomes an error once the slides are split to meet it (words-per-slide
did). A "notice" is an honest state to report (a helpline nobody has confirmed yet), never a
failure either."""
RULES.update(CONTENT_RULES)  # what a deck says: vocabulary, facts, help, timing, versions
RULES.update(WORDING_RULES)  # retired wordings; a language's variety and register


@dataclass(frozen=True)
class Context:
    """One deck lint looked at: a language, an age and a region."""

    lang: str
    age: int
    region: str


@dataclass
class Finding:
    """One problem, at the line to edit, with every deck it was found in."""

    path: str
    line: int
    rule: str
    message: str
    contexts: set[Context] = field(default_factory=set)

    @property
    def severity(self) -> str:
        return RULES[self.rule][0]


class Collector:
    """Gathers findings, merging the same problem seen in several decks."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, int, str, str], Finding] = {}

    def add(
        self, path: str, line: int, rule: str, message: str, ctx: Context | None = None
    ) -> None:
        finding = self.found.setdefault(
            (path, line, rule, message), Finding(path, line, rule, message)
        )
        if ctx is not None:
            finding.contexts.add(ctx)

    def at(
        self,
        doc: Document,
        loc: tuple[Any, ...],
        rule: str,
        message: str,
        ctx: Context | None = None,
    ) -> None:
        self.add(doc.path, doc.mark(loc)[0], rule, message, ctx)

    def problems(self, problems: Iterable[Problem]) -> None:
        for p in problems:
            rule = "missing-translation" if _is_translation(p.message) else "invalid"
            where = f"{p.where}: " if p.where else ""
            self.add(p.path, p.line, rule, f"{where}{p.message}")


def _is_translation(message: str) -> bool:
    return (
        message.startswith("missing translation")
        or " has no '" in message
        or (message.startswith("no '") and "' text for age" in message)
    )


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (clamped to the month's last day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")
