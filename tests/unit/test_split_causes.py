"""The causes split out of lumped ones, and what came with them (issue 16, item 3): a named
inhaler beats the generic caffeine trigger, myokymia in sleep with sweating is Isaacs syndrome and
not MMN/CIDP, hyperhidrosis coded by a clinician is sweating and not a poisoning sign, and tingling
round the lips is at least a routine calcium check; low calcium, potassium and magnesium are three
causes with their own numbers, so a water-tablet user's weakness does not borrow the tingling of
low calcium (clinical review D7, D8)."""

from __future__ import annotations

import pytest

from twitchcheck import Evidence, KnowledgeBase, Patient, assess
from twitchcheck.assessment.result import Assessment
from twitchcheck.engine.evidence import Sex


def _run(
    kb: KnowledgeBase, age: int, sex: Sex, present: list[str], absent: tuple[str, ...] = ()
) -> Assessment:
    ev = [Evidence(f, "present") for f in present] + [Evidence(f, "absent") for f in absent]
    return assess(kb, Patient(age=age, sex=sex), ev)


def test_a_named_reliever_inhaler_beats_caffeine(kb: KnowledgeBase) -> None:
    # the clinical review's P23: a teenager who named his inhaler got caffeine 57 %
    present = ["med_salbutamol", "tremor", "heat_intolerance_palpitations", "twitch_arms"]
    result = _run(kb, 15, "male", [*present, "duration_days"], ("weakness",))
    assert result.conditions[0].id == "beta2_agonist_effect"
    assert result.conditions[0].exposure_unknown == ()


def test_myokymia_in_sleep_with_sweating_is_isaacs_not_mmn(kb: KnowledgeBase) -> None:
    present = ["twitch_continuous_rippling", "twitch_legs", "twitch_in_sleep", "stiffness"]
    result = _run(kb, 50, "male", [*present, "cramps", "sweating_excessive", "duration_months"])
    ranked = [c.id for c in result.conditions]
    assert ranked[0] == "isaacs_syndrome"
    assert ranked.index("isaacs_syndrome") < ranked.index("autoimmune_neuropathy")


def test_hyperhidrosis_coded_is_sweating_not_a_poisoning_sign(kb: KnowledgeBase) -> None:
    result = _run(kb, 40, "female", ["HP:0000975"])
    assert {e.id for e in result.evidence} >= {"sweating_excessive"}
    assert "cholinergic_signs" not in {e.id for e in result.evidence}
    assert result.triage.level != "emergency"


def test_tingling_lips_after_panic_is_a_routine_calcium_check(kb: KnowledgeBase) -> None:
    present = ["tingling_lips_fingers", "anxious_mood", "trigger_stress", "twitch_arms"]
    result = _run(kb, 24, "female", present, ("thyroid_neck_surgery", "tetany"))
    assert result.triage.level == "routine"
    assert any(r.id == "perioral_tingling" for r in result.triage.reasons)


# -- the pooled salt disturbance split into low calcium, potassium and magnesium -------------


def _rank(result: Assessment) -> list[str]:
    return [c.id for c in result.conditions]


def test_the_pooled_salt_cause_is_gone_and_its_three_parts_keep_its_prior(
    kb: KnowledgeBase,
) -> None:
    assert "electrolyte_imbalance" not in kb.conditions
    parts = [kb.conditions[c] for c in ("hypocalcaemia", "hypokalaemia", "hypomagnesaemia")]
    # the former pooled figure by age band: the split shares it, it does not add to it
    pooled = {"infant": 0.03, "adult_18_29": 0.02, "adult_50_59": 0.035, "adult_80_plus": 0.08}
    for band, value in pooled.items():
        assert sum(getattr(c.prior.by_age, band) for c in parts) == pytest.approx(value)


