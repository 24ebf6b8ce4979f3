"""`talkdeck serve`: one page to build, preview and download a school's deck, and its JSON API.

Routes (all relative to ``--root-path`` behind a proxy):

- ``GET /``: the page; ``?ui=es`` picks its language (else the browser's Accept-Language).
- ``POST /``: the page again, with the slides shown (or what is wrong with the form).
- ``POST /preview``: just the slides, as an HTML fragment (the page's script asks for it).
- ``POST /api/decks``: the files; JSON or a form, ``format`` one of pptx (default), guide,
  handout, pdf, zip. The page's download buttons post here too.
- ``GET /api/options``: what can be built. ``GET /healthz``: is the server up.

Builds run in this process (in Starlette's thread pool), behind :class:`~talkdeck.web.guard.Gate`.
Nothing a volunteer enters is written to disk or logged; it lives for one request.
"""

from __future__ import annotations

import base64
import binascii
import json
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import Scope

from talkdeck.errors import TalkdeckError, UsageError
from talkdeck.web import files
from talkdeck.web.catalog import FIELDS, Catalog, FieldError, from_library, option_of
from talkdeck.web.guard import Busy, Gate, Guard, TooLarge
from talkdeck.web.uploads import MAX_BYTES, checked_logo

HERE = Path(__file__).resolve().parent
MAX_BODY = MAX_BYTES + 512 * 1024  # a 2 MB logo and the form around it
FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")


class UnsupportedType(UsageError):
    """The body is neither JSON nor a form (HTTP 415)."""


def create_app(
    catalog: Catalog, builds: int = 2, waiting: int = 32, max_body: int = MAX_BODY
) -> Guard:
    """The ASGI app: Starlette inside the :class:`Guard` (limits, headers, a value-free log)."""
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    gate = Gate(builds, waiting)
    pdf_ok = files.office_available()

    def ui_language(request: Request, values: dict[str, str] | None = None) -> str:
        asked = (values or {}).get("ui") or request.query_params.get("ui", "")
        if asked in catalog.ui_languages:
            return asked
        for part in request.headers.get("accept-language", "").split(","):
            code = part.split(";")[0].strip().lower()[:2]
            if code in catalog.ui_languages:
                return code
        return catalog.ui_languages[0]

    def page(
        request: Request,
        values: dict[str, str],
        status: int = 200,
        error: FieldError | None = None,
        deck: Any = None,
        logo: bytes | None = None,
        ui: str | None = None,
    ) -> Response:
        ui = ui or ui_language(request, values)
        context = {
            "t": catalog.words(ui),
            "ui": ui,
            "values": values,
            "error": error,
            "talks": catalog.talk_choices(ui),
            "regions": catalog.region_choices(ui),
            "ui_languages": [(lg, catalog.language_name(lg)) for lg in catalog.ui_languages],
            "languages": [(lg, catalog.language_name(lg)) for lg in catalog.lib.languages],
            "ages": range(11, 16),
            "draft": catalog.draft,
            "pdf_ok": pdf_ok,
            "deck": deck,
            "logo": _data_uri(logo),
            "root": request.scope.get("root_path", "").rstrip("/"),
        }
        name = "slides.html" if request.url.path.endswith("/preview") else "index.html"
        return templates.TemplateResponse(
            request, name, context, status_code=status, headers={"cache-control": "no-store"}
        )

    async def index(request: Request) -> Response:
        if request.method == "GET":
            return page(request, {})
        values: dict[str, str] = {}
        try:
            values, raw_logo = await submitted(request)
            fmt = values.get("format", "")
            if fmt and fmt != "preview" and fmt not in files.FORMATS:  # a button's value
                raise _unknown_format(fmt)
            build = catalog.request(values)
            logo = await run_in_threadpool(checked_logo, raw_logo) if raw_logo else None
            deck = await run_in_threadpool(gate.run, lambda: catalog.ws.tailor(build))
        except TalkdeckError as exc:
            return failure(request, exc, values)
        return page(request, values, deck=deck, logo=logo)

    async def decks(request: Request) -> Response:
        values: dict[str, str] = {}
        try:
            values, raw_logo = await submitted(request)
            fmt = values.get("format", "pptx") or "pptx"
            if fmt not in files.FORMATS:
                raise _unknown_format(fmt)
            if fmt == "pdf" and not pdf_ok:
                raise FieldError(
                    "format",
                    "this server has no LibreOffice, so no PDF of the slides; download the .pptx",
                    "err_no_pdf",
                )
            build = catalog.request(values)
            logo = await run_in_threadpool(checked_logo, raw_logo) if raw_logo else None
            made = await run_in_threadpool(
                gate.run, lambda: files.make(catalog.ws, build, fmt, logo)
            )
        except TalkdeckError as exc:
            return failure(request, exc, values)
        return Response(
            made.data,
            media_type=made.media_type,
            headers={
                "content-disposition": f'attachment; filename="{made.name}"',
                "cache-control": "no-store",
            },
        )

    def failure(request: Request, exc: TalkdeckError, values: dict[str, str]) -> Response:
        values = values or (exc.values if isinstance(exc, FieldError) else {})
        status = _status(exc)
        if isinstance(exc, FieldError):
            error = exc
        elif isinstance(exc, Busy):
            error = FieldError("", catalog.words(ui_language(request, values))["busy"], "busy")
        elif isinstance(exc, TooLarge):
            error = FieldError("", exc.message, "too_big")
        elif isinstance(exc, UsageError) and _option(
            exc
        ):  # a slide too small for a detail: "--school: too long for ..."
            error = from_library(_option(exc), exc)
        else:
            error = FieldError("", exc.message)
        wants_html = "text/html" in request.headers.get("accept", "")
        if request.url.path.endswith("/api/decks") and not wants_html:
            return JSONResponse(
                {"error": error.message, "field": error.field or None},
                status_code=status,
                headers={"cache-control": "no-store"},
            )
        return page(request, values, status, error)

    async def too_large(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, TalkdeckError)
        return failure(request, exc, {})

    def declared_too_large(scope: Scope) -> Response:
        """The answer to a body declared over the limit, which is never read (a browser
        sending a 5 MB logo gets the page, in its language, with what is wrong)."""
        limit = f"{max_body / 1048576:.1f}".rstrip("0").rstrip(".")
        response = failure(Request(scope), TooLarge(f"the request is over {limit} MB"), {})
        response.headers["connection"] = "close"
        return response

    async def options(request: Request) -> Response:
        return JSONResponse(
            {**catalog.offers(), "formats": [f for f in files.FORMATS if f != "pdf" or pdf_ok]}
        )

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "talks": len(catalog.talks), "pdf": pdf_ok})

    app = Starlette(
        routes=[
            Route("/", index, methods=["GET", "POST"]),
            Route("/preview", index, methods=["POST"]),
            Route("/api/decks", decks, methods=["POST"]),
            Route("/api/options", options),
            Route("/healthz", health),
            Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
        ],
        exception_handlers={TooLarge: too_large},
    )
    return Guard(app, max_body, declared_too_large)


