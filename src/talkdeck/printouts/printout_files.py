"""Guide and handout files: Markdown or PDF, written atomically, never over a file talkdeck did
not write (or that was edited since) unless forced.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from talkdeck.deck.write import write_atomic
from talkdeck.errors import TalkdeckError, UsageError
from talkdeck.library.files import read_regular
from talkdeck.library.locate import FONTS, here
from talkdeck.printouts.document import Document, to_markdown, to_pdf
from talkdeck.printouts.handout import handout
from talkdeck.printouts.presenter_guide import guide
from talkdeck.printouts.tailored import Tailored, tailored


def write_document(
    doc: Document, fmt: str, output: Path, fonts: Path, sheet: bool = False, force: bool = False
) -> Path:
    """Write ``doc`` as Markdown or PDF. Side effect: writes ``output`` atomically.

    An existing file is replaced only if talkdeck wrote it (and, for Markdown, nobody changed
    it since), or with ``force``: a hand-written notes.md must never be lost.
    """
    wanted = {"md": ".md", "pdf": ".pdf"}[fmt]
    if output.suffix.lower() != wanted:
        raise UsageError(f"{output}: a {wanted} file's name must end in {wanted}")
    protect_document(output, force)
    data = to_pdf(doc, fonts, sheet) if fmt == "pdf" else seal(to_markdown(doc)).encode()
    write_atomic(output, data)
    return output


_SEAL = re.compile(r"\n<!-- written by talkdeck; sha256 ([0-9a-f]{64}) -->\n\Z")
MAX_DOCUMENT = 50_000_000  # bytes: guides and handouts are far smaller


def seal(text: str) -> str:
    """Markdown with a last line that lets talkdeck tell its own, unchanged file."""
    digest = hashlib.sha256(text.encode()).hexdigest()
    return f"{text}\n<!-- written by talkdeck; sha256 {digest} -->\n"


def protect_document(path: Path, force: bool) -> None:
    """Raise unless ``path`` is absent, ``force`` is set, or talkdeck wrote it as it is."""
    if force or not (path.exists() or path.is_symlink()):
        return
    try:
        data = read_regular(path, MAX_DOCUMENT)
    except OSError:
        data = b""
    why = "not written by talkdeck"
    if path.suffix.lower() == ".pdf":
        if b"/Author (talkdeck)" in data[-100_000:] or b"/Author (talkdeck)" in data[:100_000]:
            return
    else:
        text = data.decode("utf-8", "replace")
        found = _SEAL.search(text)
        if found:
            body = text[: found.start()]
            if hashlib.sha256(body.encode()).hexdigest() == found.group(1):
                return
            why = "changed after talkdeck wrote it (edited by hand?)"
    raise TalkdeckError(f"{path}: {why}; use --force to replace it or choose a different -o")


def default_output(kind: str, td: Tailored, fmt: str, audience: str = "") -> Path:
    """``<talk>-<region>-<lang>-<age>-guide.md`` (or -handout[-parents]) in the current folder."""
    aud = td.deck.audience
    suffix = f"-{audience}" if audience and audience != "pupils" else ""
    return here() / f"{td.deck.talk_id}-{aud.region}-{aud.lang}-{aud.age}-{kind}{suffix}.{fmt}"


def output_file(
    kind: str, td: Tailored, fmt: str, output: Path | None, audience: str = "", folder: bool = False
) -> Path:
    """Where ``-o`` writes: the default name here, or inside ``output`` when it is a folder or
    is named as one (``folder``: ``-o new/``, made by :func:`make` when writing); else
    ``output`` itself."""
    default = default_output(kind, td, fmt, audience)
    if output is None:
        return default
    if (folder or output.is_dir()) and output.suffix.lower() != f".{fmt}":  # "guide.md/": error
        return output / default.name
    return output


def make(
    kind: str,
    library: str | Path | None,
    talk: str,
    age: int | None,
    region: str,
    lang: str | None,
    draft: bool = False,
    fmt: str = "md",
    output: Path | None = None,
    audience: str | None = None,
    force: bool = False,
    helplines: tuple[str, ...] = (),
    presenter: str = "",
    lead: str = "",
    warn: Callable[[str], None] | None = None,
    output_folder: bool = False,
) -> Path:
    """Write the guide (``kind="guide"``) or the handout of a talk for one class.

    ``helplines``, ``presenter``, ``lead``: as for ``talkdeck build`` (see
    :mod:`talkdeck.printouts.local_help`); ``warn`` is told of a region with no child helpline
    in the reference data. Side effect: writes one file, atomically; default name from
    :func:`default_output`.
    """
    from talkdeck.deck.added_help import help_warnings

    td = tailored(library, talk, age, region, lang, draft, helplines, presenter, lead)
    if warn is not None:
        for warning in help_warnings(td.deck):
            warn(warning)
    if kind == "guide":
        doc = guide(td)
    else:
        audience = audience or td.talk.audience
        doc = handout(td, audience)
    path = output_file(kind, td, fmt, output, audience or "", output_folder)
    if output_folder:  # -o new/: made now, when there is a printout to put in it
        path.parent.mkdir(parents=True, exist_ok=True)
    return write_document(doc, fmt, path, FONTS, sheet=kind == "handout", force=force)
