"""A tiny FHIR server on 127.0.0.1 for the CDS Hooks fetch path (a thread, a free port)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class StubData:
    """What the stub serves: resources by type, and every request it saw (path, auth header)."""

    patient: dict[str, Any] | None = None
    conditions: list[dict[str, Any]] = field(default_factory=list)
    observations: list[dict[str, Any]] = field(default_factory=list)
    status: int = 200  # answer every request with this status instead (e.g. 500)
    seen: list[tuple[str, str | None]] = field(default_factory=list)


def _bundle(resources: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": len(resources),
        "entry": [{"resource": r} for r in resources],
    }


@contextmanager
def fhir_stub(data: StubData) -> Iterator[str]:
    """Serve ``data`` at ``http://127.0.0.1:<port>/fhir`` while the block runs."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:
            data.seen.append((self.path, self.headers.get("Authorization")))
            url = urlsplit(self.path)
            query = parse_qs(url.query)
            body: dict[str, Any] | None = None
            if data.status == 200:
                if data.patient and url.path == f"/fhir/Patient/{data.patient['id']}":
                    body = data.patient
                elif url.path == "/fhir/Condition" and "patient" in query:
                    body = _bundle(data.conditions)
                elif url.path == "/fhir/Observation" and "patient" in query:
                    body = _bundle(data.observations)
            status = data.status if data.status != 200 else (200 if body else 404)
            raw = json.dumps(body or {"resourceType": "OperationOutcome"}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/fhir+json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/fhir"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
