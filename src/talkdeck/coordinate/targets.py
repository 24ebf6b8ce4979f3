"""Which library files a coordinator named on `talkdeck validate` or `talkdeck lint`.

A file is only ever checked as part of the library in use (the shipped one, $TALKDECK_LIBRARY
or -L): a copy of a region file in another folder, checked against the shipped library, would
report "ok" about a file nobody read. So a path outside the library in use is a usage error
that names the library the file seems to belong to.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from talkdeck.errors import UsageError
from talkdeck.library.locate import LIBRARY_FILES, REGIONS, THEME, VOCABULARY, WEB, clip

YAML = (".yaml", ".yml")


@dataclass
class Named:
    """The PATHs given, sorted into talks and the library's other files."""

    talks: list[str] = field(default_factory=list)
    """Talk files, as given (each is loaded as a talk)."""
    regions: list[str] = field(default_factory=list)
    """Region files, library-relative (`talks/regions/co.yaml`)."""
    shared: list[str] = field(default_factory=list)
    """The library's other files (facts, tips, theme...), library-relative."""

    @property
    def library_files(self) -> list[str]:
        return sorted({*self.regions, *self.shared})


def name_for_option(path: Path) -> str:
    """A folder as the user can type it after -L: relative to here when below it."""
    try:
        return os.path.relpath(path) if path.is_relative_to(Path.cwd()) else str(path)
    except (OSError, ValueError):
        return str(path)


def _its_library(path: Path) -> Path | None:
    """The folder whose talks/ tree holds ``path`` (None when it is in no talks/ folder)."""
    for folder in [path, *path.parents]:
        if folder.name == "talks":
            return folder.parent
        if (folder / "talks").is_dir():
            return folder
    return None


def in_library(root: Path, given: str) -> str:
    """``given`` as a library-relative path ('talks/regions/co.yaml'); raises UsageError when it
    is not inside the library at ``root``."""
    as_given = Path(given)
    try:
        # The folder resolved, not the file: a symlinked folder on the way is the same library,
        # a symlinked library file is still named in it (and refused by the loader as such).
        absolute = as_given.absolute()
        path = absolute.parent.resolve() / absolute.name if absolute.name else absolute.resolve()
        if as_given.is_dir():
            path = absolute.resolve()
        rel = path.relative_to(root)
    except ValueError:
        shown = clip(given)
        found = _its_library(path)
        hint = (
            f"check it with -L {name_for_option(found)}"
            if found is not None
            else "put it in a library's talks/ folder and give that library with -L"
        )
        raise UsageError(f"{shown} is not in the library at {root}; {hint}") from None
    except OSError as exc:
        raise UsageError(f"{clip(given)}: {exc.strerror or exc}") from None
    return rel.as_posix() if rel.parts else "."


def named(root: Path, paths: tuple[str, ...] | list[str]) -> Named:
    """Sort PATHs (files or folders inside the library at ``root``) into talks and library
    files. A folder stands for the YAML files in it (the library's root: its talks)."""
    found = Named()
    for given in paths:
        rel = in_library(root, given)
        if Path(given).is_dir():
            folder = root / rel / "talks" if rel == "." else root / rel
            files = sorted(p for p in folder.iterdir() if p.suffix in YAML and p.is_file())
            if not files:
                raise UsageError(f"{clip(given)}: no talk or library files in this folder")
            for file in files:
                _sort(found, file.relative_to(root).as_posix(), str(file))
        else:
            _sort(found, rel, given)
    return found


def _sort(found: Named, rel: str, given: str) -> None:
    parent = str(Path(rel).parent)
    if parent == str(REGIONS) and Path(rel).suffix in YAML:
        found.regions.append(rel)
    elif rel in (*LIBRARY_FILES, VOCABULARY, WEB, THEME):
        found.shared.append(rel)
    else:  # a talk file, or something the talk loader will say is none
        found.talks.append(given)
