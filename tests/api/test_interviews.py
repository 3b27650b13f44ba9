"""Interviews over HTTP: start with text, answer to the end, go back, errors; every answer is
committed (a second app on the same database sees it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import KB_DIR
from twitchcheck.api.app import create_app
from twitchcheck.api.settings import Settings


def _answer_for(question: dict[str, Any]) -> str:
    return {"checklist": "none", "choice": "unknown"}.get(question["kind"], "no")


def test_start_answer_to_the_end_and_back(client: TestClient) -> None:
    r = client.post(
        "/v1/interviews",
        json={"age": 29, "sex": "male", "text": "calves twitching for months, strength is fine"},
    )
    assert r.status_code == 201, r.text
    data = r.json()
    sid = data["id"]
    assert data["status"] == "open" and data["questions_asked"] == 0
    assert {m["finding"] for m in data["understood"]} >= {"twitch_legs", "weakness"}
    assert {"id": "weakness", "state": "absent", "from": "text"} in data["opening"]
    assert data["next"]["rationale"]["text"]
    for _ in range(40):
        q = data["next"]["question"]
        r = client.post(
            f"/v1/interviews/{sid}/answers", json={"question": q["id"], "answer": _answer_for(q)}
        )
        assert r.status_code == 200, r.text
        data = r.json()
        if data["status"] == "done":
            break
    assert data["status"] == "done"
    assert data["result"]["triage"]["level"] in {"routine", "self_care"}
    assert data["questions_asked"] == len(data["answers"]) <= 20
    audit = client.app.state.audit.recent()  # type: ignore[attr-defined]
    assert audit[0]["interview_id"] == sid and audit[0]["route"] == "/v1/interviews"
    assert audit[0]["triage"] == data["result"]["triage"]["level"]
    got = client.get(f"/v1/interviews/{sid}").json()
    assert got["status"] == "done" and got["answers"] == data["answers"]
    back = client.post(f"/v1/interviews/{sid}/back").json()
    assert back["status"] == "open"
    assert back["questions_asked"] == data["questions_asked"] - 1


def test_interview_errors_are_problems(client: TestClient) -> None:
    missing = client.get("/v1/interviews/0123456789abcdef0123")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert client.get("/v1/interviews/not-an-id").status_code == 404
    sid = client.post("/v1/interviews", json={"age": 40}).json()["id"]
    wrong = client.post(f"/v1/interviews/{sid}/answers", json={"question": "nope", "answer": "yes"})
    assert wrong.status_code == 409 and "being asked" in wrong.json()["detail"]
    q = client.get(f"/v1/interviews/{sid}").json()["next"]["question"]
    bad = client.post(
        f"/v1/interviews/{sid}/answers", json={"question": q["id"], "answer": "maybe"}
    )
    assert bad.status_code == 409 and "not an answer" in bad.json()["detail"]
    assert client.post(f"/v1/interviews/{sid}/back").status_code == 409
    assert client.post("/v1/interviews", json={"age": 200}).status_code == 422
    assert client.post("/v1/interviews", json={"text": "🙂🙂🙂"}).status_code == 422
    # A blank description is a skipped field, not an error.
    assert client.post("/v1/interviews", json={"age": 30, "text": ""}).status_code == 201


def test_answers_are_committed_for_any_worker(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    one = TestClient(create_app(Settings(kb_path=KB_DIR, database_url=url)))
    two = TestClient(create_app(Settings(kb_path=KB_DIR, database_url=url)))
    data = one.post("/v1/interviews", json={"age": 35, "sex": "female"}).json()
    q = data["next"]["question"]
    one.post(
        f"/v1/interviews/{data['id']}/answers", json={"question": q["id"], "answer": _answer_for(q)}
    )
    seen = two.get(f"/v1/interviews/{data['id']}").json()
    assert seen["questions_asked"] == 1
    assert seen["answers"][0]["question"] == q["id"]


def test_the_answer_number_is_a_precondition(client: TestClient) -> None:
    """``number`` names the answer a request expects to add or take back: a stale one is 409
    and changes nothing (issue 15, item 2)."""
    data = client.post("/v1/interviews", json={"age": 61, "sex": "male"}).json()
    sid = data["id"]
    q = data["next"]["question"]
    body = {"question": q["id"], "answer": _answer_for(q)}
    stale = client.post(f"/v1/interviews/{sid}/answers", json={**body, "number": 2})
    assert stale.status_code == 409
    assert stale.headers["content-type"].startswith("application/problem+json")
    first = client.post(f"/v1/interviews/{sid}/answers", json={**body, "number": 1})
    assert first.status_code == 200 and first.json()["questions_asked"] == 1
    again = client.post(f"/v1/interviews/{sid}/answers", json={**body, "number": 1})
    assert again.status_code == 409
    assert client.post(f"/v1/interviews/{sid}/back", json={"number": 2}).status_code == 409
    back = client.post(f"/v1/interviews/{sid}/back", json={"number": 1})
    assert back.status_code == 200 and back.json()["questions_asked"] == 0
    assert client.post(f"/v1/interviews/{sid}/back", json={"number": 1}).status_code == 409
    assert client.post(f"/v1/interviews/{sid}/back").status_code == 409  # nothing to take back
    bad = client.post(f"/v1/interviews/{sid}/back", json={"number": 0})
    assert bad.status_code == 422
