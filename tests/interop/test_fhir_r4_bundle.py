"""Assessments as FHIR R4 Bundles (RiskAssessment + Observations); FHIR resources read back."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.interop.helpers import FHIR_GOLDEN, check_golden, fhir_valid, load
from tests.vignette_cases import load_vignettes
from twitchcheck import KnowledgeBase, assess
from twitchcheck.engine.evidence import Evidence, Patient
from twitchcheck.errors import InteropError
from twitchcheck.interop import terminology as t
from twitchcheck.interop.fhir_r4_bundle import Located, from_bundle, from_resources, to_bundle
from twitchcheck.interop.fhir_r4_response import from_questionnaire_response

SNOMED_WEAKNESS = {"system": t.SNOMED, "code": "26544005"}


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_small_kb_bundle_golden(small_kb: KnowledgeBase) -> None:
    evidence = [Evidence("x", "present"), Evidence("y", "absent"), Evidence("z", "unknown")]
    result = assess(small_kb, Patient(age=40, sex="female"), evidence)
    bundle = to_bundle(small_kb, result)
    fhir_valid(bundle)
    check_golden(FHIR_GOLDEN / "bundle_kb_small.json", bundle)


@pytest.mark.parametrize("case", load_vignettes()[:12], ids=lambda v: v.id)
def test_vignette_bundles_validate_and_say_what_the_assessment_says(
    kb: KnowledgeBase, case: Any
) -> None:
    evidence = [Evidence(f, "present") for f in case.present] + [
        Evidence(f, "absent") for f in case.absent
    ]
    result = assess(kb, Patient(age=case.age, sex=case.sex), evidence)
    bundle = to_bundle(kb, result)
    fhir_valid(bundle)
    (risk,) = resources(bundle, "RiskAssessment")
    predictions = risk["prediction"]
    assert predictions[0]["outcome"]["coding"][0]["code"] == result.conditions[0].id
    probabilities = [p["probabilityDecimal"] for p in predictions]
    assert probabilities == sorted(probabilities, reverse=True)
    assert probabilities[0] == pytest.approx(result.conditions[0].probability, abs=1e-4)
    assert len(predictions) >= kb.policy.next_steps.top_conditions
    assert risk["extension"][0]["valueCoding"]["code"] == result.triage.level
    # basis → every Observation of the bundle, and each exists as an entry
    urls = {e["fullUrl"] for e in bundle["entry"]}
    assert {b["reference"] for b in risk["basis"]} <= urls
    observations = resources(bundle, "Observation")
    assert len(observations) == len(result.evidence) + 1  # + age
    # …and the bundle reads back to the same person and findings.
    back = from_bundle(kb, bundle)
    assert back.patient == result.patient
    assert {(e.id, e.state) for e in back.evidence} == {(e.id, e.state) for e in result.evidence}


def test_same_input_same_bundle_other_input_other_ids(kb: KnowledgeBase) -> None:
    def bundle(sex: str) -> dict[str, Any]:
        result = assess(kb, Patient(age=30, sex=sex), [Evidence("twitch_legs", "present")])  # type: ignore[arg-type]
        return to_bundle(kb, result)

    assert bundle("male") == bundle("male")
    assert bundle("male")["entry"][0]["fullUrl"] != bundle("female")["entry"][0]["fullUrl"]


def test_questionnaire_answers_to_risk_assessment(kb: KnowledgeBase) -> None:
    """The round trip the issue asks for: Questionnaire → answers → RiskAssessment."""
    record = from_questionnaire_response(kb, load(FHIR_GOLDEN / "qr_weakness_screen.json"))
    result = assess(kb, record.patient, record.evidence)
    bundle = to_bundle(kb, result, record=record)
    fhir_valid(bundle)
    (risk,) = resources(bundle, "RiskAssessment")
    assert "For:" in risk["prediction"][0]["rationale"]
    assert risk["mitigation"]
    assert any(n["text"].startswith("Triage:") for n in risk["note"])


def test_subject_reference_replaces_the_patient(kb: KnowledgeBase) -> None:
    result = assess(kb, Patient(age=30), [Evidence("twitch_legs", "present")])
    bundle = to_bundle(kb, result, subject="Patient/42")
    assert resources(bundle, "Patient") == []
    assert resources(bundle, "RiskAssessment")[0]["subject"] == {"reference": "Patient/42"}


def test_unmapped_record_items_become_a_note(kb: KnowledgeBase) -> None:
    data = {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "item": [{"linkId": "mystery", "answer": [{"valueBoolean": True}]}],
    }
    record = from_questionnaire_response(kb, data)
    bundle = to_bundle(kb, assess(kb, record.patient, record.evidence), record=record)
    notes = [n["text"] for n in resources(bundle, "RiskAssessment")[0]["note"]]
    assert any("mystery" in n for n in notes)


# -- EHR resources in ---------------------------------------------------------------------------


def loc(resource: dict[str, Any], i: int = 0) -> Located:
    fhir_valid(resource)
    return Located(resource, f"$.entry[{i}].resource")


def test_patient_conditions_and_observations(kb: KnowledgeBase) -> None:
    found = [
        loc({"resourceType": "Patient", "id": "p", "gender": "male", "birthDate": "1960-06-15"}),
        loc({"resourceType": "Condition", "subject": {"reference": "Patient/p"},
             "code": {"coding": [{"system": t.SNOMED, "code": "82470000"}]}}, 1),
        loc({"resourceType": "Condition", "subject": {"reference": "Patient/p"},
             "verificationStatus": {"coding": [{"code": "refuted"}]},
             "code": {"coding": [SNOMED_WEAKNESS]}}, 2),
        loc({"resourceType": "Condition", "subject": {"reference": "Patient/p"},
             "clinicalStatus": {"coding": [{"code": "resolved"}]},
             "code": {"coding": [{"system": t.HPO, "code": "HP:0002664"}]}}, 3),
        loc({"resourceType": "Condition", "subject": {"reference": "Patient/p"},
             "clinicalStatus": {"coding": [{"code": "resolved"}]},
             "code": {"coding": [{"system": t.SNOMED, "code": "386661006"}]}}, 4),
        loc({"resourceType": "Observation", "status": "final",
             "subject": {"reference": "Patient/p"},
             "code": {"coding": [{"system": t.HPO, "code": "HP:0003394"}]},
             "valueCodeableConcept": {"coding": [t.ABSENT]}}, 5),
        loc({"resourceType": "Observation", "status": "entered-in-error",
             "code": {"coding": [{"system": t.HPO, "code": "HP:0001260"}]}}, 6),
        loc({"resourceType": "Observation", "status": "final",
             "code": {"coding": [{"system": t.LOINC, "code": "2823-3"}]},
             "valueQuantity": {"value": 4.1}}, 7),
        loc({"resourceType": "Observation", "status": "final",
             "code": {"coding": [{"system": t.HPO, "code": "HP:0007289"}]},
             "valueBoolean": True}, 8),
    ]  # fmt: skip
    record = from_resources(kb, "Bundle", found, today=date(2026, 6, 15))
    assert record.patient.sex == "male"
    assert record.patient.age == pytest.approx(66, abs=0.01)
    got = {e.id: e.state for e in record.evidence}
    assert got == {
        "twitch_widespread": "present",  # SNOMED fasciculation, and HP:0007289 via the hierarchy
        "weakness": "absent",  # refuted
        "cancer_history": "present",  # resolved, but a history finding
        "cramps": "absent",  # LOINC Absent
    }
    assert [u.code for u in record.unmapped] == ["SNOMED:386661006"]  # a resolved fever
    assert "1 Observation resource with no code twitchcheck reads" in record.ignored[0]
    assert record.subject == "Patient/p"


def test_bad_value_names_the_path(kb: KnowledgeBase) -> None:
    obs = {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [SNOMED_WEAKNESS]},
        "valueCodeableConcept": {"text": "a little"},
    }
    with pytest.raises(InteropError) as info:
        from_resources(kb, "Bundle", [loc(obs, 3)])
    assert info.value.path == "$.entry[3].resource.valueCodeableConcept"


def test_invalid_bundle_names_the_path(kb: KnowledgeBase) -> None:
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"resource": {"resourceType": "Observation", "status": "final",
                                "code": {"text": "x"}, "valueBoolean": "yes"}}],
    }  # fmt: skip
    with pytest.raises(InteropError) as info:
        from_bundle(kb, bundle)
    assert info.value.path == "$.entry[0].resource.valueBoolean"
