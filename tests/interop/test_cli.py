"""The real ``twitchcheck`` program with clinical files: ``assess --phenopacket / --fhir-response
/ --output fhir`` and ``fhir questionnaire``; a bad file exits 2 with one line naming the path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.interop.helpers import FHIR_GOLDEN, PHENOPACKET_GOLDEN, fhir_valid
from twitchcheck import KnowledgeBase

EXE = Path(sys.executable).with_name("twitchcheck")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "120"}
    env.pop("TWITCHCHECK_DEBUG", None)
    return subprocess.run(
        [str(EXE), *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )


def test_fhir_questionnaire(tmp_path: Path, kb: KnowledgeBase) -> None:
    proc = run("fhir", "questionnaire")
    assert proc.returncode == 0, proc.stderr
    q = json.loads(proc.stdout)
    fhir_valid(q)
    out = tmp_path / "q.json"
    assert run("fhir", "questionnaire", "--out", str(out)).returncode == 0
    assert json.loads(out.read_text()) == q


def test_assess_phenopacket_json() -> None:
    packet = str(PHENOPACKET_GOLDEN / "als_bulbar_onset.json")
    proc = run("assess", "--phenopacket", packet, "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["conditions"][0]["id"] == "als"
    assert data["record"]["unmapped"][0]["code"] == "HP:0002483"


def test_assess_phenopacket_text_reports_what_was_not_used() -> None:
    proc = run("assess", "--phenopacket", str(PHENOPACKET_GOLDEN / "als_bulbar_onset.json"))
    assert proc.returncode == 0, proc.stderr
    assert "not used: HP:0002483 Bulbar signs at $.phenotypicFeatures[5]" in proc.stdout
    assert "not read: $.diseases (1)" in proc.stdout


def test_assess_fhir_response_to_bundle() -> None:
    qr = str(FHIR_GOLDEN / "qr_weakness_screen.json")
    proc = run("assess", "--fhir-response", qr, "--output", "fhir")
    assert proc.returncode == 0, proc.stderr
    bundle = json.loads(proc.stdout)
    fhir_valid(bundle)
    assert bundle["entry"][0]["resource"]["resourceType"] == "RiskAssessment"


def test_flags_add_to_the_record() -> None:
    qr = str(FHIR_GOLDEN / "qr_eyelid_young_woman.json")
    proc = run("assess", "--fhir-response", qr, "--present", "twitch_legs", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert {"id": "twitch_legs", "state": "present", "from": "structured"} in data["evidence"]
    assert {"id": "twitch_eyelid", "state": "present", "from": "record"} in data["evidence"]
    # …and the same fact given both ways must agree.
    proc = run("assess", "--fhir-response", qr, "--present", "facial_weakness")
    assert proc.returncode == 2 and "both present and absent" in proc.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--phenopacket", str(PHENOPACKET_GOLDEN / "invalid" / "bad_sex.json")],
         "phenopacket $.subject.sex: expected one of"),
        (["--fhir-response", str(FHIR_GOLDEN / "invalid" / "answer_not_yes_no.json")],
         "QuestionnaireResponse $.item[0].item[0].answer[0]: expected a yes / no / unknown"),
        (["--phenopacket", "no-such-file.json"], "cannot read phenopacket file no-such-file.json"),
        (["--phenopacket", str(PHENOPACKET_GOLDEN / "benign_young_adult.json"), "--age", "70"],
         "contradicts the record's age"),
        (["--phenopacket", str(PHENOPACKET_GOLDEN / "benign_young_adult.json"),
          "--fhir-response", str(FHIR_GOLDEN / "qr_weakness_screen.json")], "not both"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    proc = run("assess", *args)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("twitchcheck: error: ")
    assert message in lines[0]


def test_not_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": ')
    proc = run("assess", "--phenopacket", str(bad))
    assert proc.returncode == 2
    assert f"phenopacket file {bad} is not valid JSON (line 1" in proc.stderr
