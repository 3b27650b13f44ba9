"""The assessment result and its JSON contract shape (product.md, ``assess --json``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal, get_args

from twitchcheck.engine.annotations import CauseScore, ChannelScore
from twitchcheck.engine.evidence import Evidence, Patient
from twitchcheck.engine.explain import Term
from twitchcheck.triage.rules import Level, TriageResult


@dataclass(frozen=True, slots=True)
class ConditionResult:
    id: str
    name: str
    clinical_name: str
    group: str
    probability: float
    prior: float
    words: str
    care: Level
    severity: str
    supporting: tuple[Term, ...]
    opposing: tuple[Term, ...]
    # The defining exposures not yet answered (``exposure.unknown_exposures``): the cause holds
    # only if the person has had one of them.
    exposure_unknown: tuple[str, ...] = ()
    # The lay line it is summed into (``kb/display.yaml`` families), if any.
    family: str | None = None


@dataclass(frozen=True, slots=True)
class FamilyResult:
    """Causes a person reads as one line: their probabilities added, the members ranked."""

    id: str
    name: str
    probability: float
    words: str
    members: tuple[str, ...]


#: One line of the lay view: a cause on its own, or the family it is summed into.
LayLine = ConditionResult | FamilyResult


@dataclass(frozen=True, slots=True)
class NextSteps:
    """What to do next: self-care advice, or the kind of doctor and tests a doctor may consider."""

    level: Level
    advice: str
    specialist: str | None
    tests: tuple[tuple[str, str, str], ...]  # (id, name, lay explanation)
    self_care: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Reassurance:
    """Why a feared cause is unlikely: the findings against it; whether it is rare at this age."""

    condition: str
    name: str
    probability: float
    against: tuple[Term, ...]
    rare_at_this_age: bool


@dataclass(frozen=True, slots=True)
class Assessment:
    patient: Patient
    band: str
    triage: TriageResult
    conditions: tuple[ConditionResult, ...]
    evidence: tuple[Evidence, ...]
    next_steps: NextSteps
    reassurance: tuple[Reassurance, ...]
    knowledge_version: str
    engine_version: str
    disclaimer: str
    annotations: ChannelScore | None = None
    families: tuple[FamilyResult, ...] = ()

    def lay_lines(self) -> list[LayLine]:
        """The causes as a person reads them: each family once, where its likeliest member
        ranks, with the members' probabilities added (``kb/display.yaml`` families)."""
        return lay_lines(self.conditions, self.families)

    def to_dict(self) -> dict[str, Any]:
        """The ``assess --json`` contract (product.md); extra fields are additions."""
        return self._with_annotations(
            {
                "triage": triage_dict(self.triage),
                "conditions": [
                    {
                        "id": c.id,
                        "name": c.name,
                        "clinical_name": c.clinical_name,
                        "group": c.group,
                        "family": c.family,
                        "probability": _round(c.probability),
                        "prior": _round(c.prior),
                        "words": c.words,
                        "care": c.care,
                        "severity": c.severity,
                        "exposure_unknown": list(c.exposure_unknown),
                        "for": [term_dict(t) for t in c.supporting],
                        "against": [term_dict(t) for t in c.opposing],
                    }
                    for c in self.conditions
                ],
                "families": [family_dict(f) for f in self.families],
                "evidence": evidence_list(self.evidence),
                "next_steps": next_steps_dict(self.next_steps),
                "reassurance": [reassurance_dict(r) for r in self.reassurance],
                "patient": {
                    "age": self.patient.age,
                    "sex": self.patient.sex,
                    "age_band": self.band,
                },
                "knowledge_version": self.knowledge_version,
                "engine_version": self.engine_version,
                "disclaimer": self.disclaimer,
            }
        )

    def _with_annotations(self, out: dict[str, Any]) -> dict[str, Any]:
        if self.annotations is not None:
            out["annotations"] = annotations_dict(self.annotations)
        return out

    def to_summary(self) -> dict[str, Any]:
        """The summary shape (see :func:`summary_dict`): what ``POST /v1/assess`` and
        ``twitchcheck batch`` answer unless the full explanation is asked for."""
        return self._with_annotations(
            summary_dict(
                triage=self.triage,
                top=[
                    (c.id, c.name, c.probability, c.words, c.care, c.family)
                    for c in self.conditions[:SUMMARY_CAUSES]
                ],
                considered=len(self.conditions),
                families=self.families,
                evidence=self.evidence,
                next_steps=self.next_steps,
                reassurance=self.reassurance,
                patient=self.patient,
                band=self.band,
                versions=(self.knowledge_version, self.engine_version),
                disclaimer=self.disclaimer,
            )
        )


#: How many of the ranked causes the summary lists: the three that next steps rest on
#: (``policy.next_steps.top_conditions``) and the two after them, so a reader sees what comes
#: next. Every cause, with every term for and against it, is in the full shape.
SUMMARY_CAUSES = 5

#: The two shapes of a result: ``summary`` (the default of the API and ``batch``) and ``full``
#: (the ``assess --json`` contract of product.md, with the whole explanation).
Detail = Literal["summary", "full"]
DETAILS: tuple[Detail, ...] = get_args(Detail)


