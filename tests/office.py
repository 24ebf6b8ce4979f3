"""Helpers for tests that run LibreOffice or poppler, real or fake.

The fake soffice answers the same command line as the real one in a fraction of a second: it
writes a real PDF (fpdf2) with one page per slide of each deck, and logs every run, so the
batching, profiles, failures and timeouts of talkdeck.printouts.pdf can be tested without LibreOffice.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

FAKE = textwrap.dedent("""\
    #!{python}
    import json, os, re, sys, time, zipfile
    from pathlib import Path
    args = sys.argv[1:]
    profile = next(a.split("=", 1)[1] for a in args if a.startswith("-env:UserInstallation="))
    outdir = Path(args[args.index("--outdir") + 1])
    decks = [Path(a) for a in args if a.endswith(".pptx")]
    with open(os.environ["FAKE_SOFFICE_LOG"], "a") as log:
        log.write(json.dumps({{"profile": profile, "pid": os.getpid(), "args": args,
                              "decks": [str(d.resolve()) for d in decks]}}) + "\\n")
    for deck in decks:
        real = deck.resolve().name
        if "slow" in real:
            time.sleep(60)
        if "bad" in real:
            print("Error: source file could not be loaded")
            continue
        with zipfile.ZipFile(deck) as z:
            slides = [n for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\\d+\\.xml", n)]
        from fpdf import FPDF
        pdf = FPDF(orientation="L", format=(190.5, 338.7))
        pdf.set_font("helvetica", size=40)
        for n in range(1, len(slides) + 1):
            pdf.add_page()
            pdf.text(30, 90, f"Slide {{n}} of {{real}}")
        (outdir / (deck.stem + ".pdf")).write_bytes(bytes(pdf.output()))
        print(f"convert {{deck}} -> {{outdir / (deck.stem + '.pdf')}} using filter : impress_pdf_Export")
""")


def install_fake(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Put a fake soffice in ``folder`` and point talkdeck at it. Returns its log file."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "soffice"
    script.write_text(FAKE.format(python=sys.executable))
    script.chmod(0o755)
    log = folder / "runs.jsonl"
    log.write_text("")
    monkeypatch.setenv("TALKDECK_SOFFICE", str(script))
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    return log


def runs(log: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in log.read_text().splitlines()]


def need(*tools: str) -> None:
    """Skip when a tool is missing on a developer's machine; fail in CI, which installs them."""
    missing = [t for t in tools if shutil.which(t) is None]
    if not missing:
        return
    message = (
        f"{', '.join(missing)} not installed (apt-get install libreoffice-impress poppler-utils)"
    )
    if os.environ.get("CI"):
        pytest.fail(f"{message}; .ci/run must install them")
    pytest.skip(message)
