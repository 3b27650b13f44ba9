"""Issue 12: near misses of the red flags (tests/corpus/near_misses.yaml) read as nothing of the
red flag whose words they share ("swallowed my pride", "a road trip", "weak coffee")."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from twitchcheck import KnowledgeBase
from twitchcheck.errors import TextError
from twitchcheck.text import parse

_FILE = Path(__file__).parents[1] / "corpus" / "near_misses.yaml"
_DATA = yaml.safe_load(_FILE.read_text())
CLEAR = [(fid, text) for fid, texts in _DATA["clear"].items() for text in texts]


def test_the_near_misses_cover_every_red_flag(kb: KnowledgeBase) -> None:
    named = set(_DATA["clear"]) | set(_DATA["misread"])
    assert named == {fid for fid, f in kb.findings.items() if f.red_flag}


@pytest.mark.parametrize(("finding", "text"), CLEAR)
def test_a_near_miss_states_no_red_flag(kb: KnowledgeBase, finding: str, text: str) -> None:
    try:
        found = parse(kb, text).evidence
    except TextError:
        return  # refused as not English: nothing is read
    present = {e.id for e in found if e.state == "present"}
    implied = {b for fid in present for b in kb.broader.get(fid, ())}
    assert finding not in present | implied, text
