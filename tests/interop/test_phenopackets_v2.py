"""GA4GH Phenopacket v2 in and out: golden examples, HPO mapping, errors with paths, round trip."""

from __future__ import annotations

from typing import Any

import pytest
from google.protobuf import json_format
from hypothesis import given, settings
from hypothesis import strategies as st
from phenopackets.schema.v2 import Phenopacket

from tests.interop.helpers import PHENOPACKET_GOLDEN, load
from twitchcheck import KnowledgeBase, assess
from twitchcheck.engine.evidence import Evidence, Patient
from twitchcheck.errors import InteropError
from twitchcheck.interop.phenopackets_v2 import (
    format_duration,
    from_phenopacket,
    parse_duration,
    to_phenopacket,
)


def states(record: object) -> dict[str, str]:
    return {e.id: e.state for e in record.evidence}  # type: ignore[attr-defined]


def test_bulbar_onset_example(kb: KnowledgeBase) -> None:
    record = from_phenopacket(kb, load(PHENOPACKET_GOLDEN / "als_bulbar_onset.json"))
    assert record.patient == Patient(age=66.0, sex="female")
    got = states(record)
    assert got["speech_difficulty"] == "present"  # HP:0001260 is the finding's own code
    assert got["tongue_wasting"] == "present"
    assert got["twitch_tongue"] == "present"
    assert got["numbness_tingling"] == "absent"  # excluded: true
    # Babinski sign is not a kb code: it reaches brisk_reflexes through the hierarchy.
    babinski = next(m for m in record.mapped if m.code == "HP:0003487")
    assert babinski.finding == "brisk_reflexes" and babinski.via == "ancestor"
    assert babinski.distance >= 1 and babinski.through in kb.findings["brisk_reflexes"].codes.hpo
    # Never silently dropped: what cannot be mapped is reported with its path and reason.
    unmapped = {u.path: u for u in record.unmapped}
    assert unmapped["$.phenotypicFeatures[5]"].code == "HP:0002483"
    assert unmapped["$.phenotypicFeatures[5]"].reason
    assert "$.diseases (1)" in record.ignored
    assert any("onset" in note for note in record.ignored)
    assert record.hpo_version
    result = assess(kb, record.patient, record.evidence)
    assert result.triage.level in ("urgent", "emergency")
    assert result.conditions[0].id == "als"


def test_benign_example_stays_calm(kb: KnowledgeBase) -> None:
    record = from_phenopacket(kb, load(PHENOPACKET_GOLDEN / "benign_young_adult.json"))
    assert record.patient.sex == "male" and record.patient.age == pytest.approx(27.5)
    got = states(record)
    assert got["weakness"] == "absent" and got["muscle_wasting"] == "absent"
    assert got["cramps"] == "present"
    result = assess(kb, record.patient, record.evidence)
    assert result.triage.level in ("self_care", "routine")
    assert result.conditions[0].care in ("self_care", "routine")


def test_infant_example(kb: KnowledgeBase) -> None:
    record = from_phenopacket(kb, load(PHENOPACKET_GOLDEN / "infant_floppy.json"))
    assert record.patient.age == pytest.approx(4 / 12)
    got = states(record)
    assert got["infant_floppy"] == got["infant_feeding_trouble"] == got["infant_weak_cry"]
    assert got["infant_floppy"] == "present"
    result = assess(kb, record.patient, record.evidence)
    assert result.triage.level in ("urgent", "emergency")


def test_every_example_parses_with_the_official_bindings() -> None:
    for path in sorted(PHENOPACKET_GOLDEN.glob("*.json")):
        json_format.ParseDict(load(path), Phenopacket())


INVALID = {
    "unknown_field.json": ("$.phenotypicFeatures[0].typ", "unknown field"),
    "bad_sex.json": ("$.subject.sex", "expected one of"),
    "bad_age.json": ("$.subject.timeAtLastEncounter.age.iso8601duration", "ISO 8601"),
    "excluded_not_boolean.json": ("$.phenotypicFeatures[1].excluded", "true or false"),
    "features_not_array.json": ("$.phenotypicFeatures", "array"),
    "contradiction.json": ("$.phenotypicFeatures[1]", "present"),
    "age_out_of_range.json": ("$.subject.timeAtLastEncounter", "between 0 and 120"),
    "feature_without_id.json": ("$.phenotypicFeatures[0].type.id", "type id"),
}


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_documents_name_the_path(kb: KnowledgeBase, name: str) -> None:
    path, words = INVALID[name]
    with pytest.raises(InteropError) as info:
        from_phenopacket(kb, load(PHENOPACKET_GOLDEN / "invalid" / name))
    assert info.value.path == path
    assert words in info.value.problem
    assert str(info.value).startswith(f"phenopacket {path}: ")


def test_every_invalid_fixture_is_listed() -> None:
    assert {p.name for p in (PHENOPACKET_GOLDEN / "invalid").glob("*.json")} == set(INVALID)


