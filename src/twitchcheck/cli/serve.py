"""``twitchcheck serve``: the HTTP API and web page on one uvicorn worker.

It writes one JSON line per request to standard error (``event: request``: method, route
template, status, milliseconds, request id — never a body, query or header value; see
``api.middleware``), plus the audit trail's loss reports. ``--no-access-log`` keeps only the
latter. The HTTP limits (head size, request deadline, keep-alive) come from the settings
(``api.settings``) and are enforced by ``api.server``.
"""

from __future__ import annotations

from typing import Annotated

import typer

from .errors import report_errors


@report_errors
def serve(
    host: Annotated[str, typer.Option(help="Address to bind (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    access_log: Annotated[
        bool, typer.Option(help="One JSON line per request on standard error (no health data).")
    ] = True,
) -> None:
    """Serve the HTTP API (/v1, /openapi.json, /docs) and the web page (/)."""
    import uvicorn

    from twitchcheck.api.app import create_app
    from twitchcheck.api.server import guarded_protocol

    app = create_app()  # validates settings and the knowledge base before binding
    settings = app.state.settings
    _log_json_lines(access_log)
    print(f"twitchcheck is serving at http://{host}:{port}/ (API docs at /docs)", flush=True)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,  # ours is the middleware's JSON line, without query strings
        http=guarded_protocol(settings.max_header_bytes, settings.request_timeout),
        timeout_keep_alive=settings.keep_alive,
    )


def _log_json_lines(access_log: bool) -> None:
    """Send the project's log records (already JSON) to standard error, one per line."""
    import logging
    import sys

    from twitchcheck.api.log_lines import BatchedLines

    handler = BatchedLines(sys.stderr)  # written in batches: not a system call per request
    handler.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger("twitchcheck")
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    root.propagate = False
    if not access_log:
        logging.getLogger("twitchcheck.api").setLevel(logging.WARNING)
