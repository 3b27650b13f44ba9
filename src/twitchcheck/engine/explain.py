"""Why a cause got its probability: the prior and one likelihood-ratio term per finding.

For cause c and evidence item f, the ratio is

    LR = p(f|c) / b(f)                 when f is present
    LR = (1 − p(f|c)) / (1 − b(f))     when f is absent

so that log posterior odds of c against the background equal log prior + Σ log LR. A term is
*for* the cause when LR > 1 and *against* it when LR < 1. Findings the cause gives no likelihood
for take the background rate and so have LR = 1: they do not move this cause.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from twitchcheck.errors import UnknownIdError
from twitchcheck.knowledge.model import KnowledgeBase

from .annotations import CauseScore, ChannelScore
from .evidence import Evidence, Patient, State
from .posterior import Posterior, prior_weight, update

# A term whose ratio lies within this factor of 1 is reported as neutral, not for or against.
_NEUTRAL_LOG = math.log(1.05)


@dataclass(frozen=True, slots=True)
class Term:
    """One finding's contribution to one cause."""

    finding: str
    state: State
    likelihood: float
    background: float
    ratio: float
    source: str
    estimate: bool
    basis: str | None

    @property
    def log10_ratio(self) -> float:
        return math.log10(self.ratio)

    @property
    def direction(self) -> str:
        """``for``, ``against`` or ``neutral``."""
        log = math.log(self.ratio)
        if log > _NEUTRAL_LOG:
            return "for"
        if log < -_NEUTRAL_LOG:
            return "against"
        return "neutral"


@dataclass(frozen=True, slots=True)
class Explanation:
    """The whole breakdown for one cause."""

    condition: str
    band: str
    prior_weight: float
    prior_probability: float
    prior_source: str
    prior_estimate: bool
    prior_basis: str | None
    probability: float
    terms: tuple[Term, ...]
    annotation: CauseScore | None = None  # HPO terms scored against its disease annotations

    @property
    def supporting(self) -> tuple[Term, ...]:
        """Terms for the cause, strongest first."""
        return tuple(
            sorted((t for t in self.terms if t.direction == "for"), key=lambda t: -t.ratio)
        )

    @property
    def opposing(self) -> tuple[Term, ...]:
        """Terms against the cause, strongest first."""
        return tuple(
            sorted((t for t in self.terms if t.direction == "against"), key=lambda t: t.ratio)
        )


def term(kb: KnowledgeBase, condition_id: str, ev: Evidence) -> Term | None:
    """The likelihood-ratio term of one evidence item for one cause (``None`` when unknown, or
    when other evidence entails it: ``Evidence.scored``)."""
    if not ev.scored:
        return None
    finding = kb.findings[ev.id]
    b = finding.background.p
    lk = next((x for x in kb.conditions[condition_id].likelihoods if x.finding == ev.id), None)
    p = kb.likelihood[condition_id][ev.id]
    ratio = p / b if ev.state == "present" else (1 - p) / (1 - b)
    inherited = kb.inherited.get(condition_id, {}).get(ev.id)
    cite = lk or inherited or finding.background
    return Term(ev.id, ev.state, p, b, ratio, cite.source, cite.estimate, cite.basis)


@dataclass(frozen=True, slots=True, eq=False)
class TermTable:
    """Every term that moves a cause, precomputed once per knowledge base.

    ``moving[(finding, state)]`` lists ``(condition, term, is_for)`` for each cause whose term for
    that evidence item is *for* or *against* it (neutral terms, including every finding a cause
    does not mention, are left out: they are never listed).
    """

    moving: Mapping[tuple[str, str], tuple[tuple[str, Term, bool], ...]]


_TERM_MEMO: list[tuple[KnowledgeBase, TermTable]] = []


def term_table(kb: KnowledgeBase) -> TermTable:
    """The :class:`TermTable` of ``kb``, built on first use for that knowledge-base object."""
    for known, built in _TERM_MEMO:
        if known is kb:
            return built
    moving: dict[tuple[str, str], tuple[tuple[str, Term, bool], ...]] = {}
    for fid in kb.findings:
        for state in ("present", "absent"):
            entries = []
            for cid in kb.conditions:
                t = term(kb, cid, Evidence(fid, state))
                if t is not None and t.direction != "neutral":
                    entries.append((cid, t, t.direction == "for"))
            if entries:
                moving[(fid, state)] = tuple(entries)
    built = TermTable(MappingProxyType(moving))
    _TERM_MEMO.insert(0, (kb, built))
    del _TERM_MEMO[8:]
    return built


def for_and_against(
    kb: KnowledgeBase, evidence: Sequence[Evidence]
) -> dict[str, tuple[tuple[Term, ...], tuple[Term, ...]]]:
    """Per cause moved by this evidence: its ``(supporting, opposing)`` terms.

    The same terms, in the same order, as :attr:`Explanation.supporting` and
    :attr:`Explanation.opposing` of ``explain(...)`` for that cause; causes the evidence does not
    move are absent (both lists empty).
    """
    table = term_table(kb).moving
    pro: dict[str, list[Term]] = {}
    con: dict[str, list[Term]] = {}
    for ev in evidence:
        if ev.implied_by:
            continue
        for cid, t, is_for in table.get((ev.id, ev.state), ()):
            (pro if is_for else con).setdefault(cid, []).append(t)
    out: dict[str, tuple[tuple[Term, ...], tuple[Term, ...]]] = {}
    for cid in pro.keys() | con.keys():
        out[cid] = (
            tuple(sorted(pro.get(cid, ()), key=lambda t: -t.ratio)),
            tuple(sorted(con.get(cid, ()), key=lambda t: t.ratio)),
        )
    return out


def explain(
    kb: KnowledgeBase,
    patient: Patient,
    evidence: Iterable[Evidence],
    condition_id: str,
    posterior: Posterior | None = None,
    channel: ChannelScore | None = None,
) -> Explanation:
    """Explain one cause's probability for this patient and evidence.

    ``channel``: HPO terms no finding covers, scored against the disease annotations (as
    ``update`` takes it); the explanation then shows how they moved this cause.

    Raises:
        UnknownIdError: the condition (or a finding) is not in the knowledge base.
    """
    if condition_id not in kb.conditions:
        raise UnknownIdError("condition", condition_id)
    post = posterior if posterior is not None else update(kb, patient, evidence, channel)
    cond = kb.conditions[condition_id]
    terms = tuple(t for ev in post.evidence if (t := term(kb, condition_id, ev)) is not None)
    return Explanation(
        condition=condition_id,
        band=post.band,
        prior_weight=prior_weight(kb, condition_id, patient),
        prior_probability=post.prior[condition_id],
        prior_source=cond.prior.source,
        prior_estimate=cond.prior.estimate,
        prior_basis=cond.prior.basis,
        probability=post.probabilities[condition_id],
        terms=terms,
        annotation=channel.causes.get(condition_id) if channel is not None else None,
    )
