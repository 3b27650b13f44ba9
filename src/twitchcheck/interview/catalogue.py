"""Every question the interview can ask, built once per knowledge base from ``kb/``.

Four kinds, one vocabulary (the finding ids):

- ``finding``: one finding, asked with its own ``question`` (yes / no / unknown);
- ``screen``: a group of findings in one question (yes / no / unknown; see
  ``twitchcheck.knowledge.questions``); a one-finding screen is worded as its finding;
- ``checklist``: pick the findings that apply from a list of their ``label``s; answered with
  the chosen finding ids (comma-separated), ``none`` or ``unknown``. A screen asked as a checklist
  is one; so is the follow-up of a yes/no screen answered yes ("which of these?", id
  ``<screen id>.which``), after which ``unknown`` means: ask them one by one;
- ``choice``: which one of an exclusive group holds (an option's finding id, or unknown).

A question's id is the finding id, the screen id, ``<screen id>.which`` or the choice id; the
knowledge-base checks keep them apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from twitchcheck.errors import KnowledgeError
from twitchcheck.knowledge.model import KnowledgeBase
from twitchcheck.knowledge.questions import InterviewPolicy, applies
from twitchcheck.knowledge.schema import Applicability

Kind = Literal["finding", "screen", "checklist", "choice"]
YES, NO, UNKNOWN, NONE = "yes", "no", "unknown", "none"
YES_NO: tuple[str, ...] = (YES, NO, UNKNOWN)
WHICH = ".which"  # a screen's checklist is asked as "<screen id>.which"


@dataclass(frozen=True, slots=True)
class Option:
    """One answer of a choice: ``value`` is the finding id it records as present."""

    value: str
    text: str


@dataclass(frozen=True, slots=True)
class Question:
    """A question as shown to the person.

    Attributes:
        id: the finding, screen or choice id.
        kind: ``finding``, ``screen`` or ``choice``.
        text: the question (from the finding's ``question`` or the screen/choice file).
        items: bullet points shown under a screen's text (may be empty).
        options: a choice's answers, in order (empty for yes/no questions).
        findings: the findings the answer records (one for ``finding``).
        help: why it is asked, in plain words (kb ``help``; may be empty).
        applies_to: who may be asked (``None``: everyone).
        always_ask: asked of everyone it applies to before the interview ends (kb
            ``always_ask``; red-flag screens are asked anyway, by the safety rule).
    """

    id: str
    kind: Kind
    text: str
    items: tuple[str, ...]
    options: tuple[Option, ...]
    findings: tuple[str, ...]
    help: str
    applies_to: Applicability | None
    always_ask: bool = False

    @property
    def answers(self) -> tuple[str, ...]:
        """The answer words this question takes.

        yes/no/unknown; a choice's option values and unknown; a checklist's option values (any
        number of them, comma-separated), none and unknown.
        """
        if self.kind == "choice":
            return (*(o.value for o in self.options), UNKNOWN)
        if self.kind == "checklist":
            return (*(o.value for o in self.options), NONE, UNKNOWN)
        return YES_NO

    def accepts(self, value: str) -> str | None:
        """``value`` in its canonical form when this question takes it, else ``None``.

        A checklist answer is canonical with its finding ids in option order, comma-separated.
        """
        if self.kind != "checklist" or value in (NONE, UNKNOWN):
            return value if value in self.answers else None
        chosen = {v.strip() for v in value.split(",") if v.strip()}
        values = [o.value for o in self.options]
        if not chosen or not chosen <= set(values):
            return None
        return ",".join(v for v in values if v in chosen)

    def applies(self, age: float | None, sex: str | None) -> bool:
        """Whether this question may be asked of a person of this age (years) and sex."""
        return applies(self.applies_to, age, sex)


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The questions of one knowledge base, indexed for the interview.

    Attributes:
        questions: id → Question (screens, choices, then one per finding).
        screens_of: finding id → the screens covering it (at most one applies to any person); a
            covered finding is asked through its screen, never on its own.
        choice_of: finding id → the choice that asks it (exclusive groups only).
        policy: the stop rule and weights (``kb/questions/policy.yaml``).
    """

    questions: Mapping[str, Question]
    screens_of: Mapping[str, tuple[str, ...]]
    choice_of: Mapping[str, str]
    policy: InterviewPolicy


_CACHE: dict[str, Catalogue] = {}
_CACHE_SIZE = 8


def catalogue(kb: KnowledgeBase) -> Catalogue:
    """The question catalogue of ``kb`` (built once per knowledge version).

    Raises:
        KnowledgeError: the knowledge base has no ``kb/questions/`` (it cannot interview).
    """
    cached = _CACHE.get(kb.version)
    if cached is not None:
        return cached
    bank = kb.questions
    if bank.policy is None:
        raise KnowledgeError(["kb/questions: missing; this knowledge base cannot run an interview"])
    questions: dict[str, Question] = {}
    screens_of: dict[str, tuple[str, ...]] = {}
    choice_of: dict[str, str] = {}
    for sid, s in bank.screens.items():
        for fid in s.findings:
            screens_of[fid] = (*screens_of.get(fid, ()), sid)
        labels = tuple(Option(f, kb.findings[f].label) for f in s.findings)
        if s.ask == "checklist":
            questions[sid] = Question(
                sid,
                "checklist",
                s.text or "",
                (),
                labels,
                tuple(s.findings),
                s.help,
                s.applies_to,
                s.always_ask,
            )
            continue
        text: str
        items: tuple[str, ...] = ()
        if s.text is None:  # a one-finding screen speaks with its finding's own question
            text = kb.findings[s.findings[0]].question
        else:
            text, items = s.text, tuple(s.items)
        questions[sid] = Question(
            sid, "screen", text, items, (), tuple(s.findings), s.help, s.applies_to, s.always_ask
        )
        if len(s.findings) > 1:
            questions[sid + WHICH] = Question(
                sid + WHICH,
                "checklist",
                "Which of these do you have? Choose all that apply.",
                (),
                labels,
                tuple(s.findings),
                s.help,
                s.applies_to,
                s.always_ask,
            )
    for cid, c in bank.choices.items():
        options = tuple(Option(o.finding, o.text) for o in c.options)
        questions[cid] = Question(
            cid,
            "choice",
            c.text,
            (),
            options,
            tuple(o.value for o in options),
            c.help,
            c.applies_to,
        )
        for o in options:
            choice_of[o.value] = cid
    for fid, f in kb.findings.items():
        if fid in choice_of:
            continue
        questions[fid] = Question(
            fid, "finding", f.question, (), (), (fid,), f.help or "", f.applies_to
        )
    built = Catalogue(
        questions=MappingProxyType(questions),
        screens_of=MappingProxyType(screens_of),
        choice_of=MappingProxyType(choice_of),
        policy=bank.policy,
    )
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[kb.version] = built
    return built
