"""CDS Hooks 2.0: discovery, the ``patient-view`` request, and the cards twitchcheck returns.

The models follow the field tables of the CDS Hooks specification
(https://cds-hooks.hl7.org/2.0/): requests keep unknown fields (the spec allows extensions);
responses are strict and are serialised without empty fields (the spec forbids ``null``).

:func:`record_from_request` reads the Patient (age, sex) and Conditions / Observations coded
with our finding codes, HPO or SNOMED CT, from ``prefetch``; a prefetch key that is missing is
fetched from ``fhirServer`` with a ``fetch`` function the caller supplies (this module does no
I/O). When neither can supply it: :class:`~twitchcheck.errors.RecordUnavailableError` (HTTP 412).
A prefetch slot holding an OperationOutcome (the client's query failed) or one page of a
paginated search (a ``next`` link) counts as missing. Conditions and Observations marked
``entered-in-error`` count for nothing; a ``refuted`` Condition makes its finding absent.

:func:`cards_for` turns an assessment into one card: ``summary`` < 140 characters, ``indicator``
from the triage (emergency / urgent → critical, routine → warning, self_care → info), ``detail``
in Markdown (top causes with reasons, next steps, what the record gave), ``source`` linking to
the knowledge entry of the top cause, ``links`` to its sources, and ``suggestions`` to order the
tests of the next steps as draft FHIR ServiceRequests. A patient with no twitching on record gets
no card.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from twitchcheck.assessment.result import Assessment
from twitchcheck.errors import InteropError, RecordUnavailableError
from twitchcheck.knowledge.model import KnowledgeBase

from . import terminology as t
from .fhir_r4_bundle import Located, entries, from_resources
from .fhir_validation import validate
from .record import RecordInput

DOCUMENT = "CDS Hooks request"
FORMAT = "cds-hooks-patient-view"
HOOK = "patient-view"
SERVICE_ID = "twitchcheck-patient-view"
MAX_SUMMARY = 139  # the specification: "<140-character summary"
# Findings that are the twitching itself: without one on record, the service has nothing to say.
TWITCH_CATEGORIES = frozenset({"location", "character"})
INDICATOR: Mapping[str, Literal["info", "warning", "critical"]] = {
    "emergency": "critical",
    "urgent": "critical",
    "routine": "warning",
    "self_care": "info",
}
PREFETCH: Mapping[str, str] = {
    "patient": "Patient/{{context.patientId}}",
    "conditions": "Condition?patient={{context.patientId}}",
    "observations": "Observation?patient={{context.patientId}}",
}
_EXPECTED = {"patient": "Patient", "conditions": "Bundle", "observations": "Bundle"}

Fetch = Callable[[str], dict[str, Any] | None]
"""Fetches a FHIR request relative to ``fhirServer`` (``Observation?patient=1``) → JSON, or
``None`` when the server has no such resource; raises ``RecordUnavailableError`` on failure."""


# -- models -------------------------------------------------------------------------------------


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FhirAuthorization(_Open):
    access_token: str = Field(min_length=1)
    token_type: Literal["Bearer"]
    expires_in: int
    scope: str
    subject: str


class PatientViewContext(_Open):
    userId: str = Field(min_length=1, max_length=256)
    patientId: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9\-.]{1,64}$")
    encounterId: str | None = Field(default=None, max_length=64)


class CdsRequest(_Open):
    """A call of the ``patient-view`` hook."""

    hook: str
    hookInstance: str = Field(min_length=1, max_length=128)
    fhirServer: str | None = Field(default=None, max_length=2048, pattern=r"^https?://\S+$")
    fhirAuthorization: FhirAuthorization | None = None
    context: PatientViewContext
    prefetch: dict[str, dict[str, Any] | None] | None = None

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
                    "hook": "patient-view",
                    "context": {"userId": "Practitioner/example", "patientId": "1288992"},
                    "prefetch": {
                        "patient": {
                            "resourceType": "Patient",
                            "id": "1288992",
                            "gender": "male",
                            "birthDate": "1966-03-02",
                        },
                        "conditions": None,
                        "observations": {
                            "resourceType": "Bundle",
                            "type": "searchset",
                            "entry": [
                                {
                                    "resource": {
                                        "resourceType": "Observation",
                                        "status": "final",
                                        "code": {
                                            "coding": [{"system": t.HPO, "code": "HP:0002380"}]
                                        },
                                        "subject": {"reference": "Patient/1288992"},
                                    }
                                }
                            ],
                        },
                    },
                }
            ]
        },
    )


class Coding(_Closed):
    system: str | None = None
    code: str
    display: str | None = None


class Source(_Closed):
    label: str
    url: str | None = None
    icon: str | None = None
    topic: Coding | None = None


class Action(_Closed):
    type: Literal["create", "update", "delete"]
    description: str
    resource: dict[str, Any] | None = None
    resourceId: str | None = None


class Suggestion(_Closed):
    label: str
    uuid: str | None = None
    isRecommended: bool | None = None
    actions: list[Action] | None = None


class Link(_Closed):
    label: str
    url: str
    type: Literal["absolute", "smart"]
    appContext: str | None = None


class Card(_Closed):
    uuid: str | None = None
    summary: str = Field(min_length=1, max_length=MAX_SUMMARY)
    detail: str | None = None
    indicator: Literal["info", "warning", "critical"]
    source: Source
    suggestions: list[Suggestion] | None = None
    selectionBehavior: Literal["at-most-one", "any"] | None = None
    overrideReasons: list[Coding] | None = None
    links: list[Link] | None = None

    @model_validator(mode="after")
    def _selection_with_suggestions(self) -> Card:
        if self.suggestions and self.selectionBehavior is None:
            raise ValueError("selectionBehavior is required when suggestions are present")
        return self


class CdsResponse(_Closed):
    cards: list[Card]
    systemActions: list[Action] | None = None


class Service(_Closed):
    hook: str
    title: str | None = None
    description: str
    id: str
    prefetch: dict[str, str] | None = None


class Discovery(_Closed):
    services: list[Service]


# -- discovery ----------------------------------------------------------------------------------


def discovery() -> Discovery:
    """The services twitchcheck offers: one, on ``patient-view``."""
    return Discovery(
        services=[
            Service(
                hook=HOOK,
                title="twitchcheck: muscle twitching assessment",
                description=(
                    "When the chart of a patient with fasciculations (muscle twitching) on "
                    "record is opened: how urgent it is, the likely causes with their reasons "
                    "and sources, and the tests to consider. Decision support, not a diagnosis."
                ),
                id=SERVICE_ID,
                prefetch=dict(PREFETCH),
            )
        ]
    )


# -- reading the request ------------------------------------------------------------------------


def record_from_request(
    kb: KnowledgeBase,
    request: CdsRequest,
    *,
    today: date,
    fetch: Fetch | None = None,
) -> RecordInput:
    """Patient and evidence from a ``patient-view`` call (module docstring).

    Args:
        kb: the knowledge base.
        request: the validated request.
        today: the date ages are computed on (from ``Patient.birthDate``).
        fetch: reads from ``request.fhirServer``; ``None`` when fetching is not allowed.

    Raises:
        InteropError: wrong hook, invalid prefetched resources, or resources about another
            patient (the message names the JSON path).
        RecordUnavailableError: a prefetch key is missing and cannot be fetched.
    """
    if request.hook != HOOK:
        raise InteropError(DOCUMENT, "$.hook", f"this service answers the {HOOK!r} hook")
    patient_id = request.context.patientId
    prefetch = request.prefetch or {}
    located: list[Located] = []
    for key, template in PREFETCH.items():
        query = template.replace("{{context.patientId}}", patient_id)
        failed = _failed_prefetch(prefetch.get(key))
        if key in prefetch and failed is None:
            value, base = prefetch[key], f"$.prefetch.{key}"
        elif request.fhirServer is not None and fetch is not None:
            value, base = fetch(query), f"$<{query}>"
            if value is not None and _failed_prefetch(value) is not None:
                raise RecordUnavailableError(
                    DOCUMENT, base, f"the FHIR server's answer {_failed_prefetch(value)}"
                )
        else:
            reason = "not prefetched" if key not in prefetch else f"the prefetch {failed}"
            if request.fhirServer is not None:
                reason += " and this service may not fetch from that fhirServer"
            else:
                reason += " and no fhirServer to fetch it from"
            raise RecordUnavailableError(DOCUMENT, f"$.prefetch.{key}", reason)
        if value is None:
            continue
        located += _resources(value, base, _EXPECTED[key])
    for loc in located:
        _check_subject(loc, patient_id)
    return from_resources(kb, DOCUMENT, located, today=today, fmt=FORMAT)


def _failed_prefetch(value: object) -> str | None:
    """Why a prefetched (or fetched) value cannot be used as the whole answer, or ``None``.

    CDS Hooks 2.0: the client puts an OperationOutcome in a prefetch slot when its own query
    failed, and the service must treat that as a missing prefetch. A search Bundle with a
    ``next`` link is one page of several: read alone it would look like a complete record with
    findings missing (a later page might hold the red flag), so it is not used either.
    """
    if not isinstance(value, dict):
        return None
    if value.get("resourceType") == "OperationOutcome":
        return "failed (an OperationOutcome)"
    if value.get("resourceType") == "Bundle":
        links = value.get("link")
        if isinstance(links, list) and any(
            isinstance(x, dict) and x.get("relation") == "next" for x in links
        ):
            return "is one page of several (it has a 'next' link)"
    return None


def _resources(value: dict[str, Any], base: str, expected: str) -> list[Located]:
    kind = value.get("resourceType")
    if kind == "Bundle":
        validate(DOCUMENT, value, "Bundle", path=base)
        return entries(value, base)
    if expected == "Bundle" and kind in ("Observation", "Condition"):
        validate(DOCUMENT, value, str(kind), path=base)
        return [Located(value, base)]
    validate(DOCUMENT, value, expected, path=base)
    return [Located(value, base)]


def _check_subject(loc: Located, patient_id: str) -> None:
    r = loc.resource
    if r.get("resourceType") == "Patient":
        if r.get("id") not in (None, patient_id):
            raise InteropError(DOCUMENT, f"{loc.path}.id", "is not the patient in context")
        return
    ref = (r.get("subject") or {}).get("reference")
    if isinstance(ref, str) and not (
        ref == f"Patient/{patient_id}" or ref.endswith(f"/Patient/{patient_id}")
    ):
        raise InteropError(
            DOCUMENT, f"{loc.path}.subject.reference", "is not the patient in context"
        )


# -- the cards ----------------------------------------------------------------------------------


def cards_for(
    kb: KnowledgeBase,
    assessment: Assessment,
    record: RecordInput,
    *,
    hook_instance: str,
    patient_id: str,
    entry_url: Callable[[str], str],
    encounter_id: str | None = None,
) -> CdsResponse:
    """The response to a ``patient-view`` call (module docstring).

    Args:
        entry_url: the URL of a condition's knowledge entry, by condition id.
    """
    present = {e.id for e in assessment.evidence if e.state == "present"}
    if not any(kb.findings[f].category in TWITCH_CATEGORIES for f in present):
        return CdsResponse(cards=[])
    top = assessment.conditions[0]
    level = assessment.triage.level
    label = next(lv.label for lv in kb.policy.levels if lv.id == level)
    summary = _fit(
        f"Twitching: {label.lower()} ({level.replace('_', ' ')}). Most likely "
        f"({top.probability:.0%}): {top.clinical_name}"
    )
    ids = _Ids(hook_instance)
    card = Card(
        uuid=ids("card"),
        summary=summary,
        detail=_detail(kb, assessment, record),
        indicator=INDICATOR[level],
        source=Source(
            label=f"twitchcheck knowledge base ({assessment.knowledge_version})",
            url=entry_url(top.id),
            topic=Coding(system=t.CONDITION_SYSTEM, code=top.id, display=top.clinical_name),
        ),
        links=[
            Link(label=kb.sources[s].title[:120], url=kb.sources[s].url, type="absolute")
            for s in kb.conditions[top.id].sources[:3]
        ]
        or None,
    )
    suggestions = _orders(kb, assessment, ids, patient_id, encounter_id)
    if suggestions:
        card.suggestions = suggestions
        card.selectionBehavior = "any"
    return CdsResponse(cards=[card])


class _Ids:
    """Stable uuids for one hook call (``uuid5`` of the hook instance and a key)."""

    def __init__(self, hook_instance: str) -> None:
        self.base = hook_instance

    def __call__(self, key: str) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.base}/{key}"))


def _fit(text: str) -> str:
    return text if len(text) <= MAX_SUMMARY else text[: MAX_SUMMARY - 1].rstrip() + "…"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _detail(kb: KnowledgeBase, a: Assessment, record: RecordInput) -> str:
    level = next(lv for lv in kb.policy.levels if lv.id == a.triage.level)
    lines = [f"**{level.label}** ({a.triage.level}). {a.triage.advice}", ""]
    reasons = [r for r in a.triage.reasons if r.level == a.triage.level]
    if reasons:
        lines.append("Why: " + "; ".join(f"{r.title} ({r.source})" for r in reasons) + ".")
        lines.append("")
    lines += ["| Cause | Probability | For | Against |", "|---|---|---|---|"]
    for c in a.conditions[: max(3, kb.policy.next_steps.top_conditions)]:
        pro = ", ".join(
            f"{kb.findings[x.finding].clinician_label} (LR {x.ratio:.3g})" for x in c.supporting[:4]
        )
        con = ", ".join(
            f"{kb.findings[x.finding].clinician_label} (LR {x.ratio:.3g})" for x in c.opposing[:4]
        )
        lines.append(
            f"| {_cell(c.clinical_name)} | {c.probability:.1%} | {_cell(pro) or '—'} "
            f"| {_cell(con) or '—'} |"
        )
    lines.append("")
    ns = a.next_steps
    if ns.specialist:
        lines.append(f"**Who to see:** {ns.specialist.replace('_', ' ')}.")
    if ns.tests:
        lines.append("**Tests to consider:** " + ", ".join(n for _, n, _ in ns.tests) + ".")
    used = ", ".join(
        f"{kb.findings[e.id].clinician_label} {e.state}" for e in a.evidence if e.state != "unknown"
    )
    lines += ["", f"**From the record:** {used or 'nothing twitchcheck reads'}."]
    if record.unmapped:
        lines.append(
            "**Not used:** " + "; ".join(f"`{u.code}` ({u.reason})" for u in record.unmapped) + "."
        )
    lines += ["", f"_{a.disclaimer}_"]
    return "\n".join(lines)


def _orders(
    kb: KnowledgeBase,
    a: Assessment,
    ids: _Ids,
    patient_id: str,
    encounter_id: str | None,
) -> list[Suggestion]:
    if a.triage.level == "self_care":
        return []
    out = []
    top = a.conditions[0]
    reason = {"text": f"Muscle twitching; twitchcheck: {top.clinical_name} {top.probability:.0%}"}
    for test_id, name, lay in a.next_steps.tests:
        codes = t.code_codings(kb.tests[test_id].codes)
        request: dict[str, Any] = {
            "resourceType": "ServiceRequest",
            "status": "draft",
            "intent": "proposal",
            "code": {"coding": [t.coding(t.TEST_SYSTEM, test_id, name), *codes], "text": name},
            "subject": {"reference": f"Patient/{patient_id}"},
            "note": [{"text": lay}],
        }
        if encounter_id:
            request["encounter"] = {"reference": f"Encounter/{encounter_id}"}
        request["reasonCode"] = [reason]
        out.append(
            Suggestion(
                label=f"Order: {name}"[:120],
                uuid=ids(f"order/{test_id}"),
                actions=[
                    Action(
                        type="create",
                        description=f"Draft order for {name}, proposed by twitchcheck",
                        resource=request,
                    )
                ],
            )
        )
    return out
