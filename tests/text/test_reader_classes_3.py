"""Issue 12: classes of error of the lay-text reader, third set.

Each test names one class and reads several phrasings of it, written for the test and not taken
from the corpus, with controls that must not fire. Most are words that say a finding only as
written, or only beside another finding (kb ``lay_exact``): the poisoning signs in everyday
words after an insecticide ("the runs", "sweating buckets"), but not a run; a fall as an event
("had a fall", "3 falls this month"), but not falling asleep or a fall off a ladder; a list of
tasks the person is losing ("first the jars, now buttons"); progression said as a comparison
("worse than it was this time last year") of a weakness in the same clause; a child losing a
skill ("used to climb the stairs", "now she can't"); saddle numbness round the privates or the
inner thighs, and wiping that feels like someone else's (a likeness, no one else), but not
numbness from a level down; cramps that lock solid (tetany); a nasal voice said as a blocked
nose, double vision said as two of everything, a tongue like a walnut, a sunken bit between
thumb and index, a baby who runs out of puff on the bottle; not reaching the toilet in time.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.text.reading import states_on
from twitchcheck import KnowledgeBase

TODAY = date(2026, 12, 6)


states = states_on(TODAY)


@pytest.mark.parametrize(
    "text",
    [
        "used ant killer in the kitchen this morning, now my arms twitch and I've got the runs",
        "we had the flea bomb going yesterday and since then I'm sweating buckets and twitchy",
        "sprayed the fruit trees with insecticide, now sweating like a pig and my legs jump",
        "after the wasp spray I've had the trots and my calves won't stop twitching",
        "did the greenfly spray without a mask, got diarrhoea and I'm twitching all over",
    ],
)
def test_poisoning_signs_in_everyday_words_after_an_insecticide(
    kb: KnowledgeBase, text: str
) -> None:
    got = states(kb, text)
    assert got.get("cholinergic_signs") == "present", (text, got)


@pytest.mark.parametrize(
    "text",
    [
        "used bug spray on the roses, then went for a run and my calves twitch",
        "sprayed for fleas last week, my son runs out of puff on the stairs",
        "I've got the runs and my eyelid twitches",  # no insecticide: a stomach bug
        "sweating buckets at the gym and my legs twitch after",
        "used fly spray yesterday, no sweating buckets or the runs, just calf twitches",
    ],
)
def test_everyday_words_are_no_poisoning_sign_without_an_insecticide_or_when_denied(
    kb: KnowledgeBase, text: str
) -> None:
    assert states(kb, text).get("cholinergic_signs") != "present", text


@pytest.mark.parametrize(
    "text",
    [
        "had a fall in the kitchen last week and my thighs twitch",
        "I've had 2 falls since the summer, both times my knee just went",
        "mum says I've had another fall, my legs keep twitching",
        "had three falls this month, my calves twitch",
        "took a fall on the stairs yesterday, my knees twitch",
    ],
)
def test_a_fall_as_an_event(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("balance_trouble") == "present", text


@pytest.mark.parametrize(
    "text",
    [
        "I keep falling asleep on the sofa and my eyelid twitches",
        "he falls asleep a lot in the evening",
        "had a fall off a ladder at work, now my back twitches",
        "my phone had a fall off the table and cracked, my eyelid twitches",
    ],
)
def test_falling_asleep_or_off_a_ladder_is_no_balance_trouble(kb: KnowledgeBase, text: str) -> None:
    assert "balance_trouble" not in states(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "my hands are getting weaker, first the jars, then buttons, now my pen",
        "strength keeps going in my fingers: buttons last month, zips now",
        "can't open jars any more and my thumb twitches",
        "buttons are so fiddly lately and my fingers twitch",
    ],
)
def test_losing_grip_tasks_is_dropping_things(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("dropping_things") == "present", text


@pytest.mark.parametrize(
    "text",
    ["the remote has tiny buttons and my thumb twitches", "I collect old jars, my calf twitches"],
)
def test_a_task_named_without_losing_it_is_no_weak_grip(kb: KnowledgeBase, text: str) -> None:
    assert "dropping_things" not in states(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "the weakness in my left leg is worse than it was at Easter",
        "my right hand is weaker than it was last spring",
        "my grip is weaker than before and my forearm twitches",
        "the weakness in both legs is worse every month",
    ],
)
def test_progression_said_as_a_comparison_of_a_weakness(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("weakness_progressive") == "present", text


@pytest.mark.parametrize(
    "text",
    [
        "my twitching is worse than it was last year, strength is fine",
        "the twitching is worse than before and my legs feel weak",
        "my anxiety is worse than it was, and my calf twitches",
    ],
)
def test_a_comparison_of_something_else_is_no_progressive_weakness(
    kb: KnowledgeBase, text: str
) -> None:
    assert "weakness_progressive" not in states(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "my 4 year old son used to climb onto the sofa but can't anymore",
        "our 2 year old daughter used to walk round the furniture, now she can't",
        "my son is 3, he could jump last summer and now he can't",
    ],
)
def test_a_child_losing_a_skill(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("milestones_delayed") == "present", text


@pytest.mark.parametrize(
    "text",
    [
        "my 3 year old used to walk to nursery but now we drive, his calf twitches",
        "I used to walk to work, now my legs twitch",
    ],
)
def test_a_skill_not_lost_is_no_regression(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("milestones_delayed") != "present", text


@pytest.mark.parametrize(
    "text",
    [
        "tingling round my privates since lifting the sofa, back is killing me",
        "pins and needles in my inner thighs and my back aches",
        "it's like wiping someone else's bottom, and my back hurts",
        "my privates feel numb and my legs are weak",
    ],
)
def test_saddle_numbness_in_lay_words(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("saddle_anaesthesia") == "present", text


@pytest.mark.parametrize(
    "text",
    [
        "my legs are numb from the waist down",
        "both legs feel numb and weak",
        "my inner thigh twitches a lot",
    ],
)
def test_numb_legs_or_a_twitching_thigh_are_not_saddle_numbness(
    kb: KnowledgeBase, text: str
) -> None:
    assert "saddle_anaesthesia" not in states(kb, text), text


@pytest.mark.parametrize(
    "text",
    [
        "since my neck op my toes get cramps that lock solid",
        "my feet lock solid in a cramp and my lips are tingly",
        "both hands cramp and I can't open them for a minute",
    ],
)
def test_cramps_that_lock_are_tetany(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("tetany") == "present", text


def test_an_ordinary_cramp_is_no_tetany(kb: KnowledgeBase) -> None:
    assert "tetany" not in states(kb, "I get calf cramps at night that ease if I stretch")


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my wife says it sounds like I have a blocked nose all day", "speech_difficulty"),
        ("I've gone very nasal this month and my tongue twitches", "speech_difficulty"),
        ("I see two of everything when I look up", "vision_change"),
        ("keep seeing two of the road signs when driving", "vision_change"),
        ("my tongue looks like a walnut and it flickers", "tongue_wasting"),
        ("tongue is all ridgey now and twitches", "tongue_wasting"),
        ("tung is wrinkled and it twitches", "tongue_wasting"),
        ("there's a sunken bit on the back of my left hand near the thumb", "hand_wasting"),
        ("my 6 week old runs out of puff halfway through her bottle", "infant_feeding_trouble"),
        ("ran to the toilet and didn't make it, legs twitchy", "bladder_bowel"),
        ("twice this week I didn't make it to the loo in time", "bladder_bowel"),
    ],
)
def test_common_words_for_red_flags(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I've got a blocked nose and my eyelid twitches", "speech_difficulty"),
        ("my nasal spray helps, and my calf twitches", "speech_difficulty"),
        ("went to see two of my friends and my arm twitched", "vision_change"),
        ("I run out of puff on the stairs and my calves twitch", "infant_feeding_trouble"),
        ("I didn't make it to the gym this week, calf twitching", "bladder_bowel"),
    ],
)
def test_the_same_words_elsewhere_say_nothing(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert finding not in states(kb, text), text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("legs are fine... ok maybe I can't climb the stairs like before", "difficulty_stairs"),
        ("I'm fine really. okay, maybe my right hand drops things now and then", "dropping_things"),
        ("no weakness. alright, maybe I can't get up off the floor so easily", "difficulty_rising"),
    ],
)
def test_a_doubt_conceded_states_the_finding(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


def test_a_plain_maybe_still_doubts(kb: KnowledgeBase) -> None:
    got = states(kb, "maybe I can't climb the stairs like before, hard to say")
    assert got.get("difficulty_stairs") == "unknown", got


@pytest.mark.parametrize(
    ("text", "theirs"),
    [
        ("my gran, who had a stroke, has slurred speech. my arm twitches", "speech_difficulty"),
        (
            "my uncle, who is 80, can't swallow properly, and my thigh twitches",
            "swallowing_difficulty",
        ),
        (
            "my brother, who lives in Leeds, keeps dropping things, my calves twitch",
            "dropping_things",
        ),
    ],
)
def test_a_relatives_own_clause_makes_what_follows_theirs(
    kb: KnowledgeBase, text: str, theirs: str
) -> None:
    assert theirs not in states(kb, text), text


def test_the_writers_own_words_after_a_relatives_clause_are_theirs(kb: KnowledgeBase) -> None:
    got = states(kb, "my gran, who had a stroke, lives with us and my speech is slurred")
    assert got.get("speech_difficulty") == "present", got


@pytest.mark.parametrize(
    "text",
    [
        "a workmate got sprayed with insecticide, I was stood right next to him, my arm twitches",
        "my neighbour used fly spray in his shed and I was right beside him, my calves jump",
    ],
)
def test_standing_beside_someone_exposed_shares_the_exposure_not_their_signs(
    kb: KnowledgeBase, text: str
) -> None:
    got = states(kb, text + ", he was drooling")
    assert got.get("insecticide_exposure") == "present", got
    assert "cholinergic_signs" not in got, got


def test_someone_elses_exposure_away_from_the_writer_stays_theirs(kb: KnowledgeBase) -> None:
    got = states(kb, "my dad used bug spray in the garden while I was at work, my calf twitches")
    assert "insecticide_exposure" not in got, got


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("cant open a bottle, hubby has to do it", "dropping_things"),
        ("getting off the floor needs my husband to lift me", "difficulty_rising"),
        ("legs won't work on the stairs, wife has to help me up", "weakness"),
    ],
)
def test_a_relative_doing_it_for_the_person_leaves_the_finding_theirs(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "present", text


def test_a_relative_helping_another_relative_stays_someone_else(kb: KnowledgeBase) -> None:
    got = states(kb, "my dad keeps dropping things and mum has to help him. my arm twitches")
    assert "dropping_things" not in got, got


@pytest.mark.parametrize(
    "text",
    [
        "I can't tell when I need a poo any more",
        "can't tell when I need a number two, it just comes",
    ],
)
def test_not_feeling_the_need_to_open_the_bowels(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("bladder_bowel") == "present", text


@pytest.mark.parametrize(
    ("text", "swallowed"),
    [
        (
            "used ant killer in the kitchen yesterday and today I've got the runs",
            "trigger_exercise",
        ),
        (
            "sprayed bug killer on the patio and now I'm sweating buckets, arms twitch",
            "sweating_excessive",
        ),
    ],
)
def test_the_poisoning_words_explain_the_shorter_words_inside_them(
    kb: KnowledgeBase, text: str, swallowed: str
) -> None:
    got = states(kb, text)
    assert got.get("cholinergic_signs") == "present" and swallowed not in got, got


def test_without_an_insecticide_the_shorter_words_stand(kb: KnowledgeBase) -> None:
    assert states(kb, "sweating buckets all the time lately").get("sweating_excessive") == "present"
