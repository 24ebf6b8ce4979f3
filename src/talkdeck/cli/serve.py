"""`talkdeck serve`: the web page for volunteers (see :mod:`talkdeck.web.app`)."""

from __future__ import annotations

from pathlib import Path

import click

from talkdeck.cli.options import CONTEXT, library_option
from talkdeck.errors import TalkdeckError

MISSING = "the web page needs Starlette, uvicorn and python-multipart; reinstall talkdeck"


@click.command(context_settings=CONTEXT)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 for every interface (behind a proxy).",
)
@click.option(
    "--port",
    "-p",
    type=click.IntRange(1, 65535),
    default=8000,
    show_default=True,
    metavar="PORT",
    help="Port to listen on, 1-65535.",
)
@click.option(
    "--root-path",
    default="",
    metavar="PATH",
    help="The path a reverse proxy serves the page under, e.g. /talkdeck.",
)
@click.option("--open", "open_", is_flag=True, help="Open the page in a web browser.")
@click.option("--draft", is_flag=True, help="Also offer draft talks (every slide says DRAFT).")
@click.option(
    "--builds",
    type=click.IntRange(1, 16),
    default=2,
    show_default=True,
    metavar="N",
    help="Decks made at once; more requests wait (up to 32), then 503.",
)
@library_option
def serve(
    host: str,
    port: int,
    root_path: str,
    open_: bool,
    draft: bool,
    builds: int,
    library: Path | None,
) -> None:
    """Serve a page where volunteers build, preview and download a school's deck.

    Nothing a volunteer types is stored or logged; the log has each request's path and status.

    \b
    Example:
        talkdeck serve --open
        talkdeck serve --host 0.0.0.0 --port 8080 --root-path /talkdeck
    """
    import logging  # here, not at the top: every command imports this module
    import threading
    import webbrowser

    try:
        import uvicorn

        from talkdeck.web.app import create_app
    except ImportError as exc:  # an install without the web extra
        raise TalkdeckError(f"{MISSING} ({exc.name} is missing)") from None
    from talkdeck.web.catalog import load_catalog

    if root_path and not root_path.startswith("/"):
        raise click.BadParameter("must start with /", param_hint="--root-path")
    catalog = load_catalog(library, draft)
    app = create_app(catalog, builds=builds)
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    url = f"http://{shown}:{port}{root_path.rstrip('/')}/"
    click.echo(f"talkdeck: serving {len(catalog.talks)} talks at {url} (Ctrl+C to stop)")
    if open_:
        threading.Timer(1.0, webbrowser.open, [url]).start()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    # access_log off: uvicorn's would print query strings; talkdeck.web logs path and status.
    uvicorn.run(
        app,
        host=host,
        port=port,
        root_path=root_path.rstrip("/"),
        access_log=False,
        log_level="info",
        server_header=False,
        proxy_headers=True,
    )
