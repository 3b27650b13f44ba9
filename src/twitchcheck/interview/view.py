"""JSON shapes of interview steps and sessions (for ``--json`` output and the HTTP API)."""

from __future__ import annotations

from typing import Any

from twitchcheck.knowledge.model import KnowledgeBase

from .catalogue import Question, catalogue
from .flow import result
from .next_question import Rationale, Step
from .session import Session


def question_dict(q: Question) -> dict[str, Any]:
    """A question as a client shows it: text, bullet items, the answers it takes."""
    return {
        "id": q.id,
        "kind": q.kind,
        "text": q.text,
        "items": list(q.items),
        "options": [{"value": o.value, "text": o.text} for o in q.options],
        "answers": list(q.answers),
        "help": q.help,
    }


def rationale_dict(r: Rationale) -> dict[str, Any]:
    return {
        "text": r.text,
        "towards": dict(r.towards),
        "separates": list(r.separates) if r.separates else None,
        "levels": dict(r.levels),
        "help": r.help,
    }


def step_dict(step: Step) -> dict[str, Any]:
    """The next question with why it is asked, or why the interview stopped."""
    return {
        "done": step.done,
        "reason": step.reason,
        "question": question_dict(step.question) if step.question else None,
        "rationale": rationale_dict(step.rationale) if step.rationale else None,
        "progress": {"asked": step.asked, "remaining_estimate": step.remaining},
        "triage_so_far": step.level,
        "top_so_far": list(step.top),
    }


def answers_list(kb: KnowledgeBase, session: Session) -> list[dict[str, Any]]:
    """The questions asked, in order, with the answer given."""
    questions = catalogue(kb).questions
    return [
        {"question": r.question, "text": questions[r.question].text, "answer": r.answer}
        for r in session.replies
    ]


def session_dict(
    kb: KnowledgeBase, session: Session, step: Step, session_id: str | None = None
) -> dict[str, Any]:
    """A whole session: who, the answers so far, the next step, and the result when done."""
    return {
        "id": session_id,
        "status": "done" if step.done else "open",
        "patient": {"age": session.patient.age, "sex": session.patient.sex},
        "opening": [{"id": e.id, "state": e.state} for e in session.opening],
        "answers": answers_list(kb, session),
        "questions_asked": len(session.replies),
        "next": None if step.done else step_dict(step),
        "stop_reason": step.reason if step.done else None,
        "result": result(kb, session).to_dict() if step.done else None,
        "knowledge_version": kb.version,
    }
