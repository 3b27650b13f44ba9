"""A cause with weakness does not "have" every kind of it (kb ``share_of_broader``).

Before the share, the leak of a kind was b(kind) / b(weakness) of the cause's weakness, and the
backgrounds of dropping things, tripping and stairs equal that of weakness: any cause with
weakness had each of them as often as weakness itself (Kennedy disease dropped things at 0.8).
"""

from __future__ import annotations

import pytest

from twitchcheck import KnowledgeBase
from twitchcheck.knowledge.variant import with_numbers


def _kinds_with_share(kb: KnowledgeBase) -> list[str]:
    return [fid for fid, f in kb.findings.items() if f.share_of_broader is not None]


def test_the_weakness_kinds_have_a_share(kb: KnowledgeBase) -> None:
    assert {"dropping_things", "tripping", "difficulty_stairs", "difficulty_rising"} <= set(
        _kinds_with_share(kb)
    )


def test_an_unstated_kind_takes_only_its_share_of_the_excess(kb: KnowledgeBase) -> None:
    for fid in _kinds_with_share(kb):
        f = kb.findings[fid]
        assert f.share_of_broader is not None
        share, b = f.share_of_broader.p, f.background.p
        for cid in kb.conditions:
            if fid in kb.explicit[cid]:
                continue
            for parent in f.implies:
                p_parent, b_parent = kb.likelihood[cid][parent], kb.findings[parent].background.p
                want = (
                    b + share * (p_parent - b_parent)
                    if p_parent > b_parent
                    else (b * p_parent / b_parent)
                )
                assert kb.likelihood[cid][fid] <= min(want, p_parent) + 1e-12, (cid, fid)


def test_kennedy_disease_no_longer_drops_things_as_often_as_it_is_weak(kb: KnowledgeBase) -> None:
    weak = kb.likelihood["kennedy_disease"]["weakness"]
    drops = kb.likelihood["kennedy_disease"]["dropping_things"]
    share = kb.findings["dropping_things"].share_of_broader
    assert share is not None and "dropping_things" not in kb.explicit["kennedy_disease"]
    b_drop, b_weak = (
        kb.findings["dropping_things"].background.p,
        kb.findings["weakness"].background.p,
    )
    assert drops == pytest.approx(b_drop + share.p * (weak - b_weak))
    assert drops < weak / 2


def test_a_cause_that_says_nothing_of_weakness_says_nothing_of_its_kinds(
    kb: KnowledgeBase,
) -> None:
    for cid in kb.conditions:
        if kb.likelihood[cid]["weakness"] == kb.findings["weakness"].background.p:
            for fid in _kinds_with_share(kb):
                if fid not in kb.explicit[cid]:
                    assert kb.likelihood[cid][fid] == pytest.approx(kb.findings[fid].background.p)


def test_the_share_is_a_number_the_sensitivity_analysis_can_move(kb: KnowledgeBase) -> None:
    variant = with_numbers(kb, {"kb/findings/tripping.yaml: share_of_broader": 0.7})
    share = variant.findings["tripping"].share_of_broader
    assert share is not None and share.p == 0.7
    assert (
        variant.likelihood["kennedy_disease"]["tripping"]
        > kb.likelihood["kennedy_disease"]["tripping"]
        or "tripping" in kb.explicit["kennedy_disease"]
    )
