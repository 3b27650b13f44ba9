"""Hand-computed posteriors with a finding hierarchy (``implies``) on the worked-example kb.

The small kb (tests/golden/kb_small, see test_posterior_golden) gets one more finding, w, a kind
of y (``implies: [y]``), background 0.1, that no cause gives a number for. Its leak follows y:
p(w|cause) = 0.1 · p(y|cause) / 0.5, capped at p(y|cause):

    a: 0.1 · 0.1 / 0.5 = 0.02     b: 0.1 · 0.9 / 0.5 = 0.18     c: 0.1 · 0.5 / 0.5 = 0.1

w present (y follows and is not scored again, stated or not):
    a: 0.6 · 0.02 = 0.012   b: 0.3 · 0.18 = 0.054   c: 0.1 · 0.1 = 0.010   total 0.076
    P(a) = 0.157894..., P(b) = 0.710526..., P(c) = 0.131578...

y absent (w follows, absent, and is not scored again):
    a: 0.6 · 0.9 = 0.54     b: 0.3 · 0.1 = 0.03     c: 0.1 · 0.5 = 0.05     total 0.62
    P(a) = 0.870967..., P(b) = 0.048387..., P(c) = 0.080645...
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import small_kb_with
from twitchcheck import ContradictionError, Evidence, KnowledgeBase, Patient, update

W = """id: w
category: symptom
label: "Finding w, a kind of y"
question: "Do you have w?"
clinician_label: "Finding w"
codes: {hpo: ["HP:0003484"]}
lay_phrases: ["phrase w"]
implies: [y]
red_flag: false
background: {p: 0.1, source: textbook}
"""

PATIENT = Patient(40, "female")


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return small_kb_with(Path(tmp_path_factory.mktemp("hier")), {"w": W})


def test_an_unstated_narrower_finding_leaks_through_its_broader_one(kb: KnowledgeBase) -> None:
    assert kb.likelihood["a"]["w"] == pytest.approx(0.02)
    assert kb.likelihood["b"]["w"] == pytest.approx(0.18)
    assert kb.likelihood["c"]["w"] == pytest.approx(0.1)
    assert kb.broader["w"] == ("y",) and kb.narrower["y"] == ("w",)


@pytest.mark.parametrize(
    "evidence",
    [
        [Evidence("w", "present")],
        [Evidence("w", "present"), Evidence("y", "present")],
    ],
    ids=["w alone", "w and y said both"],
)
def test_a_narrower_present_finding_counts_once(
    kb: KnowledgeBase, evidence: list[Evidence]
) -> None:
    post = update(kb, PATIENT, evidence)
    assert post.probabilities["a"] == pytest.approx(0.012 / 0.076, abs=1e-9)
    assert post.probabilities["b"] == pytest.approx(0.054 / 0.076, abs=1e-9)
    assert post.probabilities["c"] == pytest.approx(0.010 / 0.076, abs=1e-9)
    y = next(e for e in post.evidence if e.id == "y")
    assert (y.state, y.implied_by) == ("present", ("w",))
    assert y.origin == ("implied" if len(evidence) == 1 else "structured")


@pytest.mark.parametrize(
    "evidence",
    [[Evidence("y", "absent")], [Evidence("y", "absent"), Evidence("w", "absent")]],
    ids=["y absent", "y and w absent"],
)
def test_an_absent_broader_finding_counts_once(kb: KnowledgeBase, evidence: list[Evidence]) -> None:
    post = update(kb, PATIENT, evidence)
    assert post.probabilities["a"] == pytest.approx(0.54 / 0.62, abs=1e-9)
    assert post.probabilities["b"] == pytest.approx(0.03 / 0.62, abs=1e-9)
    assert post.probabilities["c"] == pytest.approx(0.05 / 0.62, abs=1e-9)
    w = next(e for e in post.evidence if e.id == "w")
    assert (w.state, w.implied_by) == ("absent", ("y",))


def test_structured_narrower_present_beside_broader_absent_is_refused(kb: KnowledgeBase) -> None:
    with pytest.raises(ContradictionError, match=r"'w'.*kind of 'y'.*absent"):
        update(kb, PATIENT, [Evidence("w", "present"), Evidence("y", "absent")])


@pytest.mark.parametrize("origin", ["text", "interview", "record"])
def test_from_words_or_records_the_narrower_present_finding_wins(
    kb: KnowledgeBase, origin: str
) -> None:
    """Outside structured input a contradiction is resolved the safe way: present stays."""
    post = update(kb, PATIENT, [Evidence("w", "present", origin), Evidence("y", "absent")])  # type: ignore[arg-type]
    states = {e.id: e.state for e in post.evidence}
    assert states == {"w": "present", "y": "present"}
    assert post.probabilities["b"] == pytest.approx(0.054 / 0.076, abs=1e-9)
