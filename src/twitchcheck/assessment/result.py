"""The assessment result and its JSON contract shape (product.md, ``assess --json``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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

    def to_dict(self) -> dict[str, Any]:
        """The ``assess --json`` contract (product.md); extra fields are additions."""
        return {
            "triage": {
                "level": self.triage.level,
                "label": self.triage.label,
                "advice": self.triage.advice,
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
                    for r in self.triage.reasons
                ],
            },
            "conditions": [
                {
                    "id": c.id,
                    "name": c.name,
                    "clinical_name": c.clinical_name,
                    "group": c.group,
                    "probability": _round(c.probability),
                    "prior": _round(c.prior),
                    "words": c.words,
                    "care": c.care,
                    "severity": c.severity,
                    "for": [term_dict(t) for t in c.supporting],
                    "against": [term_dict(t) for t in c.opposing],
                }
                for c in self.conditions
            ],
            "evidence": [{"id": e.id, "state": e.state, "from": e.origin} for e in self.evidence],
            "next_steps": {
                "level": self.next_steps.level,
                "advice": self.next_steps.advice,
                "specialist": self.next_steps.specialist,
                "tests": [{"id": i, "name": n, "why": w} for i, n, w in self.next_steps.tests],
                "self_care": list(self.next_steps.self_care),
            },
            "reassurance": [
                {
                    "condition": r.condition,
                    "name": r.name,
                    "probability": _round(r.probability),
                    "rare_at_this_age": r.rare_at_this_age,
                    "against": [term_dict(t) for t in r.against],
                }
                for r in self.reassurance
            ],
            "patient": {"age": self.patient.age, "sex": self.patient.sex, "age_band": self.band},
            "knowledge_version": self.knowledge_version,
            "engine_version": self.engine_version,
            "disclaimer": self.disclaimer,
        }


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
