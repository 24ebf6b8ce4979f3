"""Build time per slide at 100 and at 2,000 slides: linear or not. Not a test.

    python benchmarks/bench_slides.py [--repeat 3] [--sizes 100,2000]

Issue 13 found build time quadratic in slides (500, 1,000, 2,000, 4,000 tiny slides took 3.7,
7.5, 19 and 46 s). Here the shipped mini-style talk is tailored once, its slides repeated (each
with its own id) to each size, and rendered and zipped in-process (``deck_bytes``: render, fit,
notes, write), which is where the time grew. Talks are refused past 500 slides
(talkdeck.library.references.MAX_SLIDES); the benchmark goes past that on purpose, to show the
build stays linear beyond any talk it accepts.

Prints for each size the best time of ``--repeat`` runs and the cost per slide, then the ratio
of the per-slide cost at the largest size to that at the smallest (goal: at most 1.5) and the
marginal ratio (the cost of one more slide between the two largest sizes against the two
smallest), which no fixed start-up cost can flatter. Side effects: none outside a temporary
folder.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))


def tailored(lib_root: Path) -> object:
    """A tailored deck of the mini talk (tests/conftest.py), age 12, global, English."""
    from talkdeck.library.load import load_library, load_talk
    from talkdeck.workspace import BuildRequest, tailor_request

    lib = load_library(lib_root)
    talk, _ = load_talk(lib, "mini")
    return tailor_request(lib, talk, BuildRequest(talk="mini", age=12))


def sized(deck: object, count: int) -> object:
    """The deck with its middle slides repeated to ``count`` slides, ids kept unique."""
    slides = deck.slides  # type: ignore[attr-defined]
    first, middle, last = slides[0], slides[1:-1], slides[-1]
    body = [dataclasses.replace(middle[i % len(middle)], id=f"s{i}") for i in range(count - 2)]
    return dataclasses.replace(deck, slides=(first, *body, last))  # type: ignore[type-var]


def best_time(template: Path, deck: object, repeat: int) -> float:
    from talkdeck.deck.memo import Memo
    from talkdeck.deck.pptx_bytes import deck_bytes

    times, memo = [], Memo()  # one memo, as a workspace keeps: measurements are made once
    for _ in range(repeat):
        started = time.perf_counter()
        deck_bytes(template, deck, memo)  # type: ignore[arg-type]
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="100,200,1000,2000")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    from tests.conftest import MINI, TEMPLATE

    with tempfile.TemporaryDirectory(prefix="talkdeck-bench-") as tmp:
        lib = Path(tmp) / "lib"
        for rel, text in MINI.items():
            (lib / rel).parent.mkdir(parents=True, exist_ok=True)
            (lib / rel).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        (lib / "assets" / "templates").mkdir(parents=True)
        shutil.copy(TEMPLATE, lib / "assets" / "templates" / "talkdeck.pptx")
        base = tailored(lib)
        template = lib / "assets" / "templates" / "talkdeck.pptx"
        best_time(template, sized(base, sizes[0]), 1)  # warm: imports, fonts, template
        times = {n: best_time(template, sized(base, n), args.repeat) for n in sizes}
    for n in sizes:
        print(f"{n:5} slides: {times[n]:7.2f} s  {1000 * times[n] / n:6.2f} ms per slide")
    small, large = sizes[0], sizes[-1]
    ratio = (times[large] / large) / (times[small] / small)
    print(f"per-slide cost, {large} vs {small} slides: {ratio:.2f}x (goal: at most 1.5)")
    if len(sizes) >= 4:
        low = (times[sizes[1]] - times[sizes[0]]) / (sizes[1] - sizes[0])
        high = (times[sizes[-1]] - times[sizes[-2]]) / (sizes[-1] - sizes[-2])
        print(
            f"marginal cost per slide, {sizes[-2]}->{sizes[-1]} vs {sizes[0]}->{sizes[1]}: "
            f"{high / low:.2f}x ({1000 * high:.2f} vs {1000 * low:.2f} ms)"
        )


if __name__ == "__main__":
    main()
