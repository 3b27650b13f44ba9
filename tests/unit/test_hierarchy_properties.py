"""Properties of the findings' hierarchy (``implies``): closure, consistency, safety."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.strategies import evidence_lists, patients
from twitchcheck import ContradictionError, Evidence, Patient, assess, evaluate, update
from twitchcheck.engine.evidence import normalize
from twitchcheck.triage.rules import RANK

from .conftest_kb import KB

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DEEP = settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
NARROWER = sorted(f for f in KB.findings if KB.broader[f])


def test_the_hierarchy_names_the_kinds_of_weakness_and_wasting() -> None:
    for kind in ("foot_drop", "tripping", "wrist_drop", "dropping_things", "difficulty_stairs",
                 "difficulty_rising"):  # fmt: skip
        assert "weakness" in KB.broader[kind], kind
    for kind in ("hand_wasting", "tongue_wasting"):
        assert "muscle_wasting" in KB.broader[kind], kind


def _consistent(items: tuple[Evidence, ...]) -> None:
    states = {e.id: e.state for e in items}
    assert len(states) == len(items)  # one state per finding
    for e in items:
        if e.state == "present":
            for parent in KB.broader[e.id]:
                assert states.get(parent) == "present", (e.id, parent)
        if e.state == "absent":
            for child in KB.narrower.get(e.id, ()):
                assert states.get(child) == "absent", (e.id, child)


def _closure(evidence: list[Evidence]) -> None:
    once = normalize(KB, evidence)
    _consistent(once)
    assert normalize(KB, once) == once  # idempotent


def _more_specific_never_lowers(patient: Patient, evidence: list[Evidence], kind: str) -> None:
    rest = [
        e
        for e in evidence
        if e.id != kind and not (e.state == "absent" and e.id in KB.broader[kind])
    ]
    before = evaluate(KB, patient, update(KB, patient, rest)).level
    after = evaluate(KB, patient, update(KB, patient, [*rest, Evidence(kind, "present")])).level
    assert RANK[after] >= RANK[before], (before, after)


def _result_never_shows_a_parent_absent(patient: Patient, evidence: list[Evidence]) -> None:
    result = assess(KB, patient, evidence)
    _consistent(result.evidence)
    present = {e.id for e in result.evidence if e.state == "present"}
    implied = {p for f in present for p in KB.broader[f]}
    for c in result.conditions:
        for t in (*c.supporting, *c.opposing):
            assert not (t.finding in implied and t.state == "absent"), (c.id, t.finding)


@FAST
@given(evidence_lists(KB))
def test_closure_is_consistent_and_idempotent(evidence: list[Evidence]) -> None:
    _closure(evidence)


@FAST
@given(patients(), evidence_lists(KB, max_size=8), st.sampled_from(NARROWER))
def test_a_more_specific_present_finding_never_lowers_the_triage(
    patient: Patient, evidence: list[Evidence], kind: str
) -> None:
    _more_specific_never_lowers(patient, evidence, kind)


@FAST
@given(patients(), evidence_lists(KB))
def test_no_result_shows_a_present_kind_with_its_parent_absent(
    patient: Patient, evidence: list[Evidence]
) -> None:
    _result_never_shows_a_parent_absent(patient, evidence)


@pytest.mark.deep
@DEEP
@given(patients(), evidence_lists(KB), st.sampled_from(NARROWER))
def test_deep_hierarchy_properties(patient: Patient, evidence: list[Evidence], kind: str) -> None:
    _closure(evidence)
    _more_specific_never_lowers(patient, evidence, kind)
    _result_never_shows_a_parent_absent(patient, evidence)


@pytest.mark.parametrize("kind", NARROWER)
def test_every_kind_beside_its_parent_absent_is_refused_by_name(kind: str) -> None:
    parent = KB.broader[kind][0]
    with pytest.raises(ContradictionError, match=f"{kind}.*kind of '{parent}'"):
        update(KB, Patient(50, "male"), [Evidence(kind, "present"), Evidence(parent, "absent")])
