"""Command line: parse options, call one core function, print. Nothing else lives here.

Exit codes, in one place (:class:`_Group`): 0 ok, 1 content or build problem, 2 usage error.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from talkdeck import __version__
from talkdeck.cli.guides import (
    colour,
    complete_talk,
    defaults,
    next_steps,
    progress_wanted,
    read_config,
)
from talkdeck.cli.guides import quiet as guide_quiet
from talkdeck.cli.options import (
    CONTEXT,
    SafePath,
    audience,
    force_option,
    json_option,
    library_option,
    logo_option,
    os_message,
    shown,
)
from talkdeck.cli.review import register
from talkdeck.cli.serve import serve
from talkdeck.errors import TalkdeckError


class _Failure(click.ClickException):
    """A TalkdeckError as click shows it: one line per problem, then the summary."""

    def __init__(self, error: TalkdeckError) -> None:
        super().__init__(error.message)
        self.error = error
        # click 8.5 declares exit_code a ClassVar; each failure carries its own code.
        self.exit_code = error.exit_code  # type: ignore[misc, unused-ignore]

    def show(self, file: Any = None) -> None:
        for line in self.error.lines():
            if line.startswith("error: "):  # red on a terminal, unless NO_COLOR says not
                line = click.style("error:", fg="red", bold=True) + line[len("error:") :]
            click.echo(line, err=True, color=colour())


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TalkdeckError as exc:
            raise _Failure(exc) from None
        except OSError as exc:  # the last guard: a file system fault is a message, not a trace
            raise _Failure(TalkdeckError(os_message(exc))) from None


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(__version__, "--version", "-V", prog_name="talkdeck")
@click.option(
    "--config",
    type=SafePath(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Settings file (region, language, presenter, school, lead, library). "
    "Default: talkdeck.toml in the current folder, if there is one.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bars or hints.")
@click.pass_context
def cli(ctx: click.Context, config: Path | None, quiet: bool) -> None:
    """Build tailored, cited, presenter-ready online-safety decks from YAML talk outlines.

    \b
    Example:
        talkdeck build grooming-awareness --age 12 --region GB
        talkdeck -q batch -o dist
    """
    ctx.obj = {"quiet": quiet}
    if ctx.resilient_parsing:  # shell completion: settings still apply, errors do not
        with contextlib.suppress(TalkdeckError):
            ctx.default_map = defaults(cli, read_config(config))
        return
    ctx.default_map = defaults(cli, read_config(config))


@cli.command(context_settings=CONTEXT)
@click.argument("talk", shell_complete=complete_talk)
@audience()
@click.option(
    "--output",
    "-o",
    type=SafePath(),
    help="Output file, or a folder (ending in / or existing) for the default name "
    "<talk>-<region>-<lang>-<age>.pptx; .pptx is added to a name without one; "
    "missing folders are made.",
)
@click.option("--school", default="", help="School name for the title slide.")
@click.option("--presenter", default="", help="Presenter's name for the title slide.")
@click.option("--date", "date_", default="", metavar="TEXT", help="Date for the title slide.")
@click.option(
    "--lead",
    default="",
    metavar="NAME",
    help="The school's safeguarding lead, named in the speaker notes.",
)
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
    """
    from talkdeck.workspace import BuildRequest
    from talkdeck.workspace import build as build_deck

    if output is not None and output.endswith(("/", os.sep)):
        Path(output).mkdir(parents=True, exist_ok=True)  # "-o decks/": a folder
    request = BuildRequest(
        talk=talk,
        age=age,
        region=region,
        lang=lang,
        output=Path(output) if output is not None else None,
        school=school,
        presenter=presenter,
        date=date_,
        lead=lead,
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
        click.echo(next_steps(deck.talk_id, aud.age, aud.region, aud.lang), err=True)


@cli.command(context_settings=CONTEXT)
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
    from talkdeck.coordinate.batch import BatchRequest, plan_batch, run_batch

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
    if guide_quiet():
        outcomes = run_batch(
            plan,
            lambda o: (
                None if o.ok else click.echo(f"error: {o.job.path.name}: {o.error}", err=True)
            ),
        )
    elif _on_terminal():
        with click.progressbar(length=len(plan.jobs), label="Building decks") as bar:
            outcomes = run_batch(plan, lambda outcome: bar.update(1))
        for o in outcomes:  # after the bar, so errors do not tear it
            if not o.ok:
                click.echo(f"error: {o.job.path.name}: {o.error}", err=True)
    else:
        outcomes = run_batch(
            plan,
            lambda o: click.echo(
                f"built {shown(o.job.path)}" if o.ok else f"error: {o.job.path.name}: {o.error}",
                err=not o.ok,
            ),
        )
    failed = [o for o in outcomes if not o.ok]
    built = len(outcomes) - len(failed)
    click.echo(
        f"built {built} deck{'s' if built != 1 else ''} in {shown(output)} "
        f"(listed in {shown(output / 'manifest.json')})"
    )
    if failed:
        raise TalkdeckError(f"{len(failed)} of {len(outcomes)} decks failed")


@cli.command(context_settings=CONTEXT)
@click.argument(
    "decks", nargs=-1, required=True, metavar="DECK...", type=SafePath(exists=True, path_type=Path)
)
@json_option
@library_option
def check(decks: tuple[Path, ...], as_json: bool, library: Path | None) -> None:
    """Tell whether decks are up to date with the library, and why not (exit 1 if any is not).

    A DECK may be a folder: its .pptx files are checked.

    \b
    Example:
        talkdeck check dist/
        talkdeck check grooming-awareness-CO-es-13.pptx --json
    """
    from talkdeck.coordinate.staleness import check_decks

    results = check_decks(library, decks)
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in results], indent=2, ensure_ascii=False))
    else:
        for result in results:
            click.echo("\n".join(result.lines()))
        good = sum(r.ok for r in results)
        click.echo(f"{good} of {len(results)} deck{'s' if len(results) != 1 else ''} up to date")
    if not all(r.ok for r in results):
        sys.exit(1)


