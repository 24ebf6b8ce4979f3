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
    """A card's fields, each part checked for its type (see :func:`_typed`)."""
    if not isinstance(c, dict):
        raise TypeError("Card: expected a mapping")
    return {
        **c,
        "lines": tuple(_typed(Line, line) for line in c["lines"]),
        "picture": _typed(Picture, c["picture"]) if c["picture"] is not None else None,
        "qr": _typed(QRCode, c["qr"]) if c["qr"] is not None else None,
    }


def from_json(data: dict[str, Any]) -> Deck:
    """A deck from an entry, every field checked for its type. Raises TypeError or ValueError."""
    slides = tuple(
        _typed(
            ResolvedSlide,
            {
                **s,
                "body": tuple(_typed(Line, line) for line in s["body"]),
                "qr": tuple(_typed(QRCode, q) for q in s["qr"]),
                "picture": _typed(Picture, s["picture"]) if s["picture"] is not None else None,
                "cards": tuple(_typed(Card, _card(c)) for c in s["cards"]),
            },
        )
        for s in data["slides"]
    )
    deck = _typed(
        Deck,
        {
            **data,
            "slides": slides,
            "audience": _typed(Audience, data["audience"]),
            "version_date": dt.date.fromisoformat(data["version_date"]),
        },
    )
    for name, table in (("components", deck.components), ("theme", deck.theme)):
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
            raise TypeError(f"{name} must map text to text")
    return deck


_SIMPLE = {"str": str, "int": int, "bool": bool, "dt.date": dt.date}


def _typed(cls: type[T], values: Any) -> T:
    """``cls(**values)`` after checking each value against the field's declared type."""
    if not isinstance(values, dict):
        raise TypeError(f"{cls.__name__}: expected a mapping")
    for spec in fields(cls):  # type: ignore[arg-type]
        if spec.name not in values:
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
    return cls(**values)
