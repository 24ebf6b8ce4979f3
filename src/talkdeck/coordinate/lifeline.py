"""Batch workers live no longer than the batch: they die with their parent and never hold its
output open.

A killed parent (``kill -9``, an OOM kill, a closed terminal) would otherwise leave forked pool
workers running for ever, and workers that inherited the parent's stdout and stderr keep a
``| tee`` or a CI log pipe open after it is gone.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time
from contextlib import suppress

PR_SET_PDEATHSIG = 1  # linux/prctl.h
WATCH_EVERY = 1.0  # seconds between checks that the parent is still there


def die_with_parent(parent: int) -> None:
    """Make this process end when ``parent`` does. Call first thing in a worker.

    Linux: the kernel sends SIGTERM on the parent's death (prctl PR_SET_PDEATHSIG). Everywhere,
    a daemon thread also watches the parent id, in case prctl is unavailable or the parent died
    before it was set.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # died already, before prctl took effect
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="lifeline").start()


def _watch(parent: int) -> None:
    while True:
        time.sleep(WATCH_EVERY)
        if os.getppid() != parent:
            os._exit(1)


def detach_output() -> None:
    """Point this process's stdout and stderr at /dev/null: a worker reports through its
    results, and must not keep the parent's pipes open."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    for fd in (1, 2):
        with suppress(OSError):
            os.dup2(devnull, fd)
    os.close(devnull)
