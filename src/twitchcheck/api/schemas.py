"""The HTTP contract: typed request and response models (they generate /openapi.json).

Request models are strict (no coercion of ``0`` into ``false``, unknown keys refused) and bounded
(list lengths, string lengths), so malformed input is a 4xx before any work is done.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from twitchcheck.assessment.result import SUMMARY_CAUSES
from twitchcheck.errors import TextTooLongError
from twitchcheck.limits import MAX_TEXT_CHARS

Level = Literal["emergency", "urgent", "routine", "self_care"]
StateName = Literal["present", "absent", "unknown"]
SexName = Literal["female", "male"]
RefId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_:.\-]+$")]

MAX_EVIDENCE = 200
#: The validation error of text over the limit: answered 413, not 422 (``problems``).
TEXT_TOO_LONG = "text_too_long"


def _within_text_limit(value: str) -> str:
    if len(value) > MAX_TEXT_CHARS:
        error = TextTooLongError(len(value), MAX_TEXT_CHARS)  # its wording, never the text
        raise PydanticCustomError(TEXT_TOO_LONG, "{message}", {"message": str(error)})
    return value


#: Free text in lay words: at most ``limits.MAX_TEXT_CHARS`` characters (``maxLength`` in
#: /openapi.json); longer text is a 413 problem.
FreeText = Annotated[
    str, AfterValidator(_within_text_limit), Field(json_schema_extra={"maxLength": MAX_TEXT_CHARS})
]


class StrictRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class EvidenceIn(StrictRequest):
    id: RefId = Field(
        description="A finding id, any code a finding carries (e.g. HP:0001324), or any HPO "
        "term: read through the ontology and reported in `hpo_terms` (a term that reaches no "
        "finding is listed there as unused, never an error)."
    )
    state: StateName


class AssessRequest(StrictRequest):
    age: float | None = Field(default=None, ge=0, le=120, description="Years; 0.25 = 3 months.")
    sex: SexName | None = None
    evidence: list[EvidenceIn] = Field(default_factory=list, max_length=MAX_EVIDENCE)
    text: FreeText | None = Field(default=None, description="Free text (optional).")

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={
            "examples": [
                {
                    "age": 34,
                    "sex": "female",
                    "evidence": [
                        {"id": "twitch_eyelid", "state": "present"},
                        {"id": "duration_days", "state": "present"},
                        {"id": "facial_weakness", "state": "absent"},
                    ],
                }
            ]
        },
    )


class ExplainRequest(AssessRequest):
    condition: RefId = Field(description="A condition id, e.g. als.")

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={
            "examples": [
                {
                    "condition": "als",
                    "age": 29,
                    "evidence": [
                        {"id": "twitch_legs", "state": "present"},
                        {"id": "weakness", "state": "absent"},
                    ],
                }
            ]
        },
    )


class Term(BaseModel):
    finding: str
    state: StateName
    likelihood_ratio: float
    source: str
    estimate: bool


class Reason(BaseModel):
    kind: Literal["rule", "probability", "stated", "unsure"]
    rule: str
    level: Level
    title: str
    finding: str | None
    findings: list[str]
    conditions: list[str]
    probability: float | None
    advice: str
    source: str


class Triage(BaseModel):
    level: Level
    label: str
    advice: str
    reasons: list[Reason]


class ConditionOut(BaseModel):
    id: str
    name: str
    clinical_name: str
    group: str
    family: str | None = Field(
        default=None,
        description="The lay line this cause is summed into (see `families`), if any.",
    )
    probability: float
    prior: float
    words: str
    care: Level
    severity: str
    exposure_unknown: list[str] = Field(
        default_factory=list,
        description=(
            "For a cause defined by an exposure (HIV, polio, lead, radiotherapy, kidney "
            "failure, insecticide, a reliever inhaler): the exposure findings not yet answered "
            "when none is answered yes. The cause holds only if the person has had one of them."
        ),
    )
    for_: list[Term] = Field(alias="for")
    against: list[Term]

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)


class EvidenceOut(BaseModel):
    id: str
    state: StateName
    from_: str = Field(alias="from")
    implied_by: list[str] = Field(
        default_factory=list,
        exclude_if=lambda v: not v,  # present only when the item follows from others
        description="The findings that entail this item (it is then not scored again).",
    )

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)


class TestOut(BaseModel):
    id: str
    name: str
    why: str


class NextStepsOut(BaseModel):
    level: Level
    advice: str
    specialist: str | None
    tests: list[TestOut]
    self_care: list[str]


class ReassuranceOut(BaseModel):
    condition: str
    name: str
    probability: float
    rare_at_this_age: bool
    against: list[Term]


class PatientOut(BaseModel):
    age: float | None
    sex: SexName | None
    age_band: str


class HpoMappedOut(BaseModel):
    """An HPO term of the request and the finding it was read as."""

    path: str = Field(description="Where the term was given, e.g. `evidence[2]`.")
    code: str
    label: str | None = None
    finding: str
    state: StateName
    via: Literal["code", "ancestor", "descendant"]
    through: str | None = Field(default=None, description="The finding's HPO code reached.")
    distance: int | None = Field(default=None, description="Steps in the HPO hierarchy.")


class HpoUnusedOut(BaseModel):
    """An HPO term of the request that was not used, and why."""

    path: str
    code: str
    label: str | None = None
    reason: str


class MatchingTermOut(BaseModel):
    term: str
    label: str


class OtherConditionOut(BaseModel):
    """A disease beyond twitchcheck's causes that the HPO terms fit better than any of them."""

    id: str = Field(description="OMIM or Orphanet id, e.g. `OMIM:108700`.")
    name: str
    log10_ratio: float = Field(description="log10 likelihood ratio of the terms for it.")
    matching_terms: list[MatchingTermOut]


