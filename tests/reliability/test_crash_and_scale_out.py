"""Crash safety and scale-out with real servers and real databases.

- SIGKILL the server in the middle of an interview, start it again on the same database: every
  answer given before the kill is still there (SQLite in WAL mode, and PostgreSQL).
- Two server processes on one PostgreSQL serve the same interview alternately (stateless API
  workers: any worker can continue any interview).
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx

from tests.live_server import EXE, free_port

# A freshly started server builds its text reader on the first message: on a loaded two-core
# machine that can take longer than httpx's 5 s default, which is not what these tests measure.
TIMEOUT = 60.0


def start_server(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen(
        [str(EXE), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **env},
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=0.5).status_code == 200:
                return proc, base
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError("server did not start")
        time.sleep(0.1)


def stop(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    proc.send_signal(sig)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def answer_next(base: str, sid: str, data: dict[str, Any]) -> dict[str, Any]:
    q = data["next"]["question"]
    value = {"checklist": "none", "choice": "unknown"}.get(q["kind"], "no")
    r = httpx.post(
        f"{base}/v1/interviews/{sid}/answers",
        json={"question": q["id"], "answer": value},
        timeout=TIMEOUT,
    )
    assert r.status_code == 200, r.text
    result: dict[str, Any] = r.json()
    return result


def kill_mid_interview(env: dict[str, str]) -> None:
    proc, base = start_server(env)
    try:
        r = httpx.post(
            f"{base}/v1/interviews",
            json={"age": 44, "sex": "female", "text": "my eyelid twitches"},
            timeout=TIMEOUT,
        )
        data = r.json()
        sid = data["id"]
        for _ in range(3):
            data = answer_next(base, sid, data)
        given = data["answers"]
        assert len(given) == 3
    finally:
        stop(proc, signal.SIGKILL)  # no shutdown, no flush: as if the machine lost power
    proc2, base2 = start_server(env)
    try:
        again = httpx.get(f"{base2}/v1/interviews/{sid}", timeout=TIMEOUT).json()
        assert again["answers"] == given
        assert again["status"] == "open"
        continued = answer_next(base2, sid, again)
        assert continued["questions_asked"] == 4
    finally:
        stop(proc2)


def test_sigkill_loses_no_answer_sqlite_wal(tmp_path: Path) -> None:
    kill_mid_interview({"TWITCHCHECK_DATA_DIR": str(tmp_path)})
    import sqlite3

    db = next(tmp_path.glob("*.db"))
    mode = sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_sigkill_loses_no_answer_postgres(postgres_url: str) -> None:
    kill_mid_interview({"TWITCHCHECK_DATABASE_URL": postgres_url})


def test_two_workers_share_one_postgres(postgres_url: str) -> None:
    env = {"TWITCHCHECK_DATABASE_URL": postgres_url}
    one, base_one = start_server(env)
    two, base_two = start_server(env)
    try:
        data = httpx.post(
            f"{base_one}/v1/interviews", json={"age": 52, "sex": "male"}, timeout=TIMEOUT
        ).json()
        sid = data["id"]
        bases = [base_one, base_two]
        for i in range(6):
            data = answer_next(bases[i % 2], sid, data)
            if data["status"] == "done":
                break
        seen_one = httpx.get(f"{base_one}/v1/interviews/{sid}", timeout=TIMEOUT).json()
        seen_two = httpx.get(f"{base_two}/v1/interviews/{sid}", timeout=TIMEOUT).json()
        assert seen_one["answers"] == seen_two["answers"] == data["answers"]
        assert len(data["answers"]) >= 2
    finally:
        stop(one)
        stop(two)
