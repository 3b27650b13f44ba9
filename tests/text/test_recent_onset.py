"""A finding of recent onset read from a time word (kb ``recent_within_days``): weakness dated
to the last few days is weakness that came on over days, which with lost reflexes or tingling is an
emergency (Guillain-Barre syndrome); weakness of long standing, someone else's, or only feared
is not."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from tests.text.reading import states_on
from twitchcheck import KnowledgeBase, Patient, assess, load_knowledge
from twitchcheck.errors import KnowledgeError
from twitchcheck.text import parse

RECENT = "weakness_over_days"


_states = states_on(date(2026, 12, 6))


@pytest.mark.parametrize(
    "text",
    [
        "my son is 5 and since yesterday he won't walk, he falls over",
        "my legs have felt weak for three days",
        "over the last 2 days my arms went weak",
        "can't climb the stairs since monday... calves twitching",
    ],
)
def test_weakness_dated_to_the_last_days_is_weakness_over_days(
    kb: KnowledgeBase, text: str
) -> None:
    assert kb.findings[RECENT].recent_within_days is not None
    assert _states(kb, text).get(RECENT) == "present"


@pytest.mark.parametrize(
    "text",
    [
        "my left leg has been weak for years and my calf twitches",
        "legs weak for about 6 months now",
        "my dad's legs went weak two days ago",
        "i'm scared my legs will go weak, calf twitching for 3 days",
        "my legs are fine, calf twitching for 3 days",
    ],
)
def test_long_standing_or_not_the_persons_weakness_is_not(kb: KnowledgeBase, text: str) -> None:
    assert _states(kb, text).get(RECENT) is None


def test_the_time_word_is_quoted_with_the_weakness(kb: KnowledgeBase) -> None:
    result = parse(kb, "My son is five. Since yesterday he won't walk.")
    mention = result.source_of(RECENT)
    assert mention is not None
    assert "yesterday" in mention.quote and "walk" in mention.quote


def test_days_of_weakness_with_lost_reflexes_in_words_is_an_emergency(kb: KnowledgeBase) -> None:
    text = "My legs have got weak over the last three days and the GP said my reflexes have gone."
    read = parse(kb, text)
    assert assess(kb, Patient(age=40), list(read.evidence)).triage.level == "emergency"


def test_kb_refuses_recent_within_days_without_implies(tmp_path: Path) -> None:
    src = Path(__file__).resolve().parents[2] / "kb"
    dst = tmp_path / "kb"
    shutil.copytree(src, dst)
    path = dst / "findings" / f"{RECENT}.yaml"
    data = yaml.safe_load(path.read_text())
    data.pop("implies")
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(KnowledgeError, match="recent_within_days needs implies"):
        load_knowledge(dst)


@pytest.mark.parametrize(
    ("replaces", "error"),
    [
        (["no_such_finding"], "text_replaces: unknown"),
        (["tetany"], "must imply what"),
    ],
)
def test_kb_refuses_a_text_replacement_that_could_lower_triage(
    tmp_path: Path, replaces: list[str], error: str
) -> None:
    src = Path(__file__).resolve().parents[2] / "kb"
    dst = tmp_path / "kb"
    shutil.copytree(src, dst)
    path = dst / "findings" / f"{RECENT}.yaml"
    data = yaml.safe_load(path.read_text())
    data["text_replaces"] = replaces
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(KnowledgeError, match=error):
        load_knowledge(dst)
