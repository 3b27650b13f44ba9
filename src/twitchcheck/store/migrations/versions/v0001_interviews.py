"""Interviews and their answers.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "interviews",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("knowledge_version", sa.String(32), nullable=False),
        sa.Column("age", sa.Float(), nullable=True),
        sa.Column("sex", sa.String(8), nullable=True),
        sa.Column("opening", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
    )
    op.create_table(
        "answers",
        sa.Column(
            "interview_id",
            sa.String(32),
            sa.ForeignKey("interviews.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("question", sa.String(80), nullable=False),
        sa.Column("answer", sa.String(400), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("answers")
    op.drop_table("interviews")
