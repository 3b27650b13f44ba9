"""Issue 12: classes of error of the lay-text reader, eighth set (found on fresh batch 11 and
on trying the reader as a new user).

Each test names one class and reads phrasings written for the test (not the corpus's), with
controls.
"""

from __future__ import annotations

from datetime import date

import pytest

from twitchcheck import KnowledgeBase
from twitchcheck.text import parse

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    "text",
    [
        "my son has a cold and my calf is twitching",
        "my daughter started school this week and my left eyelid keeps twitching",
        "my mate's kid had a party, loud music, and now my thigh twitches",
    ],
)
def test_a_part_of_the_writers_body_twitching_makes_the_writer_the_person(
    kb: KnowledgeBase, text: str
) -> None:
    result = parse(kb, text, today=TODAY)
    assert not result.about_other, text


@pytest.mark.parametrize(
    "text",
    [
        "my little girl twitches in her sleep",
        "my son's leg twitches and my calf twitches too",
        "my baby keeps twitching",
    ],
)
def test_a_child_or_relative_twitching_stays_the_person(kb: KnowledgeBase, text: str) -> None:
    assert parse(kb, text, today=TODAY).about_other, text
