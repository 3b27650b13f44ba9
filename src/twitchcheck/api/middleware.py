"""ASGI middleware: request ids, body size limit, security headers, privacy-safe access logs."""

from __future__ import annotations

import itertools
import json
import logging
import secrets
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from twitchcheck.errors import InputTooLargeError
from twitchcheck.jsonout import dumps

from .problems import PROBLEM_JSON

log = logging.getLogger("twitchcheck.api")
ID_RANDOM_BYTES = 10  # 20 hex digits of the request id; a 12-digit counter follows

# The page loads only its own script and style files; no inline script, nothing third-party.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class _TooLarge(InputTooLargeError):
    """A body over the limit that declared no (or a false) length: raised while it is read. When
    FastAPI is the reader it turns this into a 400 "from" it; ``problems`` answers 413 instead."""

    def __init__(self, max_body: int) -> None:
        super().__init__("the request body", max_body)


def _problem_bytes(status: int, kind: str, title: str, detail: str) -> bytes:
    return json.dumps(
        {
            "type": f"https://twitchcheck.invalid/problems/{kind}",
            "title": title,
            "status": status,
            "detail": detail,
        }
    ).encode()


class GuardMiddleware:
    """Adds a request id and security headers, refuses bodies over ``max_body`` with 413, and logs
    one structured line per request: method, route path, status, duration, request id — never a
    body, a query string or a header value that could carry health information."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body
        # Request ids: 32 hex digits, a random prefix per process and a counter — unique without
        # a system call for randomness per request (``uuid4`` was 4 % of a short request).
        self._id_prefix = secrets.token_hex(ID_RANDOM_BYTES)
        self._ids = itertools.count()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = f"{self._id_prefix}{next(self._ids):012x}"
        started = time.perf_counter()
        status_holder: dict[str, int] = {"status": 500}
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_body
            except ValueError:
                too_big = True
            if too_big:
                await self._refuse(send, request_id)
                self._log(scope, 413, started, request_id)
                return

        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _TooLarge(self.max_body)
            return message

        response_started = False

        async def wrapped_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
                status_holder["status"] = message["status"]
                raw = list(message.get("headers", []))
                raw += SECURITY_HEADERS
                raw.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": raw}
            await send(message)

        try:
            await self.app(scope, limited_receive, wrapped_send)
        except _TooLarge:
            if not response_started:
                await self._refuse(send, request_id)
            status_holder["status"] = 413
        self._log(scope, status_holder["status"], started, request_id)

    async def _refuse(self, send: Send, request_id: str) -> None:
        # The same problem as when the limit bites during reading (``problems``: "too-large").
        body = _problem_bytes(
            413, "too-large", "Request body too large", str(_TooLarge(self.max_body))
        )
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", PROBLEM_JSON.encode()),
                    (b"content-length", str(len(body)).encode()),
                    (b"x-request-id", request_id.encode()),
                    *SECURITY_HEADERS,
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    def _log(self, scope: Scope, status: int, started: float, request_id: str) -> None:
        if not log.isEnabledFor(logging.INFO):  # nothing would be written: build nothing
            return
        route = scope.get("route")
        path = getattr(route, "path", None) or "(unmatched)"
        record: dict[str, Any] = {
            "event": "request",
            "request_id": request_id,
            "method": scope.get("method"),
            "route": path,
            "status": status,
            "ms": round((time.perf_counter() - started) * 1000, 2),
        }
        log.info(dumps(record).decode())
