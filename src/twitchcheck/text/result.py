"""What ``parse`` returns: the evidence it read and every mention behind it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from twitchcheck.engine.evidence import Evidence, Sex, State


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the text that speaks of a finding.

    Attributes:
        finding: the finding id.
        state: what the mention says of the finding: ``present``, ``absent`` or ``unknown``
            (an unsure mention is ``unknown``).
        span: character offsets ``(start, end)`` of the words that name the finding.
        phrase: those words as written (``text[start:end]``).
        matched: the kb lay phrase (or the time expression) they were recognised as.
        quote: the words with their context as written ("strength seems fine"), for showing the
            person what was understood.
        negated, uncertain, historical, family, hypothetical: the context found around it;
            ``family`` covers anyone other than the person assessed.
        counted: whether the mention is evidence about the person assessed (not a relative's
            illness, not a fear or something read about).
    """

    finding: str
    state: State
    span: tuple[int, int]
    phrase: str
    matched: str
    quote: str
    negated: bool = False
    uncertain: bool = False
    historical: bool = False
    family: bool = False
    hypothetical: bool = False
    counted: bool = True

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``twitchcheck parse --json``."""
        return {
            "id": self.finding,
            "state": self.state,
            "span": list(self.span),
            "phrase": self.phrase,
            "matched": self.matched,
            "quote": self.quote,
            "context": {
                "negated": self.negated,
                "uncertain": self.uncertain,
                "historical": self.historical,
                "family": self.family,
                "hypothetical": self.hypothetical,
            },
            "counted": self.counted,
        }


@dataclass(frozen=True, slots=True)
class ParseResult:
    """The evidence read from one message.

    Attributes:
        evidence: one item per finding (``origin="text"``), states present / absent / unknown, no
            duplicates and at most one finding of each exclusive group present.
        mentions: every mention found, in text order, including those not counted.
        age: years, when the text gives the age of the person assessed, else ``None``.
        sex: ``"female"`` or ``"male"`` when the text says, else ``None``.
        about_other: the writer speaks for someone else (their child, a relative), who is the
            person assessed; ``age`` and ``sex`` are then that person's.
    """

    evidence: tuple[Evidence, ...]
    mentions: tuple[Mention, ...]
    age: float | None = None
    sex: Sex | None = None
    about_other: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``twitchcheck parse --json``."""
        return {
            "evidence": [{"id": e.id, "state": e.state, "from": e.origin} for e in self.evidence],
            "mentions": [m.to_dict() for m in self.mentions],
            "age": self.age,
            "sex": self.sex,
            "about_other": self.about_other,
        }

    def source_of(self, finding: str) -> Mention | None:
        """The counted mention that decided ``finding``'s state (for "you wrote '...'")."""
        state = next((e.state for e in self.evidence if e.id == finding), None)
        for m in self.mentions:
            if m.finding == finding and m.counted and m.state == state:
                return m
        return None
