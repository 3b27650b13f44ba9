"""The fast part of the benchmark in ``make test``: no regression against bench/baseline.json.

Every vignette is assessed through the real ``assess``; top-1, top-3 and exact triage may not fall
by more than ``bench.regression.TOLERANCE`` (3 points) on the vignettes the baseline knows, and no
vignette may be under-triaged (no tolerance). The baseline changes only through
``make bench-baseline``.
"""

from __future__ import annotations

import copy
import dataclasses

import pytest

from bench.cases import CaseResult, run_cases
from bench.regression import BASELINE, TOLERANCE, read_baseline, regressions, snapshot
from tests.vignette_cases import load_vignettes
from twitchcheck import KnowledgeBase


@pytest.fixture(scope="module")
def results(kb: KnowledgeBase) -> list[CaseResult]:
    return run_cases(kb, load_vignettes())


def test_no_regression_against_the_committed_baseline(results: list[CaseResult]) -> None:
    assert BASELINE.exists(), "bench/baseline.json is missing: run `make bench-baseline`"
    problems = regressions(results, read_baseline())
    assert not problems, "\n".join(problems)


def test_the_baseline_states_the_tolerance_in_force() -> None:
    assert read_baseline()["tolerance"] == TOLERANCE
    assert TOLERANCE["triage_safe"] == 0.0


def test_a_fall_beyond_the_tolerance_is_caught(
    results: list[CaseResult], kb: KnowledgeBase
) -> None:
    baseline = snapshot(results, kb.version)
    assert regressions(results, baseline) == []
    # Pretend the baseline had every vignette's primary cause first: today's top-1 is far below.
    better = copy.deepcopy(baseline)
    for case in better["cases"].values():
        case["rank"] = 1
    assert any(p.startswith("top1 fell") for p in regressions(results, better))


def test_under_triage_fails_without_tolerance(results: list[CaseResult], kb: KnowledgeBase) -> None:
    r = next(r for r in results if r.expected_triage == "urgent" and r.triage == "urgent")
    lowered = dataclasses.replace(r, triage="routine")
    problems = regressions([lowered], snapshot([r], kb.version))
    assert problems[0] == f"{r.id}: under-triaged (routine < expected urgent)"


def test_new_vignettes_do_not_count_against_the_baseline(
    results: list[CaseResult], kb: KnowledgeBase
) -> None:
    baseline = snapshot(results[: len(results) // 2], kb.version)
    assert regressions(results, baseline) == []
