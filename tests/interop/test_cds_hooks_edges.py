"""CDS Hooks edge cases from issue 15, item 8: entered-in-error and refuted Conditions, an
OperationOutcome or one page of a paginated search in a prefetch slot, the public base URL of
card links, and CORS preflight for browser-based CDS clients."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import KB_DIR
from tests.interop.test_cds_hooks import URL, finding_code, observation, with_findings
from twitchcheck.api.app import create_app
from twitchcheck.api.interop_settings import InteropSettings
from twitchcheck.api.settings import Settings
from twitchcheck.errors import InvalidValueError


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(kb_path=KB_DIR))) as c:
        yield c


def condition(fid: str, verification: str) -> dict[str, Any]:
    return {
        "resourceType": "Condition",
        "subject": {"reference": "Patient/1288992"},
        "code": {"coding": [finding_code(fid)]},
        "clinicalStatus": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                    "code": "active",
                }
            ]
        },
        "verificationStatus": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                    "code": verification,
                }
            ]
        },
    }


def _with_condition(verification: str) -> dict[str, Any]:
    body = with_findings(["twitch_legs", "duration_months"])
    body["prefetch"]["conditions"] = {
        "resourceType": "Bundle",
        "type": "searchset",
        "entry": [{"resource": condition("weakness", verification)}],
    }
    return body


def test_entered_in_error_condition_counts_for_nothing(client: TestClient) -> None:
    confirmed = client.post(URL, json=_with_condition("confirmed")).json()["cards"][0]
    in_error = client.post(URL, json=_with_condition("entered-in-error")).json()["cards"][0]
    refuted = client.post(URL, json=_with_condition("refuted")).json()["cards"][0]
    plain = client.post(URL, json=with_findings(["twitch_legs", "duration_months"]))
    plain_card = plain.json()["cards"][0]
    assert confirmed["indicator"] == "critical"  # weakness: urgent
    assert in_error["indicator"] == plain_card["indicator"] != "critical"
    assert refuted["indicator"] != "critical"


def test_entered_in_error_observation_counts_for_nothing(client: TestClient) -> None:
    body = with_findings(["twitch_legs", "duration_months"])
    wrong = observation(finding_code("weakness"))
    wrong["status"] = "entered-in-error"
    body["prefetch"]["observations"]["entry"].append({"resource": wrong})
    card = client.post(URL, json=body).json()["cards"][0]
    assert card["indicator"] != "critical"


def test_operation_outcome_in_a_prefetch_slot_is_a_failed_prefetch(client: TestClient) -> None:
    body = with_findings(["twitch_legs"])
    body["prefetch"]["observations"] = {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": "error", "code": "timeout"}],
    }
    r = client.post(URL, json=body)
    assert r.status_code == 412, r.text
    assert "OperationOutcome" in r.json()["detail"]


def test_a_paginated_prefetch_is_not_taken_as_complete(client: TestClient) -> None:
    body = with_findings(["twitch_legs"])
    body["prefetch"]["observations"]["link"] = [
        {"relation": "self", "url": "https://ehr.example/Observation?page=1"},
        {"relation": "next", "url": "https://ehr.example/Observation?page=2"},
    ]
    r = client.post(URL, json=body)
    assert r.status_code == 412, r.text
    assert "next" in r.json()["detail"]


def test_card_links_use_the_public_base_url(client: TestClient) -> None:
    state = client.app.state  # type: ignore[attr-defined]
    before = state.interop
    state.interop = InteropSettings(public_url="https://twitchcheck.example.org/api/")
    try:
        card = client.post(
            URL, json=with_findings(["twitch_legs"]), headers={"Host": "evil.example"}
        ).json()["cards"][0]
    finally:
        state.interop = before
    assert card["source"]["url"].startswith("https://twitchcheck.example.org/api/v1/conditions#")
    with pytest.raises(InvalidValueError):
        InteropSettings.from_env({"TWITCHCHECK_PUBLIC_URL": "javascript:alert(1)"})


def test_cors_preflight_for_an_allowed_origin_only() -> None:
    origin = "https://sandbox.cds-hooks.org"
    app = create_app(Settings(kb_path=KB_DIR, cors_origins=(origin,)))
    with TestClient(app) as c:
        ok = c.options(
            URL,
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
            },
        )
        assert ok.status_code == 200
        assert ok.headers["access-control-allow-origin"] == origin
        other = c.options(
            URL,
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        )
        assert "access-control-allow-origin" not in other.headers
