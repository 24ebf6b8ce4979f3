"""talkdeck against bare baselines: build time, start-up time and deck size. Not a test.

    python benchmarks/bench_build.py [--repeat 15] [--talk grooming-awareness] [--age 12]
                                     [--region global] [--lang en]

Prints three ratios, each with its goal (issue 7):

* build: ``talkdeck build`` against ``benchmarks/bare_pptx.py``, a python-pptx script making the
  same slides with the same text, notes and pictures from the same template; whole processes,
  side by side (run alternately), so start-up and imports count. Goal: at most 1.3. This is a
  rebuild, as a volunteer makes for each class: the library is unchanged since the first build,
  so talkdeck's cache answers (see src/talkdeck/cache.py). A first build, with an empty cache,
  is printed too ("first build"), for information.
* help: ``talkdeck --help`` against ``python -c "import click"``. Goal: at most 1.5.
* size: talkdeck's deck against the bare script's deck. Goal: at most 1.1.

Then the input limits: an alias bomb, 300,000 levels of nesting and a 10 MB file, each refused
in-process (best time, tracemalloc peak) and by a whole ``talkdeck build`` (wall time and max
RSS from wait4). Goal: under 1 s and 100 MB.

Times are wall clock; the ratio uses the best run of each side (the least disturbed by other
work on the machine) and the median ratio is shown beside it. The fourth ratio of the issue,
``talkdeck batch`` per deck against ``talkdeck build`` per deck, is printed by
``benchmarks/bench_batch.py``. Side effects: none outside a temporary folder.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
GOALS = {"build": 1.3, "help": 1.5, "size": 1.1}


def spec_of(deck: Path, template: Path, media: Path) -> dict[str, Any]:
    """What the bare script must make: per slide its layout, texts, notes and pictures."""
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    slides = []
    for number, slide in enumerate(Presentation(str(deck)).slides):
        item: dict[str, Any] = {
            "layout": slide.slide_layout.name,
            "placeholders": {},
            "at": {},
            "boxes": [],
            "pictures": [],
            "notes": slide.notes_slide.notes_text_frame.text,
        }
        for shape in slide.shapes:
            at = [shape.left, shape.top, shape.width, shape.height]
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                image = shape.image
                path = media / f"{number}-{len(item['pictures'])}.{image.ext}"
                path.write_bytes(image.blob)
                item["pictures"].append({"file": str(path), "at": at})
            elif shape.is_placeholder and shape.has_text_frame:
                idx = str(shape.placeholder_format.idx)
                item["placeholders"][idx] = [p.text for p in shape.text_frame.paragraphs]
                item["at"][idx] = at
            elif shape.has_text_frame:
                item["boxes"].append({"text": shape.text_frame.text, "at": at})
        slides.append(item)
    return {"template": str(template), "slides": slides}


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def race(a: list[str], b: list[str], repeat: int) -> tuple[list[float], list[float]]:
    """Run a and b alternately ``repeat`` times each (after one warm-up), so noise hits both."""
    timed(a), timed(b)
    times_a, times_b = [], []
    for _ in range(repeat):
        times_a.append(timed(a))
        times_b.append(timed(b))
    return times_a, times_b


def report(name: str, ours: list[float], base: list[float], what: str) -> float:
    best = min(ours) / min(base)
    median = statistics.median(ours) / statistics.median(base)
    goal = GOALS.get(name)
    verdict = "" if goal is None else "ok" if best <= goal else "OVER"
    aim = f"goal <= {goal}" if goal else "no goal"
    print(
        f"{name:5} {best:5.2f}x (median {median:4.2f}x; {aim}) {verdict:4}  "
        f"{what}: best {min(ours) * 1000:.0f} ms vs {min(base) * 1000:.0f} ms"
    )
    return best


def limits(talkdeck: str, work: Path, repeat: int) -> bool:
    """Hostile files refused: in-process time and traced peak, and the whole process's max RSS."""
    import os
    import tracemalloc

    from talkdeck.library.safe_yaml import read_yaml

    laughs = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    laughs += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    cases = {
        "alias bomb": "\n".join(laughs) + "\n",
        "deep nesting": "a: " + "[" * 300_000 + "]" * 300_000 + "\n",
        "10 MB file": "id: x\n" + "#" * 10_000_000 + "\n",
    }
    ok = True
    for name, text in cases.items():
        path = work / f"{name.replace(' ', '-')}.yaml"
        path.write_text(text)
        best = min(_refuse(read_yaml, path) for _ in range(repeat))
        tracemalloc.start()
        read_yaml(path, path.name)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        proc = subprocess.Popen(
            [talkdeck, "build", str(path), "--age", "12", "-o", str(work / "never.pptx")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        start = time.perf_counter()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        refused = os.waitstatus_to_exitcode(status) == 1 and not (work / "never.pptx").exists()
        fine = refused and best < 1.0 and usage.ru_maxrss < 100 * 1024
        ok &= fine
        print(
            f"limit {name:12} {'ok' if fine else 'OVER':4}  refused in {best * 1000:.1f} ms "
            f"(traced peak {peak / 2**20:.1f} MB); whole process {wall * 1000:.0f} ms, "
            f"max RSS {usage.ru_maxrss / 1024:.0f} MB (goal < 1 s, < 100 MB)"
        )
    return ok


def _refuse(read_yaml: object, path: Path) -> float:
    start = time.perf_counter()
    doc, problems = read_yaml(path, path.name)  # type: ignore[operator]
    assert doc is None and problems
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs per side (default 15)")
    parser.add_argument("--talk", default="grooming-awareness")
    parser.add_argument("--age", default="12")
    parser.add_argument("--region", default="global")
    parser.add_argument("--lang", default="en")
    opts = parser.parse_args()
    talkdeck = shutil.which("talkdeck")
    if talkdeck is None:
        raise SystemExit("talkdeck is not on PATH: pip install -e . first")
    template = REPO / "assets" / "templates" / "talkdeck.pptx"
    # An installed package has bytecode; an editable checkout under PYTHONDONTWRITEBYTECODE has
    # none and would compile talkdeck on every run, which no user's install does.
    import talkdeck as package

    compileall.compile_dir(Path(package.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.environ["TALKDECK_CACHE"] = str(work / "cache")  # a cache of this run's own
        ours, bare = work / "talkdeck.pptx", work / "bare.pptx"
        build = [
            talkdeck,
            "build",
            opts.talk,
            "--age",
            opts.age,
            "--region",
            opts.region,
            "--lang",
            opts.lang,
            "-o",
            str(ours),
            "--force",
        ]
        subprocess.run(build, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        (work / "media").mkdir()
        spec = spec_of(ours, template, work / "media")
        (work / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
        script = [
            sys.executable,
            str(REPO / "benchmarks" / "bare_pptx.py"),
            str(work / "spec.json"),
            str(bare),
        ]
        print(
            f"{opts.talk}, age {opts.age}, {opts.region}, {opts.lang}: "
            f"{len(spec['slides'])} slides; {opts.repeat} runs per side"
        )
        ratios = [
            report("build", *race(build, script, opts.repeat), "talkdeck build vs bare script"),
            report(
                "first build",
                *race(["env", "TALKDECK_CACHE=off", *build], ["env", *script], opts.repeat),
                "with an empty cache, for information (no goal)",
            ),
            report(
                "help",
                *race([talkdeck, "--help"], [sys.executable, "-c", "import click"], opts.repeat),
                "talkdeck --help vs import click",
            ),
        ]
        size_ours, size_bare = ours.stat().st_size, bare.stat().st_size
        ratio = size_ours / size_bare
        verdict = "ok" if ratio <= GOALS["size"] else "OVER"
        print(
            f"size  {ratio:5.2f}x (goal <= {GOALS['size']}) {' ' * 14}{verdict:4}  "
            f"deck bytes: {size_ours:,} vs {size_bare:,}"
        )
        ratios.append(ratio)
        limited = limits(talkdeck, work, opts.repeat)
    print("batch per deck vs build per deck: see benchmarks/bench_batch.py")
    del ratios[1]  # the first build has no goal
    met = all(r <= g for r, g in zip(ratios, GOALS.values(), strict=True))
    sys.exit(0 if met and limited else 1)


if __name__ == "__main__":
    main()
