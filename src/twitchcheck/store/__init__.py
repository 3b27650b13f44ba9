"""Persistence of interview sessions: SQLAlchemy 2, SQLite (WAL) by default, schema by Alembic.

An adapter, like ``cli`` and ``api``: it reads its settings from the environment
(``TWITCHCHECK_DATABASE_URL``, ``TWITCHCHECK_DATA_DIR``) and stores what
``twitchcheck.interview.Session`` holds — age, sex, the evidence read from the opening complaint
(never the text itself) and each answer as it is given, committed before the next question.
"""
