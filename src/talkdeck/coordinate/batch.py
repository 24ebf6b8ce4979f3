"""`talkdeck batch`: every talk x age x region x language in one run, on every core.

The plan (:mod:`talkdeck.coordinate.batch_plan`) resolves the matrix from a library checked
once. Forked workers (Linux) inherit the planner's workspace; spawned ones (macOS, Windows)
load the library once in the pool initializer. Either way a worker then builds many decks, so
a deck costs only its tailoring, rendering and writing. A failing variant becomes an
:class:`Outcome` with an error; the others still build. The manifest lists what was built,
sorted, with no timestamps (:mod:`talkdeck.coordinate.manifest`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from talkdeck.coordinate import batch_plan
from talkdeck.coordinate.batch_plan import Job, Plan, batch_workspace
from talkdeck.coordinate.lifeline import detach_output, die_with_parent
from talkdeck.coordinate.manifest import MANIFEST, write_manifest
from talkdeck.deck.overwrite import protect
from talkdeck.deck.write import read_stamp, remove_stale_temps, write_atomic
from talkdeck.errors import ContentError, TalkdeckError
from talkdeck.workspace import BuildRequest, Workspace


@dataclass(frozen=True)
class Outcome:
    """One deck's result: its manifest entry, or the error that stopped it."""

    job: Job
    entry: dict[str, Any] | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.entry is not None


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
        _WORKER = _Worker(batch_workspace(root))


def _run_job(job: Job) -> Outcome:
    assert _WORKER is not None, "the pool initializer did not run"
    return _WORKER.build(job)


def run_batch(
    plan: Plan,
    report: Callable[[Outcome], None] = lambda _: None,
    warn: Callable[[str], None] = lambda _: None,
) -> list[Outcome]:
    """Build every job, calling ``report`` as each finishes, then write the manifest (which
    keeps the earlier entries of decks still in the folder unchanged; ``warn`` is told when an
    earlier manifest is damaged and ignored).

    Side effects: creates the output folder, writes the decks and manifest.json in it.
    Returns the outcomes sorted by file name.
    """
    plan.output.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(plan.output)  # left by a run killed while writing
    outcomes: list[Outcome] = []
    workers = min(plan.workers, len(plan.jobs))
    if workers <= 1:
        worker = _Worker(plan.loaded or batch_workspace(plan.library))
        for job in plan.jobs:
            outcomes.append(worker.build(job))
            report(outcomes[-1])
    else:
        global _INHERITED
        _INHERITED = _Worker(plan.loaded) if plan.loaded is not None else None  # warmed up
        try:
            with ProcessPoolExecutor(
                workers,
                mp_context=batch_plan.pool_context(),
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
    failed = [
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
    ]
    write_manifest(
        plan.output / MANIFEST,
        [o.entry for o in outcomes if o.entry is not None],
        failed,
        [o.job.path.name for o in outcomes],
        warn,
    )
    return outcomes
