"""`talkdeck batch`: every talk x age x region x language in one run, on every core.

The parent loads and checks the library and talks once to plan the matrix (on Linux the check
runs on a second core while the parent warms up the renderer for the workers: see
:mod:`talkdeck.coordinate.background_check`). Forked workers
(Linux) inherit that copy; spawned ones (macOS, Windows) load it once in the pool initializer.
Either way a worker then builds many decks, so a deck costs only its tailoring, rendering and
writing. A failing variant becomes an :class:`Outcome` with an error;
the others still build. The manifest lists what was built, sorted, with no timestamps.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing as mp
import os
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from talkdeck import __version__
from talkdeck.coordinate.lifeline import detach_output, die_with_parent
from talkdeck.deck.overwrite import protect
from talkdeck.deck.variants import deck_languages
from talkdeck.deck.write import read_stamp, remove_stale_temps, write_atomic
from talkdeck.errors import ContentError, TalkdeckError, UsageError
from talkdeck.library.ages import AgeRange
from talkdeck.workspace import BuildRequest, Workspace

if TYPE_CHECKING:
    from talkdeck.library.load import Library
    from talkdeck.library.model import Region, Talk

MANIFEST = "manifest.json"
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


@dataclass(frozen=True)
class Outcome:
    """One deck's result: its manifest entry, or the error that stopped it."""

    job: Job
    entry: dict[str, Any] | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.entry is not None


@dataclass
class Plan:
    library: Path
    output: Path
    jobs: list[Job] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Combinations left out and why (ages or languages a talk lacks, drafts)."""
    workers: int = 1
    loaded: _Worker | None = field(default=None, repr=False)
    """The library and talks as the planner loaded them, reused in-process and by forked
    workers (which inherit them instead of loading them again)."""


def parse_ages(text: str) -> tuple[int, ...]:
    """'11-15', '11,13' or '11-12,15' -> sorted ages. Raises UsageError."""
    ages: set[int] = set()
    for part in text.split(","):
        try:
            ages.update(AgeRange.parse(part.strip()).ages)
        except ValueError as exc:
            raise UsageError(f"--ages: {exc}") from None
    return tuple(sorted(ages))


def _regions(ws: Workspace, text: str) -> list[str]:
    if text.strip().lower() == "all":
        return sorted(ws.lib.regions, key=lambda code: (code != "global", code))
    return list(dict.fromkeys(ws.region(c.strip()) for c in text.split(",") if c.strip()))


def _langs(lib: Library, text: str) -> list[str] | None:
    """None: the languages talk and region share; otherwise the chosen ones."""
    if not text:
        return None
    if text.strip().lower() == "all":
        return list(lib.languages)
    chosen = [lang.strip().lower() for lang in text.split(",") if lang.strip()]
    for lang in chosen:
        if lang not in lib.languages:
            raise UsageError(f"--lang: '{lang}' is not one of {', '.join(lib.languages)}, all")
    return chosen


def _variant_langs(talk: Talk, region: Region, chosen: list[str] | None) -> list[str]:
    offered = deck_languages(talk, region)
    return offered if chosen is None else [lang for lang in chosen if lang in offered]


def plan_batch(library: str | Path | None, req: BatchRequest) -> Plan:
    """Resolve the matrix. Raises UsageError for bad options; builds nothing, writes nothing."""
    if req.output.exists() and not req.output.is_dir():
        raise UsageError(f"{req.output}: is a file; -o takes a folder")
    logo = None
    if req.logo is not None:
        from talkdeck.deck.logo import checked_logo

        logo = checked_logo(req.logo)
    ws = _checked_workspace(library, req)
    lib = ws.lib
    ages = parse_ages(req.ages) if req.ages else None
    regions = _regions(ws, req.regions)
    langs = _langs(lib, req.langs)
    cap = MAX_JOBS_PER_CPU * (os.cpu_count() or 1)
    plan = Plan(
        lib.root, req.output, workers=min(req.jobs or os.cpu_count() or 1, cap), loaded=_Worker(ws)
    )
    if req.jobs and req.jobs > cap:
        plan.notes.append(
            f"--jobs {req.jobs}: using {cap} worker processes (at most "
            f"{MAX_JOBS_PER_CPU} per CPU; more only add memory)"
        )
    seen: set[Path] = set()
    for name in req.talks or tuple(ws.talk_ids()):
        talk, _ = ws.talk(name)
        if talk.status == "draft" and not req.draft:
            message = (
                f"talk '{talk.id}' version {talk.version} is a draft; pass --draft "
                "to build it anyway (every slide will say DRAFT)"
            )
            if req.talks:
                raise TalkdeckError(message)
            plan.notes.append(f"skipped {message}")
            continue
        talk_ages = [a for a in ages or talk.ages.ages if a in talk.ages]
        if ages and len(talk_ages) < len(ages):
            plan.notes.append(f"talk '{talk.id}' is for ages {talk.ages}; skipped the others")
        missing = sorted(set(langs or ()) - set(talk.languages))
        if missing and req.langs.strip().lower() != "all":
            plan.notes.append(f"talk '{talk.id}' is not written in {', '.join(missing)}; skipped")
        for code in regions:
            if not deck_languages(talk, lib.regions[code]):
                plan.notes.append(
                    f"talk '{talk.id}' is not written in any language region {code} offers; skipped"
                )
            for lang in _variant_langs(talk, lib.regions[code], langs):
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


def _workspace(root: str | Path | None) -> Workspace:
    # Strict: a coordinator's batch covers every region. No cache: the library is loaded anyway.
    return Workspace(root, strict=True, use_cache=False)


def _checked_workspace(library: str | Path | None, req: BatchRequest) -> Workspace:
    """The batch's workspace, its library read and checked (ContentError otherwise).

    Where workers are forked, the renderer is warmed up for them (:func:`prepare`) and the
    talks are read while the library check runs on another core."""
    ws = _workspace(library)
    if _context().get_start_method() != "fork":
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
            prepare(ws, set(_regions(ws, req.regions)))
    for name in req.talks or tuple(ws.talk_ids()):
        with contextlib.suppress(Exception):
            ws.talk(name)
    problems = check.problems()
    if problems:
        raise ContentError(problems)
    return ws


class _Worker:
    """Builds decks through one workspace: the library and each talk are loaded once."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def build(self, job: Job) -> Outcome:
        """Build one deck. Side effect: writes job.path atomically. Never raises."""
        try:
            protect(job.path, job.force)
            request = BuildRequest(
                talk=job.talk, age=job.age, region=job.region, lang=job.lang, draft=job.draft
            )
            deck = self.ws.tailor(request)
            data = self.ws.render(deck, job.talk, job.logo)
            write_atomic(job.path, data)
        except ContentError as exc:  # one line per deck in the report
            return Outcome(job, error="; ".join(map(str, exc.problems)))
        except TalkdeckError as exc:  # reported after the file name, so drop a repeated path
            return Outcome(job, error=exc.message.removeprefix(f"{job.path}: "))
        except Exception as exc:  # one broken variant must not stop the others
            return Outcome(job, error=f"unexpected {type(exc).__name__}: {exc}")
        stamp = read_stamp(job.path) or {}  # the fingerprint as stamped (it covers the template)
        entry = {
            "file": job.path.name,
            "talk": deck.talk_id,
            "version": deck.version,
            "age": job.age,
            "region": job.region,
            "language": job.lang,
            "fingerprint": stamp.get("fingerprint", ""),
            "sha256": hashlib.sha256(data).hexdigest(),
            "slides": len(deck.slides),
        }
        return Outcome(job, entry=entry)


