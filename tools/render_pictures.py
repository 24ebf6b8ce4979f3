"""Render the shipped picture sets' SVGs to the PNGs that decks embed.

    pip install resvg-py   # a tool dependency only: builds embed the PNGs, never render SVG
    python tools/render_pictures.py [--size 480]

Every ``assets/pictures/<set>/svg/<name>.svg`` becomes ``assets/pictures/<set>/<name>.png``,
``--size`` pixels square on a transparent background. PNGs are committed, so a build needs no
SVG renderer and a deck always embeds the same bytes. Output is deterministic (resvg and an
optimising pass through Pillow with fixed settings); run it after adding or replacing an SVG.
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PICTURES = REPO / "assets" / "pictures"
SIZE = 480  # 160 pixels an inch on the largest picture box (3 in): sharp on a projector


def render(svg: Path, size: int) -> bytes:
    import resvg_py
    from PIL import Image

    raw = resvg_py.svg_to_bytes(svg_path=str(svg), width=size, height=size)
    img = Image.open(io.BytesIO(bytes(raw)))
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)  # no timestamps or text chunks: reproducible
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=SIZE)
    args = parser.parse_args(argv)
    for svg in sorted(PICTURES.glob("*/svg/*.svg")):
        png = svg.parent.parent / f"{svg.stem}.png"
        png.write_bytes(render(svg, args.size))
        print(png.relative_to(REPO))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
