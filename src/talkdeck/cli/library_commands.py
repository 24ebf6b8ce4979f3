"""Commands that read the library or check decks against it: check, inspect, list, validate,
lint and schema.

Thin, as every command: parse options, one call to the workspace or a coordinate function, print.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from talkdeck.cli.guides import progress_wanted
from talkdeck.cli.options import CONTEXT, SafePath, json_option, library_option


@click.command(context_settings=CONTEXT)
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


@click.command(context_settings=CONTEXT)
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


@click.command(name="list", context_settings=CONTEXT)
@json_option
@library_option
def list_(as_json: bool, library: Path | None) -> None:
    """List the talks, regions and ages you can build.

    \b
    Example:
        talkdeck list
    """
    from talkdeck.coordinate.inventory import list_library

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


@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=SafePath(exists=True))
@library_option
def validate(paths: tuple[str, ...], library: Path | None) -> None:
    """Check the library, or the given talk files, and report every problem.

    A PATH must be in the library in use (-L); a region, facts or tips file named is checked
    with the whole library.

    \b
    Example:
        talkdeck validate
        talkdeck validate talks/grooming-awareness.yaml
    """
    from talkdeck.coordinate.inventory import validate_library

    checked = validate_library(library, paths)
    done = []
    if checked.talks:
        count = len(checked.talks)
        done.append(f"{count} talk{'s' * (count != 1)} valid ({', '.join(checked.talks)})")
    if checked.files or not done:
        done.append(f"library checked ({', '.join(checked.files) or 'it has no talks'})")
    click.echo(f"ok: {'; '.join(done)}")


@click.command(context_settings=CONTEXT)
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
    missing-translation, deck-completeness, contrast, language-tag, phone-wrap, missing-picture,
    words-per-slide (docs/writing-talks.md). PATHs narrow it to talk or
    region files. Exit 0 when clean, 1 on errors (with --strict, on warnings too).

    \b
    Example:
        talkdeck lint --strict
        talkdeck lint talks/grooming-awareness.yaml talks/regions/co.yaml --json
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


@click.command(context_settings=CONTEXT)
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


COMMANDS = (check, inspect, list_, validate, lint, schema)