def test_tingling_lips_days_after_thyroid_surgery_is_low_calcium(kb: KnowledgeBase) -> None:
    present = ["thyroid_neck_surgery", "tingling_lips_fingers", "twitch_perioral", "duration_days"]
    result = _run(kb, 45, "female", present)
    assert _rank(result)[0] == "hypocalcaemia"
    assert result.triage.level == "emergency"  # the neck-surgery rule, unchanged by the split


def test_weakness_and_cramps_on_a_diuretic_after_diarrhoea_is_low_potassium(
    kb: KnowledgeBase,
) -> None:
    present = ["med_diuretic", "weakness", "cramps", "vomiting_diarrhoea_prolonged", "twitch_legs"]
    result = _run(kb, 70, "male", [*present, "duration_days"])
    assert _rank(result)[0] == "hypokalaemia"


def test_tremor_and_twitching_on_a_long_term_ppi_is_low_magnesium(kb: KnowledgeBase) -> None:
    present = ["med_ppi_long_term", "tremor", "twitch_widespread", "duration_months"]
    result = _run(kb, 60, "female", present)
    assert _rank(result)[0] == "hypomagnesaemia"


def test_a_diuretic_users_weakness_does_not_borrow_the_low_calcium_profile(
    kb: KnowledgeBase,
) -> None:
    # the review's D7/D8: with one pooled cause, weakness on a water tablet carried the tingling
    # and tetany of low calcium with it; now weakness lifts potassium, not calcium
    base = ["med_diuretic", "cramps", "twitch_arms"]
    without = _run(kb, 72, "female", base)
    weak = _run(kb, 72, "female", [*base, "weakness"])
    p = {c.id: c.probability for c in weak.conditions}
    p0 = {c.id: c.probability for c in without.conditions}
    assert p["hypokalaemia"] > 5 * p["hypocalcaemia"]
    assert p["hypokalaemia"] > p0["hypokalaemia"]
    assert p["hypocalcaemia"] < p0["hypocalcaemia"]
    assert _rank(weak)[0] == "hypokalaemia"


def test_focal_wasting_over_months_is_not_put_down_to_a_salt(kb: KnowledgeBase) -> None:
    # D7: a low salt weakens both sides over days; it does not waste one set of muscles for months
    present = ["weakness", "cramps", "med_diuretic", "twitch_arms", "muscle_wasting"]
    result = _run(kb, 72, "female", [*present, "duration_months"])
    salts = {"hypocalcaemia", "hypokalaemia", "hypomagnesaemia"}
    assert _rank(result)[0] not in salts
    p = {c.id: c.probability for c in result.conditions}
    assert p["als"] > max(p[s] for s in salts)


@pytest.mark.parametrize(
    ("lab", "cause"),
    [
        ("lab_low_calcium", "hypocalcaemia"),
        ("lab_low_potassium", "hypokalaemia"),
        ("lab_low_magnesium", "hypomagnesaemia"),
    ],
)
def test_each_low_salt_result_points_to_its_own_cause(
    kb: KnowledgeBase, lab: str, cause: str
) -> None:
    result = _run(kb, 55, "female", [lab, "cramps", "twitch_legs"])
    assert _rank(result)[0] == cause


def test_rippling_after_a_thymoma_is_isaacs_not_a_sensory_paraneoplastic_neuropathy(
    kb: KnowledgeBase,
) -> None:
    # neuromyotonia heralding a recurrent thymoma (JAMA Neurol 2013): a fifth of Isaacs syndrome
    # is paraneoplastic, so a cancer history speaks for it
    present = ["twitch_widespread", "twitch_continuous_rippling", "cancer_history", "cramps"]
    result = _run(kb, 53, "male", [*present, "sweating_excessive", "pain", "duration_weeks"])
    ranked = [c.id for c in result.conditions]
    assert ranked.index("isaacs_syndrome") < ranked.index("paraneoplastic_neuropathy")
    assert ranked.index("isaacs_syndrome") <= 2
    assert any(
        t.finding == "cancer_history"
        for t in result.conditions[ranked.index("isaacs_syndrome")].supporting
    )
