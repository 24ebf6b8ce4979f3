"""Planning a `talkdeck batch`: which decks to build (talk x age x region x language), from a
library checked in full, and the warm-up the forked workers inherit.

The matrix is read from one of two sources that answer the same questions:

- the build cache, when every talk asked for has an entry for the library and code as they are
  now, kept by a load that set nothing aside (:func:`talkdeck.deck.cache.talk_entry`): that
  library passed every check a strict load makes, so nothing is loaded or checked again, as for
  a `talkdeck build` that the cache answers;
- otherwise the library, loaded and checked strictly, the check on a second core while the
  parent warms up the renderer (:mod:`talkdeck.coordinate.background_check`).

A region the entries do not know plans again from the library, which names the regions
near it; every other error on the cached side is the one the library would give (a property
test holds the two to the same plans, notes and errors).
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from talkdeck.errors import ContentError, TalkdeckError, UsageError
from talkdeck.library.ages import AgeRange
from talkdeck.workspace import BuildRequest, Workspace

if TYPE_CHECKING:
    from talkdeck.deck.talk_entry import TalkEntry

MAX_JOBS_PER_CPU = 4  # decks are CPU-bound: more workers than this only cost ~60 MB each


@dataclass(frozen=True)
class BatchRequest:
    """What the coordinator asked for; empty strings mean the defaults described in the CLI."""

    output: Path
    talks: tuple[str, ...] = ()
    ages: str = ""
    regions: str = "all"
    langs: str = ""
    draft: bool = False
    force: bool = False
    jobs: int | None = None
    logo: Path | None = None
    """A logo file for the title and closing slides of every deck."""


@dataclass(frozen=True)
class Job:
    """One deck to build."""

    talk: str
    """As given: a talk id or a path to a talk file."""
    age: int
    region: str
    lang: str
    path: Path
    draft: bool = False
    force: bool = False
    logo: bytes | None = None
    """Checked by :func:`talkdeck.deck.logo.checked_logo` when the batch is planned."""


@dataclass
class Plan:
    library: Path
    output: Path
    jobs: list[Job] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Combinations left out and why (ages or languages a talk lacks, drafts)."""
    workers: int = 1
    loaded: Workspace | None = field(default=None, repr=False)
    """The workspace the planner used (library and talks loaded, or answered by the cache),
    reused in-process and by forked workers, which inherit it instead of loading again."""


class Matrix(Protocol):
    """The questions a plan asks of the library."""

    def talk(self, name: str) -> TalkEntry: ...
    def regions(self) -> list[str]: ...
    def region(self, text: str) -> str: ...
    def languages(self) -> tuple[str, ...]: ...


