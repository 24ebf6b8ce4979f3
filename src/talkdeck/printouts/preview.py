"""See decks without opening them: a PNG contact sheet of one deck, an HTML page for a batch.

Slides are drawn by a real client: LibreOffice makes the PDF (:mod:`talkdeck.printouts.pdf`),
poppler's ``pdftoppm`` turns each page into a PNG, and Pillow tiles them with slide numbers. The
HTML page is the Jinja2 template ``templates/review.html`` (package data), autoescaped.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from talkdeck.deck.write import MAX_DECK, read_stamp, write_atomic
from talkdeck.errors import TalkdeckError, UsageError
from talkdeck.library.files import feed_regular, read_regular
from talkdeck.library.locate import FONTS, here
from talkdeck.printouts.pdf import Progress, convert_to, default_jobs, find_decks, fresh_pdf

if TYPE_CHECKING:
    from PIL import ImageFont

    from talkdeck.workspace import BuildRequest

POPPLER_INSTALL = "apt-get install poppler-utils"
SHEET_WIDTH = 640  # px per slide on a contact sheet: 24 pt slide text comes out ~16 px high
THUMB_WIDTH = 400  # px per slide in the HTML page (shown at 240 px, opened full size on click)
INK, PAPER, LINE, ACCENT = "#1B2A41", "#FFFFFF", "#C9CED6", "#2F5D8A"


class ToolMissing(TalkdeckError):
    """A program talkdeck runs (pdftoppm) is not installed."""


@dataclass(frozen=True)
class Sheet:
    path: Path
    slides: int


@dataclass(frozen=True)
class Index:
    path: Path
    variants: int
    converted: int


def pdftoppm() -> str:
    found = shutil.which("pdftoppm")
    if not found:
        raise ToolMissing(
            "pdftoppm (poppler) is not installed, so slides cannot be drawn; "
            f"install it with: {POPPLER_INSTALL}"
        )
    return found


def render_pages(pdf: Path, folder: Path, width: int) -> list[Path]:
    """Draw each page of ``pdf`` as ``folder/p-N.png``, ``width`` px wide, in page order.

    Side effect: writes the PNG files (folder must exist).
    """
    cmd = [
        pdftoppm(),
        "-png",
        "-scale-to-x",
        str(width),
        "-scale-to-y",
        "-1",
        str(pdf),
        str(folder / "p"),
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    pages = sorted(folder.glob("p-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    if result.returncode != 0 or not pages:
        detail = (result.stderr.strip().splitlines() or ["no pages"])[-1]
        raise TalkdeckError(f"{pdf}: pdftoppm could not draw the slides ({detail})")
    return pages


def _font(
    fonts: Path | None, size: int, bold: bool = True
) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    from PIL import ImageFont

    name = "Carlito-Bold.ttf" if bold else "Carlito-Regular.ttf"
    if fonts is not None and (fonts / name).is_file():
        return ImageFont.truetype(str(fonts / name), size)
    return ImageFont.load_default(size)


def contact_sheet(
    pages: list[Path], header: str, columns: int = 3, fonts: Path | None = None
) -> bytes:
    """Tile slide images into one PNG with a header line and a number above each slide."""
    from PIL import Image, ImageDraw

    thumbs = []
    for page in pages:
        with Image.open(page) as image:
            thumbs.append(image.convert("RGB"))
    width, height = thumbs[0].size
    columns = max(1, min(columns, len(thumbs)))
    rows = -(-len(thumbs) // columns)
    gap, label, top = 28, 40, 72
    sheet = Image.new(
        "RGB", (gap + columns * (width + gap), top + rows * (label + height + gap)), PAPER
    )
    draw = ImageDraw.Draw(sheet)
    draw.text((gap, 18), header, fill=INK, font=_font(fonts, 34))
    number_font = _font(fonts, 28)
    for i, thumb in enumerate(thumbs):
        x = gap + (i % columns) * (width + gap)
        y = top + (i // columns) * (label + height + gap)
        draw.text((x, y + 4), str(i + 1), fill=ACCENT, font=number_font)
        sheet.paste(thumb, (x, y + label))
        # A hairline frame: white slides would otherwise melt into the sheet.
        draw.rectangle((x - 1, y + label - 1, x + width, y + label + thumb.size[1]), outline=LINE)
    out = io.BytesIO()
    sheet.save(out, "PNG", optimize=True)
    return out.getvalue()


def describe(stamp: dict[str, str] | None, name: str) -> str:
    """One line saying what a deck is: talk, version, age, region, language."""
    if not stamp:
        return f"{name} (no talkdeck stamp)"
    return (
        f"{stamp.get('talk', '?')} {stamp.get('version', '')} · age {stamp.get('age', '?')}"
        f" · {stamp.get('region', '?')} · {stamp.get('language', '?')}"
    )


def sheet_for_deck(
    deck: Path, output: Path, columns: int = 3, width: int = SHEET_WIDTH, fonts: Path | None = None
) -> Sheet:
    """Contact sheet of a built deck. Reuses a PDF beside the deck if it is newer.

    Side effects: runs soffice (unless reused) and pdftoppm in a temporary folder; writes
    ``output`` atomically.
    """
    if not deck.is_file():
        raise UsageError(f"{deck}: no such file")
    pdftoppm()  # fail before the slow conversion
    with tempfile.TemporaryDirectory(prefix="talkdeck-preview-") as tmp:
        pdf = fresh_pdf(deck)
        if pdf is None:
            pdf = Path(tmp) / "deck.pdf"
            convert_to({deck: pdf}, jobs=1)
        pages = render_pages(pdf, Path(tmp), width)
        header = f"{describe(read_stamp(deck), deck.name)} · {len(pages)} slides · {deck.name}"
        write_atomic(output, contact_sheet(pages, header, columns, fonts))
    return Sheet(output, len(pages))


def preview(
    source: str,
    output: Path | None,
    library: str | Path | None = None,
    request: BuildRequest | None = None,
    columns: int = 3,
    width: int = SHEET_WIDTH,
) -> Sheet:
    """Contact sheet of a deck (``*.pptx``) or of a talk built for ``request``'s audience.

    Default output: ``<deck name>.png`` in the current folder. Side effects: a talk is built in
    a temporary folder only; see :func:`sheet_for_deck`.
    """
    if output is not None and output.suffix.lower() != ".png":
        raise UsageError(f"{output}: the contact sheet's name must end in .png")
    if source.lower().endswith(".pptx"):
        deck = Path(source)
        return sheet_for_deck(deck, output or here() / f"{deck.stem}.png", columns, width, FONTS)
    if request is None:
        raise UsageError("--age is needed to preview a talk (or give a .pptx deck)")
    from talkdeck.workspace import Workspace, default_name

    ws = Workspace(library)
    tailored = ws.tailor(request)
    name = default_name(tailored)
    with tempfile.TemporaryDirectory(prefix="talkdeck-build-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(ws.render(tailored, request.talk, req=request))
        return sheet_for_deck(
            path, output or here() / f"{Path(name).stem}.png", columns, width, FONTS
        )


# --- the HTML review page ---------------------------------------------------------------------


def _key(folder: Path, deck: Path) -> str:
    return "__".join(deck.relative_to(folder).with_suffix("").parts)


def html_index(
    folder: Path,
    jobs: int | None = None,
    width: int = THUMB_WIDTH,
    progress: Progress | None = None,
) -> Index:
    """Write ``folder/index.html`` with every deck's slides, one row per variant.

    Side effects: converts decks whose thumbnails are missing or stale (one batch, see
    :func:`talkdeck.printouts.pdf.convert_to`), writes thumbnails to ``folder/preview/<deck>/``
    with a ``.source`` file holding the deck's digest, and writes index.html atomically.
    """
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder")
    decks = find_decks(folder)
    if not decks:
        raise TalkdeckError(f"{folder}: no .pptx decks in it")
    pdftoppm()
    preview = folder / "preview"
    if preview.is_symlink() or (preview.exists() and not preview.is_dir()):
        # Thumbnails are deleted and rewritten there: never through a link to elsewhere.
        raise TalkdeckError(
            f"{preview}: is a symlink or a file; talkdeck keeps thumbnails only "
            f"in a real preview/ folder inside {folder} (move it away)"
        )
    digests = {d: _digest(d) for d in decks}
    stale = [d for d in decks if _recorded(preview / _key(folder, d)) != digests[d]]
    with tempfile.TemporaryDirectory(prefix="talkdeck-index-") as tmp:
        pdfs = {d: fresh_pdf(d) for d in stale}
        todo = {d: Path(tmp) / f"{i}.pdf" for i, d in enumerate(stale) if pdfs[d] is None}
        if todo:
            convert_to(todo, jobs, progress=progress)
            pdfs.update(todo)

        def draw(deck: Path) -> None:
            target = preview / _key(folder, deck)
            if target.is_symlink() or (target.exists() and not target.is_dir()):
                target.unlink()  # the link itself, never what it points at
            elif target.exists():
                shutil.rmtree(target)  # does not follow symlinks inside it
            target.mkdir(parents=True)
            render_pages(pdfs[deck], target, width)  # type: ignore[arg-type]
            (target / ".source").write_text(digests[deck] + "\n")

        with ThreadPoolExecutor(max_workers=jobs or default_jobs(len(stale) or 1)) as pool:
            for number, _ in enumerate(pool.map(draw, stale), start=1):
                if progress is not None:
                    progress("drawn", number, len(stale))
    rows = [_row(folder, d) for d in decks]
    rows.sort(key=lambda r: r[0])
    page = _page(folder.name, [r[1] for r in rows])
    out = folder / "index.html"
    write_atomic(out, page.encode())
    return Index(out, len(decks), len(stale))


def _digest(deck: Path) -> str:
    """The deck's digest, read as a regular file of bounded size (never a FIFO or device)."""
    digest = hashlib.sha256()
    try:
        feed_regular(deck, digest.update, MAX_DECK)
    except OSError as exc:
        raise TalkdeckError(f"{deck}: cannot read: {exc.strerror or exc}") from None
    return digest.hexdigest()[:16]


