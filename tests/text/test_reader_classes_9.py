"""Issue 12: classes of error of the lay-text reader, ninth set (found on trying forms and
answers as a new user would, and on fresh batch 15).

Each test names one class and reads phrasings written for the test (not the corpus's), with
controls.
"""

from __future__ import annotations

from datetime import date

import pytest

from twitchcheck import KnowledgeBase
from twitchcheck.text import parse

TODAY = date(2026, 12, 7)


def _states(kb: KnowledgeBase, text: str) -> dict[str, str]:
    return {e.id: e.state for e in parse(kb, text, today=TODAY).evidence}


@pytest.mark.parametrize(
    "text",
    [
        "Can pass urine: no",
        "able to pass water? no",
        "peeing: can't",
        "wee - cant.",
        "able to pee: N",
    ],
)
def test_passing_water_answered_no_or_cant_is_retention(kb: KnowledgeBase, text: str) -> None:
    assert _states(kb, text).get("bladder_bowel") == "present", text


@pytest.mark.parametrize(
    "text",
    [
        "I can pass urine fine",
        "can pass water: yes",
        "peeing: can",
    ],
)
def test_passing_water_that_is_possible_is_no_retention(kb: KnowledgeBase, text: str) -> None:
    assert _states(kb, text).get("bladder_bowel") == "absent", text


@pytest.mark.parametrize(
    "text",
    [
        "pass urine? no",
        "it stings when I pass urine",
    ],
)
def test_passing_urine_alone_is_not_read_as_denied_incontinence(
    kb: KnowledgeBase, text: str
) -> None:
    assert _states(kb, text).get("bladder_bowel") != "absent", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("stairs - unable", "difficulty_stairs"),
        ("swallow? cannot.", "swallowing_difficulty"),
        ("peeing: can not", "bladder_bowel"),
    ],
)
def test_an_ability_answered_cant_is_lost(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert _states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding", "state"),
    [
        ("trouble swallowing (y/n) n", "swallowing_difficulty", "absent"),
        ("choking (Y/N): Y", "swallowing_difficulty", "present"),
        ("Weakness? Not really", "weakness", "absent"),
        ("numb feet? not that I know of", "numbness_tingling", "absent"),
        ("slurred speech - not at all.", "speech_difficulty", "absent"),
        ("Weakness? not really sure", "weakness", "unknown"),
        ("choking: can't say", "swallowing_difficulty", "unknown"),
    ],
)
def test_form_answers_in_more_than_one_word_are_read(
    kb: KnowledgeBase, text: str, finding: str, state: str
) -> None:
    assert _states(kb, text).get(finding) == state, text


