"""Interviews over HTTP: start, answer, go back, read. A thin adapter over ``twitchcheck.interview``
(the logic) and ``twitchcheck.store`` (every answer is committed before the response is sent)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response, status

from twitchcheck.api.deps import KB, Audit, Store, Workers_
from twitchcheck.api.interview_schemas import AnswerIn, BackIn, InterviewOut, InterviewStart
from twitchcheck.api.routes.responses import INTERVIEW_RESPONSES
from twitchcheck.errors import InterviewError
from twitchcheck.interview import answer, next_step, result, start
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
async def post_interview(
    body: InterviewStart, kb: KB, store: Store, audit: Audit, workers: Workers_
) -> Any:
    return await workers.run(_start, kb, store, audit, body)


def _start(
    kb: KnowledgeBase, store: InterviewStore, audit: AuditTrail, body: InterviewStart
) -> dict[str, Any]:
    session = start(kb, age=body.age, sex=body.sex, text=body.text)
    sid = store.create(session)
    return {**_view(kb, store, sid, audit), "understood": _understood(kb, body.text)}


@router.get(
    "/{interview_id}",
    response_model=InterviewOut,
    responses=INTERVIEW_RESPONSES,
    summary="The interview: answers so far, the next question and why, the result when done",
)
async def get_interview(interview_id: str, kb: KB, store: Store, workers: Workers_) -> Any:
    return await workers.run(_view, kb, store, interview_id)


@router.post(
    "/{interview_id}/answers",
    response_model=InterviewOut,
    responses=INTERVIEW_RESPONSES,
    summary="Answer the question being asked (yes / no / unknown, or an option)",
)
async def post_answer(
    interview_id: str, body: AnswerIn, kb: KB, store: Store, audit: Audit, workers: Workers_
) -> Any:
    return await workers.run(_answer, kb, store, audit, interview_id, body)


def _answer(
    kb: KnowledgeBase, store: InterviewStore, audit: AuditTrail, sid: str, body: AnswerIn
) -> dict[str, Any]:
    before = store.load(sid)
    number = len(before.replies) + 1
    if body.number is not None and body.number != number:
        raise InterviewError(
            f"the interview has {number - 1} answers; cannot store answer number {body.number}"
        )
    session = answer(kb, before, body.question, body.answer)
    # Refused (409) when another request stored answer `number` or went back meanwhile.
    store.add_reply(sid, number, session.replies[-1])
    return _view(kb, store, sid, audit)


@router.post(
    "/{interview_id}/back",
    response_model=InterviewOut,
    responses=INTERVIEW_RESPONSES,
    summary="Take back the last answer (to change it)",
)
async def post_back(
    interview_id: str, kb: KB, store: Store, workers: Workers_, body: BackIn | None = None
) -> Any:
    return await workers.run(_back, kb, store, interview_id, body or BackIn())


def _back(kb: KnowledgeBase, store: InterviewStore, sid: str, body: BackIn) -> dict[str, Any]:
    number = len(store.load(sid).replies)
    if number == 0:
        raise InterviewError("there is no answer to go back to")
    if body.number is not None and body.number != number:
        raise InterviewError(
            f"the interview has {number} answers; cannot take back answer number {body.number}"
        )
    # Refused (409) unless answer `number` is still the last: a concurrent "back" took it
    # already, or a concurrent answer came after it (and must not be removed with it).
    store.take_back(sid, number)
    return _view(kb, store, sid)


@router.delete(
    "/{interview_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={404: INTERVIEW_RESPONSES[404], 401: INTERVIEW_RESPONSES[401]},
    summary="Delete the interview: its answers and its audit records (then 404)",
)
async def delete_interview(
    interview_id: str, store: Store, audit: Audit, workers: Workers_
) -> Response:
    await workers.run(_delete, store, audit, interview_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _delete(store: InterviewStore, audit: AuditTrail, sid: str) -> None:
    audit.flush()  # a record of this interview still queued would otherwise outlive it
    store.delete(sid)
