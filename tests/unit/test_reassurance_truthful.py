"""Issue 16 item 5, truthful reassurance: "rare at this age" only where the age band's prior is
well below the cause's average over the age bands, and never a word of reassurance about ALS
while a red flag the person has speaks for it. The batch scorer says the same as assess()."""

from __future__ import annotations

import json

import pytest

from tests.unit.conftest_kb import KB
from twitchcheck import Evidence, Patient, assess
from twitchcheck.assessment.assess import mean_band_prior
from twitchcheck.batch.scorer import assess_json, scorer_for

CALM = [Evidence("twitch_legs", "present"), Evidence("weakness", "absent")]


def _als(age: float, evidence: list[Evidence]) -> dict[str, object] | None:
    result = assess(KB, Patient(age=age), evidence)
    return next((r for r in result.to_dict()["reassurance"] if r["condition"] == "als"), None)


@pytest.mark.parametrize("age", [22.0, 35.0])
def test_als_is_rare_at_a_young_age(age: float) -> None:
    calm = _als(age, CALM)
    assert calm is not None and calm["rare_at_this_age"] is True


@pytest.mark.parametrize("age", [55.0, 66.0, 75.0])
def test_als_is_not_called_rare_in_the_decades_of_its_peak(age: float) -> None:
    calm = _als(age, CALM)
    assert calm is not None, "still unlikely, with what argues against it"
    assert calm["rare_at_this_age"] is False


def test_rare_means_well_below_the_average_over_the_age_bands() -> None:
    policy = KB.policy.reassurance
    for age in (22.0, 35.0, 55.0, 66.0, 75.0):
        result = assess(KB, Patient(age=age), CALM)
        als = next(c for c in result.conditions if c.id == "als")
        calm = next(r for r in result.reassurance if r.condition == "als")
        expected = (
            als.prior < policy.rare_prior_below
            and als.prior < policy.rare_relative_below * mean_band_prior(KB, "als")
        )
        assert calm.rare_at_this_age is expected


@pytest.mark.parametrize(
    "red_flag", ["foot_drop", "dropping_things", "speech_difficulty", "muscle_wasting"]
)
@pytest.mark.parametrize("age", [30.0, 66.0])
def test_no_reassurance_about_als_while_a_red_flag_speaks_for_it(red_flag: str, age: float) -> None:
    evidence = [Evidence("twitch_legs", "present"), Evidence(red_flag, "present")]
    result = assess(KB, Patient(age=age), evidence)
    assert all(r.condition != "als" for r in result.reassurance), (red_flag, age)
    # the batch scorer, both shapes, says the same
    full = json.loads(assess_json(KB, Patient(age=age), evidence))
    assert full["reassurance"] == result.to_dict()["reassurance"] == []
    scorer = scorer_for(KB)
    rec = scorer.prepare(Patient(age=age), evidence)
    s = scorer.score([rec])
    p, order = s.probabilities[0].tolist(), s.order[0].tolist()
    summary = scorer.summary(rec, p, order, scorer.fired_one(rec), s.mass[0].tolist())
    assert summary["reassurance"] == []


def test_a_red_flag_against_als_does_not_withhold_the_reassurance() -> None:
    # numbness is a red flag that argues against ALS (sensory signs): the calm words stay
    evidence = [*CALM, Evidence("numbness_tingling", "present")]
    assert _als(30.0, evidence) is not None
