"""The HTTP server's own limits, which the ASGI app cannot enforce because they bite before a
request reaches it: the size of a request's head (request line and headers) and the time a
client may take to send a whole request.

uvicorn (with httptools) sets neither: a 32 MiB header was read into memory and answered, and a
connection that sends half a request, or nothing, was kept open for ever (a few hundred such
connections exhaust the server). :class:`GuardedProtocol` adds both:

- a head larger than ``max_header_bytes`` → ``431 Request Header Fields Too Large``, closed;
- a request not received completely within ``request_timeout`` seconds of its first byte (or of
  the connection opening) → ``408 Request Timeout``, closed. A request that has been received
  is never cut off while the app works on it.

Idle keep-alive connections between requests are closed by uvicorn itself after
``timeout_keep_alive`` seconds. Bodies are limited by ``middleware.GuardMiddleware`` (413).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from .problems import PROBLEM_JSON

_REASONS = {408: b"Request Timeout", 431: b"Request Header Fields Too Large"}


def _refusal(status: int, kind: str, detail: str) -> bytes:
    body = json.dumps(
        {
            "type": f"https://twitchcheck.invalid/problems/{kind}",
            "title": _REASONS[status].decode(),
            "status": status,
            "detail": detail,
        }
    ).encode()
    head = (
        f"HTTP/1.1 {status} {_REASONS[status].decode()}\r\n"
        f"content-type: {PROBLEM_JSON}\r\ncontent-length: {len(body)}\r\nconnection: close\r\n\r\n"
    ).encode()
    return head + body


class GuardedProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a head-size limit and a request deadline.

    Configure with :func:`guarded_protocol`, which sets the two class attributes.
    """

    max_header_bytes: int
    request_timeout: float

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_bytes = 0
        self._tail = b""
        self._in_head = True  # reading a request line and headers (or waiting for one)
        self._receiving = False  # a request has started and has not been received completely
        self._deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if not self._receiving:  # the first byte of a new request: it has this long to arrive
            self._receiving = True
            self._in_head = True
            self._head_bytes = 0
            self._tail = b""
            self._arm()
        if self._in_head and self._head_too_large(data):
            self._refuse(
                431,
                "header-too-large",
                f"The request line and headers exceed {self.max_header_bytes:,} bytes.",
            )
            return
        super().data_received(data)

    def _head_too_large(self, data: bytes) -> bool:
        """Count the head's bytes in this read, up to the blank line that ends it (found across
        reads: the last three bytes of the previous read are kept)."""
        seen = self._tail + data
        end = seen.find(b"\r\n\r\n")
        if end >= 0:
            self._head_bytes += end + 4 - len(self._tail)
            self._in_head = False  # the parser will say so too; the rest is body
        else:
            self._head_bytes += len(data)
            self._tail = seen[-3:]
        return self._head_bytes > self.max_header_bytes

    def on_message_complete(self) -> None:
        self._receiving = False
        self._disarm()
        super().on_message_complete()

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.request_timeout, self._timed_out)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _timed_out(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        if self.cycle is not None and not self.cycle.response_complete and not self._receiving:
            return  # the request is in; the app is still answering it
        if self._receiving or self.cycle is None:
            self._refuse(
                408,
                "request-timeout",
                f"The request was not received within {self.request_timeout:g} seconds.",
            )

    def _refuse(self, status: int, kind: str, detail: str) -> None:
        self._disarm()
        if self.cycle is not None and not self.cycle.response_complete:
            # The app has begun this request (a slow body): it must not answer on a closed
            # connection; mark it gone, as a client disconnect.
            self.cycle.disconnected = True
            self.cycle.message_event.set()
            self.transport.close()
            return
        self.transport.write(_refusal(status, kind, detail))
        self.transport.close()


def guarded_protocol(max_header_bytes: int, request_timeout: float) -> type[GuardedProtocol]:
    """A :class:`GuardedProtocol` subclass with these limits (uvicorn takes a class)."""
    return type(
        "ConfiguredGuardedProtocol",
        (GuardedProtocol,),
        {"max_header_bytes": max_header_bytes, "request_timeout": request_timeout},
    )
