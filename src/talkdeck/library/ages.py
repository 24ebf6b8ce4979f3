"""Pupils' ages and age ranges (``13``, ``11-12``), without pydantic: a batch plans its ages
with them before, or without, loading any model (see :mod:`talkdeck.library.texts` for the
texts that vary by age)."""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_AGE, MAX_AGE = 11, 15
AGES = tuple(range(MIN_AGE, MAX_AGE + 1))
AGE_KEY_RE = re.compile(r"^\s*(\d{1,3})\s*(?:-\s*(\d{1,3})\s*)?$")


@dataclass(frozen=True, order=True)
class AgeRange:
    """An inclusive range of pupils' ages within 11-15."""

    lo: int
    hi: int

    def __contains__(self, age: object) -> bool:
        return isinstance(age, int) and self.lo <= age <= self.hi

    def __str__(self) -> str:
        return str(self.lo) if self.lo == self.hi else f"{self.lo}-{self.hi}"

    @property
    def ages(self) -> tuple[int, ...]:
        return tuple(range(self.lo, self.hi + 1))

    @classmethod
    def parse(cls, value: object) -> AgeRange:
        """Read ``13``, ``"13"`` or ``"11-12"``; raise ValueError with a plain message."""
        if isinstance(value, AgeRange):
            return value
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise ValueError(f"expected an age or a range such as 11-12, got {value!r}")
        match = AGE_KEY_RE.match(str(value))
        if not match:
            raise ValueError(f"expected an age or a range such as 11-12, got {value!r}")
        lo = int(match.group(1))
        hi = int(match.group(2)) if match.group(2) else lo
        for age in (lo, hi):
            if age not in AGES:
                raise ValueError(f"{age} is outside {MIN_AGE}-{MAX_AGE}")
        if lo > hi:
            raise ValueError(f"range {lo}-{hi} is reversed (write {hi}-{lo})")
        return cls(lo, hi)


ALL_AGES = AgeRange(MIN_AGE, MAX_AGE)
