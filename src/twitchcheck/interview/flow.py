"""The interview's operations on a :class:`Session`: start, answer, go back, result.

Each returns a new session (sessions are immutable data), so an adapter keeps the flow thin:

    session = start(kb, age=34, sex="female", text="my calf twitches")
    step = next_step(kb, session)             # step.question, step.rationale
    session = answer(kb, session, step.question.id, "no")
    ...
    result(kb, session)                       # the assess-shaped Assessment

A store persists ``session.replies`` one by one (``twitchcheck.store``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from twitchcheck.assessment.assess import assess
from twitchcheck.assessment.result import Assessment
from twitchcheck.engine.evidence import Patient
from twitchcheck.engine.posterior import update
from twitchcheck.errors import InterviewError
from twitchcheck.knowledge.model import KnowledgeBase

from .catalogue import catalogue
from .floors import floors
from .next_question import next_step
from .opening import read_opening
from .session import Reply, Session, derive


def start(
    kb: KnowledgeBase,
    *,
    age: float | None = None,
    sex: Literal["female", "male"] | None = None,
    text: str | None = None,
) -> Session:
    """A new session for a person of this age (years, 0-120) and sex, with an opening complaint.

    Age and sex given here win over any the text states; the text fills them in when not given.

    Raises:
        KnowledgeError: the knowledge base cannot interview (no ``kb/questions/``).
        InvalidValueError: age outside 0-120 or an unknown sex.
        InputError: the text reader refused the text.
    """
    catalogue(kb)  # fail early when the knowledge base has no questions
    opening = read_opening(kb, text)
    patient = Patient(
        age=age if age is not None else opening.age,
        sex=sex if sex is not None else opening.sex,
    )
    return Session(patient=patient, opening=opening.evidence, knowledge_version=kb.version)


def answer(kb: KnowledgeBase, session: Session, question: str, value: str) -> Session:
    """The session with one more answer.

    Args:
        question: the id of the question being asked (``next_step(kb, session).question.id``).
        value: ``yes``, ``no`` or ``unknown``; for a choice, an option's value or ``unknown``;
            for a checklist, the chosen option values comma-separated, ``none`` or ``unknown``.

    Raises:
        InterviewError: the interview is over, ``question`` is not the one being asked, or
            ``value`` is not an answer it takes.
    """
    step = next_step(kb, session)
    if step.done or step.question is None:
        raise InterviewError("the interview is finished; go back to change an answer")
    if question != step.question.id:
        raise InterviewError(f"the question being asked is {step.question.id!r}, not {question!r}")
    canonical = step.question.accepts(value)
    if canonical is None:
        raise InterviewError(
            f"{value!r} is not an answer to {question!r}; "
            f"expected {'any of' if step.question.kind == 'checklist' else 'one of'} "
            f"{', '.join(step.question.answers)}"
        )
    return replace(session, replies=(*session.replies, Reply(question, canonical)))


def back(session: Session) -> Session:
    """The session without its last answer (to change it).

    Raises:
        InterviewError: there is no answer to go back to.
    """
    if not session.replies:
        raise InterviewError("there is no answer to go back to")
    return replace(session, replies=session.replies[:-1])


def result(kb: KnowledgeBase, session: Session) -> Assessment:
    """The assessment from everything answered so far (final once the interview is done), with
    the interview's triage floors (``floors``: never below the person's own words)."""
    record = derive(kb, session)
    posterior = update(kb, session.patient, record.evidence)
    return assess(
        kb, session.patient, record.evidence, floors=floors(kb, session, record, posterior)
    )
