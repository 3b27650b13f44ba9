"""``POST /v1/parse``: what a person wrote → findings with states, spans and context."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from twitchcheck.api.deps import KB, Workers_
from twitchcheck.api.parse_schemas import ParseRequest, ParseResponse
from twitchcheck.api.routes.responses import PROBLEM_RESPONSES
from twitchcheck.knowledge.model import KnowledgeBase

router = APIRouter(prefix="/v1", tags=["text"])


@router.post(
    "/parse",
    response_model=ParseResponse,
    responses=PROBLEM_RESPONSES,
    summary="Read findings from lay text: state, character span, trigger phrase and context",
)
async def post_parse(body: ParseRequest, kb: KB, workers: Workers_) -> Any:
    # In a worker: parsing (and the first call's loading of spaCy) must not block the loop.
    return await workers.run(_parse, kb, body.text)


def _parse(kb: KnowledgeBase, text: str) -> dict[str, Any]:
    from twitchcheck.text import parse

    return {**parse(kb, text).to_dict(), "knowledge_version": kb.version}