def test_cant_say_why_does_not_doubt_what_was_said(kb: KnowledgeBase) -> None:
    assert _states(kb, "I can't swallow, can't say why")["swallowing_difficulty"] == "present"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("hard to get out of the armchair without pushing on my arms", "difficulty_rising"),
        ("it's a struggle to get up off the floor without holding on", "difficulty_rising"),
        ("getting up from a chair without using my hands is really hard now", "difficulty_rising"),
    ],
)
def test_what_is_hard_to_do_without_help_is_the_difficulty(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", text


def test_done_without_help_is_still_normal(kb: KnowledgeBase) -> None:
    text = "I can get up off the floor without pushing on my arms"
    assert _states(kb, text).get("difficulty_rising") == "absent"


@pytest.mark.parametrize(
    "text",
    [
        "Please I need help fast. My brother sprayed insecticide this morning, "
        "now his arms are jumping and he cannot catch his breath.",
        "My elder brother sprayed insecticide this morning, now his arms are jumping "
        "and he cannot catch his breath.",
        "My younger sister sprayed the roses with insecticide, now her arms are jumping and "
        "she cannot catch her breath.",
    ],
)
def test_a_message_about_a_relative_behind_a_plea_or_an_adjective_is_theirs(
    kb: KnowledgeBase, text: str
) -> None:
    result = parse(kb, text, today=TODAY)
    states = {e.id: e.state for e in result.evidence}
    assert result.about_other, text
    assert states.get("breathing_difficulty") == "present", text
    assert states.get("insecticide_exposure") == "present", text


def test_a_plea_then_the_writers_own_story_stays_the_writers(kb: KnowledgeBase) -> None:
    result = parse(kb, "Please help. My brother has MND. My calves twitch a lot.", today=TODAY)
    assert not result.about_other


@pytest.mark.parametrize(
    ("text", "finding", "state"),
    [
        ("- thumb pad flatter ✓\n- numb ✗", "numbness_tingling", "absent"),
        ("choking ✗\nweak legs ✓", "swallowing_difficulty", "absent"),
        ("dropping cups ✓ numb ✗", "dropping_things", "present"),
        ("dropping cups ✓ numb ✗", "numbness_tingling", "absent"),
        ("speech - no change", "speech_difficulty", "absent"),
        ("swallowing: same as before", "swallowing_difficulty", "absent"),
    ],
)
def test_checklist_marks_and_answers_at_the_end_of_a_line(
    kb: KnowledgeBase, text: str, finding: str, state: str
) -> None:
    assert _states(kb, text).get(finding) == state, text


@pytest.mark.parametrize(
    ("text", "finding", "state"),
    [
        ("my balance is steady and I still walk without a stick", "balance_trouble", "absent"),
        ("I'm not steady on my feet any more", "balance_trouble", "present"),
        ("calves twitching and in agony since the hike", "pain", "present"),
        ("my throat is so sore and my calf twitches", "pain", None),
        ("my feet cramp up, the toes curl and lock for minutes", "tetany", "present"),
        ("soup goes the wrong way and I splutter", "swallowing_difficulty", "present"),
        (
            "we went the wrong way to the clinic and my calf twitched all the way",
            "swallowing_difficulty",
            None,
        ),
    ],
)
def test_everyday_words_for_balance_pain_spasm_and_choking(
    kb: KnowledgeBase, text: str, finding: str, state: str | None
) -> None:
    assert _states(kb, text).get(finding) == state, text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("My dad has sugar, his left foot drags when he walks. My calves twitch.", "foot_drop"),
        (
            "my co worker got sick after spraying, drooling everywhere. my arm twitches",
            "cholinergic_signs",
        ),
    ],
)
def test_a_relatives_or_workmates_finding_is_theirs(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    result = parse(kb, text, today=TODAY)
    assert not result.about_other
    assert finding not in {e.id for e in result.evidence}, text


def test_only_after_a_comma_ends_a_denial(kb: KnowledgeBase) -> None:
    states = _states(kb, "I wasn't spraying anything, only I have a twitch in my arm")
    assert states.get("twitch_arms") == "present"


@pytest.mark.parametrize(
    ("text", "finding", "state"),
    [
        ("I'm scared of what happens if I can't swallow one day", "swallowing_difficulty", None),
        ("I avoid the gym, scared of what I'd find if I can't lift", "weakness", None),
        ("if i have a cup of tea i choke on it", "swallowing_difficulty", "present"),
        ("my words slur, i cant say my grandkids names right", "speech_difficulty", "present"),
        ("weakness: can't say", "weakness", "unknown"),
        ("choking? dont know", "swallowing_difficulty", "unknown"),
    ],
)
def test_if_and_cant_say_keep_their_meaning(
    kb: KnowledgeBase, text: str, finding: str, state: str | None
) -> None:
    assert _states(kb, text).get(finding) == state, text


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Baby: girl, 5 months\nHead control: poor, very floppy", 5 / 12),
        ("Q: How old is baby? A: 9 weeks\nQ: Feeding? A: weak suck, tires quickly", 9 * 7 / 365.25),
    ],
)
def test_a_baby_form_is_about_the_baby(kb: KnowledgeBase, text: str, age: float) -> None:
    result = parse(kb, text, today=TODAY)
    assert result.about_other
    assert result.age == pytest.approx(age, abs=0.01)
    assert {e.id for e in result.evidence} & {"infant_floppy", "infant_feeding_trouble"}


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my thighs have thinned and no longer can I squat and get back up", "difficulty_rising"),
        ("no way can I get a tablet down these days", "swallowing_difficulty"),
        ("not unless I hold the wall can I walk straight", "balance_trouble"),
    ],
)
def test_an_inverted_negation_of_can_is_a_lost_ability(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", text


def test_two_denials_state_it(kb: KnowledgeBase) -> None:
    text = "it's not like I'm not dropping things, three cups broke this week"
    assert _states(kb, text).get("dropping_things") == "present"


@pytest.mark.parametrize(
    ("text", "finding", "state"),
    [
        (
            "Nurse: any trouble swallowing?\nMe: no\nNurse: and the twitching?\nMe: calves",
            "swallowing_difficulty",
            "absent",
        ),
        ("Nurse: any slurring?\nMe: yeah a bit by the evening", "speech_difficulty", "present"),
        (
            "Sam: swallowing ok?\nMe: no, I keep choking on bread",
            "swallowing_difficulty",
            "present",
        ),
        (
            "Nurse: How old is he?\nMe: 4 months\nNurse: Is his cry weak?\nMe: no, loud as ever",
            "infant_weak_cry",
            "absent",
        ),
        ("Doctor: any numbness?\nMe: what do you mean", "numbness_tingling", None),
        ("Nurse: When did the weakness start?\nMe: on Tuesday", "weakness", "present"),
    ],
)
def test_a_pasted_conversation_reads_questions_by_their_answers(
    kb: KnowledgeBase, text: str, finding: str, state: str | None
) -> None:
    assert _states(kb, text).get(finding) == state, text


def test_a_form_label_is_no_speaker(kb: KnowledgeBase) -> None:
    states = _states(kb, "Numbness: no\nWeakness: none\nCramps: at night")
    assert states == {"numbness_tingling": "absent", "weakness": "absent", "cramps": "present"}


def test_a_nurse_speaking_makes_no_nurse_of_the_writer(kb: KnowledgeBase) -> None:
    states = _states(kb, "Nurse: any weakness?\nMe: no\nNurse: ok")
    assert "medical_background" not in states


@pytest.mark.parametrize(
    "text",
    [
        "Pasting my chat with my sister about Dad (71):\n[10:02] Me: he can't get out of "
        "his chair\n[10:03] Jo: is he choking?\n[10:04] Me: yes on everything",
        "I was answering for my husband (52):\nNurse: can he get up from a chair?\nMe: no, "
        "he can't get out of his chair",
    ],
)
def test_a_pasted_conversation_about_a_relative_is_theirs(kb: KnowledgeBase, text: str) -> None:
    result = parse(kb, text, today=TODAY)
    assert result.about_other
    assert {e.id: e.state for e in result.evidence}.get("difficulty_rising") == "present"


def test_a_line_quoted_from_another_post_is_theirs(kb: KnowledgeBase) -> None:
    text = (
        "Calf twitching for a month, speech fine, swallowing fine.\n\n"
        "> mine started with slurring and choking and numb hands\n\n"
        "that's what scares me"
    )
    states = _states(kb, text)
    assert states.get("speech_difficulty") == "absent"
    assert states.get("swallowing_difficulty") == "absent"
    assert "numbness_tingling" not in states


@pytest.mark.parametrize(
    ("text", "finding", "state"),
    [
        ("calves twitch. bladder's behaving, bowels behaving", "bladder_bowel", "absent"),
        ("My son is 9 months. His cry is not strong like it was", "infant_weak_cry", "present"),
        ("My son is 9 months and has a loud cry", "infant_weak_cry", "absent"),
        ("my left leg is stiff and I catch it on steps", "tripping", "present"),
        ("Catching my toes on rugs. Not sure it's actual foot drop though", "tripping", "present"),
    ],
)
def test_more_everyday_words(kb: KnowledgeBase, text: str, finding: str, state: str) -> None:
    assert _states(kb, text).get(finding) == state, text


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("my nans 87 and her legs have gone weak, she cant get out of her chair", 87.0),
        ("my dad's 79, he chokes on his food", 79.0),
    ],
)
def test_a_relatives_age_after_an_apostrophe_s(kb: KnowledgeBase, text: str, age: float) -> None:
    result = parse(kb, text, today=TODAY)
    assert result.about_other
    assert result.age == age


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("cannae get up aff the couch withoot pushin on the arms", "difficulty_rising"),
        ("I cannae swallow ma tablets", "swallowing_difficulty"),
        ("Couldnae get up the stair last night", "difficulty_stairs"),
    ],
)
def test_scots_contractions_are_negated_abilities(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", text


def test_a_doubt_with_its_own_subject_doubts_only_that(kb: KnowledgeBase) -> None:
    text = (
        "My grip has gone weaker and I keep dropping tools. Not sure if the muscle by my "
        "thumb is thinner or I'm imagining it."
    )
    states = _states(kb, text)
    assert states.get("weakness") == "present"
    assert states.get("dropping_things") == "present"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my left hand has got steadily weaker since spring", "weakness_progressive"),
        ("going up the stairs I have to stop halfway now", "difficulty_stairs"),
        ("my dad is 72, he hasn't passed urine since this morning", "bladder_bowel"),
        ("my arms are like lead, I cant lift them above my head", "weakness"),
        ("she is 9 months and gets exhausted drinking her bottle", "infant_feeding_trouble"),
    ],
)
def test_words_of_batch_seventeen(kb: KnowledgeBase, text: str, finding: str) -> None:
    result = parse(kb, text, today=TODAY)
    assert {e.id: e.state for e in result.evidence}.get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding", "state"),
    [
        ("twitchin calves, nae pain, nae numbness", "numbness_tingling", "absent"),
        ("twitchin calves, nae pain, nae numbness", "pain", "absent"),
        ("EMG clean, strength's spot on, calves twitch", "weakness", "absent"),
        ("I need both hands to get up from a chair", "difficulty_rising", "present"),
    ],
)
def test_dialect_denials_and_plain_strength(
    kb: KnowledgeBase, text: str, finding: str, state: str
) -> None:
    assert _states(kb, text).get(finding) == state, text


