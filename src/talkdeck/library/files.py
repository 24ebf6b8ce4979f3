"""Reading files that talkdeck did not write: only regular files, never more than a limit.

A FIFO or a device (``/dev/zero``) named as a talk, a region or a deck would block a read or
grow it without bound, and a stat() before open() can be raced. So a file is opened without
blocking, checked with fstat() on the open descriptor, refused unless it is a regular file,
and its size limit is applied before any byte is read. Every reader of library files, decks and
cache entries goes through here.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

NAME_MAX = 255  # bytes per file name on Linux, macOS and Windows file systems
PATH_MAX = 4000  # a little under Linux's 4096 for the whole path
_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class NotRegular(OSError):
    """A FIFO, device, socket or folder where a file was expected."""

    def __init__(self, path: str | os.PathLike[str], kind: str) -> None:
        super().__init__(errno.EINVAL, f"is {kind}, not a regular file", str(path))
        self.kind = kind


class TooLarge(OSError):
    """A file over the reader's limit; refused before reading it."""

    def __init__(self, path: str | os.PathLike[str], size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, f"file is {size:,} bytes; the limit is {limit:,}", str(path))
        self.size, self.limit = size, limit


def kind_of(mode: int) -> str:
    """'a FIFO', 'a device'... for a message."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def name_problem(path: str | os.PathLike[str]) -> str | None:
    """Why ``path`` cannot be a file name on this system (too long, a NUL byte), or None."""
    text = os.fspath(path)
    if "\0" in text:
        return "holds a NUL byte, which no file name can hold"
    raw = os.fsencode(text)
    if len(raw) > PATH_MAX:
        return f"path is {len(raw):,} bytes long; the limit is {PATH_MAX:,}"
    longest = max((len(part) for part in raw.split(b"/")), default=0)
    if longest > NAME_MAX:
        return f"a name in it is {longest:,} bytes long; the limit is {NAME_MAX}"
    return None


def is_regular(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a regular file (following symlinks); False for anything unusable."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def open_regular(path: str | os.PathLike[str], limit: int | None = None) -> int:
    """A descriptor of ``path`` if it is a regular file no larger than ``limit``.

    Raises NotRegular, TooLarge or another OSError (ValueError for a NUL byte becomes OSError).
    Opening never blocks: O_NONBLOCK makes a FIFO without a writer open at once.
    """
    try:
        fd = os.open(path, _FLAGS)
    except ValueError as exc:  # embedded NUL byte
        raise OSError(errno.EINVAL, "holds a NUL byte", os.fspath(path)) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(path, kind_of(info.st_mode))
        if limit is not None and info.st_size > limit:
            raise TooLarge(path, info.st_size, limit)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (see :func:`open_regular`).

    A file that grows past the limit while being read is refused too.
    """
    fd = open_regular(path, limit)
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(path, len(data), limit)
    return data


def feed_regular(
    path: str | os.PathLike[str], update: Callable[[bytes], object], limit: int
) -> None:
    """Pass a regular file's bytes to ``update`` in chunks (for hashing), at most ``limit``."""
    fd = open_regular(path, limit)
    total = 0
    with os.fdopen(fd, "rb") as handle:
        while chunk := handle.read(1 << 20):
            total += len(chunk)
            if total > limit:
                raise TooLarge(path, total, limit)
            update(chunk)


def inside(root: Path, path: Path) -> bool:
    """Whether ``path``, symlinks resolved, stays inside ``root`` (itself resolved)."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, ValueError, RuntimeError):  # a loop, a name too long, a NUL byte
        return False
