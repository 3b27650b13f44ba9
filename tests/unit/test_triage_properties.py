"""Safety properties of triage: a red flag only ever raises the level."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.strategies import evidence_lists, patients
from twitchcheck import Evidence, Patient, evaluate, update
from twitchcheck.triage.rules import RANK

from .conftest_kb import KB

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DEEP = settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
RED_FLAGS = sorted(f.id for f in KB.findings.values() if f.red_flag)


def _level(patient: Patient, evidence: list[Evidence]) -> str:
    return evaluate(KB, patient, update(KB, patient, evidence)).level


def _without(evidence: list[Evidence], flag: str) -> list[Evidence]:
    """The evidence that can stand beside ``flag`` present: not the flag itself, and none of the
    broader findings it implies given as absent (that would contradict it)."""
    return [
        e
        for e in evidence
        if e.id != flag and not (e.state == "absent" and e.id in KB.broader[flag])
    ]


def _adding_red_flag_never_lowers(patient: Patient, evidence: list[Evidence], flag: str) -> None:
    rest = _without(evidence, flag)
    before = _level(patient, rest)
    after = _level(patient, [*rest, Evidence(flag, "present")])
    assert RANK[after] >= RANK[before]
    assert RANK[after] >= RANK["urgent"]


def _red_flag_keeps_level_whatever_else(
    patient: Patient, evidence: list[Evidence], flag: str
) -> None:
    """Removing any other evidence never brings a red-flag case down to self_care or routine."""
    full = [*_without(evidence, flag), Evidence(flag, "present")]
    for i in range(len(full) - 1):
        reduced = full[:i] + full[i + 1 :]
        assert RANK[_level(patient, reduced)] >= RANK["urgent"]


def test_there_are_red_flags() -> None:
    assert len(RED_FLAGS) >= 20


@FAST
@given(patients(), evidence_lists(KB), st.sampled_from(RED_FLAGS))
def test_adding_a_red_flag_never_lowers_triage(
    patient: Patient, evidence: list[Evidence], flag: str
) -> None:
    _adding_red_flag_never_lowers(patient, evidence, flag)


@FAST
@given(patients(), evidence_lists(KB, max_size=6), st.sampled_from(RED_FLAGS))
def test_removing_evidence_never_hides_a_red_flag(
    patient: Patient, evidence: list[Evidence], flag: str
) -> None:
    _red_flag_keeps_level_whatever_else(patient, evidence, flag)


@pytest.mark.deep
@DEEP
@given(patients(), evidence_lists(KB), st.sampled_from(RED_FLAGS))
def test_deep_red_flag_properties(patient: Patient, evidence: list[Evidence], flag: str) -> None:
    _adding_red_flag_never_lowers(patient, evidence, flag)
    _red_flag_keeps_level_whatever_else(patient, evidence[:6], flag)
