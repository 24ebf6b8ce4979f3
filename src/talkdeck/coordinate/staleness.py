"""Is a built deck still current, and may talkdeck replace it?

* :func:`protect` stops ``build`` and ``batch`` from replacing a file that talkdeck cannot vouch
  for: a deck changed after it was written (its parts no longer match the stamp's ``content``
  digest), a deck from a talkdeck too old to record that digest, or any other file.
* :func:`check_decks` compares each deck's stamp with the current library: the stamp lists a
  digest per input (talk, region, helplines, guidance, template, each fact and tip), so tailoring
  the same talk for the same audience again and diffing the digests says *why* a deck is outdated.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from talkdeck.deck.overwrite import OverwriteRefused, _stamp_of, edited, protect  # noqa: F401  (re-exported)
from talkdeck.errors import TalkdeckError
from talkdeck.library.locate import clip

if TYPE_CHECKING:
    from talkdeck.library.load import Library
    from talkdeck.library.model import Change, Talk
    from talkdeck.workspace import Workspace

UP_TO_DATE, OUTDATED, DRAFT, FOREIGN = "up to date", "outdated", "draft", "not a talkdeck deck"
REQUIRED = ("talk", "version", "age", "region", "language", "components")


@dataclass
class DeckCheck:
    """What `talkdeck check` found for one deck."""

    path: Path
    status: str
    reasons: list[str] = field(default_factory=list)
    changelog: list[Change] = field(default_factory=list)
    """Changelog entries newer than the deck's talk version."""
    edited: bool | None = None
    stamp: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == UP_TO_DATE and not self.edited

    def as_dict(self) -> dict[str, Any]:
        keys = ("talk", "version", "status", "age", "region", "language")
        return {
            "deck": str(self.path),
            "status": self.status,
            "edited_by_hand": self.edited,
            "reasons": self.reasons,
            "changelog": [c.model_dump(mode="json") for c in self.changelog],
            "built_from": {k: self.stamp[k] for k in keys if k in self.stamp},
        }

    def lines(self) -> list[str]:
        """The report for people: a header, then one indented line per reason."""
        s = self.stamp
        what = (
            f" ({clip(s['talk'])} {clip(s['version'])}, age {clip(s['age'], 20)}, "
            f"{clip(s['region'])}, "
            f"{s['language']})"
            if self.status != FOREIGN
            else ""
        )
        out = [f"{self.path}: {self.status}{', edited by hand' if self.edited else ''}{what}"]
        for reason in self.reasons:
            out.append(f"  - {reason}")
            if reason.startswith("talk version "):
                out += [f"      {c.version} ({c.date}): {c.changes}" for c in self.changelog]
        if self.edited:
            out.append(
                "  - changed after talkdeck built it: rebuilding needs --force and "
                "replaces those edits"
            )
        return out


def _version_key(version: str) -> tuple[int, ...] | None:
    parts = version.split(".")
    return tuple(map(int, parts)) if all(p.isdigit() for p in parts) else None


def changelog_since(talk: Talk, version: str) -> list[Change]:
    """Entries for versions newer than ``version``: by number when versions are numeric,
    otherwise the entries listed above ``version``'s own (the changelog is newest first)."""
    key = _version_key(version)
    keys = [_version_key(c.version) for c in talk.changelog]
    if key is not None and all(k is not None for k in keys):
        return [c for c, k in zip(talk.changelog, keys, strict=True) if k is not None and k > key]
    seen = [c.version for c in talk.changelog]
    return talk.changelog[: seen.index(version)] if version in seen else list(talk.changelog)


def diff_components(
    old: dict[str, str], new: dict[str, str], stamp: dict[str, str], talk: Talk
) -> list[str]:
    """Why a deck built from ``old`` inputs differs from one built now, one reason per input."""
    reasons: list[str] = []
    if old.get("talk") != new["talk"]:
        if stamp["version"] != talk.version:
            reasons.append(f"talk version {stamp['version']} -> {talk.version}")
        elif stamp.get("status") == "draft" and talk.status == "approved":
            reasons.append(f"talk version {talk.version} was approved after this draft was built")
        else:
            reasons.append(f"talk '{talk.id}' changed without a new version (still {talk.version})")
    code = stamp["region"]
    # The region digest covers its helplines too; a separate one (decks since 0.1) tells which.
    known = "helplines" in old
    if known and old["helplines"] != new.get("helplines"):
        reasons.append(f"helplines of region {code} changed")
    elif old.get("region") != new["region"]:
        detail = (
            "name, law, organisations or local facts"
            if known
            else "helplines, name, law or local facts"
        )
        reasons.append(f"region {code} changed ({detail})")
    if old.get("guidance") != new["guidance"]:
        reasons.append("safeguarding guidance changed")
    if old.get("template") != new["template"]:
        reasons.append("template changed")
    if "theme" in old and old["theme"] != new.get("theme"):
        reasons.append("theme (assets/theme.yaml) changed")
    for key in sorted(set(old) | set(new)):
        kind, _, name = key.partition(":")
        if kind not in ("fact", "tip") or old.get(key) == new.get(key):
            continue
        if key not in new:
            reasons.append(f"{kind} {name} no longer used")
        elif key not in old:
            reasons.append(f"{kind} {name} now used")
        else:
            reasons.append(f"{kind} {name} changed")
    return reasons


