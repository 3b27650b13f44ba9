"""HTTP models of ``POST /v1/parse``."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from twitchcheck.api.schemas import FreeText, SexName, StateName, StrictRequest


class ParseRequest(StrictRequest):
    text: FreeText = Field(min_length=1, description="What the person wrote.")

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={
            "examples": [{"text": "my thighs have twitched since summer, strength seems fine"}]
        },
    )


class ParsedEvidence(BaseModel):
    id: str
    state: StateName
    from_: str = Field(alias="from")

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)


class Context(BaseModel):
    negated: bool
    uncertain: bool
    historical: bool
    family: bool
    hypothetical: bool


class MentionOut(BaseModel):
    id: str
    state: StateName
    span: list[int] = Field(min_length=2, max_length=2)
    phrase: str
    matched: str
    quote: str
    context: Context
    counted: bool


class ParseResponse(BaseModel):
    evidence: list[ParsedEvidence]
    mentions: list[MentionOut]
    age: float | None
    sex: SexName | None
    about_other: bool
    knowledge_version: str
