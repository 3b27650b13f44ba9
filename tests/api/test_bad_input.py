"""Bad input to the HTTP API is a problem response, never a 500: text over the one text limit
(413), bodies that are not UTF-8 or hold a lone surrogate (422), JSON nested too deeply (422), a
Phenopacket without features (422). Problems never echo the text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.interop.helpers import FHIR_GOLDEN, load
from twitchcheck.api.problems import project_problem
from twitchcheck.errors import (
    EncodingError,
    InputTooLargeError,
    NestingTooDeepError,
    TextEncodingError,
    TextTooLongError,
    TwitchcheckError,
)
from twitchcheck.limits import MAX_JSON_DEPTH, MAX_TEXT_CHARS

PROBLEM = "application/problem+json"
JSON = {"content-type": "application/json"}
TYPES = "https://twitchcheck.invalid/problems/"
WORDS = "my calves twitch "
LONGEST = (WORDS * (MAX_TEXT_CHARS // len(WORDS) + 1))[:MAX_TEXT_CHARS]

# Every route that takes free text, with the rest of a valid body.
TEXT_ROUTES = [
    ("/v1/assess", {}),
    ("/v1/explain", {"condition": "als"}),
    ("/v1/parse", {}),
    ("/v1/interviews", {}),
]


def problem_of(r: Any, status: int, kind: str) -> dict[str, object]:
    """The problem body of ``r`` (a TestClient response), checked."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith(PROBLEM)
    body: dict[str, object] = r.json()
    assert body["status"] == status and body["type"] == TYPES + kind
    return body


@pytest.mark.parametrize(("route", "body"), TEXT_ROUTES)
def test_text_over_the_limit_is_413(
    client: TestClient, route: str, body: dict[str, object]
) -> None:
    r = client.post(route, json={**body, "text": LONGEST + "x"})
    problem = problem_of(r, 413, "text-too-long")
    assert problem["title"] == "Text too long"
    assert f"the limit is {MAX_TEXT_CHARS:,}" in str(problem["detail"])
    assert "calves" not in r.text


@pytest.mark.parametrize(("route", "body"), TEXT_ROUTES)
def test_text_at_the_limit_is_read(client: TestClient, route: str, body: dict[str, object]) -> None:
    r = client.post(route, json={**body, "text": LONGEST})
    assert r.status_code in {200, 201}, r.text


@pytest.mark.parametrize(("route", "body"), TEXT_ROUTES)
def test_a_lone_surrogate_in_text_is_422(
    client: TestClient, route: str, body: dict[str, object]
) -> None:
    # json.dumps writes the lone surrogate as the escape "\ud800", as a client would.
    raw = json.dumps({**body, "text": "my calves twitch \ud800 since summer"})
    r = client.post(route, content=raw.encode(), headers=JSON)
    problem = problem_of(r, 422, "invalid-encoding")
    assert "$.text is not valid Unicode" in str(problem["detail"])
    assert "calves" not in r.text


def test_a_body_that_is_not_utf8_is_422(client: TestClient) -> None:
    r = client.post("/v1/assess", content=b'{"text": "my calves \xff twitch"}', headers=JSON)
    problem = problem_of(r, 422, "invalid-encoding")
    assert "not valid UTF-8 (byte 21)" in str(problem["detail"])


def test_a_lone_surrogate_anywhere_in_a_document_is_422(client: TestClient) -> None:
    qr = load(FHIR_GOLDEN / "qr_weakness_screen.json")
    qr["id"] = "qr-\ud800"
    r = client.post("/v1/fhir/assess", content=json.dumps(qr).encode(), headers=JSON)
    assert "$.id is not valid Unicode" in str(problem_of(r, 422, "invalid-encoding")["detail"])
    packet = {"id": "x", "phenotypicFeatures": [{"type": {"id": "HP:0001324", "label": "\udc00"}}]}
    r = client.post("/v1/phenopacket", content=json.dumps(packet).encode(), headers=JSON)
    detail = str(problem_of(r, 422, "invalid-encoding")["detail"])
    assert "$.phenotypicFeatures[0].type.label" in detail


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