class _Current:
    """The current library, loaded on first need, with talks and the template digest cached."""

    def __init__(self, library: str | Path | None) -> None:
        self.option = library
        self._ws: Workspace | None = None
        self._template = ""

    @property
    def ws(self) -> Workspace:
        """The library's workspace, made on first need (a deck that is not talkdeck's needs
        no library)."""
        if self._ws is None:
            from talkdeck.library.locate import template_digest
            from talkdeck.workspace import Workspace

            self._ws = Workspace(self.option, strict=True, use_cache=False)
            self._template = template_digest(self._ws.template)
        return self._ws

    @property
    def lib(self) -> Library:
        return self.ws.lib

    def talk(self, talk_id: str) -> Talk | None:
        if talk_id not in self.ws.talk_ids():
            return None
        return self.ws.talk(talk_id)[0]

    def components(self, talk: Talk, stamp: dict[str, str]) -> dict[str, str] | str:
        """The inputs a deck for the stamp's audience would be built from now, or why none."""
        from talkdeck.workspace import BuildRequest

        age, region, lang = int(stamp["age"]), stamp["region"], stamp["language"]
        if region not in self.lib.regions:
            return f"region {region} is not in the library"
        if age not in talk.ages:
            return f"talk '{talk.id}' is no longer for age {age} (now {talk.ages})"
        if lang not in talk.languages:
            return f"talk '{talk.id}' is no longer written in '{lang}'"
        if lang not in self.lib.regions[region].languages:
            return f"region {region} no longer offers '{lang}'"
        deck = self.ws.tailor(BuildRequest(talk.id, age, region, lang, draft=True))
        return {**deck.components, "template": self._template}


def check_deck(path: Path, current: _Current) -> DeckCheck:
    """Check one deck against the current library. Side effect: may load the library."""
    stamp = _stamp_of(path)
    if stamp is None or any(k not in stamp for k in REQUIRED):
        return DeckCheck(path, FOREIGN)
    result = DeckCheck(path, OUTDATED, edited=edited(path, stamp), stamp=stamp)
    damage = stamp_damage(stamp)
    if damage:  # a stamp changed by hand: say so, never guess from it
        result.reasons.append(f"its stamp was changed: {damage}")
        return result
    talk = current.talk(stamp["talk"])
    if talk is None:
        result.reasons.append(f"talk '{stamp['talk']}' is not in the library")
        return result
    now = current.components(talk, stamp)
    if isinstance(now, str):
        result.reasons.append(now)
        return result
    old = json.loads(stamp["components"])
    result.reasons = diff_components(old, now, stamp, talk)
    if any(r.startswith("talk version ") for r in result.reasons):
        result.changelog = changelog_since(talk, stamp["version"])
    if not result.reasons:
        result.status = UP_TO_DATE
        if stamp.get("status") == "draft":
            result.status = DRAFT
            result.reasons.append(f"built from draft version {talk.version}, not approved yet")
    return result


def stamp_damage(stamp: dict[str, str]) -> str | None:
    """What in a stamp no talkdeck writes (age 'twelve', components that are not a mapping of
    digests), or None."""
    age = stamp["age"]
    if not (age.isascii() and age.isdigit() and len(age) <= 2):
        return f"age '{clip(age, 20)}' is not an age"
    try:
        components = json.loads(stamp["components"])
    except (ValueError, RecursionError):
        return "its list of inputs is not JSON"
    if not isinstance(components, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in components.items()
    ):
        return "its list of inputs is not a mapping of digests"
    if not isinstance(stamp.get("talk"), str) or not stamp["talk"]:
        return "it names no talk"
    return None


def deck_paths(given: tuple[Path, ...]) -> list[Path]:
    """Files as given; a folder stands for the .pptx files directly inside it."""
    out: list[Path] = []
    for path in given:
        out += sorted(path.glob("*.pptx")) if path.is_dir() else [path]
    return out


def check_decks(library: str | Path | None, given: tuple[Path, ...]) -> list[DeckCheck]:
    """`talkdeck check`: one result per deck. Raises ContentError if the library is broken."""
    current = _Current(library)
    paths = deck_paths(given)
    if not paths:
        raise TalkdeckError(f"no .pptx files in {', '.join(map(str, given))}")
    return [check_deck(path, current) for path in paths]
