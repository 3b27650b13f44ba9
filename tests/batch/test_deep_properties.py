"""Properties of the engine and triage that the batch scorer relies on, at high example counts in
``make test-deep`` (a few hundred in ``make test``).

- ``update()`` equals the model of docs/model.md computed independently (plain Python, ``fsum``);
- a finding given by a code, or twice, scores as given once by its id;
- age enters only through its band;
- red-flag rules only ever add up: a present finding more never un-fires a rule;
- the triage level is the strictest reason's level, and those reasons come first;
- the precomputed for/against terms ``assess()`` lists are ``explain()``'s, in its order.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.strategies import evidence_lists, patients
from tests.unit.conftest_kb import KB
from twitchcheck import Evidence, KnowledgeBase, Patient, evaluate, explain, update
from twitchcheck.engine.evidence import normalize
from twitchcheck.engine.explain import for_and_against
from twitchcheck.engine.posterior import prior_weight
from twitchcheck.triage.rules import RANK

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DEEP = settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))


def reference(kb: KnowledgeBase, patient: Patient, evidence: list[Evidence]) -> dict[str, float]:
    """docs/model.md, written out: prior × Π p(f|c) or (1 − p(f|c)) over the evidence that is
    not entailed by other evidence (the closure itself is held by test_hierarchy_properties),
    normalised, in log space."""
    closed = [ev for ev in normalize(kb, evidence) if ev.scored]
    logs = {}
    for c in kb.conditions:
        terms = [math.log(prior_weight(kb, c, patient))]
        for ev in closed:
            p = kb.likelihood[c][ev.id]
            if ev.state == "present":
                terms.append(math.log(p))
            elif ev.state == "absent":
                terms.append(math.log1p(-p))
        logs[c] = math.fsum(terms)
    top = max(logs.values())
    weights = {c: math.exp(v - top) for c, v in logs.items()}
    total = math.fsum(weights.values())
    return {c: w / total for c, w in weights.items()}


def _matches_reference(patient: Patient, evidence: list[Evidence]) -> None:
    post = update(KB, patient, evidence)
    want = reference(KB, patient, evidence)
    for c, p in post.probabilities.items():
        assert p == pytest.approx(want[c], rel=1e-9, abs=1e-12)
    ranked = list(post.probabilities.items())
    assert ranked == sorted(ranked, key=lambda kv: (-kv[1], kv[0]))
    prior = {c: prior_weight(KB, c, patient) for c in KB.conditions}
    total = math.fsum(prior.values())
    for c, p in post.prior.items():
        assert p == pytest.approx(prior[c] / total, rel=1e-9)


def _codes_and_repeats_change_nothing(
    patient: Patient, evidence: list[Evidence], pick: st.DataObject
) -> None:
    coded = []
    for ev in evidence:
        codes = sorted(KB.findings[ev.id].codes.all())
        ref = pick.draw(st.sampled_from(codes)) if codes else ev.id
        coded.append(Evidence(ref.lower() if pick.draw(st.booleans()) else ref, ev.state))
    base = update(KB, patient, evidence)
    assert dict(update(KB, patient, coded).probabilities) == dict(base.probabilities)
    assert dict(update(KB, patient, evidence + evidence).probabilities) == dict(base.probabilities)


def _age_only_through_its_band(patient: Patient, evidence: list[Evidence]) -> None:
    other = Patient(age=KB.band_for(patient.age).min_age, sex=patient.sex)  # same band
    assert dict(update(KB, other, evidence).probabilities) == dict(
        update(KB, patient, evidence).probabilities
    )


def _rules_only_add_up(patient: Patient, evidence: list[Evidence], finding: str) -> None:
    if any(e.id == finding for e in evidence):
        return
    if any(e.state == "absent" and e.id in KB.broader[finding] for e in evidence):
        return  # a kind of something given as absent: refused as a contradiction
    group = KB.findings[finding].exclusive_group
    if group and any(
        e.state == "present" and KB.findings[e.id].exclusive_group == group for e in evidence
    ):
        return
    before = evaluate(KB, patient, update(KB, patient, evidence))
    more = [*evidence, Evidence(finding, "present")]
    after = evaluate(KB, patient, update(KB, patient, more))
    fired = {r.id for r in before.reasons if r.kind == "rule"}
    assert fired <= {r.id for r in after.reasons if r.kind == "rule"}


def _level_is_the_strictest_reason(patient: Patient, evidence: list[Evidence]) -> None:
    triage = evaluate(KB, patient, update(KB, patient, evidence))
    ranks = [RANK[r.level] for r in triage.reasons]
    assert RANK[triage.level] == max(ranks, default=RANK["self_care"])
    assert ranks == sorted(ranks, reverse=True)
    if triage.level != "self_care":
        assert triage.reasons


def _terms_are_explains(patient: Patient, evidence: list[Evidence]) -> None:
    post = update(KB, patient, evidence)
    moved = for_and_against(KB, post.evidence)
    for c in KB.conditions:
        ex = explain(KB, patient, (), c, posterior=post)
        assert moved.get(c, ((), ())) == (ex.supporting, ex.opposing)


@FAST
@given(patients(), evidence_lists(KB))
def test_update_is_the_documented_model(patient: Patient, evidence: list[Evidence]) -> None:
    _matches_reference(patient, evidence)
    _terms_are_explains(patient, evidence)


@FAST
@given(patients(), evidence_lists(KB), st.data())
def test_codes_and_repeats_change_nothing(
    patient: Patient, evidence: list[Evidence], data: st.DataObject
) -> None:
    _codes_and_repeats_change_nothing(patient, evidence, data)


@FAST
@given(patients(), evidence_lists(KB), st.sampled_from(sorted(KB.findings)))
def test_triage_rules_and_level(patient: Patient, evidence: list[Evidence], finding: str) -> None:
    _age_only_through_its_band(patient, evidence)
    _rules_only_add_up(patient, evidence, finding)
    _level_is_the_strictest_reason(patient, evidence)


@pytest.mark.deep
@DEEP
@given(patients(), evidence_lists(KB), st.sampled_from(sorted(KB.findings)), st.data())
def test_deep_engine_and_triage_properties(
    patient: Patient, evidence: list[Evidence], finding: str, data: st.DataObject
) -> None:
    _matches_reference(patient, evidence)
    _terms_are_explains(patient, evidence)
    _codes_and_repeats_change_nothing(patient, evidence, data)
    _age_only_through_its_band(patient, evidence)
    _rules_only_add_up(patient, evidence, finding)
    _level_is_the_strictest_reason(patient, evidence)
