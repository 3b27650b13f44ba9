"""Helpers for the interview tests: run an interview with scripted answers."""

from __future__ import annotations

from twitchcheck import KnowledgeBase
from twitchcheck.interview import Session, answer, next_step


def reply_all(kb: KnowledgeBase, session: Session, **answers: str) -> Session:
    """Answer questions by id in the order they are asked; stop at the first not listed."""
    while True:
        step = next_step(kb, session)
        if step.done or step.question is None or step.question.id not in answers:
            return session
        session = answer(kb, session, step.question.id, answers.pop(step.question.id))