def test_not_an_object(kb: KnowledgeBase) -> None:
    with pytest.raises(InteropError, match=r"\$: a Phenopacket is a JSON object"):
        from_phenopacket(kb, [1, 2])


def test_errors_never_quote_the_value(kb: KnowledgeBase) -> None:
    secret = "my private words"
    with pytest.raises(InteropError) as info:
        from_phenopacket(kb, {"id": "x", "subject": {"sex": secret}})
    assert secret not in str(info.value)


def test_other_codes_and_unknown_terms(kb: KnowledgeBase) -> None:
    doc = {
        "id": "x",
        "phenotypicFeatures": [
            {"type": {"id": "SNOMEDCT:26544005", "label": "Muscle weakness"}},
            {"type": {"id": "HP:9999999", "label": "made up"}},
            {"type": {"id": "MONDO:0004976", "label": "ALS"}},
        ],
    }
    record = from_phenopacket(kb, doc)
    assert states(record) == {"weakness": "present"}
    reasons = {u.code: u.reason for u in record.unmapped}
    assert "not an HPO term" in reasons["HP:9999999"]
    assert "MONDO:0004976" in reasons


def test_age_from_range_and_timestamp(kb: KnowledgeBase) -> None:
    ranged = {
        "id": "x",
        "subject": {
            "id": "s",
            "timeAtLastEncounter": {
                "ageRange": {
                    "start": {"iso8601duration": "P40Y"},
                    "end": {"iso8601duration": "P50Y"},
                }
            },
        },
        "phenotypicFeatures": [{"type": {"id": "HP:0001324"}}],
    }
    assert from_phenopacket(kb, ranged).patient.age == 45
    dated = {
        "id": "x",
        "subject": {
            "id": "s",
            "dateOfBirth": "1990-01-01T00:00:00Z",
            "timeAtLastEncounter": {"timestamp": "2020-01-01T00:00:00Z"},
        },
        "phenotypicFeatures": [{"type": {"id": "HP:0001324"}}],
    }
    assert from_phenopacket(kb, dated).patient.age == pytest.approx(30, abs=0.01)


@pytest.mark.parametrize(
    ("text", "years"),
    [("P66Y", 66), ("P3M", 0.25), ("P1Y6M", 1.5), ("P10W", 70 / 365.25), ("P5D", 5 / 365.25)],
)
def test_durations(text: str, years: float) -> None:
    assert parse_duration(text, "$") == pytest.approx(years)
    assert parse_duration(format_duration(years), "$") == pytest.approx(years, abs=1 / 365)


@pytest.mark.parametrize("text", ["P", "66Y", "P-3Y", "PXY", ""])
def test_bad_durations(text: str) -> None:
    with pytest.raises(InteropError):
        parse_duration(text, "$.x")


# -- round trip ---------------------------------------------------------------------------------


@st.composite
def expressible(draw: st.DrawFn, kb: KnowledgeBase) -> tuple[Patient, list[Evidence]]:
    coded = sorted(f for f, rec in kb.findings.items() if rec.codes.hpo)
    chosen = draw(st.lists(st.sampled_from(coded), unique=True, max_size=12))
    evidence = [Evidence(f, draw(st.sampled_from(["present", "absent"]))) for f in chosen]
    months = draw(st.integers(min_value=0, max_value=110 * 12))
    sex = draw(st.sampled_from([None, "female", "male"]))
    return Patient(age=months / 12, sex=sex), evidence


def test_round_trip(kb: KnowledgeBase) -> None:
    @settings(max_examples=60, deadline=None)
    @given(expressible(kb))
    def check(case: tuple[Patient, list[Evidence]]) -> None:
        patient, evidence = case
        packet, left_out = to_phenopacket(kb, patient, evidence)
        assert left_out == ()
        json_format.ParseDict(packet, Phenopacket())
        if not evidence:  # a packet without features is refused, never assessed as harmless
            with pytest.raises(InteropError, match="at least one phenotypic feature"):
                from_phenopacket(kb, packet)
            return
        back = from_phenopacket(kb, packet)
        assert back.patient.sex == patient.sex
        assert back.patient.age == pytest.approx(patient.age, abs=1 / 365)
        assert states(back) == {e.id: e.state for e in evidence}

    check()


def test_findings_without_hpo_are_left_out_by_name(kb: KnowledgeBase) -> None:
    no_hpo = next(f for f, rec in kb.findings.items() if not rec.codes.hpo)
    _, left_out = to_phenopacket(
        kb, Patient(), [Evidence(no_hpo, "present"), Evidence("weakness", "unknown")]
    )
    assert left_out == (no_hpo,)