class LibraryMatrix:
    """Answers from the library, loaded and checked."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def talk(self, name: str) -> TalkEntry:
        from talkdeck.deck.talk_entry import entry_of

        return entry_of(self.ws.lib, self.ws.talk(name)[0])

    def regions(self) -> list[str]:
        return list(self.ws.lib.regions)

    def region(self, text: str) -> str:
        return self.ws.region(text)

    def languages(self) -> tuple[str, ...]:
        return tuple(self.ws.lib.languages)


class CachedMatrix:
    """Answers from the build cache's entries, one per talk (see the module's docstring)."""

    def __init__(self, entries: dict[str, TalkEntry]) -> None:
        self.entries = entries
        first = next(iter(entries.values()))
        self.codes, self.langs = list(first.offered), first.library_languages
        self.aliases = first.aliases

    def talk(self, name: str) -> TalkEntry:
        return self.entries[name]

    def regions(self) -> list[str]:
        return self.codes

    def region(self, text: str) -> str:
        wanted = text.strip().lower()
        found = [code for code in self.codes if code.lower() == wanted]
        if len(found) == 1:
            return found[0]
        if not found and wanted in self.aliases:
            return self.aliases[wanted]
        raise LookupError(text)  # the library path names the region and its neighbours

    def languages(self) -> tuple[str, ...]:
        return self.langs


def parse_ages(text: str) -> tuple[int, ...]:
    """'11-15', '11,13' or '11-12,15' -> sorted ages. Raises UsageError."""
    ages: set[int] = set()
    for part in text.split(","):
        try:
            ages.update(AgeRange.parse(part.strip()).ages)
        except ValueError as exc:
            raise UsageError(f"--ages: {exc}") from None
    return tuple(sorted(ages))


def _regions(matrix: Matrix, text: str) -> list[str]:
    if text.strip().lower() == "all":
        return sorted(matrix.regions(), key=lambda code: (code != "global", code))
    return list(dict.fromkeys(matrix.region(c.strip()) for c in text.split(",") if c.strip()))


def _langs(known: tuple[str, ...], text: str) -> list[str] | None:
    """None: the languages talk and region share; otherwise the chosen ones."""
    if not text:
        return None
    if text.strip().lower() == "all":
        return list(known)
    chosen = [lang.strip().lower() for lang in text.split(",") if lang.strip()]
    for lang in chosen:
        if lang not in known:
            raise UsageError(f"--lang: '{lang}' is not one of {', '.join(known)}, all")
    return chosen


def plan_batch(library: str | Path | None, req: BatchRequest) -> Plan:
    """Resolve the matrix. Raises UsageError for bad options; builds nothing, writes nothing."""
    if req.output.exists() and not req.output.is_dir():
        raise UsageError(f"{req.output}: is a file; -o takes a folder")
    if req.output.is_symlink() and not req.output.exists():  # exists() is False for a loop
        raise UsageError(f"{req.output}: cannot follow it (a symlink loop, or a link to nothing?)")
    logo = None
    if req.logo is not None:
        from talkdeck.deck.logo import checked_logo

        logo = checked_logo(req.logo)
    cached = _cached(library, req)
    if cached is not None:
        try:
            plan = _plan(CachedMatrix(cached[1]), cached[0], req, logo)
        except LookupError:  # a region the entries do not know: the library names its neighbours
            pass
        else:
            _warm_up_from_cache(plan)
            return plan
    ws = _checked_workspace(library, req)
    return _plan(LibraryMatrix(ws), ws, req, logo)


def _plan(matrix: Matrix, ws: Workspace, req: BatchRequest, logo: bytes | None) -> Plan:
    ages = parse_ages(req.ages) if req.ages else None
    regions = _regions(matrix, req.regions)
    langs = _langs(matrix.languages(), req.langs)
    cap = MAX_JOBS_PER_CPU * (os.cpu_count() or 1)
    plan = Plan(ws.root, req.output, workers=min(req.jobs or os.cpu_count() or 1, cap), loaded=ws)
    if req.jobs and req.jobs > cap:
        plan.notes.append(
            f"--jobs {req.jobs}: using {cap} worker processes (at most "
            f"{MAX_JOBS_PER_CPU} per CPU; more only add memory)"
        )
    seen: set[Path] = set()
    for name in req.talks or tuple(ws.talk_ids()):
        talk = matrix.talk(name)
        if talk.status == "draft" and not req.draft:
            message = (
                f"talk '{talk.id}' version {talk.version} is a draft; pass --draft "
                "to build it anyway (every slide will say DRAFT)"
            )
            if req.talks:
                raise TalkdeckError(message)
            plan.notes.append(f"skipped {message}")
            continue
        talk_ages = [a for a in ages or talk.ages if a in talk.ages]
        if ages and len(talk_ages) < len(ages):
            plan.notes.append(f"talk '{talk.id}' is for ages {talk.age_range}; skipped the others")
        missing = sorted(set(langs or ()) - set(talk.languages))
        if missing and req.langs.strip().lower() != "all":
            plan.notes.append(f"talk '{talk.id}' is not written in {', '.join(missing)}; skipped")
        for code in regions:
            offered = talk.offered[code]
            if not offered:
                plan.notes.append(
                    f"talk '{talk.id}' is not written in any language region {code} offers; skipped"
                )
            for lang in offered if langs is None else [x for x in langs if x in offered]:
                for age in talk_ages:
                    path = req.output / f"{talk.id}-{code}-{lang}-{age}.pptx"
                    if path not in seen:
                        seen.add(path)
                        plan.jobs.append(
                            Job(name, age, code, lang, path, req.draft, req.force, logo)
                        )
    if not plan.jobs:
        raise UsageError("nothing to build: no talk matches these ages, regions and languages")
    return plan


def batch_workspace(root: str | Path | None, *, use_cache: bool = False) -> Workspace:
    """Strict: a coordinator's batch covers every region. The cache only when it answers for
    the whole library (see the module's docstring)."""
    return Workspace(root, strict=True, use_cache=use_cache)


def _cached(
    library: str | Path | None, req: BatchRequest
) -> tuple[Workspace, dict[str, TalkEntry]] | None:
    """A workspace answered by the cache, and each talk's entry; None unless every talk has one."""
    from talkdeck.deck.cache import talk_entry

    try:
        ws = batch_workspace(library, use_cache=True)
        entries = {}
        for name in req.talks or tuple(ws.talk_ids()):
            entry = talk_entry(ws.root, ws.talk_file(name))
            if entry is None:
                return None
            entries[name] = entry
    except TalkdeckError:  # an unknown talk, a bad library folder: said by the library path
        return None
    offered = {tuple(e.offered) for e in entries.values()}
    langs = {e.library_languages for e in entries.values()}
    aliases = {tuple(sorted(e.aliases.items())) for e in entries.values()}
    if not entries or len(offered) != 1 or len(langs) != 1 or len(aliases) != 1:
        return None
    return ws, entries


def _warm_up_from_cache(plan: Plan) -> None:
    """Fill the memo with what the cache keeps (text measurements, the template's boxes, QR
    codes) by tailoring the first deck through it, and import the renderer, for the workers
    to inherit. The fonts are left to a worker that meets a text the cache has not measured."""
    assert plan.loaded is not None
    if pool_context().get_start_method() != "fork":
        return
    first = plan.jobs[0]
    with contextlib.suppress(Exception):  # only a warm-up: each job meets any problem again
        plan.loaded.tailor(
            BuildRequest(talk=first.talk, age=first.age, region=first.region, lang=first.lang)
        )
        _warm_renderer(plan.loaded, fonts=False)


def _checked_workspace(library: str | Path | None, req: BatchRequest) -> Workspace:
    """The batch's workspace, its library read and checked (ContentError otherwise).

    Where workers are forked, the renderer is warmed up for them (:func:`prepare`) and the
    talks are read while the library check runs on another core."""
    ws = batch_workspace(library)
    if pool_context().get_start_method() != "fork":
        ws.lib  # noqa: B018  (loads and checks)
        return ws
    from talkdeck.coordinate.background_check import BackgroundCheck
    from talkdeck.library.assets import template_problem
    from talkdeck.library.load import load_library

    check = BackgroundCheck(load_library(ws.root, strict=True, check=False))
    ws = Workspace.over(check.lib)
    # Only a warm-up: anything failing here (a bad --regions, a broken talk) is met again after
    # the check and reported in the usual order. A template the check would refuse (a zip
    # bomb, a link out of assets/) is never opened.
    with contextlib.suppress(Exception):
        if template_problem(ws.root) is None:
            prepare(ws, set(_regions(LibraryMatrix(ws), req.regions)))
    for name in req.talks or tuple(ws.talk_ids()):
        with contextlib.suppress(Exception):
            ws.talk(name)
    problems = check.problems()
    if problems:
        raise ContentError(problems)
    return ws


def pool_context() -> Any:
    """How workers start: fork (Linux) starts them in milliseconds, inheriting the planner's
    workspace; elsewhere (macOS, Windows) spawn is the safe default."""
    if sys.platform.startswith("linux"):
        return mp.get_context("fork")
    return mp.get_context("spawn")


def prepare(ws: Workspace, regions: set[str]) -> None:
    """Do once, before the workers fork, what each would otherwise do for itself: import the
    renderer (python-pptx), read the template's boxes, load the measuring fonts and make the
    QR codes of the regions built, all kept in ``ws`` (its memo) for every worker to inherit."""
    if pool_context().get_start_method() != "fork":
        return  # spawned workers inherit nothing
    _warm_renderer(ws, fonts=True)
    for code in sorted(regions):
        for channel in ws.lib.regions[code].channels:
            if channel.url:
                ws.memo.qr_png(channel.url)


def _warm_renderer(ws: Workspace, *, fonts: bool) -> None:
    from talkdeck.deck import fit, render  # noqa: F401  (imported for the workers)

    ws.memo.box_specs(ws.template)  # from the memo when the cache kept them
    if fonts:
        for bold in (False, True):
            for italic in (False, True):
                fit.em_width(" ", bold, italic)
