"""Issue 12: classes of error of the lay-text reader, eighth set (found on fresh batch 11 and
on trying the reader as a new user).

Each test names one class and reads phrasings written for the test (not the corpus's), with
controls.
"""

from __future__ import annotations

from datetime import date

import pytest

from twitchcheck import KnowledgeBase, Patient, assess
from twitchcheck.text import parse

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    "text",
    [
        "my son has a cold and my calf is twitching",
        "my daughter started school this week and my left eyelid keeps twitching",
        "my mate's kid had a party, loud music, and now my thigh twitches",
    ],
)
def test_a_part_of_the_writers_body_twitching_makes_the_writer_the_person(
    kb: KnowledgeBase, text: str
) -> None:
    result = parse(kb, text, today=TODAY)
    assert not result.about_other, text


@pytest.mark.parametrize(
    "text",
    [
        "my little girl twitches in her sleep",
        "my son's leg twitches and my calf twitches too",
        "my baby keeps twitching",
    ],
)
def test_a_child_or_relative_twitching_stays_the_person(kb: KnowledgeBase, text: str) -> None:
    assert parse(kb, text, today=TODAY).about_other, text


def _states(kb: KnowledgeBase, text: str) -> dict[str, str]:
    return {e.id: e.state for e in parse(kb, text, today=TODAY).evidence}


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my arms have been weak since monday, probably just anxiety", "weakness"),
        ("I keep choking on water, might just be a cold", "swallowing_difficulty"),
        ("peeing is hard, I have to strain, could just be my age", "bladder_bowel"),
    ],
)
def test_a_cause_offered_after_a_red_flag_does_not_doubt_it(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", (text, _states(kb, text))


def test_a_doubt_of_the_red_flag_itself_still_doubts(kb: KnowledgeBase) -> None:
    text = "my legs might be a bit weaker, or maybe I'm just tired"
    assert _states(kb, text).get("weakness") == "unknown", _states(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "weeing feels strange, I can't tell when I've finished",
        "I cannot tell when my bladder is full any more",
    ],
)
def test_cannot_tell_when_is_a_sense_lost_not_a_doubt(kb: KnowledgeBase, text: str) -> None:
    assert _states(kb, text).get("bladder_bowel") == "present", (text, _states(kb, text))


def test_not_sure_when_it_started_doubts_no_finding(kb: KnowledgeBase) -> None:
    text = "my grip has gone weak, can't tell when it started"
    assert _states(kb, text).get("weakness") == "present", _states(kb, text)


def test_a_raised_antidepressant_with_jerking_and_restlessness_is_an_emergency(
    kb: KnowledgeBase,
) -> None:
    text = (
        "my gp increased my citalopram on friday. since then I'm sweating buckets, my legs keep "
        "jerking and I can't keep still"
    )
    result = parse(kb, text, today=TODAY)
    states = {e.id: e.state for e in result.evidence}
    for finding in ("med_ssri", "med_new_medicine", "clonus", "agitation"):
        assert states.get(finding) == "present", (finding, states)
    level = assess(kb, Patient(age=result.age, sex=result.sex), result.evidence).triage.level
    assert level == "emergency", level


@pytest.mark.parametrize(
    "text",
    [
        "my legs keep jerking when I fall asleep",  # no antidepressant: a jerk, no clonus
        "I upped my coffee to four cups and my legs twitch",  # a raised dose of no medicine
    ],
)
def test_jerking_or_a_raise_without_an_antidepressant_is_no_sign_of_toxicity(
    kb: KnowledgeBase, text: str
) -> None:
    states = _states(kb, text)
    assert "clonus" not in states and "med_new_medicine" not in states, (text, states)


@pytest.mark.parametrize(
    "text", ["I can't keep my balance walking", "my 11 month old can't sit without support"]
)
def test_cannot_sit_or_keep_balance_is_no_agitation(kb: KnowledgeBase, text: str) -> None:
    assert "agitation" not in _states(kb, text), (text, _states(kb, text))


