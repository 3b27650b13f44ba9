"""A baby choking on feeds is swallowing trouble (kb decision; rule ``infant_choking_feeds``):
read from the parent's words, it reaches the same emergency as the structured finding, whatever
the wording of the choking; a weak suck alone stays feeding trouble."""

from __future__ import annotations

from datetime import date

import pytest

from twitchcheck import KnowledgeBase, Patient, assess
from twitchcheck.text import parse

from .reading import states_on

states = states_on(date(2026, 12, 7))

CHOKING = [
    "my baby keeps choking on her milk",
    "my 5 month old son keeps choking on his milk and coughing",
    "my 3 month old chokes and splutters on every bottle",
    "our 4 month old chokes on feeds and his legs twitch",
    "my 2 month old baby chokes on milk every time",
    "newborn keeps choking and coughing on her milk",
    "newborn coughs and chokes with every feed, twitchy legs",
]


@pytest.mark.parametrize("text", CHOKING)
def test_a_baby_choking_on_feeds_is_an_emergency(kb: KnowledgeBase, text: str) -> None:
    reading = parse(kb, text, today=date(2026, 12, 7))
    assert {e.id: e.state for e in reading.evidence}.get("swallowing_difficulty") == "present"
    assert reading.age is not None and reading.age < 1, text
    result = assess(kb, Patient(age=reading.age, sex=reading.sex), reading.evidence)
    assert result.triage.level == "emergency", text


def test_a_weak_suck_alone_is_feeding_trouble_not_choking(kb: KnowledgeBase) -> None:
    read = states(kb, "babys suck feels really weak, 6 weeks old")
    assert read.get("infant_feeding_trouble") == "present"
    assert "swallowing_difficulty" not in read


def test_an_adult_relative_choking_is_not_the_babys(kb: KnowledgeBase) -> None:
    read = states(kb, "my mum keeps choking on her food. I get twitches in my eyelid.")
    assert read.get("swallowing_difficulty") != "present"


def test_a_message_opening_with_newborn_is_about_a_newborn(kb: KnowledgeBase) -> None:
    # no age given: the child word's own age, as for "my newborn"
    reading = parse(kb, "newborn keeps choking and coughing on her milk", today=date(2026, 12, 7))
    assert reading.about_other and reading.age is not None and reading.age < 1
    said = parse(kb, "newborn, 3 weeks, keeps choking on feeds", today=date(2026, 12, 7))
    assert said.age is not None and abs(said.age - 3 / 52) < 0.01
