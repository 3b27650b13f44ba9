"""Readiness and the audit trail while the database is down (issue 15, item 5): ``/healthz``
stays 200 (the process lives), ``/readyz`` says 503, and audit rows that cannot be written are
counted and reported, not lost silently. A real PostgreSQL cluster, stopped mid-test."""

from __future__ import annotations

import subprocess

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from tests.conftest import KB_DIR
from tests.pg import _as_postgres, pg_bin, throwaway_postgres
from twitchcheck.api.app import create_app
from twitchcheck.api.settings import Settings


def _stop_cluster(url: str) -> None:
    engine = create_engine(url)
    with engine.connect() as c:
        data = c.execute(text("SHOW data_directory")).scalar_one()
    engine.dispose()
    bindir = pg_bin()
    assert bindir is not None
    subprocess.run(
        _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
        check=True,
        capture_output=True,
    )


def test_database_down_readyz_503_and_lost_audit_rows_counted() -> None:
    if pg_bin() is None:
        pytest.skip("PostgreSQL server binaries are not installed")
    with throwaway_postgres() as url:
        app = create_app(Settings(kb_path=KB_DIR, database_url=url))
        with TestClient(app) as client:
            ready = client.get("/readyz")
            assert ready.status_code == 200
            assert ready.json() == {"status": "ready", "database": "ok", "audit_rows_lost": 0}
            _stop_cluster(url)
            assert client.get("/healthz").status_code == 200
            r = client.post("/v1/assess", json={"age": 30, "evidence": []})
            assert r.status_code == 200  # the answer does not wait for the audit trail
            app.state.audit.flush()
            down = client.get("/readyz")
            assert down.status_code == 503
            body = down.json()
            assert body["status"] == "not_ready" and body["database"] == "unavailable"
            assert body["audit_rows_lost"] == 1
