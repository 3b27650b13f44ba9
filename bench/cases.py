"""Run every vignette through the real assessment and keep what the metrics need."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tests.vignette_cases import Vignette
from twitchcheck import Evidence, KnowledgeBase, Patient, assess
from twitchcheck.assessment.result import Assessment

SETS: tuple[str, ...] = ("development", "held_out")
SET_LABELS: dict[str, str] = {"development": "development", "held_out": "held-out", "all": "all"}


@dataclass(frozen=True, slots=True)
class CaseResult:
    """One vignette's outcome.

    Attributes:
        probabilities: condition id → posterior probability, highest first (every cause).
        prior: condition id → prior probability for the case's age band and sex.
        ranking: condition ids, highest probability first.
        rank: 1-based position of the primary cause in ``ranking``.
    """

    id: str
    set: str
    difficulty: str
    primary: str
    acceptable: tuple[str, ...]
    expected_triage: str
    triage: str
    ranking: tuple[str, ...]
    probabilities: Mapping[str, float]
    prior: Mapping[str, float]

    @property
    def rank(self) -> int:
        return self.ranking.index(self.primary) + 1

    @property
    def top1_acceptable(self) -> bool:
        """The first cause is the primary one or one of the vignette's acceptable alternatives."""
        return self.ranking[0] in {self.primary, *self.acceptable}


def evidence_of(v: Vignette) -> list[Evidence]:
    """The vignette's structured findings as evidence (present, then absent)."""
    return [Evidence(f, "present") for f in v.present] + [Evidence(f, "absent") for f in v.absent]


def result_from(v: Vignette, kb: KnowledgeBase, evidence: Iterable[Evidence]) -> CaseResult:
    """Assess ``evidence`` for the vignette's person and record the outcome."""
    return record(v, assess(kb, Patient(age=v.age, sex=v.sex), evidence))


def record(v: Vignette, a: Assessment) -> CaseResult:
    """The outcome of the vignette's assessment ``a``, however its evidence was given."""
    return CaseResult(
        id=v.id,
        set=v.set,
        difficulty=v.difficulty,
        primary=v.primary,
        acceptable=tuple(v.acceptable),
        expected_triage=v.expected_triage,
        triage=a.triage.level,
        ranking=tuple(c.id for c in a.conditions),
        probabilities={c.id: c.probability for c in a.conditions},
        prior={c.id: c.prior for c in a.conditions},
    )


def run_cases(kb: KnowledgeBase, vignettes: Sequence[Vignette]) -> list[CaseResult]:
    """Every vignette assessed from its structured findings, in the order given."""
    return [result_from(v, kb, evidence_of(v)) for v in vignettes]


def by_set(results: Sequence[CaseResult]) -> dict[str, list[CaseResult]]:
    """``development``, ``held_out`` and ``all`` → the results in that set (possibly empty)."""
    out: dict[str, list[CaseResult]] = {s: [r for r in results if r.set == s] for s in SETS}
    out["all"] = list(results)
    return out
