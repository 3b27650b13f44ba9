"""The real ``twitchcheck serve`` over raw sockets: HTTP limits, the per-request log line, and
readiness (issue 15, items 4 and 5)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.live_server import EXE, free_port

TIMEOUT_S = "1"  # TWITCHCHECK_REQUEST_TIMEOUT for these servers: the tests wait for it


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int, Path]]:
    tmp = tmp_path_factory.mktemp("limits")
    log = tmp / "stderr.log"
    port = free_port()
    env = {
        **os.environ,
        "TWITCHCHECK_DATA_DIR": str(tmp),
        "TWITCHCHECK_REQUEST_TIMEOUT": TIMEOUT_S,
        "TWITCHCHECK_KEEP_ALIVE": "1",
    }
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [str(EXE), "serve", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if httpx.get(f"{base}/healthz", timeout=0.5).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert proc.poll() is None and time.monotonic() < deadline, "no server"
                time.sleep(0.1)
            yield base, port, log
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def _exchange(port: int, data: bytes, *, wait: float = 5.0) -> bytes:
    """Send ``data``, then read until the server closes (or ``wait`` passes)."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as s:
        s.sendall(data)
        out = b""
        try:
            while chunk := s.recv(65536):
                out += chunk
        except (TimeoutError, ConnectionResetError):
            pass
        return out


def test_a_huge_header_is_refused_with_431(server: tuple[str, int, Path]) -> None:
    _, port, _ = server
    head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n"
    reply = _exchange(port, head)
    assert reply.startswith(b"HTTP/1.1 431 ")
    assert b"application/problem+json" in reply


def test_an_ordinary_header_passes(server: tuple[str, int, Path]) -> None:
    base, _, _ = server
    assert httpx.get(f"{base}/healthz", headers={"X-Some": "a" * 4000}).status_code == 200


def test_a_partial_request_times_out_with_408(server: tuple[str, int, Path]) -> None:
    _, port, _ = server
    started = time.monotonic()
    reply = _exchange(port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n", wait=10)
    assert reply.startswith(b"HTTP/1.1 408 ")
    assert time.monotonic() - started < float(TIMEOUT_S) + 3


def test_a_silent_connection_is_closed(server: tuple[str, int, Path]) -> None:
    _, port, _ = server
    started = time.monotonic()
    reply = _exchange(port, b"", wait=10)
    assert reply == b"" or reply.startswith(b"HTTP/1.1 408 ")
    assert time.monotonic() - started < float(TIMEOUT_S) + 3


def test_a_chunked_body_over_the_limit_gets_413(server: tuple[str, int, Path]) -> None:
    _, port, _ = server
    chunk = b"a" * 16_384
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(6)) + b"0\r\n\r\n"
    head = (
        b"POST /v1/assess HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )
    reply = _exchange(port, head + body)
    assert reply.startswith(b"HTTP/1.1 413 "), reply[:200]
    assert b"too-large" in reply


def test_one_json_log_line_per_request_without_health_data(
    server: tuple[str, int, Path],
) -> None:
    base, _, log = server
    secret = "my left calf twitches since my father died"
    # The first message with text builds the server's text reader: slow on a loaded machine.
    r = httpx.post(f"{base}/v1/assess?note=private", json={"age": 30, "text": secret}, timeout=60.0)
    assert r.status_code == 200
    request_id = r.headers["x-request-id"]
    time.sleep(0.3)
    lines = [json.loads(x) for x in log.read_text().splitlines() if x.startswith("{")]
    mine = [x for x in lines if x.get("request_id") == request_id]
    assert len(mine) == 1
    assert mine[0]["event"] == "request" and mine[0]["route"] == "/v1/assess"
    assert mine[0]["status"] == 200 and mine[0]["method"] == "POST"
    text = log.read_text()
    assert "calf" not in text and "private" not in text


def test_readyz_reports_the_database(server: tuple[str, int, Path]) -> None:
    base, _, _ = server
    r = httpx.get(f"{base}/readyz")
    assert r.status_code == 200
    assert r.json() == {"status": "ready", "database": "ok", "audit_rows_lost": 0}
