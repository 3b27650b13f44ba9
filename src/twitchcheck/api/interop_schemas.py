"""The HTTP contract of the clinical-format routes (FHIR, Phenopacket, CDS Hooks).

FHIR and Phenopacket bodies are documents of their own standard: they are taken as JSON objects
here and checked field by field by ``twitchcheck.interop``, whose errors name the JSON path of
the fault (a 422 problem). CDS Hooks request and response models live in
``twitchcheck.interop.cds_hooks`` and are used as they are.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from .schemas import AssessResponse

FHIR_JSON = "application/fhir+json"


class FhirJSONResponse(JSONResponse):
    """A FHIR resource: ``application/fhir+json``."""

    media_type = FHIR_JSON


class MappedOut(BaseModel):
    path: str = Field(description="JSON path of the item in the document.")
    code: str = Field(description="The code or question linkId the document gave.")
    finding: str
    state: Literal["present", "absent", "unknown"]
    via: Literal["code", "answer", "ancestor", "descendant"]
    through: str | None = Field(default=None, description="The finding's HPO code reached.")
    distance: int | None = Field(default=None, description="Steps in the HPO hierarchy.")


class UnmappedOut(BaseModel):
    path: str
    code: str
    reason: str
    label: str | None = None


class RecordPatientOut(BaseModel):
    age: float | None
    sex: Literal["female", "male"] | None


class RecordOut(BaseModel):
    """How the document was read: every code used, and every code not used with the reason."""

    format: str
    patient: RecordPatientOut
    mapped: list[MappedOut]
    unmapped: list[UnmappedOut]
    ignored: list[str]
    hpo_version: str | None


class RecordAssessResponse(AssessResponse):
    """The ``assess --json`` contract plus ``record``: how the document was read."""

    record: RecordOut


PHENOPACKET_EXAMPLE: dict[str, Any] = {
    "id": "example-1",
    "subject": {
        "id": "patient-1",
        "timeAtLastEncounter": {"age": {"iso8601duration": "P58Y"}},
        "sex": "MALE",
    },
    "phenotypicFeatures": [
        {"type": {"id": "HP:0001324", "label": "Muscle weakness"}},
        {"type": {"id": "HP:0007289", "label": "Limb fasciculations"}},
        {"type": {"id": "HP:0003401", "label": "Paresthesia"}, "excluded": True},
    ],
    "metaData": {
        "created": "2026-01-01T00:00:00Z",
        "createdBy": "example",
        "phenopacketSchemaVersion": "2.0",
    },
}

QUESTIONNAIRE_RESPONSE_EXAMPLE: dict[str, Any] = {
    "resourceType": "QuestionnaireResponse",
    "status": "completed",
    "item": [
        {
            "linkId": "patient",
            "item": [
                {"linkId": "age", "answer": [{"valueDecimal": 29}]},
                {
                    "linkId": "sex",
                    "answer": [
                        {
                            "valueCoding": {
                                "system": "http://hl7.org/fhir/administrative-gender",
                                "code": "female",
                            }
                        }
                    ],
                },
            ],
        },
        {
            "linkId": "category.location",
            "item": [
                {
                    "linkId": "twitch_eyelid",
                    "answer": [{"valueCoding": {"system": "http://loinc.org", "code": "LA33-6"}}],
                }
            ],
        },
    ],
}
