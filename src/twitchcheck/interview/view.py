"""JSON shapes of interview steps and sessions (for ``--json`` output and the HTTP API)."""

from __future__ import annotations

from typing import Any

from twitchcheck.knowledge.model import KnowledgeBase

from .catalogue import Question, catalogue
from .flow import result
from .next_question import Rationale, Step
from .session import Session, derive


def question_dict(q: Question, known: tuple[str, ...] = ()) -> dict[str, Any]:
    """A question as a client shows it: text, bullet items, the answers it takes; a checklist's
    options already known to hold (``known``: from the person's own words) come ticked."""
    return {
        "id": q.id,
        "kind": q.kind,
        "text": q.text,
        "items": list(q.items),
        "options": [
            {"value": o.value, "text": o.text, "known": o.value in known} for o in q.options
        ],
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
        "question": question_dict(step.question, step.known) if step.question else None,
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


def conflicts_list(kb: KnowledgeBase, session: Session) -> list[dict[str, Any]]:
    """Where the person's words and answers disagree, what was kept, in plain words."""
    out = []
    for c in derive(kb, session).conflicts:
        label = kb.findings[c.finding].label
        if c.why == "implied":
            text = (
                f"You answered no to “{label}”, but chose something more specific that is part "
                "of it; we kept it."
            )
        elif c.why == "red_flag":
            text = (
                f"You wrote about “{label}” but answered no. Because it can be a danger sign, "
                "we kept what you wrote; a doctor can check it."
            )
        else:
            text = f"You wrote about “{label}” but answered no; we went by your answer."
        out.append(
            {
                "finding": c.finding,
                "said": {"state": c.said[0], "from": c.said[1]},
                "answered": {"state": c.answered[0], "from": c.answered[1]},
                "kept": c.kept,
                "why": c.why,
                "text": text,
            }
        )
    return out


def session_dict(
    kb: KnowledgeBase, session: Session, step: Step, session_id: str | None = None
) -> dict[str, Any]:
    """A whole session: who, the answers so far, the next step, and the result when done."""
    return {
        "id": session_id,
        "status": "done" if step.done else "open",
        "patient": {"age": session.patient.age, "sex": session.patient.sex},
        "opening": [{"id": e.id, "state": e.state, "from": "text"} for e in session.opening],
        "conflicts": conflicts_list(kb, session),
        "answers": answers_list(kb, session),
        "questions_asked": len(session.replies),
        "next": None if step.done else step_dict(step),
        "stop_reason": step.reason if step.done else None,
        "result": result(kb, session).to_dict() if step.done else None,
        "knowledge_version": kb.version,
    }
