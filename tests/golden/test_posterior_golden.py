"""Hand-computed posteriors on the worked-example knowledge base, checked by brute force.

The example (tests/golden/kb_small): three causes with priors a 0.6, b 0.3, c 0.1 (same at every
age, sex multipliers 1). Findings x (background 0.1), y (0.5), z (0.3).
p(x|a)=0.8, p(y|a)=0.1; p(x|b)=0.2, p(y|b)=0.9; c gives only p(z|c)=0.5, so for c the leak applies:
p(x|c)=0.1, p(y|c)=0.5.

Evidence x present, y absent:
    a: 0.6 · 0.8 · 0.9 = 0.432
    b: 0.3 · 0.2 · 0.1 = 0.006
    c: 0.1 · 0.1 · 0.5 = 0.005        total 0.443
    P(a) = 0.432 / 0.443 = 0.975169..., P(b) = 0.013544..., P(c) = 0.011287...
"""

from __future__ import annotations

import itertools
import math

import pytest

from twitchcheck import Evidence, KnowledgeBase, Patient, explain, update

PRIOR = {"a": 0.6, "b": 0.3, "c": 0.1}
LIK = {
    "a": {"x": 0.8, "y": 0.1, "z": 0.3},
    "b": {"x": 0.2, "y": 0.9, "z": 0.3},
    "c": {"x": 0.1, "y": 0.5, "z": 0.5},
}


def brute_force(observed: dict[str, bool]) -> dict[str, float]:
    """Enumerate the full joint P(cause, x, y, z) and condition on the observed findings."""
    joint: dict[str, float] = dict.fromkeys(PRIOR, 0.0)
    for cause in PRIOR:
        for values in itertools.product([True, False], repeat=3):
            world = dict(zip("xyz", values, strict=True))
            if any(world[f] != v for f, v in observed.items()):
                continue
            p = PRIOR[cause]
            for f, present in world.items():
                p *= LIK[cause][f] if present else 1 - LIK[cause][f]
            joint[cause] += p
    total = sum(joint.values())
    return {c: v / total for c, v in joint.items()}


def test_hand_computed_numbers(small_kb: KnowledgeBase) -> None:
    post = update(small_kb, Patient(age=40), [Evidence("x", "present"), Evidence("y", "absent")])
    assert post.probabilities["a"] == pytest.approx(0.432 / 0.443, abs=1e-12)
    assert post.probabilities["b"] == pytest.approx(0.006 / 0.443, abs=1e-12)
    assert post.probabilities["c"] == pytest.approx(0.005 / 0.443, abs=1e-12)
    assert list(post.probabilities) == ["a", "b", "c"]


@pytest.mark.parametrize(
    "observed",
    [
        {},
        {"x": True},
        {"y": True},
        {"x": True, "y": False},
        {"x": False, "y": True, "z": True},
        {"x": True, "y": True, "z": False},
    ],
)
def test_engine_equals_brute_force_enumeration(
    small_kb: KnowledgeBase, observed: dict[str, bool]
) -> None:
    evidence = [Evidence(f, "present" if v else "absent") for f, v in observed.items()]
    post = update(small_kb, Patient(age=40, sex="female"), evidence)
    expected = brute_force(observed)
    for cause, p in expected.items():
        assert post.probabilities[cause] == pytest.approx(p, abs=1e-12)


def test_explanation_decomposes_into_prior_and_ratios(small_kb: KnowledgeBase) -> None:
    evidence = [Evidence("x", "present"), Evidence("y", "absent")]
    ex = explain(small_kb, Patient(age=40), evidence, "b")
    ratios = {t.finding: t.ratio for t in ex.terms}
    # x present: 0.2 / 0.1 = 2; y absent: (1 - 0.9) / (1 - 0.5) = 0.2
    assert ratios == pytest.approx({"x": 2.0, "y": 0.2})
    assert [t.finding for t in ex.supporting] == ["x"]
    assert [t.finding for t in ex.opposing] == ["y"]
    # Posterior odds of b against a, rebuilt from priors and ratios alone.
    ex_a = explain(small_kb, Patient(age=40), evidence, "a")
    log_odds = (
        math.log(ex.prior_weight)
        + sum(math.log(t.ratio) for t in ex.terms)
        - math.log(ex_a.prior_weight)
        - sum(math.log(t.ratio) for t in ex_a.terms)
    )
    assert math.exp(log_odds) == pytest.approx(ex.probability / ex_a.probability)


def test_codes_resolve_to_findings(small_kb: KnowledgeBase) -> None:
    by_code = update(small_kb, Patient(age=40), [Evidence("hp:0002380", "present")])
    by_id = update(small_kb, Patient(age=40), [Evidence("x", "present")])
    assert dict(by_code.probabilities) == dict(by_id.probabilities)
    assert by_code.evidence[0].id == "x"
