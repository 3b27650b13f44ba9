"""Issue 12: classes of error of the lay-text reader, seventh set, found on fresh batch 8.

Each test names one class and reads phrasings written for the test (not the corpus's), with
controls: a message wholly about a relative who does not twitch is about them; "my cousin's boy"
is not the writer's child; a comparison with normal ("darker than usual") says nothing is normal;
no urge to pass water is retention; "can't tell if ..." doubts what follows it, and a doubt with
an object of its own doubts nothing before it; "couldn't A or B" cannot do B either; "can't
jump" is an activity, not a twitch; words for falls, a wasted tongue or thumb pad, slow feeds,
progression, tetany and dark urine.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.text.reading import states_on
from twitchcheck import KnowledgeBase
from twitchcheck.text import parse

TODAY = date(2026, 12, 7)

states = states_on(TODAY)


@pytest.mark.parametrize(
    ("text", "age", "finding"),
    [
        (
            "my grandad was in hospital with his chest. since then he cant get out of bed "
            "without help and he says his legs feel dead. hes 83",
            83.0,
            "numbness_tingling",
        ),
        (
            "my husband has had bowel cancer, now his back aches every night and he has "
            "wet himself twice",
            None,
            "bladder_bowel",
        ),
        (
            "my sister says her tongue has gone wrinkly and she slurs. shes 58",
            58.0,
            "speech_difficulty",
        ),
    ],
)
def test_a_message_wholly_about_a_relative_is_about_them(
    kb: KnowledgeBase, text: str, age: float | None, finding: str
) -> None:
    result = parse(kb, text, today=TODAY)
    assert result.about_other, text
    assert age is None or result.age == pytest.approx(age), (text, result.age)
    assert {e.id: e.state for e in result.evidence}.get(finding) == "present", text


@pytest.mark.parametrize(
    "text",
    [
        "my dad has numb feet from his sugar",  # one word each: context, not the subject
        "my mum had MND and she could not swallow. I am 44 and my arm twitches",
        "my brother broke his leg and he is limping, my eyelid twitches",
    ],
)
def test_a_relative_beside_the_writers_own_words_stays_context(
    kb: KnowledgeBase, text: str
) -> None:
    assert not parse(kb, text, today=TODAY).about_other, text


def test_someone_elses_child_is_not_the_writers(kb: KnowledgeBase) -> None:
    text = "my neighbours girl had SMA. my daughter is 10 months and she is floppy, cant sit up"
    result = parse(kb, text, today=TODAY)
    assert result.about_other and result.age == pytest.approx(10 / 12, abs=0.01), (result.age, text)
    assert {e.id: e.state for e in result.evidence}.get("infant_floppy") == "present"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my urine is a lot darker than usual after the gym", "dark_urine_muscle_pain"),
        ("my wee looks darker than normal and my thighs ache", "dark_urine_muscle_pain"),
        ("is it normal that my pee is dark brown after a long run?", "dark_urine_muscle_pain"),
    ],
)
def test_a_comparison_with_normal_says_nothing_is_normal(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    got = states(kb, text)
    assert got.get(finding) == "present", got
    assert "absent" not in got.values(), got


def test_normal_said_plainly_still_denies(kb: KnowledgeBase) -> None:
    got = states(kb, "my pee looks normal and swallowing is normal")
    assert got.get("dark_urine_muscle_pain") == "absent", got
    assert got.get("swallowing_difficulty") == "absent", got


@pytest.mark.parametrize(
    "text",
    [
        "back pain and numb down below, and I haven't felt the urge to pee since this morning",
        "no urge to wee at all today and my bum is numb",
        "I can't feel when I need to pee any more",
        "numb between my legs, can't tell if im peeing or not",
    ],
)
def test_no_urge_or_no_feeling_to_pass_water_is_the_problem(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("bladder_bowel") == "present", text


def test_a_plain_denial_of_bladder_trouble_stays(kb: KnowledgeBase) -> None:
    assert states(kb, "no trouble peeing, bladder fine").get("bladder_bowel") == "absent"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my bum has gone numb, can't tell if im weeing", "saddle_anaesthesia"),
        ("my legs are weak, not sure if my speech is slurred", "weakness"),
    ],
)
def test_a_doubt_with_its_own_object_doubts_nothing_before_it(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my wee went dark after the marathon, not sure if im just dry", "dark_urine_muscle_pain"),
        ("arms feel weaker, can't tell really", "weakness"),
    ],
)
def test_a_doubt_offering_another_explanation_still_doubts(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "unknown", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I couldn't get off the toilet or manage the stairs after", "difficulty_stairs"),
        ("I can't hold my spoon or swallow my soup", "swallowing_difficulty"),
        ("cannot stand up from a chair or climb steps", "difficulty_stairs"),
    ],
)
def test_a_negated_ability_reaches_the_verb_after_or(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "present", text


def test_or_not_is_no_second_ability(kb: KnowledgeBase) -> None:
    got = states(kb, "can't tell if my hand is weaker or not")
    assert got.get("weakness") == "unknown", got


@pytest.mark.parametrize(
    "text",
    ["my boy is 4 and can't jump like the other kids", "I can jump and hop fine, legs are strong"],
)
def test_jump_as_an_activity_is_no_twitch(kb: KnowledgeBase, text: str) -> None:
    got = states(kb, text)
    assert "twitch_legs" not in got and "twitch_widespread" not in got, got


def test_jumping_muscles_still_twitch(kb: KnowledgeBase) -> None:
    assert states(kb, "my thigh muscle keeps jumping").get("twitch_legs") == "present"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I've nearly gone over three times this week", "balance_trouble"),
        ("I'm walking like a drunk since Friday", "balance_trouble"),
        ("my tongue looks shrunken and has furrows down it", "tongue_wasting"),
        ("the fleshy pad under my thumb has shrunk", "hand_wasting"),
        ("weakness in my grip that has slowly got worse since spring", "weakness_progressive"),
        ("after my neck op my fingers cramp up into a bird beak shape", "tetany"),
        ("my pee is like coca cola since the long hike", "dark_urine_muscle_pain"),
        ("I can't pinch properly to do up a necklace", "dropping_things"),
        ("bad back, much worse lying down at night", "back_pain_night"),
        ("our 6 month old girl: feeds take forever and she gets sweaty", "infant_feeding_trouble"),
        ("my baby boy, 3 months, struggles with his bottle", "infant_feeding_trouble"),
        ("my son is 3 and still can't walk on his own", "milestones_delayed"),
        (
            "since this morning my left eye won't close fully and my face looks crooked",
            "facial_weakness",
        ),
        ("my grip is reduced, I struggle with bottle tops", "dropping_things"),
        ("there's a hollow at the base of my thumb now", "hand_wasting"),
        ("when I walk I'm all over the place, like I'm on a ship", "balance_trouble"),
        ("after the hike my wee was like strong tea and my thighs ache", "dark_urine_muscle_pain"),
        ("my 5 month old's chest sinks in when he breathes", "breathing_difficulty"),
        ("my 4 month old doesn't cry loudly, more a little mew", "infant_weak_cry"),
        ("our 10 month old never managed to sit on his own", "milestones_delayed"),
        ("my 3 month old is not feeding and very sleepy", "infant_feeding_trouble"),
        ("there's no feeling around my bottom since the fall", "saddle_anaesthesia"),
        ("I can't control my bladder since Tuesday", "bladder_bowel"),
        ("my grip is weak and it's got worse over the last few months", "weakness_progressive"),
        ("I am falling frequently when I run", "balance_trouble"),
        (
            "after spraying my crops with dichlorvos I am sweating and drooling",
            "insecticide_exposure",
        ),
    ],
)
def test_words_for_red_flags(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


def test_cola_coloured_urine_is_no_caffeine_or_bladder_trouble(kb: KnowledgeBase) -> None:
    got = states(kb, "my wee is like coca cola after football")
    assert "trigger_caffeine" not in got and "bladder_bowel" not in got, got


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my voice sounds a bit slurred, could be nothing", "speech_difficulty"),
        ("left foot slaps down when I walk. probably nothing lol", "foot_drop"),
        ("choking on my tea a bit lately, might be nothing", "swallowing_difficulty"),
    ],
)
def test_a_minimiser_plays_a_finding_down_without_doubting_it(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    """Found on fresh batch 9 ("... toe keeps catching. probably nothing"): a stated danger sign
    played down is still stated (was: unsure, which lost it from the triage)."""
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("swallowing is fine - well, actually I choke on water most days", "swallowing_difficulty"),
        ("walking ok. hmm, except my toes catch on every kerb", "tripping"),
        ("no weakness... actually scratch that, I can't open jars any more", "dropping_things"),
    ],
)
def test_a_denial_taken_back_at_once_is_withdrawn(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    result = parse(kb, text, today=TODAY)
    got = {e.id: e.state for e in result.evidence}
    assert got.get(finding) == "present", (text, got)
    assert "absent" not in got.values(), (text, got)


def test_a_denial_not_taken_back_stays(kb: KnowledgeBase) -> None:
    got = states(kb, "swallowing fine, well rested, sleeping well")
    assert got.get("swallowing_difficulty") == "absent", got


def test_a_relative_as_a_label_in_notes(kb: KnowledgeBase) -> None:
    text = "Me: calf twitch 2 weeks, gym. Wife: slurred speech and choking, won't see anyone."
    got = states(kb, text)
    assert got.get("twitch_legs") == "present", got
    assert "speech_difficulty" not in got and "swallowing_difficulty" not in got, got


def test_a_stop_inside_a_one_letter_token_ends_a_denials_reach(kb: KnowledgeBase) -> None:
    got = states(kb, "R calf looks thinner than L. walking ok")
    assert got.get("muscle_wasting") == "present", got


def test_lying_flat_and_the_bannister(kb: KnowledgeBase) -> None:
    got = states(
        kb, "I sleep propped up on pillows now; I pull myself up the stairs by the banister"
    )
    assert got.get("breathing_difficulty") == "present", got
    assert got.get("difficulty_stairs") == "present", got


def test_a_relative_named_before_a_colon_mid_sentence_is_the_person(kb: KnowledgeBase) -> None:
    result = parse(kb, "writing for my wife: she chokes on water and slurs", today=TODAY)
    assert result.about_other
    assert {e.id: e.state for e in result.evidence}.get("swallowing_difficulty") == "present"


@pytest.mark.parametrize(
    ("text", "finding", "age"),
    [
        (
            "Good morning. My father is 80 years, his back pain is worse in the night",
            "back_pain_night",
            80.0,
        ),
        (
            "Respected doctor, my mother is 66, she is passing urine on herself",
            "bladder_bowel",
            66.0,
        ),
    ],
)
def test_a_greeting_before_a_relative_and_their_age(
    kb: KnowledgeBase, text: str, finding: str, age: float
) -> None:
    result = parse(kb, text, today=TODAY)
    assert result.about_other and result.age == pytest.approx(age), (text, result.age)
    assert {e.id: e.state for e in result.evidence}.get(finding) == "present", text


def test_helping_with_the_sheep_dip_is_the_writers_exposure(kb: KnowledgeBase) -> None:
    text = "I was helping my brother dip the sheep and got splashed. now sweating and drooling"
    assert states(kb, text).get("insecticide_exposure") == "present"


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("had bowel cancer 4 years ago, all clear, calf twitching", "bladder_bowel"),
        ("my wee was like strong tea after the hike", "trigger_caffeine"),
    ],
)
def test_words_that_belong_to_a_longer_phrase(kb: KnowledgeBase, text: str, absent: str) -> None:
    assert absent not in states(kb, text), text


# --- found on fresh batch 10 -------------------------------------------------------------------


def test_the_same_place_is_no_normal(kb: KnowledgeBase) -> None:
    got = states(kb, "the audiologist at the same clinic said my right ear has got worse")
    assert got.get("hearing_change") == "present", got


def test_a_jumper_is_no_jump(kb: KnowledgeBase) -> None:
    got = states(kb, "I can't lift my arms high enough to pull a jumper on")
    assert got.get("weakness") == "present", got
    assert not {"twitch_arms", "twitch_legs"} & set(got), got


def test_a_relative_named_with_their_age(kb: KnowledgeBase) -> None:
    result = parse(
        kb, "Uncle Tom is 80, he chokes on his soup and his arms are wasting", today=TODAY
    )
    assert result.about_other and result.age == pytest.approx(80.0), result.age
    assert {e.id: e.state for e in result.evidence}.get("swallowing_difficulty") == "present"


def test_a_childminder_writes_about_the_child(kb: KnowledgeBase) -> None:
    text = "I'm a childminder. One of my little boys keeps tripping and his mum says he walked late"
    result = parse(kb, text, today=TODAY)
    assert result.about_other and result.sex == "male", (result.about_other, result.sex)
    assert {e.id: e.state for e in result.evidence}.get("tripping") == "present"
