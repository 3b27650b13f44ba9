"""Interview sessions in the database: create, load, add or remove an answer, finish.

Every method is one committed transaction, so an answer is on disk before the caller shows the
next question. Answers are numbered 1, 2, ...: adding answer *n* fails when another writer added
it first, and taking back answer *n* fails unless it is still the last one. Both checks run under
the interview's lock (the row on PostgreSQL, the write lock on SQLite), so answers and "back"
requests are linearisable: two clients of one interview never silently undo each other.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import sessionmaker

from twitchcheck.engine.evidence import Evidence, Patient
from twitchcheck.errors import (
    InterviewError,
    InvalidValueError,
    SessionNotFoundError,
    StoreError,
)
from twitchcheck.interview.session import Reply, Session

from .database import connect, database_url, migrate, shown
from .models import AnswerRow, AuditRow, InterviewRow

_ID = re.compile(r"^[0-9a-f]{20}$")
Status = Literal["open", "done"]


def new_id() -> str:
    """A fresh interview id: 20 hex digits (80 random bits), unguessable."""
    return secrets.token_hex(10)


class InterviewStore:
    """The interview sessions of one database.

    Args:
        url: a SQLAlchemy URL; by default :func:`database.database_url` (the environment's
            ``TWITCHCHECK_DATABASE_URL`` or the SQLite file in the data directory).

    The schema is migrated to the newest revision when the store opens.

    Raises:
        StoreError: the database cannot be opened or migrated.
    """

    def __init__(self, url: str | None = None) -> None:
        self.url = url or database_url()
        self._engine: Engine = connect(self.url)
        migrate(self._engine)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (shared with the audit trail)."""
        return self._engine

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    def ping(self) -> None:
        """Check that the database answers (one trivial query).

        Raises:
            StoreError: it does not.
        """
        try:
            with self._engine.connect() as connection:
                connection.execute(select(1))
        except SQLAlchemyError as exc:
            raise StoreError(
                f"the interview store at {shown(self.url)} does not answer ({type(exc).__name__})"
            ) from None

    def __enter__(self) -> InterviewStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[OrmSession]:
        try:
            with self._sessions.begin() as orm:
                yield orm
        except IntegrityError:
            raise InterviewError(
                "the interview changed meanwhile (answered elsewhere); reload it and try again"
            ) from None
        except SQLAlchemyError as exc:
            raise StoreError(
                f"cannot read or write the interview store at {shown(self.url)} "
                f"({type(exc).__name__})"
            ) from None

    def create(self, session: Session) -> str:
        """Store a new session (with any answers it already has) and return its id."""
        sid = new_id()
        now = datetime.now(UTC)
        with self._transaction() as orm:
            row = InterviewRow(
                id=sid,
                created_at=now,
                updated_at=now,
                knowledge_version=session.knowledge_version,
                age=session.patient.age,
                sex=session.patient.sex,
                opening=[{"id": e.id, "state": e.state} for e in session.opening],
                status="open",
            )
            orm.add(row)
            for i, r in enumerate(session.replies, start=1):
                orm.add(_answer(sid, i, r, now))
        return sid

    def load(self, session_id: str) -> Session:
        """The stored session.

        Raises:
            SessionNotFoundError: no interview has this id (or it is not an id at all).
            StoreError: the stored row is damaged (the message says which field).
        """
        with self._transaction() as orm:
            row = self._row(orm, session_id)
            replies = tuple(Reply(a.question, a.answer) for a in row.answers)
            return _session(row, replies)

    def status(self, session_id: str) -> Status:
        """``open`` or ``done``."""
        with self._transaction() as orm:
            return "done" if self._row(orm, session_id).status == "done" else "open"

    def add_reply(self, session_id: str, seq: int, reply: Reply) -> None:
        """Store answer number ``seq`` (1-based), which must be the next one.

        The check and the insert happen under the interview's row lock (:meth:`_locked`), so a
        concurrent answer or "back" either happens wholly before or wholly after this one.

        Raises:
            InterviewError: answer ``seq`` exists already or ``seq`` leaves a gap (409).
        """
        now = datetime.now(UTC)
        with self._locked(session_id, status="open", now=now) as orm:
            count = self._count(orm, session_id)
            if seq != count + 1:
                raise InterviewError(
                    f"the interview has {count} answers; cannot store answer number {seq}"
                )
            orm.add(_answer(session_id, seq, reply, now))

    def take_back(self, session_id: str, number: int) -> None:
        """Remove answer ``number`` (1-based) if, and only if, it is the last answer; reopen the
        interview. The answer number is the precondition of an optimistic lock: two "back"
        requests that both saw ``number`` answers remove one answer between them, and a "back"
        racing a new answer never removes the new one.

        Raises:
            InterviewError: the interview does not have exactly ``number`` answers (409).
        """
        if number < 1:
            raise InterviewError("there is no answer to go back to")
        with self._locked(session_id, status="open", now=datetime.now(UTC)) as orm:
            count = self._count(orm, session_id)
            if count != number:
                raise InterviewError(
                    f"the interview has {count} answers; cannot take back answer number {number}"
                )
            orm.execute(
                delete(AnswerRow).where(
                    AnswerRow.interview_id == session_id, AnswerRow.seq == number
                )
            )

    def remove_replies(self, session_id: str, keep: int) -> None:
        """Keep only the first ``keep`` answers (going back), and reopen the interview."""
        if keep < 0:
            raise InvalidValueError("keep must be 0 or more")
        with self._locked(session_id, status="open", now=datetime.now(UTC)) as orm:
            orm.execute(
                delete(AnswerRow).where(AnswerRow.interview_id == session_id, AnswerRow.seq > keep)
            )

    def finish(self, session_id: str) -> None:
        """Mark the interview done (it can still be reopened by going back)."""
        with self._locked(session_id, status="done", now=datetime.now(UTC)):
            pass

    def delete(self, session_id: str) -> None:
        """Remove the interview for good: its answers, its audit records and the interview row
        (the person's "delete my answers"). Call :meth:`AuditTrail.flush` first, so that no
        record of it is still queued.

        Raises:
            SessionNotFoundError: no interview has this id (also when it was already deleted).
        """
        if not _ID.match(session_id):
            raise SessionNotFoundError(session_id)
        with self._transaction() as orm:
            # Children first and explicitly: SQLite enforces ON DELETE CASCADE only when told to.
            orm.execute(delete(AnswerRow).where(AnswerRow.interview_id == session_id))
            orm.execute(delete(AuditRow).where(AuditRow.interview_id == session_id))
            gone = orm.execute(
                delete(InterviewRow)
                .where(InterviewRow.id == session_id)
                .execution_options(synchronize_session=False)
            )
            if getattr(gone, "rowcount", 0) == 0:
                raise SessionNotFoundError(session_id)

    @contextmanager
    def _locked(self, session_id: str, *, status: Status, now: datetime) -> Iterator[OrmSession]:
        """A write transaction that holds the interview's lock from its first statement.

        The first statement sets the status and ``updated_at``: on PostgreSQL that takes the
        row's lock (other writers of this interview wait until commit, and every later statement
        of this transaction sees their work); on SQLite a transaction that starts with a write
        takes the database's write lock at once. Everything read after it is current.

        Raises:
            SessionNotFoundError: no interview has this id.
        """
        if not _ID.match(session_id):
            raise SessionNotFoundError(session_id)
        with self._transaction() as orm:
            touched = orm.execute(
                update(InterviewRow)
                .where(InterviewRow.id == session_id)
                .values(updated_at=now, status=status)
                .execution_options(synchronize_session=False)
            )
            if getattr(touched, "rowcount", 0) == 0:
                raise SessionNotFoundError(session_id)
            yield orm

    @staticmethod
    def _count(orm: OrmSession, session_id: str) -> int:
        count = orm.scalar(
            select(func.count()).select_from(AnswerRow).where(AnswerRow.interview_id == session_id)
        )
        return int(count or 0)

    @staticmethod
    def _row(orm: OrmSession, session_id: str) -> InterviewRow:
        if not _ID.match(session_id):
            raise SessionNotFoundError(session_id)
        row = orm.get(InterviewRow, session_id)
        if row is None:
            raise SessionNotFoundError(session_id)
        return row


def _answer(sid: str, seq: int, reply: Reply, now: datetime) -> AnswerRow:
    return AnswerRow(
        interview_id=sid, seq=seq, question=reply.question, answer=reply.answer, answered_at=now
    )


def _session(row: InterviewRow, replies: tuple[Reply, ...]) -> Session:
    try:
        sex: Literal["female", "male"] | None
        if row.sex == "female":
            sex = "female"
        elif row.sex == "male":
            sex = "male"
        elif row.sex is None:
            sex = None
        else:
            raise ValueError("sex")
        opening = tuple(
            Evidence(str(item["id"]), item["state"], "text")
            for item in row.opening
            if item["state"] in ("present", "absent", "unknown")
        )
        if len(opening) != len(row.opening):
            raise ValueError("opening")
        patient = Patient(age=row.age, sex=sex)
    except (ValueError, TypeError, KeyError, InvalidValueError) as exc:
        raise StoreError(f"interview {row.id} is damaged (field {exc})") from None
    return Session(
        patient=patient, opening=opening, replies=replies, knowledge_version=row.knowledge_version
    )
