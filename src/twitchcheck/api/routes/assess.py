"""``POST /v1/assess`` and ``POST /v1/explain``: stateless assessment and its breakdown."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from twitchcheck.api.deps import KB
from twitchcheck.api.schemas import AssessRequest, AssessResponse, ExplainRequest, ExplainResponse
from twitchcheck.assessment.catalog import explanation_view
from twitchcheck.batch.scorer import assess_json
from twitchcheck.engine.evidence import Evidence, Patient
from twitchcheck.engine.explain import explain

from .responses import PROBLEM_RESPONSES

router = APIRouter(prefix="/v1", tags=["assessment"])


def _inputs(body: AssessRequest) -> tuple[Patient, list[Evidence]]:
    patient = Patient(age=body.age, sex=body.sex)
    return patient, [Evidence(e.id, e.state) for e in body.evidence]


@router.post(
    "/assess",
    response_model=AssessResponse,
    responses=PROBLEM_RESPONSES,
    summary="Assess twitching: triage, likely causes with reasons, next steps",
)
async def post_assess(body: AssessRequest, kb: KB) -> Any:
    patient, evidence = _inputs(body)
    # The same JSON as ``assess(...).to_dict()`` (a test compares them), written straight from the
    # scorer's fragments: no response-model validation of a body the contract already fixes.
    return Response(assess_json(kb, patient, evidence), media_type="application/json")


@router.post(
    "/explain",
    response_model=ExplainResponse,
    responses=PROBLEM_RESPONSES,
    summary="The whole breakdown for one cause: prior and each likelihood ratio with its source",
)
async def post_explain(body: ExplainRequest, kb: KB) -> Any:
    patient, evidence = _inputs(body)
    return explanation_view(kb, explain(kb, patient, evidence, body.condition))
