"""Issue 12 and 16: classes of error of the lay-text reader, eleventh set (fresh red-flag batch 21
and the false readings noted at the last stop).

Each test names one class and reads phrasings written for the test, with controls.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.text.reading import states_on
from twitchcheck import KnowledgeBase

TODAY = date(2026, 12, 7)
_states = states_on(TODAY)


@pytest.mark.parametrize(
    "text",
    [
        "my friend's dad had ALS and now my calf twitches",
        "my best friends mother died of motor neurone disease",
        "a colleague's brother has MND, I twitch all over",
        "my neighbours son has muscular dystrophy",
    ],
)
def test_a_relative_of_a_friend_or_colleague_is_no_family_history(
    kb: KnowledgeBase, text: str
) -> None:
    assert "family_history_neuromuscular" not in _states(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "my dad had ALS and now my calf twitches",
        "my friend's dad had ALS, and my own mum has MND",
        "my uncle died of motor neurone disease",
    ],
)
def test_the_writers_own_relative_is_still_family_history(kb: KnowledgeBase, text: str) -> None:
    assert _states(kb, text).get("family_history_neuromuscular") == "present", text


@pytest.mark.parametrize(
    "text",
    [
        "I keep dropping off to sleep on the sofa and my eyelid twitches",
        "my sister dropped by with soup, my calf has been twitching",
        "I dropped round to my mum's and my thigh started twitching",
    ],
)
def test_dropping_off_or_by_is_another_verb(kb: KnowledgeBase, text: str) -> None:
    assert "dropping_things" not in _states(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "I keep dropping things and my hand twitches",
        "cups keep dropping out of my hand",
        "I dropped my keys twice today, my fingers just let go",
    ],
)
def test_dropping_things_is_still_read(kb: KnowledgeBase, text: str) -> None:
    assert _states(kb, text).get("dropping_things") == "present", text


@pytest.mark.parametrize(
    "text",
    [
        "the pain in my back is more strong in the night",
        "the twitching is very strong today",
        "my doctor gave me strong painkillers for the cramps",
    ],
)
def test_strong_said_of_a_pain_or_twitch_is_its_intensity_not_strength(
    kb: KnowledgeBase, text: str
) -> None:
    assert _states(kb, text).get("weakness") != "absent", text


@pytest.mark.parametrize(
    "text",
    [
        "my legs are strong, just twitchy",
        "the twitching is bad but my arms are strong",
        "twitches in my calves, grip strong",
    ],
)
def test_strong_said_of_the_body_still_denies_weakness(kb: KnowledgeBase, text: str) -> None:
    assert _states(kb, text).get("weakness") == "absent", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("since last night I don't feel the toilet paper when I wipe", "saddle_anaesthesia"),
        (
            "I'm writing for my dad, 70: he doesn't feel anything from the waist down",
            "numbness_tingling",
        ),
        ("I did not feel my feet on the pedals this morning", "numbness_tingling"),
    ],
)
def test_feeling_negated_with_do_and_an_object_is_feeling_lost(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    "text",
    ["I don't feel weak, my calves just twitch", "i dont feel any weakness at all"],
)
def test_not_feeling_weak_denies_weakness(kb: KnowledgeBase, text: str) -> None:
    states = _states(kb, text)
    assert states.get("weakness") == "absent", text
    assert "subjective_weakness" not in states, text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("the calf of my right leg is more thin than the left", "muscle_wasting"),
        ("since one month my legs are more weak", "weakness"),
    ],
)
def test_more_before_a_word_is_its_comparative(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert _states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("the urine does not come out since this morning", "bladder_bowel"),
        ("I must push very hard to make pipi", "bladder_bowel"),
        ("my left foot falls down when I walk and the toes catch", "foot_drop"),
        ("my speaking is not clear, people ask me to repeat", "speech_difficulty"),
        ("water comes back down my nose when I drink", "swallowing_difficulty"),
        ("his mouth is crooked to one side, I am writing for my dad", "facial_weakness"),
    ],
)
def test_second_language_phrasings_of_red_flags(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert _states(kb, text).get(finding) == "present", text


def test_straining_a_lot_to_pee_is_no_passing_a_lot_of_urine(kb: KnowledgeBase) -> None:
    states = _states(kb, "I have to push a lot to pee and it only dribbles")
    assert states.get("bladder_bowel") == "present"
    assert "kidney_stones_thirst" not in states
    assert _states(kb, "I'm peeing a lot and always thirsty").get("kidney_stones_thirst") == (
        "present"
    )


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (
            "tingling in my fingertips since this morning, none round my lips",
            "tingling_lips_fingers",
        ),
        ("cramps in my calves at night, none in my arms", "cramps"),
    ],
)
def test_none_naming_a_place_denies_only_that_place(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I sprayed the roses with the bug killer my dad left in the shed", "insecticide_exposure"),
        ("I can't follow what my wife is saying and everything looks blurry", "vision_change"),
    ],
)
def test_a_relative_who_left_something_or_is_talking_owns_no_finding(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", text


def test_a_later_edit_states_what_an_earlier_line_denied(kb: KnowledgeBase) -> None:
    text = (
        "Bicep twitching for 3 weeks. No neck pain.\n"
        "EDIT: spoke too soon, woke up with an ache from my neck right down into my arm"
    )
    assert _states(kb, text).get("neck_pain_arm") == "present"


@pytest.mark.parametrize(
    "text",
    [
        "I have strength, I can open jars no problem",
        "i still have strength in both hands, just twitchy",
    ],
)
def test_having_strength_denies_weakness(kb: KnowledgeBase, text: str) -> None:
    assert _states(kb, text).get("weakness") == "absent", text


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("since 3 days my legs are without force", "present"),
        ("my arms have no force since last week", "present"),
        ("the force is normal, I walk and run like before", "absent"),
        ("strength has gone from my legs", "present"),
    ],
)
def test_force_is_strength_in_second_language_english(
    kb: KnowledgeBase, text: str, state: str
) -> None:
    assert _states(kb, text).get("weakness") == state, text


def test_working_in_a_battery_factory_is_lead_exposure(kb: KnowledgeBase) -> None:
    text = "I am working in battery factory since 10 years and my wrist hangs down"
    assert _states(kb, text).get("lead_exposure") == "present"


def test_getting_worse_refers_to_every_finding_of_the_last_clause(kb: KnowledgeBase) -> None:
    text = "my hips have got weak and the stairs wipe me out. It's getting worse."
    assert _states(kb, text).get("weakness_progressive") == "present"
    tired = "my legs are weak and I'm worn out. It's getting worse."
    assert "weakness_progressive" not in _states(kb, tired)


@pytest.mark.parametrize(
    "text",
    [
        "my arms feel kind of weak and heavy but I can still lift the baby, all fine",
        "legs feel weak by the evening, but honestly I can still do everything",
        "my hands feel weak though I can still do up buttons and open jars",
    ],
)
def test_weakness_only_felt_while_able_is_felt_weakness(kb: KnowledgeBase, text: str) -> None:
    states = _states(kb, text)
    assert states.get("subjective_weakness") == "present", text
    assert states.get("weakness") != "present", text


@pytest.mark.parametrize(
    "text",
    [
        "my legs feel weak",
        "my legs are weak but I can still walk",
        "my legs feel weak and I keep tripping, but I can still walk",
    ],
)
def test_weakness_said_without_being_able_or_not_only_felt_stays_weakness(
    kb: KnowledgeBase, text: str
) -> None:
    states = _states(kb, text)
    assert states.get("weakness") == "present" or states.get("tripping") == "present", text
    assert "subjective_weakness" not in states, text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my hearing has gone on the left and my face twitches", "hearing_change"),
        ("the hearing in my right ear has gone", "hearing_change"),
        ("my balance has gone, I stagger like I'm drunk", "balance_trouble"),
        ("my grip's gone, the kettle is too heavy", "dropping_things"),
    ],
)
def test_a_faculty_that_has_gone_is_lost(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert _states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("the pain in my legs has gone now", "pain"),
        ("the numbness has gone since Friday", "numbness_tingling"),
    ],
)
def test_a_symptom_that_has_gone_went_away(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert _states(kb, text).get(finding) == "absent", text


@pytest.mark.parametrize(
    ("text", "not_there"),
    [
        ("we drove back from a road trip and my calf twitches", "tripping"),
        ("I gave a speech at work and my eyelid twitched all day", "speech_difficulty"),
        ("stressed about a court hearing, my eyelid twitches", "hearing_change"),
        ("I only drink weak coffee and my thigh twitches", "weakness"),
        ("had my gall bladder out last year, calves twitch now", "bladder_bowel"),
    ],
)
def test_a_word_in_another_sense_states_nothing(
    kb: KnowledgeBase, text: str, not_there: str
) -> None:
    assert not_there not in _states(kb, text), text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("no pain, food sticks in my throat", "swallowing_difficulty"),
        ("no fever and my wee won't come since this morning", "bladder_bowel"),
        ("not weak, tingling in my feet though", "numbness_tingling"),
        ("no cough, my voice has gone slurry", "speech_difficulty"),
    ],
)
def test_a_clause_after_a_no_list_is_a_statement(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("no pain, numbness or pins and needles in my hands", "numbness_tingling"),
        ("no weakness, numbness or trouble swallowing", "swallowing_difficulty"),
        ("no pain, no numbness though", "numbness_tingling"),
    ],
)
def test_items_of_a_no_list_stay_denied(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert _states(kb, text).get(finding) == "absent", text


@pytest.mark.parametrize(
    ("text", "not_there"),
    [
        ("trying to eat a balanced diet, my calves twitch", "balance_trouble"),
        ("my bank balance is low and I'm stressed, eyelid twitching", "balance_trouble"),
        ("jaw dropping view on holiday but my thigh twitched", "dropping_things"),
        ("the circuit breaker tripped and my arm twitched", "tripping"),
    ],
)
def test_a_word_after_another_that_changes_it_states_nothing(
    kb: KnowledgeBase, text: str, not_there: str
) -> None:
    assert not_there not in _states(kb, text), text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my balance is off and I sway", "balance_trouble"),
        ("I keep choking up my food", "swallowing_difficulty"),
        ("I keep dropping my cup", "dropping_things"),
    ],
)
def test_the_word_alone_still_states_its_finding(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my right foot is a flipper now. It slaps down when I walk", "foot_drop"),
        ("the base of my left thumb looks flatter than the right", "hand_wasting"),
        ("pee like cola after leg day and my thighs are killing me", "pain"),
    ],
)
def test_batch_22_phrasings(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert _states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I can't get up off the floor, all good otherwise", "difficulty_rising"),
        ("I can't get up off the floor, fine", "difficulty_rising"),
        ("can't feel the toilet paper, everything else ok", "saddle_anaesthesia"),
    ],
)
def test_a_normal_after_what_cannot_be_done_does_not_deny_it(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert _states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding", "state"),
    [
        ("can't swallow properly, breathing fine", "breathing_difficulty", "absent"),
        ("can't swallow properly, breathing fine", "swallowing_difficulty", "present"),
        ("legs feel heavy but I get up off the floor easy", "difficulty_rising", "absent"),
        ("I climb the stairs fine.", "difficulty_stairs", "absent"),
    ],
)
def test_a_function_said_done_well_after_a_comma_is_its_own_clause(
    kb: KnowledgeBase, text: str, finding: str, state: str
) -> None:
    assert _states(kb, text).get(finding) == state, text