@pytest.mark.parametrize(
    "text",
    [
        "had a stomach bug 2 weeks ago, since monday my legs are getting weaker every day "
        "and my feet tingle",
        "after the flu my arms are getting weaker by the day",
    ],
)
def test_weakness_worsening_over_days_is_not_also_over_months(kb: KnowledgeBase, text: str) -> None:
    states = _states(kb, text)
    assert states.get("weakness_over_days") == "present", states
    assert "weakness_progressive" not in states, states


def test_weakness_worsening_over_months_stays_progressive(kb: KnowledgeBase) -> None:
    states = _states(kb, "my hand has been getting weaker over the last six months")
    assert states.get("weakness_progressive") == "present", states
    assert "weakness_over_days" not in states, states


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("My biggest fear is not being able to swallow. Calves twitch.", "swallowing_difficulty"),
        ("I check for weakness every day, calves twitching for a month", "weakness"),
        ("I keep waiting for the weakness to start, arms twitch", "weakness"),
        (
            "a mate said it can be from the insecticide but I haven't sprayed",
            "insecticide_exposure",
        ),
    ],
)
def test_fears_checks_and_offered_causes_state_nothing(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) != "present", text


def test_a_relative_who_had_als_is_family_history(kb: KnowledgeBase) -> None:
    text = "my dad had ALS, it started with his speech. my eyelid has twitched for 10 days"
    result = parse(kb, text, today=TODAY)
    states = {e.id: e.state for e in result.evidence}
    assert not result.about_other
    assert states.get("family_history_neuromuscular") == "present"
    assert "speech_difficulty" not in states


