"""Conservative triage: the stricter of the red-flag rules and the probability path.

- Rules (``kb/triage/rules``) look only at present findings, age and sex, so adding evidence can
  only make more of them fire: they can only raise the level.
- The probability path (``triage.compiled.probability_path``) raises the level to ``routine`` or
  ``urgent`` when causes needing that much care are probable enough (``kb/triage/policy.yaml``),
  and to ``emergency`` when a time-critical cause (a condition's ``emergency_at``, e.g.
  insecticide poisoning) is probable enough on its own.
- Floors set by the caller (the interview: the level of the person's own opening words, and a
  red flag they were not sure about) can only raise the level further.
- The result is the strictest level any of them gives; ``self_care`` when none does. Every level
  above self_care comes with the reasons that set it, each with its source.

Every red-flag finding fires a rule at ``urgent`` or above on its own (a knowledge-base check),
and the policy rules of the probability path top out at ``urgent``. A time-critical cause's
probability counts the red flags it is the likeliest cause of, and is the highest over the ways
of leaving the others out that keep at most a few of them (:func:`path_probability`): adding a
counted flag can only raise it, adding any other keeps every way it had. So adding a red flag
can never lower the level (docs/model.md §2; Hypothesis properties in ``tests/unit``).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from twitchcheck.engine.evidence import Evidence, Patient, normalize
from twitchcheck.engine.posterior import Posterior
from twitchcheck.knowledge.model import KnowledgeBase

from .compiled import CompiledRules, PathRule, compiled_rules, probability_path

Level = Literal["emergency", "urgent", "routine", "self_care"]
LEVELS: tuple[Level, ...] = ("self_care", "routine", "urgent", "emergency")
RANK: dict[str, int] = {lv: i for i, lv in enumerate(LEVELS)}


@dataclass(frozen=True, slots=True)
class Reason:
    """Why the level is at least ``level``.

    Attributes:
        kind: ``rule`` (a red-flag rule fired), ``probability`` (serious causes are probable),
            ``stated`` (the person's own opening words already needed this level) or ``unsure``
            (the person could not rule out a red flag).
        id: the rule or probability-rule id.
        findings: the present findings that made a rule fire (empty for the probability path).
        conditions: for the probability path, the causes that made up the probability.
        probability: for the probability path, the summed probability.
    """

    kind: Literal["rule", "probability", "stated", "unsure"]
    id: str
    level: Level
    title: str
    advice: str
    source: str
    findings: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    probability: float | None = None


@dataclass(frozen=True, slots=True)
class TriageResult:
    level: Level
    reasons: tuple[Reason, ...]
    label: str
    advice: str


# Reasons of one level are listed rules first (their advice is the most specific).
_KIND_ORDER = {"rule": 0, "stated": 1, "unsure": 2, "probability": 3}


def fired_rules(kb: KnowledgeBase, patient: Patient, present: frozenset[str]) -> list[Reason]:
    """Every red-flag rule that fires for these present findings."""
    rules = compiled_rules(kb)
    fired = rules.fired((rules.index[f] for f in present), patient.age, patient.sex)
    return rule_reasons(kb, rules, fired, present)


def rule_reasons(
    kb: KnowledgeBase, rules: CompiledRules, fired: Iterable[int], present: Collection[str]
) -> list[Reason]:
    """The reasons of the rules ``fired`` (indices into ``kb.rules``), each naming the present
    findings that made it fire."""
    out = []
    for r in fired:
        rule = kb.rules[r]
        matched = tuple(f for f in rules.named[r] if f in present)
        out.append(
            Reason("rule", rule.id, rule.level, rule.title, rule.advice, rule.source, matched)
        )
    return out


def probability_reason(
    kb: KnowledgeBase, index: int, members: Sequence[tuple[str, float]]
) -> Reason | None:
    """Rule ``index`` of ``probability_path(kb)``, given the causes it counts with their
    probabilities, most probable first: its reason when their summed probability reaches the
    threshold, else ``None``. The sum runs in that order (the batch scorer relies on it to report
    the same figure)."""
    pr = probability_path(kb)[index]
    mass = sum(p for _, p in members)
    if mass < pr.threshold:
        return None
    text = next(lv for lv in kb.policy.levels if lv.id == pr.level)
    return Reason(
        "probability",
        pr.id,
        pr.level,
        pr.title,
        text.advice,
        pr.source,
        conditions=tuple(cid for cid, _ in members[:3]),
        probability=mass,
    )


def _term(p: float, state: str) -> float:
    return p if state == "present" else 1.0 - p


#: A time-critical cause's probability is tried keeping at most this many of the present red
#: flags it does not count, all others left out (every subset when there are no more): the cost is
#: one normalisation per subset, about 1 + k + k(k-1)/2 + k(k-1)(k-2)/6 for k such flags.
KEPT_AT_MOST = 3


def path_factor_sets(
    kb: KnowledgeBase, rule: PathRule, evidence: Sequence[Evidence]
) -> list[dict[str, float]] | None:
    """For a time-critical rule: per way of leaving flags out, the factor by which each cause's
    posterior weight changes.

    The present red flags outside ``rule.red_flags`` (the *uncounted* ones) are left out in every
    way that keeps at most :data:`KEPT_AT_MOST` of them (the terms of what a left-out flag
    entailed put back); keeping them all is one of the ways when there are no more than that.
    ``None`` when there is no uncounted present red flag (or for a policy rule): the posterior
    stands.

    The family is chosen so that adding a red flag never lowers the highest probability over it:
    a way for the old evidence, with the new flag left out too, is a way for the new evidence
    that gives the same weights.
    """
    if rule.red_flags is None:
        return None
    uncounted = sorted(
        {
            ev.id
            for ev in evidence
            if ev.state == "present"
            and ev.id not in rule.red_flags
            and kb.findings[ev.id].red_flag
            and ev.origin != "implied"
        }
    )
    if not uncounted:
        return None
    before = {(ev.id, ev.state) for ev in evidence if ev.scored}
    given = [ev for ev in evidence if ev.origin != "implied"]
    out: list[dict[str, float]] = []
    for size in range(min(KEPT_AT_MOST, len(uncounted)) + 1):
        for kept in combinations(uncounted, size):
            left_out = set(uncounted) - set(kept)
            if not left_out:
                out.append(dict.fromkeys(kb.conditions, 1.0))
                continue
            after_ev = normalize(kb, [ev for ev in given if ev.id not in left_out])
            after = {(ev.id, ev.state) for ev in after_ev if ev.scored}
            dropped, added = sorted(before - after), sorted(after - before)
            factors = {}
            for c in sorted(kb.conditions):
                like = kb.likelihood[c]
                f = 1.0
                for fid, state in dropped:
                    f /= _term(like[fid], state)
                for fid, state in added:
                    f *= _term(like[fid], state)
                factors[c] = f
            out.append(factors)
    return out


def path_probability(
    kb: KnowledgeBase,
    rule: PathRule,
    evidence: Sequence[Evidence],
    probabilities: Sequence[float],
) -> list[tuple[str, float]]:
    """The causes ``rule`` counts, with the probabilities it counts them at.

    Args:
        evidence: the normalised evidence of the posterior.
        probabilities: the posterior, one per cause in condition id order.

    A policy rule counts its causes at their posterior probability. A time-critical rule counts
    its cause at the highest probability it has over the ways of leaving out the present red
    flags it does not count (:func:`path_factor_sets`), each renormalised over every cause in
    condition id order — the same arithmetic for ``assess()`` and the batch scorer.
    """
    conds = sorted(kb.conditions)
    posterior = [(c, p) for c, p in zip(conds, probabilities, strict=True) if c in rule.members]
    sets = path_factor_sets(kb, rule, evidence)
    if sets is None:
        return posterior
    best: list[tuple[str, float]] | None = None
    for factors in sets:
        weights = [p * factors[c] for c, p in zip(conds, probabilities, strict=True)]
        total = math.fsum(weights)
        # no weight left once the flags are left out (a belief that the evidence rules out):
        # that way counts the causes at their posterior, as a policy rule does
        counted = (
            [(c, w / total) for c, w in zip(conds, weights, strict=True) if c in rule.members]
            if total > 0.0
            else posterior
        )
        if best is None or math.fsum(p for _, p in counted) > math.fsum(p for _, p in best):
            best = counted
    assert best is not None  # the family is never empty
    return best


def probability_reasons(kb: KnowledgeBase, posterior: Posterior) -> list[Reason]:
    """Probability-path reasons whose threshold is reached."""
    out = []
    ranked = sorted(posterior.probabilities.items(), key=lambda x: -x[1])
    probabilities = [posterior.probabilities[c] for c in sorted(kb.conditions)]
    for k, pr in enumerate(probability_path(kb)):
        if pr.red_flags is None:
            members = [(cid, p) for cid, p in ranked if cid in pr.members]
        else:
            counted = path_probability(kb, pr, posterior.evidence, probabilities)
            members = sorted(counted, key=lambda x: -x[1])
        reason = probability_reason(kb, k, members)
        if reason is not None:
            out.append(reason)
    return out


def conclude(kb: KnowledgeBase, reasons: Iterable[Reason]) -> TriageResult:
    """The strictest level of ``reasons`` with every reason, strictest first (at one level: rules,
    then the person's own words, then doubt, then the probability path; then by id)."""
    listed = list(reasons)
    level: Level = "self_care"
    for r in listed:
        if RANK[r.level] > RANK[level]:
            level = r.level
    listed.sort(key=lambda r: (-RANK[r.level], _KIND_ORDER[r.kind], r.id))
    text = next(lv for lv in kb.policy.levels if lv.id == level)
    return TriageResult(level, tuple(listed), text.label, text.advice)


def evaluate(
    kb: KnowledgeBase, patient: Patient, posterior: Posterior, floors: Iterable[Reason] = ()
) -> TriageResult:
    """The triage level for this patient, evidence (from the posterior) and posterior.

    Args:
        floors: further reasons the caller knows of (kind ``stated`` or ``unsure``); like the
            rules, each can only raise the level.

    Returns:
        The strictest level any rule, floor or the probability path gives, with every reason
        that reached that level first, then the others (strictest first).
    """
    present = frozenset(ev.id for ev in posterior.evidence if ev.state == "present")
    return conclude(
        kb, fired_rules(kb, patient, present) + probability_reasons(kb, posterior) + [*floors]
    )
