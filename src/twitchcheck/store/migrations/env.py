"""Alembic environment: runs only through ``twitchcheck.store.database.migrate``, which passes
the connection (online mode only; there is no alembic.ini)."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from twitchcheck.store.models import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("run migrations with twitchcheck.store.database.migrate(engine)")
# render_as_batch: SQLite alters tables by copying them; batch mode writes migrations that way.
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
