"""The posterior over causes: a single-cause Bayesian model with a leak.

For each cause c, with prior π(c | age band, sex) and evidence E:

    P(c | E) ∝ π(c) · Π_{f present} p(f|c) · Π_{f absent} (1 − p(f|c))

where p(f|c) is the kb likelihood when the cause gives one and otherwise the finding's
background rate b(f) (the leak). Dividing every factor by the same background term, b(f) or
1 − b(f), leaves the posterior unchanged and turns each factor into a likelihood ratio — that is
the explanation (``explain.py``). Unknown findings contribute nothing. See docs/model.md for the
assumptions and their limits.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from twitchcheck.knowledge.model import KnowledgeBase

from .evidence import Evidence, Patient, normalize

ENGINE_VERSION = "naive-bayes-leak/1"


@dataclass(frozen=True, slots=True)
class Posterior:
    """The result of :func:`update`.

    Attributes:
        probabilities: condition id → posterior probability, highest first; sums to 1.
        prior: condition id → prior probability for this age band and sex (normalised).
        band: the age band used.
        evidence: the normalised evidence (canonical ids, no duplicates).
    """

    probabilities: Mapping[str, float]
    prior: Mapping[str, float]
    band: str
    evidence: tuple[Evidence, ...]

    def ranked(self) -> list[tuple[str, float]]:
        """``(condition id, probability)`` pairs, highest first."""
        return list(self.probabilities.items())


def prior_weight(kb: KnowledgeBase, condition_id: str, patient: Patient) -> float:
    """The unnormalised prior of one cause for this patient's age band and sex.

    An unknown sex takes the mean of the two multipliers.
    """
    cond = kb.conditions[condition_id]
    band = kb.band_for(patient.age).id
    share: float = getattr(cond.prior.by_age, band)
    sex = cond.prior.sex
    mult = {"female": sex.female, "male": sex.male}.get(
        patient.sex or "", (sex.female + sex.male) / 2
    )
    return share * mult


def log_factor(kb: KnowledgeBase, condition_id: str, ev: Evidence) -> float:
    """log P(this evidence item | cause): 0 for unknown."""
    if ev.state == "unknown":
        return 0.0
    p = kb.likelihood[condition_id][ev.id]
    return math.log(p) if ev.state == "present" else math.log1p(-p)


def _normalise(logs: Mapping[str, float]) -> dict[str, float]:
    top = max(logs.values())
    weights = {k: math.exp(v - top) for k, v in logs.items()}
    total = math.fsum(weights.values())
    return {k: w / total for k, w in weights.items()}


def update(kb: KnowledgeBase, patient: Patient, evidence: Iterable[Evidence]) -> Posterior:
    """Compute the posterior over every cause in the knowledge base.

    Args:
        kb: a validated knowledge base.
        patient: age and sex (either may be unknown).
        evidence: findings with states; ids or codes; order does not matter.

    Returns:
        A :class:`Posterior` listing every condition, highest probability first.

    Raises:
        UnknownIdError, ContradictionError, InvalidValueError: see ``evidence.normalize``.
    """
    items = normalize(kb, evidence)
    log_prior = {c: math.log(prior_weight(kb, c, patient)) for c in kb.conditions}
    log_post = {
        c: lp + math.fsum(log_factor(kb, c, ev) for ev in items) for c, lp in log_prior.items()
    }
    probs = _normalise(log_post)
    ranked = dict(sorted(probs.items(), key=lambda kv: (-kv[1], kv[0])))
    return Posterior(
        probabilities=MappingProxyType(ranked),
        prior=MappingProxyType(_normalise(log_prior)),
        band=kb.band_for(patient.age).id,
        evidence=items,
    )
