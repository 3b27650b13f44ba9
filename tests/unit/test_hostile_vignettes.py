"""The hostile vignettes (issue 16): at least 60, kept apart, well-formed and sourced. How the
engine does on them is measured by ``make bench`` (bench/hostile.py), not asserted here: they are
never used to tune the knowledge."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.hostile import figures, structured_evidence
from tests.vignette_cases import HOSTILE_DIR, HostileVignette, load_hostile, load_vignettes
from twitchcheck import KnowledgeBase

HOSTILE = load_hostile()


def test_at_least_60_hostile_vignettes_kept_apart() -> None:
    assert len(HOSTILE) >= 60
    ids = [v.id for v in HOSTILE]
    assert len(set(ids)) == len(ids)
    assert not set(ids) & {v.id for v in load_vignettes()}
    for v in HOSTILE:
        assert (HOSTILE_DIR / f"{v.id}.yaml").exists()
        assert v.set == "hostile"
    kinds = Counter(k for v in HOSTILE for k in v.hostility)
    for kind in ("distractor", "early_emergency", "dont_know", "contradictory", "incomplete"):
        assert kinds[kind] >= 5, kind


@pytest.mark.parametrize("v", HOSTILE, ids=[v.id for v in HOSTILE])
def test_hostile_vignette_refers_to_known_ids(kb: KnowledgeBase, v: HostileVignette) -> None:
    for fid in v.present + v.absent + v.unknown:
        assert fid in kb.findings, fid
    lists = [set(v.present), set(v.absent), set(v.unknown)]
    assert not (lists[0] & lists[1] or lists[0] & lists[2] or lists[1] & lists[2]), v.id
    assert v.primary in kb.conditions
    for alt in v.acceptable:
        assert alt in kb.conditions, alt
    for sid in v.sources:
        assert sid in kb.sources, sid
    assert structured_evidence(v)


def test_the_bench_figures_count_under_triage() -> None:
    from bench.cases import CaseResult

    def case(
        id_: str, expected: str, got: str, ranking: tuple[str, ...], primary: str
    ) -> CaseResult:
        return CaseResult(
            id=id_,
            set="hostile",
            difficulty="hard",
            primary=primary,
            acceptable=(),
            expected_triage=expected,
            triage=got,
            ranking=ranking,
            probabilities={},
            prior={},
        )

    a = case("a", "urgent", "routine", ("als", "bfs"), "als")
    b = case("b", "emergency", "emergency", ("x", "y", "z"), "z")
    f = figures([a, b])
    assert f["under_triage"] == ["a"] and f["over_triage"] == 0
    assert f["top1"] == 0.5 and f["top3"] == 1.0 and f["emergencies"] == "1/1"
