"""The posterior over causes: a single-cause Bayesian model with a leak.

For each cause c, with prior π(c | age band, sex) and evidence E:

    P(c | E) ∝ π(c) · Π_{f present} p(f|c) · Π_{f absent} (1 − p(f|c))

where p(f|c) is the kb likelihood when the cause gives one and otherwise the finding's
background rate b(f) (the leak). Dividing every factor by the same background term, b(f) or
1 − b(f), leaves the posterior unchanged and turns each factor into a likelihood ratio — that is
the explanation (``explain.py``). Unknown findings contribute nothing. See docs/model.md for the
assumptions and their limits.

The arithmetic runs on precomputed log-likelihood matrices (``vectorized.py``), the same code the
batch scorer runs on thousands of records at once, so both give identical numbers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from twitchcheck.knowledge.model import KnowledgeBase

from .annotations import ChannelScore
from .evidence import Evidence, Patient, normalize
from .vectorized import Tables, log_weights, normalise, posteriors, ranking, tables

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
    return band_prior_weight(kb, condition_id, kb.band_for(patient.age).id, patient.sex)


def band_prior_weight(
    kb: KnowledgeBase, condition_id: str, band: str, patient_sex: str | None
) -> float:
    """:func:`prior_weight` for an age band id and sex (``None`` = unknown) instead of a patient."""
    cond = kb.conditions[condition_id]
    share: float = getattr(cond.prior.by_age, band)
    sex = cond.prior.sex
    mult = {"female": sex.female, "male": sex.male}.get(
        patient_sex or "", (sex.female + sex.male) / 2
    )
    return share * mult


def log_factor(kb: KnowledgeBase, condition_id: str, ev: Evidence) -> float:
    """log P(this evidence item | cause): 0 for unknown."""
    if ev.state == "unknown":
        return 0.0
    p = kb.likelihood[condition_id][ev.id]
    return math.log(p) if ev.state == "present" else math.log1p(-p)


def update(
    kb: KnowledgeBase,
    patient: Patient,
    evidence: Iterable[Evidence],
    channel: ChannelScore | None = None,
) -> Posterior:
    """Compute the posterior over every cause in the knowledge base.

    Args:
        kb: a validated knowledge base.
        patient: age and sex (either may be unknown).
        evidence: findings with states; ids or codes; order does not matter.
        channel: HPO terms no finding covers, scored against the disease annotations
            (``annotations.channel``): each cause's ratio multiplies its weight.

    Returns:
        A :class:`Posterior` listing every condition, highest probability first.

    Raises:
        UnknownIdError, ContradictionError, InvalidValueError: see ``evidence.normalize``.
    """
    items = normalize(kb, evidence)
    t = tables(kb)
    band = kb.band_for(patient.age).id
    group = t.group(band, patient.sex)
    slots = np.array([[t.slot_of(ev) for ev in items]], dtype=np.intp)
    groups = np.array([group], dtype=np.intp)
    if channel is None or not channel.causes:
        probs = posteriors(t, groups, slots)
    else:
        logw = log_weights(t, groups, slots)
        logw[0] += np.array([channel.log_ratio(c) for c in t.conditions], dtype=np.float64)
        probs = normalise(logw)
    return posterior_from_row(t, probs[0].tolist(), ranking(probs)[0].tolist(), group, band, items)


def posterior_from_row(
    t: Tables,
    probs: Sequence[float],
    order: Sequence[int],
    group: int,
    band: str,
    items: tuple[Evidence, ...],
) -> Posterior:
    """A :class:`Posterior` from one row of the vectorised scorer (``vectorized.posteriors``).

    Args:
        probs: the row's probabilities in ``t.conditions`` order.
        order: the row's ranking (``vectorized.ranking``): column indices, highest first.
        group: the row's prior group (``t.group(band, sex)``).
        items: the normalised evidence the row was scored with.
    """
    conds = t.conditions
    prior = t.prior[group].tolist()
    return Posterior(
        probabilities=MappingProxyType({conds[j]: probs[j] for j in order}),
        prior=MappingProxyType(dict(zip(conds, prior, strict=True))),
        band=band,
        evidence=items,
    )
