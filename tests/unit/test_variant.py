"""``with_numbers``: a knowledge base with some numbers replaced, validated like a loaded one."""

from __future__ import annotations

import pytest

from twitchcheck import Evidence, KnowledgeBase, KnowledgeError, Patient, update
from twitchcheck.knowledge.checks import iter_numbers
from twitchcheck.knowledge.variant import with_numbers

LIKELIHOOD = "kb/conditions/als.yaml: likelihoods.cramps"


def test_a_changed_likelihood_moves_the_posterior_and_leaves_the_original(
    kb: KnowledgeBase,
) -> None:
    old = kb.likelihood["als"]["cramps"]
    variant = with_numbers(kb, {LIKELIHOOD: old / 2})
    assert variant.likelihood["als"]["cramps"] == old / 2
    assert kb.likelihood["als"]["cramps"] == old
    assert variant.version.startswith(kb.version + "+") and variant.version != kb.version
    patient, ev = Patient(60, "male"), [Evidence("cramps", "present")]
    assert (
        update(variant, patient, ev).probabilities["als"]
        < update(kb, patient, ev).probabilities["als"]
    )
    # every other number is untouched, and the citation stays with the number
    lk = next(x for x in variant.conditions["als"].likelihoods if x.finding == "cramps")
    orig = next(x for x in kb.conditions["als"].likelihoods if x.finding == "cramps")
    assert (lk.source, lk.estimate, lk.basis) == (orig.source, orig.estimate, orig.basis)


def test_every_address_kb_validate_prints_can_be_replaced(kb: KnowledgeBase) -> None:
    numbers = list(iter_numbers(conditions=kb.conditions, findings=kb.findings, policy=kb.policy))
    changes = {n.where: n.value for n in numbers}
    variant = with_numbers(kb, changes)
    assert variant.likelihood == kb.likelihood
    assert variant.conditions == kb.conditions and variant.findings == kb.findings
    assert variant.policy == kb.policy
    assert variant.questions == kb.questions


def test_priors_backgrounds_and_thresholds(kb: KnowledgeBase) -> None:
    rule = kb.policy.probability_rules[0].id
    variant = with_numbers(
        kb,
        {
            "kb/conditions/als.yaml: prior.by_age.adult_60_69": 0.2,
            "kb/conditions/als.yaml: prior.sex.male": 2.0,
            "kb/findings/cramps.yaml: background": 0.5,
            f"kb/triage/policy.yaml: probability_rules.{rule}.threshold": 0.4,
        },
    )
    assert variant.conditions["als"].prior.by_age.adult_60_69 == 0.2
    assert variant.conditions["als"].prior.sex.male == 2.0
    assert variant.findings["cramps"].background.p == 0.5
    assert variant.policy.probability_rules[0].threshold.value == 0.4
    # the leak follows the new background for causes that give no likelihood of their own
    silent = next(c for c in kb.conditions if "cramps" not in kb.explicit[c])
    assert variant.likelihood[silent]["cramps"] == 0.5


def test_no_changes_gives_the_same_knowledge_base(kb: KnowledgeBase) -> None:
    assert with_numbers(kb, {}) is kb


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({LIKELIHOOD: 1.5}, "kb/conditions/als.yaml: likelihoods"),
        ({LIKELIHOOD: 0.0}, "kb/conditions/als.yaml: likelihoods"),
        ({"kb/conditions/als.yaml: prior.sex.male": 20.0}, "prior.sex.male"),
        ({"kb/conditions/als.yaml: likelihoods.no_such_finding": 0.5}, "no such number"),
        ({"kb/conditions/nope.yaml: likelihoods.cramps": 0.5}, "no such knowledge-base file"),
        ({"kb/findings/cramps.yaml: label": 0.5}, "no such number"),
        ({"kb/triage/policy.yaml: probability_rules.nope.threshold": 0.5}, "no such number"),
        ({"just words": 0.5}, "not a number address"),
    ],
)
def test_invalid_changes_are_refused(
    kb: KnowledgeBase, changes: dict[str, float], message: str
) -> None:
    with pytest.raises(KnowledgeError) as info:
        with_numbers(kb, changes)
    assert message in str(info.value)
