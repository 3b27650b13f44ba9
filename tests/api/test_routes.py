"""The HTTP contract: every /v1 route, problem responses, limits, headers, API keys, CORS."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import KB_DIR
from twitchcheck import KnowledgeBase
from twitchcheck.api.app import create_app
from twitchcheck.api.problems import project_problem
from twitchcheck.api.settings import Settings
from twitchcheck.errors import (
    InteropError,
    InterviewError,
    InvalidValueError,
    KnowledgeError,
    SessionNotFoundError,
    StoreError,
    TwitchcheckError,
)

PROBLEM = "application/problem+json"


def test_assess_full_returns_the_cli_contract(client: TestClient, kb: KnowledgeBase) -> None:
    body = {"age": 58, "sex": "male", "evidence": [{"id": "weakness", "state": "present"}]}
    r = client.post("/v1/assess?detail=full", json=body)
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["triage"]["level"] == "urgent"
    assert data["triage"]["reasons"][0]["finding"] == "weakness"
    assert [c["probability"] for c in data["conditions"]] == sorted(
        (c["probability"] for c in data["conditions"]), reverse=True
    )
    assert len(data["conditions"]) == len(kb.conditions)
    assert data["evidence"] == [{"id": "weakness", "state": "present", "from": "structured"}]
    assert "for" in data["conditions"][0]
    assert data["knowledge_version"] == kb.version


def test_assess_accepts_codes_and_unknown(client: TestClient, kb: KnowledgeBase) -> None:
    code = next(c for c in kb.codes if c.startswith("HP:"))
    r = client.post(
        "/v1/assess",
        json={"evidence": [{"id": code, "state": "present"}, {"id": "pain", "state": "unknown"}]},
    )
    assert r.status_code == 200
    assert {"id": kb.codes[code], "state": "present", "from": "structured"} in r.json()["evidence"]


def test_explain(client: TestClient) -> None:
    r = client.post(
        "/v1/explain",
        json={"condition": "als", "age": 29, "evidence": [{"id": "weakness", "state": "absent"}]},
    )
    assert r.status_code == 200
    term = r.json()["terms"][0]
    assert term["finding"] == "weakness" and term["direction"] == "against"


def test_catalogues_and_version(client: TestClient, kb: KnowledgeBase) -> None:
    assert len(client.get("/v1/conditions").json()) == len(kb.conditions)
    findings = client.get("/v1/findings").json()
    assert {f["id"] for f in findings} == set(kb.findings)
    version = client.get("/v1/version").json()
    assert version["knowledge_version"] == kb.version
    assert client.get("/healthz").json() == {"status": "ok"}


@pytest.mark.parametrize(
    ("body", "status", "fragment"),
    [
        ({"evidence": [{"id": "nope", "state": "present"}]}, 422, "unknown finding: 'nope'"),
        (
            {"evidence": [{"id": "pain", "state": "present"}, {"id": "pain", "state": "absent"}]},
            422,
            "both present and absent",
        ),
        (
            {
                "evidence": [
                    {"id": "foot_drop", "state": "present"},
                    {"id": "weakness", "state": "absent"},
                ]
            },
            422,
            "'foot_drop' (A foot slaps or drags) is a kind of 'weakness'",
        ),
        ({"age": -1}, 422, "age"),
        ({"age": 121}, 422, "age"),
        ({"age": "forty"}, 422, "age"),
        ({"sex": "other"}, 422, "sex"),
        ({"evidence": [{"id": "pain", "state": "maybe"}]}, 422, "state"),
        ({"evidence": [{"id": "pain", "state": "present", "extra": 1}]}, 422, "extra"),
        ({"evidence": "pain"}, 422, "evidence"),
        ({"age": True}, 422, "age"),
    ],
)
def test_bad_input_is_a_problem_response(
    client: TestClient, body: dict[str, object], status: int, fragment: str
) -> None:
    r = client.post("/v1/assess", json=body)
    assert r.status_code == status
    assert r.headers["content-type"].startswith(PROBLEM)
    problem = r.json()
    assert problem["status"] == status and problem["title"] and fragment in json.dumps(problem)


def test_malformed_json_is_400(client: TestClient) -> None:
    r = client.post(
        "/v1/assess", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 400
    assert r.headers["content-type"].startswith(PROBLEM)


def test_unknown_condition_in_explain_is_422(client: TestClient) -> None:
    r = client.post("/v1/explain", json={"condition": "nope"})
    assert r.status_code == 422 and "unknown condition" in r.json()["detail"]


def test_unknown_route_and_method(client: TestClient) -> None:
    assert client.get("/v1/nothing").status_code == 404
    r = client.get("/v1/assess")
    assert r.status_code == 405 and r.headers["content-type"].startswith(PROBLEM)


def test_huge_body_is_413(client: TestClient) -> None:
    big = {"text": "x" * 70_000}
    r = client.post("/v1/assess", json=big)
    assert r.status_code == 413
    assert r.headers["content-type"].startswith(PROBLEM)


def test_too_many_evidence_items_is_422(client: TestClient) -> None:
    items = [{"id": "pain", "state": "unknown"}] * 201
    assert client.post("/v1/assess", json={"evidence": items}).status_code == 422


def test_security_headers_and_request_id(client: TestClient) -> None:
    r = client.get("/healthz")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert len(r.headers["x-request-id"]) == 32
    assert "access-control-allow-origin" not in r.headers


def test_cors_is_closed_by_default_and_opens_for_listed_origins(client: TestClient) -> None:
    pre = {"origin": "https://evil.example", "access-control-request-method": "POST"}
    assert "access-control-allow-origin" not in client.options("/v1/assess", headers=pre).headers
    app = create_app(Settings(kb_path=KB_DIR, cors_origins=("https://app.example",)))
    with TestClient(app) as c:
        ok = {"origin": "https://app.example", "access-control-request-method": "POST"}
        r = c.options("/v1/assess", headers=ok)
        assert r.headers["access-control-allow-origin"] == "https://app.example"


def test_api_keys_are_checked_against_hashes() -> None:
    key = "s3cret-key"
    digest = hashlib.sha256(key.encode()).hexdigest()
    app = create_app(Settings(kb_path=KB_DIR, api_key_hashes=frozenset({digest})))
    with TestClient(app) as c:
        assert c.post("/v1/assess", json={}).status_code == 401
        assert c.post("/v1/assess", json={}, headers={"X-API-Key": "wrong"}).status_code == 401
        assert c.post("/v1/assess", json={}, headers={"X-API-Key": key}).status_code == 200
        assert c.get("/healthz").status_code == 200


def test_settings_refuse_bad_values() -> None:
    with pytest.raises(InvalidValueError):
        Settings.from_env({"TWITCHCHECK_API_KEY_HASHES": "plain-key"})
    with pytest.raises(InvalidValueError):
        Settings.from_env({"TWITCHCHECK_CORS_ORIGINS": "*"})
    with pytest.raises(InvalidValueError):
        Settings.from_env({"TWITCHCHECK_MAX_BODY_BYTES": "lots"})
    assert Settings.from_env({}).max_body_bytes == 65536


def test_logs_never_contain_evidence_or_text(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "my-secret-symptom-description"
    with caplog.at_level(logging.DEBUG):
        client.post(
            "/v1/assess",
            json={"age": 41, "evidence": [{"id": "hiv", "state": "present"}], "text": secret},
        )
        client.post("/v1/assess", json={"evidence": [{"id": secret, "state": "present"}]})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert secret not in logged
    assert "hiv" not in logged
    ours = [json.loads(r.getMessage()) for r in caplog.records if r.name == "twitchcheck.api"]
    assert [r["route"] for r in ours] == ["/v1/assess", "/v1/assess"]
    for record in ours:
        assert set(record) == {"event", "request_id", "method", "route", "status", "ms"}


def test_openapi_documents_routes_examples_and_problems(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/v1/assess", "/v1/explain", "/v1/conditions", "/v1/findings", "/v1/version"):
        assert path in spec["paths"]
    assess = spec["paths"]["/v1/assess"]["post"]
    assert "application/problem+json" in assess["responses"]["422"]["content"]
    schema = spec["components"]["schemas"]["AssessRequest"]
    assert schema.get("examples")


def test_parse_returns_findings_with_spans_and_context(client: TestClient) -> None:
    text = "my calves twitch a lot but I have no weakness, my uncle had ALS"
    r = client.post("/v1/parse", json={"text": text})
    assert r.status_code == 200, r.text
    data = r.json()
    states = {e["id"]: e["state"] for e in data["evidence"]}
    assert states["twitch_legs"] == "present"
    assert states["weakness"] == "absent"
    weak = next(m for m in data["mentions"] if m["id"] == "weakness")
    start, end = weak["span"]
    assert text[start:end] == weak["phrase"]
    assert weak["context"]["negated"] is True
    assert any(m["context"]["family"] for m in data["mentions"])


@pytest.mark.parametrize("body", [{"text": ""}, {"text": "🙂🙂🙂"}, {"text": "x" * 10_001}, {}])
def test_parse_refuses_bad_text(client: TestClient, body: dict[str, object]) -> None:
    r = client.post("/v1/parse", json=body)
    assert r.status_code in {413, 422}
    assert r.headers["content-type"].startswith(PROBLEM)


def test_assess_reads_text_and_explicit_evidence_wins(client: TestClient) -> None:
    r = client.post(
        "/v1/assess",
        json={
            "age": 30,
            "text": "my eyelid has been twitching for three days, I drink a lot of coffee",
            "evidence": [{"id": "trigger_caffeine", "state": "absent"}],
        },
    )
    assert r.status_code == 200, r.text
    evidence = {e["id"]: (e["state"], e["from"]) for e in r.json()["evidence"]}
    assert evidence["twitch_eyelid"] == ("present", "text")
    assert evidence["trigger_caffeine"] == ("absent", "structured")


def test_every_assessment_leaves_an_audit_record_without_text(tmp_path: Path) -> None:
    from twitchcheck.store.audit import AuditTrail

    url = f"sqlite:///{tmp_path / 'audit.db'}"
    app = create_app(Settings(kb_path=KB_DIR, database_url=url))
    with TestClient(app) as c:
        c.post(
            "/v1/assess",
            json={
                "age": 61,
                "text": "my hands are weak",
                "evidence": [{"id": "pain", "state": "absent"}],
            },
        )
    audit: AuditTrail = app.state.audit
    record = audit.recent()[0]
    assert record["route"] == "/v1/assess"
    assert record["triage"] == "urgent"
    assert {"id": "pain", "state": "absent", "from": "structured"} in record["evidence"]
    assert record["text"] is None
    assert record["knowledge_version"].startswith("kb-") and record["engine_version"]
    assert len(record["top"]) == 3


def test_an_assessment_is_answered_only_after_its_audit_record_is_committed(
    tmp_path: Path,
) -> None:
    """Issue 15, item 11: audit rows are committed in groups, but before the answer goes out —
    a crash right after a response never loses its record. Read back through a second
    connection, without flushing the trail."""
    import sqlite3

    db = tmp_path / "audit.db"
    app = create_app(Settings(kb_path=KB_DIR, database_url=f"sqlite:///{db}"))
    with TestClient(app) as c:
        for n in range(1, 6):
            assert c.post("/v1/assess", json={"age": 30 + n}).status_code == 200
            with sqlite3.connect(db) as other:
                (count,) = other.execute("select count(*) from audit").fetchone()
            assert count == n


def test_free_text_is_stored_only_when_enabled(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'audit.db'}"
    app = create_app(Settings(kb_path=KB_DIR, database_url=url, store_text=True))
    with TestClient(app) as c:
        c.post("/v1/assess", json={"text": "my calves twitch"})
    assert app.state.audit.recent()[0]["text"] == "my calves twitch"


@pytest.mark.parametrize(
    ("exc", "status", "kind", "shows_message"),
    [
        (SessionNotFoundError("0123456789abcdef0123"), 404, "interview-not-found", False),
        (InterviewError("not the question being asked"), 409, "interview-conflict", True),
        (
            InteropError("phenopacket", "$.subject.sex", "expected one of"),
            422,
            "invalid-input",
            True,
        ),
        (StoreError("cannot open sqlite:////secret/path.db"), 503, "store", False),
        (KnowledgeError(["kb/x.yaml: broken"]), 503, "knowledge", False),
    ],
)
def test_project_errors_map_by_their_most_specific_class(
    exc: TwitchcheckError, status: int, kind: str, shows_message: bool
) -> None:
    got_status, got_kind, fixed = project_problem(exc)
    assert (got_status, got_kind) == (status, kind)
    # Messages that could name a path or URL are replaced by a fixed text.
    assert (fixed is None) == shows_message
