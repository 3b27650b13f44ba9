"""The disease-annotation channel on every input path that reads HPO terms: records (Phenopacket,
FHIR Observations through CDS Hooks), ``batch`` and the CLI give the same assessment as
``assess(..., annotations=...)`` with the same terms, and say which terms went to the channel.

HP:0001250 (seizure) reaches no kb finding and is annotated for some in-scope diseases' kin but is
not a twitching finding: it is the term sent to the channel here.
"""

from __future__ import annotations

import json
import math
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import KB_DIR
from tests.interop.test_cds_hooks import URL, observation, request_body
from tests.unit.conftest_kb import KB
from twitchcheck import Evidence, Patient, assess
from twitchcheck.api.app import create_app
from twitchcheck.api.settings import Settings
from twitchcheck.batch.stream import BatchRun
from twitchcheck.interop import terminology as t
from twitchcheck.interop.phenopackets_v2 import from_phenopacket
from twitchcheck.interop.terms import read_terms
from twitchcheck.jsonout import dumps

SEIZURE = "HP:0001250"
XEROSTOMIA = "HP:0000217"
LIMB_FASCICULATIONS = "HP:0007289"  # below the kb's fasciculation code: a finding, not the channel
EXE = KB_DIR.parent / ".venv" / "bin" / "twitchcheck"
NOTE = "scored against the disease annotations instead"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(kb_path=KB_DIR))) as c:
        yield c


def _packet(*codes: str, excluded: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "id": "channel",
        "subject": {
            "id": "p",
            "sex": "FEMALE",
            "timeAtLastEncounter": {"age": {"iso8601duration": "P58Y"}},
        },
        "phenotypicFeatures": [{"type": {"id": c}} for c in codes]
        + [{"type": {"id": c}, "excluded": True} for c in excluded],
    }


def test_a_phenopacket_sends_its_unmapped_terms_to_the_channel_and_says_so() -> None:
    record = from_phenopacket(KB, _packet(LIMB_FASCICULATIONS, SEIZURE, excluded=(XEROSTOMIA,)))
    assert {(q.term, q.state) for q in record.annotations} == {
        (SEIZURE, "present"),
        (XEROSTOMIA, "absent"),
    }
    reasons = {u.code: u.reason for u in record.unmapped}
    assert reasons[SEIZURE].endswith(NOTE) and reasons[XEROSTOMIA].endswith(NOTE)
    # the mapped term is evidence, never a channel query
    assert LIMB_FASCICULATIONS not in {q.term for q in record.annotations}
    with_channel = assess(KB, record.patient, record.evidence, annotations=record.annotations)
    without = assess(KB, record.patient, record.evidence)
    assert with_channel.annotations is not None
    assert with_channel.to_dict()["annotations"]["release"] == KB.annotations.release  # type: ignore[union-attr]
    # the channel moved the causes, and only by its own ratios: each cause's odds against a
    # cause without annotations change by exactly the channel's ratio for it
    scored = with_channel.annotations
    p_with = {c.id: c.probability for c in with_channel.conditions}
    p_without = {c.id: c.probability for c in without.conditions}
    assert p_with != p_without
    ref = "caffeine_stimulants"
    for cid in scored.causes:
        odds_with = p_with[cid] / p_with[ref]
        odds_without = p_without[cid] / p_without[ref]
        moved = math.exp(scored.log_ratio(cid) - scored.log_ratio(ref))
        assert odds_with == pytest.approx(odds_without * moved, rel=1e-6), cid


def test_the_phenopacket_route_answers_with_the_channel(client: TestClient) -> None:
    packet = _packet(LIMB_FASCICULATIONS, SEIZURE)
    r = client.post("/v1/phenopacket", json=packet)
    assert r.status_code == 200, r.text
    body = r.json()
    record = from_phenopacket(KB, packet)
    expected = assess(KB, record.patient, record.evidence, annotations=record.annotations)
    assert body["annotations"] == json.loads(dumps(expected.to_dict()))["annotations"]
    assert [c["id"] for c in body["conditions"]] == [c.id for c in expected.conditions]
    unmapped = {u["code"]: u["reason"] for u in body["record"]["unmapped"]}
    assert unmapped[SEIZURE].endswith(NOTE)


def test_cds_hooks_observations_use_the_channel(client: TestClient) -> None:
    body = request_body()
    body["prefetch"]["conditions"] = None
    body["prefetch"]["observations"] = {
        "resourceType": "Bundle",
        "type": "searchset",
        "entry": [
            {"resource": observation({"system": t.HPO, "code": code})}
            for code in (LIMB_FASCICULATIONS, SEIZURE)
        ],
    }
    r = client.post(URL, json=body)
    assert r.status_code == 200, r.text
    (card,) = r.json()["cards"]
    assert NOTE in card["detail"]


def _line(**record: Any) -> str:
    return json.dumps(record)


def test_batch_gives_the_bytes_of_assess_with_the_channel() -> None:
    record = {"age": 58, "present": [LIMB_FASCICULATIONS, SEIZURE], "absent": [XEROSTOMIA]}
    plain = {"age": 30, "present": ["cramps"]}
    out: list[bytes] = []
    summary = BatchRun(KB, detail="full").run([_line(**record), _line(**plain)], out.append)
    assert (summary.assessed, summary.failed) == (2, 0)
    first, second = (json.loads(x) for x in out)
    items = [Evidence(LIMB_FASCICULATIONS, "present"), Evidence(SEIZURE, "present")]
    items.append(Evidence(XEROSTOMIA, "absent"))
    reading = read_terms(KB, items)
    expected = assess(KB, Patient(58, None), reading.evidence, annotations=reading.queries)
    first.pop("hpo_terms")
    assert first == json.loads(dumps(expected.to_dict()))
    assert "annotations" in first and "annotations" not in second


def test_cli_assess_with_a_phenopacket_shows_the_channel(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(_packet(LIMB_FASCICULATIONS, SEIZURE)))
    proc = subprocess.run(
        [str(EXE), "assess", "--phenopacket", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["annotations"]["causes"], data.get("annotations")
    text = subprocess.run(
        [str(EXE), "assess", "--phenopacket", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert text.returncode == 0, text.stderr
    assert "HPO disease annotations" in text.stdout
