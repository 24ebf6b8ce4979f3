"""Options and parameter types shared by every command (build, library, review, serve).

Kept apart from the commands so that every command module imports these one way, with no
import cycle between :mod:`talkdeck.cli.main` and the modules it registers.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from talkdeck import ENV_LIBRARY
from talkdeck.cli.guides import complete_lang, complete_region

F = TypeVar("F", bound=Callable[..., Any])
CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def os_message(exc: OSError) -> str:
    """'PATH: No space left on device' for any OSError, the path shortened."""
    from talkdeck.library.locate import clip

    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename is None:  # e.g. standard output on a full disk
        return f"cannot write the output: {reason}"
    return f"{click.format_filename(clip(os.fsdecode(exc.filename)))}: {reason}"


class SafePath(click.Path):
    """click.Path that refuses names no file system can hold (a NUL byte, too long) as a
    usage error naming the option, before anything touches the disk."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from talkdeck.library.files import name_problem
        from talkdeck.library.locate import clip

        if isinstance(value, (str, bytes, os.PathLike)):
            bad = name_problem(os.fsdecode(value))
            if bad:
                self.fail(f"{click.format_filename(clip(os.fsdecode(value)))}: {bad}", param, ctx)
        return super().convert(value, param, ctx)


def output_arg(value: str | None) -> Path | None:
    """An -o value. A name ending in / is a folder (see :func:`names_folder`), made only when
    something is written into it; the folder of a file name must exist (the writer says so)."""
    if value is None:
        return None
    if names_folder(value) and Path(value).exists() and not Path(value).is_dir():
        from talkdeck.errors import UsageError

        raise UsageError(f"{shown(value.rstrip('/' + os.sep))}: is a file; -o NAME/ names a folder")
    return Path(value)


def names_folder(value: str | None) -> bool:
    """Whether an -o value names a folder (``-o decks/``): made, if missing, when writing."""
    return value is not None and value.endswith(("/", os.sep))


def printout_output_option(kind: str) -> Callable[[F], F]:
    """-o of guide and handout: a file, or a folder for the default name."""
    return click.option(
        "--output",
        "-o",
        type=SafePath(),
        help=f"Output file, or a folder for the default name "
        f"<talk>-<region>-<lang>-<age>-{kind}.md (or .pdf). A name ending in / is a folder, "
        "made if missing; a file's folder must exist. Default: the current folder.",
    )


def shown(path: Path | str) -> str:
    """A path as it can be printed, whatever bytes its name holds."""
    return click.format_filename(path)


def library_option(func: F) -> F:
    return click.option(
        "--library",
        "-L",
        metavar="DIR",
        envvar=ENV_LIBRARY,
        show_envvar=True,
        type=SafePath(file_okay=False, path_type=Path),
        help="Library folder (its talks/ and assets/ folders). Default: the shipped one.",
    )(func)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(func)


def logo_option(func: F) -> F:
    return click.option(
        "--logo",
        metavar="FILE",
        type=SafePath(path_type=Path),
        help="Your school's or charity's logo (PNG, JPEG or SVG, up to 2 MB) for the title and "
        "closing slides.",
    )(func)


def helpline_option(func: F) -> F:
    return click.option(
        "--helpline",
        "helplines",
        multiple=True,
        metavar="NAME=NUMBER",
        help="A helpline you have confirmed for your area (NAME=NUMBER or NAME=WEB ADDRESS; "
        "up to 3 times): shown first on the help and closing slides, in the notes and on the "
        "handout, as added by the presenter and confirmed on the day you build.",
    )(func)


def confirmer_option(func: F) -> F:
    """--presenter on the printouts: who confirmed the helplines given with --helpline."""
    return click.option(
        "--presenter", default="", help="Your name, for the helplines you confirmed (--helpline)."
    )(func)


LEAD_HELP = {
    "deck": "The school's safeguarding lead: named in the speaker notes, and to the pupils on "
    "the closing slide as someone in school they can talk to.",
    "printout": "The school's safeguarding lead: named in the guide's script, and on the "
    "handout as someone in school to talk to.",
}
FORCE_HELP = {
    "deck": "Replace an existing file even if it was edited by hand or is not a talkdeck deck.",
    "printout": "Replace an existing file even if it was edited by hand or was not written by "
    "talkdeck.",
}


def lead_option(func: F, made: str = "deck") -> F:
    """--lead; ``made`` is "deck" or "printout" (guide, handout): what the help says it does."""
    return click.option("--lead", default="", metavar="NAME", help=LEAD_HELP[made])(func)


def force_option(func: F, made: str = "deck") -> F:
    return click.option("--force", is_flag=True, help=FORCE_HELP[made])(func)


def printout_lead_option(func: F) -> F:
    return lead_option(func, "printout")


def printout_force_option(func: F) -> F:
    return force_option(func, "printout")


class AgeType(click.ParamType):  # type: ignore[type-arg, unused-ignore]  # generic from click 8.4
    """An age of 11 to 15. A wrong one is one line, "error: --age: 'twelve' is not an age;
    give 11 to 15" (exit 2), not click's usage block."""

    name = "age"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "AGE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from talkdeck.errors import UsageError

        if isinstance(value, int) and not isinstance(value, bool) and 11 <= value <= 15:
            return value
        text = str(value).strip()
        option = param.opts[0] if param is not None and param.opts else "--age"
        if not (text.isascii() and text.isdigit()):
            raise UsageError(f"{option}: '{value}' is not an age; give 11 to 15")
        if not 11 <= int(text) <= 15:
            raise UsageError(
                f"{option}: {int(text)} is not an age talkdeck builds for; give 11 to 15"
            )
        return int(text)


def audience(age_required: bool = True, age_help: str = "Pupils' age, 11-15.") -> Callable[[F], F]:
    """--age, --region and --lang, shared by every command that tailors a talk."""

    def decorate(func: F) -> F:
        for option in reversed(
            [
                click.option("--age", "-a", required=age_required, type=AgeType(), help=age_help),
                click.option(
                    "--region",
                    "-r",
                    default="global",
                    show_default=True,
                    metavar="CODE",
                    shell_complete=complete_region,
                    help="Region code, any case (see `talkdeck list`).",
                ),
                click.option(
                    "--lang",
                    "-l",
                    metavar="CODE",
                    shell_complete=complete_lang,
                    help="Language code, e.g. en or es (see `talkdeck list`). "
                    "Default: the region's.",
                ),
            ]
        ):
            func = option(func)
        return func

    return decorate
