"""``twitchcheck fhir questionnaire``, and the record inputs and FHIR output of ``assess``.

``assess --phenopacket FILE`` / ``--fhir-response FILE`` read a record with these helpers;
``assess --output fhir`` prints the result as a FHIR R4 Bundle. A bad document exits 2 with one
line naming the JSON path of the fault.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .errors import report_errors
from .settings import knowledge

if TYPE_CHECKING:
    from twitchcheck.assessment.result import Assessment
    from twitchcheck.engine.annotations import ChannelScore
    from twitchcheck.engine.evidence import Evidence, Patient
    from twitchcheck.interop.record import RecordInput
    from twitchcheck.interop.terms import TermReading
    from twitchcheck.knowledge.model import KnowledgeBase

app = typer.Typer(help="FHIR R4: the interview as a Questionnaire.", no_args_is_help=True)


@app.command("questionnaire")
@report_errors
def questionnaire(
    out: Annotated[
        Path | None, typer.Option("--out", help="Write to this file instead of the terminal.")
    ] = None,
) -> None:
    """The interview as a FHIR R4 Questionnaire (JSON), generated from the knowledge base."""
    from twitchcheck.interop.fhir_r4 import to_questionnaire

    _write(to_questionnaire(knowledge()), out)


def _write(data: dict[str, Any], out: Path | None) -> None:
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if out is None:
        sys.stdout.write(text)
        return
    from twitchcheck.errors import InputError

    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {out} ({exc.strerror})") from None


def _read_json(path: Path, document: str) -> Any:
    from .files import read_json_file

    return read_json_file(path, f"{document} file {path}")


def with_record(
    kb: KnowledgeBase,
    patient: Patient,
    evidence: list[Evidence],
    *,
    phenopacket: Path | None,
    fhir_response: Path | None,
) -> tuple[Patient, list[Evidence], RecordInput | None]:
    """Add what a Phenopacket or QuestionnaireResponse file says to the flags' patient and
    evidence (the same fact given both ways must agree)."""
    from twitchcheck.errors import InvalidValueError
    from twitchcheck.interop.record import combine

    if phenopacket is not None and fhir_response is not None:
        raise InvalidValueError("give --phenopacket or --fhir-response, not both")
    if phenopacket is not None:
        from twitchcheck.interop.phenopackets_v2 import DOCUMENT, from_phenopacket

        record = from_phenopacket(kb, _read_json(phenopacket, DOCUMENT))
    elif fhir_response is not None:
        from twitchcheck.interop.fhir_r4_response import DOCUMENT as QR
        from twitchcheck.interop.fhir_r4_response import from_questionnaire_response

        record = from_questionnaire_response(kb, _read_json(fhir_response, QR))
    else:
        return patient, evidence, None
    merged_patient, merged = combine(record, patient, evidence)
    return merged_patient, merged, record


def print_bundle(kb: KnowledgeBase, result: Assessment, record: RecordInput | None) -> None:
    """The assessment as a FHIR R4 Bundle (RiskAssessment + Observations), as JSON."""
    from twitchcheck.interop.fhir_r4_bundle import to_bundle

    _write(to_bundle(kb, result, record=record), None)


def print_terms(terms: TermReading) -> None:
    """How the HPO terms given as flags were read (after the text result)."""
    print(f"\nHPO terms read through the ontology ({terms.hpo_version}):")
    from twitchcheck.interop.hpo_mapping import label as hpo_label

    for m in terms.mapped:
        name = hpo_label(m.code)
        through = f" through {m.through}, {m.distance} step(s)" if m.through else ""
        print(f"  {m.code}{f' {name}' if name else ''} ({m.state}) → {m.finding}{through}")
    for u in terms.unused:
        print(f"  not used: {u.code}{f' {u.label}' if u.label else ''}: {u.reason}")
    if terms.other:
        print("Other conditions to consider (the terms fit them better than any cause here):")
        for o in terms.other:
            names = ", ".join(n for _, n in o.terms)
            print(f"  {o.id} {o.name} (log10 LR {o.log10_ratio:.1f}; {names})")


#: How many annotated causes the terminal lists (the JSON has every one).
ANNOTATED_SHOWN = 5


def print_annotations(score: ChannelScore) -> None:
    """How HPO terms no finding covers moved the annotated causes (after the text result)."""
    ranked = sorted(score.causes.values(), key=lambda c: (-abs(c.log_ratio), c.cause))
    print(f"\nHPO disease annotations (phenotype.hpoa, release {score.release}):")
    for c in ranked[:ANNOTATED_SHOWN]:
        print(f"  {c.cause}: x{c.ratio:.3g} (mostly {c.disease} {c.disease_name})")
        for t in c.terms:
            matched = f" via {t.annotated}" if t.annotated and t.annotated != t.term else ""
            freq = f", frequency {t.frequency:.2f}" if t.frequency is not None else ""
            refs = f" [{', '.join(t.references)}]" if t.references else ""
            how = f"x{t.ratio:.2f} {t.match}{matched}{freq}{refs}"
            print(f"    {t.term} {t.label} ({t.state}): {how}")
    if len(ranked) > ANNOTATED_SHOWN:
        print(f"  … {len(ranked) - ANNOTATED_SHOWN} more causes in --json")


def print_record(record: RecordInput) -> None:
    """A short plain account of how the record was read (after the text result)."""
    hierarchy = sum(1 for m in record.mapped if m.via in ("ancestor", "descendant"))
    line = f"From the record ({record.format}): {len(record.evidence)} findings read"
    if hierarchy:
        line += f", {hierarchy} through the HPO hierarchy ({record.hpo_version})"
    print("\n" + line + ".")
    for u in record.unmapped:
        label = f" {u.label}" if u.label else ""
        print(f"  not used: {u.code}{label} at {u.path}: {u.reason}")
    for note in record.ignored:
        print(f"  not read: {note}")
