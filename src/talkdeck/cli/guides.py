"""What makes the command line guide its user: a settings file, shell completion, hints, quiet.

- ``talkdeck.toml`` (in the current folder, or ``--config FILE``) remembers region, language,
  presenter, school, safeguarding lead, confirmed helplines and library; options on the command
  line win.
- Completion of talk ids, region codes and language codes (bash, zsh, fish: see README).
- ``-q`` silences progress and hints; ``NO_COLOR`` (https://no-color.org) turns colour off.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from click.shell_completion import CompletionItem

from talkdeck.errors import UsageError

CONFIG = "talkdeck.toml"
SETTINGS = {
    "region": "region",
    "language": "lang",
    "lang": "lang",
    "presenter": "presenter",
    "school": "school",
    "lead": "lead",
    "helpline": "helplines",
    "library": "library",
}
"""Keys a talkdeck.toml may hold -> the option each one sets."""
OPTIONS = {"helplines": "helpline"}
"""Option names that differ from their flag (--helpline)."""


@dataclass
class Settings:
    """What a settings file holds: option name -> value, and where it came from."""

    shown: str
    """The file as messages name it: talkdeck.toml, or the --config path as given."""
    values: dict[str, Any] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    """Option name -> the key as the file spells it (language, lang)."""

    def blame(self, exc: UsageError, used: list[str]) -> UsageError:
        """``exc`` saying which setting it is about, when the value came from the file: "--school:
        ..." -> "talkdeck.toml: school: ..."; "unknown region 'XX'" -> "talkdeck.toml: region:
        unknown region 'XX'". ``used``: the options a command took from the file."""
        message = exc.message
        for name in used:
            flag = re.match(rf"--{OPTIONS.get(name, name)}\b", message)
            if flag:
                return UsageError(f"{self.shown}: {self.keys[name]}{message[flag.end() :]}")
        for name in used:
            value = self.values[name]
            for one in value if isinstance(value, list) else [value]:
                quoted = f"'{one}'".casefold() in message.casefold()
                if one and (quoted or (name == "library" and one in message)):
                    return UsageError(f"{self.shown}: {self.keys[name]}: {message}")
        return exc


def read_config(given: Path | None) -> Settings:
    """The settings of ``given`` or of ./talkdeck.toml (none when absent). Raises UsageError."""
    if given is None:
        try:
            path = Path.cwd() / CONFIG
        except OSError:  # the current folder is gone: the command itself will say so
            return Settings(CONFIG)
        if not path.is_file():
            return Settings(CONFIG)  # the common case: no TOML parser to import
        name = CONFIG
    else:
        path, name = given, click.format_filename(given)
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"{name}: cannot read it: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"{name}: not UTF-8 text (byte {exc.start + 1})") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(_toml_problem(name, str(exc))) from None
    settings = Settings(name)
    for key, value in data.items():
        if key not in SETTINGS:
            raise UsageError(
                f"{name}: unknown setting '{key}' "
                f"(known: {', '.join(k for k in SETTINGS if k != 'lang')})"
            )
        settings.keys[SETTINGS[key]] = key
        if key == "helpline":  # a coordinator's confirmed helplines: "NAME=NUMBER" or a list
            value = [value] if isinstance(value, str) else value
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise UsageError(f'{name}: helpline must be "NAME=NUMBER" or a list of them')
            settings.values[SETTINGS[key]] = value
            continue
        if not isinstance(value, str):
            raise UsageError(f"{name}: {key} must be text in quotes")
        if key == "library":  # relative to the file, not to where talkdeck runs
            value = str(path.parent / Path(value).expanduser())  # '~/lib' is the home's
        settings.values[SETTINGS[key]] = value
    return settings


def _toml_problem(name: str, said: str) -> str:
    """tomllib's "Invalid value (at line 1, column 10)" as "talkdeck.toml:1:10: invalid value"."""
    found = re.fullmatch(r"(.*) \(at line (\d+), column (\d+)\)", said, re.S)
    if found is None:
        return f"{name}: {said[:1].lower()}{said[1:]}"
    what, line, column = found.groups()
    return f"{name}:{line}:{column}: {what[:1].lower()}{what[1:]}"


def defaults(group: click.Group, settings: Settings) -> dict[str, dict[str, Any]]:
    """click's default_map: each command gets the settings it has an option for."""
    out: dict[str, dict[str, Any]] = {}
    for name, command in group.commands.items():
        names = {p.name for p in command.params}
        picked = {k: v for k, v in settings.values.items() if k in names}
        if picked:
            out[name] = picked
    return out


def colour() -> bool | None:
    """False under NO_COLOR (any non-empty value); else None: click decides (a terminal)."""
    return False if os.environ.get("NO_COLOR") else None


def quiet() -> bool:
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx else None
    return bool(root and isinstance(root.obj, dict) and root.obj.get("quiet"))


def on_terminal() -> bool:
    return sys.stderr.isatty()


def progress_wanted() -> bool:
    """Progress only for a person watching a terminal, and not with -q."""
    return not quiet() and on_terminal()


def report_progress(what: str, done: int, total: int) -> None:
    """'converted 3 of 12 decks' on stderr, for a person at a terminal (not with -q)."""
    if progress_wanted():
        click.echo(f"{what} {done} of {total} deck{'s' if total != 1 else ''}", err=True)


def next_steps(
    talk: str,
    age: int,
    region: str,
    lang: str,
    *,
    presenter: str = "",
    lead: str = "",
    helplines: tuple[str, ...] = (),
    draft: bool = False,
    library: Path | None = None,
) -> str:
    """What `build` prints after writing a deck: the guide and handout commands for the same
    class, ready to paste (every option that changes the printouts, shell-quoted), then the rest.

    --school and --date are left out: they are on the title slide only, and the printout
    commands do not take them."""
    words = [talk, "--age", str(age), "--region", region, "--lang", lang]
    if presenter:
        words += ["--presenter", presenter]
    if lead:
        words += ["--lead", lead]
    for helpline in helplines:
        words += ["--helpline", helpline]
    if draft:
        words.append("--draft")
    if library is not None:
        words += ["--library", os.fspath(library)]
    args = " ".join(shlex.quote(word) for word in words)
    return (
        "next: the printouts for this class:\n"
        f"  talkdeck guide {args}\n"
        f"  talkdeck handout {args}\n"
        "then: --pdf for a PDF; talkdeck serve for a web page"
    )


# --- completion -------------------------------------------------------------------------------


def _library(ctx: click.Context) -> Any:
    from talkdeck.library.locate import resolve_library

    try:
        return resolve_library(ctx.params.get("library"))
    except Exception:  # completion must never fail loudly
        return None


def complete_talk(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    from talkdeck.library.locate import talk_ids

    root = _library(ctx)
    ids = talk_ids(root) if root is not None else []
    return [CompletionItem(t) for t in ids if t.startswith(incomplete)]


def complete_region(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    from talkdeck.library.locate import region_files

    root = _library(ctx)
    codes = [p.stem for p in region_files(root)] if root is not None else []
    shown = [c if c == "global" else c.upper() for c in codes]
    return [CompletionItem(c) for c in shown if c.lower().startswith(incomplete.lower())]


def complete_lang(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    root = _library(ctx)
    codes: list[str] = []
    if root is not None:
        try:
            from talkdeck.workspace import Workspace

            codes = list(Workspace(root, strict=True).lib.languages)
        except Exception:  # a broken library: no completions rather than a trace
            codes = []
    return [CompletionItem(c) for c in codes if c.startswith(incomplete.lower())]
