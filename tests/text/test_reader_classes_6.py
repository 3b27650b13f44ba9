"""Issue 12: classes of error of the lay-text reader, sixth set, found on fresh batch 4.

Each test names one class and reads phrasings written for the test (not the corpus's), with
controls: a negated ability whose verb is left out ("tried to get up and couldn't.") says the
ability failed and denies nothing after it; someone a finding is compared with is not who has
it; "run" is running only in words for exercise ("the pain runs into my hand", "feeling run
down", "the runs" are not); progression in words of its own beside a weakness; doctors' and lay
words for a wasted hand muscle, a foot or wrist that will not lift, tetany, a sore spot.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.text.reading import states_on
from twitchcheck import KnowledgeBase

TODAY = date(2026, 12, 7)

states = states_on(TODAY)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("tried to get up off the floor and couldn't.", "difficulty_rising"),
        ("I tried to climb the stairs but couldn't, my legs shook", "difficulty_stairs"),
        ("I wanted to swallow the pill but couldn't, it stuck", "swallowing_difficulty"),
        ("got up from the toilet and couldnt, had to pull on the sink", "difficulty_rising"),
    ],
)
def test_a_negated_ability_with_no_verb_is_the_problem(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (
            "my calf twitched and I couldn't, honestly, care less; my speech is slurred",
            "speech_difficulty",
        ),
        ("walked to the shop and couldn't, had to sit down, legs went weak", "weakness"),
    ],
)
def test_it_denies_nothing_after_it(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


def test_a_plain_denial_stays_a_denial(kb: KnowledgeBase) -> None:
    got = states(kb, "I have no trouble swallowing and couldn't be happier about it")
    assert got.get("swallowing_difficulty") == "absent", got


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my 9 month old feels floppy compared to her cousin", "infant_floppy"),
        ("my legs are much weaker than my brother's", "weakness"),
        ("unlike my sister I can't swallow bread any more", "swallowing_difficulty"),
    ],
)
def test_someone_compared_with_does_not_have_it(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


def test_a_relatives_own_finding_stays_theirs(kb: KnowledgeBase) -> None:
    assert "speech_difficulty" not in states(kb, "my dad has slurred speech compared to last year")


@pytest.mark.parametrize(
    "text",
    [
        "my neck aches and the pain runs into my hand, thumb twitching",
        "sore neck with a pain that runs down the back of my arm",
        "feeling run down and my eyelid twitches",
        "had the runs for days and now my calves twitch",
        "my nose runs all the time and my eyelid twitches",
    ],
)
def test_run_that_is_not_running(kb: KnowledgeBase, text: str) -> None:
    assert "trigger_exercise" not in states(kb, text), text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my neck aches and the pain runs into my hand", "neck_pain_arm"),
        ("feeling run down lately, eyelid twitching", "fatigue"),
        ("had the runs for a week, calves twitching", "vomiting_diarrhoea_prolonged"),
        ("calves twitch after every run", "trigger_exercise"),
        ("twitchy thighs from running", "trigger_exercise"),
        ("I went for a run and my calf has twitched since", "trigger_exercise"),
    ],
)
def test_what_run_says(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    "text",
    [
        "my arm is weak and it is slowly getting worse",
        "weakness in my hand, gradually getting worse since spring",
        "my grip is weak and it keeps getting worse and worse",
    ],
)
def test_progression_beside_a_weakness(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("weakness_progressive") == "present", text


def test_progression_with_no_weakness_is_no_progressive_weakness(kb: KnowledgeBase) -> None:
    assert "weakness_progressive" not in states(kb, "my eyelid twitch is slowly getting worse")


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("the neurologist saw wasting of the first dorsal interosseous", "hand_wasting"),
        ("the muscle between my thumb and pointer is gone", "hand_wasting"),
        ("my foot won't lift when I walk", "foot_drop"),
        ("nearly face planted on the kerb twice", "tripping"),
        ("I can't straighten my wrist since Sunday", "wrist_drop"),
        ("after the neck operation my hands lock up and my fingers curl", "tetany"),
        ("my thigh twitches and it's sore there", "pain"),
        ("my baby struggles to suck from the bottle", "infant_feeding_trouble"),
        ("came in from spraying the barley and now I'm drooling", "insecticide_exposure"),
        ("the muscle on my shoulder looks sunken", "muscle_wasting"),
        ("my grip has faded this year", "dropping_things"),
    ],
)
def test_words_for_red_flags(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


def test_muscles_said_to_look_normal_deny_wasting(kb: KnowledgeBase) -> None:
    got = states(kb, "my muscles look normal, just twitchy")
    assert got.get("muscle_wasting") == "absent", got
