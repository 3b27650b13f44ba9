"""An assessment as a FHIR R4 Bundle, and Patient / Observation / Condition resources in.

:func:`to_bundle` writes a ``collection`` Bundle:

- a **RiskAssessment**: one ``prediction`` per likely cause (``outcome`` coded with SNOMED CT,
  ICD-10-CM, ORPHA, OMIM and our condition code; ``probabilityDecimal``; ``qualitativeRisk`` in
  plain words; ``rationale`` listing the likelihood ratios for and against), ``basis`` pointing
  at the evidence, ``method`` naming the engine and knowledge versions, ``mitigation`` the next
  steps, the triage level as an extension, the disclaimer and anything not used from the record
  as notes;
- the **Patient** (sex) unless a subject reference is given, an **Observation** of age (LOINC
  30525-0) and one **Observation** per finding: ``code`` = the finding's codes,
  ``valueCodeableConcept`` LOINC Present / Absent (as the HL7 Phenomics Exchange IG does), or
  ``dataAbsentReason`` asked-unknown.

Resource ids are derived from the input (``urn:uuid:`` v5), so the same assessment gives the same
Bundle. :func:`from_bundle` reads such a Bundle back to the same patient and evidence; the
CDS Hooks service reads an EHR's resources with :func:`from_resources`.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from twitchcheck.assessment.result import Assessment, ConditionResult
from twitchcheck.engine.evidence import Evidence, State
from twitchcheck.errors import InteropError
from twitchcheck.knowledge.model import KnowledgeBase

from . import terminology as t
from .annotation_terms import channel_item, queries_for, say_channel
from .fhir_validation import validate
from .hpo_mapping import hpo_version, mapper_for, read_term
from .record import Mapped, RecordInput, Unmapped, make_patient, resolve

FORMAT = "fhir-r4-resources"
AGE_CODE = t.coding(t.LOINC, "30525-0", "Age")
ASKED_UNKNOWN = {
    "coding": [
        t.coding(
            "http://terminology.hl7.org/CodeSystem/data-absent-reason",
            "asked-unknown",
            "Asked But Unknown",
        )
    ]
}
_AGE_UNITS = {"a": 1.0, "mo": 1 / 12, "wk": 7 / 365.25, "d": 1 / 365.25}
_SKIP_STATUS = frozenset({"entered-in-error", "cancelled"})
_PAST = frozenset({"inactive", "remission", "resolved"})


# -- writing ------------------------------------------------------------------------------------


def to_bundle(
    kb: KnowledgeBase,
    assessment: Assessment,
    *,
    record: RecordInput | None = None,
    subject: str | None = None,
    min_probability: float = 0.01,
) -> dict[str, Any]:
    """The assessment as a FHIR R4 ``collection`` Bundle (JSON); see the module docstring.

    Args:
        kb: the knowledge base the assessment came from.
        assessment: the result of ``assess``.
        record: the record the input came from, if any: its unmapped items become notes.
        subject: a reference to the person (``Patient/123``); without one a Patient is included.
        min_probability: causes below this probability get no prediction (display cut-off in
            (0, 1); the top ``next_steps.top_conditions`` causes are always included).
    """
    seed = _seed(assessment)

    def urn(key: str) -> str:
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{seed}/{key}')}"

    entries: list[dict[str, Any]] = []
    subject_ref = subject or (record.subject if record else None)
    if subject_ref is None:
        subject_ref = urn("patient")
        patient: dict[str, Any] = {"resourceType": "Patient"}
        if assessment.patient.sex:
            patient["gender"] = assessment.patient.sex
        entries.append({"fullUrl": subject_ref, "resource": patient})
    basis: list[dict[str, Any]] = []
    if assessment.patient.age is not None:
        url = urn("age")
        basis.append({"reference": url})
        entries.append({"fullUrl": url, "resource": _age_observation(subject_ref, assessment)})
    for ev in assessment.evidence:
        url = urn(f"finding/{ev.id}")
        basis.append({"reference": url, "display": kb.findings[ev.id].clinician_label})
        obs: dict[str, Any] = {
            "resourceType": "Observation",
            "status": "final",
            "code": t.finding_concept(kb, ev.id),
            "subject": {"reference": subject_ref},
        }
        if ev.state == "unknown":
            obs["dataAbsentReason"] = ASKED_UNKNOWN
        else:
            value = t.PRESENT if ev.state == "present" else t.ABSENT
            obs["valueCodeableConcept"] = {"coding": [value], "text": value["display"]}
        entries.append({"fullUrl": url, "resource": obs})
    risk = _risk_assessment(kb, assessment, record, subject_ref, basis, min_probability)
    entries.insert(0, {"fullUrl": urn("risk"), "resource": risk})
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


def _seed(a: Assessment) -> str:
    key = {
        "kb": a.knowledge_version,
        "age": a.patient.age,
        "sex": a.patient.sex,
        "evidence": [[e.id, e.state] for e in a.evidence],
    }
    return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:32]


def _age_observation(subject: str, a: Assessment) -> dict[str, Any]:
    age = a.patient.age
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [AGE_CODE], "text": "Age"},
        "subject": {"reference": subject},
        "valueQuantity": {"value": age, "unit": "years", "system": t.UCUM, "code": "a"},
    }


def _risk_assessment(
    kb: KnowledgeBase,
    a: Assessment,
    record: RecordInput | None,
    subject: str,
    basis: list[dict[str, Any]],
    min_probability: float,
) -> dict[str, Any]:
    keep = kb.policy.next_steps.top_conditions
    chosen = [c for i, c in enumerate(a.conditions) if i < keep or c.probability >= min_probability]
    level = next(lv for lv in kb.policy.levels if lv.id == a.triage.level)
    notes = [
        {"text": f"Triage: {level.label} ({a.triage.level}). {a.triage.advice}"},
        {"text": a.disclaimer},
    ]
    if record is not None and record.unmapped:
        missed = "; ".join(f"{u.code} at {u.path}: {u.reason}" for u in record.unmapped)
        notes.append({"text": f"Not used from the record: {missed}"})
    out: dict[str, Any] = {
        "resourceType": "RiskAssessment",
        "meta": {"tag": [t.coding(f"{t.BASE}/CodeSystem/knowledge-version", a.knowledge_version)]},
        "extension": [
            {
                "url": t.TRIAGE_EXTENSION,
                "valueCoding": t.coding(t.TRIAGE_SYSTEM, a.triage.level, level.label),
            }
        ],
        "status": "final",
        "code": {"text": "Causes of muscle twitching (fasciculations)"},
        "subject": {"reference": subject},
        "method": {
            "coding": [t.coding(t.ENGINE_SYSTEM, a.engine_version)],
            "text": (
                f"twitchcheck single-cause Bayesian model {a.engine_version}, "
                f"knowledge {a.knowledge_version}"
            ),
        },
        "prediction": [_prediction(kb, c) for c in chosen],
        "mitigation": _mitigation(a),
        "note": notes,
    }
    if basis:
        out["basis"] = basis
    return out


def _prediction(kb: KnowledgeBase, c: ConditionResult) -> dict[str, Any]:
    def terms(label: str, items: Sequence[Any]) -> str:
        shown = ", ".join(
            f"{kb.findings[x.finding].clinician_label} {x.state} (LR {x.ratio:.3g}, {x.source})"
            for x in items
        )
        return f"{label}: {shown}" if shown else ""

    parts = [p for p in (terms("For", c.supporting), terms("Against", c.opposing)) if p]
    parts.append(f"Prior at this age and sex {c.prior:.3g}.")
    return {
        "outcome": t.condition_concept(kb, c.id),
        "probabilityDecimal": round(c.probability, 4),
        "qualitativeRisk": {"text": c.words},
        "rationale": " ".join(p if p.endswith(".") else p + "." for p in parts),
    }


def _mitigation(a: Assessment) -> str:
    ns = a.next_steps
    text = ns.advice
    if ns.specialist:
        text += f" Who to see: {ns.specialist.replace('_', ' ')}."
    if ns.tests:
        text += " Tests a doctor may consider: " + ", ".join(name for _, name, _ in ns.tests) + "."
    if ns.self_care:
        text += " Self-care: " + " ".join(ns.self_care)
    return text


# -- reading ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Located:
    """A FHIR resource (parsed JSON) with the JSON path it was found at."""

    resource: dict[str, Any]
    path: str


def entries(bundle: dict[str, Any], path: str) -> list[Located]:
    """The resources of a Bundle with their paths (entries without a resource skipped)."""
    out = []
    for i, entry in enumerate(bundle.get("entry") or []):
        if isinstance(entry, dict) and isinstance(entry.get("resource"), dict):
            out.append(Located(entry["resource"], f"{path}.entry[{i}].resource"))
    return out


def from_bundle(kb: KnowledgeBase, data: Any, *, today: date | None = None) -> RecordInput:
    """Read a FHIR R4 Bundle of Patient, Observation and Condition resources.

    Raises:
        InteropError: not a valid Bundle (the message names the JSON path).
    """
    validate("Bundle", data, "Bundle")
    return from_resources(kb, "Bundle", entries(data, "$"), today=today)


def from_resources(
    kb: KnowledgeBase,
    document: str,
    resources: Iterable[Located],
    *,
    today: date | None = None,
    fmt: str = FORMAT,
) -> RecordInput:
    """Patient and evidence from FHIR resources (already validated).

    - Patient: ``gender`` → sex; ``birthDate`` → age on ``today`` (an Age observation, LOINC
      30525-0, takes precedence).
    - Observation / Condition coded with our finding code, HPO or SNOMED CT: present, unless
      the value says absent (LOINC Absent / No, SNOMED CT No / Absent, ``valueBoolean: false``,
      interpretation NEG) or the Condition is refuted; ``dataAbsentReason`` → unknown. HPO
      terms that are not kb codes go through the HPO hierarchy. Resolved or inactive
      Conditions count only for history findings. Entered-in-error and cancelled resources are
      skipped.
    - Resources with no code twitchcheck knows are counted in ``ignored``.
    """
    mapper = mapper_for(kb)
    sex: str | None = None
    age: float | None = None
    age_path = "$"
    observed_age: tuple[float, str] | None = None
    subject: str | None = None
    candidates: list[Mapped] = []
    unmapped: list[Unmapped] = []
    channel_items: list[Evidence] = []
    skipped: dict[str, int] = {}  # resource type → how many carry no code we read
    cancelled: dict[str, int] = {}  # resource type → how many are entered-in-error / cancelled
    consulted = False
    for loc in resources:
        r, path = loc.resource, loc.path
        kind = r.get("resourceType")
        if kind == "Patient":
            sex = r.get("gender") if r.get("gender") in ("female", "male") else None
            if isinstance(r.get("id"), str):
                subject = f"Patient/{r['id']}"
            born = r.get("birthDate")
            if isinstance(born, str) and today is not None:
                age, age_path = _age_from_birth(document, born, today, f"{path}.birthDate"), path
            continue
        if r.get("status") in _SKIP_STATUS:
            cancelled[str(kind)] = cancelled.get(str(kind), 0) + 1
            continue
        if kind not in ("Observation", "Condition"):
            skipped[str(kind)] = skipped.get(str(kind), 0) + 1
            continue
        if kind == "Observation" and _is_age(r):
            observed_age = (_observed_age(document, r, path), f"{path}.valueQuantity")
            continue
        state = _state(document, r, path)
        codings = list(t.codings_of(r.get("code")))
        exact = {f for s, c in codings if (f := t.finding_for_coding(kb, s, c)) is not None}
        if state is None:  # a past condition: only history findings still hold
            history = sorted(f for f in exact if kb.findings[f].category == "history")
            candidates += [Mapped(path, _shown(codings), f, "present") for f in history]
            if exact and not history:
                reason = "resolved or inactive: only a history finding counts from the past"
                unmapped.append(Unmapped(path, _shown(codings), reason))
            elif not exact:
                skipped[str(kind)] = skipped.get(str(kind), 0) + 1
            continue
        if exact:
            candidates += [Mapped(path, _shown(codings), f, state) for f in sorted(exact)]
            continue
        hpo = [c for s, c in codings if t.is_hpo(s, c)]
        if not hpo:
            skipped[str(kind)] = skipped.get(str(kind), 0) + 1
            continue
        for term in hpo:
            found, miss, used = read_term(mapper, path, term, state)
            consulted = consulted or used
            candidates += found
            if miss is not None:
                unmapped.append(miss)
                sent = channel_item(kb.annotations, term.upper(), state, "record")
                if sent is not None:
                    channel_items.append(sent)
    queries = queries_for(kb.annotations, channel_items)
    evidence, used_candidates, superseded = resolve(document, candidates)
    if observed_age is not None:
        age, age_path = observed_age
    ignored = tuple(
        f"{n} {kind} resource{'s' if n > 1 else ''} with no code twitchcheck reads"
        for kind, n in sorted(skipped.items())
    ) + tuple(
        f"{n} {kind} resource{'s' if n > 1 else ''} entered in error or cancelled"
        for kind, n in sorted(cancelled.items())
    )
    return RecordInput(
        format=fmt,
        patient=make_patient(document, age, sex, age_path),
        evidence=evidence,
        mapped=used_candidates,
        unmapped=(*say_channel(unmapped, channel_items, queries), *superseded),
        ignored=ignored,
        hpo_version=hpo_version() if consulted else None,
        annotations=queries,
        subject=subject,
    )


def _shown(codings: list[tuple[str | None, str]]) -> str:
    """The code to show for a resource: HPO first, then SNOMED CT, then whatever is there."""
    for s, c in codings:
        if t.is_hpo(s, c):
            return c
    for s, c in codings:
        if s == t.SNOMED:
            return f"SNOMED:{c}"
    return codings[0][1] if codings else ""


def _is_age(r: dict[str, Any]) -> bool:
    return any(s == t.LOINC and c == "30525-0" for s, c in t.codings_of(r.get("code")))


def _observed_age(document: str, r: dict[str, Any], path: str) -> float:
    q = r.get("valueQuantity")
    if not isinstance(q, dict):
        raise InteropError(document, f"{path}.valueQuantity", "an age needs a value in years")
    value = q.get("value")
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise InteropError(document, f"{path}.valueQuantity", "an age needs a value in years")
    factor = _AGE_UNITS.get(str(q.get("code") or q.get("unit") or "a"))
    if factor is None:
        raise InteropError(document, f"{path}.valueQuantity.code", "expected a, mo, wk or d")
    return float(value) * factor


def _age_from_birth(document: str, born: str, today: date, path: str) -> float:
    parts = born.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 7  # a year alone: assume mid-year
        day = int(parts[2][:2]) if len(parts) > 2 else (15 if len(parts) > 1 else 1)
        birth = date(year, month, day)
    except (ValueError, IndexError):
        raise InteropError(
            document, path, "expected a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        ) from None
    years = (today - birth).days / 365.25
    if years < 0:
        raise InteropError(document, path, "birth date is after today")
    return years


def _state(document: str, r: dict[str, Any], path: str) -> State | None:
    """present / absent / unknown for an Observation or Condition; None for a past Condition
    and for a record marked ``entered-in-error`` (it was never true: it counts for nothing)."""
    if r.get("status") == "entered-in-error":  # an Observation recorded by mistake
        return None
    if r.get("resourceType") == "Condition":
        verification = {c for _, c in t.codings_of(r.get("verificationStatus"))}
        if "entered-in-error" in verification:
            return None
        if "refuted" in verification:  # ruled out: the finding is absent, never present
            return "absent"
        clinical = {c for _, c in t.codings_of(r.get("clinicalStatus"))}
        return None if clinical & _PAST else "present"
    if "dataAbsentReason" in r:
        return "unknown"
    if isinstance(r.get("valueBoolean"), bool):
        return "present" if r["valueBoolean"] else "absent"
    if "valueCodeableConcept" in r:
        for s, c in t.codings_of(r["valueCodeableConcept"]):
            state = t.answer_state(s, c)
            if state is not None:
                return state
        raise InteropError(
            document, f"{path}.valueCodeableConcept", "expected present / absent, yes / no"
        )
    for concept in r.get("interpretation") or []:
        for s, c in t.codings_of(concept):
            state = t.answer_state(s, c)
            if state is not None:
                return state
    # A phenotype observation with no value records the phenotype as observed.
    return "present"