@cli.command(context_settings=CONTEXT)
@click.argument("deck", type=SafePath(dir_okay=False, path_type=Path))
@json_option
def inspect(deck: Path, as_json: bool) -> None:
    """Show what a deck was built from: talk, version, audience, fingerprint.

    \b
    Example:
        talkdeck inspect grooming-awareness-GB-en-12.pptx --json
    """
    from talkdeck.workspace import inspect_deck

    stamp = inspect_deck(deck)
    if as_json:
        click.echo(json.dumps(stamp, indent=2, sort_keys=True))
        return
    for key, value in stamp.items():
        if key != "components":
            click.echo(f"{key:12} {value}")


@cli.command(name="list", context_settings=CONTEXT)
@json_option
@library_option
def list_(as_json: bool, library: Path | None) -> None:
    """List the talks, regions and ages you can build.

    \b
    Example:
        talkdeck list
    """
    from talkdeck.workspace import list_library

    found = list_library(library)
    if as_json:
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    click.echo("Talks:")
    for t in found["talks"]:
        click.echo(f"  {t['id']:24} {t['version']:6} {t['status']:9} {t['title']}")
    click.echo("Regions:")
    for r in found["regions"]:
        click.echo(f"  {r['code']:8} {'/'.join(r['languages']):6} {r['name']}")
    click.echo(f"Ages: {found['ages']}")


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=SafePath(exists=True))
@library_option
def validate(paths: tuple[str, ...], library: Path | None) -> None:
    """Check the library, or the given talk files, and report every problem.

    \b
    Example:
        talkdeck validate
        talkdeck validate talks/grooming-awareness.yaml
    """
    from talkdeck.workspace import validate as validate_library

    checked = validate_library(library, paths)
    click.echo(
        f"ok: {len(checked)} talk{'s' if len(checked) != 1 else ''} valid ({', '.join(checked)})"
    )


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=SafePath(exists=True))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@json_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    hidden=True,
    help="Old spelling of --json (--format json).",
)
@click.option(
    "--max-age-months",
    type=click.IntRange(1, 120),
    default=12,
    show_default=True,
    help="Oldest helpline or law `verified` date accepted, in months.",
)
@click.option(
    "--today",
    type=click.DateTime(["%Y-%m-%d"]),
    hidden=True,
    help="Judge verification dates as of this day (for reproducible runs).",
)
@library_option
def lint(
    paths: tuple[str, ...],
    strict: bool,
    as_json: bool,
    fmt: str,
    max_age_months: int,
    today: Any,
    library: Path | None,
) -> None:
    """Check every talk for every age, region and language against the quality rules.

    Rules: fit, reading-grade, bare-number, stale-verification, missing-notes, missing-alt,
    missing-translation, deck-completeness, contrast, language-tag, phone-wrap, missing-picture;
    advice (never failing): words-per-slide (docs/writing-talks.md). PATHs narrow it to talk or
    region files. Exit 0 when clean, 1 on errors (with --strict, on warnings too).

    \b
    Example:
        talkdeck lint --strict
        talkdeck lint talks/grooming-awareness.yaml regions/co.yaml --json
    """
    from talkdeck.coordinate.lint import format_json, format_text
    from talkdeck.coordinate.lint import lint as run_lint

    def progress(talk: str, number: int, total: int) -> None:
        if progress_wanted():
            click.echo(f"linting {talk} ({number} of {total})...", err=True)

    report = run_lint(
        library,
        paths,
        today=today.date() if today else None,
        max_age_months=max_age_months,
        strict=strict,
        progress=progress,
    )
    for line in [format_json(report)] if as_json or fmt == "json" else format_text(report):
        click.echo(line)
    if not report.ok:
        raise SystemExit(1)


