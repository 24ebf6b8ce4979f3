"""Per-deck time of `talkdeck batch` against one `talkdeck build` process per deck.

Not a test: run it by hand, e.g. ``python benchmarks/bench_batch.py --decks 10``. Both sides are
timed as a coordinator would see them (wall clock, whole processes, shipped library), so batch
pays its own start-up, planning and pool start-up inside its per-deck figure. Both use the
build cache as a coordinator's machine would (the builds run first and keep their entries);
``--batch-without-cache`` times a batch that loads and checks the whole library instead.
Side effects: writes decks into a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

TALK = "grooming-awareness"
AGES = (11, 12, 13, 14, 15)
REGIONS = ("global", "GB", "CO", "US", "MX", "ES", "AR", "IN", "PH")


def variants(count: int) -> list[tuple[int, str]]:
    """The first ``count`` (age, region) pairs, region-major; every deck is in English."""
    pairs = [(age, region) for region in REGIONS for age in AGES]
    if count > len(pairs):
        raise SystemExit(f"at most {len(pairs)} decks")
    return pairs[:count]


def talkdeck() -> str:
    found = shutil.which("talkdeck")
    if found is None:
        raise SystemExit("talkdeck is not on PATH: pip install -e . first")
    return found


def time_separate(pairs: list[tuple[int, str]], out: Path) -> float:
    start = time.perf_counter()
    for age, region in pairs:
        subprocess.run(
            [
                talkdeck(),
                "build",
                TALK,
                "--age",
                str(age),
                "--region",
                region,
                "--lang",
                "en",
                "-o",
                str(out / f"{region}-{age}.pptx"),
                "--force",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return time.perf_counter() - start


def time_batch(
    pairs: list[tuple[int, str]], out: Path, jobs: int | None, cache: bool = True
) -> float:
    ages = sorted({age for age, _ in pairs})
    regions = sorted({region for _, region in pairs})
    # The same decks when --decks is a multiple of 5; otherwise the matrix rounds up.
    args = [
        talkdeck(),
        "batch",
        TALK,
        "--ages",
        ",".join(map(str, ages)),
        "--regions",
        ",".join(regions),
        "--lang",
        "en",
        "-o",
        str(out),
        "--force",
    ]
    if jobs:
        args += ["--jobs", str(jobs)]
    env = None if cache else {**os.environ, "TALKDECK_CACHE": "off"}
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decks", type=int, default=10, help="decks per side (default 10)")
    parser.add_argument("--jobs", type=int, help="batch --jobs (default: one per CPU)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per side; the best counts")
    parser.add_argument(
        "--batch-without-cache",
        action="store_true",
        help="TALKDECK_CACHE=off for the batch only: it loads and checks the whole library "
        "instead of planning from the entries the builds kept",
    )
    opts = parser.parse_args()
    pairs = variants(opts.decks)
    separate, batch, built = [], [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(opts.repeat):
            one, many = Path(tmp, f"build{run}"), Path(tmp, f"batch{run}")
            one.mkdir()
            separate.append(time_separate(pairs, one) / len(pairs))
            total = time_batch(pairs, many, opts.jobs, cache=not opts.batch_without_cache)
            built = len(list(many.glob("*.pptx")))
            batch.append(total / built)
    best_separate, best_batch = min(separate), min(batch)
    print(f"cpus: {os.cpu_count()}, batch jobs: {opts.jobs or 'default (one per CPU)'}")
    if opts.batch_without_cache:
        print("batch: TALKDECK_CACHE=off (the library loaded and checked in full)")
    print(
        f"talkdeck build, one process per deck: {best_separate:.3f} s/deck "
        f"({len(pairs)} decks, best of {opts.repeat})"
    )
    print(
        f"talkdeck batch, one run:              {best_batch:.3f} s/deck "
        f"({built} decks, best of {opts.repeat})"
    )
    print(f"ratio batch/build: {best_batch / best_separate:.2f} (target: at most 0.33)")


if __name__ == "__main__":
    main()
