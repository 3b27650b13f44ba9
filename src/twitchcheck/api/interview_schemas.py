"""HTTP models of the interview routes (the step and session shapes of ``interview.view``)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field

from twitchcheck.api.schemas import (
    AssessResponse,
    FreeText,
    Level,
    SexName,
    StateName,
    StrictRequest,
)
from twitchcheck.limits import MAX_ANSWER_NUMBER


class InterviewStart(StrictRequest):
    age: float | None = Field(default=None, ge=0, le=120, description="Years; 0.25 = 3 months.")
    sex: SexName | None = None
    text: FreeText | None = Field(
        default=None, description="The opening description, in lay words."
    )


class AnswerIn(StrictRequest):
    question: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9_.:\-]+$")]
    answer: Annotated[str, Field(min_length=1, max_length=300)] = Field(
        description="yes, no or unknown; for a choice an option value; for a checklist the "
        "chosen option values comma-separated, none or unknown."
    )
    number: int | None = Field(
        default=None,
        ge=1,
        le=MAX_ANSWER_NUMBER,
        description="Optional precondition: the number this answer gets (1 for the first, the "
        "interview's `questions_asked` + 1 next). When the interview has moved on meanwhile "
        "(another tab answered or went back) the answer is refused with 409 and nothing changes.",
    )


class BackIn(StrictRequest):
    number: int | None = Field(
        default=None,
        ge=1,
        le=MAX_ANSWER_NUMBER,
        description="Optional precondition: the number of the answer to take back (the last "
        "one, the interview's `questions_asked`). 409 when the interview has moved on meanwhile.",
    )


class OptionOut(BaseModel):
    value: str
    text: str
    known: bool = Field(
        default=False,
        description="Already known to hold (from the person's own words): show it ticked. "
        "Leaving it out of the answer never takes it back.",
    )


class QuestionOut(BaseModel):
    id: str
    kind: str
    text: str
    items: list[str]
    options: list[OptionOut]
    answers: list[str]
    help: str | None


class RationaleOut(BaseModel):
    """Why the question is asked: the cause each answer points towards, the two causes it
    separates, and the triage level each answer would lead to."""

    text: str
    towards: dict[str, str]
    separates: list[str] | None
    levels: dict[str, Level]
    help: str | None


class ProgressOut(BaseModel):
    asked: int
    remaining_estimate: int | None


class StepOut(BaseModel):
    done: bool
    reason: str | None
    question: QuestionOut | None
    rationale: RationaleOut | None
    progress: ProgressOut
    triage_so_far: Level | None
    top_so_far: list[str]


class OpeningItem(BaseModel):
    id: str
    state: StateName
    from_: Literal["text"] = Field(default="text", alias="from")


class AnswerOut(BaseModel):
    question: str
    text: str
    answer: str


class PatientIn(BaseModel):
    age: float | None
    sex: SexName | None


class ConflictSide(BaseModel):
    state: StateName
    from_: str = Field(alias="from")


class ConflictOut(BaseModel):
    """The person's words and an answer disagree about one finding; what the assessment kept."""

    finding: str
    said: ConflictSide
    answered: ConflictSide
    kept: StateName
    why: Literal["red_flag", "answer", "implied"]
    text: str


class Mention(BaseModel):
    finding: str
    state: StateName
    start: int
    end: int
    phrase: str
    quote: str


class InterviewOut(BaseModel):
    id: str | None
    status: Literal["open", "done"]
    patient: PatientIn
    opening: list[OpeningItem]
    conflicts: list[ConflictOut] = Field(default_factory=list)
    answers: list[AnswerOut]
    questions_asked: int
    next: StepOut | None
    stop_reason: str | None
    result: AssessResponse | None
    knowledge_version: str
    understood: list[Mention] = Field(default_factory=list)
