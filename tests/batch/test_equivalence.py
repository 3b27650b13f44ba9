"""The batch scorer gives what ``assess()`` gives: the same probabilities bit for bit, the same
triage, and the same JSON byte for byte — on the vignettes and on generated records."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from tests.unit.conftest_kb import KB
from tests.vignette_cases import load_vignettes
from twitchcheck import Evidence, Patient, assess, evaluate, update
from twitchcheck.batch.scorer import Scorer, assess_json, scorer_for

from .strategies import Case, chunks

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DEEP = settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))

VIGNETTES: list[Case] = [
    (
        Patient(age=v.age, sex=v.sex),
        [Evidence(f, "present") for f in v.present] + [Evidence(f, "absent") for f in v.absent],
    )
    for v in load_vignettes()
]


def expected_json(patient: Patient, evidence: list[Evidence]) -> str:
    result = assess(KB, patient, evidence).to_dict()
    return json.dumps(result, ensure_ascii=False, separators=(",", ":"))


def check_chunk(scorer: Scorer, records: list[Case]) -> None:
    """Every way the batch scores these records agrees exactly with the scalar engine."""
    prepared = [scorer.prepare(p, e) for p, e in records]
    scores = scorer.score(prepared)
    lines = scorer.render_chunk(prepared)
    for i, (patient, evidence) in enumerate(records):
        post = update(KB, patient, evidence)
        # Probabilities: bit for bit, and the same ranking (ties by id).
        row = dict(zip(scorer.t.conditions, scores.probabilities[i].tolist(), strict=True))
        assert {c: row[c] for c in post.probabilities} == dict(post.probabilities)
        ranked = [scorer.t.conditions[j] for j in scores.order[i]]
        assert ranked == list(post.probabilities)
        # Triage: the rules as matrices and one record at a time (the triage module's
        # evaluator both ways), and the scorer's whole triage.
        triage = evaluate(KB, patient, post)
        p, order = scores.probabilities[i].tolist(), scores.order[i].tolist()
        rec = prepared[i]
        mass = scores.mass[i].tolist()
        assert scorer.triage(rec, p, order, scorer.fired_one(rec), mass) == triage
        fired = {r.id for r in triage.reasons if r.kind == "rule"}
        assert {KB.rules[r].id for r in np.flatnonzero(scores.fired[i])} == fired
        assert {KB.rules[r].id for r in scorer.fired_one(prepared[i])} == fired
        # The whole result, chunked and alone.
        want = expected_json(patient, evidence)
        assert lines[i] == want
        assert assess_json(KB, patient, evidence) == want


def test_vignettes_in_one_chunk() -> None:
    check_chunk(scorer_for(KB), VIGNETTES)


@pytest.mark.parametrize("size", [1, 7])
def test_vignettes_in_small_chunks(size: int) -> None:
    scorer = Scorer(KB)
    for start in range(0, len(VIGNETTES), size):
        chunk = VIGNETTES[start : start + size]
        prepared = [scorer.prepare(p, e) for p, e in chunk]
        assert scorer.render_chunk(prepared) == [expected_json(p, e) for p, e in chunk]


def test_a_record_without_evidence_or_patient() -> None:
    check_chunk(scorer_for(KB), [(Patient(), []), (Patient(age=0.1), [])])


def test_a_forced_exact_sum_changes_nothing() -> None:
    """``triage`` re-sums the probability path exactly near a threshold: same result."""
    scorer = scorer_for(KB)
    prepared = [scorer.prepare(p, e) for p, e in VIGNETTES]
    scores = scorer.score(prepared)
    for i, rec in enumerate(prepared):
        probs, order = scores.probabilities[i].tolist(), scores.order[i].tolist()
        fired = np.flatnonzero(scores.fired[i]).tolist()
        exact = [float("inf")] * scores.mass.shape[1]
        assert scorer.triage(rec, probs, order, fired, exact) == scorer.triage(
            rec, probs, order, fired, scores.mass[i].tolist()
        )


@FAST
@given(chunks(KB))
def test_generated_records_score_as_assess(records: list[Case]) -> None:
    check_chunk(scorer_for(KB), records)


@pytest.mark.deep
@DEEP
@given(chunks(KB))
def test_deep_generated_records_score_as_assess(records: list[Case]) -> None:
    check_chunk(scorer_for(KB), records)
