"""The interview's working posterior over causes, and what each possible answer would do to it.

This is the engine's model (``twitchcheck.engine.posterior``: prior × one likelihood per finding,
the leak for unmentioned findings) in a form fast enough to try every answer to every question:
log weights per cause in a fixed order, as NumPy vectors, and many candidate answers scored as
one matrix. It adds one thing the engine has no evidence state for: an *open* screen, "at least
one of these findings is present", whose likelihood under the single-cause, conditionally
independent model is ``1 − Π (1 − p(f | c))``.

Like the engine, it counts one fact once over the findings' hierarchy (``implies``): the
evidence it is given is the engine's normalised evidence (an entailed item is not scored), a
"none of these" or "at least one of these" over a set leaves out the findings a broader member
already covers, and an answer about a kind of a finding already present replaces that finding's
term (``yes_term`` / ``no_term``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from twitchcheck.engine.evidence import Evidence, Patient
from twitchcheck.engine.posterior import prior_weight
from twitchcheck.knowledge.model import KnowledgeBase
from twitchcheck.triage.compiled import probability_path
from twitchcheck.triage.rules import LEVELS, RANK, Level, fired_rules, path_factor_sets

Vector = npt.NDArray[np.float64]  # one value per cause, in ``Tables.conditions`` order
Matrix = npt.NDArray[np.float64]  # one row per candidate answer


@dataclass(frozen=True, slots=True)
class Tables:
    """Per-finding log likelihoods as vectors over ``conditions`` (the knowledge base's order).

    ``path_members`` / ``path_ranks`` / ``path_thresholds``: the probability path of the triage
    policy in matrix form — column *j* marks the causes whose care is at least rule *j*'s.
    ``rule_ranks`` caches the strictest rule level per (age, sex, present findings);
    ``path_factors`` a time-critical rule's factor sets per (path index, present findings).
    """

    conditions: tuple[str, ...]
    log_p: dict[str, Vector]
    log_q: dict[str, Vector]  # log(1 − p)
    p: dict[str, Vector]
    broader: dict[str, tuple[str, ...]]
    path_members: Matrix
    path_ranks: tuple[int, ...]
    path_thresholds: Vector
    rule_ranks: dict[tuple[float | None, str | None, frozenset[str]], int]
    path_factors: dict[tuple[int, frozenset[str]], Matrix | None]

    def with_broader(self, f: str) -> frozenset[str]:
        """``f`` and every finding it implies: what a yes to ``f`` makes present."""
        return frozenset((f, *self.broader[f]))


_CACHE: dict[str, Tables] = {}


def tables(kb: KnowledgeBase) -> Tables:
    """The likelihood tables of ``kb`` (built once per knowledge version)."""
    cached = _CACHE.get(kb.version)
    if cached is not None:
        return cached
    conds = tuple(kb.conditions)
    p = {f: np.array([kb.likelihood[c][f] for c in conds], dtype=np.float64) for f in kb.findings}
    rules = probability_path(kb)
    members = np.array(
        [[c in pr.members for pr in rules] for c in conds],
        dtype=np.float64,
    ).reshape(len(conds), len(rules))
    built = Tables(
        conditions=conds,
        log_p={f: np.log(v) for f, v in p.items()},
        log_q={f: np.log1p(-v) for f, v in p.items()},
        p=p,
        broader={f: tuple(kb.broader[f]) for f in kb.findings},
        path_members=members,
        path_ranks=tuple(RANK[pr.level] for pr in rules),
        path_thresholds=np.array([pr.threshold for pr in rules], dtype=np.float64),
        rule_ranks={},
        path_factors={},
    )
    if len(_CACHE) >= 8:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[kb.version] = built
    return built


def prior(kb: KnowledgeBase, patient: Patient) -> Vector:
    """Log prior weight of every cause for this age band and sex."""
    return np.log(
        np.array([prior_weight(kb, c, patient) for c in tables(kb).conditions], dtype=np.float64)
    )


def with_evidence(t: Tables, weights: Vector, evidence: Iterable[Evidence]) -> Vector:
    """``weights`` updated with present/absent evidence (unknown, or entailed by other items of
    normalised evidence, changes nothing: ``Evidence.scored``)."""
    out = weights.copy()
    for ev in evidence:
        if ev.scored:
            out += t.log_p[ev.id] if ev.state == "present" else t.log_q[ev.id]
    return out


def none_of(t: Tables, findings: Iterable[str]) -> Vector:
    """Per cause: log P(every one of ``findings`` absent | cause) — a finding whose broader
    finding is among them adds nothing (it is absent whenever that one is)."""
    out = np.zeros(len(t.conditions), dtype=np.float64)
    chosen = set(findings)
    for f in chosen:
        if not any(p in chosen for p in t.broader[f]):
            out += t.log_q[f]
    return out


def yes_term(t: Tables, f: str, scored_present: frozenset[str]) -> Vector:
    """Per cause: the change of log weight when ``f`` is found present, given the findings
    present and scored now: a broader one of them is replaced by ``f``, which entails it."""
    out = t.log_p[f].copy()
    for p in t.broader[f]:
        if p in scored_present:
            out -= t.log_p[p]
    return out


def no_term(t: Tables, f: str, scored_present: frozenset[str]) -> Vector:
    """Per cause: the change of log weight when ``f`` is found absent: log P(not f | its
    nearest broader finding present, cause) when that one is present and scored, else log(1 − p)."""
    parent = next((p for p in t.broader[f] if p in scored_present), None)
    if parent is None:
        return t.log_q[f]
    with np.errstate(divide="ignore"):
        out: Vector = np.log1p(-np.minimum(t.p[f] / t.p[parent], 1.0))
    return out


def some_of(t: Tables, findings: Iterable[str]) -> Vector:
    """Per cause: log P(at least one of ``findings`` present | cause); −inf for none at all."""
    x = none_of(t, findings)
    with np.errstate(divide="ignore"):
        # log(1 − e^x) accurately on both sides of −log 2 (Mächler 2012).
        return np.where(x > -math.log(2), np.log(-np.expm1(x)), np.log1p(-np.exp(x)))


def logsumexp(weights: Matrix) -> Vector:
    """log Σ exp(w) along the last axis, max-shifted (a row of −inf gives −inf)."""
    top = np.max(weights, axis=-1, keepdims=True)
    safe = np.where(np.isfinite(top), top, 0.0)
    with np.errstate(divide="ignore"):
        out = np.log(np.sum(np.exp(weights - safe), axis=-1, keepdims=True)) + safe
    return np.asarray(np.squeeze(out, axis=-1), dtype=np.float64)


def probabilities(weights: Matrix) -> Matrix:
    """Normalised probabilities along the last axis (rows of −inf give zeros)."""
    top = np.max(weights, axis=-1, keepdims=True)
    raw = np.exp(weights - np.where(np.isfinite(top), top, 0.0))
    total = np.sum(raw, axis=-1, keepdims=True)
    return np.asarray(raw / np.where(total > 0, total, 1.0), dtype=np.float64)


def entropy(probs: Matrix) -> Vector:
    """Shannon entropy in bits along the last axis."""
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(probs > 0, probs * np.log2(np.where(probs > 0, probs, 1.0)), 0.0)
    return np.asarray(-np.sum(terms, axis=-1), dtype=np.float64)


def levels(
    kb: KnowledgeBase,
    t: Tables,
    patient: Patient,
    probs: Matrix,
    presents: Sequence[frozenset[str]],
) -> list[Level]:
    """The triage level of each row: its cause probabilities with its present findings.

    The same as ``triage.rules.evaluate(...).level`` (a test checks it): the strictest of the
    rules that fire (cached per set of present findings) and the probability path. A
    time-critical cause's probability is taken over the ways of leaving out the red flags it does
    not count, from the present findings alone (each taken as given, none as implied), which is
    what ``evaluate`` does for such evidence.
    """
    rows = np.atleast_2d(probs)
    masses = rows @ t.path_members  # rows × probability rules
    for j, rule in enumerate(probability_path(kb)):
        if rule.red_flags is None:
            continue
        # A time-critical cause: its probability is the highest over the ways of leaving out
        # the present red flags it does not count (triage.rules.path_factor_sets), from the
        # present findings of each row.
        seen = t.path_factors
        for i, present in enumerate(presents):
            ways = (j, present)
            if ways not in seen:
                given = tuple(Evidence(f, "present") for f in sorted(present))
                sets = path_factor_sets(kb, rule, given)
                if len(seen) > 100_000:
                    seen.clear()
                seen[ways] = (
                    None
                    if sets is None
                    else np.array([[fs[c] for c in t.conditions] for fs in sets])
                )
            factor = seen[ways]
            if factor is not None:
                weights = rows[i] * factor  # one row per way
                totals = weights.sum(axis=1)
                ok = totals > 0.0
                # else as triage.rules.path_probability: that way counts the posterior
                counted = np.where(
                    ok, (weights @ t.path_members[:, j]) / np.where(ok, totals, 1.0), masses[i, j]
                )
                masses[i, j] = float(counted.max())
    reached = masses >= t.path_thresholds
    out: list[Level] = []
    for i, present in enumerate(presents):
        key = (patient.age, patient.sex, present)
        rank = t.rule_ranks.get(key)
        if rank is None:
            rank = max((RANK[r.level] for r in fired_rules(kb, patient, present)), default=0)
            if len(t.rule_ranks) > 100_000:
                t.rule_ranks.clear()
            t.rule_ranks[key] = rank
        for j, path_rank in enumerate(t.path_ranks):
            if path_rank > rank and reached[i, j]:
                rank = path_rank
        out.append(LEVELS[rank])
    return out
