"""Issues 12 and 16: a diagnosis the person names is stated only when they say they have it.

A diagnosis (kb ``diagnosis: true``: HIV, kidney failure, cancer, polio, a known multiple
sclerosis or myasthenia gravis) named as a fear, a question or a test is nothing the person
said they have; a negative result says they do not; a normal said of a diagnosis is how it is
going. Each test reads phrasings written for it, with controls.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.text.reading import states_on
from twitchcheck import Evidence, KnowledgeBase, Patient, assess

TODAY = date(2026, 12, 7)
_states = states_on(TODAY)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my calves twitch and I'm scared it could be HIV", "hiv"),
        ("I'm convinced I have HIV, my legs jump at night", "hiv"),
        ("terrified of getting cancer, my arm twitches", "cancer_history"),
        ("i keep worrying its lung cancer", "cancer_history"),
        ("I fear I may have cancer", "cancer_history"),
        ("is this kidney failure? my calves cramp", "kidney_failure"),
        ("could it be kidney failure", "kidney_failure"),
        ("Do I have HIV? my thighs twitch", "hiv"),
        ("can HIV cause twitching?", "hiv"),
        ("worried I have MS, my eyelid flickers", "multiple_sclerosis_known"),
        ("so scared it's multiple sclerosis", "multiple_sclerosis_known"),
        ("could this be myasthenia? my eyelid droops", "myasthenia_known"),
        ("googled my symptoms and now I'm panicking it's myasthenia gravis", "myasthenia_known"),
    ],
)
def test_a_diagnosis_feared_or_asked_about_is_not_stated(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert finding not in _states(kb, text), text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I have HIV and my legs twitch", "hiv"),
        ("worried because I have HIV", "hiv"),
        ("worried about my kidney failure", "kidney_failure"),
        ("I had breast cancer in 2019, now my arm ripples", "cancer_history"),
        ("is this the cancer back?", "cancer_history"),
        ("I have kidney failure, is this related?", "kidney_failure"),
        ("I've had MS for ten years and my face ripples", "multiple_sclerosis_known"),
        ("diagnosed with MS in 2015", "multiple_sclerosis_known"),
        ("stopped my Tecfidera in the spring, now my lip quivers", "multiple_sclerosis_known"),
        ("I have myasthenia gravis and take pyridostigmine", "myasthenia_known"),
        ("my neurologist put up my mestinon last week", "myasthenia_known"),
    ],
)
def test_a_diagnosis_the_person_has_is_still_stated(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("tested negative for HIV last month", "absent"),
        ("my HIV test came back negative", "absent"),
        ("they tested me for HIV and it was clear", "absent"),
        ("negative for HIV", "absent"),
        ("I tested positive for HIV two years ago", "present"),
        ("they tested me for HIV, still waiting", None),
    ],
)
def test_a_tested_diagnosis_is_what_the_result_says(
    kb: KnowledgeBase, text: str, state: str | None
) -> None:
    assert _states(kb, text).get("hiv") == state, text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("HIV undetectable, all good", "hiv"),
        ("my MS nurse said it's fine", "multiple_sclerosis_known"),
        ("my myasthenia is well controlled", "myasthenia_known"),
    ],
)
def test_a_normal_said_of_a_diagnosis_is_how_it_goes(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    "text",
    [
        "no HIV, no kidney problems",
        "I'm HIV negative",
        "never had cancer",
    ],
)
def test_a_denied_diagnosis_is_still_absent(kb: KnowledgeBase, text: str) -> None:
    states = _states(kb, text)
    assert "present" not in {states.get(f) for f in ("hiv", "cancer_history")}, text
    assert set(states.values()) <= {"absent"}, text


@pytest.mark.parametrize(
    "text",
    ["finished prednisolone for hives and my eyelid twitches", "I get hives when stressed"],
)
def test_hives_is_no_hiv(kb: KnowledgeBase, text: str) -> None:
    assert "hiv" not in _states(kb, text), text


@pytest.mark.parametrize(
    "text",
    ["Ms Jones at work says my eye twitches", "my mum has multiple sclerosis"],
)
def test_ms_said_of_someone_else_or_as_a_title_is_no_known_ms(kb: KnowledgeBase, text: str) -> None:
    assert "multiple_sclerosis_known" not in _states(kb, text), text


def _rank(kb: KnowledgeBase, cause: str, present: list[str], age: float, sex: str) -> int:
    result = assess(
        kb,
        Patient(age=age, sex=sex),  # type: ignore[arg-type]
        [Evidence(id=f, state="present") for f in present],
    )
    return [c.id for c in result.conditions].index(cause) + 1


def test_a_known_myasthenia_brings_it_forward_for_cholinergic_twitching(kb: KnowledgeBase) -> None:
    # treated myasthenia, twitching and cramps after a dose increase (Punga 2008)
    findings = ["med_new_medicine", "twitch_widespread", "cramps", "weakness", "duration_days"]
    assert _rank(kb, "myasthenia_gravis", findings, 45, "female") > 3
    assert _rank(kb, "myasthenia_gravis", [*findings, "myasthenia_known"], 45, "female") <= 3


def _probability(kb: KnowledgeBase, cause: str, present: list[str], age: float, sex: str) -> float:
    result = assess(
        kb,
        Patient(age=age, sex=sex),  # type: ignore[arg-type]
        [Evidence(id=f, state="present") for f in present],
    )
    return next(c.probability for c in result.conditions if c.id == cause)


def test_a_known_ms_brings_it_forward_for_facial_rippling(kb: KnowledgeBase) -> None:
    # continuous perioral rippling in relapsing MS after stopping treatment (Clay 2020)
    findings = ["twitch_perioral", "twitch_continuous_rippling", "numbness_tingling", "fatigue"]
    known = [*findings, "multiple_sclerosis_known"]
    assert _rank(kb, "multiple_sclerosis", known, 54, "female") == 1
    assert _probability(kb, "multiple_sclerosis", known, 54, "female") > _probability(
        kb, "multiple_sclerosis", findings, 54, "female"
    )


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (
            "Years ago my vision went double for an afternoon and never came back. My eyesight "
            "is perfectly fine now, it's my eyelid that flickers.",
            "vision_change",
        ),
        (
            "After my disc surgery in 2019 I was numb round my bum for a while but it recovered "
            "fully. No numbness in the saddle area now. Calves twitching.",
            "saddle_anaesthesia",
        ),
        (
            "My ear went muffled on a flight in May and then cleared. My hearing is normal now. "
            "Eye twitching for a month.",
            "hearing_change",
        ),
    ],
)
def test_a_problem_said_over_and_denied_now_is_absent(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "absent", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        # said over, not denied now: kept as stated, the safer reading
        (
            "couldn't swallow for a day last spring, fine ever since. now my calf twitches",
            "swallowing_difficulty",
        ),
        # a relapse after it: present
        (
            "my vision went double last year and cleared up, but this week it's back. vision "
            "is fine in the mornings",
            "vision_change",
        ),
        # "gone" as become, not over
        ("I'm fine swallowing, it's my speech that's gone a bit funny", "speech_difficulty"),
        # another problem between it and the word that ends it
        (
            "I can't swallow properly and my eye twitch went away. swallowing is fine with water",
            "swallowing_difficulty",
        ),
    ],
)
def test_a_problem_not_plainly_over_stays_stated(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        ("twitching in my back and arms", {"twitch_trunk", "twitch_arms"}),
        ("twitching in my back and thighs for weeks", {"twitch_trunk", "twitch_legs"}),
        ("twitches in my back, arms and legs", {"twitch_trunk", "twitch_arms", "twitch_legs"}),
        ("twitching on the back of my arm", {"twitch_arms"}),
        ("the back of my thigh twitches", {"twitch_legs"}),
    ],
)
def test_back_first_in_a_list_of_sites_is_the_back(
    kb: KnowledgeBase, text: str, sites: set[str]
) -> None:
    read = {f for f, s in _states(kb, text).items() if f.startswith("twitch_") and s == "present"}
    assert sites <= read, text
    if sites == {"twitch_arms"} or sites == {"twitch_legs"}:
        assert "twitch_trunk" not in read, text


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("High arches, skinny lower legs, and my feet drag when I'm tired", "present"),
        ("both my feet are dragging and slapping the pavement", "present"),
        ("I dragged my feet on the decision to see a doctor, calf twitching", None),
    ],
)
def test_both_feet_dragging_is_foot_drop_and_the_idiom_is_not(
    kb: KnowledgeBase, text: str, state: str | None
) -> None:
    assert _states(kb, text).get("foot_drop") == state, text


def test_an_organophosphate_named_is_the_exposure_not_its_signs(kb: KnowledgeBase) -> None:
    states = _states(kb, "used an organophosphate spray on the roses, now my calves twitch")
    assert states.get("insecticide_exposure") == "present"
    assert "cholinergic_signs" not in states
    poisoned = _states(
        kb, "sprayed the shed with an organophosphate this morning, now drooling and sweating"
    )
    assert poisoned.get("insecticide_exposure") == "present"
    assert poisoned.get("cholinergic_signs") == "present"
