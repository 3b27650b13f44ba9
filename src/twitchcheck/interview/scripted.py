"""Answering an interview from known facts: ``interview --answers FILE`` and simulated people.

A person described by the findings they have (``present``) and do not have (``absent``) answers

- a finding question: ``yes`` / ``no`` when the finding is listed, else ``unknown``;
- a choice: the option whose finding is present, else ``unknown``;
- a checklist: the findings listed present; else ``none`` when one of its findings is listed
  absent, ``unknown`` when none is mentioned;
- a screen: ``yes`` when any finding it covers is present; ``no`` when none is present and at
  least one is listed absent; ``unknown`` when the facts mention none of its findings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from twitchcheck.engine.evidence import Evidence, Patient, normalize
from twitchcheck.errors import InterviewError
from twitchcheck.knowledge.model import KnowledgeBase
from twitchcheck.knowledge.questions import applies

from .catalogue import NO, NONE, UNKNOWN, WHICH, YES, Question, catalogue
from .next_question import Step, next_step
from .session import Reply, Session, derive

# Far more than any interview asks (about 95 findings); reaching it means a bug, not a person.
_MAX_STEPS = 250


@dataclass(frozen=True, slots=True)
class Facts:
    """What the answerer knows: canonical finding ids present and absent."""

    present: frozenset[str]
    absent: frozenset[str]


@dataclass(frozen=True, slots=True)
class Turn:
    """One question asked and the answer given, with the step that asked it."""

    question: Question
    answer: str
    step: Step


def facts(kb: KnowledgeBase, present: Iterable[str] = (), absent: Iterable[str] = ()) -> Facts:
    """Checked facts from finding ids or codes.

    Raises:
        UnknownIdError: an id or code no finding carries.
        ContradictionError: a finding both present and absent, or two exclusive ones present.
    """
    items = [Evidence(x, "present") for x in present] + [Evidence(x, "absent") for x in absent]
    checked = normalize(kb, items)
    return Facts(
        present=frozenset(e.id for e in checked if e.state == "present"),
        absent=frozenset(e.id for e in checked if e.state == "absent"),
    )


def answer_from(kb: KnowledgeBase, session: Session, question: Question, known: Facts) -> str:
    """The answer a person with these facts gives to ``question`` (see the module docstring)."""
    if question.kind == "finding":
        fid = question.id
        return YES if fid in known.present else NO if fid in known.absent else UNKNOWN
    if question.kind == "choice":
        return next((o.value for o in question.options if o.value in known.present), UNKNOWN)
    if question.kind == "checklist":
        chosen = [o.value for o in question.options if o.value in known.present]
        if chosen:
            return ",".join(chosen)
        return NONE if any(o.value in known.absent for o in question.options) else UNKNOWN
    age, sex = session.patient.age, session.patient.sex
    covered = [f for f in question.findings if applies(kb.findings[f].applies_to, age, sex)]
    if any(f in known.present for f in covered):
        return YES
    return NO if any(f in known.absent for f in covered) else UNKNOWN


def full_session(kb: KnowledgeBase, patient: Patient, known: Facts) -> Session:
    """The session of this person answering every question that applies to them.

    The reference "full information" of a simulated person: the same answering rules and the
    same meaning of each answer as in an interview (``session.derive``), with no question left
    out and no opening complaint. Its result (``flow.result``) carries the same floors as an
    interview's, so "don't know" to a danger sign counts the same way in both.
    """
    cat = catalogue(kb)
    probe = Session(patient)
    replies: list[Reply] = []
    for q in cat.questions.values():
        if q.id.endswith(WHICH) or not q.applies(patient.age, patient.sex):
            continue
        members = tuple(
            f for f in q.findings if applies(kb.findings[f].applies_to, patient.age, patient.sex)
        )
        if q.kind == "finding" and any(
            cat.questions[s].applies(patient.age, patient.sex) for s in cat.screens_of.get(q.id, ())
        ):
            continue  # asked through its screen
        if q.kind == "checklist":
            q = replace(q, options=tuple(o for o in q.options if o.value in members))
        value = answer_from(kb, probe, q, known)
        replies.append(Reply(q.id, value))
        if q.kind == "screen" and value == YES and len(members) > 1:
            which = cat.questions[q.id + WHICH]
            which = replace(which, options=tuple(o for o in which.options if o.value in members))
            replies.append(Reply(which.id, answer_from(kb, probe, which, known)))
    return replace(probe, replies=tuple(replies))


def complete(kb: KnowledgeBase, patient: Patient, known: Facts) -> tuple[Evidence, ...]:
    """Everything this person would tell if asked every question (see ``full_session``)."""
    return derive(kb, full_session(kb, patient, known)).evidence


def run(kb: KnowledgeBase, session: Session, known: Facts) -> tuple[Session, list[Turn], Step]:
    """Answer every question from ``known`` until the interview stops.

    Returns:
        The finished session, the questions asked in order with their answers, and the final
        step (``done``, with the stop reason).
    """
    turns: list[Turn] = []
    for _ in range(_MAX_STEPS):
        step = next_step(kb, session)
        if step.done or step.question is None:
            return session, turns, step
        value = answer_from(kb, session, step.question, known)
        turns.append(Turn(step.question, value, step))
        session = replace(session, replies=(*session.replies, Reply(step.question.id, value)))
    raise InterviewError(f"the interview did not end within {_MAX_STEPS} questions")
