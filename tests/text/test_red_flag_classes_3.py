"""Issue 12, round three: classes of error found in the development messages after round two.

Each test names one class and reads several phrasings of it, not the corpus sentence that showed
it: a letter typed in the wrong place; a pronoun standing for a body site ("they just twitch");
a negated ability governs its own verb only; a body site that starts a clause with another
finding is not the twitching of the clause before; a time said of someone else's illness is not
how long the person has twitched; "normally" of habit is not "fine"; a word that names a trigger
elsewhere ("run", "tea", "hard time") inside another finding's words; "weak" said of a voice or
a cough. Each failed before its fix.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.text.reading import states_on
from twitchcheck import KnowledgeBase
from twitchcheck.text import parse
from twitchcheck.text.normalize import Speller, stem

TODAY = date(2026, 12, 6)


states = states_on(TODAY)


@pytest.mark.parametrize(
    ("typed", "meant"), [("tounge", "tongue"), ("bladedr", "bladder"), ("tonuge", "tongue")]
)
def test_a_letter_typed_in_the_wrong_place_is_one_slip(typed: str, meant: str) -> None:
    speller = Speller(["tongue", "bladder", "weakness", "tonight"])
    assert speller.correct(typed) == stem(meant)


def test_a_moved_letter_is_read_in_a_message(kb: KnowledgeBase) -> None:
    assert states(kb, "my tounge keeps twitching").get("twitch_tongue") == "present"


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("my legs aren't weak, they just twitch", "twitch_legs"),
        ("my thigh aches where it twitches", "twitch_legs"),
        ("my arms feel heavy and they keep twitching", "twitch_arms"),
        ("no weakness in my arms, they twitch though", "twitch_arms"),
    ],
)
def test_a_pronoun_for_a_body_site_carries_its_twitching(
    kb: KnowledgeBase, text: str, site: str
) -> None:
    got = states(kb, text)
    assert got.get(site) == "present", (text, got)
    assert got.get("weakness") != "present", (text, got)


@pytest.mark.parametrize(
    "text",
    [
        "my arms are fine and they don't twitch",
        "my legs don't twitch",
        "my calves, they never twitch",
    ],
)
def test_a_negation_between_a_site_and_its_twitch_word_denies_it(
    kb: KnowledgeBase, text: str
) -> None:
    got = states(kb, text)
    assert got.get("twitch_arms", got.get("twitch_legs")) == "absent", (text, got)


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("I can't keep my balance with my eyes shut", "facial_weakness", "balance_trouble"),
        ("I can't feel the toilet paper when I wipe", "bladder_bowel", "saddle_anaesthesia"),
        ("can't hold my cup without my fingers tingling", "bladder_bowel", "dropping_things"),
    ],
)
def test_a_negated_ability_is_of_its_own_verb(
    kb: KnowledgeBase, text: str, wrong: str, right: str
) -> None:
    got = states(kb, text)
    assert wrong not in got, (text, got)
    assert got.get(right) == "present", (text, got)


@pytest.mark.parametrize(
    "text", ["i can't go to the toilet even when i'm bursting", "I can't do up my buttons"]
)
def test_words_without_meaning_may_stand_between_cannot_and_its_object(
    kb: KnowledgeBase, text: str
) -> None:
    got = states(kb, text)
    assert got.get("bladder_bowel", got.get("dropping_things")) == "present", (text, got)


@pytest.mark.parametrize(
    "text",
    [
        "after the op my hands went into spasm and my lips tingle",
        "since my neck surgery my fingers lock in spasm and my mouth feels numb",
    ],
)
def test_a_site_that_starts_its_own_clause_is_not_the_twitching_before_it(
    kb: KnowledgeBase, text: str
) -> None:
    got = states(kb, text)
    assert "twitch_perioral" not in got, (text, got)
    assert got.get("tingling_lips_fingers") == "present", (text, got)


@pytest.mark.parametrize(
    "text",
    [
        "my dad has had terrible back pain for years, my calf twitches",
        "my sister had numb hands for months last year and now my eyelid twitches",
    ],
)
def test_a_time_said_of_someone_else_is_not_how_long_the_person_twitches(
    kb: KnowledgeBase, text: str
) -> None:
    got = states(kb, text)
    assert not {"duration_months", "duration_weeks"} & set(got), (text, got)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I feel weak all over but I can still do everything I normally do", "subjective_weakness"),
        ("my legs are weaker, I can't lift what I would normally lift", "weakness"),
    ],
)
def test_normally_of_habit_is_not_fine(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("I can't speak clearly, my words run together", "trigger_exercise"),
        ("my eyes are watering and my nose is running", "trigger_exercise"),
        ("I'm having a hard time swallowing", "trigger_stress"),
        ("I keep dropping my cup of tea", "trigger_caffeine"),
        ("my face droops and water runs out of my mouth", "trigger_exercise"),
    ],
)
def test_a_trigger_word_inside_another_statement_is_no_trigger(
    kb: KnowledgeBase, text: str, trigger: str
) -> None:
    got = states(kb, text)
    assert trigger not in got, (text, got)
    assert any(s == "present" for s in got.values()), (text, got)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my voice has gone croaky and weak", "speech_difficulty"),
        ("my cough has gone really weak", "breathing_difficulty"),
        ("my wee stream is weaker than it was", "bladder_bowel"),
    ],
)
def test_weak_said_of_a_voice_a_cough_or_a_stream_is_that_finding(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    got = states(kb, text)
    assert got.get(finding) == "present", (text, got)
    assert "weakness" not in got, (text, got)


@pytest.mark.parametrize(
    ("text", "offered", "stated"),
    [
        ("not sure if my arm is weaker or I'm just tired", "fatigue", "weakness"),
        (
            "I don't know if my speech is slurred or it's just anxiety",
            "anxious_mood",
            "speech_difficulty",
        ),
        ("I wonder if my grip is weaker or am I just paranoid", "anxious_mood", "dropping_things"),
    ],
)
def test_an_explanation_offered_as_the_other_possibility_is_no_statement(
    kb: KnowledgeBase, text: str, offered: str, stated: str
) -> None:
    got = states(kb, text)
    assert offered not in got, (text, got)
    assert stated in got, (text, got)


@pytest.mark.parametrize(
    ("text", "site"),
    [
        (
            "My brother had twitching in his legs years ago. Now I have it in my arms.",
            "twitch_arms",
        ),
        ("my eyelid twitched for weeks and now it's moved to my calf", "twitch_legs"),
    ],
)
def test_it_after_twitching_is_the_twitching_at_a_site(
    kb: KnowledgeBase, text: str, site: str
) -> None:
    assert states(kb, text).get(site) == "present", text


def test_it_before_any_twitching_is_no_twitching(kb: KnowledgeBase) -> None:
    got = states(kb, "my legs are weak and it's in my arms too")
    assert "twitch_arms" not in got and "twitch_legs" not in got, got


@pytest.mark.parametrize(
    "text",
    [
        "My legs feel heavy but I can still do everything, run, climb stairs.",
        "I can't run like I used to",
        "I can still drink coffee without my eye twitching",
    ],
)
def test_what_a_person_can_do_is_no_exposure(kb: KnowledgeBase, text: str) -> None:
    got = states(kb, text)
    assert not {"trigger_exercise", "trigger_caffeine"} & set(got), (text, got)


# --- round four: classes found in the fresh batch (written without reading the reader) ----------


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("climbing the stairs is like climbing everest now", "difficulty_stairs"),
        ("walking up stairs leaves me hanging onto the rail", "difficulty_stairs"),
    ],
)
def test_an_activity_named_alone_is_not_normal_function(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) != "absent", text


@pytest.mark.parametrize(
    ("text", "finding", "state"),
    [
        ("I can climb stairs fine", "difficulty_stairs", "absent"),
        ("I can't climb stairs any more", "difficulty_stairs", "present"),
        ("my baby holds his head up", "infant_floppy", "absent"),
    ],
)
def test_an_activity_with_can_or_fine_is_still_read(
    kb: KnowledgeBase, text: str, finding: str, state: str
) -> None:
    assert states(kb, text).get(finding) == state, text


@pytest.mark.parametrize(
    ("text", "denied", "stated", "state"),
    [
        ("no shortness of breath, walking fine", "breathing_difficulty", "weakness", "absent"),
        ("no pain, walking is hard", "pain", "weakness", "present"),
        ("no numbness, my legs work fine", "numbness_tingling", "weakness", "absent"),
    ],
)
def test_no_ends_where_a_clause_of_function_starts(
    kb: KnowledgeBase, text: str, denied: str, stated: str, state: str
) -> None:
    got = states(kb, text)
    assert got.get(denied) == "absent", (text, got)
    assert got.get(stated) == state, (text, got)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("cant get off the couch without using my hands, thighs twitch all evening", "twitch_legs"),
        ("I get up without help, my calves twitch though", "twitch_legs"),
    ],
)
def test_without_denies_its_own_object_only(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


def test_the_same_time_is_no_statement_of_normality(kb: KnowledgeBase) -> None:
    got = states(kb, "ringing in one ear, started around the same time as the twitching")
    assert got.get("hearing_change") == "present", got


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my 3 month old son seems floppier than before", "infant_floppy"),
        ("my pee looks darker after the gym and my thighs ache", "dark_urine_muscle_pain"),
        ("my calf looks skinnier than the other", "muscle_wasting"),
    ],
)
def test_a_comparative_of_a_known_word_is_that_word(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my left arm might be weaker than the right", "weakness"),
        ("stairs feel harder lately? not sure if im just unfit", "difficulty_stairs"),
        ("feels harder to get up from the sofa, or maybe i'm just lazy lol", "difficulty_rising"),
    ],
)
def test_doubt_inside_or_after_a_statement_makes_it_unsure(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "unknown", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I can't swallow, not sure why", "swallowing_difficulty"),
        ("I can't pee, not sure if its related", "bladder_bowel"),
        ("I'm not sure what is wrong but I can't swallow", "swallowing_difficulty"),
        ("I can't swallow but my legs might just be tired, not sure", "swallowing_difficulty"),
        ("my legs are weak. Not sure what is going on", "weakness"),
    ],
)
def test_doubt_about_the_cause_leaves_a_stated_red_flag_stated(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "theirs", "mine"),
    [
        (
            "my grandad cant get out of his chair on his own now, and my own legs keep twitching",
            "difficulty_rising",
            "twitch_legs",
        ),
        (
            "my mum keeps dropping things since her stroke and im the one getting twitches",
            "dropping_things",
            None,
        ),
        (
            "my uncle had MND and his speech went first. Ive got twitching in my feet now",
            "speech_difficulty",
            "twitch_legs",
        ),
        (
            "my partners back pain keeps us both up at night and my calves twitch",
            "back_pain_night",
            "twitch_legs",
        ),
        (
            "my teammate ended up in hospital with cola coloured pee, my thighs twitch",
            "dark_urine_muscle_pain",
            "twitch_legs",
        ),
    ],
)
def test_the_writer_who_twitches_is_the_person_and_a_relatives_signs_stay_theirs(
    kb: KnowledgeBase, text: str, theirs: str, mine: str | None
) -> None:
    got = states(kb, text)
    assert theirs not in got, (text, got)
    if mine is not None:
        assert got.get(mine) == "present", (text, got)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("45 year old man with twitching in his thigh for 2 weeks", "twitch_legs"),
        ("my son is 9 and his thighs look thin and wasted next to his friends", "muscle_wasting"),
        ("I've noticed his tongue flickering, writing for my 13 year old", "twitch_tongue"),
    ],
)
def test_his_is_the_patients_in_a_note_about_them(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding", "age"),
    [
        (
            "baby boy, 8 weeks, weak suck, milk dribbles out the sides of his mouth",
            "infant_feeding_trouble",
            8 * 7 / 365.25,
        ),
        (
            "baby girl 6 weeks, her cry is so soft you cant hear it",
            "infant_weak_cry",
            6 * 7 / 365.25,
        ),
    ],
)
def test_a_message_opening_with_a_child_and_an_age_is_about_that_child(
    kb: KnowledgeBase, text: str, finding: str, age: float
) -> None:
    result = parse(kb, text, today=TODAY)
    assert result.about_other
    assert result.age == pytest.approx(age, abs=0.01)
    assert {e.id: e.state for e in result.evidence}.get(finding) == "present"
    assert "facial_weakness" not in {e.id for e in result.evidence}


@pytest.mark.parametrize(
    "text",
    [
        "I cant go up on my toes on the left. strength on the right fine",
        "my right arm is fine but the left one is getting clumsy",
    ],
)
def test_a_denial_said_of_one_side_denies_nothing(kb: KnowledgeBase, text: str) -> None:
    got = states(kb, text)
    assert got.get("weakness") != "absent", (text, got)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (
            "baby has gone limp like a noodle since this morning and wont feed, shes 7 weeks",
            "infant_floppy",
        ),
        ("2am. son 7 wks. cry so weak its almost a whisper", "infant_weak_cry"),
        ("babys suck feels really weak on my finger, 6 weeks old", "infant_feeding_trouble"),
    ],
)
def test_a_babys_age_in_weeks_or_months_makes_the_message_about_the_baby(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    result = parse(kb, text, today=TODAY)
    assert result.about_other and result.age is not None and result.age < 1
    assert {e.id: e.state for e in result.evidence}.get(finding) == "present", text


@pytest.mark.parametrize(
    "text",
    ["I've had twitches for 6 weeks", "I'm 34 and my baby is 6 months old, my eyelid twitches"],
)
def test_a_duration_or_a_parents_own_age_is_no_babys_age(kb: KnowledgeBase, text: str) -> None:
    assert not parse(kb, text, today=TODAY).about_other, text


@pytest.mark.parametrize(
    "text",
    [
        "short of breath even when resting since the weekend, shoulders twitching",
        "I havent been able to swallow my tablets since friday, and theres a twitch in my chin",
    ],
)
def test_a_time_in_a_clause_of_another_symptom_dates_that_symptom(
    kb: KnowledgeBase, text: str
) -> None:
    got = states(kb, text)
    assert not {"duration_days", "duration_weeks", "duration_months"} & set(got), (text, got)


def test_a_time_in_the_twitchings_clause_is_still_its_duration(kb: KnowledgeBase) -> None:
    got = states(kb, "my legs are weak and my calves have twitched for 5 months")
    assert got.get("duration_months") == "present", got


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my hand sags at the wrist", "wrist_drop"),
        ("my face sags on one side", "facial_weakness"),
        ("my legs feel like rubber", "weakness"),  # as "like jelly" (weakness since batch 11)
        ("I can't get up from the loo without help", "difficulty_rising"),
    ],
)
def test_words_that_say_the_same_read_the_same_phrase(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "present", text
