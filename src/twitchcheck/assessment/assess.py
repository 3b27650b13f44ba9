"""One call from patient and evidence to the whole assessment (posterior, triage, next steps)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import islice

from twitchcheck.engine.annotations import TermQuery, channel
from twitchcheck.engine.evidence import Evidence, Patient
from twitchcheck.engine.explain import Term, for_and_against
from twitchcheck.engine.posterior import ENGINE_VERSION, Posterior, band_prior_weight, update
from twitchcheck.knowledge.model import KnowledgeBase
from twitchcheck.triage.rules import RANK, Reason, TriageResult, evaluate

from .exposure import unknown_exposures
from .result import Assessment, ConditionResult, FamilyResult, NextSteps, Reassurance

_NO_TERMS: tuple[tuple[Term, ...], tuple[Term, ...]] = ((), ())


def words_for(kb: KnowledgeBase, probability: float) -> str:
    """Plain words for a probability (kb/triage/policy.yaml ``probability_words``)."""
    return next(w.words for w in kb.policy.probability_words if probability >= w.at_least)


def family_of(kb: KnowledgeBase) -> dict[str, str]:
    """Cause id → the id of the lay line it is summed into (``kb/display.yaml`` families)."""
    if kb.display is None:
        return {}
    return {cid: f.id for cid, f in kb.display.family_of().items()}


def families(kb: KnowledgeBase, probabilities: Mapping[str, float]) -> tuple[FamilyResult, ...]:
    """Every family with its members' probabilities added (in the kb's member order, so every
    path sums the same floats), ranked by that sum; the members ranked within it."""
    if kb.display is None:
        return ()
    out = []
    for f in kb.display.families:
        total = 0.0
        for cid in f.members:
            total += probabilities[cid]
        ranked = sorted(f.members, key=lambda cid: -probabilities[cid])
        out.append(FamilyResult(f.id, f.name, total, words_for(kb, total), tuple(ranked)))
    return tuple(sorted(out, key=lambda x: -x.probability))


def next_steps(kb: KnowledgeBase, posterior: Posterior, triage: TriageResult) -> NextSteps:
    """Self-care advice from the likely harmless causes; the doctor and tests from the others."""
    top = list(islice(posterior.probabilities, kb.policy.next_steps.top_conditions))
    return next_steps_for(kb, top, triage)


def next_steps_for(kb: KnowledgeBase, top: list[str], triage: TriageResult) -> NextSteps:
    """:func:`next_steps` given the top causes (``policy.next_steps.top_conditions`` of them)."""
    needing_doctor = [c for c in top if RANK[kb.conditions[c].care] >= RANK["routine"]]
    self_care: list[str] = []
    per_condition = kb.policy.next_steps.self_care_per_condition
    for cid in top:
        for line in kb.conditions[cid].self_care[:per_condition]:
            if line not in self_care:
                self_care.append(line)
    specialist: str | None = None
    if triage.level == "emergency":
        specialist = "emergency_department"
    elif triage.level != "self_care":
        specialist = kb.conditions[needing_doctor[0]].specialist if needing_doctor else "gp"
    tests: list[tuple[str, str, str]] = []
    if triage.level != "self_care":
        for cid in needing_doctor or top:
            for tid in kb.conditions[cid].tests:
                t = kb.tests[tid]
                if all(tid != x[0] for x in tests):
                    tests.append((tid, t.name, t.lay))
    return NextSteps(triage.level, triage.advice, specialist, tuple(tests), tuple(self_care))


def reassurance(kb: KnowledgeBase, conditions: list[ConditionResult]) -> tuple[Reassurance, ...]:
    """For feared causes that are unlikely: what argues against them (policy ``reassurance``).

    None while a red flag the person has speaks *for* the cause (its ``supporting`` terms); "rare
    at this age" only where the band's prior is low and well below the cause's average prior over
    the age bands."""
    policy = kb.policy.reassurance
    out = []
    for c in conditions:
        if c.id not in policy.conditions or c.probability >= policy.below:
            continue
        if any(t.state == "present" and kb.findings[t.finding].red_flag for t in c.supporting):
            continue  # never reassure while a danger sign points towards the feared cause
        rare = (
            c.prior < policy.rare_prior_below
            and c.prior < policy.rare_relative_below * mean_band_prior(kb, c.id)
        )
        if c.opposing or rare:
            out.append(Reassurance(c.id, c.name, c.probability, c.opposing, rare))
    return tuple(out)


_MEAN_PRIOR: list[tuple[KnowledgeBase, dict[str, float]]] = []


def mean_band_prior(kb: KnowledgeBase, condition_id: str) -> float:
    """A cause's prior averaged over the age bands (sex unknown), each band normalised over all
    causes as ``Posterior.prior`` is: the yardstick for "rare at this age"."""
    for known, means in _MEAN_PRIOR:
        if known is kb:
            return means[condition_id]
    sums = dict.fromkeys(kb.conditions, 0.0)
    for band in kb.age_bands:
        weights = {cid: band_prior_weight(kb, cid, band.id, None) for cid in kb.conditions}
        total = sum(weights.values())
        for cid, w in weights.items():
            sums[cid] += w / total if total > 0 else 0.0
    means = {cid: v / len(kb.age_bands) for cid, v in sums.items()}
    _MEAN_PRIOR[:] = [(kb, means)]
    return means[condition_id]


def assess(
    kb: KnowledgeBase,
    patient: Patient,
    evidence: Iterable[Evidence],
    *,
    floors: Iterable[Reason] = (),
    annotations: Iterable[TermQuery] = (),
) -> Assessment:
    """Assess one person: every cause with its probability and reasons, triage, next steps.

    Args:
        kb: the validated knowledge base (``load_knowledge()``).
        patient: age in years (0-120, fractional allowed) and sex, either may be ``None``.
        evidence: findings (ids or codes) with state present / absent / unknown.
        floors: triage reasons from outside the evidence (the interview's; they only raise).
        annotations: HPO terms no finding covers, for the disease-annotation channel
            (``engine.annotations``; interop builds them from the ontology).

    Raises:
        InputError: unknown ids, contradictions, out-of-range values (see ``errors``).
    """
    scored = channel(kb, annotations)
    posterior = update(kb, patient, evidence, scored)
    triage = evaluate(kb, patient, posterior, floors)
    # Each cause's terms for and against: those of explain(...), from a table built once per kb.
    moved = for_and_against(kb, posterior.evidence)
    family = family_of(kb)
    conditions = []
    for cid, p in posterior.ranked():
        cond = kb.conditions[cid]
        supporting, opposing = moved.get(cid, _NO_TERMS)
        conditions.append(
            ConditionResult(
                id=cid,
                name=cond.name,
                clinical_name=cond.clinical_name,
                group=cond.group,
                probability=p,
                prior=posterior.prior[cid],
                words=words_for(kb, p),
                care=cond.care,
                severity=cond.severity,
                supporting=supporting,
                opposing=opposing,
                exposure_unknown=unknown_exposures(cond.exposure, posterior.evidence),
                family=family.get(cid),
            )
        )
    return Assessment(
        patient=patient,
        band=posterior.band,
        triage=triage,
        conditions=tuple(conditions),
        evidence=posterior.evidence,
        next_steps=next_steps(kb, posterior, triage),
        reassurance=reassurance(kb, conditions),
        knowledge_version=kb.version,
        engine_version=ENGINE_VERSION,
        disclaimer=kb.policy.disclaimer,
        annotations=scored,
        families=families(kb, posterior.probabilities),
    )