class HpoTermsOut(BaseModel):
    """How the HPO terms that are not a finding's own code were read (present only then)."""

    hpo_version: str | None = Field(description="The HPO release used.")
    mapped: list[HpoMappedOut]
    unused: list[HpoUnusedOut]
    other_conditions: list[OtherConditionOut] = Field(
        default_factory=list,
        description="Other conditions to consider: annotated diseases none of our causes covers "
        "that the present terms fit better than every cause does.",
    )


class AnnotationTermOut(BaseModel):
    """One HPO term scored against the disease annotations of one cause."""

    term: str
    label: str
    state: Literal["present", "absent"]
    ratio: float = Field(description="Likelihood ratio this term gave the cause (capped).")
    match: Literal["exact", "query_broader", "query_narrower", "excluded", "none"]
    annotated: str | None = Field(description="The annotated term matched, if any.")
    frequency: float | None
    given: str | None = Field(description="The frequency as the annotation file writes it.")
    references: list[str]


class AnnotationDiseaseOut(BaseModel):
    id: str
    name: str


class AnnotationCauseOut(BaseModel):
    id: str
    ratio: float = Field(
        description="The cause's ratio: its diseases' mixture of term ratios (bounded to "
        "e^±700; `log10_ratio` is exact)."
    )
    log10_ratio: float = Field(description="log10 of the cause's ratio.")
    disease: AnnotationDiseaseOut = Field(description="The disease carrying most of the weight.")
    terms: list[AnnotationTermOut]


class AnnotationsOut(BaseModel):
    """HPO terms no finding covers, scored against the causes' disease annotations (present only
    when there were such terms)."""

    release: str | None
    source: str
    causes: list[AnnotationCauseOut]


class FamilyOut(BaseModel):
    """Causes a person reads as one line ("summed for display"), e.g. the kinds of low blood
    salts: each stays its own cause in `conditions`; here their probabilities are added."""

    id: str
    name: str
    probability: float = Field(description="The members' probabilities added.")
    words: str
    conditions: list[str] = Field(description="The member causes, most likely first.")


_FAMILIES = (
    "The lay lines that add causes up (kb/display.yaml families), most likely first. A page "
    "shows a family once, where its likeliest member ranks, instead of its members."
)


class AssessResponse(BaseModel):
    """The ``assess --json`` contract of product.md."""

    triage: Triage
    conditions: list[ConditionOut]
    families: list[FamilyOut] = Field(default_factory=list, description=_FAMILIES)
    evidence: list[EvidenceOut]
    next_steps: NextStepsOut
    reassurance: list[ReassuranceOut]
    patient: PatientOut
    knowledge_version: str
    engine_version: str
    disclaimer: str
    annotations: AnnotationsOut | None = None
    hpo_terms: HpoTermsOut | None = None


class CauseOut(BaseModel):
    """One of the first causes in the summary shape (no terms for and against)."""

    id: str
    name: str
    family: str | None = Field(
        default=None,
        description="The lay line this cause is summed into (see `families`), if any.",
    )
    probability: float
    words: str
    care: Level


class AssessSummary(BaseModel):
    """The default answer of ``POST /v1/assess``: what a person or a client acts on. The full
    explanation (every cause with its likelihood-ratio terms and sources) is ``?detail=full``."""

    detail: Literal["summary"] = Field(description="This shape; the full one has no `detail`.")
    triage: Triage
    conditions: list[CauseOut] = Field(
        description=f"The first {SUMMARY_CAUSES} causes, most likely first."
    )
    conditions_considered: int = Field(description="How many causes were ranked.")
    families: list[FamilyOut] = Field(default_factory=list, description=_FAMILIES)
    evidence: list[EvidenceOut]
    next_steps: NextStepsOut
    reassurance: list[ReassuranceOut]
    patient: PatientOut
    knowledge_version: str
    engine_version: str
    disclaimer: str
    annotations: AnnotationsOut | None = None
    hpo_terms: HpoTermsOut | None = None


class PriorOut(BaseModel):
    weight: float
    probability: float
    source: str
    estimate: bool
    basis: str | None


class ExplainTerm(BaseModel):
    finding: str
    state: StateName
    p_given_condition: float
    p_background: float
    likelihood_ratio: float
    direction: Literal["for", "against", "neutral"]
    source: str
    estimate: bool
    basis: str | None


class ExplainResponse(BaseModel):
    condition: str
    age_band: str
    prior: PriorOut
    probability: float
    terms: list[ExplainTerm]
    knowledge_version: str
    annotations: AnnotationCauseOut | None = None
    hpo_terms: HpoTermsOut | None = None


class SourceOut(BaseModel):
    id: str
    title: str
    url: str


class ConditionInfo(BaseModel):
    id: str
    name: str
    clinical_name: str
    group: str
    codes: dict[str, list[str]]
    severity: str
    care: Level
    specialist: str
    tests: list[str]
    sources: list[SourceOut]


class FindingInfo(BaseModel):
    id: str
    label: str
    category: str
    question: str
    clinician_label: str
    codes: dict[str, list[str]]
    red_flag: bool


class VersionOut(BaseModel):
    name: Literal["twitchcheck"] = "twitchcheck"
    version: str
    knowledge_version: str
    engine_version: str


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class Readiness(BaseModel):
    """``/readyz``: whether this server can do its work now (its database answers)."""

    status: Literal["ready", "not_ready"]
    database: Literal["ok", "unavailable"]
    audit_rows_lost: int = Field(
        description="Audit records that could not be written since the server started "
        "(the database was down); they are not retried."
    )
