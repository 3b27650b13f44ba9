"""``twitchcheck serve``: the HTTP API and web page on one uvicorn worker."""

from __future__ import annotations

from typing import Annotated

import typer

from .errors import report_errors


@report_errors
def serve(
    host: Annotated[str, typer.Option(help="Address to bind (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
) -> None:
    """Serve the HTTP API (/v1, /openapi.json, /docs) and the web page (/)."""
    import uvicorn

    from twitchcheck.api.app import create_app

    app = create_app()  # validates settings and the knowledge base before binding
    print(f"twitchcheck is serving at http://{host}:{port}/ (API docs at /docs)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
