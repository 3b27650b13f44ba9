"""The vignette set: well-formed, sourced, covering every cause — and never under-triaged."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.vignette_cases import VIGNETTE_DIR, Vignette, load_vignettes
from twitchcheck import Evidence, KnowledgeBase, Patient, assess
from twitchcheck.triage.rules import RANK

VIGNETTES = load_vignettes()


def _run(kb: KnowledgeBase, v: Vignette) -> tuple[str, list[str]]:
    evidence = [Evidence(f, "present") for f in v.present] + [
        Evidence(f, "absent") for f in v.absent
    ]
    result = assess(kb, Patient(age=v.age, sex=v.sex), evidence)
    return result.triage.level, [c.id for c in result.conditions]


def test_at_least_40_vignettes_covering_every_cause(kb: KnowledgeBase) -> None:
    assert len(VIGNETTES) >= 40
    per_cause = Counter(v.primary for v in VIGNETTES)
    assert set(per_cause) == set(kb.conditions)
    assert len({v.id for v in VIGNETTES}) == len(VIGNETTES)
    for v in VIGNETTES:
        assert (VIGNETTE_DIR / f"{v.id}.yaml").exists()


@pytest.mark.parametrize("v", VIGNETTES, ids=[v.id for v in VIGNETTES])
def test_vignette_refers_to_known_ids(kb: KnowledgeBase, v: Vignette) -> None:
    for fid in v.present + v.absent:
        assert fid in kb.findings, fid
    assert not set(v.present) & set(v.absent)
    assert v.primary in kb.conditions
    for alt in v.acceptable:
        assert alt in kb.conditions, alt
    for sid in v.sources:
        assert sid in kb.sources, sid


@pytest.mark.parametrize("v", VIGNETTES, ids=[v.id for v in VIGNETTES])
def test_vignette_is_never_under_triaged(kb: KnowledgeBase, v: Vignette) -> None:
    level, _ = _run(kb, v)
    assert RANK[level] >= RANK[v.expected_triage], f"{v.id}: {level} < {v.expected_triage}"
