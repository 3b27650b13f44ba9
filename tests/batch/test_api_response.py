"""``POST /v1/assess`` writes its JSON straight from the batch scorer. ``?detail=full``: the same
bytes the response model used to produce from ``assess(...).to_dict()`` (today's content), and a
body that validates against it. The default, the summary shape: ``assess(...).to_summary()``,
validating against its own model. A bad ``detail`` is a 422 problem (issue 15, item 11)."""

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
from twitchcheck.api.schemas import AssessRequest, AssessResponse, AssessSummary
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
    dumped = model.model_dump(mode="json", by_alias=True)
    assert dumped.pop("hpo_terms") is None  # only there when HPO terms beyond the kb were read
    assert dumped.pop("annotations") is None  # only there when such terms met the annotations
    return JSONResponse(dumped).body


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
def test_assess_full_response_is_unchanged(client: TestClient, body: dict[str, Any]) -> None:
    response = client.post("/v1/assess", params={"detail": "full"}, json=body)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    app: Any = client.app
    assert response.content == validated_body(app.state.kb, body)
    AssessResponse.model_validate_json(response.content)


def test_errors_are_still_problems(client: TestClient) -> None:
    response = client.post("/v1/assess", json={"evidence": [{"id": "nope", "state": "present"}]})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def summary_of(kb: KnowledgeBase, body: dict[str, Any]) -> dict[str, Any]:
    req = AssessRequest.model_validate_json(json.dumps(body))
    patient = Patient(age=req.age, sex=req.sex)
    summary = assess(kb, patient, [Evidence(e.id, e.state) for e in req.evidence]).to_summary()
    decoded: dict[str, Any] = json.loads(json.dumps(summary))
    return decoded


@pytest.mark.parametrize("body", BODIES)
def test_assess_answers_the_summary_by_default(client: TestClient, body: dict[str, Any]) -> None:
    response = client.post("/v1/assess", json=body)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    app: Any = client.app
    assert response.json() == summary_of(app.state.kb, body)
    assert client.post("/v1/assess?detail=summary", json=body).content == response.content
    AssessSummary.model_validate_json(response.content)
    full = client.post("/v1/assess?detail=full", json=body).json()
    assert len(response.content) < len(json.dumps(full)) / 2  # the point of the summary


@pytest.mark.parametrize("detail", ["", "FULL", "everything", "full,summary", "x" * 500])
def test_a_bad_detail_is_a_422_problem_naming_the_parameter(
    client: TestClient, detail: str
) -> None:
    response = client.post("/v1/assess", params={"detail": detail}, json={"age": 30})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert [e["location"] for e in problem["errors"]] == ["query/detail"]
    assert detail not in response.text or not detail  # the value is never echoed


def test_openapi_names_both_shapes_and_the_detail_parameter(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    post = spec["paths"]["/v1/assess"]["post"]
    param = next(p for p in post["parameters"] if p["name"] == "detail")
    assert param["in"] == "query" and param["schema"]["default"] == "summary"
    assert set(param["schema"]["enum"]) == {"summary", "full"}
    schema = post["responses"]["200"]["content"]["application/json"]["schema"]
    refs = {x["$ref"].rsplit("/", 1)[-1] for x in schema["anyOf"]}
    assert refs == {"AssessSummary", "AssessResponse"}