@pytest.mark.parametrize(
    ("text", "finding", "state"),
    [
        (
            "went to the gp today. my speech was fine, only the eyelid",
            "speech_difficulty",
            "absent",
        ),
        ("my speech was fine until a month ago", "speech_difficulty", "present"),
        ("eating and swallowing were fine till about june", "swallowing_difficulty", "present"),
        ("no trouble on the stairs until a few weeks back", "difficulty_stairs", "present"),
    ],
)
def test_fine_in_the_past_denies_and_fine_until_is_a_change(
    kb: KnowledgeBase, text: str, finding: str, state: str
) -> None:
    assert _states(kb, text).get(finding) == state, (text, _states(kb, text))


def test_normal_function_after_a_no_list_is_not_denied(kb: KnowledgeBase) -> None:
    text = "my son is himself, no droopy face, running about and strong as ever"
    states = _states(kb, text)
    assert states.get("weakness") != "present", states
    assert states.get("facial_weakness") == "absent", states


@pytest.mark.parametrize("text", ["I nearly fell on the bus this morning", "almost fell twice"])
def test_nearly_falling_is_unsteadiness(kb: KnowledgeBase, text: str) -> None:
    assert _states(kb, text).get("balance_trouble") == "present", (text, _states(kb, text))


def test_nearly_falling_off_a_ladder_is_an_injury_not_unsteadiness(kb: KnowledgeBase) -> None:
    assert "balance_trouble" not in _states(kb, "I nearly fell off the roof")


def test_a_spasm_after_neck_surgery_is_tetany_and_an_emergency(kb: KnowledgeBase) -> None:
    text = "had my parathyroid op on tuesday. tingly fingers today and my hand went into spasm"
    result = parse(kb, text, today=TODAY)
    states = {e.id: e.state for e in result.evidence}
    assert states.get("tetany") == "present", states
    assert states.get("tingling_lips_fingers") == "present", states
    level = assess(kb, Patient(age=result.age, sex=result.sex), result.evidence).triage.level
    assert level == "emergency", level


def test_a_back_in_spasm_is_no_tetany(kb: KnowledgeBase) -> None:
    assert "tetany" not in _states(kb, "my lower back went into spasm lifting a box")


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (
            "our baby's feeds are so slow. cry is quiet. not sure if she's behind or not",
            "infant_weak_cry",
        ),
        ("dark urine like cola after the marathon, idk if that's normal", "dark_urine_muscle_pain"),
        ("my pee is brown, not sure if it is normal", "dark_urine_muscle_pain"),
    ],
)
def test_a_doubt_or_question_about_something_else_leaves_a_red_flag_stated(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", (text, _states(kb, text))


def test_a_doubt_pointing_back_still_doubts(kb: KnowledgeBase) -> None:
    text = "my hand looks thinner, not sure if I'm imagining it"
    assert _states(kb, text).get("hand_wasting", _states(kb, text).get("muscle_wasting")) in (
        "unknown",
        None,
    ), _states(kb, text)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("google says brain tumour, twitching in my cheek", "cancer_history"),
        ("please tell me it's stress, my calf twitches", "trigger_stress"),
    ],
)
def test_what_a_search_says_or_the_writer_hopes_is_no_finding(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert finding not in _states(kb, text), (text, _states(kb, text))


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my shoulder has been paining me for weeks where it twitches", "pain"),
        ("soles of my feet are burning like they're on fire every night", "burning_feet"),
        ("there's a hiss in my ear and voices sound duller on that side", "hearing_change"),
        ("this morning my mouth wouldn't smile properly on the left", "facial_weakness"),
        ("back pain and now no feeling down below at all", "saddle_anaesthesia"),
        ("stiff neck and the pain goes into my arm down to the thumb", "neck_pain_arm"),
        ("our 3 month old feeds slowly and tires", "infant_feeding_trouble"),
        ("my hand has gone skinny between thumb and finger", "hand_wasting"),
    ],
)
def test_words_for_red_flags(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert _states(kb, text).get(finding) == "present", (text, _states(kb, text))


@pytest.mark.parametrize(
    "text",
    [
        "my dad, 80, is on water tablets and has been confused since lunch, arms twitching",
        "I've had diarrhoea for four days and now I feel confused, twitching all over",
    ],
)
def test_confused_beside_a_salt_upset_is_confusion(kb: KnowledgeBase, text: str) -> None:
    assert _states(kb, text).get("confusion") == "present", (text, _states(kb, text))


def test_confused_as_puzzled_is_no_confusion(kb: KnowledgeBase) -> None:
    text = "I'm on sertraline and really confused about why my eyelid twitches"
    assert "confusion" not in _states(kb, text), _states(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "came off my bike on sunday and landed on my neck. Now my hands are numb and my arms "
        "twitch",
        "jarred my neck in a tackle 3 days ago, now both arms tingle and keep twitching",
    ],
)
def test_new_numbness_after_a_recent_neck_injury_is_an_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    result = parse(kb, text, today=TODAY)
    states = {e.id: e.state for e in result.evidence}
    assert states.get("spine_trauma") == "present", states
    assert states.get("duration_days") == "present", states
    level = assess(kb, Patient(age=result.age, sex=result.sex), result.evidence).triage.level
    assert level == "emergency", (level, states)


