"""``GET /v1/conditions`` and ``GET /v1/findings``: the causes and the vocabulary."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from twitchcheck.api.deps import KB
from twitchcheck.api.schemas import ConditionInfo, FindingInfo
from twitchcheck.assessment.catalog import conditions_view, findings_view

from .responses import READ_RESPONSES

router = APIRouter(prefix="/v1", tags=["knowledge"])


@router.get("/conditions", response_model=list[ConditionInfo], responses=READ_RESPONSES)
async def get_conditions(kb: KB) -> Any:
    """Every condition: id, names, group, codes (ICD-10-CM, SNOMED CT, ORPHA, OMIM), sources."""
    return conditions_view(kb)


@router.get("/findings", response_model=list[FindingInfo], responses=READ_RESPONSES)
async def get_findings(kb: KB) -> Any:
    """Every finding: id, plain label, question, codes (HPO, SNOMED CT), red-flag status."""
    return findings_view(kb)
