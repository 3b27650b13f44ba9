"""``POST /v1/parse``: what a person wrote → findings with states, spans and context."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from twitchcheck.api.deps import KB
from twitchcheck.api.parse_schemas import ParseRequest, ParseResponse
from twitchcheck.api.routes.responses import PROBLEM_RESPONSES

router = APIRouter(prefix="/v1", tags=["text"])


@router.post(
    "/parse",
    response_model=ParseResponse,
    responses=PROBLEM_RESPONSES,
    summary="Read findings from lay text: state, character span, trigger phrase and context",
)
def post_parse(body: ParseRequest, kb: KB) -> Any:
    # A plain `def`: the first parse loads spaCy, which should not block the event loop.
    from twitchcheck.text import parse

    return {**parse(kb, body.text).to_dict(), "knowledge_version": kb.version}