def test_an_old_illness_then_now_does_not_date_the_twitching(kb: KnowledgeBase) -> None:
    states = _states(kb, "I had bowel cancer six years ago. Now my thighs twitch.")
    assert not {"duration_days", "duration_weeks"} & set(states), states


def test_though_inside_a_clause_does_not_split_it(kb: KnowledgeBase) -> None:
    text = "The soles of my feet though have been burning every night"
    assert _states(kb, text).get("burning_feet") == "present", _states(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "parathyroidectomy on monday, today pins and needles in my lips and my fingers curl up",
        "citalopram was doubled last week and now I'm burning up, agitated and my legs are jerking",
        "been dipping sheep with diazinon, now drooling, sweating and twitching all over",
    ],
)
def test_emergencies_named_by_a_drug_an_operation_or_a_chemical(
    kb: KnowledgeBase, text: str
) -> None:
    result = parse(kb, text, today=TODAY)
    level = assess(kb, Patient(age=result.age, sex=result.sex), result.evidence).triage.level
    assert level == "emergency", (level, {e.id: e.state for e in result.evidence})


def test_jelly_legs_are_weakness(kb: KnowledgeBase) -> None:
    assert _states(kb, "since the weekend my legs feel like jelly").get("weakness") == "present"


def test_dont_know_about_a_red_flag_is_unknown_not_no(kb: KnowledgeBase) -> None:
    states = _states(kb, "legs twitch. don't know about my bladder, haven't noticed")
    assert states.get("bladder_bowel") != "absent", states


def test_strength_going_up_is_no_weakness(kb: KnowledgeBase) -> None:
    states = _states(kb, "gym every day, my strength is going up, calves twitch")
    assert states.get("weakness") != "present", states
    assert "weakness_progressive" not in states, states


def test_a_leg_that_drags_is_foot_drop(kb: KnowledgeBase) -> None:
    assert _states(kb, "my right leg drags when I'm tired").get("foot_drop") == "present"


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("weak legs since I had a bug last week", True),
        ("the only thing that bugs me is the twitching", False),
        ("sprayed the bugs in the shed and now my eyes water", False),
    ],
)
def test_a_bug_is_an_infection_only_as_one(kb: KnowledgeBase, text: str, present: bool) -> None:
    assert (_states(kb, text).get("recent_viral_illness") == "present") is present, text


