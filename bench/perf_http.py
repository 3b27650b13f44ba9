"""The HTTP load benchmark: the real ``twitchcheck serve`` on loopback, wrk as the load generator.

Everything stays on 127.0.0.1 and every run is bounded in time (wrk ``-d``). On a machine with two
or more cores the server is pinned to one core and wrk to another (``taskset``), so the two do not
take turns on the same core and the figures say what one server process does.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LUA = ROOT / "bench" / "perf.lua"
EXE = Path(sys.executable).with_name("twitchcheck")


@dataclass(frozen=True, slots=True)
class WrkResult:
    """One wrk run: throughput, latency percentiles (ms) and every kind of error."""

    endpoint: str
    connections: int
    seconds: float
    requests: int
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    errors: int  # connect + read + write + timeouts + non-2xx/3xx responses
    error_kinds: dict[str, int] = field(default_factory=dict)
    server_cpu_us: float = 0.0  # server CPU time (user + system) per request, microseconds


def parse_wrk(output: str, endpoint: str, connections: int) -> WrkResult:
    """Read the ``WRKJSON`` line that ``bench/perf.lua`` prints at the end of a run."""
    line = next((x for x in output.splitlines() if x.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no WRKJSON line:\n{output[-2000:]}")
    d = json.loads(line.removeprefix("WRKJSON "))
    kinds = {
        k: int(d[k])
        for k in ("connect_errors", "read_errors", "write_errors", "timeouts", "status_errors")
    }
    seconds = d["duration_us"] / 1e6
    return WrkResult(
        endpoint=endpoint,
        connections=connections,
        seconds=seconds,
        requests=int(d["requests"]),
        rps=d["requests"] / seconds if seconds else 0.0,
        p50_ms=d["p50_us"] / 1000,
        p90_ms=d["p90_us"] / 1000,
        p99_ms=d["p99_us"] / 1000,
        max_ms=d["max_us"] / 1000,
        errors=sum(kinds.values()),
        error_kinds=kinds,
    )


def cores() -> tuple[list[str], list[str]]:
    """``taskset`` prefixes for the server and for wrk (empty when pinning is not possible)."""
    taskset = shutil.which("taskset")
    if taskset is None or (os.cpu_count() or 1) < 2:
        return [], []
    return [taskset, "-c", "1"], [taskset, "-c", "0"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_kib(pid: int) -> int:
    """Resident memory of a process, from /proc (KiB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for process {pid}")


@dataclass
class Server:
    base: str
    pid: int


@contextmanager
def server(app: str | None = None) -> Iterator[Server]:
    """``twitchcheck serve`` on a free loopback port (pinned to its core), stopped afterwards.

    ``app`` (``module:attribute``) serves that ASGI app with uvicorn instead, the way
    ``twitchcheck serve`` runs (one worker, warnings only, no access log).
    """
    port = free_port()
    pin, _ = cores()
    if app is None:
        cmd = [str(EXE), "serve", "--host", "127.0.0.1", "--port", str(port)]
    else:
        cmd = [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port)]
        cmd += ["--log-level", "warning", "--no-access-log"]
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            [*pin, *cmd], stdout=subprocess.DEVNULL, stderr=log, cwd=ROOT, env=dict(os.environ)
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/healthz", timeout=0.5) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    said = log.read().decode(errors="replace")[-2000:]
                    raise RuntimeError(f"twitchcheck serve did not start:\n{said}")
                time.sleep(0.1)
            yield Server(base, proc.pid)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def wrk(
    srv: Server,
    path: str,
    *,
    connections: int,
    seconds: int,
    bodies: Path | None = None,
) -> WrkResult:
    """One bounded wrk run against ``path`` (POSTing ``bodies`` when given, else GET)."""
    exe = shutil.which("wrk")
    if exe is None:
        raise RuntimeError("wrk is not installed (apt-get install wrk)")
    _, pin = cores()
    env = {**os.environ, "WRK_PATH": path, "BODIES": str(bodies) if bodies else ""}
    cpu_before = cpu_seconds(srv.pid)
    proc = subprocess.run(
        [
            *pin,
            exe,
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "5s",
            "-s",
            str(LUA),
            srv.base,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=seconds + 60,
        check=True,
    )
    result = parse_wrk(proc.stdout, path, connections)
    cpu = cpu_seconds(srv.pid) - cpu_before
    return replace(result, server_cpu_us=cpu * 1e6 / max(result.requests, 1))


@dataclass(frozen=True, slots=True)
class Soak:
    """A long run at high concurrency with the server's memory sampled throughout."""

    result: WrkResult
    rss_start_kib: int
    rss_end_kib: int
    samples: list[tuple[float, int]]  # (seconds since start, RSS KiB)


def soak(srv: Server, path: str, bodies: Path, *, connections: int, seconds: int) -> Soak:
    samples: list[tuple[float, int]] = []
    stop = threading.Event()
    start = time.monotonic()

    def sample() -> None:
        while not stop.is_set():
            samples.append((time.monotonic() - start, rss_kib(srv.pid)))
            stop.wait(2.0)

    rss_start = rss_kib(srv.pid)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        result = wrk(srv, path, connections=connections, seconds=seconds, bodies=bodies)
    finally:
        stop.set()
        sampler.join()
    return Soak(result, rss_start, rss_kib(srv.pid), samples)


@dataclass(frozen=True, slots=True)
class Stall:
    """``/healthz`` measured while other clients keep the server busy reading long texts."""

    clients: int  # connections sending long texts to /v1/assess without pause
    healthz: WrkResult
    text: WrkResult


HEALTH_PROBES = 2  # connections probing /healthz during a stall run (a load balancer's checks)


def stall(srv: Server, long_bodies: Path, *, clients: int, seconds: int) -> Stall:
    """Run ``clients`` connections POSTing long texts to ``/v1/assess`` and, at the same time,
    ``HEALTH_PROBES`` connections on ``/healthz``: the latter's latency is what a slow request
    does to everyone else (issue 15: ≤ 100 ms p99 at 8 and 16 clients)."""
    out: dict[str, WrkResult] = {}

    def busy() -> None:
        out["text"] = wrk(srv, "/v1/assess", connections=clients, seconds=seconds + 2,
                          bodies=long_bodies)  # fmt: skip

    loader = threading.Thread(target=busy)
    loader.start()
    time.sleep(1.0)  # let the text load build up before probing
    health = wrk(srv, "/healthz", connections=HEALTH_PROBES, seconds=seconds)
    loader.join()
    return Stall(clients, health, out["text"])


def as_dict(x: Any) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(x)
