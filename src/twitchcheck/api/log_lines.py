"""The server's log handler: one line per record on a stream, written in batches.

Writing (and flushing) each request's log line to standard error as it is made costs a system
call per request, about a tenth of the server's time for a short request. This handler keeps the
lines made on the event loop and writes them together: when ``MAX_LINES`` are waiting, and in any
case ``FLUSH_SECONDS`` after the first of them (a timer on the loop), so a quiet server's lines
still appear at once. A record made off the loop (the audit writer's loss report) is written
straight away, with everything waiting before it. ``close`` (at shutdown, ``logging.shutdown``)
writes what is left.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TextIO

FLUSH_SECONDS = 0.25  # the longest a line waits on a busy server
MAX_LINES = 256  # lines written at once at most


class BatchedLines(logging.Handler):
    """Formats each record as one line (``%(message)s``: the project's records are JSON)."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream
        self._lines: list[str] = []
        self._timer: asyncio.TimerHandle | None = None

    def emit(self, record: logging.LogRecord) -> None:  # called with self.lock held
        try:
            self._lines.append(self.format(record))
            if len(self._lines) >= MAX_LINES:
                self._write()
                return
            if self._timer is None:
                try:
                    loop = asyncio.get_running_loop()
                except RuntimeError:  # off the loop: no timer to rely on
                    self._write()
                    return
                self._timer = loop.call_later(FLUSH_SECONDS, self.flush)
        except Exception:  # a log line must never fail a request
            self.handleError(record)

    def flush(self) -> None:
        with self.lock or _NO_LOCK:
            self._write()

    def _write(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._lines:
            lines, self._lines = self._lines, []
            self.stream.write("\n".join(lines) + "\n")
            self.stream.flush()

    def close(self) -> None:
        self.flush()
        super().close()


class _NoLock:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


_NO_LOCK = _NoLock()
