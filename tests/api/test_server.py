"""A real server over real HTTP: `twitchcheck serve` on a loopback port."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.live_server import live_server


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with live_server() as base:
        yield base


def test_real_http_assess(server: str) -> None:
    r = httpx.post(
        f"{server}/v1/assess",
        json={"age": 30, "evidence": [{"id": "breathing_difficulty", "state": "present"}]},
    )
    assert r.status_code == 200
    assert r.json()["triage"]["level"] == "emergency"


def test_real_http_rejects_a_huge_body(server: str) -> None:
    r = httpx.post(
        f"{server}/v1/assess",
        content=b"{" + b" " * 200_000 + b"}",
        headers={"content-type": "application/json"},
    )
    assert r.status_code == 413


def test_page_and_static_files_are_served(server: str) -> None:
    page = httpx.get(f"{server}/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert '<script src="/static/app.js"' in page.text
    assert "<script>" not in page.text  # no inline script: the CSP forbids it
    assert httpx.get(f"{server}/static/app.js").status_code == 200
    assert httpx.get(f"{server}/static/style.css").status_code == 200
