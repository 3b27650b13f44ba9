"""A real server over real HTTP: `twitchcheck serve` on a loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

EXE = Path(sys.executable).with_name("twitchcheck")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen(
        [str(EXE), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{base}/healthz", timeout=0.5).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("server did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


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
