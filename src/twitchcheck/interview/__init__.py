"""Adaptive interview: the fewest questions that settle triage and the likely causes.

Pure and deterministic, like the engine: a session is immutable data (``session.Session``), the
next question comes from the engine's posterior (``next_question.next_step``), and persistence
is an adapter's business (``twitchcheck.store``). The questions themselves live in ``kb/``.
"""

from .flow import answer, back, result, start
from .next_question import Rationale, Step, next_step
from .session import Reply, Session

__all__ = [
    "Rationale",
    "Reply",
    "Session",
    "Step",
    "answer",
    "back",
    "next_step",
    "result",
    "start",
]
