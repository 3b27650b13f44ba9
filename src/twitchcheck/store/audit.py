"""The audit trail: a record of every assessment the API gives out (time, knowledge and engine
versions, evidence ids with states, triage and the top causes). Free text is kept only when the
caller passes it, which the API does only when ``TWITCHCHECK_STORE_TEXT`` is enabled.

Two ways in:

- ``commit_summary`` (``POST /v1/assess``), awaited by the request: the assessment is answered
  only once its record is committed, so a crash never loses the record of an answer given.
  Records that arrive while a batch is being written are committed together in the next one
  (group commit): one transaction and one thread hop per batch, not per request, and nothing
  wakes another thread per request (that wake-up, under the interpreter lock, cost more than
  writing the row).
- ``record`` / ``record_summary`` (interview steps, from worker threads) queue a row for a
  background thread that commits queued rows in batches (every ``FLUSH_SECONDS`` or ``BATCH``
  rows); a crash can lose the last fraction of a second of these — never an interview answer,
  which the interview store commits before it responds.

``flush`` (called on shutdown and before reading) waits until everything queued is written.

When the database cannot take a batch (it is down), the rows are dropped, never retried
without bound: :attr:`AuditTrail.lost` counts them, each loss is logged (count and error class
only), and ``/readyz`` reports the total, so an operator can see the gap in the trail."""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from twitchcheck.assessment.result import Assessment
from twitchcheck.engine.evidence import Evidence
from twitchcheck.engine.posterior import ENGINE_VERSION

from .models import AuditRow

TOP_KEPT = 3  # how many of the ranked causes a record keeps (the rest are recomputable)
FLUSH_SECONDS = 0.2  # the longest a queued record waits before it is committed
BATCH = 256  # the most records committed in one transaction

log = logging.getLogger("twitchcheck.audit")


class AuditTrail:
    """Append-only assessment records in the interview store's database (same engine)."""

    def __init__(self, engine: Engine) -> None:
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._engine = engine
        self._queue: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._pending = 0  # queued or being written; guarded by _done
        self._lost = 0  # rows that could not be written; guarded by _done
        self._done = threading.Condition()
        self._writer = threading.Thread(target=self._run, name="twitchcheck-audit", daemon=True)
        self._writer.start()
        # Group commit (``commit_summary``): rows waiting for the next batch, each with the
        # future its request awaits, and the task committing them. Touched only on the loop.
        self._waiting: list[tuple[dict[str, Any], asyncio.Future[None]]] = []
        self._committer: asyncio.Future[None] | None = None

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            rows = [first]
            stop = False
            try:
                while len(rows) < BATCH:
                    item = self._queue.get(timeout=FLUSH_SECONDS)
                    if item is None:
                        stop = True
                        break
                    rows.append(item)
            except queue.Empty:
                pass
            self._write(rows)
            if stop:
                return

    def _write(self, rows: list[dict[str, Any]]) -> None:
        try:
            # One Core executemany per batch: far cheaper than ORM objects, and it shares the
            # process (and its GIL) with the requests being served.
            with self._engine.begin() as connection:
                connection.execute(insert(AuditRow), rows)
        except SQLAlchemyError as exc:
            # The requests have long been answered; say so in the log (no health data).
            with self._done:
                self._lost += len(rows)
                total = self._lost
            log.error(
                '{"event": "audit_rows_lost", "rows": %d, "total": %d, "error": "%s"}',
                len(rows),
                total,
                type(exc).__name__,
            )
        finally:
            with self._done:
                self._pending -= len(rows)
                self._done.notify_all()

    @property
    def lost(self) -> int:
        """How many records could not be written since the start (the database was down)."""
        with self._done:
            return self._lost

    def flush(self, timeout: float = 10.0) -> None:
        """Wait (at most ``timeout`` seconds) until every queued record is committed."""
        with self._done:
            self._done.wait_for(lambda: self._pending == 0, timeout=timeout)

    def close(self) -> None:
        """Write what is queued and stop the writer."""
        self._queue.put(None)
        self._writer.join(timeout=10)

    def record(
        self,
        route: str,
        result: Assessment,
        *,
        interview_id: str | None = None,
        text: str | None = None,
    ) -> None:
        """Queue one record of a whole assessment (see :meth:`record_summary`)."""
        self.record_summary(
            route,
            knowledge_version=result.knowledge_version,
            evidence=result.evidence,
            triage=result.triage.level,
            top=[(c.id, c.probability) for c in result.conditions],
            interview_id=interview_id,
            text=text,
        )

    def record_summary(
        self,
        route: str,
        *,
        knowledge_version: str,
        evidence: Iterable[Evidence],
        triage: str,
        top: Sequence[tuple[str, float]],
        interview_id: str | None = None,
        text: str | None = None,
    ) -> None:
        """Queue one record from its parts: evidence (ids and states), triage level, the causes
        ranked highest first (the first three are kept); committed within ``FLUSH_SECONDS``."""
        row = _row(route, knowledge_version, evidence, triage, top, interview_id, text)
        with self._done:
            self._pending += 1
        self._queue.put(row)

    async def commit_summary(
        self,
        route: str,
        *,
        knowledge_version: str,
        evidence: Iterable[Evidence],
        triage: str,
        top: Sequence[tuple[str, float]],
        text: str | None = None,
    ) -> None:
        """Write one record (the parts of :meth:`record_summary`) and return once it is committed
        — or, while the database is down, counted as lost (see the module docstring). Call it
        from the event loop."""
        row = _row(route, knowledge_version, evidence, triage, top, None, text)
        written: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((row, written))
        if self._committer is None:
            self._committer = asyncio.ensure_future(self._commit_waiting())
        await written

    async def _commit_waiting(self) -> None:
        """Commit waiting rows, a batch at a time, until none wait; then wake their requests."""
        try:
            while self._waiting:
                batch = self._waiting[:BATCH]
                del self._waiting[:BATCH]
                with self._done:
                    self._pending += len(batch)  # ``_write`` takes them off
                await asyncio.to_thread(self._write, [row for row, _ in batch])
                for _, written in batch:
                    if not written.done():  # its request may have gone (client disconnected)
                        written.set_result(None)
        finally:
            self._committer = None

    def recent(self, limit: int = 100) -> Sequence[dict[str, Any]]:
        """The newest records first, as plain dicts (for operators and tests); flushes first."""
        self.flush()
        with self._sessions() as orm:
            rows = orm.scalars(select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)).all()
            return [
                {
                    "at": r.at,
                    "route": r.route,
                    "interview_id": r.interview_id,
                    "knowledge_version": r.knowledge_version,
                    "engine_version": r.engine_version,
                    "evidence": r.evidence,
                    "triage": r.triage,
                    "top": r.top,
                    "text": r.text,
                }
                for r in rows
            ]


def _row(
    route: str,
    knowledge_version: str,
    evidence: Iterable[Evidence],
    triage: str,
    top: Sequence[tuple[str, float]],
    interview_id: str | None,
    text: str | None,
) -> dict[str, Any]:
    """One audit row: the first ``TOP_KEPT`` causes of ``top``; ``text`` only when given."""
    return {
        "at": datetime.now(UTC),
        "route": route,
        "interview_id": interview_id,
        "knowledge_version": knowledge_version,
        "engine_version": ENGINE_VERSION,
        "evidence": [{"id": e.id, "state": e.state, "from": e.origin} for e in evidence],
        "triage": triage,
        "top": [{"id": cid, "probability": round(p, 6)} for cid, p in top[:TOP_KEPT]],
        "text": text,
    }