@pytest.mark.parametrize(
    ("doc", "words"),
    [
        ({}, "at least one phenotypic feature"),
        ({"id": "x", "subject": {"id": "s", "sex": "MALE"}}, "at least one phenotypic feature"),
        ({"id": "x", "phenotypicFeatures": []}, "at least one phenotypic feature"),
        (
            {"id": "x", "phenotypicFeatures": [{"type": {"id": "MONDO:0004976"}}]},
            "none of the 1 phenotypic feature(s) is a finding twitchcheck knows",
        ),
    ],
)
def test_a_packet_without_readable_features_is_refused(
    kb: KnowledgeBase, doc: dict[str, object], words: str
) -> None:
    # Assessed on age and sex alone it would come out "likely harmless": a reassurance nobody gave.
    with pytest.raises(InteropError) as info:
        from_phenopacket(kb, doc)
    assert info.value.path == "$.phenotypicFeatures"
    assert words in info.value.problem


@pytest.mark.parametrize(
    ("subject", "note"),
    [
        (
            {"timeAtLastEncounter": {"ontologyClass": {"id": "HP:0003581", "label": "Adult"}}},
            "$.subject.timeAtLastEncounter.ontologyClass: an age stage",
        ),
        (
            {"timeAtLastEncounter": {"gestationalAge": {"weeks": 30}}},
            "$.subject.timeAtLastEncounter.gestationalAge: a gestational age",
        ),
        ({"sex": "OTHER_SEX"}, "$.subject.sex: OTHER_SEX (read as sex not given)"),
        ({"sex": "UNKNOWN_SEX"}, "$.subject.sex: UNKNOWN_SEX (read as sex not given)"),
        ({"vitalStatus": {"status": "DECEASED"}}, "$.subject.vitalStatus (not read)"),
        (
            {"timeAtLastEncounter": {"timestamp": "2020-01-01T00:00:00Z"}},
            "no dateOfBirth to count from",
        ),
    ],
)
def test_subject_fields_not_read_are_listed_in_ignored(
    kb: KnowledgeBase, subject: dict[str, object], note: str
) -> None:
    packet = {
        "id": "x",
        "subject": {"id": "s", **subject},
        "phenotypicFeatures": [{"type": {"id": "HP:0001324"}}],
    }
    record = from_phenopacket(kb, packet)
    assert record.patient.age is None and record.patient.sex is None
    assert any(entry.startswith(note) or note in entry for entry in record.ignored), record.ignored


@pytest.mark.parametrize(
    ("present", "excluded", "finding"),
    [
        ("HP:0001761", "HP:0001765", "high_arches"),  # pes cavus present, hammertoe excluded
        ("HP:0000083", "HP:0003774", "kidney_failure"),  # renal insufficiency, not stage 5 CKD
    ],
)
def test_two_different_codes_of_one_finding_are_not_a_contradiction(
    kb: KnowledgeBase, present: str, excluded: str, finding: str
) -> None:
    packet = {
        "id": "two-codes",
        "phenotypicFeatures": [
            {"type": {"id": present}},
            {"type": {"id": excluded}, "excluded": True},
        ],
    }
    record = from_phenopacket(kb, packet)
    assert [(e.id, e.state) for e in record.evidence] == [(finding, "present")]
    [passed_over] = record.unmapped
    assert passed_over.code == excluded
    assert passed_over.path == "$.phenotypicFeatures[1]"
    assert "superseded by $.phenotypicFeatures[0] (present)" in passed_over.reason


@pytest.mark.parametrize(
    "detail",
    [
        {"modifiers": [{"id": "HP:0011010", "label": "Chronic"}]},
        {"onset": {"ontologyClass": {"id": "HP:0003577", "label": "Congenital onset"}}},
    ],
    ids=["chronic", "congenital"],
)
def test_a_long_standing_feature_is_not_an_acute_danger_sign(
    kb: KnowledgeBase, detail: dict[str, Any]
) -> None:
    """Chronic respiratory insufficiency in a neuromuscular disease is not "breathless at rest,
    call an ambulance"; the same feature without the modifier still is."""
    feature = {"type": {"id": "HP:0002093", "label": "Respiratory insufficiency"}}
    packet = {
        "id": "chronic",
        "subject": {"id": "p", "timeAtLastEncounter": {"age": {"iso8601duration": "P40Y"}}},
        "phenotypicFeatures": [{"type": {"id": "HP:0002380"}}, {**feature, **detail}],
    }
    record = from_phenopacket(kb, packet)
    assert "breathing_difficulty" not in {e.id for e in record.evidence}
    [passed_over] = record.unmapped
    assert passed_over.code == "HP:0002093"
    assert "'breathing_difficulty' is a new or sudden problem" in passed_over.reason
    assert not any("modifiers" in x or "onset" in x for x in record.ignored)
    acute = from_phenopacket(kb, {**packet, "phenotypicFeatures": [feature]})
    assert ("breathing_difficulty", "present") in {(e.id, e.state) for e in acute.evidence}
    assert assess(kb, acute.patient, acute.evidence).triage.level == "emergency"
