"""Issue 12: classes of error of the lay-text reader, fourth set.

Each test names one class and reads several phrasings of it, written for the test and not taken
from the corpus, with controls that must not fire: a message about a child who is only "he" or
"she", known as a child by a skill's age in months ("she could sit at 7 months, now at 10
months...") or a child's life ("started nursery", "he's only a toddler"), so the skills the child
loses are counted; someone else reporting the writer's own finding, with a clause between them
("my sister, who is a nurse, says *my* speech is slurred", "my son says my...").
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
    ("text", "age"),
    [
        (
            "she could sit by herself at 7 months but now at 10 months she tips over and "
            "can't do it anymore",
            10 / 12,
        ),
        ("he was walking at 13 months but now at 2 he's stopped and wants carrying", 2.0),
        ("she was crawling at 8 months, now at 11 months she's stopped crawling", 11 / 12),
        ("he walked at 12 months, now at 3 he's stopped walking and only crawls", 3.0),
        ("at 9 months she could sit, now she has stopped sitting", 9 / 12),
        ("he started nursery in september and since then he's stopped climbing the stairs", None),
        ("nursery staff say she has stopped walking and wants carrying", None),
        ("she's only a toddler, she used to climb the slide but now she can't", None),
    ],
)
def test_a_child_known_by_a_skills_age_or_a_childs_life_is_the_person(
    kb: KnowledgeBase, text: str, age: float | None
) -> None:
    result = parse(kb, text, today=TODAY)
    got = {e.id: e.state for e in result.evidence}
    assert result.about_other, text
    assert got.get("milestones_delayed") == "present", (text, got)
    if age is None:
        assert result.age is None, (text, result.age)
    else:
        assert result.age == pytest.approx(age, abs=0.01), (text, result.age)


@pytest.mark.parametrize(
    "text",
    [
        "she works at a nursery and her eyelid twitches all day",
        "my wife is 7 months pregnant, she says my eyelid twitches",
        "he said he'd ring at 2, he never did and my calves twitch",
        "the doctor said he would see me again at 3 months, my calf twitches",
        "he's been on statins since march and at 3 months he noticed twitching in his thighs",
        "my husband could hardly walk at 3 months after the operation, my calves twitch",
        "he was walking at 5 this morning and then his legs went",
    ],
)
def test_an_adult_he_or_she_is_no_child(kb: KnowledgeBase, text: str) -> None:
    result = parse(kb, text, today=TODAY)
    assert not result.about_other, text
    assert result.age is None, (text, result.age)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my sister, who is a nurse, says my speech is slurred", "speech_difficulty"),
        ("my wife, who works nights, reckons I slur my words", "speech_difficulty"),
        ("my husband, bless him, noticed my tongue twitching last night", "twitch_tongue"),
        ("my mum who is a GP says my speech sounds slurred", "speech_difficulty"),
        ("my partner keeps telling me my words come out slurred", "speech_difficulty"),
        ("my friend at work pointed out that my speech is slurred", "speech_difficulty"),
        ("my daughter, who is a nurse, says my hand looks thinner", "hand_wasting"),
        ("my son says my speech is slurred", "speech_difficulty"),
    ],
)
def test_someone_else_reporting_the_writers_own_finding(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    result = parse(kb, text, today=TODAY)
    got = {e.id: e.state for e in result.evidence}
    assert got.get(finding) == "present", (text, got)
    assert not result.about_other, text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my sister, who is a nurse, says her speech is slurred", "speech_difficulty"),
        ("my sister, who has MS, has slurred speech", "speech_difficulty"),
        ("my husband says my dad has slurred speech", "speech_difficulty"),
        ("my wife says her legs are weak and my eyelid twitches", "weakness"),
        ("my friend at work thinks his hand looks thinner", "hand_wasting"),
    ],
)
def test_someone_elses_own_finding_stays_theirs(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert finding not in states(kb, text), text


def test_a_child_who_speaks_of_their_own_finding_is_still_the_person(kb: KnowledgeBase) -> None:
    result = parse(kb, "my son says his legs feel weak", today=TODAY)
    assert result.about_other
    assert {e.id: e.state for e in result.evidence}.get("weakness") == "present"


@pytest.mark.parametrize(
    "text",
    [
        "stiff neck that shoots a hot line down into my right arm to the thumb",
        "sore neck and a burning line runs down my arm into my fingers",
        "when I turn my neck I get an electric shock down my arm",
        "my neck zaps down my right arm when I look up",
        "there's a bolt from my neck down into my arm, my bicep twitches",
    ],
)
def test_neck_pain_as_a_line_a_shock_or_a_zap_down_the_arm(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("neck_pain_arm") == "present", text


@pytest.mark.parametrize(
    "text",
    [
        "I got an electric shock from the kettle and my arm twitches",
        "there's a line of bruises down my arm and my neck twitches",
    ],
)
def test_a_shock_or_a_line_without_neck_pain_is_no_neck_pain(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("neck_pain_arm") != "present", text


@pytest.mark.parametrize(
    "text",
    [
        "I do pest control and got a splash on my forearm, now it's rippling",
        "I work in pest control and my arms twitch",
        "I'm a pest controller, twitching in my calves since last week",
        "I'm an exterminator and my eyelid keeps twitching",
        "my job is pest control, twitching all over for a week",
    ],
)
def test_working_with_insecticides_is_an_exposure(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("insecticide_exposure") == "present", text


@pytest.mark.parametrize(
    "text",
    [
        "I don't use pesticides and I'm not in pest control, my calf twitches",
        "my brother works in pest control and my eyelid twitches",
    ],
)
def test_pest_control_denied_or_someone_elses_is_no_exposure(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("insecticide_exposure") != "present", text


@pytest.mark.parametrize(
    "text",
    [
        "my pee is like cola and my muscles ache after the gym",
        "after the marathon my wee is like strong tea and my legs are killing me",
        "urine like coffee since the spin class and my thighs are agony",
        "my wee looks like tea after the half marathon and my calves are agony",
        "after crossfit my pee was like coke and my arms are swollen and sore",
    ],
)
def test_dark_urine_said_as_a_likeness(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("dark_urine_muscle_pain") == "present", text


@pytest.mark.parametrize(
    "text",
    [
        "I drink tea like it's water and pee all the time, eyelid twitching",
        "I like cola and I pee a lot at night, my calves twitch",
        "my pee is a normal colour, not like cola, legs sore after the run",
    ],
)
def test_a_drink_beside_a_urine_word_is_no_dark_urine(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("dark_urine_muscle_pain") != "present", text


@pytest.mark.parametrize(
    ("text", "finding", "sex"),
    [
        (
            "writing for my fella, he's done a long shift in the heat and now his pee is like "
            "cola and his thighs are agony",
            "dark_urine_muscle_pain",
            "male",
        ),
        ("writing for my missus, her legs have gone weak", "weakness", "female"),
        ("asking for my fella, his speech has gone slurred", "speech_difficulty", "male"),
    ],
)
def test_a_partner_called_fella_or_missus_is_the_person_written_for(
    kb: KnowledgeBase, text: str, finding: str, sex: str
) -> None:
    result = parse(kb, text, today=TODAY)
    assert result.about_other and result.sex == sex, (text, result.sex)
    assert {e.id: e.state for e in result.evidence}.get(finding) == "present", text


@pytest.mark.parametrize(
    "text",
    [
        "my fella has slurred speech and my eyelid twitches",
        "my missus has had double vision this week, my calf twitches",
    ],
)
def test_a_partners_own_finding_stays_theirs(kb: KnowledgeBase, text: str) -> None:
    got = states(kb, text)
    assert "speech_difficulty" not in got and "vision_change" not in got, (text, got)
