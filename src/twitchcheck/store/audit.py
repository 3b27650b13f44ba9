"""The audit trail: a record of every assessment the API gives out (time, knowledge and engine
versions, evidence ids with states, triage and the top causes). Free text is kept only when the
caller passes it, which the API does only when ``TWITCHCHECK_STORE_TEXT`` is enabled."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from twitchcheck.assessment.result import Assessment
from twitchcheck.engine.evidence import Evidence
from twitchcheck.engine.posterior import ENGINE_VERSION
from twitchcheck.errors import StoreError

from .models import AuditRow

TOP_KEPT = 3  # how many of the ranked causes a record keeps (the rest are recomputable)


class AuditTrail:
    """Append-only assessment records in the interview store's database (same engine)."""

    def __init__(self, engine: Engine) -> None:
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def record(
        self,
        route: str,
        result: Assessment,
        *,
        interview_id: str | None = None,
        text: str | None = None,
    ) -> None:
        """Append one record of a whole assessment (committed before returning).

        Raises:
            StoreError: the database refused the write.
        """
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
        """Append one record from its parts: evidence (ids and states), triage level, the causes
        ranked highest first (the first three are kept). Committed before returning.

        Raises:
            StoreError: the database refused the write.
        """
        row = AuditRow(
            at=datetime.now(UTC),
            route=route,
            interview_id=interview_id,
            knowledge_version=knowledge_version,
            engine_version=ENGINE_VERSION,
            evidence=[{"id": e.id, "state": e.state, "from": e.origin} for e in evidence],
            triage=triage,
            top=[{"id": cid, "probability": round(p, 6)} for cid, p in top[:TOP_KEPT]],
            text=text,
        )
        try:
            with self._sessions.begin() as orm:
                orm.add(row)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write the audit record ({type(exc).__name__})") from None

    def recent(self, limit: int = 100) -> Sequence[dict[str, Any]]:
        """The newest records first, as plain dicts (for operators and tests)."""
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
