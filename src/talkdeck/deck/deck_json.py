"""A tailored deck as JSON and back: how the build cache keeps each variant.

JSON, not pickle: a cache file is data and can never run code. Reading back treats the file
as untrusted input: every field is checked against its declared type before a deck is made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, fields
from typing import Any, TypeVar

from talkdeck.deck.kinds import Card, Line, Picture, QRCode
from talkdeck.deck.resolved import Audience, Deck, ResolvedSlide

T = TypeVar("T")


def to_json(deck: Deck) -> dict[str, Any]:
    return asdict(deck) | {"version_date": deck.version_date.isoformat()}


def _card(c: Any) -> dict[str, Any]:
    """A card's fields, each part checked for its type (see :func:`typed`)."""
    if not isinstance(c, dict):
        raise TypeError("Card: expected a mapping")
    return {
        **c,
        "lines": tuple(typed(Line, line) for line in c["lines"]),
        "picture": typed(Picture, c["picture"]) if c["picture"] is not None else None,
        "qr": typed(QRCode, c["qr"]) if c["qr"] is not None else None,
    }


def from_json(data: dict[str, Any]) -> Deck:
    """A deck from an entry, every field checked for its type. Raises TypeError or ValueError."""
    slides = tuple(
        typed(
            ResolvedSlide,
            {
                **s,
                "body": tuple(typed(Line, line) for line in s["body"]),
                "qr": tuple(typed(QRCode, q) for q in s["qr"]),
                "picture": typed(Picture, s["picture"]) if s["picture"] is not None else None,
                "cards": tuple(typed(Card, _card(c)) for c in s["cards"]),
            },
        )
        for s in data["slides"]
    )
    deck = typed(
        Deck,
        {
            **data,
            "slides": slides,
            "audience": typed(Audience, data["audience"]),
            "version_date": dt.date.fromisoformat(data["version_date"]),
        },
    )
    for name, table in (("components", deck.components), ("theme", deck.theme)):
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
            raise TypeError(f"{name} must map text to text")
    return deck


_SIMPLE = {"str": str, "int": int, "bool": bool, "dt.date": dt.date}


def typed(cls: type[T], values: Any, *, every: bool = False, **built: Any) -> T:
    """``cls(**values)`` after checking each value against the field's declared type.

    ``every``: each field must be in ``values``, defaulted or not (a file talkdeck wrote whole);
    ``built``: fields the caller made and checked itself, in place of ``values``' own.
    """
    if not isinstance(values, dict):
        raise TypeError(f"{cls.__name__}: expected a mapping")
    for spec in fields(cls):  # type: ignore[arg-type]
        if spec.name in built:
            continue
        if spec.name not in values:
            if every:
                raise KeyError(f"{cls.__name__}.{spec.name}")
            continue
        value, kind = values[spec.name], str(spec.type)
        if kind == "float":
            ok = type(value) in (int, float)
        elif kind in _SIMPLE:
            ok = type(value) is _SIMPLE[kind]
        elif kind.startswith("tuple["):
            ok = isinstance(value, tuple)
        elif kind.endswith("| None"):
            ok = value is None or type(value).__name__ == kind.split(" |")[0]
        elif kind.startswith("dict["):
            ok = isinstance(value, dict)
        else:
            ok = type(value).__name__ == kind
        if not ok:
            raise TypeError(f"{cls.__name__}.{spec.name}: {type(value).__name__} is not {kind}")
    return cls(**{**values, **built})
