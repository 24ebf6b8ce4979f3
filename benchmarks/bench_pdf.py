"""Batch PDF conversion (`talkdeck pdf DECK...`) against one soffice process per deck.

Not a test: run it by hand, e.g. ``python benchmarks/bench_pdf.py --decks 12``. Needs
LibreOffice. Three timings, wall clock, of the same decks (shipped library, English):

* per deck, fresh profile: one soffice run per deck, each with a new temporary profile, which
  is what calling ``talkdeck pdf`` once per deck costs;
* per deck, warm profile: one soffice run per deck sharing one already-initialised profile, the
  cheapest way to run soffice once per deck (the baseline the ratio is taken against);
* batch: :func:`talkdeck.printouts.pdf.convert` on all decks at once (few runs, in parallel).

Side effects: builds decks and PDFs in a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

from talkdeck.printouts.pdf import convert, default_jobs, find_soffice
from talkdeck.workspace import BuildRequest, build

TALK = "grooming-awareness"
AGES = (11, 12, 13, 14, 15)
REGIONS = ("global", "GB", "CO", "US", "MX", "ES", "AR", "IN", "PH")


def make_decks(count: int, folder: Path) -> list[Path]:
    pairs = [(age, region) for region in REGIONS for age in AGES][:count]
    return [
        build(
            None,
            BuildRequest(
                talk=TALK, age=age, region=region, lang="en", output=folder / f"{region}-{age}.pptx"
            ),
        ).path
        for age, region in pairs
    ]


def soffice_once(soffice: str, profile: Path, deck: Path, out: Path) -> None:
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:impress_pdf_Export",
            "--outdir",
            str(out),
            str(deck),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def time_per_deck(decks: list[Path], out: Path, warm: bool) -> float:
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as tmp:
        shared = Path(tmp) / "shared"
        if warm:  # initialise the shared profile outside the timing
            soffice_once(soffice, shared, decks[0], out)
        start = time.perf_counter()
        for i, deck in enumerate(decks):
            soffice_once(soffice, shared if warm else Path(tmp) / f"p{i}", deck, out)
        return time.perf_counter() - start


def time_batch(decks: list[Path], out: Path, jobs: int | None) -> float:
    start = time.perf_counter()
    made = convert(decks, out, jobs=jobs)
    elapsed = time.perf_counter() - start
    assert all(m.pages > 0 for m in made)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decks", type=int, default=12, help="how many decks (default 12)")
    parser.add_argument("--jobs", type=int, help="parallel soffice runs for the batch")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        folder = Path(tmp)
        decks = make_decks(args.decks, folder)
        jobs = args.jobs or default_jobs(len(decks))
        fresh = time_per_deck(decks, folder / "fresh", warm=False)
        warm = time_per_deck(decks, folder / "warm", warm=True)
        batch = time_batch(decks, folder / "batch", args.jobs)
    n = len(decks)
    print(f"{n} decks, {os.cpu_count()} CPUs, batch with {jobs} parallel soffice runs")
    print(f"one soffice per deck, fresh profile: {fresh:6.1f} s  ({fresh / n:.2f} s/deck)")
    print(f"one soffice per deck, warm profile:  {warm:6.1f} s  ({warm / n:.2f} s/deck)")
    print(f"batch (talkdeck pdf):                {batch:6.1f} s  ({batch / n:.2f} s/deck)")
    print(
        f"speed-up vs warm per-deck: {warm / batch:.2f}x; vs fresh per-deck: "
        f"{fresh / batch:.2f}x (goal >= 1.8x)"
    )


if __name__ == "__main__":
    main()
