"""The real ``twitchcheck`` program, run as a subprocess: output contract, errors, exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import KB_DIR
from twitchcheck import KnowledgeBase

EXE = Path(sys.executable).with_name("twitchcheck")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {}), "COLUMNS": "120"}
    full_env.pop("TWITCHCHECK_DEBUG", None)
    return subprocess.run(
        [str(EXE), *args], capture_output=True, text=True, env=full_env, timeout=60, check=False
    )


def assess_json(*args: str) -> dict[str, Any]:
    proc = run("assess", *args, "--json")
    assert proc.returncode == 0, proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


def test_assess_json_has_the_contract_shape(kb: KnowledgeBase) -> None:
    data = assess_json("--age", "58", "--sex", "male", "--present", "weakness", "--absent", "pain")
    assert data["triage"]["level"] in {"emergency", "urgent", "routine", "self_care"}
    assert data["triage"]["reasons"][0]["finding"] == "weakness"
    assert data["triage"]["reasons"][0]["source"] in kb.sources
    probs = [c["probability"] for c in data["conditions"]]
    assert probs == sorted(probs, reverse=True)
    assert {c["id"] for c in data["conditions"]} == set(kb.conditions)
    assert sum(probs) == pytest.approx(1.0, abs=1e-4)
    for c in data["conditions"]:
        assert {"id", "name", "probability", "for", "against"} <= c.keys()
    assert {"id": "weakness", "state": "present", "from": "structured"} in data["evidence"]
    assert data["knowledge_version"] == kb.version
    assert "not a diagnosis" in data["disclaimer"]


def test_weakness_is_at_least_urgent_and_brief_eyelid_twitch_is_self_care() -> None:
    weak = assess_json("--age", "58", "--sex", "male", "--present", "weakness")
    assert weak["triage"]["level"] in {"urgent", "emergency"}
    eyelid = assess_json(
        "--age", "29", "--sex", "female", "--present", "twitch_eyelid",
        "--present", "duration_days", "--present", "trigger_caffeine",
        "--present", "trigger_sleep_loss", "--absent", "facial_weakness",
    )  # fmt: skip
    assert eyelid["triage"]["level"] == "self_care"
    assert eyelid["conditions"][0]["id"] in {"eyelid_myokymia", "caffeine_stimulants"}
    assert eyelid["next_steps"]["self_care"]


def test_breathing_difficulty_is_an_emergency() -> None:
    data = assess_json("--age", "66", "--present", "breathing_difficulty", "--present", "weakness")
    assert data["triage"]["level"] == "emergency"
    assert data["next_steps"]["specialist"] == "emergency_department"


def test_codes_are_accepted_like_ids(kb: KnowledgeBase) -> None:
    code = next(c for c, f in kb.codes.items() if c.startswith("HP:"))
    data = assess_json("--age", "40", "--present", code)
    assert data["evidence"][0]["id"] == kb.codes[code]


def test_rich_output_shows_banner_causes_next_steps_and_disclaimer() -> None:
    proc = run("assess", "--age", "58", "--sex", "male", "--present", "weakness",
               "--present", "muscle_wasting", "--absent", "numbness_tingling")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "How urgent is this?" in out
    assert "Likely causes" in out
    assert "speaks for it" in out
    assert "What next?" in out
    assert "Tests a doctor may consider" in out
    assert "not a diagnosis" in out
    assert "█" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["assess", "--present", "not_a_finding"], "unknown finding: 'not_a_finding'"),
        (["assess", "--present", "weakness", "--absent", "weakness"], "both present and absent"),
        (["assess", "--age", "-1"], "age must be between 0 and 120"),
        (["assess", "--age", "121"], "age must be between 0 and 120"),
        (["assess", "--present", "duration_days", "--present", "duration_months"], "cannot both"),
        (["explain", "not_a_cause"], "unknown condition: 'not_a_cause'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    proc = run(*args)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert len(proc.stderr.strip().splitlines()) == 1


def test_bad_sex_is_a_usage_error() -> None:
    proc = run("assess", "--sex", "other")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_kb_typo_is_reported_with_file_and_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "kb"
    shutil.copytree(KB_DIR, broken)
    target = next((broken / "conditions").glob("*.yaml"))
    target.write_text(target.read_text().replace("clinical_name:", "clinicl_name:", 1))
    proc = run("kb", "validate", env={"TWITCHCHECK_KB": str(broken)})
    assert proc.returncode == 2
    assert f"kb/conditions/{target.name}" in proc.stderr
    assert "unknown key" in proc.stderr
    assert "Traceback" not in proc.stderr
    assessed = run("assess", "--age", "30", env={"TWITCHCHECK_KB": str(broken)})
    assert assessed.returncode == 2


def test_kb_validate_and_estimates() -> None:
    proc = run("kb", "validate")
    assert proc.returncode == 0, proc.stderr
    assert "knowledge base valid" in proc.stdout
    est = run("kb", "validate", "--estimates", "--json")
    data = json.loads(est.stdout)
    assert data["valid"] is True
    assert data["estimates"] == len(data["estimate_list"]) > 0
    assert all(e["basis"] for e in data["estimate_list"])


def test_findings_and_conditions_catalogues(kb: KnowledgeBase) -> None:
    findings = json.loads(run("findings", "--json").stdout)
    assert {f["id"] for f in findings} == set(kb.findings)
    assert all(f["question"] for f in findings)
    conditions = json.loads(run("conditions", "--json").stdout)
    assert len(conditions) == len(kb.conditions) >= 29
    for c in conditions:
        assert c["codes"]["icd10cm"] and c["codes"]["snomed"] and c["sources"]
    assert run("findings").returncode == 0
    assert run("conditions").returncode == 0


def test_explain_gives_prior_and_every_ratio_with_source(kb: KnowledgeBase) -> None:
    proc = run("explain", "als", "--age", "29", "--present", "twitch_legs",
               "--absent", "weakness", "--json")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["prior"]["source"] in kb.sources
    terms = {t["finding"]: t for t in data["terms"]}
    assert set(terms) == {"twitch_legs", "weakness"}
    assert terms["weakness"]["direction"] == "against"
    assert terms["weakness"]["likelihood_ratio"] < 0.5
    human = run("explain", "als", "--age", "29", "--absent", "weakness")
    assert human.returncode == 0 and "source" in human.stdout


def test_help_lists_the_commands() -> None:
    proc = run("--help")
    assert proc.returncode == 0
    for command in ("assess", "explain", "findings", "conditions", "kb"):
        assert command in proc.stdout


def test_cli_default_kb_path_is_the_loader_default() -> None:
    from twitchcheck.cli import settings
    from twitchcheck.knowledge.loader import default_kb_path

    assert settings._SOURCE_KB == default_kb_path() == KB_DIR


def test_help_does_not_import_the_engine() -> None:
    """--help stays fast: pydantic and the knowledge schema load only when a command needs them."""
    code = (
        "import sys\n"
        "from twitchcheck.cli.main import app\n"
        "assert 'twitchcheck.knowledge.schema' not in sys.modules\n"
        "assert 'pydantic' not in sys.modules\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def test_worried_young_person_is_told_why_als_is_unlikely() -> None:
    data = assess_json("--age", "27", "--sex", "male", "--present", "twitch_legs",
                       "--present", "duration_months", "--present", "anxious_mood",
                       "--absent", "weakness", "--absent", "muscle_wasting")  # fmt: skip
    calm = {r["condition"]: r for r in data["reassurance"]}
    assert "als" in calm
    assert calm["als"]["rare_at_this_age"] is True
    assert {t["finding"] for t in calm["als"]["against"]} >= {"weakness", "muscle_wasting"}
    top = data["conditions"][0]["id"]
    assert top in {"benign_fasciculation_syndrome", "anxiety_stress"}
    human = run("assess", "--age", "27", "--present", "twitch_legs", "--absent", "weakness")
    assert "is unlikely here" in human.stdout


def test_no_reassurance_about_als_when_it_is_likely() -> None:
    data = assess_json("--age", "63", "--sex", "male", "--present", "weakness",
                       "--present", "weakness_progressive", "--present", "muscle_wasting",
                       "--present", "speech_difficulty", "--present", "twitch_widespread",
                       "--absent", "numbness_tingling")  # fmt: skip
    assert data["conditions"][0]["id"] == "als"
    assert data["reassurance"] == []
    assert data["triage"]["level"] == "urgent"


def test_assess_json_detail_full_is_the_default_and_summary_is_the_api_default(
    kb: KnowledgeBase,
) -> None:
    """Issue 15, item 11: ``--detail full`` is the contract (and the default of ``assess``);
    ``--detail summary`` is the shape ``POST /v1/assess`` answers unless asked for more."""
    args = ("--age", "58", "--sex", "male", "--present", "weakness", "--absent", "pain")
    default = assess_json(*args)
    full = assess_json(*args, "--detail", "full")
    summary = assess_json(*args, "--detail", "summary")
    assert default == full
    assert len(full["conditions"]) == len(kb.conditions) and "for" in full["conditions"][0]
    assert summary["detail"] == "summary"
    assert summary["conditions_considered"] == len(kb.conditions)
    assert [c["id"] for c in summary["conditions"]] == [
        c["id"] for c in full["conditions"][: len(summary["conditions"])]
    ]
    assert all(
        set(c) == {"id", "name", "family", "probability", "words", "care"}
        for c in summary["conditions"]
    )
    keys = ("triage", "families", "evidence", "next_steps", "reassurance", "patient", "disclaimer")
    for key in keys:
        assert summary[key] == full[key]
    bad = run("assess", *args, "--json", "--detail", "everything")
    assert bad.returncode == 2 and "--detail" in bad.stderr and "Traceback" not in bad.stderr
