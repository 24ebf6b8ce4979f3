"""python-pptx's internals are used inside talkdeck.deck.ooxml only (pinned below 1.1 for it).

Every other module of src/talkdeck uses python-pptx's public API plus the functions of
talkdeck.deck.ooxml. Comments and strings are not code: a docstring may name what it avoids.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "talkdeck"
ALLOWED = SRC / "deck" / "ooxml"
INTERNALS = {
    "python-pptx's XML and package layers": re.compile(r"\bpptx\.(oxml|opc|parts)\b"),
    "a python-pptx object's XML element": re.compile(r"\.(_?element)\b"),
    "a python-pptx private attribute": re.compile(
        r"\._(spTree|sldIdLst|rels|p|r|txBody|next_shape_id|next_slide_partname"
        r"|add_relationship|add_sldId|write_parts|write_pkg_rels|write_content_types_stream)\b"
    ),
    "python-pptx's XML helpers": re.compile(r"\b(qn|parse_xml|nsdecls|PackageWriter)\b"),
    "an lxml edit, or python-pptx's parts and package": re.compile(
        r"\.(xpath|makeelement|getparent|addnext|addprevious|iterchildren|get_or_add_\w+"
        r"|r_lst|p_lst|part_related_by|relate_to|iter_parts|package|part|rels)\b"
    ),
}

OWN = re.compile(r"\bdeck\.ooxml\.\w+")  # talkdeck's own module names (ooxml.package)


def code_lines(text: str) -> list[tuple[int, str]]:
    """(line number, code) with every comment and string blanked out."""
    lines = text.splitlines()
    blanks: dict[int, list[tuple[int, int]]] = {}
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type not in (tokenize.COMMENT, tokenize.STRING):
            continue
        (row, col), (end_row, end_col) = tok.start, tok.end
        for n in range(row, end_row + 1):
            start = col if n == row else 0
            stop = end_col if n == end_row else len(lines[n - 1])
            blanks.setdefault(n, []).append((start, stop))
    out = []
    for n, line in enumerate(lines, start=1):
        chars = list(line)
        for start, stop in blanks.get(n, ()):
            chars[start:stop] = " " * (stop - start)
        out.append((n, "".join(chars)))
    return out


def violations(text: str) -> list[tuple[int, str, str]]:
    """(line, what, the code) for each use of a python-pptx internal."""
    found, source = [], text.splitlines()
    for n, line in code_lines(text):
        code = OWN.sub("", line)
        for what, pattern in INTERNALS.items():
            if pattern.search(code):
                found.append((n, what, source[n - 1].strip()))
    return found


def test_the_checker_finds_internals_in_code_only() -> None:
    text = (
        '"""Uses slide.shapes._spTree? No: ooxml does."""\n'
        "from pptx.oxml.ns import qn  # an import\n"
        "shape._element.getparent().remove(shape._element)\n"
        "x = slide.part.package  # the package\n"
        "rId = slide.part.rels\n"
        "master = prs.slide_master.element\n"
        "for run in p._p.r_lst: pass\n"
        "note = 'getparent() and ._element in a string'\n"
        "from talkdeck.deck.ooxml.package import tag_language\n"
    )
    assert [n for n, _, _ in violations(text)] == [2, 2, 3, 3, 4, 5, 6, 7, 7]


def test_only_deck_ooxml_touches_python_pptx_internals() -> None:
    problems = []
    for path in sorted(SRC.rglob("*.py")):
        if ALLOWED in path.parents:
            continue
        for n, what, code in violations(path.read_text(encoding="utf-8")):
            problems.append(f"{path.relative_to(SRC.parent.parent)}:{n}: {what}: {code}")
    assert not problems, (
        "python-pptx internals outside src/talkdeck/deck/ooxml/ "
        "(add a function there instead):\n" + "\n".join(problems)
    )


def test_the_pin_names_the_module() -> None:
    pyproject = (SRC.parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    pin = next(line for line in pyproject.splitlines() if '"python-pptx' in line)
    assert "<1.1" in pin and "deck/ooxml" in pin