def summary_dict(
    *,
    triage: TriageResult,
    top: Iterable[tuple[str, str, float, str, str, str | None]],
    considered: int,
    families: Iterable[FamilyResult],
    evidence: Iterable[Evidence],
    next_steps: NextSteps,
    reassurance: Iterable[Reassurance],
    patient: Patient,
    band: str,
    versions: tuple[str, str],
    disclaimer: str,
) -> dict[str, Any]:
    """The summary shape of a result: everything of the full shape that a person or a client
    acts on — triage with every reason and its source, next steps, the reassurance about feared
    causes with what speaks against them, the evidence as understood, the versions and the
    disclaimer — but only the first :data:`SUMMARY_CAUSES` causes, each with its probability,
    words and care level, and without the terms for and against each cause (the explanation).

    Args:
        top: the first causes, ranked: ``(id, name, probability, words, care, family)``.
        considered: how many causes were ranked (the full shape lists them all).
        families: the lay lines that add causes up (all of them, ranked).
        versions: ``(knowledge_version, engine_version)``.
    """
    return {
        "detail": "summary",
        "triage": triage_dict(triage),
        "conditions": [
            {
                "id": cid,
                "name": name,
                "family": family,
                "probability": _round(p),
                "words": words,
                "care": care,
            }
            for cid, name, p, words, care, family in top
        ],
        "conditions_considered": considered,
        "families": [family_dict(f) for f in families],
        "evidence": evidence_list(evidence),
        "next_steps": next_steps_dict(next_steps),
        "reassurance": [reassurance_dict(r) for r in reassurance],
        "patient": {"age": patient.age, "sex": patient.sex, "age_band": band},
        "knowledge_version": versions[0],
        "engine_version": versions[1],
        "disclaimer": disclaimer,
    }


def triage_dict(triage: TriageResult) -> dict[str, Any]:
    """The ``triage`` object of both shapes: level, its words, every reason with its source."""
    return {
        "level": triage.level,
        "label": triage.label,
        "advice": triage.advice,
        "reasons": [
            {
                "kind": r.kind,
                "rule": r.id,
                "level": r.level,
                "title": r.title,
                "finding": r.findings[0] if r.findings else None,
                "findings": list(r.findings),
                "conditions": list(r.conditions),
                "probability": _round(r.probability),
                "advice": r.advice,
                "source": r.source,
            }
            for r in triage.reasons
        ],
    }


def family_dict(f: FamilyResult) -> dict[str, Any]:
    """One ``families`` item of both shapes: the lay line, its summed probability, its members
    (ranked)."""
    return {
        "id": f.id,
        "name": f.name,
        "probability": _round(f.probability),
        "words": f.words,
        "conditions": list(f.members),
    }


def lay_lines(
    conditions: Iterable[ConditionResult], families: Iterable[FamilyResult]
) -> list[LayLine]:
    """Ranked causes as lay lines: a cause in a family is replaced by the family, once, at the
    place of its likeliest member; the lines are then ordered by probability (a family's sum may
    outrank a cause above its likeliest member), ties keeping that order."""
    by_id = {f.id: f for f in families}
    out: list[LayLine] = []
    seen: set[str] = set()
    for c in conditions:
        family = by_id.get(c.family) if c.family is not None else None
        if family is None:
            out.append(c)
        elif family.id not in seen:
            seen.add(family.id)
            out.append(family)
    return sorted(out, key=lambda line: -line.probability)


def next_steps_dict(steps: NextSteps) -> dict[str, Any]:
    """The ``next_steps`` object of both shapes."""
    return {
        "level": steps.level,
        "advice": steps.advice,
        "specialist": steps.specialist,
        "tests": [{"id": i, "name": n, "why": w} for i, n, w in steps.tests],
        "self_care": list(steps.self_care),
    }


def reassurance_dict(r: Reassurance) -> dict[str, Any]:
    """One ``reassurance`` item of both shapes, with the terms against the feared cause."""
    return {
        "condition": r.condition,
        "name": r.name,
        "probability": _round(r.probability),
        "rare_at_this_age": r.rare_at_this_age,
        "against": [term_dict(t) for t in r.against],
    }


def evidence_list(evidence: Iterable[Evidence]) -> list[dict[str, Any]]:
    """The ``evidence`` list of both shapes: each finding as understood, with where it came from."""
    return [evidence_dict(e) for e in evidence]


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 6)


def term_dict(t: Term) -> dict[str, Any]:
    """One *for* or *against* term as the contract shows it (also used by ``twitchcheck.batch``)."""
    return {
        "finding": t.finding,
        "state": t.state,
        "likelihood_ratio": round(t.ratio, 4),
        "source": t.source,
        "estimate": t.estimate,
    }


def evidence_dict(e: Evidence) -> dict[str, Any]:
    """One evidence item as the contract shows it (also used by ``twitchcheck.batch``):
    ``implied_by`` names the findings that entail it when it follows from them (not scored)."""
    out: dict[str, Any] = {"id": e.id, "state": e.state, "from": e.origin}
    if e.implied_by:
        out["implied_by"] = list(e.implied_by)
    return out


def annotations_dict(score: ChannelScore) -> dict[str, Any]:
    """The ``annotations`` block: how HPO terms no finding covers moved the annotated causes."""
    ranked = sorted(score.causes.values(), key=lambda c: (-abs(c.log_ratio), c.cause))
    return {
        "release": score.release,
        "source": "HPO disease annotations (phenotype.hpoa)",
        "causes": [cause_annotation_dict(c) for c in ranked],
    }


def cause_annotation_dict(c: CauseScore) -> dict[str, Any]:
    """One cause's part of the ``annotations`` block."""
    return {
        "id": c.cause,
        "ratio": round(c.ratio, 4),
        "log10_ratio": round(c.log10_ratio, 4),
        "disease": {"id": c.disease, "name": c.disease_name},
        "terms": [
            {
                "term": t.term,
                "label": t.label,
                "state": t.state,
                "ratio": round(t.ratio, 4),
                "match": t.match,
                "annotated": t.annotated,
                "frequency": _round(t.frequency),
                "given": t.given,
                "references": list(t.references),
            }
            for t in c.terms
        ],
    }
