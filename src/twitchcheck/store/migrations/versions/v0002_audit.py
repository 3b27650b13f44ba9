"""The audit trail: one row per assessment the API gives out.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("route", sa.String(40), nullable=False),
        sa.Column("interview_id", sa.String(32), nullable=True),
        sa.Column("knowledge_version", sa.String(32), nullable=False),
        sa.Column("engine_version", sa.String(40), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("triage", sa.String(12), nullable=False),
        sa.Column("top", sa.JSON(), nullable=False),
        sa.Column("text", sa.String(10_000), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("audit")
