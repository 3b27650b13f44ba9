"""Sensitivity of the vignette results to each number of the knowledge base.

One at a time, each number is multiplied by 0.5 and by 1.5 (kept inside (0, 1): at most
``P_MAX``), the knowledge base is rebuilt through the validated path
(``twitchcheck.knowledge.variant.with_numbers``) and every vignette is assessed again:

- a condition's **prior**: the whole ``by_age`` row of that condition is scaled (one number per
  condition: its weight against the others; the sex multipliers stay as they are);
- each **likelihood** p(finding | condition) a condition gives;
- each finding's **background** rate (the leak used by every condition that gives no likelihood);
- each kind's **share** of its broader finding (``share_of_broader``: the leak of a kind under a
  cause that makes the broader finding likelier);
- each probability-path **threshold** of the triage policy.

A *flip* is a vignette whose outcome changes: the primary cause enters or leaves the top 3, the
first cause changes, or the triage level changes (an *under-triage* flip when the new level is
less urgent than the vignette expects). The numbers with the most flips are the ones the
knowledge base depends on most: they should be sourced most carefully.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from tests.vignette_cases import Vignette
from twitchcheck import Evidence, KnowledgeBase, Patient, update
from twitchcheck.knowledge.variant import with_numbers
from twitchcheck.triage.rules import RANK, evaluate

from .cases import evidence_of

FACTORS: tuple[float, ...] = (0.5, 1.5)
P_MAX = 0.99  # the authoring guide keeps probabilities within 0.005-0.98
P_MIN = 0.0005


def _clamp(x: float) -> float:
    return min(P_MAX, max(P_MIN, x))


def _coherent(kb: KnowledgeBase, address: str, value: float) -> float:
    """``value`` kept within the findings' hierarchy, as ``kb validate`` requires: a kind of a
    finding (``implies``) no more likely than that finding, under the same cause or in the
    background. A varied number stops at the nearest number it may not cross."""
    where, _, what = address.partition(": ")
    name = where.rsplit("/", 1)[-1].removesuffix(".yaml")
    if what == "background":
        f = kb.findings[name]
        lo = max((kb.findings[c].background.p for c in kb.narrower.get(name, ())), default=0.0)
        hi = min((kb.findings[p].background.p for p in f.implies), default=1.0)
        return min(max(value, lo), hi)
    if what.startswith("likelihoods."):
        fid = what.removeprefix("likelihoods.")
        given = {lk.finding: lk.p for lk in kb.conditions[name].likelihoods}
        lo = max((given[c] for c in kb.narrower.get(fid, ()) if c in given), default=0.0)
        hi = min((given[p] for p in kb.findings[fid].implies if p in given), default=1.0)
        return min(max(value, lo), hi)
    return value


@dataclass(frozen=True, slots=True)
class Number:
    """A number (or, for a prior, a condition's row of numbers) that is varied."""

    key: str
    kind: str  # prior | likelihood | background | share | threshold
    shown: str  # the value as the report shows it
    source: str
    estimate: bool
    addresses: tuple[tuple[str, float], ...]  # (address, current value)


def numbers(kb: KnowledgeBase) -> list[Number]:
    """Every number the analysis varies, priors first."""
    out = []
    for cid, c in kb.conditions.items():
        row = c.prior.by_age.model_dump()
        out.append(
            Number(
                f"prior {cid}",
                "prior",
                f"{min(row.values()):g}–{max(row.values()):g}",
                c.prior.source,
                c.prior.estimate,
                tuple((f"kb/conditions/{cid}.yaml: prior.by_age.{b}", v) for b, v in row.items()),
            )
        )
    for cid, c in kb.conditions.items():
        for lk in c.likelihoods:
            address = f"kb/conditions/{cid}.yaml: likelihoods.{lk.finding}"
            out.append(
                Number(
                    f"p({lk.finding} | {cid})",
                    "likelihood",
                    f"{lk.p:g}",
                    lk.source,
                    lk.estimate,
                    ((address, lk.p),),
                )
            )
    for fid, f in kb.findings.items():
        bg = f.background
        address = f"kb/findings/{fid}.yaml: background"
        out.append(
            Number(
                f"background {fid}", "background", f"{bg.p:g}", bg.source, bg.estimate,
                ((address, bg.p),),
            )
        )  # fmt: skip
        share = f.share_of_broader
        if share is not None:
            address = f"kb/findings/{fid}.yaml: share_of_broader"
            out.append(
                Number(
                    f"share {fid}", "share", f"{share.p:g}", share.source, share.estimate,
                    ((address, share.p),),
                )
            )  # fmt: skip
    for pr in kb.policy.probability_rules:
        address = f"kb/triage/policy.yaml: probability_rules.{pr.id}.threshold"
        th = pr.threshold
        out.append(
            Number(
                f"threshold {pr.id}", "threshold", f"{th.value:g}", th.source, th.estimate,
                ((address, th.value),),
            )
        )  # fmt: skip
    return out


@dataclass(frozen=True, slots=True)
class _Case:
    id: str
    primary: str
    expected: str
    patient: Patient
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class _Outcome:
    top1: str
    primary_top3: bool
    level: str


def _outcomes(kb: KnowledgeBase, cases: Sequence[_Case]) -> list[_Outcome]:
    """Ranking and triage for every case (update + evaluate, as ``assess`` does, minus text)."""
    out = []
    for c in cases:
        post = update(kb, c.patient, c.evidence)
        ranking = list(post.probabilities)
        level = evaluate(kb, c.patient, post).level
        out.append(_Outcome(ranking[0], c.primary in ranking[:3], level))
    return out


@dataclass(slots=True)
class Flips:
    """Vignette ids whose outcome changed under one perturbation."""

    top3_lost: list[str] = field(default_factory=list)
    top3_gained: list[str] = field(default_factory=list)
    top1_changed: list[str] = field(default_factory=list)
    triage_changed: list[str] = field(default_factory=list)
    under_triage: list[str] = field(default_factory=list)

    @property
    def weight(self) -> int:
        """Ordering weight: a new under-triage counts most, then triage and top-3 flips."""
        return (
            100 * len(self.under_triage)
            + len(self.triage_changed)
            + len(self.top3_lost)
            + len(self.top3_gained)
        )

    def vignettes(self) -> set[str]:
        """Every vignette with any flip."""
        return {*self.top3_lost, *self.top3_gained, *self.top1_changed, *self.triage_changed}

    def any(self) -> bool:
        return bool(self.top3_lost or self.top3_gained or self.top1_changed or self.triage_changed)


@dataclass(frozen=True, slots=True)
class Sensitivity:
    numbers: list[Number]
    flips: dict[tuple[str, float], Flips]  # (number key, factor) → flips
    vignettes: int
    variants: int
    seconds: float


def analyse(kb: KnowledgeBase, vignettes: Sequence[Vignette]) -> Sensitivity:
    """Vary every number by each of :data:`FACTORS` and record the flips."""
    started = time.perf_counter()
    cases = [
        _Case(v.id, v.primary, v.expected_triage, Patient(v.age, v.sex), tuple(evidence_of(v)))
        for v in vignettes
    ]
    base = _outcomes(kb, cases)
    found = numbers(kb)
    flips: dict[tuple[str, float], Flips] = {}
    for num in found:
        for factor in FACTORS:
            changes = {a: _coherent(kb, a, _clamp(value * factor)) for a, value in num.addresses}
            variant = with_numbers(kb, changes)
            f = Flips()
            for c, before, after in zip(cases, base, _outcomes(variant, cases), strict=True):
                if before.primary_top3 and not after.primary_top3:
                    f.top3_lost.append(c.id)
                if after.primary_top3 and not before.primary_top3:
                    f.top3_gained.append(c.id)
                if before.top1 != after.top1:
                    f.top1_changed.append(c.id)
                if before.level != after.level:
                    f.triage_changed.append(c.id)
                    if RANK[after.level] < RANK[c.expected] <= RANK[before.level]:
                        f.under_triage.append(c.id)
            flips[(num.key, factor)] = f
    return Sensitivity(
        numbers=found,
        flips=flips,
        vignettes=len(cases),
        variants=len(flips),
        seconds=time.perf_counter() - started,
    )


def _cell(f: Flips) -> str:
    parts = []
    if f.top3_lost:
        parts.append(f"top-3 lost {len(f.top3_lost)}")
    if f.top3_gained:
        parts.append(f"top-3 gained {len(f.top3_gained)}")
    if f.top1_changed:
        parts.append(f"first cause {len(f.top1_changed)}")
    if f.triage_changed:
        parts.append(f"triage {len(f.triage_changed)}")
    if f.under_triage:
        parts.append(f"**under-triage {len(f.under_triage)}**")
    return "; ".join(parts) or "—"


def _ids(ids: list[str], limit: int = 6) -> str:
    more = f" … (+{len(ids) - limit})" if len(ids) > limit else ""
    return ", ".join(ids[:limit]) + more


def render(s: Sensitivity, *, top: int = 30) -> list[str]:
    """The report section (Markdown lines)."""
    by_key = {n.key: n for n in s.numbers}
    weight = {
        n.key: sum(s.flips[(n.key, f)].weight for f in FACTORS)
        + sum(len(s.flips[(n.key, f)].top1_changed) for f in FACTORS) / 1000
        for n in s.numbers
    }
    sensitive = [k for k in by_key if any(s.flips[(k, f)].any() for f in FACTORS)]
    ranked = sorted(sensitive, key=lambda k: (-weight[k], k))
    kinds = Counter(n.kind for n in s.numbers)
    kinds_sensitive = Counter(by_key[k].kind for k in sensitive)
    est_sensitive = sum(by_key[k].estimate for k in sensitive)
    under = [(k, f) for (k, f), fl in s.flips.items() if fl.under_triage]
    lines = [
        "## Sensitivity of the results to each number (±50 %)",
        "",
        f"{len(s.numbers)} numbers varied one at a time by ×0.5 and ×1.5 (probabilities kept in "
        f"[{P_MIN:g}, {P_MAX:g}]); {s.variants} validated knowledge-base variants × "
        f"{s.vignettes} vignettes in {s.seconds:.0f} s. A prior is a condition's whole by-age row "
        "(its sex multipliers are not varied).",
        "",
        "| kind | varied | with any flip |",
        "|---|---|---|",
    ]
    for kind in ("prior", "likelihood", "background", "share", "threshold"):
        lines.append(f"| {kind} | {kinds[kind]} | {kinds_sensitive[kind]} |")
    lines += [
        "",
        f"{len(sensitive)} numbers change at least one vignette's top-3, first cause or triage; "
        f"{est_sensitive} of them are estimates. "
        + (
            f"**{len(under)} perturbation(s) create an under-triage**: "
            + ", ".join(f"{k} ×{f:g} ({_ids(s.flips[(k, f)].under_triage, 3)})" for k, f in under)
            if under
            else "No single ±50 % change creates an under-triage."
        ),
        "",
        f"### The {min(top, len(ranked))} numbers the results depend on most",
        "",
        "Ordered by under-triage flips, then triage and top-3 flips (both directions added).",
        "",
        "| # | number | value | source | estimate | ×0.5 | ×1.5 | vignettes affected |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for i, k in enumerate(ranked[:top], 1):
        n = by_key[k]
        lo, hi = s.flips[(k, 0.5)], s.flips[(k, 1.5)]
        affected = sorted({*lo.vignettes(), *hi.vignettes()})
        shown_key = k.replace("|", "\\|")  # a pipe would end the table cell
        lines.append(
            f"| {i} | `{shown_key}` | {n.shown} | {n.source} | {'yes' if n.estimate else 'no'} | "
            f"{_cell(lo)} | {_cell(hi)} | {_ids(affected)} |"
        )
    per_case: Counter[str] = Counter()
    for fl in s.flips.values():
        for vid in fl.vignettes():
            per_case[vid] += 1
    lines += [
        "",
        "### The most fragile vignettes",
        "",
        "How many of the variants change the vignette's first cause, top-3 hit or triage level.",
        "",
        "| vignette | perturbations that flip it |",
        "|---|---|",
    ]
    for vid, count in per_case.most_common(15):
        lines.append(f"| {vid} | {count} |")
    return lines
