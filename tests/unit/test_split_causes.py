"""The causes split out of lumped ones, and what came with them (issue 16, item 3): a named
inhaler beats the generic caffeine trigger, myokymia in sleep with sweating is Isaacs syndrome and
not MMN/CIDP, hyperhidrosis coded by a clinician is sweating and not a poisoning sign, and tingling
round the lips is at least a routine calcium check."""

from __future__ import annotations

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
