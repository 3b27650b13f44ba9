"""``POST /v1/assess`` and ``POST /v1/explain``: stateless assessment and its breakdown."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from twitchcheck.api.deps import KB, Audit, Settings_, Workers_
from twitchcheck.api.schemas import AssessRequest, AssessResponse, ExplainRequest, ExplainResponse
from twitchcheck.api.workers import Workers
from twitchcheck.assessment.catalog import explanation_view
from twitchcheck.batch.scorer import assess_json_summary
from twitchcheck.engine.evidence import Evidence, Patient
from twitchcheck.engine.explain import explain
from twitchcheck.knowledge.model import KnowledgeBase

from .responses import PROBLEM_RESPONSES

router = APIRouter(prefix="/v1", tags=["assessment"])


def _inputs(kb: KnowledgeBase, body: AssessRequest) -> tuple[Patient, list[Evidence]]:
    """Patient and evidence from the body; free text adds findings (explicit evidence wins) and
    fills in age and sex when the body does not give them."""
    explicit = [Evidence(e.id, e.state) for e in body.evidence]
    if not body.text:
        return Patient(age=body.age, sex=body.sex), explicit
    from twitchcheck.text import merge_evidence, parse

    read = parse(kb, body.text)
    patient = Patient(
        age=body.age if body.age is not None else read.age,
        sex=body.sex if body.sex is not None else read.sex,
    )
    return patient, merge_evidence(kb, explicit, read.evidence)


async def _read(
    kb: KnowledgeBase, body: AssessRequest, workers: Workers
) -> tuple[Patient, list[Evidence]]:
    """:func:`_inputs`, in a worker thread when there is text to read (up to a second of CPU);
    on the loop otherwise, where it takes microseconds and a thread hop would cost more."""
    if body.text:
        return await workers.run(_inputs, kb, body)
    return _inputs(kb, body)


@router.post(
    "/assess",
    response_model=AssessResponse,
    responses=PROBLEM_RESPONSES,
    summary="Assess twitching: triage, likely causes with reasons, next steps",
)
async def post_assess(
    body: AssessRequest, kb: KB, audit: Audit, settings: Settings_, workers: Workers_
) -> Any:
    patient, evidence = await _read(kb, body, workers)
    text, summary = assess_json_summary(kb, patient, evidence)
    audit.record_summary(
        "/v1/assess",
        knowledge_version=kb.version,
        evidence=summary.evidence,
        triage=summary.level,
        top=summary.ranked,
        text=body.text if settings.store_text else None,
    )
    # The same JSON as ``assess(...).to_dict()`` (a test compares them), written straight from the
    # scorer's fragments: no response-model validation of a body the contract already fixes.
    return Response(text, media_type="application/json")


@router.post(
    "/explain",
    response_model=ExplainResponse,
    responses=PROBLEM_RESPONSES,
    summary="The whole breakdown for one cause: prior and each likelihood ratio with its source",
)
async def post_explain(body: ExplainRequest, kb: KB, workers: Workers_) -> Any:
    patient, evidence = await _read(kb, body, workers)
    return explanation_view(kb, explain(kb, patient, evidence, body.condition))
