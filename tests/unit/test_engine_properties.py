"""Hypothesis properties of the engine on the real knowledge base."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.strategies import evidence_lists, patients
from twitchcheck import Evidence, KnowledgeBase, Patient, update

from .conftest_kb import KB

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DEEP = settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))


def _sums_to_one(kb: KnowledgeBase, patient: Patient, evidence: list[Evidence]) -> None:
    post = update(kb, patient, evidence)
    probs = list(post.probabilities.values())
    assert all(0.0 <= p <= 1.0 for p in probs)
    assert math.fsum(probs) == pytest.approx(1.0, abs=1e-9)
    assert probs == sorted(probs, reverse=True)
    assert set(post.probabilities) == set(kb.conditions)


def _order_does_not_matter(
    kb: KnowledgeBase, patient: Patient, evidence: list[Evidence], seed: int
) -> None:
    shuffled = list(evidence)
    import random

    random.Random(seed).shuffle(shuffled)
    a = update(kb, patient, evidence).probabilities
    b = update(kb, patient, shuffled).probabilities
    for cid in kb.conditions:
        assert a[cid] == pytest.approx(b[cid], abs=1e-12)


def _unknown_is_a_no_op(kb: KnowledgeBase, patient: Patient, evidence: list[Evidence]) -> None:
    known = [e for e in evidence if e.state != "unknown"]
    given_ids = {e.id for e in evidence}
    extra = [Evidence(f, "unknown") for f in sorted(kb.findings) if f not in given_ids][:5]
    base = update(kb, patient, known).probabilities
    with_unknown = update(kb, patient, evidence + extra).probabilities
    for cid in kb.conditions:
        assert base[cid] == pytest.approx(with_unknown[cid], abs=1e-12)


def _supporting_finding_never_lowers(
    kb: KnowledgeBase, patient: Patient, evidence: list[Evidence], finding: str
) -> None:
    """A finding at least as likely under cause c as under every other cause never lowers c.

    Not asked when the evidence names a finding it implies: given absent, adding it is a
    contradiction (refused); given present, the finding takes its place in the score (the kind
    replaces the broader finding, see docs/model.md), which is a different comparison."""
    if any(e.id == finding or e.id in kb.broader[finding] for e in evidence):
        return
    group = kb.findings[finding].exclusive_group
    if group and any(
        e.state == "present" and kb.findings[e.id].exclusive_group == group for e in evidence
    ):
        return
    before = update(kb, patient, evidence).probabilities
    after = update(kb, patient, [*evidence, Evidence(finding, "present")]).probabilities
    lik = kb.likelihood
    for cid in kb.conditions:
        if all(lik[cid][finding] >= lik[other][finding] for other in kb.conditions):
            assert after[cid] >= before[cid] - 1e-12


@FAST
@given(patients(), evidence_lists(KB))
def test_probabilities_sum_to_one(patient: Patient, evidence: list[Evidence]) -> None:
    _sums_to_one(KB, patient, evidence)


@FAST
@given(patients(), evidence_lists(KB), st.integers())
def test_evidence_order_does_not_matter(
    patient: Patient, evidence: list[Evidence], seed: int
) -> None:
    _order_does_not_matter(KB, patient, evidence, seed)


@FAST
@given(patients(), evidence_lists(KB))
def test_unknown_changes_nothing(patient: Patient, evidence: list[Evidence]) -> None:
    _unknown_is_a_no_op(KB, patient, evidence)


@FAST
@given(patients(), evidence_lists(KB), st.sampled_from(sorted(KB.findings)))
def test_supporting_finding_never_lowers_its_cause(
    patient: Patient, evidence: list[Evidence], finding: str
) -> None:
    _supporting_finding_never_lowers(KB, patient, evidence, finding)


@pytest.mark.deep
@DEEP
@given(patients(), evidence_lists(KB), st.integers(), st.sampled_from(sorted(KB.findings)))
def test_deep_engine_properties(
    patient: Patient, evidence: list[Evidence], seed: int, finding: str
) -> None:
    _sums_to_one(KB, patient, evidence)
    _order_does_not_matter(KB, patient, evidence, seed)
    _unknown_is_a_no_op(KB, patient, evidence)
    _supporting_finding_never_lowers(KB, patient, evidence, finding)
