"""Speed and load: ``make bench-perf`` → ``bench/out/perf.md``, ``perf.json`` and ``perf_*.png``.

Measures, on this machine:

- engine latency per assessment (``assess()``, and the JSON path ``POST /v1/assess`` runs);
- batch throughput on one core: each stage in process (parse, normalise, NumPy scoring, JSON) and
  ``twitchcheck batch`` end to end, pinned to one core;
- free-text latency (when ``twitchcheck.text`` is installed): first text (loads the pipeline) and
  then per text;
- CLI cold start: ``twitchcheck --help`` against ``python -c pass``;
- HTTP on loopback with wrk: ``/v1/assess`` (varied bodies from the vignettes) against ``/healthz``
  in the same server run, 32 connections, in alternating rounds; then a soak at 64 connections
  with the server's memory sampled from start to end.

Run from the repository root: ``python -m bench.perf [--quick]``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from tests.vignette_cases import load_vignettes
from twitchcheck import (
    Evidence,
    InputError,
    KnowledgeBase,
    Patient,
    assess,
    load_knowledge,
    update,
)
from twitchcheck.batch.records import parse_record
from twitchcheck.batch.scorer import Scorer, assess_bytes, assess_json
from twitchcheck.batch.stream import BatchRun

from . import perf_http
from .perf_records import as_request, jsonl, records

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
EXE = Path(sys.executable).with_name("twitchcheck")

TARGETS = {
    "batch_rps": 50_000,  # structured records per second on one core
    "assess_vs_healthz": 0.70,  # /v1/assess requests/s as a share of /healthz
    "p99_ms": 20.0,  # at 32 connections
    "help_ms": 300.0,  # twitchcheck --help, cold
    "stall_p99_ms": 100.0,  # /healthz p99 while 8 or 16 clients send long texts
}
STALL_CLIENTS = (8, 16)


def percentiles(values_us: Sequence[float]) -> dict[str, float]:
    a = np.asarray(values_us, dtype=float)
    return {
        "n": len(a),
        "mean_us": float(a.mean()),
        "p50_us": float(np.percentile(a, 50)),
        "p90_us": float(np.percentile(a, 90)),
        "p99_us": float(np.percentile(a, 99)),
    }


def timed_calls(fn: Callable[[], object], repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1e6)
    return out


def cases_of(
    kb: KnowledgeBase, rows: Sequence[dict[str, Any]]
) -> list[tuple[Patient, list[Evidence]]]:
    cases = []
    for row in rows:
        rec = parse_record(json.dumps(row))
        cases.append((rec.patient, list(rec.evidence)))
    return cases


def assessable(
    kb: KnowledgeBase, rows: Iterable[dict[str, Any]]
) -> tuple[list[dict[str, Any]], int]:
    """The generated records the engine assesses, and how many it refused (a contradiction the
    generator did not foresee): every figure is then over records that all get a result."""
    kept: list[dict[str, Any]] = []
    refused = 0
    for row in rows:
        rec = parse_record(json.dumps(row))
        try:
            update(kb, rec.patient, rec.evidence)
        except InputError:
            refused += 1
            continue
        kept.append(row)
    return kept, refused


# -- engine ----------------------------------------------------------------------------------


def engine(kb: KnowledgeBase, rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    cases = cases_of(kb, rows)
    for p, e in cases[:50]:  # warm: tables, term table, scorer compiled once per knowledge base
        assess(kb, p, e)
        assess_json(kb, p, e)
    out: dict[str, Any] = {}
    for name, fn in (
        ("update", lambda p, e: update(kb, p, e)),
        ("assess", lambda p, e: assess(kb, p, e)),
        (
            "assess_to_json",
            lambda p, e: json.dumps(
                assess(kb, p, e).to_dict(), ensure_ascii=False, separators=(",", ":")
            ),
        ),
        ("assess_json", lambda p, e: assess_json(kb, p, e)),
        ("assess_summary", lambda p, e: assess_bytes(kb, p, e, "summary")),
    ):
        times: list[float] = []
        for p, e in cases:
            times += timed_calls(lambda p=p, e=e, fn=fn: fn(p, e))
        out[name] = percentiles(times)
    return out


# -- batch -----------------------------------------------------------------------------------


def cpu_seconds(fn: Callable[[], object]) -> float:
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def batch(kb: KnowledgeBase, lines: list[str], path: Path, chunk: int = 1024) -> dict[str, Any]:
    n = len(lines)
    scorer = Scorer(kb)
    parsed = [parse_record(x) for x in lines[:2000]]  # warm
    t_parse = cpu_seconds(lambda: [parse_record(x) for x in lines])
    parsed = [parse_record(x) for x in lines]
    t_prepare = cpu_seconds(lambda: [scorer.prepare(r.patient, r.evidence) for r in parsed])
    prepared = [scorer.prepare(r.patient, r.evidence) for r in parsed]
    chunks = [prepared[i : i + chunk] for i in range(0, n, chunk)]
    t_score = min(cpu_seconds(lambda: [scorer.score(c) for c in chunks]) for _ in range(3))
    t_render = cpu_seconds(
        lambda: [sum(1 for _ in scorer.iter_results(c, "summary")) for c in chunks]
    )
    t_render_full = cpu_seconds(
        lambda: [sum(1 for _ in scorer.iter_results(c, "full")) for c in chunks]
    )
    sink: dict[str, int] = {"summary": 0, "full": 0}

    def writer(detail: str) -> Callable[[bytes], None]:
        def write(line: bytes) -> None:
            sink[detail] += len(line)

        return write

    t_run = cpu_seconds(lambda: BatchRun(kb, chunk_size=chunk).run(lines, writer("summary")))
    t_run_full = cpu_seconds(
        lambda: BatchRun(kb, chunk_size=chunk, detail="full").run(lines, writer("full"))
    )
    stages = {
        "parse": t_parse,
        "normalise": t_prepare,
        "numpy_scoring": t_score,
        "json": max(t_render - t_score, 1e-9),
        "json_full": max(t_render_full - t_score, 1e-9),
        "in_process_total": t_run,
        "in_process_total_full": t_run_full,
    }
    out: dict[str, Any] = {
        "records": n,
        "chunk": chunk,
        "result_bytes_mean": sink["summary"] / n,
        "result_bytes_mean_full": sink["full"] / n,
        "stage_seconds": stages,
        "stage_rps": {k: n / v for k, v in stages.items()},
    }
    for key, detail in (("cli", "summary"), ("cli_full", "full")):
        out[key] = batch_cli(path, chunk, n, detail)
    return out


def batch_cli(path: Path, chunk: int, n: int, detail: str) -> dict[str, Any]:
    """``twitchcheck batch`` end to end in the shape ``detail`` names."""
    # End to end: the program, pinned to one core, writing to /dev/null.
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        proc = subprocess.run(
            [*pin, str(EXE), "batch", str(path), "--chunk-size", str(chunk), "--detail", detail],
            stdout=devnull,
            stderr=subprocess.PIPE,
            check=False,
        )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "detail": detail,
        "exit": proc.returncode,
        "wall_seconds": wall,
        "cpu_seconds": cpu,
        "rps_wall": n / wall,
        "rps_cpu": n / cpu,
        "pinned": bool(pin),
    }


# -- free text -------------------------------------------------------------------------------


def free_text(kb: KnowledgeBase, texts: list[str]) -> dict[str, Any] | None:
    try:
        module = importlib.import_module("twitchcheck.text")
    except ImportError:
        return None
    parse = module.parse
    t0 = time.perf_counter()
    parse(kb, texts[0])
    first_ms = (time.perf_counter() - t0) * 1000
    times: list[float] = []
    for _ in range(3):
        for text in texts:
            times += timed_calls(lambda text=text: parse(kb, text))
    rows = [json.dumps({"text": t}) for t in texts] * 3
    seconds = cpu_seconds(lambda: BatchRun(kb).run(rows, lambda _: None))
    return {
        "first_text_ms": first_ms,
        "per_text": percentiles(times),
        "batch_text_rps": len(rows) / seconds,
    }


# -- start-up --------------------------------------------------------------------------------


def startup(repeat: int = 15) -> dict[str, Any]:
    def wall(cmd: list[str]) -> list[float]:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)  # page cache warm, as in use
        out = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
            out.append((time.perf_counter() - t0) * 1000)
        return out

    help_ms = wall([str(EXE), "--help"])
    bare_ms = wall([sys.executable, "-c", "pass"])
    return {
        "help_ms": {"median": statistics.median(help_ms), "max": max(help_ms)},
        "python_ms": {"median": statistics.median(bare_ms), "max": max(bare_ms)},
    }


# -- HTTP ------------------------------------------------------------------------------------


def long_texts(texts: Sequence[str]) -> list[str]:
    """Request bodies with texts near ``MAX_TEXT_CHARS``: vignette texts run together."""
    from twitchcheck.limits import MAX_TEXT_CHARS

    out = []
    for i in range(len(texts)):
        parts: list[str] = []
        j = i
        while sum(len(x) + 1 for x in parts) + len(texts[j % len(texts)]) < MAX_TEXT_CHARS:
            parts.append(texts[j % len(texts)])
            j += 1
        out.append(json.dumps({"text": " ".join(parts)}) + "\n")
    return out


def http(
    bodies: Path, long_bodies: Path, *, seconds: int, rounds: int, soak_seconds: int
) -> dict[str, Any]:
    results: dict[str, Any] = {"rounds": [], "pinned": bool(perf_http.cores()[0])}
    with perf_http.server() as srv:
        for path, body in (("/healthz", None), ("/v1/assess", bodies)):  # warm-up
            perf_http.wrk(srv, path, connections=32, seconds=2, bodies=body)
        # The first text loads spaCy (a second or two, mostly holding the interpreter lock):
        # a start-up cost, measured by "start-up" and "free text" above, not a stall.
        perf_http.wrk(srv, "/v1/assess", connections=1, seconds=3, bodies=long_bodies)
        results["stall"] = [
            asdict(perf_http.stall(srv, long_bodies, clients=n, seconds=seconds))
            for n in STALL_CLIENTS
        ]
        for _ in range(rounds):
            health = perf_http.wrk(srv, "/healthz", connections=32, seconds=seconds)
            assess_r = perf_http.wrk(
                srv, "/v1/assess", connections=32, seconds=seconds, bodies=bodies
            )
            full = perf_http.wrk(
                srv, "/v1/assess?detail=full", connections=32, seconds=seconds, bodies=bodies
            )
            results["rounds"].append(
                {"healthz": asdict(health), "assess": asdict(assess_r), "assess_full": asdict(full)}
            )
        if soak_seconds:
            s = perf_http.soak(srv, "/v1/assess", bodies, connections=64, seconds=soak_seconds)
            results["soak"] = asdict(s)
    # The stack's own ceiling: the same POST body and dependency, a constant answer, no work.
    with perf_http.server("bench.perf_ceiling:app") as srv:
        for path, body in (("/healthz", None), ("/bench/constant", bodies)):  # warm-up
            perf_http.wrk(srv, path, connections=32, seconds=2, bodies=body)
        health = perf_http.wrk(srv, "/healthz", connections=32, seconds=seconds)
        const = perf_http.wrk(
            srv, "/bench/constant", connections=32, seconds=seconds, bodies=bodies
        )
        results["ceiling"] = {"healthz": asdict(health), "constant": asdict(const)}
    ratios = [r["assess"]["rps"] / r["healthz"]["rps"] for r in results["rounds"]]
    results["ratio_median"] = statistics.median(ratios)
    results["assess_rps_median"] = statistics.median(r["assess"]["rps"] for r in results["rounds"])
    results["healthz_rps_median"] = statistics.median(
        r["healthz"]["rps"] for r in results["rounds"]
    )
    results["assess_p50_ms_median"] = statistics.median(
        r["assess"]["p50_ms"] for r in results["rounds"]
    )
    results["assess_p99_ms_median"] = statistics.median(
        r["assess"]["p99_ms"] for r in results["rounds"]
    )
    results["full_ratio_median"] = statistics.median(
        r["assess_full"]["rps"] / r["healthz"]["rps"] for r in results["rounds"]
    )
    results["full_p99_ms_median"] = statistics.median(
        r["assess_full"]["p99_ms"] for r in results["rounds"]
    )
    results["healthz_p99_ms_median"] = statistics.median(
        r["healthz"]["p99_ms"] for r in results["rounds"]
    )
    cpu = [r["healthz"]["server_cpu_us"] / r["assess"]["server_cpu_us"] for r in results["rounds"]]
    results["cpu_ratio_median"] = statistics.median(cpu)
    return results


# -- report ----------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "load_average": os.getloadavg(),
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="short runs, to try the benchmark")
    ap.add_argument("--records", type=int, default=None, help="batch records (default 50,000)")
    ap.add_argument("--no-http", action="store_true", help="skip the load test (no wrk)")
    args = ap.parse_args(argv)
    n_records = args.records or (5_000 if args.quick else 50_000)
    http_seconds, rounds, soak_seconds = (3, 1, 10) if args.quick else (10, 3, 60)

    OUT.mkdir(parents=True, exist_ok=True)
    kb = load_knowledge(ROOT / "kb")
    vignettes = load_vignettes()
    rows, refused = assessable(kb, records(kb, vignettes, n_records))
    if refused:
        print(f"left out {refused} generated records the engine refuses", flush=True)
    data_path = OUT / "perf_records.jsonl"
    data_path.write_text("".join(jsonl(iter(rows))))
    bodies_path = OUT / "perf_bodies.jsonl"
    bodies_path.write_text("".join(jsonl(as_request(r) for r in rows[:2000])))
    long_path = OUT / "perf_bodies_long.jsonl"
    long_path.write_text("".join(long_texts([v.text for v in vignettes if v.text])))

    report: dict[str, Any] = {"machine_start": machine(), "targets": TARGETS}
    print("engine latency ...", flush=True)
    report["engine"] = engine(kb, rows[:2000])
    print("batch throughput ...", flush=True)
    report["batch"] = batch(kb, data_path.read_text().splitlines(), data_path)
    print("free text ...", flush=True)
    report["text"] = free_text(kb, [v.text for v in vignettes])
    print("start-up ...", flush=True)
    report["startup"] = startup()
    if not args.no_http:
        print(
            f"HTTP load (about {2 * rounds * http_seconds + soak_seconds + 10} s) ...", flush=True
        )
        report["http"] = http(
            bodies_path, long_path, seconds=http_seconds, rounds=rounds, soak_seconds=soak_seconds
        )
    report["machine_end"] = machine()
    (OUT / "perf.json").write_text(json.dumps(report, indent=2))
    from .perf_report import plots, write_markdown

    plots(report, OUT)
    write_markdown(report, OUT / "perf.md")
    print(f"wrote {OUT / 'perf.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
