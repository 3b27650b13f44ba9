"""The benchmark's measures, with the symptom-checker literature's definitions.

Diagnosis (Semigran 2015; Hill 2020; Gilbert 2020):
- top-k: the vignette's primary cause is among the first k causes listed.

Triage (levels, least to most urgent: self_care < routine < urgent < emergency):
- exact ("appropriate", Semigran / Hill): the level given is the expected one.
- safe: the level given is the expected one or more urgent (the project's own, strict definition:
  the complement of under-triage).
- safe (Gilbert 2020): "at gold standard level, more conservative, or no more than one level less
  conservative".
- under-triage / over-triage: less / more urgent than expected.
- emergency sensitivity: share of vignettes expecting ``emergency`` that were given ``emergency``.
- appropriate per expected level (Semigran's emergent / non-emergent / self-care; Hill's
  emergency / urgent / non-urgent / self-care): exact share within each expected level.

Calibration (the primary cause is the outcome; acceptable alternatives count as wrong):
- Brier score, multi-class over every cause: mean over vignettes of Σ_c (p_c − y_c)², from 0
  (perfect) to 2.
- expected calibration error (ECE, top-label, Guo 2017): the top cause's probability against
  whether it is the primary cause, in 10 equal-width bins:
  Σ_b (n_b / N) · |accuracy_b − confidence_b|.
- class-wise ECE: the same over every (vignette, cause) pair.
- ECE noise floor: binned ECE is biased upwards on small sets, because each bin's accuracy is a
  proportion of a few cases (Roelofs et al. 2022, "Mitigating bias in calibration error
  estimation"). The floor is the ECE a *perfectly calibrated* model with the same top
  probabilities would show: each outcome drawn as Bernoulli(top probability), seeded, its mean and
  5–95 % range over the draws. A measured ECE inside that range is not evidence of miscalibration.
- calibration in the large: top-1 accuracy − mean top probability (positive = under-confident),
  with z = gap / (√Σ p(1 − p) / N), its standard error if the probabilities were calibrated;
  reported also for vignettes whose primary cause is common (its prior at least 1 / number of
  causes) and rare, since the two fail differently (docs/model.md, "Calibration").
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import median

from twitchcheck.triage.rules import RANK

from .cases import CaseResult

LEVELS_STRICT_FIRST: tuple[str, ...] = ("emergency", "urgent", "routine", "self_care")
RANK_BINS: tuple[tuple[str, int, int], ...] = (
    ("1", 1, 1),
    ("2", 2, 2),
    ("3", 3, 3),
    ("4–5", 4, 5),
    ("6–10", 6, 10),
    ("> 10", 11, 10_000),
)


@dataclass(frozen=True, slots=True)
class Proportion:
    """``k`` of ``n``; ``value`` is NaN when ``n`` is 0."""

    k: int
    n: int

    @property
    def value(self) -> float:
        return self.k / self.n if self.n else float("nan")

    def wilson(self, z: float = 1.96) -> tuple[float, float]:
        """The Wilson score interval (95 % by default); (NaN, NaN) when ``n`` is 0."""
        if not self.n:
            return (float("nan"), float("nan"))
        p, n = self.value, self.n
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        return (max(0.0, centre - half), min(1.0, centre + half))


def _count(results: Sequence[CaseResult], pred: Callable[[CaseResult], bool]) -> Proportion:
    return Proportion(sum(1 for r in results if pred(r)), len(results))


def _gap(r: CaseResult) -> int:
    """Given minus expected triage rank: > 0 over-triage, < 0 under-triage."""
    return RANK[r.triage] - RANK[r.expected_triage]


def accuracy(results: Sequence[CaseResult]) -> dict[str, Proportion]:
    """Every diagnosis and triage proportion of the module docstring."""
    out = {
        "top1": _count(results, lambda r: r.rank == 1),
        "top3": _count(results, lambda r: r.rank <= 3),
        "top10": _count(results, lambda r: r.rank <= 10),
        "top1_or_acceptable": _count(results, lambda r: r.top1_acceptable),
        "triage_exact": _count(results, lambda r: _gap(r) == 0),
        "triage_safe": _count(results, lambda r: _gap(r) >= 0),
        "triage_safe_gilbert": _count(results, lambda r: _gap(r) >= -1),
        "under_triage": _count(results, lambda r: _gap(r) < 0),
        "over_triage": _count(results, lambda r: _gap(r) > 0),
    }
    emergencies = [r for r in results if r.expected_triage == "emergency"]
    out["emergency_sensitivity"] = _count(emergencies, lambda r: r.triage == "emergency")
    for level in LEVELS_STRICT_FIRST:
        group = [r for r in results if r.expected_triage == level]
        out[f"appropriate_{level}"] = _count(group, lambda r: _gap(r) == 0)
    return out


ACCURACY_LABELS: dict[str, str] = {
    "top1": "top-1 (primary cause first)",
    "top3": "top-3",
    "top10": "top-10",
    "top1_or_acceptable": "top-1, primary or an acceptable alternative",
    "triage_exact": "triage exact",
    "triage_safe": "triage safe (same or more urgent)",
    "triage_safe_gilbert": "triage safe, Gilbert 2020 (at most one level under)",
    "under_triage": "under-triage",
    "over_triage": "over-triage",
    "emergency_sensitivity": "emergency sensitivity",
    "appropriate_emergency": "appropriate triage: emergency vignettes",
    "appropriate_urgent": "appropriate triage: urgent vignettes",
    "appropriate_routine": "appropriate triage: routine (non-urgent) vignettes",
    "appropriate_self_care": "appropriate triage: self-care vignettes",
}


def rank_summary(results: Sequence[CaseResult]) -> dict[str, float]:
    """Mean and median rank of the primary cause (NaN when empty)."""
    ranks = [r.rank for r in results]
    if not ranks:
        return {"mean_rank": float("nan"), "median_rank": float("nan")}
    return {"mean_rank": sum(ranks) / len(ranks), "median_rank": float(median(ranks))}


def confusion(results: Sequence[CaseResult]) -> dict[tuple[str, str], int]:
    """(expected level, given level) → number of vignettes, for every pair of levels."""
    counts = Counter((r.expected_triage, r.triage) for r in results)
    return {(e, g): counts[(e, g)] for e in LEVELS_STRICT_FIRST for g in LEVELS_STRICT_FIRST}


@dataclass(frozen=True, slots=True)
class CauseScore:
    n: int
    top1: int
    top3: int
    ranks: tuple[int, ...]


def per_cause(results: Sequence[CaseResult]) -> dict[str, CauseScore]:
    """Primary cause → how its vignettes ranked it (sorted by cause id)."""
    ranks: dict[str, list[int]] = {}
    for r in results:
        ranks.setdefault(r.primary, []).append(r.rank)
    return {
        c: CauseScore(len(rs), sum(x == 1 for x in rs), sum(x <= 3 for x in rs), tuple(rs))
        for c, rs in sorted(ranks.items())
    }


def rank_histogram(results: Sequence[CaseResult]) -> dict[str, int]:
    """Rank of the primary cause, binned as in :data:`RANK_BINS`."""
    return {label: sum(1 for r in results if lo <= r.rank <= hi) for label, lo, hi in RANK_BINS}


def brier(results: Sequence[CaseResult], *, prior: bool = False) -> float:
    """Multi-class Brier score over every cause (of the prior alone when ``prior``)."""
    if not results:
        return float("nan")
    total = 0.0
    for r in results:
        probs = r.prior if prior else r.probabilities
        total += math.fsum((p - (c == r.primary)) ** 2 for c, p in probs.items())
    return total / len(results)


@dataclass(frozen=True, slots=True)
class Bin:
    """One reliability bin: predictions in [lo, hi) (the last bin includes 1)."""

    lo: float
    hi: float
    n: int
    confidence: float
    accuracy: float


def _pairs(results: Sequence[CaseResult], kind: str) -> list[tuple[float, bool]]:
    if kind == "top":
        return [(r.probabilities[r.ranking[0]], r.ranking[0] == r.primary) for r in results]
    return [(p, c == r.primary) for r in results for c, p in r.probabilities.items()]


def reliability(results: Sequence[CaseResult], *, kind: str = "top", bins: int = 10) -> list[Bin]:
    """Reliability bins: ``kind="top"`` the top cause per vignette, ``"all"`` every cause.

    Empty bins are left out.
    """
    pairs = _pairs(results, kind)
    out = []
    for i in range(bins):
        lo, hi = i / bins, (i + 1) / bins
        inside = [(p, y) for p, y in pairs if lo <= p < hi or (i == bins - 1 and p == 1.0)]
        if inside:
            out.append(
                Bin(
                    lo,
                    hi,
                    len(inside),
                    sum(p for p, _ in inside) / len(inside),
                    sum(y for _, y in inside) / len(inside),
                )
            )
    return out


def ece(results: Sequence[CaseResult], *, kind: str = "top", bins: int = 10) -> float:
    """Expected calibration error over the bins of :func:`reliability` (NaN when empty)."""
    table = reliability(results, kind=kind, bins=bins)
    total = sum(b.n for b in table)
    if not total:
        return float("nan")
    return sum(b.n / total * abs(b.accuracy - b.confidence) for b in table)


#: Draws and seed of :func:`ece_noise_floor` (deterministic: the report is reproducible).
NOISE_DRAWS = 2000
NOISE_SEED = 16


def _binned_ece(pairs: Sequence[tuple[float, bool]], bins: int) -> float:
    """Σ_b (n_b / N) · |accuracy_b − confidence_b| over equal-width bins (the last includes 1)."""
    sums: list[list[float]] = [[0.0, 0.0, 0.0] for _ in range(bins)]
    for p, y in pairs:
        s = sums[min(int(p * bins), bins - 1)]
        s[0] += 1
        s[1] += p
        s[2] += y
    return sum(abs(s[2] - s[1]) for s in sums if s[0]) / len(pairs)


def ece_noise_floor(
    results: Sequence[CaseResult], *, bins: int = 10, draws: int = NOISE_DRAWS
) -> tuple[float, float, float]:
    """The top-label ECE a perfectly calibrated model with these top probabilities would show:
    ``(mean, 5th percentile, 95th percentile)`` over ``draws`` seeded Bernoulli draws of the
    outcomes (NaNs when ``results`` is empty)."""
    if not results:
        return (float("nan"),) * 3
    conf = [r.probabilities[r.ranking[0]] for r in results]
    rng = random.Random(NOISE_SEED)
    values = sorted(_binned_ece([(p, rng.random() < p) for p in conf], bins) for _ in range(draws))
    return (
        math.fsum(values) / draws,
        values[int(0.05 * (draws - 1))],
        values[int(0.95 * (draws - 1))],
    )


def calibration_gap(results: Sequence[CaseResult]) -> tuple[float, float]:
    """``(top-1 accuracy − mean top probability, z)``; z is the gap over its standard error
    √Σ p(1 − p) / N if the top probabilities were calibrated (NaNs when empty)."""
    if not results:
        return float("nan"), float("nan")
    conf = [r.probabilities[r.ranking[0]] for r in results]
    hits = sum(r.ranking[0] == r.primary for r in results)
    gap = (hits - math.fsum(conf)) / len(results)
    se = math.sqrt(math.fsum(p * (1 - p) for p in conf)) / len(results)
    return gap, gap / se if se else float("nan")


def common_primary(r: CaseResult) -> bool:
    """The vignette's primary cause is common for this person: its prior is at least 1 / the
    number of causes."""
    return r.prior[r.primary] >= 1 / len(r.prior)


def calibration(results: Sequence[CaseResult]) -> dict[str, float]:
    """Brier (posterior and prior alone), top-label ECE with its noise floor, class-wise ECE,
    mean top probability and the calibration gap (all, common and rare primary causes)."""
    top = [r.probabilities[r.ranking[0]] for r in results]
    floor, floor_lo, floor_hi = ece_noise_floor(results)
    gap, z = calibration_gap(results)
    common = [r for r in results if common_primary(r)]
    rare = [r for r in results if not common_primary(r)]
    return {
        "brier": brier(results),
        "brier_prior_only": brier(results, prior=True),
        "ece_top_label": ece(results, kind="top"),
        "ece_top_label_if_calibrated": floor,
        "ece_top_label_if_calibrated_p05": floor_lo,
        "ece_top_label_if_calibrated_p95": floor_hi,
        "ece_classwise": ece(results, kind="all"),
        "mean_top_probability": sum(top) / len(top) if top else float("nan"),
        "calibration_gap": gap,
        "calibration_gap_z": z,
        "vignettes_common_primary": float(len(common)),
        "calibration_gap_common_primary": calibration_gap(common)[0],
        "calibration_gap_rare_primary": calibration_gap(rare)[0],
    }
