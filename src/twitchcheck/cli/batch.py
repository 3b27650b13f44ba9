"""``twitchcheck batch IN.jsonl|-``: one record a line in, one ``assess --json`` result a line
out."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO

import typer

from .errors import EXIT_INPUT, report_errors
from .options import DetailChoice, DetailOpt
from .settings import knowledge

if TYPE_CHECKING:
    from twitchcheck.batch.stream import BatchRun, Summary

EXIT_SOME_FAILED = 1  # every line was answered, but at least one with an error object

SourceArg = Annotated[
    str,
    typer.Argument(
        metavar="IN.jsonl|-",
        help="Records, one JSON object a line ('-' reads standard input).",
        show_default=False,
    ),
]
ChunkOpt = Annotated[
    int,
    typer.Option(
        "--chunk-size",
        min=1,
        max=65_536,
        help="Records scored together (more is faster; memory grows with it).",
    ),
]


@report_errors
def batch(
    source: SourceArg, chunk_size: ChunkOpt = 1024, detail: DetailOpt = DetailChoice.summary
) -> None:
    """Assess many records: one JSON record a line in, one result a line out.

    A record has the `interview --answers` shape: {"age": 34, "sex": "female", "present":
    [...], "absent": [...], "unknown": [...], "text": "..."}, every key optional, ids or codes.
    Each output line is the compact result of the input line with the same number — the summary
    shape, or with --detail full the whole `assess --json` result — or {"line": N, "error": "..."}
    when that line cannot be assessed. Exit code 0 when every line was assessed, 1 when some
    gave an error, 2 when the run could not start.
    """
    from twitchcheck.batch.records import read_lines
    from twitchcheck.batch.stream import BatchRun

    stream, total = _open(source)
    kb = knowledge()
    runner = BatchRun(kb, chunk_size=chunk_size, detail=detail.value)
    sys.stdout.flush()
    out = sys.stdout.buffer  # the lines are UTF-8 already: no text layer to re-encode them

    def write(line: bytes) -> None:
        out.write(line)
        out.write(b"\n")

    try:
        lines = read_lines(stream)  # bounded: a line over the limit is that line's error
        if sys.stderr.isatty():
            summary = _with_progress(runner, lines, write, total)
        else:
            summary = runner.run(lines, write)
        out.flush()
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    if summary.failed:
        print(
            f"twitchcheck: {summary.failed} of {summary.lines} lines could not be assessed "
            '(their output lines are {"line": N, "error": ...})',
            file=sys.stderr,
        )
        raise SystemExit(EXIT_SOME_FAILED)


def _open(source: str) -> tuple[BinaryIO, int | None]:
    """The input as binary lines, and its size in bytes when known."""
    if source == "-":
        return sys.stdin.buffer, None
    path = Path(source)
    try:
        stream = path.open("rb")
    except OSError as exc:
        print(f"twitchcheck: error: cannot read {source}: {exc.strerror}", file=sys.stderr)
        raise SystemExit(EXIT_INPUT) from None
    try:
        size = os.fstat(stream.fileno()).st_size
    except OSError:
        size = 0
    return stream, size or None


def _with_progress(
    runner: BatchRun, lines: Iterable[bytes], write: Callable[[bytes], None], total: int | None
) -> Summary:
    """Run with a progress bar on standard error (only when it is a terminal)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = [TextColumn("assessing"), BarColumn(), TextColumn("{task.fields[records]} records")]
    timing = [TimeElapsedColumn(), TimeRemainingColumn()] if total else [TimeElapsedColumn()]
    with Progress(*columns, *timing, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("batch", total=total, records="0")

        def progress(done: int, size: int) -> None:
            bar.update(task, completed=size, records=f"{done:,}")

        return runner.run(lines, write, progress)