_WORKER: _Worker | None = None
_INHERITED: _Worker | None = None  # set in the parent just before forking the pool


def _init_worker(root: Path, parent: int) -> None:
    global _WORKER
    die_with_parent(parent)
    detach_output()
    if _INHERITED is not None and _INHERITED.ws.root == root:
        _WORKER = _INHERITED  # forked: the parent's checked library is already in memory
    else:
        _WORKER = _Worker(_workspace(root))


def _run_job(job: Job) -> Outcome:
    assert _WORKER is not None, "the pool initializer did not run"
    return _WORKER.build(job)


def _context() -> Any:
    # fork starts workers in milliseconds; elsewhere (macOS, Windows) spawn is the safe default.
    if sys.platform.startswith("linux"):
        return mp.get_context("fork")
    return mp.get_context("spawn")


def prepare(ws: Workspace, regions: set[str]) -> None:
    """Do once, before the workers fork, what each would otherwise do for itself: import the
    renderer (python-pptx), read the template's boxes, load the measuring fonts and make the
    QR codes of the regions built, all kept in ``ws`` (its memo) for every worker to inherit."""
    from talkdeck.deck import fit, render  # noqa: F401  (imported for the workers)

    ws.memo.box_specs(ws.template)
    for bold in (False, True):
        for italic in (False, True):
            fit.em_width(" ", bold, italic)
    for code in sorted(regions):
        for channel in ws.lib.regions[code].channels:
            if channel.url:
                ws.memo.qr_png(channel.url)


def run_batch(plan: Plan, report: Callable[[Outcome], None] = lambda _: None) -> list[Outcome]:
    """Build every job, calling ``report`` as each finishes, then write the manifest.

    Side effects: creates the output folder, writes the decks and manifest.json in it.
    Returns the outcomes sorted by file name.
    """
    plan.output.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(plan.output)  # left by a run killed while writing
    outcomes: list[Outcome] = []
    workers = min(plan.workers, len(plan.jobs))
    if workers <= 1:
        worker = plan.loaded or _Worker(_workspace(plan.library))
        for job in plan.jobs:
            outcomes.append(worker.build(job))
            report(outcomes[-1])
    else:
        global _INHERITED
        _INHERITED = plan.loaded  # warmed up by plan_batch: see _checked_workspace
        try:
            with ProcessPoolExecutor(
                workers,
                mp_context=_context(),
                initializer=_init_worker,
                initargs=(plan.library, os.getpid()),
            ) as pool:
                futures = {pool.submit(_run_job, job): job for job in plan.jobs}
                for future in as_completed(futures):
                    try:
                        outcome = future.result()
                    except Exception as exc:  # a worker died (killed, out of memory...)
                        outcome = Outcome(futures[future], error=f"worker failed: {exc!r}")
                    outcomes.append(outcome)
                    report(outcome)
        finally:
            _INHERITED = None
    outcomes.sort(key=lambda o: o.job.path.name)
    write_manifest(plan.output / MANIFEST, outcomes)
    return outcomes


def write_manifest(path: Path, outcomes: list[Outcome]) -> None:
    """manifest.json: built decks and failures, sorted, deterministic. Side effect: writes it."""
    manifest = {
        "tool": f"talkdeck {__version__}",
        "decks": [o.entry for o in outcomes if o.entry is not None],
        "failed": [
            {
                "file": o.job.path.name,
                "talk": o.job.talk,
                "age": o.job.age,
                "region": o.job.region,
                "language": o.job.lang,
                "error": o.error,
            }
            for o in outcomes
            if not o.ok
        ],
    }
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    write_atomic(path, text.encode())
