"""A school's or charity's logo (``--logo FILE``): checked, scaled and re-encoded before a build.

The file comes from a volunteer's machine, so it is treated as untrusted: a size limit before
reading, the format sniffed from its bytes (not its name), pixel bounds, a full decode, and a
fresh encoding at the size the slide shows (metadata such as camera or location is dropped).
SVG is drawn to PNG with resvg (the optional ``svg`` extra: ``pip install 'talkdeck[svg]'``);
an SVG that refers to files outside itself is refused, so nothing else from the machine can
end up in a deck shared with a school. Every problem is a usage error (exit 2).
"""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from talkdeck.deck.images import DPI
from talkdeck.deck.placeholders import EMU_PER_INCH
from talkdeck.errors import UsageError
from talkdeck.library.assets import MAX_PIXELS
from talkdeck.library.locate import FONTS

if TYPE_CHECKING:
    from pptx.slide import Slide

    from talkdeck.deck.ooxml.pictures import PictureAdder

MAX_BYTES = 2_000_000
MAX_SIDE = 8000  # pixels, either side
MIN_SIDE = 48  # the longer side: smaller logos blur on a projector
BOX = (2.0, 0.8)  # inches the logo's card takes on a slide (width, height), top right
TOP, RIGHT = 0.3, 0.6  # inches from the slide's top and right edges
PAD = 0.08  # inches of white card around the logo
_HREF = re.compile(r"(?:^|\})href$")


def checked_logo(path: Path) -> bytes:
    """The logo as PNG or JPEG bytes sized for its box on a slide. Raises UsageError."""
    name = f"--logo {path}"
    try:
        if not path.is_file():
            raise UsageError(
                f"{name}: no such file" if not path.exists() else f"{name}: not a file"
            )
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UsageError(
                f"{name}: {size / 1e6:.1f} MB; the limit is "
                f"{MAX_BYTES / 1e6:g} MB (save it smaller)"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{name}: cannot read it: {exc.strerror or exc}") from exc
    return logo_from_bytes(data, name)


def logo_from_bytes(data: bytes, name: str = "logo") -> bytes:
    """:func:`checked_logo` for bytes already read (an upload to `talkdeck serve`).

    ``name`` starts each message. Raises UsageError."""
    if len(data) > MAX_BYTES:
        raise UsageError(
            f"{name}: {len(data) / 1e6:.1f} MB; the limit is "
            f"{MAX_BYTES / 1e6:g} MB (save it smaller)"
        )
    if not data:
        raise UsageError(f"{name}: the file is empty")
    if _looks_like_svg(data):
        data = _svg_to_png(data, name)
    return _reencode(data, name)


def _looks_like_svg(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in data[:4096].lower()


def _svg_to_png(data: bytes, name: str) -> bytes:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{name}: an SVG must be UTF-8 text") from exc
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise UsageError(
            f"{name}: SVG with a DOCTYPE or entities is not accepted; "
            "export it again as plain SVG, or give a PNG"
        )
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise UsageError(f"{name}: not a readable SVG ({exc})") from exc
    if root.tag not in ("svg", "{http://www.w3.org/2000/svg}svg"):
        raise UsageError(f"{name}: not an SVG picture")
    for element in root.iter():
        for attr, value in element.attrib.items():
            if _HREF.search(attr) and not value.strip().startswith(("#", "data:")):
                raise UsageError(
                    f"{name}: the SVG refers to another file ({value[:60]}); "
                    "embed it, or give a PNG"
                )
        if element.tag.endswith("style") and "@import" in (element.text or ""):
            raise UsageError(f"{name}: the SVG imports a style sheet; embed it, or give a PNG")
    try:
        import resvg_py
    except ImportError:
        raise UsageError(
            f"{name}: SVG logos need the SVG renderer: pip install "
            "'talkdeck[svg]' (resvg-py); or give a PNG or JPEG"
        ) from None
    width = int(BOX[0] * DPI)
    try:
        # Carlito only, never the machine's fonts: the same file gives the same deck anywhere.
        carlito = "Carlito"
        png = resvg_py.svg_to_bytes(
            svg_string=text,
            width=width,
            skip_system_fonts=True,
            font_dirs=[str(FONTS)],
            font_family=carlito,
            serif_family=carlito,
            sans_serif_family=carlito,
            cursive_family=carlito,
            fantasy_family=carlito,
            monospace_family=carlito,
        )
    except BaseException as exc:  # a Rust panic surfaces as PanicException (BaseException)
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise UsageError(f"{name}: the SVG cannot be drawn ({exc})") from None
    return bytes(png)


def _card(img: object) -> bytes:
    """The logo on a white card with rounded corners: it shows on dark and light slides alike."""
    from PIL import Image, ImageDraw

    pad = int(PAD * DPI)
    inner = (int(BOX[0] * DPI) - 2 * pad, int(BOX[1] * DPI) - 2 * pad)
    img.thumbnail(inner, Image.Resampling.LANCZOS)  # type: ignore[attr-defined]
    width, height = img.size  # type: ignore[attr-defined]
    card = Image.new("RGBA", (width + 2 * pad, height + 2 * pad), (0, 0, 0, 0))
    ImageDraw.Draw(card).rounded_rectangle(
        (0, 0, card.width - 1, card.height - 1), radius=pad, fill=(255, 255, 255, 255)
    )
    card.alpha_composite(img, (pad, pad))  # type: ignore[arg-type]
    out = io.BytesIO()
    card.save(out, "PNG", optimize=True)
    return out.getvalue()


def place_logo(
    slide: Slide, png: bytes, alt: str, slide_width: int, pictures: PictureAdder
) -> None:
    """Put the logo card in the slide's top right corner, with its alt text (added through the
    deck's ``pictures``, as every picture of the deck is)."""
    from pptx.util import Emu

    from talkdeck.deck.ooxml.shapes import set_alt_text

    emu = EMU_PER_INCH
    pic = pictures.add(slide, png, 0, int(TOP * emu))
    scale = min(BOX[0] * emu / pic.width, BOX[1] * emu / pic.height)
    pic.width, pic.height = Emu(int(pic.width * scale)), Emu(int(pic.height * scale))
    pic.left = Emu(slide_width - int(RIGHT * emu) - pic.width)
    pic.name = "Logo"
    set_alt_text(pic, alt)


def _reencode(data: bytes, name: str) -> bytes:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                kind, (width, height) = img.format, img.size
                if kind not in ("PNG", "JPEG"):
                    raise UsageError(
                        f"{name}: is {kind or 'an unknown format'}; use PNG, JPEG or SVG"
                    )
                if max(width, height) > MAX_SIDE or width * height > MAX_PIXELS:
                    raise UsageError(
                        f"{name}: is {width}x{height} pixels; the limit is "
                        f"{MAX_SIDE} on a side (scale it down)"
                    )
                if max(width, height) < MIN_SIDE:
                    raise UsageError(
                        f"{name}: is {width}x{height} pixels; a logo needs at least "
                        f"{MIN_SIDE} on its longer side to show sharply"
                    )
                img.verify()
            with Image.open(io.BytesIO(data)) as img:
                img.load()
                return _card(img.convert("RGBA"))
    except UsageError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise UsageError(
            f"{name}: too large to open safely; the limit is {MAX_PIXELS:,} pixels"
        ) from None
    except Image.UnidentifiedImageError:
        raise UsageError(f"{name}: not a picture; use PNG, JPEG or SVG") from None
    except Exception as exc:  # Pillow raises many types for a damaged file
        raise UsageError(f"{name}: the picture is damaged ({exc or type(exc).__name__})") from None