# Each route with a body that holds the deep part where the route would look for content.
DEEP_BODIES: list[tuple[str, bytes, bytes]] = [
    ("/v1/assess", b'{"evidence": ', b"}"),
    ("/v1/parse", b"", b""),
    ("/v1/phenopacket", b'{"id": "x", "metaData": ', b"}"),
    ("/v1/fhir/assess", b'{"resourceType": "QuestionnaireResponse", "item": ', b"}"),
    ("/cds-services/twitchcheck-patient-view", b'{"prefetch": ', b"}"),
]


@pytest.mark.parametrize(("route", "before", "after"), DEEP_BODIES)
@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 1_000, 30_000])
def test_deeply_nested_json_is_422(
    client: TestClient, route: str, before: bytes, after: bytes, depth: int
) -> None:
    # 30,000 levels fit in the 64 KiB body limit but not in json.loads' recursion.
    r = client.post(route, content=before + nested(depth) + after, headers=JSON)
    problem = problem_of(r, 422, "too-deep")
    assert f"nested more than {MAX_JSON_DEPTH} levels deep" in str(problem["detail"])


def test_deep_questionnaire_items_no_longer_crash_the_reader(client: TestClient) -> None:
    # 300 levels of item.item decode fine but used to exhaust the validator's recursion: a 500.
    depth = 300
    items = b'[{"linkId": "a", "item": ' * depth + b"[]" + b"}]" * depth
    body = b'{"resourceType": "QuestionnaireResponse", "status": "completed", "item": ' + items
    r = client.post("/v1/fhir/assess", content=body + b"}", headers=JSON)
    problem_of(r, 422, "too-deep")


def test_nesting_within_the_limit_is_left_to_the_route(client: TestClient) -> None:
    r = client.post("/v1/assess", content=b'{"evidence": ' + nested(10) + b"}", headers=JSON)
    problem_of(r, 422, "invalid-request")  # a wrong shape, as before: not "too deep"


@pytest.mark.parametrize(
    "packet",
    [
        {},
        {"id": "x", "subject": {"id": "s", "sex": "MALE"}},
        {"id": "x", "phenotypicFeatures": [{"type": {"id": "MONDO:0004976"}}]},
    ],
)
def test_a_phenopacket_without_readable_features_is_422(
    client: TestClient, packet: dict[str, object]
) -> None:
    r = client.post("/v1/phenopacket", json=packet)
    problem = problem_of(r, 422, "invalid-input")
    assert str(problem["detail"]).startswith("phenopacket $.phenotypicFeatures: ")
    assert "triage" not in r.text


def test_openapi_documents_the_text_limit(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    for name in ("AssessRequest", "ExplainRequest", "ParseRequest", "InterviewStart"):
        text = schemas[name]["properties"]["text"]
        limits = [text.get("maxLength")] + [s.get("maxLength") for s in text.get("anyOf", [])]
        assert MAX_TEXT_CHARS in limits, name


def test_the_body_limit_still_comes_first(client: TestClient) -> None:
    r = client.post("/v1/assess", json={"text": "x" * 70_000})
    problem = problem_of(r, 413, "too-large")  # the size of the body, not of the text
    assert problem["detail"] == "the request body is larger than the limit of 65,536 bytes"


def test_an_oversized_body_without_a_length_is_413_too(client: TestClient) -> None:
    # Sent in chunks, the body declares no Content-Length: the limit bites while it is read.
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(20):
            yield b"a" * 8192
        yield b'"}'

    r = client.post("/v1/assess", content=chunks(), headers=JSON)
    problem = problem_of(r, 413, "too-large")
    assert "the request body is larger than the limit of 65,536 bytes" in str(problem["detail"])


@pytest.mark.parametrize(
    ("exc", "status", "kind"),
    [
        (TextTooLongError(6_000, MAX_TEXT_CHARS), 413, "text-too-long"),
        (InputTooLargeError("the request body", 65_536), 413, "too-large"),
        (EncodingError("the request body is not valid UTF-8 (byte 3)"), 422, "invalid-encoding"),
        (TextEncodingError("the text is not valid Unicode"), 422, "invalid-encoding"),
        (NestingTooDeepError("the request body", MAX_JSON_DEPTH), 422, "too-deep"),
    ],
)
def test_the_new_input_errors_have_their_problems(
    exc: TwitchcheckError, status: int, kind: str
) -> None:
    assert project_problem(exc) == (status, kind, None)  # their messages are safe to show
