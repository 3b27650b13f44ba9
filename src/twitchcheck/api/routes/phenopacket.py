"""``POST /v1/phenopacket``: assess a GA4GH Phenopacket v2."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body

from twitchcheck.api.deps import KB, Workers_
from twitchcheck.api.interop_schemas import PHENOPACKET_EXAMPLE, RecordAssessResponse
from twitchcheck.assessment.assess import assess
from twitchcheck.interop.phenopackets_v2 import from_phenopacket
from twitchcheck.knowledge.model import KnowledgeBase

from .responses import PROBLEM_RESPONSES

router = APIRouter(prefix="/v1", tags=["clinical formats"])

Phenopacket = Annotated[
    dict[str, Any],
    Body(
        description="A GA4GH Phenopacket v2 (JSON).",
        openapi_examples={"als": {"summary": "58-year-old man", "value": PHENOPACKET_EXAMPLE}},
    ),
]


@router.post(
    "/phenopacket",
    response_model=RecordAssessResponse,
    responses=PROBLEM_RESPONSES,
    summary="Assess a GA4GH Phenopacket v2: subject sex and age, phenotypic features (HPO)",
)
async def post_phenopacket(body: Phenopacket, kb: KB, workers: Workers_) -> Any:
    """The ``assess`` result, plus ``record``: how each phenotypic feature was read.

    HPO terms that are not kb codes are mapped to the nearest kb finding through the HPO
    hierarchy; a term that cannot be mapped is listed in ``record.unmapped`` with the reason.
    ``excluded: true`` → absent. An invalid document is a 422 problem naming the JSON path.
    """
    return await workers.run(_assessed, kb, body)


def _assessed(kb: KnowledgeBase, body: dict[str, Any]) -> dict[str, Any]:
    record = from_phenopacket(kb, body)
    result = assess(kb, record.patient, record.evidence, annotations=record.annotations)
    return {**result.to_dict(), "record": record.to_dict()}
