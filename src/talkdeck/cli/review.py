"""Commands for looking at and printing what was built: pdf, preview, guide, handout.

They share :mod:`talkdeck.cli.options` and the exit codes of :mod:`talkdeck.cli.main`, which adds
them to the command group (:data:`COMMANDS`). Thin as the rest: parse, call one function, print.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import click

from talkdeck.cli.guides import complete_talk, report_progress
from talkdeck.cli.options import (
    CONTEXT,
    F,
    SafePath,
    audience,
    confirmer_option,
    helpline_option,
    library_option,
    names_folder,
    output_arg,
    printout_force_option,
    printout_lead_option,
    printout_output_option,
    shown,
)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def jobs_option(func: F) -> F:
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(1, 16),
        metavar="N",
        help="LibreOffice runs at once, each with its own profile. "
        "Default: one per CPU, at most 4.",
    )(func)


def format_option(func: F) -> F:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["md", "pdf"]),
        default="md",
        show_default=True,
        help="Markdown, or PDF ready to print.",
    )(func)


def draft_option(func: F) -> F:
    return click.option("--draft", is_flag=True, help="Allow a draft version of the talk.")(func)


@click.command(context_settings=CONTEXT)
@click.argument(
    "decks", nargs=-1, required=True, metavar="DECK...", type=SafePath(exists=True, path_type=Path)
)
@click.option(
    "--output-dir",
    "-o",
    type=SafePath(file_okay=False, path_type=Path),
    help="Folder for the PDFs (created if missing). Default: beside each deck.",
)
@jobs_option
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    metavar="SECONDS",
    help="Give up on a LibreOffice run after this long. Default: 60 + 20 per deck.",
)
def pdf(
    decks: tuple[Path, ...], output_dir: Path | None, jobs: int | None, timeout: float | None
) -> None:
    """Convert built decks to PDF with LibreOffice; a folder DECK means every deck in it.

    Many decks are converted in a few parallel LibreOffice runs, each with many decks.

    \b
    Example:
        talkdeck pdf grooming-awareness-CO-es-13.pptx
        talkdeck pdf dist/ -o dist/pdf --jobs 4
    """
    from talkdeck.printouts.pdf import convert, expand

    started = time.monotonic()
    made = convert(expand(decks), output_dir, jobs, timeout, progress=report_progress)
    for one in made:
        click.echo(f"wrote {shown(one.pdf)} ({_plural(one.pages, 'page')})")
    click.echo(f"converted {_plural(len(made), 'deck')} in {time.monotonic() - started:.1f} s")


@click.command(context_settings=CONTEXT)
@click.argument("source", required=False, metavar="DECK|TALK")
@audience(False, "Pupils' age, 11-15 (needed for a TALK).")
@click.option(
    "--output",
    "-o",
    type=SafePath(dir_okay=False, path_type=Path),
    help="PNG file. Default: <deck name>.png here.",
)
@click.option(
    "--columns",
    type=click.IntRange(1, 8),
    default=3,
    show_default=True,
    help="Slides per row of the contact sheet.",
)
@click.option(
    "--width",
    type=click.IntRange(120, 1920),
    default=640,
    show_default=True,
    metavar="PX",
    help="Width of each slide on the sheet, in pixels.",
)
@click.option(
    "--html",
    "html_dir",
    type=SafePath(file_okay=False, path_type=Path),
    metavar="DIR",
    help="Instead: write DIR/index.html showing every deck in DIR.",
)
@jobs_option
@draft_option
@library_option
def preview(
    source: str | None,
    age: int | None,
    region: str,
    lang: str | None,
    output: Path | None,
    columns: int,
    width: int,
    html_dir: Path | None,
    jobs: int | None,
    draft: bool,
    library: Path | None,
) -> None:
    """Draw every slide of a deck, or of a talk for one class, on one PNG contact sheet.

    With --html DIR (e.g. after `talkdeck batch -o DIR`), writes DIR/index.html with every
    variant's slides side by side, labelled by talk, age, region and language.

    \b
    Example:
        talkdeck preview grooming-awareness-CO-es-13.pptx -o sheet.png
        talkdeck preview grooming-awareness --age 13 --region CO -o sheet.png
        talkdeck preview grooming-awareness --age 12 --columns 5 --width 240 -o docs/img/a.png
        talkdeck preview --html dist/
    """
    from talkdeck.printouts.preview import html_index
    from talkdeck.printouts.preview import preview as make_sheet

    if (source is None) == (html_dir is None):
        raise click.UsageError("give a DECK or TALK, or --html DIR (not both)")
    if html_dir is not None:
        index = html_index(html_dir, jobs, progress=report_progress)
        click.echo(
            f"wrote {shown(index.path)} ({_plural(index.variants, 'variant')}, "
            f"{index.converted} drawn now)"
        )
        return
    assert source is not None
    request = None
    if age is not None:
        from talkdeck.workspace import BuildRequest

        request = BuildRequest(talk=source, age=age, region=region, lang=lang, draft=draft)
    sheet = make_sheet(source, output, library, request, columns, width)
    click.echo(f"wrote {shown(sheet.path)} ({_plural(sheet.slides, 'slide')})")


def _printout_options(kind: str) -> Callable[[F], F]:
    """The options guide and handout share, in the order their help lists them."""
    stack = (
        format_option,
        printout_output_option(kind),
        confirmer_option,
        printout_lead_option,
        helpline_option,
        draft_option,
        printout_force_option,
        library_option,
    )

    def apply(func: F) -> F:
        for option in reversed(stack):
            func = option(func)
        return func

    return apply


@click.command(context_settings=CONTEXT)
@click.argument("talk", shell_complete=complete_talk)
@audience(True)
@_printout_options("guide")
def guide(
    talk: str,
    age: int,
    region: str,
    lang: str | None,
    fmt: str,
    output: str | None,
    presenter: str,
    lead: str,
    helplines: tuple[str, ...],
    draft: bool,
    force: bool,
    library: Path | None,
) -> None:
    """Write the presenter's guide: timing, what to prepare, safeguarding, the script, helplines.

    \b
    Example:
        talkdeck guide grooming-awareness --age 13 --region CO
        talkdeck guide grooming-awareness --age 11 --region GB --format pdf -o guide.pdf
        talkdeck guide grooming-awareness --age 11 --region MX --helpline "Línea=800 123 4567"
    """
    _write("guide", talk, age, region, lang, None, fmt, output, presenter, lead, helplines,
           draft, force, library)  # fmt: skip


@click.command(context_settings=CONTEXT)
@click.argument("talk", shell_complete=complete_talk)
@audience(False, "Pupils' age, 11-15. Default: the youngest the talk is for.")
@click.option(
    "--audience",
    "for_",
    type=click.Choice(["pupils", "parents"]),
    help="Who takes it home. Default: the talk's audience.",
)
@_printout_options("handout")
def handout(
    talk: str,
    age: int | None,
    region: str,
    lang: str | None,
    for_: str | None,
    fmt: str,
    output: str | None,
    presenter: str,
    lead: str,
    helplines: tuple[str, ...],
    draft: bool,
    force: bool,
    library: Path | None,
) -> None:
    """Write a take-home sheet: warning signs, what to do, helplines with QR codes.

    \b
    Example:
        talkdeck handout grooming-awareness --region CO --format pdf
        talkdeck handout grooming-awareness --region GB --age 14 --audience parents
        talkdeck handout grooming-awareness --region MX --helpline "Línea=800 123 4567"
    """
    _write("handout", talk, age, region, lang, for_, fmt, output, presenter, lead, helplines,
           draft, force, library)  # fmt: skip


def _write(
    kind: str,
    talk: str,
    age: int | None,
    region: str,
    lang: str | None,
    for_: str | None,
    fmt: str,
    output: str | None,
    presenter: str,
    lead: str,
    helplines: tuple[str, ...],
    draft: bool,
    force: bool,
    library: Path | None,
) -> None:
    """Write one printout (see :func:`talkdeck.printouts.printout_files.make`) and say where."""
    from talkdeck.printouts.printout_files import make

    path = make(
        kind,
        library,
        talk,
        age,
        region,
        lang,
        draft,
        fmt,
        output_arg(output),
        for_,
        output_folder=names_folder(output),
        force=force,
        helplines=helplines,
        presenter=presenter,
        lead=lead,
        warn=_warn,
    )
    click.echo(f"wrote {shown(path)}")


def _warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


COMMANDS = (pdf, preview, guide, handout)
