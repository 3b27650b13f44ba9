"""CDS Hooks 2.0 through the HTTP API: discovery, patient-view cards, prefetch and fhirServer.

Request and response shapes follow the examples of the CDS Hooks specification
(https://cds-hooks.hl7.org/2.0/, "Discovery Example", "Calling a CDS Service", "Example" response);
the FHIR-server path is exercised against a stub server on 127.0.0.1.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import KB_DIR
from tests.interop.fhir_stub import StubData, fhir_stub
from tests.interop.helpers import FHIR_GOLDEN, fhir_valid, load
from twitchcheck import KnowledgeBase
from twitchcheck.api.app import create_app
from twitchcheck.api.interop_settings import InteropSettings
from twitchcheck.api.settings import Settings
from twitchcheck.interop import terminology as t
from twitchcheck.interop.cds_hooks import MAX_SUMMARY, CdsResponse, Discovery

URL = "/cds-services/twitchcheck-patient-view"
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def app_client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(kb_path=KB_DIR))) as c:
        yield c


@contextmanager
def allowing(client: TestClient, server: str) -> Iterator[TestClient]:
    """The same app, allowed to fetch from ``server`` while the block runs."""
    state = client.app.state  # type: ignore[attr-defined]
    before = state.interop
    state.interop = InteropSettings(fhir_servers=(server,), fetch_timeout=5)
    try:
        yield client
    finally:
        state.interop = before


def request_body() -> dict[str, Any]:
    return copy.deepcopy(load(FHIR_GOLDEN / "cds_patient_view_request.json"))


def observation(code: dict[str, str], present: bool = True) -> dict[str, Any]:
    value = t.PRESENT if present else t.ABSENT
    return {
        "resourceType": "Observation",
        "status": "final",
        "subject": {"reference": "Patient/1288992"},
        "code": {"coding": [code]},
        "valueCodeableConcept": {"coding": [value]},
    }


def finding_code(fid: str) -> dict[str, str]:
    return {"system": t.FINDING_SYSTEM, "code": fid}


def with_findings(present: list[str], absent: tuple[str, ...] = ()) -> dict[str, Any]:
    body = request_body()
    body["prefetch"]["conditions"] = None  # "no data" is null in CDS Hooks
    body["prefetch"]["observations"] = {
        "resourceType": "Bundle",
        "type": "searchset",
        "entry": [{"resource": observation(finding_code(f))} for f in present]
        + [{"resource": observation(finding_code(f), present=False)} for f in absent],
    }
    return body


def assert_spec_json(value: Any, path: str = "$") -> None:
    """The specification: no null and no empty string, array or object (except ``cards``)."""
    assert value is not None, path
    if isinstance(value, dict):
        assert value, path
        for k, v in value.items():
            if k == "cards" and v == []:
                continue
            assert_spec_json(v, f"{path}.{k}")
    elif isinstance(value, list):
        assert value, path
        for i, v in enumerate(value):
            assert_spec_json(v, f"{path}[{i}]")
    elif isinstance(value, str):
        assert value.strip(), path


# -- discovery ----------------------------------------------------------------------------------


def test_discovery(app_client: TestClient) -> None:
    r = app_client.get("/cds-services")
    assert r.status_code == 200
    data = r.json()
    assert_spec_json(data)
    (service,) = data["services"]
    assert service["hook"] == "patient-view" and service["id"] == "twitchcheck-patient-view"
    assert service["description"] and service["title"]
    assert service["prefetch"]["patient"] == "Patient/{{context.patientId}}"


def test_the_specifications_discovery_example_fits_our_model() -> None:
    example = {
        "services": [
            {
                "hook": "patient-view",
                "title": "Static CDS Service Example",
                "description": "An example of a CDS Service that returns a static set of cards",
                "id": "static-patient-greeter",
                "prefetch": {"patientToGreet": "Patient/{{context.patientId}}"},
            }
        ]
    }
    assert Discovery.model_validate(example).model_dump(exclude_none=True) == example


def test_the_specifications_response_shapes_fit_our_model() -> None:
    example = {
        "cards": [
            {
                "uuid": "4e0a3a1e-3283-4575-ab82-028d55fe2719",
                "summary": "Example card",
                "indicator": "info",
                "detail": "An example card.",
                "source": {"label": "Example service", "url": "https://example.com"},
                "links": [
                    {"label": "Example", "url": "https://example.com", "type": "absolute"},
                    {
                        "label": "SMART app",
                        "url": "https://smart.example.com/launch",
                        "type": "smart",
                        "appContext": '{"session":1}',
                    },
                ],
            },
            {
                "summary": "Another card",
                "indicator": "warning",
                "source": {"label": "Example service"},
                "overrideReasons": [
                    {"code": "refused", "system": "http://example.org/reasons", "display": "No"}
                ],
            },
        ]
    }
    assert CdsResponse.model_validate(example).model_dump(exclude_none=True) == example


# -- calling the service with prefetch ----------------------------------------------------------


def test_patient_view_card(app_client: TestClient, kb: KnowledgeBase) -> None:
    r = app_client.post(URL, json=request_body())
    assert r.status_code == 200, r.text
    data = r.json()
    assert_spec_json(data)
    CdsResponse.model_validate(data)
    (card,) = data["cards"]
    assert len(card["summary"]) < 140 and card["summary"] == card["summary"].strip()
    assert card["indicator"] == "critical"  # weakness with wasting: urgent
    assert card["source"]["label"].startswith("twitchcheck")
    assert card["source"]["url"].endswith("/v1/conditions#" + card["source"]["topic"]["code"])
    assert "| Cause | Probability | For | Against |" in card["detail"]
    assert "Amyotrophic lateral sclerosis" in card["detail"]
    assert all(link["type"] == "absolute" for link in card["links"])
    # suggestions: draft orders for the tests, each a valid R4 ServiceRequest
    assert card["selectionBehavior"] == "any"
    codes = set()
    for s in card["suggestions"]:
        (action,) = s["actions"]
        assert action["type"] == "create"
        fhir_valid(action["resource"])
        assert action["resource"]["subject"] == {"reference": "Patient/1288992"}
        assert action["resource"]["encounter"] == {"reference": "Encounter/89284"}
        codes |= {c["code"] for c in action["resource"]["code"]["coding"]}
    assert "42803009" in codes  # EMG (SNOMED CT)
    # uuids are stable for one hook instance
    again = app_client.post(URL, json=request_body()).json()["cards"][0]
    assert again["uuid"] == card["uuid"]


@pytest.mark.parametrize(
    ("present", "absent", "indicator"),
    [
        (["twitch_eyelid", "duration_days"], ("facial_weakness", "vision_change"), "info"),
        (["twitch_legs", "weakness"], (), "critical"),
        (["twitch_widespread", "breathing_difficulty"], (), "critical"),
    ],
)
def test_indicator_follows_the_triage(
    app_client: TestClient, present: list[str], absent: tuple[str, ...], indicator: str
) -> None:
    r = app_client.post(URL, json=with_findings(present, absent))
    (card,) = r.json()["cards"]
    assert card["indicator"] == indicator
    if indicator == "info":
        assert "suggestions" not in card  # nothing to order for self-care


def test_routine_is_a_warning(app_client: TestClient) -> None:
    body = with_findings(["twitch_legs", "twitch_arms", "duration_months"], ("weakness",))
    body["prefetch"]["patient"]["birthDate"] = "1996-01-01"
    (card,) = app_client.post(URL, json=body).json()["cards"]
    assert card["indicator"] == "warning", card["summary"]


def test_no_twitching_on_record_no_card(app_client: TestClient) -> None:
    r = app_client.post(URL, json=with_findings(["fatigue"]))
    assert r.status_code == 200 and r.json() == {"cards": []}


def test_long_summary_is_cut_below_140(app_client: TestClient) -> None:
    (card,) = app_client.post(URL, json=with_findings(["twitch_legs", "cramps"])).json()["cards"]
    assert len(card["summary"]) <= MAX_SUMMARY


def test_wrong_patient_in_prefetch(app_client: TestClient) -> None:
    body = request_body()
    body["prefetch"]["observations"]["entry"][0]["resource"]["subject"]["reference"] = "Patient/9"
    r = app_client.post(URL, json=body)
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert "$.prefetch.observations.entry[0].resource.subject.reference" in r.json()["detail"]


def test_invalid_prefetch_names_the_path(app_client: TestClient) -> None:
    body = request_body()
    body["prefetch"]["patient"]["gender"] = 7
    r = app_client.post(URL, json=body)
    assert r.status_code == 422
    assert r.json()["detail"].startswith("CDS Hooks request $.prefetch.patient.gender:")


def test_wrong_hook_and_unknown_service(app_client: TestClient) -> None:
    body = request_body()
    body["hook"] = "order-sign"
    assert app_client.post(URL, json=body).status_code == 422
    r = app_client.post("/cds-services/nope", json=request_body())
    assert r.status_code == 404 and r.headers["content-type"] == PROBLEM


def test_missing_prefetch_without_server_is_412(app_client: TestClient) -> None:
    body = request_body()
    del body["prefetch"]["observations"]
    r = app_client.post(URL, json=body)
    assert r.status_code == 412 and r.headers["content-type"] == PROBLEM
    assert "$.prefetch.observations" in r.json()["detail"]


# -- fetching from fhirServer (a stub on 127.0.0.1) ---------------------------------------------


def stub_data() -> StubData:
    prefetch = request_body()["prefetch"]
    return StubData(
        patient=prefetch["patient"],
        conditions=[e["resource"] for e in prefetch["conditions"]["entry"]],
        observations=[e["resource"] for e in prefetch["observations"]["entry"]],
    )


def fetching_call(server: str) -> dict[str, Any]:
    body = request_body()
    del body["prefetch"]
    body["fhirServer"] = server
    body["fhirAuthorization"] = {
        "access_token": "some-opaque-fhir-access-token",
        "token_type": "Bearer",
        "expires_in": 300,
        "scope": "patient/Patient.read patient/Observation.read patient/Condition.read",
        "subject": "cds-service4",
    }
    return body


def test_fetches_what_was_not_prefetched(app_client: TestClient) -> None:
    data = stub_data()
    with fhir_stub(data) as server, allowing(app_client, server) as client:
        r = client.post(URL, json=fetching_call(server))
    assert r.status_code == 200, r.text
    fetched = r.json()["cards"][0]
    prefetched = app_client.post(URL, json=request_body()).json()["cards"][0]
    assert fetched["summary"] == prefetched["summary"]
    assert fetched["detail"] == prefetched["detail"]
    paths = sorted(p for p, _ in data.seen)
    assert paths == [
        "/fhir/Condition?patient=1288992",
        "/fhir/Observation?patient=1288992",
        "/fhir/Patient/1288992",
    ]
    assert {auth for _, auth in data.seen} == {"Bearer some-opaque-fhir-access-token"}


def test_prefetch_is_used_and_only_the_missing_key_is_fetched(app_client: TestClient) -> None:
    data = stub_data()
    with fhir_stub(data) as server, allowing(app_client, server) as client:
        body = request_body()
        body["fhirServer"] = server
        del body["prefetch"]["conditions"]
        r = client.post(URL, json=body)
    assert r.status_code == 200
    assert [p for p, _ in data.seen] == ["/fhir/Condition?patient=1288992"]


def test_a_server_not_allowed_is_never_contacted(app_client: TestClient) -> None:
    data = stub_data()
    with fhir_stub(data) as server:
        r = app_client.post(URL, json=fetching_call(server))  # app_client allows no server
    assert r.status_code == 412
    assert data.seen == []


def test_server_errors_are_412(app_client: TestClient) -> None:
    data = stub_data()
    data.status = 500
    with fhir_stub(data) as server, allowing(app_client, server) as client:
        r = client.post(URL, json=fetching_call(server))
    assert r.status_code == 412
    assert "answered 500" in r.json()["detail"]


def test_unreachable_server_is_412(app_client: TestClient) -> None:
    with fhir_stub(StubData()) as server:
        pass  # the stub has stopped: nothing listens on that port any more
    with allowing(app_client, server) as client:
        r = client.post(URL, json=fetching_call(server))
    assert r.status_code == 412


def test_fetched_patient_must_be_the_one_in_context(app_client: TestClient) -> None:
    data = stub_data()
    assert data.patient is not None
    data.patient = {**data.patient, "id": "1288992"}
    data.observations[0] = {**data.observations[0], "subject": {"reference": "Patient/other"}}
    with fhir_stub(data) as server, allowing(app_client, server) as client:
        r = client.post(URL, json=fetching_call(server))
    assert r.status_code == 422
    where = "$<Observation?patient=1288992>.entry[0].resource.subject.reference"
    assert where in r.json()["detail"]


def test_settings_refuse_bad_urls() -> None:
    from twitchcheck.errors import InvalidValueError

    with pytest.raises(InvalidValueError):
        InteropSettings(fhir_servers=("ftp://x",))
    env = {"TWITCHCHECK_CDS_FHIR_SERVERS": "https://ehr.example/fhir, http://127.0.0.1:9/fhir"}
    settings = InteropSettings.from_env(env)
    assert settings.allows("https://ehr.example/fhir/") and not settings.allows("https://evil")