def _unknown_format(fmt: str) -> FieldError:
    return FieldError(
        "format",
        f"format '{fmt[:20]}' is not one of {', '.join(files.FORMATS)}",
        "err_format",
        format=fmt[:20],
        formats=", ".join(files.FORMATS),
    )


def _status(exc: TalkdeckError) -> int:
    if isinstance(exc, TooLarge):
        return 413
    if isinstance(exc, Busy):
        return 503
    if isinstance(exc, UnsupportedType):
        return 415
    if isinstance(exc, UsageError):
        return 422
    return 500  # the library or template is wrong: the coordinator must fix it, not the user


def _option(exc: TalkdeckError) -> str:
    """The field a CLI-worded usage error is about ("--school: ..." -> "school"), or ""."""
    name = option_of(exc.message)
    return name if isinstance(exc, UsageError) and name in FIELDS else ""


def _data_uri(png: bytes | None) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode() if png else ""


async def submitted(request: Request) -> tuple[dict[str, str], bytes | None]:
    """The fields and the logo's bytes from a JSON body or a form; values are only strings."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    allowed = {*FIELDS, "format", "ui"}
    if kind == "application/json":
        try:
            data = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError):
            raise FieldError("", "the body is not valid JSON") from None
        if not isinstance(data, dict):
            raise FieldError("", "the body must be a JSON object")
        unknown = sorted(set(data) - allowed - {"logo"})
        if unknown:
            raise FieldError(
                unknown[0],
                f"unknown field '{unknown[0][:40]}' (known: {', '.join(FIELDS)}, format, logo)",
            )
        values = {}
        for key, value in data.items():
            if key == "logo":
                continue
            if isinstance(value, bool) or not isinstance(value, (str, int)):
                raise FieldError(key, f"{key}: expected text or a number")
            values[key] = str(value)
        return values, _base64_logo(data.get("logo"))
    if kind not in FORMS:
        raise UnsupportedType(
            "send JSON (application/json) or a form "
            "(multipart/form-data or application/x-www-form-urlencoded)"
        )
    form = await request.form(max_files=1, max_fields=len(allowed) + 2)
    try:
        values, logo = {}, None
        for key, value in form.multi_items():
            if isinstance(value, UploadFile):
                if key == "logo" and value.filename:
                    logo = await value.read(MAX_BYTES + 1)
            elif key in allowed:
                values[key] = value
        if logo is not None and len(logo) > MAX_BYTES:
            error = FieldError("logo", "the logo is over 2 MB, the limit", "err_logo_big")
            error.values = values  # the page is said in the form's language, values kept
            raise error
        return values, logo or None
    finally:
        await form.close()  # the upload's spool file goes now, not at garbage collection


def _base64_logo(value: Any) -> bytes | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str) or len(value) > (MAX_BYTES * 4) // 3 + 8:
        raise FieldError("logo", "logo: expected a picture in base64, at most 2 MB")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise FieldError("logo", "logo: not valid base64") from None
