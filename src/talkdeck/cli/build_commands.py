"""Commands that make decks: build (one class's deck) and batch (every variant, every core).

Thin, as every command: parse options, one call to the workspace or the batch runner, print.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from talkdeck.cli.guides import complete_talk, next_steps
from talkdeck.cli.guides import quiet as guide_quiet
from talkdeck.cli.options import (
    CONTEXT,
    SafePath,
    audience,
    force_option,
    helpline_option,
    lead_option,
    library_option,
    logo_option,
    names_folder,
    output_arg,
    shown,
)
from talkdeck.errors import TalkdeckError


@click.command(context_settings=CONTEXT)
@click.argument("talk", shell_complete=complete_talk)
@audience()
@click.option(
    "--output",
    "-o",
    type=SafePath(),
    help="Output file (.pptx is added to a name without one), or a folder for the default name "
    "<talk>-<region>-<lang>-<age>.pptx. A name ending in / is a folder, made if missing; "
    "a file's folder must exist.",
)
@click.option("--school", default="", help="School name for the title slide.")
@click.option("--presenter", default="", help="Presenter's name for the title slide.")
@click.option("--date", "date_", default="", metavar="TEXT", help="Date for the title slide.")
@lead_option
@helpline_option
@click.option("--draft", is_flag=True, help="Allow building a draft version (marked DRAFT).")
@logo_option
@force_option
@click.option("--pdf", "also_pdf", is_flag=True, help="Also write a PDF beside it (LibreOffice).")
@library_option
def build(
    talk: str,
    age: int,
    region: str,
    lang: str | None,
    output: str | None,
    school: str,
    presenter: str,
    date_: str,
    lead: str,
    helplines: tuple[str, ...],
    draft: bool,
    logo: Path | None,
    force: bool,
    also_pdf: bool,
    library: Path | None,
) -> None:
    """Build one deck for a class: TALK is a talk id or a path to a talk file.

    \b
    Example:
        talkdeck build grooming-awareness --age 13 --region CO --school "Colegio Andino"
        talkdeck build talks/my-talk.yaml --age 11 -o my-talk.pptx
        talkdeck build grooming-awareness --age 12 --region GB --pdf
        talkdeck build grooming-awareness --age 12 --region GB --logo school.png
        talkdeck build grooming-awareness --age 11 --region MX --helpline "Línea=800 123 4567"
    """
    from talkdeck.workspace import BuildRequest
    from talkdeck.workspace import build as build_deck

    request = BuildRequest(
        talk=talk,
        age=age,
        region=region,
        lang=lang,
        output=output_arg(output),
        output_folder=names_folder(output),
        school=school,
        presenter=presenter,
        date=date_,
        lead=lead,
        helplines=helplines,
        draft=draft,
        force=force,
        logo=logo,
    )
    built = build_deck(library, request)
    for warning in built.warnings:
        click.echo(f"warning: {warning}", err=True)
    deck = built.deck
    click.echo(
        f"wrote {shown(built.path)} ({len(deck.slides)} slides, {deck.minutes:g} min, "
        f"{deck.audience.lang}, age {deck.audience.age}, {deck.audience.region})"
    )
    if also_pdf:
        from talkdeck.printouts.pdf import convert_built

        made = convert_built(built.path)
        click.echo(f"wrote {shown(made.pdf)} ({made.pages} pages)")
    if not guide_quiet():
        aud = deck.audience
        hint = next_steps(
            talk,
            aud.age,
            aud.region,
            aud.lang,
            presenter=presenter,
            lead=lead,
            helplines=helplines,
            draft=draft,
            library=library,
        )
        click.echo(hint, err=True)


@click.command(context_settings=CONTEXT)
@click.argument("talks", nargs=-1, metavar="[TALK]...")
@click.option(
    "--ages",
    default="",
    metavar="AGES",
    help="Ages, e.g. 11-15 or 11,13. Default: every age each talk is for.",
)
@click.option(
    "--regions",
    default="all",
    show_default=True,
    metavar="CODES",
    help="Region codes, e.g. CO,GB, or all.",
)
@click.option(
    "--lang",
    "langs",
    default="",
    metavar="LANGS",
    help="en, es, en,es or all. Default: every language the talk and region share.",
)
@click.option(
    "--output",
    "-o",
    required=True,
    type=SafePath(path_type=Path),
    help="Folder for the decks and manifest.json (created if missing).",
)
@click.option("--draft", is_flag=True, help="Allow building draft versions (marked DRAFT).")
@logo_option
@force_option
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    metavar="N",
    help="Worker processes. Default: one per CPU.",
)
@library_option
def batch(
    talks: tuple[str, ...],
    ages: str,
    regions: str,
    langs: str,
    output: Path,
    draft: bool,
    logo: Path | None,
    force: bool,
    jobs: int | None,
    library: Path | None,
) -> None:
    """Build every TALK (default: all) for every age, region and language asked for.

    Decks are named <talk>-<region>-<lang>-<age>.pptx; manifest.json lists them. One failing
    deck is reported and the others still build (exit 1 if any failed).

    \b
    Example:
        talkdeck batch -o dist --ages 11-15 --regions all
        talkdeck batch grooming-awareness -o dist --ages 11,13 --regions CO,GB --lang all
        talkdeck batch -o hill --regions GB --logo hill-primary.svg
    """
    from talkdeck.coordinate.batch import Outcome, run_batch
    from talkdeck.coordinate.batch_plan import BatchRequest, plan_batch

    request = BatchRequest(
        output=output,
        talks=talks,
        ages=ages,
        regions=regions,
        langs=langs,
        draft=draft,
        force=force,
        jobs=jobs,
        logo=logo,
    )
    plan = plan_batch(library, request)
    for note in plan.notes:
        click.echo(f"note: {note}", err=True)

    def warn(message: str) -> None:
        click.echo(f"warning: {message}", err=True)

    def failed_line(o: Outcome) -> str:
        return f"error: {o.job.path.name}: {o.error}"

    if guide_quiet():
        outcomes = run_batch(
            plan, lambda o: None if o.ok else click.echo(failed_line(o), err=True), warn
        )
    elif _on_terminal():
        with click.progressbar(length=len(plan.jobs), label="Building decks") as bar:
            outcomes = run_batch(plan, lambda outcome: bar.update(1), warn)
        for o in outcomes:  # after the bar, so errors do not tear it
            if not o.ok:
                click.echo(failed_line(o), err=True)
    else:
        outcomes = run_batch(
            plan,
            lambda o: click.echo(
                f"built {shown(o.job.path)}" if o.ok else failed_line(o),
                err=not o.ok,
            ),
            warn,
        )
    failed = [o for o in outcomes if not o.ok]
    built = len(outcomes) - len(failed)
    click.echo(
        f"built {built} deck{'s' if built != 1 else ''} in {shown(output)} "
        f"(listed in {shown(output / 'manifest.json')})"
    )
    if failed:
        raise TalkdeckError(f"{len(failed)} of {len(outcomes)} decks failed")


def _on_terminal() -> bool:
    """Whether output goes to a person (a progress bar) or to a file or pipe (plain lines)."""
    return sys.stdout.isatty()


COMMANDS = (build, batch)
