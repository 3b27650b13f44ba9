"""The interview store on real SQLite files: WAL, migrations, answers, errors."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from twitchcheck import Evidence, KnowledgeBase
from twitchcheck.errors import InterviewError, SessionNotFoundError, StoreError
from twitchcheck.interview import Reply, start
from twitchcheck.store.database import data_dir, database_url
from twitchcheck.store.interviews import InterviewStore


@pytest.fixture
def store(tmp_path: Path) -> InterviewStore:
    s = InterviewStore(f"sqlite:///{tmp_path / 'store.db'}")
    yield s  # type: ignore[misc]
    s.close()


def test_default_location_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TWITCHCHECK_DATABASE_URL", raising=False)
    monkeypatch.setenv("TWITCHCHECK_DATA_DIR", str(tmp_path / "d"))
    assert data_dir() == tmp_path / "d"
    assert database_url() == f"sqlite:///{tmp_path / 'd' / 'twitchcheck.db'}"
    with InterviewStore():
        pass
    db = tmp_path / "d" / "twitchcheck.db"
    assert stat.S_IMODE(db.stat().st_mode) == 0o600  # health data: owner only
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    monkeypatch.setenv("TWITCHCHECK_DATABASE_URL", "postgresql+psycopg://u:secret@db/x")
    assert database_url().startswith("postgresql")


def test_sqlite_runs_in_wal_mode_and_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    with InterviewStore(f"sqlite:///{path}"):
        pass
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == _head()
    finally:
        con.close()
    with InterviewStore(f"sqlite:///{path}"):  # opening again migrates nothing and works
        pass


def _head() -> str:
    from alembic.script import ScriptDirectory

    from twitchcheck.store.database import MIGRATIONS

    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert head is not None
    return head


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from twitchcheck.store.models import Base

    path = tmp_path / "store.db"
    InterviewStore(f"sqlite:///{path}").close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def test_create_load_answer_back_finish(store: InterviewStore, kb: KnowledgeBase) -> None:
    session = start(kb, age=0.5, sex="female")
    session = type(session)(
        session.patient, (Evidence("twitch_tongue", "present", "text"),), (), kb.version
    )
    sid = store.create(session)
    assert len(sid) == 20
    assert store.load(sid) == session
    store.add_reply(sid, 1, Reply("infant_screen", "yes"))
    store.add_reply(sid, 2, Reply("infant_screen.which", "infant_floppy"))
    assert store.load(sid).replies == (
        Reply("infant_screen", "yes"), Reply("infant_screen.which", "infant_floppy"),
    )  # fmt: skip
    store.finish(sid)
    assert store.status(sid) == "done"
    store.remove_replies(sid, keep=1)  # back: reopens
    assert store.status(sid) == "open"
    assert store.load(sid).replies == (Reply("infant_screen", "yes"),)


def test_two_writers_cannot_both_store_the_same_answer(
    store: InterviewStore, kb: KnowledgeBase
) -> None:
    sid = store.create(start(kb, age=30))
    store.add_reply(sid, 1, Reply("duration", "duration_days"))
    with pytest.raises(InterviewError, match="cannot store answer number 1"):
        store.add_reply(sid, 1, Reply("duration", "duration_weeks"))
    with pytest.raises(InterviewError, match="cannot store answer number 3"):
        store.add_reply(sid, 3, Reply("duration", "duration_weeks"))


def test_missing_and_malformed_ids(store: InterviewStore) -> None:
    for bad in ("0" * 20, "x", "'; drop table interviews; --", "a" * 500):
        with pytest.raises(SessionNotFoundError, match="no interview with id"):
            store.load(bad)


def test_a_damaged_database_file_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open or migrate"):
        InterviewStore(f"sqlite:///{path}")


def test_a_damaged_row_is_a_store_error(tmp_path: Path, kb: KnowledgeBase) -> None:
    path = tmp_path / "store.db"
    with InterviewStore(f"sqlite:///{path}") as store:
        sid = store.create(start(kb, age=30))
    con = sqlite3.connect(path)
    con.execute("UPDATE interviews SET sex = 'unknown-sex' WHERE id = ?", (sid,))
    con.commit()
    con.close()
    with InterviewStore(f"sqlite:///{path}") as store, pytest.raises(StoreError, match="damaged"):
        store.load(sid)


def test_bad_urls_and_folders_are_store_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        InterviewStore("not a url at all")
    with pytest.raises(StoreError, match="SQLite file"):
        InterviewStore("sqlite://")
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(StoreError, match="cannot create"):
        InterviewStore(f"sqlite:///{blocker / 'sub' / 'x.db'}")
    with pytest.raises(StoreError):
        InterviewStore("postgresql+nosuchdriver://u:pw@localhost/db")
    assert "pw" not in str(_error(lambda: InterviewStore("postgresql+nosuchdriver://u:pw@h/db")))


def _error(fn: object) -> Exception:
    try:
        fn()  # type: ignore[operator]
    except Exception as exc:
        return exc
    raise AssertionError("no error")


def test_the_opening_text_itself_is_never_stored(tmp_path: Path, kb: KnowledgeBase) -> None:
    secret = "my husband says I twitch at night"
    path = tmp_path / "store.db"
    with InterviewStore(f"sqlite:///{path}") as store:
        store.create(start(kb, age=44, sex="female", text=secret))
    for f in tmp_path.iterdir():
        assert secret.encode() not in f.read_bytes()
    assert os.path.getsize(path) > 0
