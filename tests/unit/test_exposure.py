"""Exposure-defined causes (kb ``Condition.exposure``): while the defining exposure is not
answered, the cause says so ("only if this applies to you"), never as if the person had it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.live_server import EXE
from twitchcheck import Evidence, KnowledgeBase, Patient, assess, load_knowledge
from twitchcheck.assessment.exposure import unknown_exposures
from twitchcheck.errors import KnowledgeError

KB_DIR = Path(__file__).resolve().parents[2] / "kb"
SCIATICA = ["pain", "twitch_legs", "numbness_tingling", "reduced_reflexes", "duration_weeks"]


def _cause(kb: KnowledgeBase, evidence: list[Evidence], cid: str) -> tuple[str, ...]:
    result = assess(kb, Patient(age=46, sex="male"), evidence)
    return next(c.exposure_unknown for c in result.conditions if c.id == cid)


def test_the_rule() -> None:
    ev = [Evidence("hiv", "unknown"), Evidence("pain", "present")]
    assert unknown_exposures(("hiv",), ev) == ("hiv",)
    assert unknown_exposures(("hiv",), []) == ("hiv",)
    assert unknown_exposures(("hiv",), [Evidence("hiv", "present")]) == ()
    assert unknown_exposures(("hiv",), [Evidence("hiv", "absent")]) == ()
    assert unknown_exposures(("a", "b"), [Evidence("a", "absent")]) == ("b",)
    assert unknown_exposures(("a", "b"), [Evidence("a", "absent"), Evidence("b", "present")]) == ()
    assert unknown_exposures((), ev) == ()


def test_every_exposure_defined_cause_declares_its_exposure(kb: KnowledgeBase) -> None:
    expected = {
        "hiv_neuropathy": "hiv",
        "post_polio": "polio_history",
        "lead_neuropathy": "lead_exposure",
        "radiation_nerve_damage": "radiotherapy_past",
        "uremic_neuropathy": "kidney_failure",
        "organophosphate_poisoning": "insecticide_exposure",
        "beta2_agonist_effect": "med_salbutamol",
    }
    for cid, fid in expected.items():
        assert fid in kb.conditions[cid].exposure, cid


def test_unasked_hiv_is_said_not_assumed(kb: KnowledgeBase) -> None:
    ev = [Evidence(f, "present") for f in SCIATICA]
    assert _cause(kb, ev, "hiv_neuropathy") == ("hiv",)
    assert _cause(kb, [*ev, Evidence("hiv", "present")], "hiv_neuropathy") == ()
    assert _cause(kb, [*ev, Evidence("hiv", "absent")], "hiv_neuropathy") == ()
    assert _cause(kb, ev, "lumbar_radiculopathy") == ()  # not exposure-defined


def test_json_carries_it_for_every_cause(kb: KnowledgeBase) -> None:
    ev = [Evidence(f, "present") for f in SCIATICA]
    out = assess(kb, Patient(age=46, sex="male"), ev).to_dict()
    by_id = {c["id"]: c for c in out["conditions"]}
    assert by_id["hiv_neuropathy"]["exposure_unknown"] == ["hiv"]
    assert by_id["lumbar_radiculopathy"]["exposure_unknown"] == []


def test_the_terminal_says_only_if(tmp_path: Path) -> None:
    args = [str(EXE), "assess", "--age", "46", "--sex", "male"]
    for f in SCIATICA:
        args += ["--present", f]
    shown = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    assert "only if this applies to you: Living with HIV (not asked yet)" in " ".join(shown.split())
    said = subprocess.run([*args, "--json"], capture_output=True, text=True, check=True).stdout
    assert json.loads(said)["conditions"]


@pytest.mark.parametrize(
    ("exposure", "message"),
    [
        (["pain"], "not an exposure, history or medicine"),
        (["smoker"], "needs a likelihood of at least"),
        (["no_such_finding"], "is not a finding"),
    ],
)
def test_kb_refuses_a_wrong_exposure(tmp_path: Path, exposure: list[str], message: str) -> None:
    dst = tmp_path / "kb"
    shutil.copytree(KB_DIR, dst)
    path = dst / "conditions" / "hiv_neuropathy.yaml"
    data = yaml.safe_load(path.read_text())
    data["exposure"] = exposure
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(KnowledgeError, match=message):
        load_knowledge(dst)