def test_a_relative_who_has_als_now_stays_the_person(kb: KnowledgeBase) -> None:
    text = "my dad has ALS, he is 70, he can't swallow and his arms twitch, what should we do?"
    result = parse(kb, text, today=TODAY)
    assert result.about_other
    assert {e.id: e.state for e in result.evidence}.get("swallowing_difficulty") == "present"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (
            "walking like a newborn giraffe since Tuesday, nearly went over in the shop",
            "balance_trouble",
        ),
        ("my son is 3 months and he's like a bag of jelly when you lift him", "infant_floppy"),
        ("calves twitching since the marathon, agonisingly swollen", "pain"),
        ("Can't get the lid off the jam anymore, thumb twitching", "dropping_things"),
    ],
)
def test_words_of_batch_eighteen(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert _states(kb, text).get(finding) == "present", text


def test_what_used_to_be_fine_denies_nothing_now(kb: KnowledgeBase) -> None:
    states = _states(kb, "my 2 year old used to walk fine, now he crawls everywhere again")
    assert states.get("weakness") != "absent"
    assert states.get("milestones_delayed") == "present"


def test_what_used_to_be_there_but_not_anymore_is_denied(kb: KnowledgeBase) -> None:
    states = _states(kb, "I used to get cramps but not anymore. My calves twitch now.")
    assert states.get("cramps") == "absent"


@pytest.mark.parametrize(
    ("text", "age"),
    [
        (
            "my mum is 80, her tongue quivers and she chokes on her tea, and I've had a "
            "twitchy eye myself all week",
            80.0,
        ),
        (
            "my husband is 64, his speech has gone slurred and his tongue is quivering, he "
            "chokes on water. (I've got a twitchy eye myself from the worry)",
            64.0,
        ),
        (
            "Caring for my wife, 83. She twitches in her sleep, and the last fortnight she's "
            "started dragging her right foot. I've got twitching in my own calves too.",
            83.0,
        ),
    ],
)
def test_a_message_opening_with_a_relative_who_twitches_is_theirs(
    kb: KnowledgeBase, text: str, age: float
) -> None:
    result = parse(kb, text, today=TODAY)
    assert result.about_other, text
    assert result.age == age


def test_a_relative_who_does_not_twitch_leaves_the_writer_the_person(kb: KnowledgeBase) -> None:
    text = "my grandad is 90 and can't get out of his chair, and my own legs keep twitching"
    assert not parse(kb, text, today=TODAY).about_other


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my husband has cancer, his back has been killing him at night", "back_pain_night"),
        (
            "our son is 6 weeks, breathing fast with his belly going in and out",
            "breathing_difficulty",
        ),
        ("I fell getting out of bed this morning, legs twitching", "balance_trouble"),
    ],
)
def test_words_of_batch_nineteen(kb: KnowledgeBase, text: str, finding: str) -> None:
    result = parse(kb, text, today=TODAY)
    assert {e.id: e.state for e in result.evidence}.get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding", "state"),
    [
        (
            "Q: Does one foot slap down or drag when you walk?\nA: the left one drags, my son "
            "noticed it first",
            "foot_drop",
            "present",
        ),
        (
            "Nurse: any numbness?\nMe: not sure, maybe a bit in my toes",
            "numbness_tingling",
            "unknown",
        ),
        ("Nurse: any numbness?\nMe: what do you mean by that?", "numbness_tingling", None),
    ],
)
def test_a_described_or_unsure_answer_to_a_question(
    kb: KnowledgeBase, text: str, finding: str, state: str | None
) -> None:
    assert _states(kb, text).get(finding) == state, text
