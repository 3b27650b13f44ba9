"""Issue 12: classes of misreading found on fresh batch 24's development messages (forms and
lists, questions told in prose, comparisons with a relative), each in phrasings written for the
test, with controls.

- A question someone else asked, told in prose, states nothing by itself; the writer's answer
  says the state ("the GP asked about swallowing, I said it's fine" is no trouble swallowing).
- A denial carries along its list past ConText's reach, and a "No:" heading denies its list.
- A comparison with a relative ("compared with her brother's") leaves the finding the person's.
- Dark urine with severe muscle pain is muscle pain (kb ``implies``).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.text.reading import states_on
from twitchcheck import Evidence, KnowledgeBase, Patient, assess

TODAY = date(2026, 12, 7)
_states = states_on(TODAY)


@pytest.mark.parametrize(
    ("text", "finding", "state"),
    [
        ("the GP asked about swallowing, I said it's fine", "swallowing_difficulty", "absent"),
        ("she asked whether my legs were weak and I said no", "weakness", "absent"),
        ("my boyfriend asked if I'd noticed any weakness and I told him no", "weakness", "absent"),
        ("the nurse asked about tingling anywhere - none", "numbness_tingling", "absent"),
        (
            "the pharmacist asked if my pee goes dark after the gym - no",
            "dark_urine_muscle_pain",
            "absent",
        ),
        ("the physio asked if I'm tripping more. Yeah, I am", "tripping", "present"),
        (
            "the paramedic asked if my lips were tingling - yes, and my fingertips",
            "tingling_lips_fingers",
            "present",
        ),
        ("she asked if my balance was off - maybe? I don't know", "balance_trouble", "unknown"),
        (
            "the doctor asked about double vision. Honestly yes, when I look left",
            "vision_change",
            "present",
        ),
    ],
)
def test_a_question_told_in_prose_takes_the_writers_answer(
    kb: KnowledgeBase, text: str, finding: str, state: str
) -> None:
    assert _states(kb, text).get(finding) == state, text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        # asked, not said
        ("the GP asked about swallowing and took some bloods", "swallowing_difficulty"),
        ("she asked if I'd had any trouble peeing", "bladder_bowel"),
        # a "no" taken back answers nothing
        (
            "she asked if I'd had any trouble peeing. I said no, but thinking about it I do",
            "bladder_bowel",
        ),
    ],
)
def test_a_question_with_no_answer_states_nothing(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) != "absent", text
    if "thinking about it" not in text:
        assert finding not in _states(kb, text), text


@pytest.mark.parametrize(
    ("text", "finding", "state"),
    [
        # the writer's own question; a problem the question presumes
        (
            "I asked the GP about my swallowing, it's getting worse",
            "swallowing_difficulty",
            "present",
        ),
        ("I asked if it could be MND and my legs are weak", "weakness", "present"),
        ("the GP asked about my weakness", "weakness", "present"),
    ],
)
def test_questions_the_rule_leaves_alone(
    kb: KnowledgeBase, text: str, finding: str, state: str
) -> None:
    assert _states(kb, text).get(finding) == state, text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (
            "the call handler asked if I could feel the paper when I wipe and honestly, no",
            "saddle_anaesthesia",
        ),
        ("the nurse asked if I can lie flat and I said no", "breathing_difficulty"),
    ],
)
def test_no_to_a_question_about_an_ability_is_never_a_denial(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    # "no" there is the problem; the rule leaves such a question to the rest of the reader
    assert _states(kb, text).get(finding) != "absent", text


def test_someone_elses_answer_or_problem_is_not_the_writers(kb: KnowledgeBase) -> None:
    # the GP's judgement is no answer of the writer's: the question still states nothing
    assert "swallowing_difficulty" not in _states(
        kb, "the nurse asked about swallowing and she said it's fine"
    )
    # a question about a relative stays the relative's
    assert "swallowing_difficulty" not in _states(
        kb, "the nurse asked if my dad had trouble swallowing and I said yes"
    )


@pytest.mark.parametrize(
    "text",
    [
        "No: fever, weight loss, double vision, trouble swallowing.",
        "No - fever, weight loss, double vision, trouble swallowing",
        "denies fever, weight loss, double vision or trouble swallowing",
        "no fever, weight loss, double vision or trouble swallowing",
    ],
)
def test_a_denial_carries_along_its_list(kb: KnowledgeBase, text: str) -> None:
    states = _states(kb, text)
    for finding in ("fever", "weight_loss", "vision_change", "swallowing_difficulty"):
        assert states.get(finding) == "absent", (text, finding, states)


@pytest.mark.parametrize(
    ("text", "finding", "state"),
    [
        # a clause of its own after the list is no item of it
        ("no pain, walking is hard", "weakness", "present"),
        ("No pain and legs keep giving way", "weakness", "present"),
        # a comma alone before a difficulty stays the safe reading: it may be a new statement
        ("no fever, trouble swallowing", "swallowing_difficulty", "present"),
        # "Yes:" states its list
        (
            "Yes: twitching in both arms, pins and needles in both feet",
            "numbness_tingling",
            "present",
        ),
        # a denial within a phrase carries no further than the phrase
        ("my legs aren't weak, they just twitch", "twitch_legs", "present"),
        ("thumb twitching. no weakness no wasting no nothing.", "muscle_wasting", "absent"),
    ],
)
def test_what_a_list_denial_does_not_reach(
    kb: KnowledgeBase, text: str, finding: str, state: str
) -> None:
    assert _states(kb, text).get(finding) == state, text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (
            "My daughter is 4 months old. Her cry is really quiet compared with what her brother's "
            "was at this age.",
            "infant_weak_cry",
        ),
        (
            "My daughter is 4 months old. She feels like a rag doll compared to her cousin.",
            "infant_floppy",
        ),
        ("my legs are weak like my dad's were", "weakness"),
        (
            "sweating buckets, eyes streaming and pupils tiny according to the wife",
            "cholinergic_signs",
        ),
    ],
)
def test_a_relative_compared_with_or_reporting_leaves_the_finding_the_persons(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", text


def test_a_relatives_own_finding_stays_theirs(kb: KnowledgeBase) -> None:
    assert "cholinergic_signs" not in _states(kb, "my wife has tiny pupils")


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I get winded just sitting on the couch", "breathing_difficulty"),
        ("the muscle at the base of my left thumb is flat", "hand_wasting"),
        (
            "the muscle between the thumb and index finger looks flatter than the other side",
            "hand_wasting",
        ),
        ("the left calf is 2 cm less round than the right", "muscle_wasting"),
        ("since the flu my feet feel like cotton wool", "numbness_tingling"),
        ("I've wet meself twice without knowing", "bladder_bowel"),
        ("I've been straining to go since Tuesday and my back is agony", "bladder_bowel"),
        ("my feet burn at night, like standing on hot sand", "burning_feet"),
        ("my legs are so sore I can barely walk after the spin class", "pain"),
    ],
)
def test_words_for_red_flags_found_on_batch_24(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert _states(kb, text).get(finding) == "present", text


def test_so_sore_is_said_of_the_muscle_word_for_word(kb: KnowledgeBase) -> None:
    states = _states(kb, "can't pass urine at all, tummy is swollen and sore, legs weak")
    assert "pain" not in states


def test_dark_urine_with_muscle_pain_is_muscle_pain(kb: KnowledgeBase) -> None:
    # the engine closes the evidence: the pain is implied, scored once
    result = assess(
        kb,
        Patient(age=30, sex="male"),
        [Evidence("dark_urine_muscle_pain", "present")],
    )
    implied = {e.id: e for e in result.evidence}
    assert implied["pain"].state == "present"
    assert implied["pain"].implied_by == ("dark_urine_muscle_pain",)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (
            "Twitch log for GP appt Thursday\nWhere: calves both sides\nHow long: about 5 weeks\n"
            "Weakness: no",
            "duration_weeks",
        ),
        ("How long? 4 months. Calves twitching.", "duration_months"),
        ("how long - 2 weeks\ntwitching in my eyelid", "duration_weeks"),
        ("Duration: 3 days\nthighs twitching after the gym", "duration_days"),
    ],
)
def test_a_forms_line_for_how_long_is_the_twitchings_duration(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    states = _states(kb, text)
    assert states.get(finding) == "present", (text, states)


def test_how_long_in_a_sentence_is_no_label(kb: KnowledgeBase) -> None:
    states = _states(kb, "my eyelid twitches. how long it will last i dont know")
    assert not {"duration_days", "duration_weeks", "duration_months"} & set(states)


@pytest.mark.parametrize(
    "text",
    [
        "the paramedic said my pupils were tiny",
        "Nurse practitioner asked about tingling anywhere - none.",
        "Question for nurses: my calves twitch",
        "Pharmacist said the omeprazole can lower magnesium",
        "The school nurse said my son's knee reflexes were absent",
        "the nurse mentioned urinary retention, I couldn't go all day",
        "Nurse: any weakness?\nMe: no",
        "my practice nurse thinks it's stress, my calves twitch",
    ],
)
def test_a_health_worker_in_the_story_is_not_the_writers_work(kb: KnowledgeBase, text: str) -> None:
    assert "medical_background" not in _states(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "Nurse here. twitching in my calves",
        "I'm a 33 year old staff nurse on a busy ward, eyelid twitching",
        "ER nurse, 29F. Eyelid twitching for 3 weeks",
        "I was a district nurse for thirty years",
        "I work in nursing, calves twitch",
        "29F, nurse. Twitching started in June",
        "I'm a pharmacist and my thumb twitches",
    ],
)
def test_the_writers_own_work_in_health_care_stays(kb: KnowledgeBase, text: str) -> None:
    assert _states(kb, text).get("medical_background") == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (
            "hurt my back lifting a pallet a week ago, now its worse at night and i cant get comfy",
            "back_pain_night",
        ),
        (
            "My back has been sore, which at my age is hardly news, except that it now wakes me "
            "at 3am every night",
            "back_pain_night",
        ),
        (
            "My back pain has come back with a vengeance and now it wakes me at 3am every night.",
            "back_pain_night",
        ),
        ("Came off me bike an hurt me back. Now it's killin us, worse at night", "back_pain_night"),
        ("My tongue looks different, it has furrows and seems smaller", "tongue_wasting"),
        ("my tongue twitches, and when I stick it out it looks furrowed", "tongue_wasting"),
        (
            "tongue looks all wrinkly and thin when i stick it out, and it kind of quivers",
            "twitch_tongue",
        ),
    ],
)
def test_it_stands_for_the_body_part_named_before(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        # "it" is the twitching of a back that twitches
        ("twitching in my back, it's worse at night", "back_pain_night"),
        # "back" as a particle is no back
        (
            "I tried cutting back to three coffees. It comes and goes, worse at night",
            "back_pain_night",
        ),
        ("my back is fine, it's my calf that twitches", "twitch_trunk"),
    ],
)
def test_it_is_no_body_part_when_another_reading_is_nearer(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) != "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I've stopped being able to swallow bread", "swallowing_difficulty"),
        ("I've stopped being able to get up off the floor without help", "difficulty_rising"),
        ("I'm no longer able to climb the stairs", "difficulty_stairs"),
        ("I stopped being able to feel my feet", "numbness_tingling"),
    ],
)
def test_an_ability_said_lost_in_several_words_is_the_problem(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    # "stopped being able to swallow" read "able to swallow" (swallowing absent) before
    assert _states(kb, text).get(finding) == "present", text


def test_stopping_a_habit_is_no_lost_ability(kb: KnowledgeBase) -> None:
    states = _states(kb, "I stopped going to the gym and my calves twitch")
    assert "weakness" not in states
    assert "difficulty_stairs" not in states


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("when i eat bread it gets stuck in my threat", "swallowing_difficulty"),
        ("arms twitchin for a year and getting weeker month by month", "weakness_progressive"),
        ("I can't pea since last night", "bladder_bowel"),
    ],
)
def test_words_typed_or_dictated_for_others(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert _states(kb, text).get(finding) == "present", text


def test_a_homophone_needs_its_word_before(kb: KnowledgeBase) -> None:
    assert _states(kb, "the nurse put the blood pressure cuff on my arm") == {}
    assert "swallowing_difficulty" not in _states(kb, "the threat of ALS keeps me up")


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (
            "Neck pain shooting down my right arm into the thumb for a month, ever since someone "
            "rear-ended me.",
            "neck_pain_arm",
        ),
        (
            "Unlike her though I get pins and needles in both feet, which she never had.",
            "numbness_tingling",
        ),
    ],
)
def test_someone_named_in_a_clause_of_their_own_leaves_the_finding_the_writers(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my dad has trouble swallowing", "swallowing_difficulty"),
        ("the weakness that my dad had scares me", "weakness"),
    ],
)
def test_a_relatives_finding_stays_theirs_without_a_clause_of_their_own(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert finding not in _states(kb, text), text


def test_a_childs_finding_stays_the_childs(kb: KnowledgeBase) -> None:
    states = _states(kb, "My daughter is 5. her legs are weak since she had the flu")
    assert states.get("weakness") == "present"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my calf hasn't stopped twitching since saturday", "twitch_legs"),
        ("my legs haven't stopped jumping all week", "twitch_legs"),
        ("the twitching has never stopped in my thigh", "twitch_legs"),
    ],
)
def test_a_twitch_that_has_not_stopped_goes_on(kb: KnowledgeBase, text: str, finding: str) -> None:
    # "hasn't stopped twitching" read the twitching absent before
    assert _states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (
            "first the right hand went weak, now the left is going the same way, worse every few "
            "weeks",
            "weakness_progressive",
        ),
        ("the right side of my mouth won't lift when I smile", "facial_weakness"),
    ],
)
def test_more_words_for_red_flags_found_on_batch_25(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", text


def test_worse_every_few_weeks_of_a_twitch_is_no_progressive_weakness(kb: KnowledgeBase) -> None:
    assert "weakness_progressive" not in _states(kb, "my eyelid twitch gets worse every few weeks")


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I struggle to get out of a low chair or climb the stairs", "difficulty_stairs"),
        ("it's hard to get up from the floor or climb stairs", "difficulty_stairs"),
    ],
)
def test_the_second_verb_after_a_word_for_difficulty_is_hard_too(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", text
