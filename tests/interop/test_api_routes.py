"""The FHIR and Phenopacket routes of the HTTP API: content types, results, problems with paths."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.conftest import KB_DIR
from tests.interop.helpers import FHIR_GOLDEN, PHENOPACKET_GOLDEN, fhir_valid, load
from twitchcheck import KnowledgeBase
from twitchcheck.api.app import create_app
from twitchcheck.api.settings import Settings

FHIR_JSON = "application/fhir+json"
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(kb_path=KB_DIR))) as c:
        yield c


def test_questionnaire(client: TestClient, kb: KnowledgeBase) -> None:
    r = client.get("/v1/fhir/questionnaire")
    assert r.status_code == 200 and r.headers["content-type"] == FHIR_JSON
    q = r.json()
    fhir_valid(q)
    assert q["version"] == kb.version


@pytest.mark.parametrize("content_type", ["application/json", FHIR_JSON])
def test_questionnaire_response_to_bundle(client: TestClient, content_type: str) -> None:
    body = json.dumps(load(FHIR_GOLDEN / "qr_eyelid_young_woman.json"))
    r = client.post("/v1/fhir/assess", content=body, headers={"content-type": content_type})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == FHIR_JSON
    bundle = r.json()
    fhir_valid(bundle)
    risk = bundle["entry"][0]["resource"]
    assert risk["resourceType"] == "RiskAssessment"
    assert risk["subject"] == {"reference": "Patient/example-eyelid"}
    assert risk["prediction"][0]["outcome"]["coding"][0]["code"] == "eyelid_myokymia"


def test_invalid_questionnaire_response(client: TestClient) -> None:
    r = client.post("/v1/fhir/assess", json=load(FHIR_GOLDEN / "invalid" / "bad_status.json"))
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert r.json()["detail"].startswith("QuestionnaireResponse $.status:")


def test_phenopacket(client: TestClient, kb: KnowledgeBase) -> None:
    r = client.post("/v1/phenopacket", json=load(PHENOPACKET_GOLDEN / "als_bulbar_onset.json"))
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["conditions"][0]["id"] == "als"
    assert {"id": "tongue_wasting", "state": "present", "from": "record"} in data["evidence"]
    record = data["record"]
    assert record["format"] == "phenopacket-v2" and record["hpo_version"]
    assert record["unmapped"] and all(u["reason"] for u in record["unmapped"])
    assert len(data["conditions"]) == len(kb.conditions)


def test_invalid_phenopacket(client: TestClient) -> None:
    bad = load(PHENOPACKET_GOLDEN / "invalid" / "unknown_field.json")
    r = client.post("/v1/phenopacket", json=bad)
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert r.json()["detail"] == "phenopacket $.phenotypicFeatures[0].typ: unknown field"


def test_body_must_be_an_object(client: TestClient) -> None:
    r = client.post("/v1/phenopacket", json=[1, 2])
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM


def test_routes_are_in_the_openapi(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/v1/fhir/questionnaire", "/v1/fhir/assess", "/v1/phenopacket", "/cds-services",
                 "/cds-services/{service_id}"):  # fmt: skip
        assert path in paths
