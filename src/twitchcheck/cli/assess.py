"""``twitchcheck assess`` and ``twitchcheck explain``."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from .errors import report_errors
from .options import DetailChoice, DetailOpt

if TYPE_CHECKING:
    from twitchcheck.engine.evidence import Patient
    from twitchcheck.interop.terms import TermReading
    from twitchcheck.knowledge.model import KnowledgeBase
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
    typer.Option(
        "--present", "-p", help="A finding id, code or any HPO term that is present (repeatable)."
    ),
]
AbsentOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--absent", "-a", help="A finding id, code or any HPO term that is absent (repeatable)."
    ),
]
UnknownOpt = Annotated[
    list[str] | None,
    typer.Option("--unknown", "-u", help="A finding id the person does not know (repeatable)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the JSON contract shape.")]


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    fhir = "fhir"


PhenopacketOpt = Annotated[
    Path | None,
    typer.Option("--phenopacket", help="A GA4GH Phenopacket v2 JSON file: sex, age, HPO features."),
]
FhirResponseOpt = Annotated[
    Path | None,
    typer.Option(
        "--fhir-response",
        help="A FHIR R4 QuestionnaireResponse JSON file (answers to `fhir questionnaire`).",
    ),
]
OutputOpt = Annotated[
    OutputFormat | None,
    typer.Option(
        "--output",
        help="text, json (as --json) or fhir: a FHIR R4 Bundle (RiskAssessment, Observations).",
    ),
]


def _inputs(
    kb: KnowledgeBase,
    age: float | None,
    sex: SexOption | None,
    present: list[str] | None,
    absent: list[str] | None,
    unknown: list[str] | None,
) -> tuple[Patient, TermReading]:
    """Age, sex and the flags, with any HPO term among them read through the ontology."""
    from twitchcheck.engine.evidence import Evidence, Patient
    from twitchcheck.interop.terms import read_terms

    sex_value: Literal["female", "male"] | None = (
        "female" if sex is SexOption.female else "male" if sex else None
    )
    patient = Patient(age=age, sex=sex_value)
    evidence = (
        [Evidence(x, "present") for x in present or []]
        + [Evidence(x, "absent") for x in absent or []]
        + [Evidence(x, "unknown") for x in unknown or []]
    )
    return patient, read_terms(kb, evidence)


@report_errors
def assess(
    age: AgeOpt = None,
    sex: SexOpt = None,
    present: PresentOpt = None,
    absent: AbsentOpt = None,
    unknown: UnknownOpt = None,
    as_json: JsonOpt = False,
    phenopacket: PhenopacketOpt = None,
    fhir_response: FhirResponseOpt = None,
    output: OutputOpt = None,
    text: Annotated[
        str | None,
        typer.Option(
            "--text",
            "-t",
            help="What the person wrote (English; '-' reads stdin). Flags, --age, --sex win.",
        ),
    ] = None,
    detail: DetailOpt = DetailChoice.full,
) -> None:
    """Assess twitching: triage, likely causes with reasons, next steps.

    With --json, --detail full (the default) prints the whole result of the contract; --detail
    summary prints the shape POST /v1/assess answers by default.
    """
    from twitchcheck.assessment.assess import assess as run_assessment

    kb = knowledge()
    patient, terms = _inputs(kb, age, sex, present, absent, unknown)
    evidence = list(terms.evidence)
    record = None
    if phenopacket is not None or fhir_response is not None:
        from .fhir import with_record

        patient, evidence, record = with_record(
            kb, patient, evidence, phenopacket=phenopacket, fhir_response=fhir_response
        )
    parsed = None
    if text is not None:  # spaCy is imported only here, when there is text to read
        from .parse import with_text

        patient, evidence, parsed = with_text(kb, patient, evidence, text)
    queries = terms.queries + (record.annotations if record is not None else ())
    result = run_assessment(kb, patient, evidence, annotations=queries)
    if output is OutputFormat.fhir:
        from .fhir import print_bundle

        print_bundle(kb, result, record)
        return
    if as_json or output is OutputFormat.json:
        data = result.to_dict() if detail is DetailChoice.full else result.to_summary()
        if record is not None:
            data["record"] = record.to_dict()  # how the file was read; nothing dropped silently
        if terms.read_any:
            data["hpo_terms"] = terms.to_dict()  # how each HPO term was read, and those not used
        if parsed is not None:
            from .parse import understood_view

            data["understood"] = understood_view(parsed, evidence)
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    from .render import render_assessment

    if parsed is not None:
        from .parse import render_understood

        render_understood(kb, parsed, evidence)
    render_assessment(kb, result)
    if terms.read_any:
        from .fhir import print_terms

        print_terms(terms)
    if result.annotations is not None:
        from .fhir import print_annotations

        print_annotations(result.annotations)
    if record is not None:
        from .fhir import print_record

        print_record(record)


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
    patient, terms = _inputs(kb, age, sex, present, absent, unknown)
    from twitchcheck.engine.annotations import channel

    ex = explain(kb, patient, terms.evidence, condition, channel=channel(kb, terms.queries))
    if as_json:
        from twitchcheck.assessment.catalog import explanation_view

        data = explanation_view(kb, ex)
        if terms.read_any:
            data["hpo_terms"] = terms.to_dict()
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    from .render import render_explanation

    render_explanation(kb, ex)
    if terms.read_any:
        from .fhir import print_terms

        print_terms(terms)
