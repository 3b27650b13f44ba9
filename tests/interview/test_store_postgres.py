"""The same store code on a real (throwaway) PostgreSQL: migrations, answers, conflicts."""

from __future__ import annotations

import pytest

from twitchcheck import KnowledgeBase
from twitchcheck.errors import InterviewError, SessionNotFoundError
from twitchcheck.interview import Reply, start
from twitchcheck.store.interviews import InterviewStore


def test_the_store_works_unchanged_on_postgresql(postgres_url: str, kb: KnowledgeBase) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from twitchcheck.store.models import Base

    with InterviewStore(postgres_url) as store:
        session = start(kb, age=62, sex="male")
        sid = store.create(session)
        store.add_reply(sid, 1, Reply("weakness_screen", "yes"))
        store.add_reply(sid, 2, Reply("weakness_screen.which", "weakness,hand_wasting"))
        with pytest.raises(InterviewError):
            store.add_reply(sid, 2, Reply("weakness_screen.which", "weakness"))
        store.remove_replies(sid, keep=1)
        assert store.load(sid).replies == (Reply("weakness_screen", "yes"),)
        with pytest.raises(SessionNotFoundError):
            store.load("0" * 20)
    with InterviewStore(postgres_url) as again:  # a second start migrates nothing
        assert again.load(sid).patient == session.patient
    engine = create_engine(postgres_url)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    engine.dispose()
