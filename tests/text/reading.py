"""What the text reader read, as ``{finding id: state}``: the one helper of the text tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from twitchcheck import KnowledgeBase
from twitchcheck.text import parse


def states_on(today: date) -> Callable[[KnowledgeBase, str], dict[str, str]]:
    """``states(kb, text)``: each finding read from ``text`` with its state, time words counted
    back from ``today`` (fixed per test file, so "since Christmas" reads the same every day)."""

    def states(kb: KnowledgeBase, text: str) -> dict[str, str]:
        return {e.id: e.state for e in parse(kb, text, today=today).evidence}

    return states
