"""Print the sha256 of a few decks, guides and handouts built from the shipped library.

Run it before and after a refactoring and compare the output: the same content must give the
same bytes. ``python tools/deck_digests.py > before.json`` then ``... | diff before.json -``.
Builds with the cache off and then twice with a fresh cache (a miss, then a hit).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

VARIANTS = [
    ("grooming-awareness", "11", "global", "en"),
    ("grooming-awareness", "13", "GB", "en"),
    ("grooming-awareness", "15", "CO", "es"),
    ("grooming-awareness", "12", "MX", "es"),
    ("parents-session", "14", "US", "en"),
]


def run(args: list[str], env: dict[str, str]) -> None:
    command = [sys.executable, "-c", "from talkdeck.cli import main; main()", *args]
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)


def main() -> None:
    out: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mode in ("off", "miss", "hit"):
            env = dict(os.environ, TALKDECK_CACHE="off" if mode == "off" else f"{tmp}/cache")
            for talk, age, region, lang in VARIANTS:
                name = f"{talk}-{region}-{lang}-{age}"
                deck = Path(tmp, f"{name}.pptx")
                deck.unlink(missing_ok=True)
                run(
                    [
                        "build",
                        talk,
                        "--age",
                        age,
                        "--region",
                        region,
                        "--lang",
                        lang,
                        "--school",
                        "Test School",
                        "--draft",
                        "-o",
                        str(deck),
                    ],
                    env,
                )
                out[f"{mode}:{name}.pptx"] = hashlib.sha256(deck.read_bytes()).hexdigest()
                if mode == "off":
                    for kind in ("guide", "handout"):
                        doc = Path(tmp, f"{name}-{kind}.md")
                        run(
                            [
                                kind,
                                talk,
                                "--age",
                                age,
                                "--region",
                                region,
                                "--lang",
                                lang,
                                "--draft",
                                "-o",
                                str(doc),
                            ],
                            env,
                        )
                        out[f"{name}-{kind}.md"] = hashlib.sha256(doc.read_bytes()).hexdigest()
    print(json.dumps(out, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
