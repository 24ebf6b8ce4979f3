"""The files a volunteer downloads, made in memory from one tailored deck.

Everything goes through the server's one :class:`talkdeck.workspace.Workspace`: the deck from
its ``tailor`` and ``render``, the guide and handout from :mod:`talkdeck.printouts` over the same
tailored deck: the same code and rules as the command line. Only the PDF of
the slides needs LibreOffice, which works on files: they live in a temporary folder that is
removed before the response is sent.
"""

from __future__ import annotations

import io
import tempfile
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from talkdeck.workspace import default_name

if TYPE_CHECKING:
    from talkdeck.deck.resolved import Deck
    from talkdeck.workspace import BuildRequest, Workspace

FORMATS = ("pptx", "guide", "handout", "pdf", "zip")
MEDIA = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
    "zip": "application/zip",
}
_office = threading.Lock()  # one LibreOffice at a time: each takes a core and ~300 MB


@dataclass(frozen=True)
class Download:
    name: str
    media_type: str
    data: bytes


def office_available() -> bool:
    from talkdeck.printouts.pdf import OfficeMissing, find_soffice

    try:
        find_soffice()
    except OfficeMissing:
        return False
    return True


def make(ws: Workspace, request: BuildRequest, fmt: str, logo: bytes | None = None) -> Download:
    """One download (``fmt`` from FORMATS). Raises TalkdeckError on a build problem; a title
    slide that overflows only with the volunteer's details is a UsageError naming the field."""
    deck = ws.tailor(request)
    stem = default_name(deck)[: -len(".pptx")]
    if fmt == "pptx":
        return Download(f"{stem}.pptx", MEDIA["pptx"], pptx(ws, request, deck, logo))
    if fmt in ("guide", "handout"):
        return Download(f"{stem}-{fmt}.pdf", MEDIA["pdf"], printout(ws, request, deck, fmt))
    if fmt == "pdf":
        return Download(f"{stem}.pdf", MEDIA["pdf"], slides_pdf(pptx(ws, request, deck, logo)))
    return Download(f"{stem}.zip", MEDIA["zip"], bundle(ws, request, deck, stem, logo))


def pptx(ws: Workspace, request: BuildRequest, deck: Deck, logo: bytes | None) -> bytes:
    return ws.render(deck, request.talk, logo, request)


def printout(ws: Workspace, request: BuildRequest, deck: Deck, kind: str) -> bytes:
    from talkdeck.library.locate import FONTS
    from talkdeck.printouts.document import to_pdf
    from talkdeck.printouts.handout import handout
    from talkdeck.printouts.presenter_guide import guide
    from talkdeck.printouts.tailored import Tailored

    td = Tailored.over(ws, request, deck)
    if kind == "guide":
        return to_pdf(guide(td), FONTS)
    return to_pdf(handout(td, td.talk.audience), FONTS, sheet=True)


def slides_pdf(pptx: bytes) -> bytes:
    """The deck drawn by LibreOffice. Side effect: a temporary folder, removed on return."""
    from talkdeck.printouts.pdf import convert_to

    with _office, tempfile.TemporaryDirectory(prefix="talkdeck-web-") as tmp:
        deck, pdf = Path(tmp) / "deck.pptx", Path(tmp) / "deck.pdf"
        deck.write_bytes(pptx)
        convert_to({deck: pdf}, jobs=1)
        return pdf.read_bytes()


def bundle(
    ws: Workspace, request: BuildRequest, deck: Deck, stem: str, logo: bytes | None
) -> bytes:
    """The deck, the guide, the handout and (with LibreOffice) the slides as PDF, zipped."""
    data = pptx(ws, request, deck, logo)
    parts = [
        (f"{stem}.pptx", data),
        (f"{stem}-guide.pdf", printout(ws, request, deck, "guide")),
        (f"{stem}-handout.pdf", printout(ws, request, deck, "handout")),
    ]
    if office_available():
        parts.append((f"{stem}.pdf", slides_pdf(data)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            archive.writestr(zipfile.ZipInfo(name, deck.version_date.timetuple()[:6]), data)
    return out.getvalue()
