"""What keeps the server safe at a public address: body and concurrency limits, headers, a log
that holds no request values.

Pure ASGI middleware, so the limits hold before Starlette reads a byte of the body.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, MutableMapping
from typing import Any, TypeVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from talkdeck.errors import TalkdeckError

T = TypeVar("T")
log = logging.getLogger("talkdeck.web")

# Styles and scripts only from this server; pictures also as data: (the logo in the preview).
CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class TooLarge(TalkdeckError):
    """The request body is over the server's limit (HTTP 413)."""


class Busy(TalkdeckError):
    """Too many builds are waiting already (HTTP 503)."""


class Guard:
    """Wraps the app: refuses oversized bodies, adds security headers, logs path and status."""

    def __init__(
        self, app: ASGIApp, max_body: int, too_large: Callable[[Scope], ASGIApp] | None = None
    ) -> None:
        """``too_large`` makes the answer to a body declared over ``max_body`` (the page in
        its language, or the API's JSON), without reading the body; else plain text."""
        self.app, self.max_body, self.too_large = app, max_body, too_large

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), [0]

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
                names = {name for name, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *(h for h in HEADERS if h[0] not in names),
                ]
            await send(message)

        declared = dict(scope.get("headers", [])).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_body:
            if self.too_large is None:
                await _plain(send_with_headers, 413, b"request body too large")
            else:
                await self.too_large(scope)(scope, receive, send_with_headers)
        else:
            received = 0

            async def limited() -> Message:
                nonlocal received
                message = await receive()
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise TooLarge(f"the request is over {self.max_body // 1048576} MB")
                return message

            await self.app(scope, limited, send_with_headers)
        # Path and status only: never the query string, a header or a form value.
        log.info(
            "%s %s %d %.0f ms",
            scope["method"],
            scope["path"],
            status[0],
            (time.perf_counter() - started) * 1000,
        )


async def _plain(send: Send, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class Gate:
    """At most ``builds`` builds at once and ``waiting`` queued; more are refused (Busy).

    Thread-based (the builds run in Starlette's thread pool), so it works under any event loop.
    """

    def __init__(self, builds: int, waiting: int) -> None:
        self._slots = threading.BoundedSemaphore(builds)
        self._lock = threading.Lock()
        self._queued, self.waiting = 0, waiting

    def run(self, work: Callable[[], T]) -> T:
        with self._lock:
            if self._queued >= self.waiting:
                raise Busy("too many decks are being made")
            self._queued += 1
        try:
            with self._slots:
                return work()
        finally:
            with self._lock:
                self._queued -= 1
