"""Whose work a one-word profession names: the writer's ("Nurse here", "ER nurse, 29F", "I'm a
staff nurse on nights") or someone in the story ("the nurse said my pupils were tiny", "the
paramedic asked", "Nurse: any weakness?", "a question for nurses").

A finding marked ``occupation`` in the kb (work in health care) is read from words such as
"nurse" or "pharmacist"; such a word is the writer's only when the writer says so or names it
on its own as a label of themselves. Someone else's it is when a determiner or a preposition
stands before it ("the", "my", "a", "for"), or a word of speech or a line label follows it
("said", "asked", "rang", ":"), unless a first-person frame ("I'm a", "work as a") comes first.
"""

from __future__ import annotations

import re

from .language import OccupationWords
from .patterns import alternation


class OccupationReader:
    """Tells whether a one-word profession in a message is someone else's (see module)."""

    def __init__(self, words: OccupationWords) -> None:
        self._mine = re.compile(
            rf"\b(?:{alternation(words.self_frames)})(?:\s+[\w/'’-]+){{0,6}}\s*$"
        )
        self._before = re.compile(
            rf"\b(?:{alternation(words.others_before)})(?:\s+[\w'’-]+){{0,2}}\s*$"
        )
        self._after = re.compile(rf"\s*(?::|\b(?:{alternation(words.speech_after)})\b)")

        self._reach = words.reach

    def someone_elses(self, text: str, span: tuple[int, int]) -> bool:
        """Whether the profession at ``span`` of ``text`` names someone other than the writer."""
        low = text.lower()
        line = max(low.rfind("\n", 0, span[0]), low.rfind(".", 0, span[0])) + 1
        before = low[max(line, span[0] - self._reach) : span[0]]
        if self._mine.search(before):
            return False  # "I'm a 29 y/o staff nurse", "worked as a paramedic"
        if self._before.search(before):
            return True  # "the nurse", "my practice nurse", "a question for nurses"
        return self._after.match(low, span[1]) is not None  # "nurse said", "Nurse: ..."
