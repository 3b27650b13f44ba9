"""A question someone else asked, told in prose, and the writer's answer to it.

"The GP asked about swallowing, I said it's fine", "she asked whether my legs were weak and I
said no", "the nurse asked about tingling anywhere - none": the finding named in the question
is what was asked, not what the writer has; the answer after it says the state. A plain "no"
(or "fine", "they aren't") denies a problem asked about; "not sure" leaves it unknown; "yes"
("yeah I am", "honestly I had") states it. An answer taken back ("I said no, but thinking
about it ...") answers nothing: what follows says it. A bare "asked about X" with no answer
states nothing; a question with "if" or "whether" already states nothing by itself (ConText's
hypothetical).

Only questions asked *by someone else* count ("I asked if it could be MND" is the writer's own
question), only answers the writer gives (not "she said it's fine", a judgement), and a question
about an ability or a normal ("asked if I could feel the paper", "asked if I can lie flat"),
where "no" means the problem, is left to the rest of the reader.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from twitchcheck.engine.evidence import State

from .language import AskedWords
from .patterns import alternation
from .result import Mention


@dataclass(frozen=True, slots=True)
class _Question:
    start: int  # where the asked words start (after the link word)
    end: int  # where the question's clause ends
    bare_about: bool  # "asked about swallowing": no "if"/"whether" made it hypothetical
    answer: str | None  # "no", "unsure", "yes" or None


class AskedReader:
    """Reads the questions of ``rules.yaml`` ``asked`` (see the module docstring)."""

    def __init__(
        self,
        words: AskedWords,
        denials: list[str],
        unsure: list[str],
        others: frozenset[str],
        answered: frozenset[str],
    ) -> None:
        """``others``: words naming someone other than the writer ("dad", "his"); ``answered``:
        the categories of findings a question asks after (not its trigger: "asked if my pee goes
        dark after the gym - no" answers the urine, not the gym)."""
        self._others = others
        self._categories = answered
        verbs = alternation(words.verbs)
        self._opener = re.compile(
            rf"\b(?:{verbs})\b(?P<between>(?:\s+[\w']+){{0,4}}?)\s+"
            rf"(?P<link>{alternation(words.links)})\b"
        )
        self._self = re.compile(rf"\b(?:{alternation(words.self_askers)})(?:\s+\w+)?\s*$")
        self._clause_end = re.compile(
            rf"[.?!;:,\n]|\s[-–—]\s?|\s(?:and|so|but)\s(?={alternation(words.answerers)}\b)"
        )
        self._lead = re.compile(rf"(?:[\s\-–—,.:;!]|\b(?:{alternation(words.lead)})\b)*")
        self._no = re.compile(rf"(?:{alternation([*denials, *words.no])})\b")
        self._unsure = re.compile(rf"(?:{alternation([*unsure, *words.unsure])})\b")
        self._yes = re.compile(rf"(?:{alternation(words.yes)})\b")
        self._taken_back = re.compile(rf"\b(?:{alternation(words.taken_back)})\b")
        self._ability = re.compile(rf"\b(?:{alternation(words.ability)})\b")
        self._others_answer = re.compile(rf"(?:{alternation(words.others_answer)})\b")
        self._possessive = re.compile(rf"\s*(?:{alternation(words.possessives)})\b")

    def read(
        self, text: str, mentions: list[Mention], category: Mapping[str, str]
    ) -> list[Mention]:
        """``mentions`` with those inside a question asked in prose set by its answer
        (``category``: each finding's kb category)."""
        low = text.lower().replace("’", "'")
        questions = [q for q in self._questions(low) if q is not None]
        if not questions:
            return mentions
        out = []
        for m in mentions:
            q = next((q for q in questions if q.start <= m.span[0] and m.span[1] <= q.end), None)
            if q is None or category[m.finding] not in self._categories:
                out.append(m)
            elif m.family and self._others.intersection(
                re.findall(r"[\w']+", low[q.start : m.span[0]])
            ):
                out.append(m)  # "asked if my dad had trouble swallowing": his, not the writer's
            else:
                out.append(self._answered(m, q))
        return out

    def _questions(self, low: str) -> list[_Question | None]:
        found: list[_Question | None] = []
        for opener in self._opener.finditer(low):
            if self._self.search(low, max(0, opener.start() - 24), opener.start()):
                continue  # "I asked if it's MND", "I also asked": the writer's own question
            if re.search(r"[^\w\s']", opener.group("between")):
                continue
            start = opener.end()
            end_match = self._clause_end.search(low, start)
            end = end_match.start() if end_match else len(low)
            asked = low[start:end]
            if self._ability.search(asked):
                found.append(None)  # "asked if I could feel ...": "no" would be the problem
                continue
            bare = opener.group("link") == "about" and not self._possessive.match(asked)
            found.append(_Question(start, end, bare, self._answer(low, end)))
        return found

    def _answer(self, low: str, at: int) -> str | None:
        sentence_end = re.compile(r"[.?!\n]").search(low, at + 1)
        stop = sentence_end.start() if sentence_end else len(low)
        after = low[at:stop]
        lead = self._lead.match(after)
        words = after[lead.end() if lead else 0 :]
        if self._others_answer.match(words):
            return None  # "she said it's fine": a judgement, not the writer's answer
        if self._no.match(words):
            # "I said no, but thinking about it I've been straining": taken back
            return None if self._taken_back.search(words) else "no"
        if self._unsure.match(words):
            return "unsure"
        if self._yes.match(words):
            return "yes"
        return None

    @staticmethod
    def _answered(mention: Mention, q: _Question) -> Mention:
        if q.answer is None:
            if q.bare_about and mention.counted and not mention.family:
                # "the GP asked about swallowing": asked, not said
                return replace(mention, counted=False, hypothetical=True)
            return mention
        if mention.state == "absent" and not mention.counted:
            return mention  # a normal asked about ("asked if it's normal") is left alone
        if q.answer == "no":
            return _stated(mention, "absent")
        if q.answer == "unsure":
            return _stated(mention, "unknown")
        if mention.state == "absent":
            return mention  # "yes" to a question worded as a normal: left as read
        return _stated(mention, "present")


def _stated(mention: Mention, state: State) -> Mention:
    """``mention`` as the writer's answer states it: counted, theirs, in ``state``."""
    return replace(
        mention,
        state=state,
        negated=state == "absent",
        uncertain=state == "unknown",
        hypothetical=False,
        family=False,
        counted=True,
    )
