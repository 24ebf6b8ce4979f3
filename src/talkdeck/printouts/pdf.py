"""Decks -> PDF with LibreOffice headless (``soffice --convert-to pdf``).

LibreOffice's start-up costs more than converting one deck, so many decks are passed to one
``soffice`` run, and the decks are split into a few chunks converted in parallel. Each run gets
its own temporary profile (``-env:UserInstallation``): two runs sharing a profile would hand their
work to whichever started first, and a volunteer's own LibreOffice must never be touched.

Inputs are linked into a private folder under unique names, so decks with the same file name in
different folders cannot overwrite each other's PDF; each PDF is then written atomically to its
target. Nothing here is imported by ``talkdeck --help``.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from talkdeck.deck.write import write_atomic
from talkdeck.errors import TalkdeckError, UsageError
from talkdeck.library.files import is_regular

ENV_SOFFICE = "TALKDECK_SOFFICE"
"""Path of the soffice program, when it is not on PATH as ``soffice`` or ``libreoffice``."""
INSTALL = "apt-get install libreoffice-impress"
MAX_JOBS = 4  # each soffice needs ~200 MB; more than 4 rarely helps on a laptop


class OfficeMissing(TalkdeckError):
    """LibreOffice is not installed (or not where TALKDECK_SOFFICE says)."""


class PdfError(TalkdeckError):
    """Some decks could not be converted; one line each, the others were written."""

    def __init__(self, failures: list[str], written: int = 0) -> None:
        self.failures = failures
        count = len(failures)
        super().__init__(
            f"{count} deck{'s' if count != 1 else ''} not converted to PDF ({written} written)"
        )

    def lines(self) -> list[str]:
        return [*(f"error: {f}" for f in self.failures), f"error: {self.message}"]


@dataclass(frozen=True)
class Converted:
    deck: Path
    pdf: Path
    pages: int


INSTALLED = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    str(Path.home() / "Applications/LibreOffice.app/Contents/MacOS/soffice"),
)
"""Where LibreOffice's own installers put soffice (Windows, macOS)."""


def find_soffice() -> str:
    """The soffice program: $TALKDECK_SOFFICE, else ``soffice`` or ``libreoffice`` on PATH, else
    LibreOffice's standard install folders on Windows and macOS (:data:`INSTALLED`)."""
    given = os.environ.get(ENV_SOFFICE)
    if given:
        found = shutil.which(given)
        if not found:
            raise OfficeMissing(
                f"{ENV_SOFFICE}={given}: no such program; install LibreOffice with: {INSTALL}"
            )
        return found
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in INSTALLED:  # Windows and macOS installers do not put soffice on PATH
        if Path(candidate).is_file():
            return candidate
    raise OfficeMissing(
        f"LibreOffice (soffice) is not installed, so no PDF can be made; install it with: {INSTALL}"
    )


def count_pages(data: bytes) -> int:
    """Pages of a PDF, read from its page objects (LibreOffice does not compress them)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def default_jobs(decks: int) -> int:
    return max(1, min(decks, os.cpu_count() or 1, MAX_JOBS))


def chunks(items: Sequence[Path], jobs: int) -> list[list[Path]]:
    """Split into ``jobs`` nearly equal, non-empty chunks, keeping order inside each."""
    jobs = max(1, min(jobs, len(items)))
    return [list(items[i::jobs]) for i in range(jobs)]


def default_timeout(decks: int) -> float:
    """Seconds one soffice run may take: start-up allowance plus a margin per deck."""
    return 60.0 + 20.0 * decks


def _run_soffice(
    soffice: str, work: Path, decks: list[Path], timeout: float | None
) -> dict[Path, Path | str]:
    """Convert one chunk in one soffice run. Returns deck -> PDF path in ``work``, or the reason.

    Side effects: creates ``work`` (profile, links, output); kills the run on timeout.
    """
    links, out, profile = work / "in", work / "out", work / "profile"
    for folder in (links, out, profile):
        folder.mkdir(parents=True)
    names = {}
    for i, deck in enumerate(decks):
        link = links / f"{i:04d}.pptx"
        os.symlink(deck.resolve(), link)
        names[deck] = link
    cmd = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--nologo",
        "--convert-to",
        "pdf:impress_pdf_Export",
        "--outdir",
        str(out),
        *(str(names[d]) for d in decks),
    ]
    limit = timeout if timeout is not None else default_timeout(len(decks))
    # A session of its own: soffice starts soffice.bin, and a timeout must kill both.
    try:
        proc = subprocess.Popen(
            cmd,
            cwd=work,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    except OSError as exc:
        return {d: f"cannot run {soffice}: {exc.strerror or exc}" for d in decks}
    try:
        log, _ = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return {d: f"LibreOffice took longer than {limit:g} s (raise --timeout)" for d in decks}
    why = _reason(log.decode(errors="replace"), proc.returncode)
    result: dict[Path, Path | str] = {}
    for deck in decks:
        pdf = out / (names[deck].stem + ".pdf")
        result[deck] = pdf if pdf.is_file() and pdf.stat().st_size else why
    return result


def _reason(log: str, code: int) -> str:
    """The most telling line of a failed soffice run."""
    lines = [
        ln.strip()
        for ln in log.splitlines()
        if ln.strip() and "javaldx" not in ln and not ln.startswith("convert ")
    ]
    detail = next((ln for ln in lines if "rror" in ln), lines[-1] if lines else "")
    return f"LibreOffice could not convert it (exit {code}{': ' + detail if detail else ''})"


def targets(decks: Sequence[Path], out_dir: Path | None) -> dict[Path, Path]:
    """Where each deck's PDF goes: beside the deck, or in ``out_dir``. Checks before any work."""
    found: dict[Path, Path] = {}
    seen: dict[Path, Path] = {}
    for deck in decks:
        if not deck.is_file():
            raise UsageError(f"{deck}: no such file")
        if deck.suffix.lower() != ".pptx":
            raise UsageError(f"{deck}: not a .pptx deck")
        target = (out_dir or deck.parent) / (deck.stem + ".pdf")
        try:
            key = target.resolve()
        except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop before Python 3.13
            raise UsageError(
                f"{out_dir or deck.parent}: cannot follow it (a symlink loop?)"
            ) from exc
        if key in seen and seen[key] != deck.resolve():
            raise UsageError(f"{seen[key]} and {deck} would both write {target}")
        seen[key] = deck.resolve()
        found[deck] = target
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir}: not a folder")
    return found


