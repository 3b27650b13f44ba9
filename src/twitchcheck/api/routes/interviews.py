"""Interviews over HTTP: start, answer, go back, read. A thin adapter over ``twitchcheck.interview``
(the logic) and ``twitchcheck.store`` (every answer is committed before the response is sent)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from twitchcheck.api.deps import KB, Audit, Store
from twitchcheck.api.interview_schemas import AnswerIn, InterviewOut, InterviewStart
from twitchcheck.api.routes.responses import INTERVIEW_RESPONSES
from twitchcheck.interview import answer, back, next_step, result, start
from twitchcheck.interview.view import session_dict
from twitchcheck.knowledge.model import KnowledgeBase
from twitchcheck.store.audit import AuditTrail
from twitchcheck.store.interviews import InterviewStore

router = APIRouter(prefix="/v1/interviews", tags=["interview"])


def _view(
    kb: KnowledgeBase, store: InterviewStore, sid: str, audit: AuditTrail | None = None
) -> dict[str, Any]:
    """The session as the client sees it; when it has just finished, mark it done and add the
    assessment to the audit trail."""
    session = store.load(sid)
    step = next_step(kb, session)
    if step.done and audit is not None and store.status(sid) != "done":
        store.finish(sid)
        audit.record("/v1/interviews", result(kb, session), interview_id=sid)
    return session_dict(kb, session, step, sid)


def _understood(kb: KnowledgeBase, text: str | None) -> list[dict[str, Any]]:
    """Where each finding was read in the opening text (spans), for highlighting by the client.
    Returned once, in the response to the start; the text itself is never stored."""
    if not text:
        return []
    from twitchcheck.text import parse

    return [
        {
            "finding": m.finding,
            "state": m.state,
            "start": m.span[0],
            "end": m.span[1],
            "phrase": m.phrase,
            "quote": m.quote,
        }
        for m in parse(kb, text).mentions
        if m.counted
    ]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=InterviewOut,
    responses=INTERVIEW_RESPONSES,
    summary="Start an interview (age, sex and an optional opening description)",
)
def post_interview(body: InterviewStart, kb: KB, store: Store, audit: Audit) -> Any:
    session = start(kb, age=body.age, sex=body.sex, text=body.text)
    sid = store.create(session)
    return {**_view(kb, store, sid, audit), "understood": _understood(kb, body.text)}


@router.get(
    "/{interview_id}",
    response_model=InterviewOut,
    responses=INTERVIEW_RESPONSES,
    summary="The interview: answers so far, the next question and why, the result when done",
)
def get_interview(interview_id: str, kb: KB, store: Store) -> Any:
    return _view(kb, store, interview_id)


@router.post(
    "/{interview_id}/answers",
    response_model=InterviewOut,
    responses=INTERVIEW_RESPONSES,
    summary="Answer the question being asked (yes / no / unknown, or an option)",
)
def post_answer(interview_id: str, body: AnswerIn, kb: KB, store: Store, audit: Audit) -> Any:
    session = answer(kb, store.load(interview_id), body.question, body.answer)
    store.add_reply(interview_id, len(session.replies), session.replies[-1])
    return _view(kb, store, interview_id, audit)


@router.post(
    "/{interview_id}/back",
    response_model=InterviewOut,
    responses=INTERVIEW_RESPONSES,
    summary="Take back the last answer (to change it)",
)
def post_back(interview_id: str, kb: KB, store: Store) -> Any:
    session = back(store.load(interview_id))
    store.remove_replies(interview_id, len(session.replies))
    return _view(kb, store, interview_id)
