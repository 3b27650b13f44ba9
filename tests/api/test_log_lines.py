"""The server's log handler writes lines in batches, but never loses or holds one for long."""

from __future__ import annotations

import asyncio
import io
import logging

from twitchcheck.api.log_lines import FLUSH_SECONDS, MAX_LINES, BatchedLines


def logger_to(stream: io.StringIO, name: str) -> tuple[logging.Logger, BatchedLines]:
    handler = BatchedLines(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger(name)
    log.handlers = [handler]
    log.setLevel(logging.INFO)
    log.propagate = False
    return log, handler


def test_lines_made_on_the_loop_come_out_together_within_the_flush_time() -> None:
    stream = io.StringIO()
    log, _ = logger_to(stream, "tests.batched.loop")

    async def serve() -> str:
        for n in range(3):
            log.info('{"n": %d}', n)
        held = stream.getvalue()
        await asyncio.sleep(FLUSH_SECONDS * 2)
        return held

    held = asyncio.run(serve())
    assert held == ""  # not one write per record
    assert stream.getvalue() == '{"n": 0}\n{"n": 1}\n{"n": 2}\n'


def test_a_full_batch_is_written_at_once_and_off_the_loop_at_once() -> None:
    stream = io.StringIO()
    log, handler = logger_to(stream, "tests.batched.full")

    async def burst() -> int:
        for n in range(MAX_LINES):
            log.info("%d", n)
        return stream.getvalue().count("\n")

    assert asyncio.run(burst()) == MAX_LINES
    log.info("off the loop")
    assert stream.getvalue().endswith("off the loop\n")
    handler.close()
