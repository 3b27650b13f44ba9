"""``/v1/fhir``: the interview as a FHIR R4 Questionnaire; a QuestionnaireResponse assessed."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body

from twitchcheck.api.deps import KB, Workers_
from twitchcheck.api.interop_schemas import (
    FHIR_JSON,
    QUESTIONNAIRE_RESPONSE_EXAMPLE,
    FhirJSONResponse,
)
from twitchcheck.assessment.assess import assess
from twitchcheck.interop.fhir_r4 import to_questionnaire
from twitchcheck.interop.fhir_r4_bundle import to_bundle
from twitchcheck.interop.fhir_r4_response import from_questionnaire_response
from twitchcheck.knowledge.model import KnowledgeBase

from .responses import PROBLEM_RESPONSES, READ_RESPONSES

router = APIRouter(prefix="/v1/fhir", tags=["clinical formats"])

_fhir: dict[int | str, dict[str, Any]] = {200: {"content": {FHIR_JSON: {}}}}

QuestionnaireResponse = Annotated[
    dict[str, Any],
    Body(
        description="A FHIR R4 QuestionnaireResponse to the twitchcheck Questionnaire.",
        media_type=FHIR_JSON,
        openapi_examples={
            "eyelid": {"summary": "Eyelid twitching", "value": QUESTIONNAIRE_RESPONSE_EXAMPLE}
        },
    ),
]


@router.get(
    "/questionnaire",
    response_class=FhirJSONResponse,
    response_model=dict[str, Any],
    responses={**READ_RESPONSES, **_fhir},
    summary="The interview as a FHIR R4 Questionnaire, generated from the knowledge base",
)
async def get_questionnaire(kb: KB) -> Any:
    """Items coded with HPO and SNOMED CT, yes / no / unknown answers, enableWhen follow-ups."""
    return to_questionnaire(kb)


@router.post(
    "/assess",
    response_class=FhirJSONResponse,
    response_model=dict[str, Any],
    responses={**PROBLEM_RESPONSES, **_fhir},
    summary="Assess a QuestionnaireResponse: a Bundle with a RiskAssessment and Observations",
)
async def post_fhir_assess(body: QuestionnaireResponse, kb: KB, workers: Workers_) -> Any:
    """A ``collection`` Bundle: a RiskAssessment (one prediction per likely cause, with its
    probability and rationale, ``basis`` the evidence) and one Observation per finding.

    An invalid response is a 422 problem naming the JSON path of the fault.
    """
    return await workers.run(_bundle, kb, body)


def _bundle(kb: KnowledgeBase, body: dict[str, Any]) -> dict[str, Any]:
    record = from_questionnaire_response(kb, body)
    result = assess(kb, record.patient, record.evidence, annotations=record.annotations)
    return to_bundle(kb, result, record=record)
