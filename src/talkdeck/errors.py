"""The one error root and the problem records every stage reports with.

Exit codes live in one place, :func:`talkdeck.cli.main.main`: a ``TalkdeckError`` exits with its
``exit_code`` (1: content or build problem), click's own usage errors exit 2.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


class TalkdeckError(Exception):
    """A problem the user can fix; its message is shown without a traceback."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def lines(self) -> list[str]:
        """What the user sees on stderr."""
        return [f"error: {self.message}"]


class UsageError(TalkdeckError):
    """A wrong option value only known once the library is read (region, talk, language), or
    a path the user typed that is not there (-L, a talk file, a deck)."""

    exit_code = 2


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a content file, pointing at the line a coordinator must edit."""

    path: str
    line: int
    col: int
    where: str
    message: str

    def __str__(self) -> str:
        place = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        where = f" {self.where}:" if self.where else ""
        return f"{place}:{where} {self.message}"


class ContentError(TalkdeckError):
    """Every problem found in one run; raised once, after collecting them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        count = len(self.problems)
        self.summary = f"{count} problem{'s' if count != 1 else ''} found"
        super().__init__("\n".join([*map(str, self.problems), self.summary]))

    def lines(self) -> list[str]:
        return [*map(str, self.problems), f"error: {self.summary}"]


class BuildError(TalkdeckError):
    """The deck could not be produced (template, output path, image...)."""


def did_you_mean(given: str, known: Iterable[str]) -> str:
    """' (did you mean 'GB'?)'-style hint for a mistyped id or code, or '' when none is close.

    Compared case-insensitively; returns the text to put before the list of valid values."""
    import difflib

    choices = {k.lower(): k for k in known}
    close = difflib.get_close_matches(given.lower(), list(choices), n=1, cutoff=0.6)
    return f"did you mean '{choices[close[0]]}'? " if close else ""
