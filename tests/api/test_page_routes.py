"""What the web page relies on: deleting an interview (answers and audit rows), the display rules
and emergency number, the offline /docs page and the favicon."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import KB_DIR
from twitchcheck.api.app import create_app
from twitchcheck.api.settings import Settings

EMERGENCY = (
    "since yesterday both my legs went weak and numb below the chest, my legs twitch and I "
    "cannot pass urine"
)


def test_delete_removes_answers_and_audit_rows_then_404(client: TestClient) -> None:
    r = client.post("/v1/interviews", json={"age": 45, "sex": "male", "text": EMERGENCY})
    assert r.status_code == 201
    sid = r.json()["id"]
    assert r.json()["status"] == "done" and r.json()["stop_reason"] == "emergency"
    audit = client.app.state.audit  # type: ignore[attr-defined]
    assert any(row["interview_id"] == sid for row in audit.recent(1000))
    gone = client.delete(f"/v1/interviews/{sid}")
    assert gone.status_code == 204 and gone.content == b""
    assert client.get(f"/v1/interviews/{sid}").status_code == 404
    assert not any(row["interview_id"] == sid for row in audit.recent(1000))
    again = client.delete(f"/v1/interviews/{sid}")
    assert again.status_code == 404
    assert again.headers["content-type"].startswith("application/problem+json")
    assert client.delete("/v1/interviews/not-an-id").status_code == 404


def test_delete_an_open_interview_with_answers(client: TestClient) -> None:
    start = client.post("/v1/interviews", json={"age": 29, "sex": "male"}).json()
    q = start["next"]["question"]
    answer = "none" if q["kind"] == "checklist" else "no"
    if q["kind"] == "choice":
        answer = q["options"][0]["value"]
    r = client.post(
        f"/v1/interviews/{start['id']}/answers", json={"question": q["id"], "answer": answer}
    )
    assert r.status_code == 200
    assert client.delete(f"/v1/interviews/{start['id']}").status_code == 204
    assert client.get(f"/v1/interviews/{start['id']}").status_code == 404


def test_display_rules_and_the_operators_emergency_number(client: TestClient) -> None:
    d = client.get("/v1/display").json()
    assert 0 < d["cap"]["value"] < 1
    assert d["frequency"]["denominators"][0] == 100
    call = d["emergency_call"]
    assert call["default"] == "112" and call["countries"]["GB"] == "999"
    assert call["while_waiting"]
    with TestClient(
        create_app(Settings(kb_path=KB_DIR, emergency_number="000", country="GB"))
    ) as other:
        assert other.get("/v1/display").json()["emergency_call"]["number"] == "000"
    with TestClient(create_app(Settings(kb_path=KB_DIR, country="US"))) as us:
        assert us.get("/v1/display").json()["emergency_call"]["number"] == "911"


def test_docs_page_and_assets_are_local(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/docs/assets/swagger-ui-bundle.js" in page.text
    assert "<script>" not in page.text  # the CSP allows no inline script
    assert "http" not in page.text.replace('content="width', "")  # nothing from elsewhere
    js = client.get("/docs/assets/swagger-ui-bundle.js")
    assert js.status_code == 200 and len(js.content) > 100_000
    assert client.get("/docs/assets/swagger-ui.css").status_code == 200
    assert client.get("/docs/assets/index.html").status_code == 404
    assert client.get("/docs/assets/..%2F__init__.py").status_code == 404
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg")
    assert "DELETE" in str(client.get("/openapi.json").json()["paths"]).upper()
