"""``twitchcheck assess`` and ``twitchcheck explain``."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from .errors import report_errors

if TYPE_CHECKING:
    from twitchcheck.engine.evidence import Evidence, Patient
from .settings import knowledge


class SexOption(StrEnum):
    female = "female"
    male = "male"


AgeOpt = Annotated[
    float | None,
    typer.Option("--age", help="Age in years; fractional allowed (0.25 = three months)."),
]
SexOpt = Annotated[SexOption | None, typer.Option("--sex", help="female or male.")]
PresentOpt = Annotated[
    list[str] | None,
    typer.Option("--present", "-p", help="A finding id or code that is present (repeatable)."),
]
AbsentOpt = Annotated[
    list[str] | None,
    typer.Option("--absent", "-a", help="A finding id or code that is absent (repeatable)."),
]
UnknownOpt = Annotated[
    list[str] | None,
    typer.Option("--unknown", "-u", help="A finding id the person does not know (repeatable)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the JSON contract shape.")]


def _inputs(
    age: float | None,
    sex: SexOption | None,
    present: list[str] | None,
    absent: list[str] | None,
    unknown: list[str] | None,
) -> tuple[Patient, list[Evidence]]:
    from twitchcheck.engine.evidence import Evidence, Patient

    sex_value: Literal["female", "male"] | None = (
        "female" if sex is SexOption.female else "male" if sex else None
    )
    patient = Patient(age=age, sex=sex_value)
    evidence = (
        [Evidence(x, "present") for x in present or []]
        + [Evidence(x, "absent") for x in absent or []]
        + [Evidence(x, "unknown") for x in unknown or []]
    )
    return patient, evidence


@report_errors
def assess(
    age: AgeOpt = None,
    sex: SexOpt = None,
    present: PresentOpt = None,
    absent: AbsentOpt = None,
    unknown: UnknownOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Assess twitching: triage, likely causes with reasons, next steps."""
    from twitchcheck.assessment.assess import assess as run_assessment

    kb = knowledge()
    patient, evidence = _inputs(age, sex, present, absent, unknown)
    result = run_assessment(kb, patient, evidence)
    if as_json:
        json.dump(result.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    from .render import render_assessment

    render_assessment(kb, result)


@report_errors
def explain_cmd(
    condition: Annotated[str, typer.Argument(help="A condition id, e.g. als.")],
    age: AgeOpt = None,
    sex: SexOpt = None,
    present: PresentOpt = None,
    absent: AbsentOpt = None,
    unknown: UnknownOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The whole breakdown for one cause: prior, each likelihood ratio, its source."""
    from twitchcheck.engine.explain import explain

    kb = knowledge()
    patient, evidence = _inputs(age, sex, present, absent, unknown)
    ex = explain(kb, patient, evidence, condition)
    if as_json:
        from twitchcheck.assessment.catalog import explanation_view

        data = explanation_view(kb, ex)
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    from .render import render_explanation

    render_explanation(kb, ex)