def test_the_writers_own_body_is_not_the_childs(kb: KnowledgeBase) -> None:
    text = "my daughter's calves twitch after netball, she is fine. my own feet are numb though"
    result = parse(kb, text, today=TODAY)
    assert result.about_other
    assert "numbness_tingling" not in {e.id for e in result.evidence}, result.evidence


def test_the_childs_own_symptom_stays_the_childs(kb: KnowledgeBase) -> None:
    result = parse(kb, "my son's calves twitch and his feet are numb", today=TODAY)
    assert {e.id: e.state for e in result.evidence}.get("numbness_tingling") == "present"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("the fleshy bit of my thumb has gone on the left", "hand_wasting"),
        ("I'm not managing the stairs at all now", "difficulty_stairs"),
        ("I'm not very steady on my feet lately", "balance_trouble"),
        ("my right arm isn't as thick as it was", "muscle_wasting"),
        ("my hand won't do what I tell it", "weakness"),
        ("tablets get stuck in my throat", "swallowing_difficulty"),
        ("I keep catching my feet on the pavement", "tripping"),
        ("I get winded just talking on the phone", "breathing_difficulty"),
        ("can't sleep for the back pain most nights", "back_pain_night"),
        ("there's no feeling around my back passage", "saddle_anaesthesia"),
    ],
)
def test_words_for_red_flags_in_everyday_phrasing(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", (text, _states(kb, text))


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("the twitch in my thumb has gone now", "twitch_arms"),  # a symptom gone is gone
        ("it's not a big deal, my legs just twitch", "muscle_wasting"),
        ("hard to tell if my speech is slurred", "weakness"),
    ],
)
def test_look_alike_words_are_not_those_red_flags(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) != "present", (text, _states(kb, text))


