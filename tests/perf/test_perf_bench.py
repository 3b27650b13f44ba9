"""The speed benchmark's own parts are right (``make bench-perf``); no timing is asserted here."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from bench.perf_http import LUA, parse_wrk
from bench.perf_records import as_request, jsonl, records
from bench.perf_report import verdicts, write_markdown
from tests.unit.conftest_kb import KB
from tests.vignette_cases import load_vignettes
from twitchcheck.api.schemas import AssessRequest
from twitchcheck.batch.records import parse_record
from twitchcheck.batch.scorer import scorer_for

ROWS = list(records(KB, load_vignettes(), 400, seed=3))


def test_generated_records_are_valid_varied_and_reproducible() -> None:
    scorer = scorer_for(KB)
    for line in jsonl(iter(ROWS)):
        rec = parse_record(line)
        scorer.prepare(rec.patient, rec.evidence)  # raises on any invalid record
    assert len({json.dumps(r, sort_keys=True) for r in ROWS}) > 300
    assert any(":" in ref for r in ROWS for ref in r.get("present", []) + r.get("absent", []))
    assert list(records(KB, load_vignettes(), 400, seed=3)) == ROWS


def test_request_bodies_are_valid_api_requests() -> None:
    for row in ROWS[:50]:
        body = as_request(row)
        AssessRequest.model_validate_json(json.dumps(body))
        assert len(body["evidence"]) == sum(
            len(row.get(k, [])) for k in ("present", "absent", "unknown")
        )


WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000
  1 threads and 32 connections
WRKJSON {"requests":50000,"duration_us":10000000,"bytes":1,"connect_errors":0,"read_errors":1,\
"write_errors":0,"status_errors":2,"timeouts":3,"p50_us":4500,"p90_us":7000,"p99_us":12000,\
"max_us":30000,"mean_us":5000.0}
"""


def test_wrk_summary_is_read_from_the_lua_line() -> None:
    r = parse_wrk(WRK_OUTPUT, "/v1/assess", 32)
    assert (r.requests, r.rps, r.p50_ms, r.p99_ms, r.errors) == (50000, 5000.0, 4.5, 12.0, 6)
    with pytest.raises(RuntimeError, match="WRKJSON"):
        parse_wrk("Running 10s test", "/healthz", 32)


def test_the_lua_script_prints_every_field_the_parser_reads() -> None:
    text = LUA.read_text()
    fields = set(re.findall(r'"(\w+)":%', text))
    assert fields >= {
        "requests",
        "duration_us",
        "connect_errors",
        "read_errors",
        "write_errors",
        "status_errors",
        "timeouts",
        "p50_us",
        "p90_us",
        "p99_us",
        "max_us",
    }
    assert 'os.getenv("BODIES")' in text and "WRKJSON" in text


