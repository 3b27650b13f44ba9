"""Answers and "back" requests of one interview are linearisable (issue 15, item 2).

A "back" sent at the same moment as an answer must never remove the answer that got 200 unless it
was ordered after it; parallel "back" requests remove exactly as many answers as got 200. Checked
with real servers over HTTP on SQLite (one server, several worker threads) and on PostgreSQL (two
servers on one database), and on the store itself with threads.

The invariant after each trial: the interview has ``n + answers acknowledged - backs acknowledged``
answers, and every refused request was a 409 (never a 500).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.reliability.test_crash_and_scale_out import start_server, stop
from twitchcheck.interview.session import Reply
from twitchcheck.store.interviews import InterviewStore

TRIALS_SQLITE = 20
TRIALS_POSTGRES = 12
PARALLEL_BACKS = 20
RACE_THREADS = "8"  # server worker threads: more than the racing requests of one trial


def _value(question: dict[str, Any]) -> str:
    return {"checklist": "none", "choice": "unknown"}.get(question["kind"], "no")


def _at_once(calls: list[Callable[[], httpx.Response]]) -> list[httpx.Response]:
    """Run the calls in threads released together; their responses in order."""
    barrier = threading.Barrier(len(calls))
    out: list[httpx.Response | None] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        out[i] = calls[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r is not None for r in out)
    return [r for r in out if r is not None]


def _started(base: str, answers: int) -> tuple[str, dict[str, Any]]:
    """A new interview with ``answers`` answers (an older person: the interview runs long)."""
    data = httpx.post(f"{base}/v1/interviews", json={"age": 61, "sex": "male"}).json()
    sid = data["id"]
    for _ in range(answers):
        q = data["next"]["question"]
        r = httpx.post(
            f"{base}/v1/interviews/{sid}/answers", json={"question": q["id"], "answer": _value(q)}
        )
        assert r.status_code == 200, r.text
        data = r.json()
    assert data["status"] == "open" and len(data["answers"]) == answers
    return sid, data


def _count(base: str, sid: str) -> int:
    return len(httpx.get(f"{base}/v1/interviews/{sid}").json()["answers"])


def _race_back_and_answer(bases: list[str], trials: int) -> None:
    for trial in range(trials):
        one, two = bases[trial % len(bases)], bases[(trial + 1) % len(bases)]
        sid, data = _started(one, 3)
        q = data["next"]["question"]
        answer = {"question": q["id"], "answer": _value(q)}
        got = _at_once(
            [
                partial(httpx.post, f"{one}/v1/interviews/{sid}/answers", json=answer),
                partial(httpx.post, f"{two}/v1/interviews/{sid}/back"),
            ]
        )
        statuses = [r.status_code for r in got]
        assert set(statuses) <= {200, 409}, [r.text for r in got]
        answered, backed = (statuses[0] == 200), (statuses[1] == 200)
        expected = 3 + answered - backed
        final = _count(one, sid)
        assert final == expected, (trial, statuses, final)


def _parallel_backs(base: str, *, with_number: bool) -> None:
    sid, _ = _started(base, 8)
    body = {"number": 8} if with_number else None
    got = _at_once(
        [
            partial(httpx.post, f"{base}/v1/interviews/{sid}/back", json=body)
            for _ in range(PARALLEL_BACKS)
        ]
    )
    statuses = [r.status_code for r in got]
    assert set(statuses) <= {200, 409}, statuses
    ok = statuses.count(200)
    assert _count(base, sid) == 8 - ok
    if with_number:  # every request named answer 8: exactly one may take it back
        assert ok == 1


def test_back_and_answer_race_sqlite(tmp_path: Path) -> None:
    proc, base = start_server(
        {"TWITCHCHECK_DATA_DIR": str(tmp_path), "TWITCHCHECK_WORKER_THREADS": RACE_THREADS}
    )
    try:
        _race_back_and_answer([base], TRIALS_SQLITE)
        _parallel_backs(base, with_number=False)
        _parallel_backs(base, with_number=True)
    finally:
        stop(proc)


def test_back_and_answer_race_postgres_two_servers(postgres_url: str) -> None:
    env = {"TWITCHCHECK_DATABASE_URL": postgres_url, "TWITCHCHECK_WORKER_THREADS": RACE_THREADS}
    one, base_one = start_server(env)
    two, base_two = start_server(env)
    try:
        _race_back_and_answer([base_one, base_two], TRIALS_POSTGRES)
        _parallel_backs(base_one, with_number=False)
        _parallel_backs(base_two, with_number=True)
    finally:
        stop(one)
        stop(two)


def _store_race(url: str) -> None:
    """Twenty threads take back answer 8 of one interview at once: one succeeds; then an answer
    and a "back" race: the store ends consistent with what each was told."""
    from twitchcheck.errors import InterviewError
    from twitchcheck.interview.session import Session

    with InterviewStore(url) as store:
        from twitchcheck.engine.evidence import Patient

        session = Session(
            patient=Patient(age=50, sex="female"),
            opening=(),
            replies=tuple(Reply(f"q{i}", "no") for i in range(8)),
            knowledge_version="test",
        )
        sid = store.create(session)
        results: list[bool] = []
        lock = threading.Lock()
        barrier = threading.Barrier(PARALLEL_BACKS)

        def take() -> None:
            barrier.wait()
            try:
                store.take_back(sid, 8)
                ok = True
            except InterviewError:
                ok = False
            with lock:
                results.append(ok)

        threads = [threading.Thread(target=take) for _ in range(PARALLEL_BACKS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert results.count(True) == 1
        assert len(store.load(sid).replies) == 7


def test_store_take_back_is_a_precondition_sqlite(tmp_path: Path) -> None:
    _store_race(f"sqlite:///{tmp_path / 'race.db'}")


def test_store_take_back_is_a_precondition_postgres(postgres_url: str) -> None:
    _store_race(postgres_url)


def test_store_refuses_a_stale_back(tmp_path: Path) -> None:
    """A "back" that saw 2 answers must not remove answer 3, which came after it."""
    from twitchcheck.errors import InterviewError

    with InterviewStore(f"sqlite:///{tmp_path / 'stale.db'}") as store:
        from twitchcheck.engine.evidence import Patient
        from twitchcheck.interview.session import Session

        sid = store.create(
            Session(
                patient=Patient(age=30, sex=None),
                opening=(),
                replies=(Reply("a", "no"), Reply("b", "no")),
                knowledge_version="test",
            )
        )
        store.add_reply(sid, 3, Reply("c", "yes"))
        with pytest.raises(InterviewError, match="cannot take back answer number 2"):
            store.take_back(sid, 2)
        assert [r.question for r in store.load(sid).replies] == ["a", "b", "c"]


SERVERS_AT_ONCE = 4


def test_servers_started_together_on_an_empty_postgres(postgres_url: str) -> None:
    """Four servers on one new, empty database: every one starts (the migration is taken in
    turns under an advisory lock) and they all serve the same interview."""
    from sqlalchemy import create_engine, text

    engine = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as c:
        c.execute(text("CREATE DATABASE racing_start"))
    engine.dispose()
    url = postgres_url.rsplit("/", 1)[0] + "/racing_start"
    env = {"TWITCHCHECK_DATABASE_URL": url}
    import subprocess

    from tests.live_server import EXE, free_port

    ports = [free_port() for _ in range(SERVERS_AT_ONCE)]
    procs = [
        subprocess.Popen(
            [str(EXE), "serve", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, **env},
        )
        for port in ports
    ]
    try:
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        for base, proc in zip(bases, procs, strict=True):
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/healthz", timeout=0.5).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if proc.poll() is not None:
                    err = proc.stderr.read().decode() if proc.stderr else ""
                    raise AssertionError(f"a server failed to start: {err[-500:]}")
                assert time.monotonic() < deadline, "a server did not start"
                time.sleep(0.1)
        sid = httpx.post(f"{bases[0]}/v1/interviews", json={"age": 40}).json()["id"]
        for base in bases:
            assert httpx.get(f"{base}/v1/interviews/{sid}").status_code == 200
    finally:
        for proc in procs:
            stop(proc)
            if proc.stderr:
                proc.stderr.close()
