"""The tables: one row per interview, one row per answer (the schema's source of truth for the
migrations in ``migrations/versions``; a test checks the two agree)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class InterviewRow(Base):
    """An interview: who, what the opening complaint gave (ids and states only), status.

    The opening text itself is never stored.
    """

    __tablename__ = "interviews"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    knowledge_version: Mapped[str] = mapped_column(String(32))
    age: Mapped[float | None] = mapped_column(Float, nullable=True)
    sex: Mapped[str | None] = mapped_column(String(8), nullable=True)
    opening: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(8))
    answers: Mapped[list[AnswerRow]] = relationship(
        back_populates="interview", order_by="AnswerRow.seq", cascade="all, delete-orphan"
    )


class AnswerRow(Base):
    """One answer: its position (1, 2, ...), the question id and the answer value."""

    __tablename__ = "answers"

    interview_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("interviews.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    question: Mapped[str] = mapped_column(String(80))
    answer: Mapped[str] = mapped_column(String(400))
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    interview: Mapped[InterviewRow] = relationship(back_populates="answers")


class AuditRow(Base):
    """One assessment given out by the API: when, which knowledge and engine, which evidence ids
    (with states), and the result's triage and top causes. Free text only when the operator has
    enabled it (``TWITCHCHECK_STORE_TEXT=1``); never by default."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    route: Mapped[str] = mapped_column(String(40))
    interview_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    knowledge_version: Mapped[str] = mapped_column(String(32))
    engine_version: Mapped[str] = mapped_column(String(40))
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    triage: Mapped[str] = mapped_column(String(12))
    top: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    text: Mapped[str | None] = mapped_column(String(10_000), nullable=True)
