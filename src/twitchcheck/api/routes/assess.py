"""``POST /v1/assess`` and ``POST /v1/explain``: stateless assessment and its breakdown."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from twitchcheck.api.deps import KB, Services_, Workers_
from twitchcheck.api.schemas import (
    AssessRequest,
    AssessResponse,
    AssessSummary,
    ExplainRequest,
    ExplainResponse,
)
from twitchcheck.api.workers import Workers
from twitchcheck.assessment.catalog import explanation_view
from twitchcheck.assessment.result import SUMMARY_CAUSES, Detail
from twitchcheck.batch.scorer import assess_bytes
from twitchcheck.engine.annotations import channel
from twitchcheck.engine.evidence import Evidence, Patient
from twitchcheck.engine.explain import explain
from twitchcheck.interop.terms import TermReading, needs_ontology, read_terms
from twitchcheck.jsonout import dumps, with_key
from twitchcheck.knowledge.model import KnowledgeBase

from .responses import PROBLEM_RESPONSES

router = APIRouter(prefix="/v1", tags=["assessment"])


def _inputs(kb: KnowledgeBase, body: AssessRequest) -> tuple[Patient, TermReading]:
    """Patient and evidence from the body, HPO terms read through the ontology; free text adds
    findings (explicit evidence wins) and fills in age and sex when the body does not give them."""
    given = [Evidence(e.id, e.state) for e in body.evidence]
    terms = read_terms(kb, given, [f"evidence[{i}]" for i in range(len(given))])
    if not body.text:
        return Patient(age=body.age, sex=body.sex), terms
    from twitchcheck.text import merge_evidence, parse

    read = parse(kb, body.text)
    patient = Patient(
        age=body.age if body.age is not None else read.age,
        sex=body.sex if body.sex is not None else read.sex,
    )
    merged = merge_evidence(kb, terms.evidence, read.evidence)
    return patient, replace(terms, evidence=tuple(merged))


async def _read(
    kb: KnowledgeBase, body: AssessRequest, workers: Workers
) -> tuple[Patient, TermReading]:
    """:func:`_inputs`, in a worker thread when there is text to read or an HPO term to look up
    in the ontology (up to a second of CPU); on the loop otherwise, where it takes microseconds
    and a thread hop would cost more."""
    if body.text or needs_ontology(kb, (Evidence(e.id, e.state) for e in body.evidence)):
        return await workers.run(_inputs, kb, body)
    return _inputs(kb, body)


DetailQuery = Annotated[
    Detail,
    Query(
        description=f"`summary` (the default): triage with every reason, the first "
        f"{SUMMARY_CAUSES} causes, next steps, reassurance. `full`: the `assess --json` "
        "contract, every cause with its likelihood-ratio terms for and against and their sources."
    ),
]


@router.post(
    "/assess",
    # Either shape, as ``detail`` asks; the schema names both (``detail`` tells them apart).
    response_model=AssessSummary | AssessResponse,
    responses=PROBLEM_RESPONSES,
    summary="Assess twitching: triage, likely causes with reasons, next steps",
)
async def post_assess(body: AssessRequest, app: Services_, detail: DetailQuery = "summary") -> Any:
    kb = app.kb
    patient, terms = await _read(kb, body, app.workers)
    content, facts = assess_bytes(kb, patient, terms.evidence, detail, terms.queries)
    if terms.read_any:  # how each HPO term was read, and those not used
        content = with_key(content, "hpo_terms", terms.to_dict())
    # Answered only once its audit record is committed (grouped with its neighbours').
    await app.audit.commit_summary(
        "/v1/assess",
        knowledge_version=kb.version,
        evidence=facts.evidence,
        triage=facts.level,
        top=facts.ranked,
        text=body.text if app.settings.store_text else None,
    )
    # The bytes of ``assess(...).to_summary()`` / ``.to_dict()`` (tests compare them), written by
    # orjson or from the scorer's fragments: no response-model validation of a body whose shape
    # the code already fixes (that validation cost more than the assessment).
    return Response(content, media_type="application/json")


@router.post(
    "/explain",
    response_model=ExplainResponse,
    responses=PROBLEM_RESPONSES,
    summary="The whole breakdown for one cause: prior and each likelihood ratio with its source",
)
async def post_explain(body: ExplainRequest, kb: KB, workers: Workers_) -> Any:
    patient, terms = await _read(kb, body, workers)
    scored = channel(kb, terms.queries)
    data = explanation_view(
        kb, explain(kb, patient, terms.evidence, body.condition, channel=scored)
    )
    if terms.read_any:
        data["hpo_terms"] = terms.to_dict()
    return Response(dumps(data), media_type="application/json")