def _recorded(thumbs: Path) -> str:
    try:
        return read_regular(thumbs / ".source", 1000).decode("ascii", "replace").strip()
    except OSError:
        return ""


def _row(folder: Path, deck: Path) -> tuple[tuple[object, ...], dict[str, object]]:
    """(sort key, what the review page shows) for one deck."""
    stamp = read_stamp(deck) or {}
    key = _key(folder, deck)
    pages = sorted(
        (folder / "preview" / key).glob("p-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])
    )
    rel = deck.relative_to(folder).as_posix()
    fields = [
        (name, stamp.get(name, "")) for name in ("talk", "version", "age", "region", "language")
    ]
    row = {
        "search": " ".join([rel, *(v for _, v in fields)]).lower(),
        "href": rel,
        "name": deck.name,
        "stamped": bool(stamp),
        "fields": fields,
        "slides": [f"preview/{key}/{p.name}" for p in pages],
    }
    age = stamp.get("age", "")
    sort = (
        stamp.get("talk", "~"),
        stamp.get("region", ""),
        stamp.get("language", ""),
        int(age) if age.isdigit() else 99,
        rel,
    )
    return sort, row


def _page(title: str, rows: list[dict[str, object]]) -> str:
    """The review page, from the package's ``templates/review.html`` (values autoescaped)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("talkdeck.printouts", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    colours = {"ink": INK, "line": LINE, "accent": ACCENT}
    return env.get_template("review.html").render(title=title, rows=rows, colours=colours)
