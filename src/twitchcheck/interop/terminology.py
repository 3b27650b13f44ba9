"""Code systems and codings shared by the FHIR, CDS Hooks and Phenopacket converters.

Every finding becomes a FHIR ``CodeableConcept`` with our own code first (system
:data:`FINDING_SYSTEM`, code = the finding id) and then its HPO and SNOMED CT codes from ``kb/``;
conditions carry SNOMED CT, ICD-10-CM, ORPHA and OMIM codes the same way. Reading goes the other
way: :func:`finding_for_coding` maps a coding back to a finding id (exact codes only; the HPO
hierarchy is :mod:`hpo_mapping`'s job).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from twitchcheck.engine.evidence import State
from twitchcheck.knowledge.model import KnowledgeBase
from twitchcheck.knowledge.schema import Codes

# Our own code systems. ``.invalid`` is reserved (RFC 2606): these name, they do not resolve.
BASE = "https://twitchcheck.invalid/fhir"
FINDING_SYSTEM = f"{BASE}/CodeSystem/finding"
CONDITION_SYSTEM = f"{BASE}/CodeSystem/condition"
QUESTION_SYSTEM = f"{BASE}/CodeSystem/question"
TEST_SYSTEM = f"{BASE}/CodeSystem/test"
TRIAGE_SYSTEM = f"{BASE}/CodeSystem/triage-level"
ENGINE_SYSTEM = f"{BASE}/CodeSystem/engine"
TRIAGE_EXTENSION = f"{BASE}/StructureDefinition/triage-level"
QUESTIONNAIRE_URL = f"{BASE}/Questionnaire/twitchcheck-interview"

HPO = "http://human-phenotype-ontology.org"
# Other spellings of the HPO system seen in the wild (the OBO PURL, the JAX site).
HPO_ALIASES = frozenset(
    {
        HPO,
        "https://human-phenotype-ontology.org",
        "http://purl.obolibrary.org/obo/hp.owl",
        "http://purl.obolibrary.org/obo/hp",
        "https://hpo.jax.org",
        "http://hpo.jax.org",
    }
)
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
ORPHA = "http://www.orpha.net"
OMIM = "https://omim.org"
UCUM = "http://unitsofmeasure.org"
GENDER = "http://hl7.org/fhir/administrative-gender"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
ITEM_CONTROL = "http://hl7.org/fhir/questionnaire-item-control"
ITEM_CONTROL_EXTENSION = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"

# Answers: LOINC answer codes (Yes / No / Unknown; Present / Absent as the HL7 Phenomics Exchange
# IG uses for phenotype observations).
YES = {"system": LOINC, "code": "LA33-6", "display": "Yes"}
NO = {"system": LOINC, "code": "LA32-8", "display": "No"}
UNKNOWN = {"system": LOINC, "code": "LA4489-6", "display": "Unknown"}
PRESENT = {"system": LOINC, "code": "LA9633-4", "display": "Present"}
ABSENT = {"system": LOINC, "code": "LA9634-2", "display": "Absent"}
# Codings read as present / absent / unknown, by (system, code).
AFFIRMATIVE = frozenset(
    {
        (LOINC, "LA33-6"),
        (LOINC, "LA9633-4"),
        (SNOMED, "373066001"),
        (SNOMED, "52101004"),
        ("http://terminology.hl7.org/CodeSystem/v2-0136", "Y"),
        (INTERPRETATION, "POS"),
    }
)
NEGATIVE = frozenset(
    {
        (LOINC, "LA32-8"),
        (LOINC, "LA9634-2"),
        (SNOMED, "373067005"),
        (SNOMED, "2667000"),
        ("http://terminology.hl7.org/CodeSystem/v2-0136", "N"),
        (INTERPRETATION, "NEG"),
    }
)
NOT_KNOWN = frozenset(
    {
        (LOINC, "LA4489-6"),
        (LOINC, "LA12688-0"),
        (SNOMED, "261665006"),
        ("http://terminology.hl7.org/CodeSystem/v2-0136", "UNK"),
        ("http://terminology.hl7.org/CodeSystem/data-absent-reason", "asked-unknown"),
        ("http://terminology.hl7.org/CodeSystem/data-absent-reason", "unknown"),
    }
)

HPO_ID = re.compile(r"^HP:\d{7}$")


def coding(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    """A FHIR Coding as a dict (``display`` left out when ``None``)."""
    out: dict[str, Any] = {"system": system, "code": code}
    if display:
        out["display"] = display
    return out


def code_codings(codes: Codes) -> list[dict[str, Any]]:
    """Codings for a kb ``codes`` block: HPO, SNOMED CT, ICD-10-CM, ORPHA, OMIM, LOINC."""
    out = [coding(HPO, c) for c in codes.hpo]
    out += [coding(SNOMED, c) for c in codes.snomed]
    out += [coding(ICD10CM, c) for c in codes.icd10cm]
    out += [coding(ORPHA, c if c.startswith("ORPHA:") else f"ORPHA:{c}") for c in codes.orpha]
    out += [coding(OMIM, c) for c in codes.omim]
    out += [coding(LOINC, c) for c in codes.loinc]
    return out


def finding_concept(kb: KnowledgeBase, finding_id: str) -> dict[str, Any]:
    """The CodeableConcept of a finding: our code, then its HPO and SNOMED CT codes."""
    f = kb.findings[finding_id]
    codings = [coding(FINDING_SYSTEM, f.id, f.clinician_label), *code_codings(f.codes)]
    return {"coding": codings, "text": f.clinician_label}


def condition_concept(kb: KnowledgeBase, condition_id: str) -> dict[str, Any]:
    """The CodeableConcept of a condition: our code, then SNOMED CT, ICD-10-CM, ORPHA, OMIM."""
    c = kb.conditions[condition_id]
    codings = [coding(CONDITION_SYSTEM, c.id, c.clinical_name), *code_codings(c.codes)]
    return {"coding": codings, "text": c.clinical_name}


def kb_code(system: str | None, code: str) -> str | None:
    """The form ``kb.codes`` keys use for a FHIR coding (``HP:…``, ``SNOMED:…``), if any."""
    if system in HPO_ALIASES or (system is None and HPO_ID.match(code)):
        return code
    if system == SNOMED:
        return f"SNOMED:{code}"
    if system == ICD10CM:
        return f"ICD10CM:{code}"
    if system == LOINC:
        return f"LOINC:{code}"
    return None


def is_hpo(system: str | None, code: str) -> bool:
    """Whether a coding is an HPO term (known HPO system, or no system and an ``HP:`` id)."""
    return (system in HPO_ALIASES or system is None) and bool(HPO_ID.match(code))


def finding_for_coding(kb: KnowledgeBase, system: str | None, code: str) -> str | None:
    """The finding a coding names exactly (our finding code, HPO, SNOMED CT…), else ``None``."""
    if system == FINDING_SYSTEM:
        return code if code in kb.findings else None
    key = kb_code(system, code)
    return kb.codes.get(key.upper()) if key else None


def answer_state(system: str | None, code: str | None) -> State | None:
    """``present`` / ``absent`` / ``unknown`` for a yes-no-unknown answer coding, else ``None``."""
    pair = (system or "", code or "")
    if pair in AFFIRMATIVE:
        return "present"
    if pair in NEGATIVE:
        return "absent"
    if pair in NOT_KNOWN:
        return "unknown"
    return None


def codings_of(concept: Any) -> Iterable[tuple[str | None, str]]:
    """``(system, code)`` pairs of a CodeableConcept dict (codings without a code skipped)."""
    if not isinstance(concept, dict):
        return []
    out = []
    for c in concept.get("coding") or []:
        if isinstance(c, dict) and isinstance(c.get("code"), str):
            system = c.get("system")
            out.append((system if isinstance(system, str) else None, c["code"]))
    return out
