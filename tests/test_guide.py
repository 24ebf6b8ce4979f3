"""Presenter guide and take-home handout, in Markdown and PDF, from the tailored deck."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from talkdeck.cli import cli
from talkdeck.printouts.pdf import count_pages

from .conftest import MINI


def run(runner: CliRunner, lib: Path, *args: str) -> str:
    result = runner.invoke(cli, [*args, "-L", str(lib)])
    assert result.exit_code == 0, result.output
    return result.output


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed")
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())  # lines wrap differently on paper


def test_guide_markdown(mini: Path, tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "guide.md"
    assert (
        run(
            runner,
            mini,
            "guide",
            "mini",
            "--age",
            "13",
            "--region",
            "CO",
            "--lang",
            "en",
            "-o",
            str(out),
        )
        == f"wrote {out}\n"
    )
    text = out.read_text()
    lines = text.splitlines()
    assert lines[:3] == [
        "# Presenter's guide: Staying safe online",
        "",
        "*Colombia · pupils aged 13 · English · talk version 1.0 (2026-11-29)*",
    ]
    assert "- Length: a 10-minute session; the slides' timings add up to 9 min (7 slides)." in lines
    assert (
        "- [ ] The deck, and a PDF copy for schools without PowerPoint: `talkdeck build mini "
        "--age 13 --region CO --lang en --pdf`" in lines
    )
    script = [line for line in lines if line.startswith("### ")]
    assert script == [
        "### 1. Staying safe online (0–1 min · 1 min)",
        "### 2. What is grooming? (1–3 min · 2 min)",
        "### 3. Sextortion (3–4 min · 1 min)",
        "### 4. In 2017 sexual predators were online at any moment (4–5 min · 1 min)",
        "### 5. What to do (5–6 min · 1 min)",
        "### 6. Where to get help (6–8 min · 2 min)",
        "### 7. You are not alone (8–9 min · 1 min)",
    ]
    # Notes as in the deck; safeguarding text once, in its own sections, pointed to from slides.
    assert "Explain the word." in lines and "Only for older pupils." in lines
    assert "*On the slide: An adult wins your trust to abuse you.*" in lines
    assert text.count("Brief the safeguarding lead.") == 1
    assert text.count("Listen calmly and do not promise secrecy.") == 1
    assert text.count("(The safeguarding steps above are also in this slide's notes.)") == 2
    assert "## Helplines: Colombia" in lines and "**ICBF Línea 141**  " in lines
    assert (
        "Source: elespectador.com (gathered on 2026-11-29; confirmed on 2026-11-29 by T. Test, "
        "coordinator (phone call))  " in lines
    )
    assert "data:image/png" not in text  # no QR codes in the guide


def test_guide_in_spanish_by_default_for_colombia(
    mini: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert (
        run(runner, mini, "guide", "mini", "--age", "11", "--region", "CO")
        == "wrote " + str(tmp_path / "mini-CO-es-11-guide.md") + "\n"
    )
    text = (tmp_path / "mini-CO-es-11-guide.md").read_text()
    assert text.startswith("# Guía para la persona que presenta: Seguros en línea\n")
    assert "Explica la palabra." in text and "Sextorsión" not in text  # 13-15 slide gated


def test_guide_pdf(mini: Path, tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "guide.pdf"
    run(runner, mini, "guide", "mini", "--age", "12", "--format", "pdf", "-o", str(out))
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and count_pages(data) >= 2
    text = pdf_text(out)
    assert "Listen calmly and do not promise secrecy." in text
    assert "talkdeck build mini --age 12 --region global --lang en --pdf" in text  # no backticks


def test_pupils_handout_markdown(mini: Path, tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "h.md"
    run(runner, mini, "handout", "mini", "--region", "CO", "-o", str(out))
    text = out.read_text()
    assert text.startswith("# Seguros en línea\n\n*Una hoja para llevar a casa · Colombia*\n")
    assert "## Qué hacer\n\n- Cuéntaselo a un adulto de confianza.\n" in text
    assert "## Quién puede ayudar" in text and "Llama al 141" in text
    assert text.count("](data:image/png;base64,") == 1  # only Te Protejo has a web address
    assert "![QR code: teprotejocolombia.org](data:image/png;base64," in text
    assert "elespectador.com" not in text  # sources are for the presenter's guide


PARENT_TIPS = (
    MINI["talks/common/tips.yaml"].rstrip()
    + """
          - id: know-the-signs
            text: {en: Watch for secrecy about a phone., es: Atención al secreto con el móvil.}
            source: NSPCC
          - id: talk-without-blame
            text: {en: Talk often and never blame., es: Habla a menudo y sin culpar.}
            source: NSPCC
        """
)


def test_parents_handout_uses_the_parents_tips(
    make_library: Callable[..., Path], tmp_path: Path, runner: CliRunner
) -> None:
    lib = make_library({"talks/common/tips.yaml": PARENT_TIPS})
    out = tmp_path / "p.md"
    run(runner, lib, "handout", "mini", "--audience", "parents", "--age", "14", "-o", str(out))
    text = out.read_text()
    assert text.startswith("# For parents and carers: Staying safe online\n")
    assert "## Warning signs\n\nWatch for secrecy about a phone.\n" in text
    assert "## What you can do\n\n- Talk often and never blame.\n" in text
    assert "Call: 116 111" in text


def test_handout_pdf_is_one_page_and_reproducible(
    mini: Path, tmp_path: Path, runner: CliRunner
) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for out in (first, second):
        run(runner, mini, "handout", "mini", "--region", "CO", "--format", "pdf", "-o", str(out))
    assert first.read_bytes() == second.read_bytes()
    assert count_pages(first.read_bytes()) == 1
    text = pdf_text(first)
    assert "Te Protejo" in text and "Cuéntaselo a un adulto de confianza." in text


def many_channels(count: int) -> str:
    channel = """
          - name: Line {n}
            kind: child-helpline
            what: {{en: "{what}"}}
            phone: "0800 000 {n:03d}"
            url: example.org/line-{n}
            source: example.org
            gathered: 2026-11-29"""
    what = "Help for children and young people, day and night, about anything online. " * 2
    return "code: CO\nname: {en: Colombia}\nlanguages: [en]\nchannels:" + "".join(
        channel.format(n=n, what=what) for n in range(count)
    )


def test_a_long_handout_takes_two_pages_rather_than_small_type(
    make_library: Callable[..., Path], tmp_path: Path, runner: CliRunner
) -> None:
    """A little over a page shrinks a little to stay on one; much more takes a second page at
    full size rather than type too small for an 11-year-old."""
    from talkdeck.printouts.document import READABLE

    sizes = {}
    for count in (3, 7):
        lib = make_library({"talks/regions/co.yaml": many_channels(count)}, name=f"lib{count}")
        out = tmp_path / f"h{count}.pdf"
        run(runner, lib, "handout", "mini", "--region", "CO", "--format", "pdf", "-o", str(out))
        sizes[count] = (count_pages(out.read_bytes()), word_heights(out)["Line"])
    (one, small), (two, full) = sizes[3], sizes[7]
    assert (one, two) == (1, 2)
    assert small >= full * READABLE - 0.1  # never under the readable size on one page


@pytest.mark.slow
def test_a_handout_that_cannot_fit_is_an_error(
    make_library: Callable[..., Path], tmp_path: Path, runner: CliRunner
) -> None:
    lib = make_library({"talks/regions/co.yaml": many_channels(45)})
    out = tmp_path / "h.pdf"
    result = runner.invoke(
        cli,
        ["handout", "mini", "--region", "CO", "--format", "pdf", "-o", str(out), "-L", str(lib)],
    )
    assert (result.exit_code, result.output) == (
        1,
        "error: 'Staying safe online' does not fit on 2 pages even in small type\n",
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["guide", "mini", "--age", "12", "--format", "pdf", "-o", "x.md"],
            2,
            "error: x.md: a .pdf file's name must end in .pdf",
        ),
        (
            ["guide", "mini", "--age", "12", "-o", "x.txt"],
            2,
            "error: x.txt: a .md file's name must end in .md",
        ),
        (
            ["guide", "mini", "--age", "12", "--region", "XX"],
            2,
            "error: unknown region 'XX' (valid: CO, global)",
        ),
        (["guide", "mini"], 2, "Error: Missing option '--age' / '-a'."),
        (
            ["handout", "mini", "--audience", "teachers"],
            2,
            "Error: Invalid value for '--audience': 'teachers' is not one of 'pupils', 'parents'.",
        ),
        (["handout", "nope"], 2, "error: unknown talk 'nope'"),
    ],
)
def test_errors(
    mini: Path,
    runner: CliRunner,
    args: list[str],
    code: int,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, [*args, "-L", str(mini)])
    assert result.exit_code == code
    assert result.output.splitlines()[-1].startswith(message), result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lib"]


def test_draft_talk_needs_the_flag(
    make_library: Callable[..., Path], tmp_path: Path, runner: CliRunner
) -> None:
    lib = make_library(
        {"talks/mini.yaml": MINI["talks/mini.yaml"].replace("status: approved", "status: draft")}
    )
    result = runner.invoke(cli, ["handout", "mini", "-L", str(lib), "-o", str(tmp_path / "h.md")])
    assert result.exit_code == 1 and "is a draft; pass --draft" in result.output
    run(runner, lib, "handout", "mini", "--draft", "-o", str(tmp_path / "h.md"))


# --- issue 13, family 14: a hand-written file is never overwritten silently ------------------


@pytest.mark.parametrize(("command", "name"), [("guide", "notes.md"), ("handout", "x.pdf")])
def test_an_existing_hand_written_file_needs_force(
    mini: Path, tmp_path: Path, runner: CliRunner, command: str, name: str
) -> None:
    out = tmp_path / name
    out.write_text("my own notes, typed over a week\n")
    args = [
        command,
        "mini",
        "-a",
        "12",
        "-L",
        str(mini),
        "-o",
        str(out),
        "--format",
        name.rsplit(".", 1)[1],
    ]
    refused = runner.invoke(cli, args)
    assert (refused.exit_code, refused.stderr) == (
        1,
        f"error: {out}: not written by talkdeck; use --force to replace it or choose a "
        "different -o\n",
    )
    assert out.read_text() == "my own notes, typed over a week\n"
    assert runner.invoke(cli, [*args, "--force"]).exit_code == 0
    again = runner.invoke(cli, args)  # talkdeck's own file: replaced without --force
    assert again.exit_code == 0, again.output


def test_a_guide_edited_after_talkdeck_wrote_it_needs_force(
    mini: Path, tmp_path: Path, runner: CliRunner
) -> None:
    out = tmp_path / "guide.md"
    args = ["guide", "mini", "-a", "12", "-L", str(mini), "-o", str(out)]
    assert runner.invoke(cli, args).exit_code == 0
    assert out.read_text().endswith(" -->\n")
    out.write_text(out.read_text().replace("#", "## My notes\n\n#", 1))
    refused = runner.invoke(cli, args)
    assert (refused.exit_code, refused.stderr) == (
        1,
        f"error: {out}: changed after talkdeck wrote it (edited by hand?); use --force to "
        "replace it or choose a different -o\n",
    )


def test_fonts_come_from_talkdeck_never_from_the_library(
    mini: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """Family 6: a library's assets/fonts (here a symlink to /etc/passwd) is never read."""
    (mini / "assets" / "fonts").symlink_to("/etc/passwd")
    out = tmp_path / "h.pdf"
    result = runner.invoke(
        cli, ["handout", "mini", "-L", str(mini), "--format", "pdf", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")


def word_heights(pdf: Path) -> dict[str, float]:
    """The height of each word's box on the page (the type size, near enough), by word."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed")
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)</word>', html)
    return {word: float(bottom) - float(top) for top, bottom, word in found}


def test_the_pupils_handout_has_pictures_and_large_key_rules(
    tmp_path: Path, runner: CliRunner
) -> None:
    """For 11-year-olds: the slides' pictures beside the sections, the key rules larger than
    the rest, the helpline numbers larger still, on one page."""
    from .conftest import REPO

    out = tmp_path / "h.pdf"
    args = ["handout", "grooming-awareness", "--age", "11", "--region", "GB"]
    run(runner, REPO, *args, "--format", "pdf", "-o", str(out))
    data = out.read_bytes()
    assert count_pages(data) == 1
    alts = set(re.findall(rb"/Alt \(([^)]*)\)", data))
    assert {
        b"A waving hand",  # the title slide's picture
        b"A warning sign",  # the warning signs' picture
        b"A green heart",  # the key rules' icons, as on the recap cards
        b"A telephone receiver",  # Childline has no web address: a child helpline's picture
        b"QR code: ceop.police.uk",  # CEOP has one
    } <= alts, alts
    size = word_heights(out)
    assert size["uneasy,"] < size["fault,"] < size["1111"]  # what to do < key rule < number
