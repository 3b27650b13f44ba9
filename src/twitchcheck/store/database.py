"""Where the store lives and how to connect: the URL, the SQLite pragmas, migrations on start.

- ``TWITCHCHECK_DATABASE_URL`` (any SQLAlchemy URL, e.g. ``postgresql+psycopg://...``) wins;
- otherwise a SQLite file ``twitchcheck.db`` in the data directory: ``TWITCHCHECK_DATA_DIR`` when
  set, else the platform's user data directory (``$XDG_DATA_HOME/twitchcheck`` or
  ``~/.local/share/twitchcheck`` on Linux, ``~/Library/Application Support/twitchcheck`` on macOS,
  ``%LOCALAPPDATA%\\twitchcheck`` on Windows). The folder is created readable by its owner only.

SQLite runs in WAL mode with ``synchronous=FULL``: a committed answer survives the process being
killed and the machine losing power, and readers never block the writer.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from twitchcheck.errors import StoreError
from twitchcheck.jsonout import dumps

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The PostgreSQL advisory lock every server takes while it migrates (any 64-bit number that no
# other application on the database uses; this one is "twitchck" in ASCII).
MIGRATION_LOCK_KEY = 0x7477697463686B
DB_FILE = "twitchcheck.db"


def data_dir() -> Path:
    """The folder for the default SQLite store (``TWITCHCHECK_DATA_DIR`` overrides it)."""
    env = os.environ.get("TWITCHCHECK_DATA_DIR")
    if env:
        return Path(env).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / "twitchcheck"


def database_url() -> str:
    """``TWITCHCHECK_DATABASE_URL``, or the SQLite file in :func:`data_dir`."""
    env = os.environ.get("TWITCHCHECK_DATABASE_URL")
    if env:
        return env
    return f"sqlite:///{data_dir() / DB_FILE}"


def shown(url: str) -> str:
    """The URL as it may appear in a message: never a password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(unparseable database URL)"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
    finally:
        cursor.close()


def _prepare_sqlite_file(path: Path) -> None:
    """Create the folder (owner only) and the file (owner read/write) before SQLite opens it."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)


def connect(url: str) -> Engine:
    """An engine for ``url``, with the SQLite pragmas when it is SQLite.

    Raises:
        StoreError: the URL is malformed, names a driver that is not installed, or the SQLite
            folder cannot be created.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"cannot use database URL {shown(url)}") from None
    try:
        if parsed.get_backend_name() == "sqlite":
            if not parsed.database or parsed.database == ":memory:":
                raise StoreError(
                    "the interview store needs a SQLite file, not an in-memory database"
                )
            _prepare_sqlite_file(Path(parsed.database))
            engine = create_engine(parsed, json_serializer=_json_text)
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return create_engine(parsed, pool_pre_ping=True, json_serializer=_json_text)
    except OSError as exc:
        raise StoreError(
            f"cannot create the interview store at {shown(url)} ({exc.strerror})"
        ) from None
    except (SQLAlchemyError, ImportError) as exc:
        raise StoreError(f"cannot open {shown(url)} ({type(exc).__name__})") from None


def _json_text(value: Any) -> str:
    """JSON columns (the audit trail's evidence and causes) written by orjson: the standard
    library's encoder was a third of the cost of an audit row."""
    return dumps(value).decode()


def migrate(engine: Engine) -> None:
    """Bring the schema up to the newest Alembic revision (``migrations/versions``).

    On PostgreSQL the migration holds an advisory lock (``MIGRATION_LOCK_KEY``), so any number of
    servers may start at once on an empty database.

    Raises:
        StoreError: the database cannot be reached or migrated (the message names the error
            class, never stored data).
    """
    # Alembic is imported here, not at module level: only opening a store needs it.
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # Servers started together on an empty database would each create the tables;
                # the lock makes them take turns: the first migrates, the others then find the
                # schema at head. Released when this transaction ends (DDL is transactional).
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
                )
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot open or migrate the interview store at {shown(str(engine.url))} "
            f"({type(exc).__name__}); is it a twitchcheck database?"
        ) from None