def _report(ratio: float, p99: float) -> dict[str, Any]:
    wrk = {
        "endpoint": "/v1/assess",
        "connections": 64,
        "seconds": 60.0,
        "requests": 1000,
        "rps": 100.0,
        "p50_ms": 1.0,
        "p90_ms": 2.0,
        "p99_ms": 3.0,
        "max_ms": 4.0,
        "errors": 0,
        "error_kinds": {},
    }
    stage = {"parse": 1.0, "normalise": 1.0, "numpy_scoring": 1.0, "json": 1.0}
    stage["in_process_total"] = 4.0
    return {
        "machine_start": {
            "when": "now",
            "cores": 2,
            "python": "3",
            "numpy": "1",
            "load_average": [0.1],
        },
        "machine_end": {"load_average": [0.2]},
        "targets": {
            "batch_rps": 50_000,
            "assess_vs_healthz": 0.7,
            "p99_ms": 20.0,
            "help_ms": 300.0,
        },
        "engine": {
            k: {"n": 1, "mean_us": 1.0, "p50_us": 1.0, "p90_us": 1.0, "p99_us": 1.0}
            for k in ("update", "assess", "assess_to_json", "assess_json")
        },
        "batch": {
            "records": 10,
            "chunk": 4,
            "result_bytes_mean": 2048.0,
            "stage_seconds": stage,
            "stage_rps": {
                "parse": 1e5,
                "normalise": 1e5,
                "numpy_scoring": 2e5,
                "json": 1e4,
                "in_process_total": 9e3,
            },
            "cli": {
                "exit": 0,
                "wall_seconds": 1.0,
                "cpu_seconds": 1.0,
                "rps_wall": 8e3,
                "rps_cpu": 8e3,
                "pinned": True,
            },
        },
        "text": None,
        "startup": {
            "help_ms": {"median": 90.0, "max": 120.0},
            "python_ms": {"median": 12.0, "max": 15.0},
        },
        "http": {
            "pinned": True,
            "rounds": [{"healthz": {**wrk, "endpoint": "/healthz"}, "assess": wrk}],
            "ratio_median": ratio,
            "cpu_ratio_median": ratio,
            "assess_rps_median": 100.0,
            "healthz_rps_median": 100.0 / ratio,
            "assess_p50_ms_median": 1.0,
            "assess_p99_ms_median": p99,
            "healthz_p99_ms_median": 1.0,
            "soak": {
                "result": wrk,
                "rss_start_kib": 100_000,
                "rss_end_kib": 100_500,
                "samples": [],
            },
        },
    }


def test_verdicts_say_which_targets_are_met() -> None:
    met = [row[3] for row in verdicts(_report(0.8, 10.0))]
    assert met == ["yes", "**no**", "yes", "yes", "yes", "yes"]
    missed = [row[3] for row in verdicts(_report(0.5, 30.0))]
    assert missed[2:4] == ["**no**", "**no**"]


def test_the_report_is_written(tmp_path: Path) -> None:
    out = tmp_path / "perf.md"
    write_markdown(_report(0.8, 10.0), out)
    text = out.read_text()
    assert "| `/v1/assess` requests/s as a share of `/healthz`" in text
    assert "Skipped: `twitchcheck.text` is not installed." in text


def test_long_text_bodies_are_valid_and_near_the_limit() -> None:
    """The stall benchmark's bodies (``make bench-perf``: /healthz while clients send long
    texts) are valid requests just under ``MAX_TEXT_CHARS``."""
    from bench.perf import long_texts
    from twitchcheck.limits import MAX_TEXT_CHARS

    texts = [v.text for v in load_vignettes() if v.text]
    bodies = long_texts(texts[:20])
    assert len(bodies) == 20
    for line in bodies:
        body = AssessRequest.model_validate_json(line)
        assert body.text is not None
        assert MAX_TEXT_CHARS // 2 < len(body.text) <= MAX_TEXT_CHARS


def test_stall_rows_reach_the_verdicts() -> None:
    from dataclasses import asdict

    result = parse_wrk(WRK_OUTPUT.replace('"read_errors":1', '"read_errors":0')
                       .replace('"status_errors":2', '"status_errors":0')
                       .replace('"timeouts":3', '"timeouts":0'), "/healthz", 2)  # fmt: skip
    stall = {"clients": 8, "healthz": asdict(result), "text": asdict(result)}
    report: dict[str, Any] = {
        "targets": {"batch_rps": 1, "assess_vs_healthz": 0.7, "p99_ms": 20, "help_ms": 300,
                    "stall_p99_ms": 100},
        "batch": {"stage_rps": {"numpy_scoring": 2}, "cli": {"rps_wall": 2}},
        "startup": {"help_ms": {"median": 100}, "python_ms": {"median": 10}},
        "http": {"ratio_median": 0.5, "assess_rps_median": 1, "healthz_rps_median": 2,
                 "cpu_ratio_median": 0.5, "assess_p99_ms_median": 10, "stall": [stall]},
    }  # fmt: skip
    rows = [r for r in verdicts(report) if "long texts" in r[0]]
    assert len(rows) == 1 and rows[0][3] == "yes"  # p99 12 ms, no errors