Progress = Callable[[str, int, int], None]
"""Told (what, done, total) as work completes, e.g. ("converted", 4, 12); for a progress line."""


def convert(
    decks: Sequence[Path],
    out_dir: Path | None = None,
    jobs: int | None = None,
    timeout: float | None = None,
    progress: Progress | None = None,
) -> list[Converted]:
    """Convert decks to PDF: beside each deck, or into ``out_dir`` (created if missing).

    Side effects: see :func:`convert_to`.
    """
    decks = list(dict.fromkeys(decks))  # the same deck twice is converted once
    if not decks:
        raise UsageError("no decks to convert")
    where = targets(decks, out_dir)
    find_soffice()  # before creating any folder
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    return convert_to(where, jobs, timeout, progress)


def convert_built(deck: Path) -> Converted:
    """The PDF of a deck just built, beside it; errors say the deck itself was written."""
    try:
        return convert([deck])[0]
    except OfficeMissing as exc:
        raise OfficeMissing(f"{deck} is built, but {exc.message}") from None


def convert_to(
    where: dict[Path, Path],
    jobs: int | None = None,
    timeout: float | None = None,
    progress: Progress | None = None,
) -> list[Converted]:
    """Convert each deck to its target PDF path (targets must be distinct, folders must exist).

    Side effects: runs up to ``jobs`` soffice processes at once, each on a chunk of the decks,
    with a temporary profile that is removed afterwards; writes each PDF atomically. Decks that
    fail are reported together in one :class:`PdfError` after the others are written.
    """
    soffice = find_soffice()
    decks = list(where)
    parts = chunks(decks, jobs or default_jobs(len(decks)))
    done: list[Converted] = []
    failures: list[str] = []
    # A killed LibreOffice may leave its profile half-written; cleanup must not fail on it.
    with tempfile.TemporaryDirectory(prefix="talkdeck-pdf-", ignore_cleanup_errors=True) as tmp:
        with ThreadPoolExecutor(max_workers=len(parts)) as pool:
            runs = [
                pool.submit(_run_soffice, soffice, Path(tmp) / f"run{i}", part, timeout)
                for i, part in enumerate(parts)
            ]
            results: dict[Path, Path | str] = {}
            for run in as_completed(runs):
                results.update(run.result())
                if progress is not None:
                    progress("converted", len(results), len(decks))
        for deck in decks:
            got = results[deck]
            if isinstance(got, str):
                failures.append(f"{deck}: {got}")
                continue
            data = got.read_bytes()
            write_atomic(where[deck], data)
            done.append(Converted(deck, where[deck], count_pages(data)))
    if failures:
        raise PdfError(failures, len(done))
    return done


def find_decks(folder: Path) -> list[Path]:
    """Every deck under ``folder``, skipping hidden files and talkdeck's own preview/ folder."""
    found = []
    for path in folder.rglob("*.pptx"):
        rel = path.relative_to(folder)
        if rel.parts[0] == "preview" or any(part.startswith(".") for part in rel.parts):
            continue
        if not is_regular(path):  # a FIFO or a link to /dev/zero would block or never end
            continue
        found.append(path)
    return sorted(found)


def expand(paths: Sequence[Path]) -> list[Path]:
    """Files as given; a folder stands for every deck in it (see :func:`find_decks`)."""
    decks: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = find_decks(path)
            if not found:
                raise UsageError(f"{path}: no .pptx decks in it")
            decks += found
        elif not is_regular(path):  # a FIFO or a device: LibreOffice would wait for ever
            raise UsageError(f"{path}: not a regular file")
        else:
            decks.append(path)
    return decks


def fresh_pdf(deck: Path) -> Path | None:
    """The PDF beside a deck if it was made after the deck (e.g. by ``build --pdf``)."""
    pdf = deck.with_suffix(".pdf")
    try:
        return pdf if pdf.stat().st_mtime >= deck.stat().st_mtime else None
    except OSError:
        return None
