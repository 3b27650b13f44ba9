"""Alembic migrations of the interview store, run by ``database.migrate`` on start.

Add a revision by copying the newest file in ``versions/`` (next number, ``down_revision`` set to
the previous ``revision``) and writing its ``upgrade``/``downgrade`` with ``alembic.op``; a test
checks that the migrated schema matches ``models.py``.
"""
