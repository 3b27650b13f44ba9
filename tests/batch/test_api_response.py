"""``POST /v1/assess`` writes its JSON straight from the batch scorer: the same bytes the response
model used to produce from ``assess(...).to_dict()``, and a body that validates against it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient

from tests.conftest import KB_DIR
from twitchcheck import Evidence, KnowledgeBase, Patient, assess
from twitchcheck.api.app import create_app
from twitchcheck.api.schemas import AssessRequest, AssessResponse
from twitchcheck.api.settings import Settings

from .test_equivalence import VIGNETTES


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(kb_path=KB_DIR))) as c:
        yield c


def validated_body(kb: KnowledgeBase, body: dict[str, Any]) -> bytes:
    """What FastAPI wrote before: the dict validated by the response model, then serialised."""
    req = AssessRequest.model_validate_json(json.dumps(body))
    patient = Patient(age=req.age, sex=req.sex)
    result = assess(kb, patient, [Evidence(e.id, e.state) for e in req.evidence]).to_dict()
    model = AssessResponse.model_validate(result)
    return JSONResponse(model.model_dump(mode="json", by_alias=True)).body


BODIES = [
    {},
    {"age": 34, "sex": "female", "evidence": [{"id": "HP:0001324", "state": "present"}]},
    {"age": 0.25, "evidence": [{"id": "infant_floppy", "state": "present"}]},
    {"age": 70, "evidence": [{"id": "cramps", "state": "unknown"}]},
] + [
    {
        "age": p.age,
        "sex": p.sex,
        "evidence": [{"id": e.id, "state": e.state} for e in ev],
    }
    for p, ev in VIGNETTES
]


@pytest.mark.parametrize("body", BODIES)
def test_assess_response_is_unchanged(client: TestClient, body: dict[str, Any]) -> None:
    response = client.post("/v1/assess", json=body)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    app: Any = client.app
    assert response.content == validated_body(app.state.kb, body)
    AssessResponse.model_validate_json(response.content)


def test_errors_are_still_problems(client: TestClient) -> None:
    response = client.post("/v1/assess", json={"evidence": [{"id": "nope", "state": "present"}]})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