def test_no_improvement_denies_no_worsening(kb: KnowledgeBase) -> None:
    text = "not getting better, the weakness in my hand is getting worse"
    assert _states(kb, text).get("weakness_progressive") == "present", _states(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "Asking about my daughter, 6. She trips a lot and can't keep up with her friends. "
        "I've had a twitchy eyelid myself for weeks from worry.",
        "My dad, 79, has twitching in his arms and can't grip his cup. I get cramps in my calves "
        "too but that's from running.",
    ],
)
def test_a_writers_sentence_about_their_own_body_is_not_the_persons(
    kb: KnowledgeBase, text: str
) -> None:
    result = parse(kb, text, today=TODAY)
    assert result.about_other, text
    read = {e.id for e in result.evidence}
    assert not {"twitch_eyelid", "cramps"} & read, (text, read)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my 10 month old can't sit up yet", "milestones_delayed"),
        ("my little one is floppy and has a weak cry", "infant_floppy"),
    ],
)
def test_my_child_named_by_age_or_as_little_one_is_no_sentence_of_the_writers(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", (text, _states(kb, text))


def test_this_is_about_me_makes_the_writer_the_person(kb: KnowledgeBase) -> None:
    text = "Mum has MND. This is about me though, I'm 52 and my calves twitch and ache"
    result = parse(kb, text, today=TODAY)
    assert not result.about_other and result.age == pytest.approx(52.0), result


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my arms feel week and my legs are going week", "weakness"),
        ("toes num since tuesday", "numbness_tingling"),
        ("haven't been able to p since last night", "bladder_bowel"),
    ],
)
def test_a_word_typed_or_dictated_for_another_that_sounds_the_same(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", (text, _states(kb, text))


@pytest.mark.parametrize("text", ["twitching for a week", "I drink a lot of coffee each week"])
def test_week_as_a_week_stays_time(kb: KnowledgeBase, text: str) -> None:
    assert "weakness" not in _states(kb, text), (text, _states(kb, text))


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("since 3 days my waist is paining very bad", "back_pain_night"),
        ("I cannot hold my urine since yesterday", "bladder_bowel"),
        ("when I am washing after toilet I am not feeling there, it is dead", "saddle_anaesthesia"),
        ("the hand is not catching things properly", "dropping_things"),
        ("I fell from okada and my neck was jerked back", "spine_trauma"),
    ],
)
def test_indian_nigerian_and_other_englishes(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert _states(kb, text).get(finding) == "present", (text, _states(kb, text))


def test_a_parent_named_in_another_language_is_a_relative(kb: KnowledgeBase) -> None:
    text = "Asking for my tatay, 64. He cannot sleep lying flat, he needs 3 pillows"
    result = parse(kb, text, today=TODAY)
    assert result.about_other and result.sex == "male", result
    assert {e.id for e in result.evidence} >= {"breathing_difficulty"}, result.evidence


def test_a_relative_after_a_short_opening_is_the_person(kb: KnowledgeBase) -> None:
    text = (
        "Please help. My wife missed dialysis on friday, now her heart is racing and she is weak."
    )
    assert parse(kb, text, today=TODAY).about_other


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("loads of pre workout, strength is fine", "trigger_caffeine", "weakness"),
        ("twitches even in my belly, emg and bloods all normal", "twitch_trunk", None),
        ("walking, stairs, balance all grand", None, "difficulty_stairs"),
    ],
)
def test_a_normal_belongs_to_its_own_subject(
    kb: KnowledgeBase, text: str, present: str | None, absent: str | None
) -> None:
    states = _states(kb, text)
    assert present is None or states.get(present) == "present", (text, states)
    assert absent is None or states.get(absent) == "absent", (text, states)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my bum hurts from cycling", "saddle_anaesthesia"),
        ("I'm dead tired after night shifts", "numbness_tingling"),
        ("my feet feel fuzzy", "vision_change"),
        ("had an accident at work and hurt my hand", "bladder_bowel"),
        ("my pee is dark yellow", "bladder_bowel"),
    ],
)
def test_one_word_of_a_longer_phrase_is_not_that_red_flag(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) != "present", (text, _states(kb, text))


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I can't get up from my chair without pushing on the arms", "difficulty_rising"),
        ("mi cyaan climb the stairs no more", "difficulty_stairs"),
        ("had an accident in bed last night, first time ever", "bladder_bowel"),
    ],
)
def test_rising_from_a_chair_a_patois_cannot_and_an_accident_in_bed(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", (text, _states(kb, text))


@pytest.mark.parametrize(
    "text",
    [
        "on water pills for years, now my muscles twitch and my heart keeps missing beats",
        "taking laxatives daily for months, legs weak and my heart flutters",
        "my kidneys are failing and I skipped dialysis, twitchy and my heart feels irregular",
        "my 80 year old mum on bendroflumethiazide is muddled and twitching",
    ],
)
def test_a_salt_upset_with_a_heart_or_mind_change_is_an_emergency(
    kb: KnowledgeBase, text: str
) -> None:
    result = parse(kb, text, today=TODAY)
    level = assess(kb, Patient(age=result.age, sex=result.sex), result.evidence).triage.level
    assert level == "emergency", (level, {e.id: e.state for e in result.evidence})


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (
            "the nurse said come back if I lose feeling down below, my calf twitches",
            "saddle_anaesthesia",
        ),
        ("I read nerve damage gives you burning feet. my thighs twitch", "burning_feet"),
        (
            "does a weak cry come before the floppiness? my baby's eyelid twitches",
            "infant_weak_cry",
        ),
        ("can MND make you drop things? my calf twitches", "dropping_things"),
    ],
)
def test_advice_reading_and_general_questions_state_nothing(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert finding not in _states(kb, text), (text, _states(kb, text))


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("is a wrinkly tongue a sign of als? mine looks shrunken on one side", "tongue_wasting"),
        ("does anyone else get trouble swallowing with their twitches?", "swallowing_difficulty"),
    ],
)
def test_a_question_about_what_the_writer_has_still_states_it(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", (text, _states(kb, text))


@pytest.mark.parametrize(
    ("text", "finding", "state"),
    [
        ("my eyesight is no worse than it was", "vision_change", "absent"),
        (
            "my eyelid twitches but it stops when I'm asleep",
            "twitch_in_sleep",
            "absent",
        ),
        ("pee is normal colour before you ask", "dark_urine_muscle_pain", "absent"),
        ("Is she floppy? I honestly can't tell.", "infant_floppy", "unknown"),
    ],
)
def test_unchanged_stopping_normal_colour_and_a_doubt_after_a_question(
    kb: KnowledgeBase, text: str, finding: str, state: str
) -> None:
    text = text if "she" not in text.lower() else f"My daughter is 5 months. {text}"
    assert _states(kb, text).get(finding) == state, (text, _states(kb, text))


def test_an_ability_reaches_the_verb_after_and(kb: KnowledgeBase) -> None:
    text = "I can still run up the stairs and get up off the floor without my hands"
    states = _states(kb, text)
    assert states.get("difficulty_rising") == "absent", states
    assert states.get("difficulty_stairs") == "absent", states


def test_an_emoji_ends_a_denial(kb: KnowledgeBase) -> None:
    states = _states(kb, "tell me im not dying 😭 my arms have been twitching for weeks")
    assert states.get("twitch_arms") == "present", states


def test_a_twitch_seen_in_the_babys_tongue_is_the_babys(kb: KnowledgeBase) -> None:
    text = "She's 2 months old. Her cry is very quiet. I've seen a twitch in her tongue."
    result = parse(kb, text, today=TODAY)
    assert result.about_other and result.age == pytest.approx(2 / 12, abs=0.01), result
    assert {e.id: e.state for e in result.evidence}.get("infant_weak_cry") == "present"


def test_a_child_aged_with_a_half(kb: KnowledgeBase) -> None:
    result = parse(kb, "my 3 and a half year old daughter keeps falling over", today=TODAY)
    assert result.about_other and result.age == pytest.approx(3.5), result


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my legs have slowly got weaker over the years", "weakness_progressive"),
        ("I have to push up on the arms of the chair to stand", "difficulty_rising"),
        ("a crick in my neck that runs down my arm", "neck_pain_arm"),
        ("hasn't been able to spend a penny since last night", "bladder_bowel"),
        ("fingers have gone into a spasm after my thyroid op", "tetany"),
    ],
)
def test_words_for_red_flags_of_the_old_and_the_young(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", (text, _states(kb, text))


def test_a_baby_pushing_up_on_her_arms_is_no_trouble_rising(kb: KnowledgeBase) -> None:
    text = "she's 4 months, holds her head up well and pushes up on her arms"
    assert "difficulty_rising" not in _states(kb, text), _states(kb, text)


def test_a_line_break_ends_a_forms_answer(kb: KnowledgeBase) -> None:
    text = "Twitching: calves, 5 weeks\nNumbness: no\nCramps: at night\nWeakness: none"
    states = _states(kb, text)
    assert states.get("numbness_tingling") == "absent", states
    assert states.get("cramps") == "present", states
    assert states.get("weakness") == "absent", states


def test_y_and_n_answers(kb: KnowledgeBase) -> None:
    states = _states(kb, "weak? y - left hand. numb? n. bladder? idk. swallow? fine.")
    assert states.get("numbness_tingling") == "absent", states
    assert states.get("bladder_bowel") == "unknown", states
    assert states.get("swallowing_difficulty") == "absent", states


def test_an_unticked_or_crossed_line_is_absent(kb: KnowledgeBase) -> None:
    text = "my answers:\n[x] cramps\n[ ] trouble swallowing\n✘ slurred speech\n✔ twitching calves"
    states = _states(kb, text)
    assert states.get("swallowing_difficulty") == "absent", states
    assert states.get("speech_difficulty") == "absent", states
    assert states.get("cramps") == "present", states


def test_a_slashed_label_answers_for_both_halves(kb: KnowledgeBase) -> None:
    states = _states(kb, "- speech/swallow: normal\n- getting up from chairs/the floor: fine")
    assert states.get("speech_difficulty") == "absent", states
    assert states.get("swallowing_difficulty") == "absent", states
    assert states.get("difficulty_rising") == "absent", states


def test_none_answering_a_label_denies_nothing_after_it(kb: KnowledgeBase) -> None:
    text = "Baby: 4 months, girl\nHead control: none really, her head flops back when lifted"
    assert _states(kb, text).get("infant_floppy") == "present", _states(kb, text)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("the toilet seat feels like it isn't there when I sit", "saddle_anaesthesia"),
        (
            "water ran straight out of the corner of my mouth and my face has melted",
            "facial_weakness",
        ),
        ("the sheet on my feet feels like sandpaper on sunburn", "burning_feet"),
        ("my shirt sleeve hangs loose on that side now", "muscle_wasting"),
        ("I walk like I'm on the deck of a boat", "balance_trouble"),
        ("I have to push hard on the armrests to get out of the sofa", "difficulty_rising"),
        ("the words take so long to come out", "speech_difficulty"),
        ("the pad at the bottom of my right thumb has gone flat", "hand_wasting"),
    ],
)
def test_red_flags_told_through_what_they_do(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert _states(kb, text).get(finding) == "present", (text, _states(kb, text))


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my arms look scrawny, like the muscle is melting away", "facial_weakness"),
        ("when I whistle the air leaks out", "bladder_bowel"),
        ("my bike tyre has gone flat and I twitch", "hand_wasting"),
    ],
)
def test_look_alikes_of_those_phrasings(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert _states(kb, text).get(finding) != "present", (text, _states(kb, text))


def test_a_normal_reaches_no_new_clause_forward(kb: KnowledgeBase) -> None:
    states = _states(kb, "twitches all over for months, strength normal, terrified it's ALS")
    assert states.get("anxious_mood") == "present", states


def test_never_answers_a_question(kb: KnowledgeBase) -> None:
    states = _states(kb, "Lips tingle when I panic\nNeck or thyroid surgery? never")
    assert states.get("thyroid_neck_surgery") == "absent", states


def test_strength_unchanged_is_no_weakness(kb: KnowledgeBase) -> None:
    states = _states(kb, "calves twitch for months but my strength is unchanged")
    assert states.get("weakness") == "absent", states


def test_the_same_thing_asked_again_is_no_normal(kb: KnowledgeBase) -> None:
    text = "on water tablets, twitching and getting muddled, asking the same thing over and over"
    assert _states(kb, text).get("confusion") == "present", _states(kb, text)


def test_a_raised_antidepressant_written_for_me_mam_is_an_emergency(kb: KnowledgeBase) -> None:
    text = (
        "Writing for me mam, she's 64. The GP put her sertraline up from 50 to 100 last week. "
        "Since yesterday she can't sit still, temperature of 38.4, and her legs are jerking."
    )
    result = parse(kb, text, today=TODAY)
    assert result.about_other and result.age == pytest.approx(64.0), result
    level = assess(kb, Patient(age=result.age, sex=result.sex), result.evidence).triage.level
    assert level == "emergency", (level, {e.id: e.state for e in result.evidence})


def test_a_normal_after_a_comma_is_said_of_its_own_subject(kb: KnowledgeBase) -> None:
    text = "my calf hurts where it twitches, peeing and pooing normal"
    assert _states(kb, text).get("pain") == "present", _states(kb, text)


def test_an_ability_answered_no_is_its_loss(kb: KnowledgeBase) -> None:
    assert _states(kb, "I can climb the stairs? no").get("difficulty_stairs") != "absent"


def test_sob_lying_flat_is_breathing_difficulty(kb: KnowledgeBase) -> None:
    text = "pt reports SOB on lying flat, fasics in tongue"
    assert _states(kb, text).get("breathing_difficulty") == "present", _states(kb, text)
