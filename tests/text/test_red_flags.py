"""Issue 12: a red flag a person states in their own words is never read as "no".

Two kinds of test. The error classes of the lay-text reader — a negated verb of ability read as a
negation, retention in lay words not read, numbness with a level read as bladder trouble, "no"
reaching past its list, someone else's symptom counted as the person's, doubt asserted — each with
several phrasings (kinds, not the lexicon). And the emergency patterns: the text of each reaches the
same triage, emergency, as the structured findings it describes, through ``parse`` and ``assess``
and through the real ``twitchcheck assess --text``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.text.reading import states_on
from twitchcheck import Evidence, KnowledgeBase, Patient, assess
from twitchcheck.text import parse

TODAY = date(2026, 12, 5)
EXE = Path(sys.executable).with_name("twitchcheck")


states = states_on(TODAY)


# --- negated verbs of ability -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I can't swallow properly", "swallowing_difficulty"),
        ("I cannot swallow anything solid", "swallowing_difficulty"),
        ("couldn't swallow my tea this evening", "swallowing_difficulty"),
        ("I'm not able to swallow tablets", "swallowing_difficulty"),
        ("haven't been able to swallow since Monday", "swallowing_difficulty"),
        ("unable to swallow my own spit", "swallowing_difficulty"),
        ("i cant swallow", "swallowing_difficulty"),
        ("I can hardly breathe", "breathing_difficulty"),
        ("I can barely breathe lying down", "breathing_difficulty"),
        ("I can't see properly, everything is double", "vision_change"),
        ("I can't hear out of my left ear", "hearing_change"),
        ("I can't keep my balance", "balance_trouble"),
        ("I can barely walk", "weakness"),
        ("can't hop on one leg any more", "weakness"),
        ("I can't climb stairs now", "difficulty_stairs"),
        ("I can't walk normally", "weakness"),
    ],
)
def test_a_negated_ability_is_the_problem_not_its_absence(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I can swallow fine", "swallowing_difficulty"),
        ("I can swallow normally", "swallowing_difficulty"),
        ("I can pee normally", "bladder_bowel"),
        ("I can breathe fine lying flat", "breathing_difficulty"),
        ("I can talk no problem", "speech_difficulty"),
        ("I can still swallow", "swallowing_difficulty"),
    ],
)
def test_an_ability_said_to_be_fine_is_absent(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "absent", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I can't see any wasting", "muscle_wasting"),
        ("I can't say I've noticed any weakness", "weakness"),
        ("I don't have trouble swallowing", "swallowing_difficulty"),
        ("I'm not weak at all", "weakness"),
    ],
)
def test_a_real_denial_stays_a_denial(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "absent", text


def test_a_negated_ability_denies_nothing_after_it(kb: KnowledgeBase) -> None:
    got = states(kb, "Since last night I can't feel my legs properly, they're weak")
    assert got["numbness_tingling"] == "present"
    assert got["weakness"] == "present"


def test_the_quote_shows_the_whole_words(kb: KnowledgeBase) -> None:
    result = parse(kb, "I can't swallow properly and I struggle to pee", today=TODAY)
    swallowing = result.source_of("swallowing_difficulty")
    bladder = result.source_of("bladder_bowel")
    assert swallowing is not None and swallowing.quote == "can't swallow"
    assert not swallowing.negated
    assert bladder is not None and bladder.quote == "struggle to pee"


# --- struggle, hard, difficulty -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I struggle to swallow bread",
        "it's hard to swallow",
        "swallowing is difficult now",
        "I'm having a hard time swallowing",
        "difficulty swallowing",
    ],
)
def test_words_for_difficulty_are_one_word(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("swallowing_difficulty") == "present", text


def test_a_hard_workout_is_not_a_difficulty(kb: KnowledgeBase) -> None:
    assert "bladder_bowel" not in states(kb, "After a hard workout my pee went dark like cola")


# --- retention in lay words -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I can't pee",
        "I cannot pass urine",
        "haven't passed water since this morning",
        "I haven't been able to wee all day",
        "I have to strain to wee",
        "difficulty starting to pass urine",
        "I struggle to pee",
        "couldn't urinate last night",
        "I can't empty my bladder",
        "can hardly pee",
    ],
)
def test_urinary_retention_in_lay_words_is_bladder_trouble(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("bladder_bowel") == "present", text


# --- numbness with a level -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I'm numb from the waist down",
        "numb below the chest",
        "my legs are numb from the hips down",
        "everything below my belly button feels numb",
    ],
)
def test_numbness_below_a_level_is_numbness_not_bladder_trouble(
    kb: KnowledgeBase, text: str
) -> None:
    got = states(kb, text)
    assert got.get("numbness_tingling") == "present", text
    assert "bladder_bowel" not in got, text


# --- the scope of "no" ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "denied", "stated"),
    [
        ("no fever, struggling to breathe", "fever", "breathing_difficulty"),
        ("No weakness but I can't swallow properly", "weakness", "swallowing_difficulty"),
        ("no numbness, and I can't pee", "numbness_tingling", "bladder_bowel"),
        ("no pain, can't breathe lying flat", "pain", "breathing_difficulty"),
    ],
)
def test_no_does_not_reach_past_its_list(
    kb: KnowledgeBase, text: str, denied: str, stated: str
) -> None:
    got = states(kb, text)
    assert got.get(denied) == "absent", text
    assert got.get(stated) == "present", text


def test_no_still_covers_a_list(kb: KnowledgeBase) -> None:
    got = states(kb, "No weakness, numbness or trouble swallowing")
    assert got == {
        "weakness": "absent",
        "numbness_tingling": "absent",
        "swallowing_difficulty": "absent",
    }


# --- someone else --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my dad had trouble swallowing", "swallowing_difficulty"),
        ("My mum can't swallow since her stroke. My eyelid twitches.", "swallowing_difficulty"),
        ("my grandad had bladder problems", "bladder_bowel"),
        ("my wife gets breathless lying flat; my calves twitch", "breathing_difficulty"),
    ],
)
def test_someone_elses_red_flag_is_not_the_persons(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert finding not in states(kb, text), text


def test_a_parent_writing_for_a_child_counts_the_childs_red_flag(kb: KnowledgeBase) -> None:
    result = parse(kb, "My son can't swallow properly and he's 6", today=TODAY)
    assert result.about_other
    assert {e.id: e.state for e in result.evidence}["swallowing_difficulty"] == "present"


# --- doubt is asked, not asserted -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("not sure if I'm having trouble swallowing", "swallowing_difficulty"),
        ("maybe a bit weaker in my right leg", "weakness"),
        ("possibly a little short of breath, hard to say", "breathing_difficulty"),
        ("I might be struggling to pee, not sure", "bladder_bowel"),
    ],
)
def test_an_unsure_red_flag_is_unknown(kb: KnowledgeBase, text: str, finding: str) -> None:
    result = parse(kb, text, today=TODAY)
    assert {e.id: e.state for e in result.evidence}.get(finding) == "unknown", text
    mention = result.source_of(finding)
    assert mention is not None and mention.uncertain and mention.quote


# --- emergency patterns: text reaches the structured triage --------------------------------------

EMERGENCIES = {
    "cord compression": (
        ["weakness", "numbness_tingling", "bladder_bowel"],
        [
            "since yesterday both my legs went weak and numb below the chest, my legs twitch and "
            "I cannot pass urine",
            "Both my legs have gone weak, I'm numb from the waist down and I haven't been able "
            "to pee since this morning",
            "legs collapsed, can't feel anything below my belly button and I can't wee",
        ],
    ),
    "cauda equina": (
        ["back_pain_night", "bladder_bowel"],
        [
            "bad back pain at night and I can't pass urine",
            "my back pain wakes me at night and I have to strain to wee",
        ],
    ),
    "breathless at rest or lying flat": (
        ["breathing_difficulty"],
        [
            "I can't breathe lying flat and my chest twitches",
            "I'm out of breath sitting still",
            "I can hardly breathe, arms twitching all day",
            "I have to sleep sitting up or I can't get enough air",
        ],
    ),
    "cholinergic signs after insecticide": (
        ["insecticide_exposure", "cholinergic_signs"],
        [
            "sprayed fly spray in the kitchen, now I'm sweating, drooling and my pupils are tiny",
            "after using pesticide on the farm I'm sweating heavily, being sick and twitching",
            "sheep dipping today, now slobbering and sweating, muscles twitching",
        ],
    ),
    "tetany with perioral tingling after neck surgery": (
        ["thyroid_neck_surgery", "tetany", "tingling_lips_fingers"],
        [
            "had my thyroid out 2 days ago, tingling round my mouth and fingers locked in a spasm",
            "after my thyroid operation my hands went into claws and my lips are tingling",
            "thyroidectomy last week, now my hands keep locking up and my mouth feels numb",
        ],
    ),
}
CASES = [(name, text) for name, (_, texts) in EMERGENCIES.items() for text in texts]


@pytest.mark.parametrize(("pattern", "text"), CASES)
def test_each_emergency_pattern_in_words_reaches_emergency(
    kb: KnowledgeBase, pattern: str, text: str
) -> None:
    findings, _ = EMERGENCIES[pattern]
    patient = Patient(age=45, sex="male")
    structured = assess(kb, patient, [Evidence(f, "present") for f in findings]).triage.level
    read = parse(kb, text, today=TODAY)
    got = {e.id: e.state for e in read.evidence}
    for f in findings:
        assert got.get(f) == "present", (pattern, text, f, got)
    from_text = assess(kb, patient, list(read.evidence)).triage.level
    assert structured == "emergency", pattern
    assert from_text == structured, (pattern, text)


def _assess_cli(text: str) -> dict[str, object]:
    env = {**os.environ, "COLUMNS": "120"}
    env.pop("TWITCHCHECK_DEBUG", None)
    proc = subprocess.run(
        [str(EXE), "assess", "--age", "45", "--sex", "male", "--text", text, "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    data: dict[str, object] = json.loads(proc.stdout)
    return data


@pytest.mark.parametrize("pattern", list(EMERGENCIES))
def test_the_program_gives_emergency_for_each_pattern_in_words(pattern: str) -> None:
    text = EMERGENCIES[pattern][1][0]
    data = _assess_cli(text)
    triage = data["triage"]
    assert isinstance(triage, dict)
    assert triage["level"] == "emergency", (pattern, text)
