"""The talkdeck command group and its entry point: settings, exit codes and output faults.

The commands themselves live by what they do (:mod:`talkdeck.cli.build_commands`,
:mod:`talkdeck.cli.library_commands`, :mod:`talkdeck.cli.review`, :mod:`talkdeck.cli.serve`).
Exit codes, in one place (:class:`_Group`): 0 ok, 1 content or build problem, 2 usage error.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from talkdeck import __version__
from talkdeck.cli.build_commands import COMMANDS as BUILD_COMMANDS
from talkdeck.cli.guides import Settings, colour, defaults, read_config
from talkdeck.cli.library_commands import COMMANDS as LIBRARY_COMMANDS
from talkdeck.cli.options import CONTEXT, SafePath, os_message
from talkdeck.cli.review import COMMANDS as REVIEW_COMMANDS
from talkdeck.cli.serve import serve
from talkdeck.errors import TalkdeckError, UsageError


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


class _CommandContext(click.Context):
    """A command's context, kept in the contexts' shared ``meta``: after a usage error it
    tells which values came from the settings file rather than the command line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meta[_COMMAND] = self


_COMMAND = "talkdeck.command"


def _from_settings(exc: TalkdeckError, ctx: click.Context) -> TalkdeckError:
    """A usage error about a value the settings file gave says so ("talkdeck.toml: region: ...")."""
    settings: Settings | None = (ctx.obj or {}).get("settings")
    command: click.Context | None = ctx.meta.get(_COMMAND)
    if not isinstance(exc, UsageError) or settings is None or command is None:
        return exc
    used = [
        name
        for name in settings.values
        if command.get_parameter_source(name) is ParameterSource.DEFAULT_MAP
    ]
    return settings.blame(exc, used)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TalkdeckError as exc:
            raise _Failure(_from_settings(exc, ctx)) from None
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
    settings = read_config(config)
    ctx.obj["settings"] = settings
    ctx.default_map = defaults(cli, settings)


# Each command lives with its kind; every one shares cli.options and the exit codes above.
for _command in (*BUILD_COMMANDS, *LIBRARY_COMMANDS, *REVIEW_COMMANDS, serve):
    _command.context_class = _CommandContext
    cli.add_command(_command)


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
