"""CDS Hooks 2.0: ``GET /cds-services`` (discovery) and ``POST /cds-services/{id}``.

The one service answers the ``patient-view`` hook. Prefetched data is used as given; a missing
prefetch key is fetched from the call's ``fhirServer`` only when that server is listed in
``TWITCHCHECK_CDS_FHIR_SERVERS`` (no redirects, no proxies, bounded time and size), else the
answer is 412 Precondition Failed, as the specification asks.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request

from twitchcheck.api.deps import KB
from twitchcheck.api.interop_settings import MAX_FHIR_RESPONSE, InteropSettings
from twitchcheck.api.problems import PROBLEM_JSON, Problem, problem
from twitchcheck.assessment.assess import assess
from twitchcheck.errors import InputError, InteropError, RecordUnavailableError
from twitchcheck.interop.cds_hooks import (
    DOCUMENT,
    SERVICE_ID,
    CdsRequest,
    CdsResponse,
    Discovery,
    Fetch,
    cards_for,
    discovery,
    record_from_request,
)
from twitchcheck.limits import load_json

from .responses import PROBLEM_RESPONSES

router = APIRouter(tags=["CDS Hooks"])

_412: dict[int | str, dict[str, Any]] = {
    404: {"model": Problem, "content": {PROBLEM_JSON: {}}, "description": "No such service"},
    412: {
        "model": Problem,
        "content": {PROBLEM_JSON: {}},
        "description": "The FHIR data needed was not prefetched and cannot be fetched",
    },
}


def get_interop(request: Request) -> InteropSettings:
    settings: InteropSettings = getattr(request.app.state, "interop", InteropSettings())
    return settings


Interop = Annotated[InteropSettings, Depends(get_interop)]


@router.get(
    "/cds-services",
    response_model=Discovery,
    response_model_exclude_none=True,
    summary="CDS Hooks discovery: the services offered",
)
async def get_services() -> Discovery:
    return discovery()


@router.post(
    "/cds-services/{service_id}",
    response_model=CdsResponse,
    response_model_exclude_none=True,
    responses={**PROBLEM_RESPONSES, **_412},
    summary="Call the patient-view service: cards with triage, likely causes and tests",
)
def post_service(
    service_id: str, body: CdsRequest, kb: KB, settings: Interop, request: Request
) -> Any:
    """One card (or none when the record shows no twitching): ``summary``, ``indicator`` from
    the triage, ``detail`` in Markdown, ``source`` linking to the knowledge entry, and draft
    ServiceRequest ``suggestions`` for the tests to consider."""
    if service_id != SERVICE_ID:
        raise HTTPException(status_code=404, detail="No CDS service with this id.")
    fetch = None
    if body.fhirServer is not None and settings.allows(body.fhirServer):
        token = body.fhirAuthorization.access_token if body.fhirAuthorization else None
        fetch = fhir_fetcher(body.fhirServer, token, settings.fetch_timeout)
    try:
        record = record_from_request(kb, body, today=date.today(), fetch=fetch)
    except RecordUnavailableError as exc:
        return problem(412, str(exc), kind="record-unavailable")
    result = assess(kb, record.patient, record.evidence, annotations=record.annotations)
    base = (settings.public_url or str(request.base_url)).rstrip("/")
    return cards_for(
        kb,
        result,
        record,
        hook_instance=body.hookInstance,
        patient_id=body.context.patientId,
        encounter_id=body.context.encounterId,
        entry_url=lambda cid: f"{base}/v1/conditions#{cid}",
    )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect could lead to a host that is not allowed: refuse it."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def fhir_fetcher(server: str, token: str | None, timeout: float) -> Fetch:
    """GETs ``{server}/{query}`` as FHIR JSON (Bearer ``token`` when given)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())
    base = server.rstrip("/")

    def fetch(query: str) -> dict[str, Any] | None:
        where = f"$<{query}>"
        headers = {"Accept": "application/fhir+json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        req = urllib.request.Request(f"{base}/{query}", headers=headers)
        try:
            with opener.open(req, timeout=timeout) as response:
                raw = response.read(MAX_FHIR_RESPONSE + 1)
        except urllib.error.HTTPError as exc:
            if exc.code in (404, 410):
                return None
            raise RecordUnavailableError(
                DOCUMENT, where, f"the FHIR server answered {exc.code}"
            ) from None
        except (urllib.error.URLError, TimeoutError, OSError):
            raise RecordUnavailableError(
                DOCUMENT, where, "the FHIR server did not answer"
            ) from None
        if len(raw) > MAX_FHIR_RESPONSE:
            raise RecordUnavailableError(DOCUMENT, where, "the FHIR server's answer is too large")
        try:  # not JSON, not UTF-8, nested too deeply, a lone surrogate: never a crash
            data = load_json(raw, "the FHIR server's answer")
        except InputError as exc:
            raise InteropError(DOCUMENT, where, str(exc)) from None
        if not isinstance(data, dict):
            raise InteropError(DOCUMENT, where, "the FHIR server's answer is not a resource")
        return data

    return fetch
