"""Issue 12, round two: the classes of error found in a fresh batch of lay messages.

Each test names one class of error of the lay-text reader and reads several phrasings of it (not
one sentence of the corpus): a negated ability and a word for difficulty as one statement, a
negated ability reaching its verb's object, having none of a function, "has gone" + a change,
lay variants of one word, what a person says they can do, "with no trouble" after the thing
done, more words for relatives, a child named twice ("my newborn son"), a slip in a word for
difficulty. Each failed before its fix. Also: clause detection is linear and gives the same
clauses as the token-by-token rule.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.text.reading import states_on
from twitchcheck import KnowledgeBase
from twitchcheck.text import parse
from twitchcheck.text.pipeline import parser_for

TODAY = date(2026, 12, 5)


states = states_on(TODAY)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        # written in the kb with "can't", said with a word for difficulty, and the other way
        ("I struggle to get up from squatting", "difficulty_rising"),
        ("peeing is a real struggle", "bladder_bowel"),
        ("I can't get a full breath", "breathing_difficulty"),
        ("i cant get a full breath in when i lie down", "breathing_difficulty"),
        ("haven't been able to get my breath all day", "breathing_difficulty"),
    ],
)
def test_cannot_and_finding_it_hard_are_one_statement(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "present", text


def test_a_negated_ability_comes_before_its_verb(kb: KnowledgeBase) -> None:
    # "can't feel" (numbness) is not "feel like I can't ..."
    got = states(kb, "feel like I can't get a full breath")
    assert got.get("breathing_difficulty") == "present"
    assert "numbness_tingling" not in got


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I've got no strength in my right hand", "weakness"),
        ("there's no strength in my legs", "weakness"),
        ("I have no feeling below my knees", "numbness_tingling"),
        ("I don't have any feeling in my feet", "numbness_tingling"),
        ("no sensation between my legs", "numbness_tingling"),
    ],
)
def test_having_none_of_a_function_is_losing_it(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("no strength issues, my calf twitches", "weakness"),
        ("I haven't lost any strength", "weakness"),
        ("no loss of feeling", "numbness_tingling"),
    ],
)
def test_a_denied_loss_stays_denied(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "absent", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my speech has gone slurry", "speech_difficulty"),
        ("my voice has gone all croaky", "speech_difficulty"),
    ],
)
def test_has_gone_with_a_description_is_a_change_not_a_denial(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my wee dribbles out", "bladder_bowel"),
        ("I've been dribbling wee", "bladder_bowel"),
        ("I can't urinate", "bladder_bowel"),
        ("my back aches at night", "back_pain_night"),
        ("constant ache in my lower back", "back_pain_night"),
        ("back pain at nite", "back_pain_night"),
        ("I had my thyroid op last week", "thyroid_neck_surgery"),
        ("I've gone deaf in my right ear", "hearing_change"),
        ("pain shooting from my neck down my arm", "neck_pain_arm"),
        ("it's hard to get up from the sofa", "difficulty_rising"),
    ],
)
def test_lay_variants_of_a_word_read_the_same_phrase(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I can get up off the floor without any help", "difficulty_rising"),
        ("I'm able to get up from squatting", "difficulty_rising"),
        ("I go up and down stairs with no trouble", "difficulty_stairs"),
        ("I climb the stairs without any problems", "difficulty_stairs"),
    ],
)
def test_what_a_person_can_do_is_the_findings_absence(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "absent", text


@pytest.mark.parametrize(
    "text", ["can stress cause twitching?", "I can feel my calf twitching", "I can walk fine"]
)
def test_can_denies_only_the_ability_it_names(kb: KnowledgeBase, text: str) -> None:
    got = states(kb, text)
    assert "trigger_stress" not in got or got["trigger_stress"] == "present"
    assert "numbness_tingling" not in got
    assert got.get("weakness") in (None, "absent")


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I can hear a ringing in my ear", "hearing_change"),
        ("I can see double when I look left", "vision_change"),
    ],
)
def test_can_with_a_verb_of_perception_is_what_is_perceived(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "present", text


def test_a_urine_test_says_nothing_of_peeing(kb: KnowledgeBase) -> None:
    assert "bladder_bowel" not in states(kb, "my blood and urine tests were normal")


@pytest.mark.parametrize(
    "text",
    [
        "my gran has slurred speech, my calves twitch",
        "my hubby has slurred speech, my calves twitch",
        "my stepdad has slurred speech, my calves twitch",
    ],
)
def test_more_words_for_relatives_keep_their_symptoms_apart(kb: KnowledgeBase, text: str) -> None:
    got = states(kb, text)
    assert "speech_difficulty" not in got, text
    assert got.get("twitch_legs") == "present"


def test_a_child_named_twice_is_the_person_assessed(kb: KnowledgeBase) -> None:
    result = parse(kb, "my newborn son's cry is so quiet", today=TODAY)
    assert {e.id: e.state for e in result.evidence}.get("infant_weak_cry") == "present"
    assert result.about_other and result.sex == "male"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("im strugglin to breathe", "breathing_difficulty"),
        ("strugling to swallow", "swallowing_difficulty"),
    ],
)
def test_a_slip_in_a_word_for_difficulty_is_still_difficulty(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    "text",
    [
        "I can't swallow properly and I struggle to pee; my legs are weak, but I can walk",
        "my calf twitches & my arm too , i think. although it's fine, he said",
        "and",
    ],
)
def test_clause_starts_are_the_token_by_token_rule(kb: KnowledgeBase, text: str) -> None:
    parser = parser_for(kb)
    doc = parser.nlp(text)
    one_by_one = {i for i in range(len(doc)) if parser.lexicon.new_clause(doc, i)}
    assert parser.lexicon.clause_starts(doc) == one_by_one


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("not sure if I'm having trouble swallowing, my calves twitch", "swallowing_difficulty"),
        ("my calves twitch, maybe a bit short of breath", "breathing_difficulty"),
    ],
)
def test_an_unsure_red_flag_is_asked_not_asserted(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    """Doubt in the words is a question in the interview: the finding is asked about, and the
    answer "don't know" leaves it unknown (never present on the reader's guess)."""
    from twitchcheck.interview.flow import answer, result, start
    from twitchcheck.interview.next_question import next_step

    session = start(kb, age=40, sex="male", text=text)
    assert {e.id: e.state for e in session.opening}[finding] == "unknown"
    asked: set[str] = set()
    for _ in range(len(kb.findings)):
        step = next_step(kb, session)
        if step.done or step.question is None:
            break
        asked.update(step.question.findings)
        session = answer(kb, session, step.question.id, "unknown")
    assert finding in asked
    states_after = {e.id: e.state for e in result(kb, session).evidence}
    assert states_after.get(finding) in (None, "unknown")
