"""A batch's library check, run on a second core while the parent warms up the renderer.

Before a batch builds anything, the whole library is checked (every region, translation,
picture and QR address), and the parent warms up what its forked workers inherit (python-pptx,
the template's boxes, the measuring fonts, QR codes). Neither needs the other, so on Linux the
check runs in a forked child while the parent warms up; the batch waits for the verdict
before it plans or writes anything, and a failed check stops it with the same problems as an
in-process check. Where processes are not forked (macOS, Windows) the check simply runs first.
"""

from __future__ import annotations

import multiprocessing as mp
import sys
from typing import TYPE_CHECKING, Any

from talkdeck.library.references import check_library

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from talkdeck.errors import Problem
    from talkdeck.library.load import Library


class BackgroundCheck:
    """``check_library(lib)``, started now and answered by :meth:`problems`."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib
        self._done: list[Problem] | None = None
        self._child: Any = None
        self._answer: Connection | None = None
        if not sys.platform.startswith("linux"):
            self._done = check_library(lib)
            return
        context = mp.get_context("fork")  # the child inherits the loaded library unpickled
        self._answer, send = context.Pipe(duplex=False)
        self._child = context.Process(
            target=_check, args=(lib, send), daemon=True, name="talkdeck-check"
        )
        self._child.start()
        send.close()  # the child holds the only sending end: its death ends recv() below

    def problems(self) -> list[Problem]:
        """The library's problems (empty when it is sound). Waits for the check to end."""
        if self._done is None:
            assert self._answer is not None and self._child is not None
            try:
                kind, value = self._answer.recv()
            except (EOFError, OSError):  # the child died without answering
                kind, value = "failed", None
            finally:
                self._answer.close()
                self._child.join()
            # The check itself failed (a bug, a killed child): run it here, where any error
            # is raised as it would be without a second core.
            self._done = value if kind == "ok" else check_library(self.lib)
        return self._done


def _check(lib: Library, send: Connection) -> None:
    try:
        answer: tuple[str, Any] = ("ok", check_library(lib))
    except BaseException:  # reported by running the check again in the parent
        answer = ("failed", None)
    try:
        send.send(answer)
    finally:
        send.close()
