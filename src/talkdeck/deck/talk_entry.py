"""What a build-cache entry says about its talk and the library (:class:`TalkEntry`): written
into the entry's index by :func:`talkdeck.deck.cache.store`, read back by
:func:`talkdeck.deck.cache.talk_entry` to plan a batch without loading either
(:mod:`talkdeck.coordinate.batch_plan`), which also asks a loaded library the same questions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from talkdeck.library.load import Library
    from talkdeck.library.model import Talk


@dataclass(frozen=True)
class TalkEntry:
    """A talk, and the library's regions and languages, as planning a batch needs them."""

    id: str
    version: str
    status: str
    ages: tuple[int, ...]
    age_range: str
    """The talk's ages as written (``11-15``)."""
    languages: tuple[str, ...]
    """The languages the talk is written in."""
    library_languages: tuple[str, ...]
    offered: dict[str, tuple[str, ...]]
    """Every region's code -> the languages a deck of this talk can have there."""
    aliases: dict[str, str]
    """Each region alias, lower case -> its region's code (``uk`` -> ``GB``)."""

    def index(self) -> dict[str, Any]:
        """The entry's part of a cache index (JSON)."""
        return {
            "talk": self.id,
            "version": self.version,
            "status": self.status,
            "ages": self.ages,
            "age_range": self.age_range,
            "talk_languages": self.languages,
            "library_languages": self.library_languages,
            "languages": self.offered,
            "aliases": self.aliases,
        }

    @classmethod
    def from_index(cls, index: Any) -> TalkEntry | None:
        """The entry a cache index holds, if every value has its type and the load that wrote
        it set no file aside; else None. Raises KeyError or TypeError on a malformed index."""
        texts = [index[name] for name in ("talk", "version", "status", "age_range")]
        lists = [index[name] for name in ("talk_languages", "library_languages")]
        ages, offered, aliases = index["ages"], index["languages"], index["aliases"]
        if not (
            index["warnings"] == []
            and all(type(t) is str for t in texts)
            and all(type(x) is list and all(type(v) is str for v in x) for x in lists)
            and type(ages) is list
            and all(type(a) is int for a in ages)
            and type(offered) is dict
            and all(type(v) is list and all(type(x) is str for x in v) for v in offered.values())
            and type(aliases) is dict
            and all(type(k) is str and v in offered for k, v in aliases.items())
        ):
            return None
        return cls(
            id=texts[0],
            version=texts[1],
            status=texts[2],
            ages=tuple(ages),
            age_range=texts[3],
            languages=tuple(lists[0]),
            library_languages=tuple(lists[1]),
            offered={code: tuple(langs) for code, langs in offered.items()},
            aliases=dict(aliases),
        )


def entry_of(lib: Library, talk: Talk) -> TalkEntry:
    """What an entry for ``talk`` in ``lib`` says (the library already loaded and checked)."""
    from talkdeck.deck.variants import deck_languages

    return TalkEntry(
        id=talk.id,
        version=talk.version,
        status=talk.status,
        ages=talk.ages.ages,
        age_range=str(talk.ages),
        languages=tuple(talk.languages),
        library_languages=tuple(lib.languages),
        offered={code: tuple(deck_languages(talk, r)) for code, r in lib.regions.items()},
        aliases={a.lower(): code for code, r in lib.regions.items() for a in r.aliases},
    )