@cli.command(context_settings=CONTEXT)
@click.argument("kind", default="talk")
def schema(kind: str) -> None:
    """Print the JSON Schema of a library file KIND, for editors: talk (the default), region,
    facts, tips, guidance, vocabulary, languages, pictures, web or theme.

    \b
    Example:
        talkdeck schema > talk.schema.json
        talkdeck schema region > region.schema.json
        # then on a file's first line: # yaml-language-server: $schema=talk.schema.json
    """
    from talkdeck.errors import UsageError
    from talkdeck.library.schema import FILE_KINDS, json_schema

    if kind not in FILE_KINDS:
        raise UsageError(f"unknown file kind '{kind}' (known: {', '.join(FILE_KINDS)})")
    click.echo(json.dumps(json_schema(kind), indent=2, ensure_ascii=False))


# pdf, preview, guide and handout live in their own module; both share cli.options.
register(cli)
cli.add_command(serve)


def _on_terminal() -> bool:
    """Whether output goes to a person (a progress bar) or to a file or pipe (plain lines)."""
    return sys.stdout.isatty()


def main() -> None:
    # A name with bytes that are not UTF-8 is printed escaped rather than crashing the run.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        cli(prog_name="talkdeck")
    except SystemExit as done:
        code = done.code
    else:
        code = 0
    try:
        sys.stdout.flush()
    except OSError as exc:  # `talkdeck list > /dev/full`, a closed pipe
        _stdout_failed(exc, quiet=code not in (0, None))
        code = code or 1
    sys.exit(code)


def _stdout_failed(exc: OSError, quiet: bool) -> None:
    """Say once that the output was lost, and stop Python's own flush at exit from failing."""
    import errno

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    if not quiet and exc.errno != errno.EPIPE:  # a reader that went away needs no message
        click.echo(f"error: cannot write the output: {exc.strerror or exc}", err=True)
