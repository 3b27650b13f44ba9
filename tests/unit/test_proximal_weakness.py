"""Where the weakness is (review D7): thyroid, parathyroid and steroid muscle weakness is in the
hips and shoulders, so a dropped foot and toes that catch point to a nerve or nerve root, not to
those causes; a weakness at the hips still points to them."""

from __future__ import annotations

import pytest

from twitchcheck import Evidence, KnowledgeBase, Patient, assess

PROXIMAL = ("hyperthyroidism", "hypothyroidism", "hyperparathyroidism", "corticosteroid_effect")


def _ranked(kb: KnowledgeBase, age: int, present: list[str], absent: list[str]) -> list[str]:
    ev = [Evidence(f, "present") for f in present] + [Evidence(f, "absent") for f in absent]
    return [c.id for c in assess(kb, Patient(age=age, sex="female"), ev).conditions]


@pytest.mark.parametrize("cause", PROXIMAL)
def test_a_dropped_foot_is_not_read_as_their_weakness(kb: KnowledgeBase, cause: str) -> None:
    for f in ("foot_drop", "tripping"):
        lk = next(x for x in kb.conditions[cause].likelihoods if x.finding == f)
        assert lk.p <= kb.findings[f].background.p * 2.5, (cause, f)


def test_a_painless_dropped_foot_points_to_the_peroneal_nerve(kb: KnowledgeBase) -> None:
    present = ["foot_drop", "tripping", "twitch_legs", "duration_weeks"]
    absent = ["numbness_tingling", "pain", "sciatica", "weakness_progressive"]
    ranked = _ranked(kb, 71, present, absent)
    assert ranked[0] == "common_peroneal_neuropathy"
    for cause in PROXIMAL:
        assert ranked.index(cause) > ranked.index("common_peroneal_neuropathy")


def test_weak_hips_still_point_to_the_thyroid(kb: KnowledgeBase) -> None:
    present = ["difficulty_rising", "difficulty_stairs", "heat_intolerance_palpitations"]
    ranked = _ranked(kb, 35, [*present, "weight_loss", "tremor", "twitch_arms"], [])
    assert ranked[0] == "hyperthyroidism"
