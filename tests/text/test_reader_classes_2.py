"""Issue 12: classes of error of the lay-text reader, second set.

Each test names one class and reads several phrasings of it, written for the test and not taken
from the corpus. Reading a red flag as absent: a negation that is part of one phrase also negates
another phrase that shares its verb ("does not hold her head up"); "the same side" is a place,
not "the same"; words that look like a denial and deny nothing ("a good while", "normal
otherwise", "never used to", "never ... before", "no warning", "wasn't there before"); a body
part or a new verb after a comma or "and" ends a list of denials ("no pain and legs keep giving
way"); "not easy to", "not strong enough to" and "...but can't anymore" are negated abilities.
Missing a red flag: an "if" that asks about a fact or states a habit is no fear; "X is no
problem"; a child named by a short age ("my 18mo"), a small number that is a child's age, an age
said after a child word; a likeness ("like someone flicking me") is no one else; common words
for red flags and for a child's signs. Someone else's findings: a relative named at the start is
the person only when the message speaks of their twitching; a finding said inside a relative's
words, or after their pronoun ("he can't swallow"), is theirs; an in-law, and someone the writer
points at ("the lady next door"), is someone else. Precision: "numb from the waist down" is a
level, not saddle numbness; a state said as the time another symptom comes ("when I'm tired");
", no ..." starts a clause of its own; what was read online, or what a question asks the
symptoms could be, is feared; the back of a limb is that limb; not sleeping flat is
breathlessness. Each class has a case that failed before its fix.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.text.reading import states_on
from twitchcheck import KnowledgeBase
from twitchcheck.text import parse

TODAY = date(2026, 12, 6)


states = states_on(TODAY)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("could this be ALS if my speech has gone slurred?", "speech_difficulty"),
        ("do I have to go to hospital if both legs went numb last night", "numbness_tingling"),
        ("is it serious if I keep dropping things?", "dropping_things"),
        ("hi, should I be seen today if my hand is wasting away", "muscle_wasting"),
        ("if i drink water i choke on it", "swallowing_difficulty"),
        ("if I walk any distance, my legs give way", "weakness"),
    ],
)
def test_an_if_asking_about_a_fact_or_stating_a_habit_states_it(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("should I go to A&E if I start choking?", "swallowing_difficulty"),
        ("what if my speech gets slurred", "speech_difficulty"),
        ("if my legs ever go weak I will ring the GP", "weakness"),
        ("I'd see a doctor if my speech was slurred", "speech_difficulty"),
    ],
)
def test_an_if_of_what_might_come_stays_a_fear(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert finding not in states(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "my 6 month old does not hold her head up",
        "our son is 5 months and is not holding his head up yet",
        "is it normal for a 5 month old not to hold his head up?",
    ],
)
def test_a_negation_shared_by_two_phrases_negates_both(kb: KnowledgeBase, text: str) -> None:
    got = states(kb, text)
    assert got.get("infant_floppy") == "present", (text, got)


@pytest.mark.parametrize(
    ("text", "theirs"),
    [
        ("my aunt has tingling hands from her diabetes", "numbness_tingling"),
        (
            "my dad had ALS and he choked on everything near the end. my calf twitches",
            "swallowing_difficulty",
        ),
        (
            "my uncle had MND, his speech went slurred first. now my thumb twitches",
            "speech_difficulty",
        ),
    ],
)
def test_a_relative_is_the_person_only_when_their_twitching_is_the_subject(
    kb: KnowledgeBase, text: str, theirs: str
) -> None:
    result = parse(kb, text, today=TODAY)
    assert not result.about_other, text
    assert theirs not in {e.id for e in result.evidence}, text


def test_a_relatives_twitching_still_makes_them_the_person(kb: KnowledgeBase) -> None:
    result = parse(kb, "my dad is 72. his arms twitch and he drops his cup", today=TODAY)
    assert result.about_other
    assert {e.id: e.state for e in result.evidence}.get("dropping_things") == "present"


def test_a_finding_inside_a_relatives_words_is_theirs_too(kb: KnowledgeBase) -> None:
    got = states(kb, "my grandad had Kennedy disease and his tongue was all wasted")
    assert "tongue_wasting" not in got
    assert "muscle_wasting" not in got


@pytest.mark.parametrize(
    ("text", "age"),
    [("my 18mo still isnt standing", 1.5), ("my 9 mo won't latch and tires feeding", 0.75)],
)
def test_a_child_named_by_a_short_age(kb: KnowledgeBase, text: str, age: float) -> None:
    result = parse(kb, text, today=TODAY)
    assert result.about_other and result.age == age, text
    assert {e.id for e in result.evidence} & {"milestones_delayed", "infant_feeding_trouble"}


def test_a_small_age_is_a_childs_not_the_writers(kb: KnowledgeBase) -> None:
    result = parse(kb, "son was crawling at 1 but now at 3 he's stopped walking", today=TODAY)
    assert result.about_other
    assert {e.id: e.state for e in result.evidence}.get("milestones_delayed") == "present"


@pytest.mark.parametrize(
    "text", ["my legs are numb from the hips down", "numb from my chest down since this morning"]
)
def test_numb_from_a_level_down_is_not_saddle_numbness(kb: KnowledgeBase, text: str) -> None:
    got = states(kb, text)
    assert got.get("numbness_tingling") == "present" and "saddle_anaesthesia" not in got, got


def test_numb_down_below_is_saddle_numbness(kb: KnowledgeBase) -> None:
    assert states(kb, "it's gone numb down below").get("saddle_anaesthesia") == "present"


@pytest.mark.parametrize(
    ("text", "symptom"),
    [
        ("my left foot scuffs when I'm tired", "foot_drop"),
        ("speech goes slurry when i'm really exhausted", "speech_difficulty"),
    ],
)
def test_a_state_said_as_when_another_symptom_comes_is_no_complaint(
    kb: KnowledgeBase, text: str, symptom: str
) -> None:
    got = states(kb, text)
    assert got.get(symptom) == "present" and "fatigue" not in got, (text, got)


def test_a_trigger_said_with_when_is_still_the_trigger(kb: KnowledgeBase) -> None:
    assert states(kb, "my calves twitch when I'm stressed").get("trigger_stress") == "present"


def test_when_lying_flat_is_more_than_a_state(kb: KnowledgeBase) -> None:
    got = states(kb, "when I'm lying flat I get breathless")
    assert got.get("breathing_difficulty") == "present"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("getting up off the sofa and climbing stairs are no problem", "difficulty_rising"),
        ("swallowing isn't a problem", "swallowing_difficulty"),
    ],
)
def test_said_to_be_no_problem_after_it_is_named(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "absent", text


def test_a_denial_after_a_comma_starts_its_own_clause(kb: KnowledgeBase) -> None:
    got = states(kb, "feet never go into spasm, no tingling round my lips")
    assert got.get("tingling_lips_fingers") == "absent", got
    assert "twitch_perioral" not in got, got


def test_what_was_read_online_is_not_the_persons(kb: KnowledgeBase) -> None:
    got = states(kb, "I read online that MND starts with tripping, my calves twitch")
    assert "tripping" not in got and got.get("twitch_legs") == "present", got


@pytest.mark.parametrize(
    "text",
    [
        "daughter aged 12 says her arm is weak and she keeps dropping her pen",
        "son, 11, has been dropping his fork and says his hand is weak",
    ],
)
def test_an_age_said_after_a_child_word_is_the_childs(kb: KnowledgeBase, text: str) -> None:
    result = parse(kb, text, today=TODAY)
    assert result.about_other, text
    assert {e.id for e in result.evidence} >= {"dropping_things", "weakness"}, text


@pytest.mark.parametrize(
    "text",
    [
        "my sister-in-law has slurred speech, but I'm asking about my own twitchy calves",
        "my father in law can't swallow properly; my arms are the ones twitching",
    ],
)
def test_an_in_law_is_someone_else(kb: KnowledgeBase, text: str) -> None:
    got = states(kb, text)
    assert not {"speech_difficulty", "swallowing_difficulty"} & set(got), (text, got)


@pytest.mark.parametrize(
    "text",
    [
        "put down wasp killer in the loft this morning, now twitching all over",
        "used ant poison round the back door and my arms are jumping",
        "sprayed the shed with cockroach powder, muscles twitching since",
    ],
)
def test_what_kills_pests_is_one_exposure(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("insecticide_exposure") == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I get paresthesia in both feet", "numbness_tingling"),
        ("my waterworks have gone funny", "bladder_bowel"),
        ("I can't tell when I need the toilet any more", "bladder_bowel"),
        ("walking, stairs and balance all grand", None),
    ],
)
def test_common_words_for_red_flags(kb: KnowledgeBase, text: str, finding: str | None) -> None:
    got = states(kb, text)
    if finding is None:
        assert got.get("difficulty_stairs") == "absent" and got.get("balance_trouble") == "absent"
    else:
        assert got.get(finding) == "present", (text, got)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I used to walk up the stairs fine but can't anymore", "difficulty_stairs"),
        ("I could climb the stairs at Christmas but now can't any more", "difficulty_stairs"),
    ],
)
def test_an_ability_lost_with_its_verb_left_out(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "feared"),
    [
        ("could the twitching and my ringing ear be a brain tumour?", "cancer_history"),
        ("can my trouble swallowing be from anxiety?", "anxious_mood"),
    ],
)
def test_what_a_question_asks_the_symptoms_could_be_is_feared(
    kb: KnowledgeBase, text: str, feared: str
) -> None:
    got = states(kb, text)
    assert feared not in got, (text, got)


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("the back of my hand keeps twitching", "twitch_arms"),
        ("twitch at the back of my knee all evening", "twitch_legs"),
    ],
)
def test_the_back_of_a_limb_is_that_limb(kb: KnowledgeBase, text: str, site: str) -> None:
    got = states(kb, text)
    assert got.get(site) == "present" and "twitch_trunk" not in got, (text, got)


def test_not_sleeping_flat_is_breathlessness(kb: KnowledgeBase) -> None:
    got = states(kb, "I can't sleep flat any more, I have to prop myself up")
    assert got.get("breathing_difficulty") == "present" and "trigger_sleep_loss" not in got, got


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (
            "my thigh has a hollow that wasn't there before, like a scoop taken out",
            "muscle_wasting",
        ),
        ("eyelid twitching and my face droops on the same side", "facial_weakness"),
    ],
)
def test_new_or_the_same_side_denies_nothing(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my words have come out slurred for a good while now", "speech_difficulty"),
        ("one side of my face has dropped, normal otherwise", "facial_weakness"),
        ("I never used to choke on drinks, now it's every day", "swallowing_difficulty"),
        ("never had double vision before this week", "vision_change"),
        ("no warning at all, my legs just gave way", "weakness"),
    ],
)
def test_words_that_look_like_a_denial_and_deny_nothing(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "present", text


def test_never_alone_still_denies(kb: KnowledgeBase) -> None:
    assert states(kb, "I've never had double vision").get("vision_change") == "absent"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("no pain at all and legs keep buckling under me", "weakness"),
        ("no cold, no cough, voice all slurred since lunch", "speech_difficulty"),
        ("no fall or knock, face drooping on the left", "facial_weakness"),
    ],
)
def test_a_body_part_after_a_comma_ends_a_list_of_denials(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "present", text


def test_a_list_of_denials_still_denies(kb: KnowledgeBase) -> None:
    got = states(kb, "no weakness, numbness or trouble swallowing")
    assert got.get("swallowing_difficulty") == "absent" and got.get("weakness") == "absent"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("it's not easy to swallow bread any more", "swallowing_difficulty"),
        ("I'm not strong enough to get up off the floor", "difficulty_rising"),
    ],
)
def test_not_easy_or_not_strong_enough_is_a_negated_ability(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "theirs"),
    [
        ("the lady next door can't breathe lying flat, my eyelid twitches", "breathing_difficulty"),
        ("this bloke at work slurs his words; my calves twitch", "speech_difficulty"),
    ],
)
def test_someone_the_writer_points_at_is_someone_else(
    kb: KnowledgeBase, text: str, theirs: str
) -> None:
    assert theirs not in states(kb, text), text


def test_a_man_writing_of_himself_is_no_one_else(kb: KnowledgeBase) -> None:
    assert states(kb, "I'm a man in my 40s and I can't swallow").get("swallowing_difficulty")


def test_a_likeness_is_no_one_else(kb: KnowledgeBase) -> None:
    got = states(kb, "painful twitching in my calf, like someone is pinging a rubber band")
    assert got.get("pain") == "present" and got.get("twitch_legs") == "present", got


def test_a_new_predicate_after_and_ends_a_denial(kb: KnowledgeBase) -> None:
    got = states(kb, "my 3 month old doesn't move her arms much and seems floppy")
    assert got.get("infant_floppy") == "present", got


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("our 2 week old can't seem to suck properly", "infant_feeding_trouble"),
        ("my son is 5 and his calves look huge", "calf_enlargement"),
    ],
)
def test_common_words_for_a_childs_signs(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "theirs"),
    [
        ("my grandad, he can't swallow his tea, and my calves twitch", "swallowing_difficulty"),
        ("my wife's uncle, he keeps falling over; my eyelid twitches", "balance_trouble"),
    ],
)
def test_a_pronoun_before_an_auxiliary_names_whose_finding_it_is(
    kb: KnowledgeBase, text: str, theirs: str
) -> None:
    assert theirs not in states(kb, text), text
