"""The hostile-input corpus: data only, run by tests/test_hostile.py.

Each case is a library with one thing broken (or a strange output path) and the exact stderr
the CLI must print. The mini library (tests/conftest.py) is the starting point; ``talk()``
edits its talk by exact replacement, so every expected line number below can be checked
against the dedented MINI talk.
"""

from __future__ import annotations

import os
import struct
import textwrap
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from talkdeck.library.safe_yaml import MAX_ALIASES, MAX_BYTES, MAX_DEPTH

from .conftest import MINI, edit

TALK = textwrap.dedent(MINI["talks/mini.yaml"]).lstrip()
GLOBAL = textwrap.dedent(MINI["talks/regions/global.yaml"]).lstrip()
FACTS = textwrap.dedent(MINI["talks/common/facts.yaml"]).lstrip()
TP = "talks/mini.yaml"


def talk(*pairs: str) -> str:
    return edit(TALK, *pairs)


def with_image(path: str) -> str:
    """The mini talk with a picture on its closing slide."""
    return talk(
        "  - id: end\n",
        f"  - id: end\n    image: {{path: {path}, alt: {{en: A picture, es: Una imagen}}}}\n",
    )


def png(width: int, height: int, body: bytes | None = None) -> bytes:
    """A minimal PNG; ``body`` replaces the compressed pixels (to make a damaged file)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    pixels = (
        zlib.compress(b"".join(b"\0" + b"\xff" * 3 * width for _ in range(height)))
        if body is None
        else body
    )
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def zip_bomb(path: Path, megabytes: int) -> None:
    """A zip holding ``megabytes`` of zeros (a few hundred kB on disk)."""
    path.unlink()
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("ppt/presentation.xml", "w") as entry,
    ):
        for _ in range(megabytes):
            entry.write(bytes(1_000_000))


def alias_bomb() -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join(['*a' + str(i - 1)] * 9)}]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def deep_block(levels: int) -> str:
    return (
        "id:\n"
        + "".join("  " * i + f"k{i}:\n" for i in range(1, levels))
        + "  " * levels
        + "v: 1\n"
    )


Setup = Callable[[Path, Path], object]  # (library, output folder); any result is ignored


def link(rel: str, target: str) -> Setup:
    """Make ``rel`` inside the library a symlink to ``target`` (relative to tmp_path)."""

    def setup(lib: Path, out: Path) -> None:
        where = lib / rel
        where.parent.mkdir(parents=True, exist_ok=True)
        where.symlink_to(lib.parent / target)

    return setup


def move_out(rel: str, target: str) -> Setup:
    """Move ``rel`` out of the library to ``target`` and leave a symlink to it in its place."""

    def setup(lib: Path, out: Path) -> None:
        moved = lib.parent / target
        if moved.is_dir():  # merge a folder into one that exists
            for item in (lib / rel).iterdir():
                item.rename(moved / item.name)
            (lib / rel).rmdir()
        else:
            (lib / rel).rename(moved)
        (lib / rel).symlink_to(moved)

    return setup


def secret(lib: Path, out: Path) -> None:
    """A real picture outside the library, for the symlink cases to point at."""
    (lib.parent / "private").mkdir(exist_ok=True)
    (lib.parent / "private" / "photo.png").write_bytes(png(4, 4))


def both(*steps: Setup) -> Setup:
    def setup(lib: Path, out: Path) -> None:
        for step in steps:
            step(lib, out)

    return setup


def without_text_styles(lib: Path, out: Path) -> None:
    """The template with <p:txStyles> cut out of its slide master."""
    path = lib / "assets/templates/talkdeck.pptx"
    with zipfile.ZipFile(path) as src:
        parts = {info.filename: src.read(info) for info in src.infolist()}
    name = "ppt/slideMasters/slideMaster1.xml"
    xml = parts[name].decode()
    parts[name] = (
        xml[: xml.index("<p:txStyles>")] + xml[xml.index("</p:txStyles>") + len("</p:txStyles>") :]
    ).encode()
    with zipfile.ZipFile(path, "w") as dst:
        for part, data in parts.items():
            dst.writestr(part, data)


def fifo(rel: str) -> Setup:
    """Replace ``rel`` in the library with a named pipe nobody writes to."""

    def setup(lib: Path, out: Path) -> None:
        (lib / rel).unlink(missing_ok=True)
        os.mkfifo(lib / rel)

    return setup


def sparse(rel: str, size: int) -> Setup:
    """Make ``rel`` a sparse file of ``size`` bytes (no disk used; reading it all would be)."""

    def setup(lib: Path, out: Path) -> None:
        with open(lib / rel, "ab") as handle:
            handle.truncate(size)

    return setup


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, str | bytes | None] = field(default_factory=dict)
    errors: tuple[str, ...] = ()
    """Expected problem lines; stderr is these plus the 'N problems found' summary."""
    stderr: str | None = None
    """Exact stderr when it is not a list of content problems."""
    code: int = 1
    args: tuple[str, ...] = ("--age", "12")
    setup: Setup | None = None
    output: str = "deck.pptx"
    """Relative to the (empty) output folder."""
    shows: tuple[str, ...] = ()
    """For accepted cases: text that must be in the built deck."""
    talk: str = "mini"
    """The TALK argument."""
    hangs: bool = False
    """Hung talkdeck once (a FIFO, a device): run in a subprocess with a timeout."""


def case_library(case: Case, make_library: Callable[..., Path], out_dir: Path) -> Path:
    """The library a case describes (its texts and bytes written, its setup run), for a build
    or a batch into ``out_dir``."""
    lib = make_library({k: v for k, v in case.files.items() if not isinstance(v, bytes)})
    for rel, blob in case.files.items():
        if isinstance(blob, bytes):
            (lib / rel).write_bytes(blob)
    if case.setup:
        case.setup(lib, out_dir)
    return lib


IMG_ALT = "slides[6].image.path"
CASES = [
    # --- not a talk at all -------------------------------------------------------------------
    Case("empty file", {TP: b""}, (f"{TP}:1:1: file is empty",)),
    Case("only comments", {TP: b"# nothing yet\n\n"}, (f"{TP}:1:1: file is empty",)),
    Case(
        "not YAML: unclosed bracket",
        {TP: "id: mini\nslides: [intro, words\n"},
        (f"{TP}:3:1: not valid YAML: expected ',' or ']', but got '<stream end>'",),
    ),
    Case(
        "not YAML: prose with colons",
        {TP: "Talk: staying safe: for pupils\n"},
        (f"{TP}:1:19: not valid YAML: mapping values are not allowed here",),
    ),
    Case(
        "a list where the talk mapping belongs",
        {TP: "- id: mini\n- title: x\n"},
        (f"{TP}:1:1: expected a mapping of keys, got a list",),
    ),
    Case(
        "a line of text where the talk belongs",
        {TP: "Staying safe online\n"},
        (f"{TP}:1:1: expected a mapping of keys, got a line of text",),
    ),
    Case(
        "a list where a slide mapping belongs",
        {
            TP: talk(
                "  - id: end\n    kind: closing\n",
                "  - [end, closing]\n  - id: end\n    kind: closing\n",
            )
        },
        (f"{TP}:45:5: slides[6]: Input should be a valid dictionary or instance of Slide",),
    ),
    Case(
        "a mapping where the slide list belongs",
        {TP: talk("slides:\n", "slides:\n  all:\n")},
        (f"{TP}:9:1: slides: Input should be a valid list",),
    ),
    Case(
        "tab indentation",
        {TP: talk("  - id: do\n    kind: tips\n", "  - id: do\n\tkind: tips\n")},
        (
            f"{TP}:36:1: not valid YAML: found character '\\t' that cannot start any token "
            "(use spaces, not tabs, to indent)",
        ),
    ),
    Case(
        "duplicate top-level key",
        {TP: talk("duration: 10\n", "duration: 10\nduration: 20\n")},
        (f"{TP}:8:1: duration: duplicate key 'duration' (first at line 7)",),
    ),
    Case(
        "duplicate key in a slide",
        {TP: talk("    kind: statistic\n", "    kind: statistic\n    kind: bullets\n")},
        (f"{TP}:32:5: slides[3].kind: duplicate key 'kind' (first at line 31)",),
    ),
    Case(
        "two documents in one file",
        {TP: TALK + "---\nid: other\n"},
        (f"{TP}:53:1: holds more than one YAML document; keep one per file",),
    ),
    Case(
        "invalid UTF-8 (Latin-1 bytes)",
        {TP: TALK.replace("Sextorsión", "Sextorsi\udcf3n").encode("utf-8", "surrogateescape")},
        (f"{TP}:26:41: not valid UTF-8 (byte 799); save the file as UTF-8",),
    ),
    Case(
        "UTF-16 file",
        {TP: TALK.encode("utf-16")},
        (f"{TP}:1:1: not valid UTF-8 (byte 0); save the file as UTF-8",),
    ),
    Case(
        "control character",
        {TP: talk("duration: 10", "duration: 1\x070")},
        (f"{TP}:7:12: not valid YAML: character U+0007 is not allowed; delete it",),
    ),
    Case(
        "control character written as a YAML escape",
        {TP: talk("title: {en: You are not alone,", 'title: {en: "You are\\a not\\0 alone",')},
        (
            f"{TP}:47:17: slides[6].title.en: holds control character U+0007, which a slide cannot "
            "show; delete it",
        ),
    ),
    Case(
        "control character in --school",
        {},
        code=2,
        args=("--age", "12", "--school", "A\x1bB"),
        stderr="error: --school: holds control character U+001B, which a slide cannot show\n",
    ),
    Case(
        "bytes that are not UTF-8 in --date",
        {},
        code=2,
        args=("--age", "12", "--date", "3 mars \udce9"),
        stderr="error: --date: holds a byte that is not UTF-8 (U+DCE9), which a slide cannot "
        "show\n",
    ),
    # --- limits --------------------------------------------------------------------------------
    Case(
        "a 10 MB file",
        {TP: TALK + "#" * 10_000_000 + "\n"},
        (
            f"{TP}:1:1: file is {len(TALK.encode()) + 10_000_001:,} bytes; the limit is {MAX_BYTES:,}",
        ),
    ),
    Case(
        "deep nesting, flow style",
        {TP: "id: " + "[" * 10_000 + "]" * 10_000 + "\n"},
        (f"{TP}:1:{5 + MAX_DEPTH}: nested deeper than {MAX_DEPTH} levels",),
    ),
    Case(
        "deep nesting, block style",
        {TP: deep_block(60)},
        (f"{TP}:{MAX_DEPTH + 2}:{2 * MAX_DEPTH + 3}: nested deeper than {MAX_DEPTH} levels",),
    ),
    Case(
        "alias bomb (billion laughs)",
        {TP: alias_bomb()},
        (f"{TP}:6:14: document expands to more than 200,000 values (too many aliases?)",),
    ),
    Case(
        "too many aliases",
        {
            TP: talk(
                "duration: 10\n",
                "duration: 10\nx: &n 1\nxs: [" + ", ".join(["*n"] * (MAX_ALIASES + 1)) + "]\n",
            )
        },
        (f"{TP}:9:{6 + 4 * MAX_ALIASES}: more than {MAX_ALIASES} aliases; write the values out",),
    ),
    Case(
        "an alias inside the value it names",
        {TP: talk("id: mini\n", "id: &me [mini, *me]\n")},
        (f"{TP}:1:16: alias *me is inside the value it names",),
    ),
    Case(
        "an undefined alias",
        {TP: talk("duration: 10", "duration: *ten")},
        (f"{TP}:7:11: alias *ten is not defined above",),
    ),
    # --- tags and YAML features --------------------------------------------------------------
    Case(
        "!!python/object tag",
        {TP: talk("duration: 10", "duration: !!python/object:os.system {}")},
        (f"{TP}:7:11: tag !!python/object:os.system is not allowed; only plain YAML values",),
    ),
    Case(
        "!!python/object/apply tag",
        {TP: talk("duration: 10", 'duration: !!python/object/apply:os.system ["echo owned"]')},
        (f"{TP}:7:11: tag !!python/object/apply:os.system is not allowed; only plain YAML values",),
    ),
    Case(
        "a local !include tag",
        {TP: talk("duration: 10", "duration: !include other.yaml")},
        (f"{TP}:7:11: tag !include is not allowed; only plain YAML values",),
    ),
    Case(
        "merge keys",
        {TP: talk("duration: 10\n", "duration: 10\nbase: &b {x: 1}\nmore: {<<: *b}\n")},
        (f"{TP}:9:7: merge keys (<<) are not supported; write the keys out",),
    ),
    Case(
        "a mapping used as a key",
        {TP: talk("duration: 10\n", "duration: 10\n? {a: 1}\n: 2\n")},
        (f"{TP}:8:3: keys must be plain words",),
    ),
    # --- missing fields and wrong types ------------------------------------------------------
    Case(
        "missing version",
        {TP: talk('version: "1.0"\n', "")},
        (f"{TP}:1:1: version: missing required key 'version'",),
    ),
    Case(
        "missing slide minutes and notes",
        {
            TP: talk(
                "    minutes: 1\n    notes: {en: Thank the class., es: Agradece a la clase.}\n", ""
            )
        },
        (
            f"{TP}:45:5: slides[6].minutes: missing required key 'minutes'",
            f"{TP}:45:5: slides[6].notes: missing required key 'notes'",
        ),
    ),
    Case(
        "duration as a word",
        {TP: talk("duration: 10", "duration: ten")},
        (
            f"{TP}:7:1: duration: Input should be a valid integer, unable to parse string as "
            "an integer",
        ),
    ),
    Case(
        "duration out of range",
        {TP: talk("duration: 10", "duration: 500")},
        (f"{TP}:7:1: duration: Input should be less than or equal to 120",),
    ),
    Case(
        "minutes as a list",
        {
            TP: talk(
                "    minutes: 1\n    notes: {en: Thank", "    minutes: [1]\n    notes: {en: Thank"
            )
        },
        (f"{TP}:48:5: slides[6].minutes: Input should be a valid number",),
    ),
    Case(
        "minutes zero",
        {
            TP: talk(
                "    minutes: 1\n    notes: {en: Welcome", "    minutes: 0\n    notes: {en: Welcome"
            )
        },
        (f"{TP}:13:5: slides[0].minutes: Input should be greater than 0",),
    ),
    Case(
        "title as a number",
        {
            TP: talk(
                "title: {en: Staying safe online, es: Seguros en línea}\nversion",
                "title: 42\nversion",
            )
        },
        (f"{TP}:2:1: title: expected text, got int",),
    ),
    Case(
        "version date that is not a date",
        {TP: talk("version_date: 2026-11-29", "version_date: next week")},
        (f"{TP}:4:1: version_date: Input should be a valid date or datetime, input is too short",),
    ),
    Case(
        "impossible date",
        {TP: talk("version_date: 2026-11-29", "version_date: 2026-02-30")},
        (
            f"{TP}:4:1: version_date: Input should be a valid date or datetime, day value is "
            "outside expected range",
        ),
    ),
    Case(
        "status as a boolean",
        {TP: talk("status: approved", "status: yes")},
        (f"{TP}:5:1: status: True is not allowed; expected 'draft' or 'approved'",),
    ),
    Case(
        "languages as one word",
        {TP: talk("languages: [en, es]", "languages: en")},
        (f"{TP}:8:1: languages: Input should be a valid list",),
    ),
    Case(
        "an unknown language",
        {TP: talk("languages: [en, es]", "languages: [en, fr]")},
        (
            f"{TP}:8:17: languages[1]: unknown language 'fr' (known: en, es): declare it in "
            "languages.yaml",
        ),
    ),
    Case(
        "bullets as a number",
        {TP: talk("    bullets: [{en: Threats", "    bullets: 5\n    x: [{en: Threats")},
        (
            f"{TP}:27:5: slides[2].bullets: Input should be a valid list",
            f"{TP}:28:5: slides[2].x: unknown key 'x' (allowed: ages, bullets, fact, id, image, "
            "kind, minutes, notes, page_pictures, picture, pictures, text, tips, title)",
        ),
    ),
    Case(
        "tips as one word",
        {TP: talk("tips: [tell-adult]", "tips: tell-adult")},
        (f"{TP}:38:5: slides[4].tips: Input should be a valid list",),
    ),
    Case(
        "slide id with spaces",
        {TP: talk("  - id: words\n", "  - id: the words\n")},
        (
            f"{TP}:15:5: slides[1].id: 'the words' is not valid here (expected pattern "
            "^[a-z0-9]+(?:-[a-z0-9]+)*$)",
        ),
    ),
    Case(
        "misspelt key",
        {TP: talk("    kind: closing\n", "    knid: closing\n")},
        (
            f"{TP}:45:5: slides[6].kind: missing required key 'kind'",
            f"{TP}:46:5: slides[6].knid: unknown key 'knid' (did you mean 'kind'?)",
        ),
    ),
    Case(
        "unknown slide kind",
        {TP: talk("kind: closing", "kind: quiz")},
        (
            f"{TP}:46:5: slides[6].kind: 'quiz' is not allowed; expected 'title', 'section', "
            "'bullets', 'rules', 'statement', 'statistic', 'tips', 'activity', 'helpline', 'law', "
            "'local', 'recap' or 'closing'",
        ),
    ),
    Case(
        "a statistic slide without its fact",
        {TP: talk("    fact: predators-online\n", "")},
        (f"{TP}:30:5: slides[3]: a statistic slide needs 'fact'",),
    ),
    Case(
        "text mixing language and age keys",
        {
            TP: talk(
                "title: {en: What to do, es: Qué hacer}",
                'title: {en: What to do, "11-12": Qué hacer}',
            )
        },
        (
            f"{TP}:37:5: slides[4].title: do not mix language keys (en, es) with age keys in one "
            "text",
        ),
    ),
    Case(
        "a text in an unknown language",
        {
            TP: talk(
                "title: {en: What to do, es: Qué hacer}", "title: {en: What to do, fr: Que faire}"
            )
        },
        (
            f"{TP}:37:5: slides[4].title: missing translation: no 'es' text (written only in "
            "en/fr)",
            f"{TP}:37:5: slides[4].title: unknown language 'fr' (known: en, es)",
        ),
    ),
    # --- references --------------------------------------------------------------------------
    Case(
        "unknown fact",
        {TP: talk("fact: predators-online", "fact: predators-offline")},
        (
            f"{TP}:32:5: slides[3].fact: unknown fact 'predators-offline' (did you mean "
            "'predators-online'?)",
        ),
    ),
    Case(
        "unknown tip",
        {TP: talk("tips: [tell-adult]", "tips: [tell-adult, block-them]")},
        (f"{TP}:38:24: slides[4].tips[1]: unknown tip 'block-them'",),
    ),
    Case(
        "unknown region",
        {},
        stderr="error: unknown region 'ZZ' (valid: CO, global)\n",
        code=2,
        args=("--age", "12", "--region", "ZZ"),
    ),
    Case(
        "region code that does not match its file",
        {
            "talks/regions/co.yaml": edit(
                textwrap.dedent(MINI["talks/regions/co.yaml"]).lstrip(), "code: CO", "code: PE"
            )
        },
        ("talks/regions/co.yaml:1:1: code: 'PE' does not match the file name co.yaml",),
        # The broken file blocks decks for its own region (building another one only warns).
        args=("--age", "12", "--region", "CO"),
    ),
    Case(
        "region code that is not a country code",
        {"talks/regions/global.yaml": edit(GLOBAL, "code: global", "code: Global")},
        (
            "talks/regions/global.yaml:1:1: code: 'Global' is not valid here (expected pattern "
            "^(global|[A-Z]{2})$)",
        ),
    ),
    Case(
        "fact with an unknown source",
        {"talks/common/facts.yaml": edit(FACTS, "source: reuters-2018", "source: bbc")},
        ("talks/common/facts.yaml:17:5: facts[0].source: unknown source 'bbc'",),
    ),
    Case(
        "facts file that is a list",
        {"talks/common/facts.yaml": "- one\n- two\n"},
        ("talks/common/facts.yaml:1:1: expected a mapping of keys, got a list",),
    ),
    Case(
        "global region missing",
        {"talks/regions/global.yaml": None},
        ("talks/regions/global.yaml: the global region is missing",),
    ),
    # --- ages ---------------------------------------------------------------------------------
    Case(
        "ages reversed",
        {TP: talk("ages: 13-15", "ages: 15-13")},
        (f"{TP}:25:5: slides[2].ages: range 15-13 is reversed (write 13-15)",),
    ),
    Case(
        "age below 11",
        {TP: talk("ages: 13-15", "ages: 10-12")},
        (f"{TP}:25:5: slides[2].ages: 10 is outside 11-15",),
    ),
    Case(
        "age above 15",
        {TP: talk("ages: 13-15", "ages: 16")},
        (f"{TP}:25:5: slides[2].ages: 16 is outside 11-15",),
    ),
    Case(
        "age as a word",
        {TP: talk("ages: 13-15", "ages: teens")},
        (f"{TP}:25:5: slides[2].ages: expected an age or a range such as 11-12, got 'teens'",),
    ),
    Case(
        "text age key outside 11-15",
        {TP: talk('"13-15": An adult', '"13-18": An adult')},
        (f"{TP}:19:9: slides[1].bullets[0].text: 18 is outside 11-15",),
    ),
    Case(
        "overlapping text ages",
        {TP: talk('"13-15": An adult', '"12-15": An adult')},
        (f"{TP}:19:9: slides[1].bullets[0].text: age ranges 11-12 and 12-15 overlap",),
    ),
    Case(
        "slide ages outside the talk's",
        {TP: talk("duration: 10\n", "duration: 10\nages: 11-12\n")},
        (f"{TP}:26:5: slides[2].ages: 13-15 is outside the talk's ages 11-12",),
    ),
    Case(
        "--age outside 11-15",
        {},
        stderr="error: --age: 16 is not an age talkdeck builds for; give 11 to 15\n",
        code=2,
        args=("--age", "16"),
    ),
    # --- images and the template -------------------------------------------------------------
    Case(
        "image path absolute",
        {TP: with_image("/etc/passwd")},
        (
            f"{TP}:46:13: {IMG_ALT}: image path '/etc/passwd' must be relative to the library's "
            "assets/ folder",
        ),
    ),
    Case(
        "image path climbing out with ../",
        {TP: with_image("../../private/photo.png")},
        (
            f"{TP}:46:13: {IMG_ALT}: image path '../../private/photo.png' leads outside the "
            "library's assets/ folder",
        ),
        setup=secret,
    ),
    Case(
        "image that is a symlink out of the library",
        {TP: with_image("photo.png")},
        (
            f"{TP}:46:13: {IMG_ALT}: image path 'photo.png' leads outside the library's assets/ "
            "folder",
        ),
        setup=both(secret, link("assets/photo.png", "private/photo.png")),
    ),
    Case(
        "image in a folder symlinked out of the library",
        {TP: with_image("pics/photo.png")},
        (
            f"{TP}:46:13: {IMG_ALT}: image path 'pics/photo.png' leads outside the library's "
            "assets/ folder",
        ),
        setup=both(secret, link("assets/pics", "private")),
    ),
    Case(
        "assets folder symlinked out of the library",
        {TP: with_image("photo.png")},
        (
            "assets/templates/talkdeck.pptx: the slide template leads outside the library's "
            "assets/ folder",
        ),
        setup=both(secret, move_out("assets", "private")),
    ),
    Case(
        "image that does not exist",
        {TP: with_image("photo.png")},
        (f"{TP}:46:13: {IMG_ALT}: image 'photo.png' does not exist in assets/",),
    ),
    Case(
        "image that is a folder",
        {TP: with_image("templates")},
        (f"{TP}:46:13: {IMG_ALT}: image 'templates' does not exist in assets/",),
    ),
    Case(
        "image that is not an image",
        {TP: with_image("photo.png"), "assets/photo.png": "just some text\n"},
        (f"{TP}:46:13: {IMG_ALT}: image 'photo.png' is not a picture; use PNG, JPEG or GIF",),
    ),
    Case(
        "the template used as an image",
        {TP: with_image("templates/talkdeck.pptx")},
        (
            f"{TP}:46:13: {IMG_ALT}: image 'templates/talkdeck.pptx' is not a picture; use PNG, "
            "JPEG or GIF",
        ),
    ),
    Case(
        "damaged PNG",
        {TP: with_image("photo.png"), "assets/photo.png": png(8, 8, b"garbage")},
        (
            f"{TP}:46:13: {IMG_ALT}: image 'photo.png' is damaged: broken data stream "
            "when reading image file",
        ),
    ),
    Case(
        "picture bomb (huge dimensions)",
        {TP: with_image("photo.png"), "assets/photo.png": png(100_000, 100_000, b"")},
        (
            f"{TP}:46:13: {IMG_ALT}: image 'photo.png' is too large to open safely; the limit is "
            "40,000,000 pixels",
        ),
    ),
    Case(
        "picture over the pixel limit",
        {TP: with_image("photo.png"), "assets/photo.png": png(8000, 6000, b"")},
        (
            f"{TP}:46:13: {IMG_ALT}: image 'photo.png' is 8000x6000 pixels; the limit is "
            "40,000,000 pixels (scale it down)",
        ),
    ),
    Case(
        "template missing",
        {"assets/templates/talkdeck.pptx": None},
        (
            "assets/templates/talkdeck.pptx: the slide template is missing (tools/make_template.py "
            "makes it)",
        ),
    ),
    Case(
        "template that is not a PowerPoint file",
        {"assets/templates/talkdeck.pptx": "hello"},
        ("assets/templates/talkdeck.pptx: the slide template is not a PowerPoint file",),
    ),
    Case(
        "template that unpacks to 60 MB (zip bomb)",
        {},
        (
            "assets/templates/talkdeck.pptx: the slide template unpacks to 60,000,000 bytes; the "
            "limit is 50,000,000",
        ),
        setup=lambda lib, out: zip_bomb(lib / "assets/templates/talkdeck.pptx", 60),
    ),
    Case(
        "template symlinked from outside the library",
        {},
        (
            "assets/templates/talkdeck.pptx: the slide template leads outside the library's "
            "assets/ folder",
        ),
        setup=move_out("assets/templates/talkdeck.pptx", "other.pptx"),
    ),
    Case(
        "template that is a symlink to itself (a loop)",
        {"assets/templates/talkdeck.pptx": None},
        (
            "assets/templates/talkdeck.pptx: the slide template cannot be followed (a symlink "
            "loop?)",
        ),
        setup=lambda lib, out: (lib / "assets/templates/talkdeck.pptx").symlink_to("talkdeck.pptx"),
    ),
    # --- output paths --------------------------------------------------------------------------
    Case(
        "output in a missing folder",
        output="missing/deck.pptx",
        stderr="error: {out}: folder {out_parent} does not exist\n",
    ),
    Case(
        "output is an existing folder",
        output="deck.pptx",
        setup=lambda lib, out: (out / "deck.pptx").mkdir(),
        stderr="error: {out}: is a folder; give a file name ending in .pptx\n",
    ),
    Case(
        "output inside a file",
        output="notes.txt/deck.pptx",
        setup=lambda lib, out: (out / "notes.txt").write_text("x"),
        stderr="error: {out}: {out_parent} is a file, not a folder\n",
    ),
    Case(
        "output not ending in .pptx",
        output="deck.ppt",
        code=2,
        stderr="error: {out}: the output name must end in .pptx\n",
    ),
    # --- accepted: these must build -------------------------------------------------------------
    Case(
        "byte-order mark",
        {TP: b"\xef\xbb\xbf" + TALK.encode()},
        code=0,
        shows=("Staying safe online",),
    ),
    Case(
        "Windows line endings",
        {TP: TALK.replace("\n", "\r\n").encode()},
        code=0,
        shows=("Staying safe online", "Someone pretends to be your friend."),
    ),
    Case(
        "BOM and Windows line endings",
        {TP: b"\xef\xbb\xbf" + TALK.replace("\n", "\r\n").encode()},
        code=0,
        shows=("Staying safe online",),
    ),
    Case(
        "non-Latin text and emoji",
        {
            TP: talk(
                "title: {en: Staying safe online, es: Seguros en línea}\n    minutes",
                'title: {en: "Безопасность · 网络安全 · الأمان 🛡️", es: Seguros}\n    minutes',
                "notes: {en: Thank the class., es:",
                'notes: {en: "Merci · ありがとう 🙏👩🏽‍🏫", es:',
            )
        },
        code=0,
        shows=("Безопасность · 网络安全 · الأمان 🛡️", "Merci · ありがとう 🙏👩🏽‍🏫"),
    ),
    Case(
        "a few aliases used sensibly",
        {
            TP: talk(
                "notes: {en: Explain the word., es: Explica la palabra.}",
                "notes: &explain {en: Explain the word., es: Explica la palabra.}",
                "notes: {en: Only for older pupils., es: Solo para mayores.}",
                "notes: *explain",
            )
        },
        code=0,
        shows=("Explain the word.",),
    ),
    Case(
        "a large file under the limit",
        {TP: TALK + ("# padding\n" * 90_000)},
        code=0,
        shows=("Staying safe online",),
    ),
    # --- issue 13, family 1: explicit tags resolve to a value the model checks, or a problem --
    Case(
        "!!bool with a word that is not one",
        {TP: talk("status: approved", "status: !!bool maybe")},
        (f"{TP}:5:1: status: 'maybe' is not allowed; expected 'draft' or 'approved'",),
    ),
    Case(
        "!!int with nothing",
        {TP: talk("duration: 10", 'duration: !!int ""')},
        (
            f"{TP}:7:1: duration: Input should be a valid integer, unable to parse string as an "
            "integer",
        ),
    ),
    Case(
        "!!timestamp with a word",
        {TP: talk("version_date: 2026-11-29", "version_date: !!timestamp soon")},
        (f"{TP}:4:1: version_date: Input should be a valid date or datetime, input is too short",),
    ),
    Case(
        "!!str on a list",
        {
            TP: talk(
                "title: {en: Staying safe online, es: Seguros en línea}\nversion",
                "title: !!str [a, b]\nversion",
            )
        },
        (f"{TP}:2:8: title: tag !!str cannot mark a list; remove the tag",),
    ),
    Case(
        "!!map on a single value",
        {TP: talk("duration: 10", "duration: !!map 10")},
        (f"{TP}:7:11: duration: tag !!map cannot mark a single value; remove the tag",),
    ),
    Case(
        "a bad tag in facts.yaml",
        {"talks/common/facts.yaml": edit(FACTS, "year: 2017", "year: !!int twenty")},
        (
            "talks/common/facts.yaml:16:5: facts[0].year: Input should be a valid integer, unable "
            "to parse string as an integer",
        ),
    ),
    # --- family 2: names no file system can hold are refused, never a traceback ---------------
    Case(
        "-o with a 300-character name",
        output="x" * 296 + ".pptx",
        code=2,
        stderr="Usage: talkdeck build [OPTIONS] TALK\nTry 'talkdeck build --help' for help."
        "\n\nError: Invalid value for '--output' / '-o': {clipped}: a name in it is 301 bytes "
        "long; the limit is 255\n",
    ),
    Case(
        "a 300-character talk id",
        talk="t" * 300,
        code=2,
        stderr=f"error: unknown talk '{'t' * 60}… (300 characters)' (known: mini)\n",
    ),
    Case(
        "an image path of 5,000 characters",
        {TP: with_image("a" * 5000)},
        (
            f"{TP}:46:13: {IMG_ALT}: image path '{'a' * 60}… (5,000 characters)' cannot name a "
            "file: path is 5,000 bytes long; the limit is 4,000",
        ),
    ),
    Case(
        "an image path of 3,000 folders",
        {TP: with_image("a/" * 3000 + "b.png")},
        (
            f"{TP}:46:13: {IMG_ALT}: image path '{'a/' * 30}… (6,005 characters)' cannot name a "
            "file: path is 6,005 bytes long; the limit is 4,000",
        ),
    ),
    # --- family 3: a NUL byte is reported once, as the character it is -----------------------
    Case(
        "a NUL byte in an image path",
        {TP: with_image('"a\\0b.png"')},
        (
            f"{TP}:46:19: {IMG_ALT}: holds control character U+0000, which a slide cannot show; "
            "delete it",
        ),
    ),
    # --- family 4 and 5: only regular files are read, the size limit applied first -----------
    Case(
        "facts.yaml is a FIFO",
        setup=fifo("talks/common/facts.yaml"),
        hangs=True,
        errors=("talks/common/facts.yaml:1:1: is a FIFO (named pipe), not a regular file",),
    ),
    # A broken region file blocks decks for its own region; another region's build only warns.
    Case(
        "a region file is a FIFO",
        setup=fifo("talks/regions/zz.yaml"),
        hangs=True,
        args=("--age", "12", "--region", "ZZ"),
        errors=("talks/regions/zz.yaml:1:1: is a FIFO (named pipe), not a regular file",),
    ),
    Case(
        "the talk is a FIFO",
        setup=fifo(TP),
        hangs=True,
        errors=(f"{TP}: is a FIFO (named pipe), not a regular file",),
    ),
    Case(
        "a region file symlinked to /dev/zero",
        hangs=True,
        args=("--age", "12", "--region", "ZZ"),
        setup=lambda lib, out: (lib / "talks/regions/zz.yaml").symlink_to("/dev/zero"),
        errors=(
            "talks/regions/zz.yaml: leads outside the library (a symlink?); library files "
            "must be inside it",
        ),
    ),
    Case(
        "a 3 GB sparse region file",
        setup=sparse("talks/regions/co.yaml", 3_000_000_000),
        args=("--age", "12", "--region", "CO"),
        hangs=True,
        errors=("talks/regions/co.yaml:1:1: file is 3,000,000,000 bytes; the limit is 1,000,000",),
    ),
    Case(
        "a 6 GB sparse talk",
        setup=sparse(TP, 6_000_000_000),
        hangs=True,
        errors=(f"{TP}:1:1: file is 6,000,000,000 bytes; the limit is 1,000,000",),
    ),
    # --- family 6: every library file stays inside the library ------------------------------
    Case(
        "facts.yaml as a symlink inside the library",
        code=0,
        shows=("750,000",),
        setup=both(move_out("talks/common/facts.yaml", "lib/talks/common/real.yaml")),
    ),
    Case(
        "facts.yaml symlinked out of the library",
        setup=move_out("talks/common/facts.yaml", "facts.yaml"),
        errors=(
            "talks/common/facts.yaml: leads outside the library (a symlink?); library "
            "files must be inside it",
        ),
    ),
    Case(
        "the talk symlinked out of the library",
        setup=move_out(TP, "outside.yaml"),
        errors=(f"{TP}: leads outside the library (a symlink?); library files must be inside it",),
    ),
    Case(
        "regions/ symlinked out of the library",
        hangs=True,
        setup=move_out("talks/regions", "elsewhere"),
        errors=(
            "talks/regions/global.yaml: leads outside the library (a symlink?); library "
            "files must be inside it",
        ),
    ),
    Case(
        "a template without text styles",
        setup=without_text_styles,
        errors=(
            "assets/templates/talkdeck.pptx: the slide template's master has no text "
            "styles (<p:txStyles>); make it again with tools/make_template.py",
        ),
    ),
    Case(
        "the theme symlinked out of the library",
        setup=lambda lib, out: (lib / "assets/theme.yaml").symlink_to(lib.parent / "t.yaml"),
        errors=(
            "assets/theme.yaml: leads outside the library (a symlink?); library files "
            "must be inside it",
        ),
    ),
    Case(
        "the theme is a FIFO",
        setup=fifo("assets/theme.yaml"),
        hangs=True,
        errors=("assets/theme.yaml:1:1: is a FIFO (named pipe), not a regular file",),
    ),
    Case(
        "languages.yaml symlinked out of the library",
        setup=move_out("talks/common/languages.yaml", "languages.yaml"),
        errors=(
            "talks/common/languages.yaml: leads outside the library (a symlink?); library "
            "files must be inside it",
        ),
    ),
    # --- family 7: the cache steps aside for what it cannot hash --------------------------------
    Case(
        "a dangling and a looping symlink in assets/",
        code=0,
        shows=("You are not alone",),
        setup=both(
            link("assets/gone.png", "nowhere.png"),
            lambda lib, out: (lib / "assets/loop.png").symlink_to("loop.png"),
        ),
    ),
    # --- family 8: a helpline address too long for a QR code is a located problem -----------
    Case(
        "a helpline address too long for a QR code",
        {
            "talks/regions/co.yaml": edit(
                textwrap.dedent(MINI["talks/regions/co.yaml"]).lstrip(),
                "url: teprotejocolombia.org",
                "url: teprotejocolombia.org/" + "a" * 3000,
            )
        },
        (
            "talks/regions/co.yaml:13:5: channels[1].url: web address of 3,022 characters is too "
            "long for a QR code; shorten it (a code holds about 2,300)",
        ),
        args=("--age", "12", "--region", "CO"),
    ),
    Case(
        "a QR address too long in one region leaves the others building",
        {
            "talks/regions/co.yaml": edit(
                textwrap.dedent(MINI["talks/regions/co.yaml"]).lstrip(),
                "url: teprotejocolombia.org",
                "url: teprotejocolombia.org/" + "a" * 3000,
            )
        },
        code=0,
        shows=("116 111",),
    ),
    # --- family 14: a version is a label, never a number YAML rewrote ------------------------
    Case(
        "an unquoted version 1.10",
        {TP: talk('version: "1.0"', "version: 1.10")},
        (
            f"{TP}:3:1: version: YAML reads this unquoted version as the number 1.1; write it in "
            'quotes, e.g. version: "1.10"',
        ),
    ),
    Case(
        "an unquoted version 010",
        {TP: talk('version: "1.0"', "version: 010")},
        (
            f"{TP}:3:1: version: YAML reads this unquoted version as the number 8; write it in "
            'quotes, e.g. version: "1.10"',
        ),
    ),
    # --- family 15: a slide limit, said clearly, before anything is drawn ---------------------
    Case(
        "501 slides",
        {
            TP: talk(
                "slides:\n",
                "slides:\n"
                + "".join(
                    f"  - {{id: s{i}, kind: bullets, title: {{en: S, es: S}}, bullets: [{{en: P, es: P}}], "
                    f"minutes: 0.01, notes: {{en: N, es: N}}}}\n"
                    for i in range(501)
                ),
            )
        },
        (f"{TP}:9:1: slides: 508 slides; a talk holds at most 500 (split it into several talks)",),
    ),
    # --- family 16: the option at fault is named ----------------------------------------------
    Case(
        "a 10,000-character --school",
        code=2,
        args=("--age", "12", "--school", "S" * 10_000),
        stderr="error: --school: 10,000 characters; the title slide holds at most 200\n",
    ),
    Case(
        "a picture, scaled into the deck",
        {TP: with_image("photo.png"), "assets/photo.png": png(2400, 1200)},
        code=0,
        shows=("You are not alone",),
    ),
]
