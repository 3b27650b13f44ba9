"""Medicines by class (issue 16, item 3): antidepressants and steroid tablets are their own causes
with their own numbers, a named medicine dominates the generic "a medicine", and a person still
reads one line, "a side effect of a medicine", naming the likeliest kind."""

from __future__ import annotations

from twitchcheck import Evidence, KnowledgeBase, Patient, assess
from twitchcheck.assessment.result import Assessment, FamilyResult
from twitchcheck.engine.evidence import Sex


def _run(
    kb: KnowledgeBase, age: int, sex: Sex, present: list[str], absent: tuple[str, ...] = ()
) -> Assessment:
    ev = [Evidence(f, "present") for f in present] + [Evidence(f, "absent") for f in absent]
    return assess(kb, Patient(age=age, sex=sex), ev)


def _rank(result: Assessment) -> list[str]:
    return [c.id for c in result.conditions]


def test_a_named_antidepressant_points_to_the_antidepressant(kb: KnowledgeBase) -> None:
    # three weeks after starting sertraline, jerks everywhere, anxious
    present = ["med_ssri", "med_new_medicine", "twitch_widespread", "anxious_mood"]
    result = _run(kb, 31, "male", [*present, "duration_weeks"], ("weakness",))
    ranked = _rank(result)
    assert ranked[0] == "antidepressant_effect"
    assert ranked.index("antidepressant_effect") < ranked.index("medication_side_effect")
    line = result.lay_lines()[0]
    assert isinstance(line, FamilyResult) and line.id == "medicine"
    assert line.members[0] == "antidepressant_effect"


def test_a_steroid_course_points_to_the_steroid(kb: KnowledgeBase) -> None:
    present = ["med_steroids", "med_new_medicine", "tremor", "trigger_sleep_loss", "twitch_arms"]
    result = _run(kb, 45, "female", [*present, "duration_days"])
    ranked = _rank(result)
    assert ranked[0] == "corticosteroid_effect"
    assert ranked.index("corticosteroid_effect") < ranked.index("medication_side_effect")


def test_another_medicine_stays_with_the_other_medicines(kb: KnowledgeBase) -> None:
    # an ADHD stimulant just started: not an antidepressant or a steroid
    present = ["stimulant_drugs", "med_new_medicine", "tremor", "twitch_arms", "duration_days"]
    ranked = _rank(_run(kb, 24, "male", present, ("med_ssri", "med_steroids")))
    assert ranked.index("medication_side_effect") < ranked.index("antidepressant_effect")
    assert ranked.index("medication_side_effect") < ranked.index("corticosteroid_effect")


def test_an_unasked_medicine_is_said_as_only_if(kb: KnowledgeBase) -> None:
    result = _run(kb, 31, "male", ["med_new_medicine", "twitch_widespread", "duration_weeks"])
    by_id = {c.id: c for c in result.conditions}
    assert by_id["antidepressant_effect"].exposure_unknown == ("med_ssri",)
    assert by_id["corticosteroid_effect"].exposure_unknown == ("med_steroids",)
    said_no = _run(kb, 31, "male", ["med_new_medicine", "twitch_widespread"], ("med_ssri",))
    assert {c.id: c for c in said_no.conditions}["antidepressant_effect"].exposure_unknown == ()


def test_serotonin_toxicity_signs_still_escalate_on_an_antidepressant(kb: KnowledgeBase) -> None:
    present = ["med_ssri", "med_new_medicine", "agitation", "clonus", "fever", "twitch_legs"]
    result = _run(kb, 29, "female", present)
    assert result.triage.level == "emergency"
    assert _rank(result)[0] == "antidepressant_effect"
