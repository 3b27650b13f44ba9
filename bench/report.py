"""The benchmark report as Markdown (``bench/out/report.md``)."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .cases import SET_LABELS, CaseResult
from .metrics import (
    ACCURACY_LABELS,
    LEVELS_STRICT_FIRST,
    Proportion,
    accuracy,
    calibration,
    confusion,
    per_cause,
    rank_histogram,
    rank_summary,
)
from .published import FIGURES

Sets = Mapping[str, Sequence[CaseResult]]
COLUMNS = ("development", "held_out", "all")


def share(p: Proportion, *, ci: bool = False) -> str:
    """``k/n (xx.x %)``, with the 95 % Wilson interval when ``ci``; ``—`` when n is 0."""
    if not p.n:
        return "—"
    text = f"{p.k}/{p.n} ({p.value:.1%})"
    if ci:
        lo, hi = p.wilson()
        text += f" [{lo:.0%}–{hi:.0%}]"
    return text


def number(x: float, fmt: str = ".3f") -> str:
    return "—" if math.isnan(x) else format(x, fmt)


def _header(first: str, sets: Sets) -> list[str]:
    cols = [f"{SET_LABELS[s]} (n={len(sets[s])})" for s in COLUMNS]
    return [f"| {first} | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]


def headline(sets: Sets) -> list[str]:
    acc = {s: accuracy(sets[s]) for s in COLUMNS}
    ranks = {s: rank_summary(sets[s]) for s in COLUMNS}
    lines = ["## Accuracy", "", "Shares with the 95 % Wilson interval for *all*.", ""]
    lines += _header("measure", sets)
    for key, label in ACCURACY_LABELS.items():
        cells = [share(acc[s][key], ci=s == "all") for s in COLUMNS]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    for key, label in (
        ("mean_rank", "mean rank of the primary cause"),
        ("median_rank", "median rank"),
    ):
        lines.append(
            f"| {label} | " + " | ".join(number(ranks[s][key], ".2f") for s in COLUMNS) + " |"
        )
    return lines


def comparison(sets: Sets) -> list[str]:
    acc = {s: accuracy(sets[s]) for s in COLUMNS}
    lines = [
        "## Against published figures",
        "",
        "Published figures come from general primary-care vignettes (not twitching) and other "
        "triage scales, so they place twitchcheck among other tools; they do not rank them. Our "
        "vignettes are written by the project for one complaint and the development set was used "
        "to tune the knowledge base: expect ours to be easier; the held-out set is the fairer one.",
        "",
        "| measure | ours: development | held-out | all | published (who, study) |",
        "|---|---|---|---|---|",
    ]
    measures = list(dict.fromkeys(f.measure for f in FIGURES))
    for m in measures:
        published = "; ".join(
            f"{f.who}: {f.value:.1%}{f' ({f.note})' if f.note else ''} [↗]({f.url})"
            for f in FIGURES
            if f.measure == m
        )
        ours = " | ".join(share(acc[s][m]) for s in COLUMNS)
        lines.append(f"| {ACCURACY_LABELS[m]} | {ours} | {published} |")
    return lines


def triage_section(sets: Sets) -> list[str]:
    lines = [
        "## Triage confusion matrices",
        "",
        "Rows: expected level; columns: level given (most urgent first). Left of the diagonal is "
        "over-triage, right of it under-triage.",
        "",
        "![triage confusion matrix](triage_confusion.png)",
    ]
    order = [lv.replace("_", " ") for lv in LEVELS_STRICT_FIRST]
    for s in COLUMNS:
        if not sets[s]:
            continue
        table = confusion(sets[s])
        lines += ["", f"**{SET_LABELS[s]}** (n={len(sets[s])})", ""]
        lines.append("| expected \\ given | " + " | ".join(order) + " |")
        lines.append("|---" * (len(order) + 1) + "|")
        for e in LEVELS_STRICT_FIRST:
            row = " | ".join(str(table[(e, g)]) for g in LEVELS_STRICT_FIRST)
            lines.append(f"| {e.replace('_', ' ')} | {row} |")
    return lines


def calibration_section(sets: Sets) -> list[str]:
    cal = {s: calibration(sets[s]) for s in COLUMNS}
    labels = {
        "brier": "Brier score, every cause (0 best, 2 worst)",
        "brier_prior_only": "Brier score of the prior alone (no findings)",
        "ece_top_label": "expected calibration error, top cause (10 bins)",
        "ece_classwise": "expected calibration error, every cause (10 bins)",
        "mean_top_probability": "mean probability of the top cause",
    }
    acc = {s: accuracy(sets[s])["top1"].value for s in COLUMNS}

    def floor(s: str) -> str:
        c = cal[s]
        return (
            f"{number(c['ece_top_label_if_calibrated'])} "
            f"({number(c['ece_top_label_if_calibrated_p05'])}–"
            f"{number(c['ece_top_label_if_calibrated_p95'])})"
        )

    def gap(s: str, key: str) -> str:
        return f"{cal[s][key]:+.3f}"

    lines = [
        "## Calibration",
        "",
        "The outcome is the vignette's primary cause (acceptable alternatives count as wrong). "
        "Compare the mean top probability with top-1 accuracy: a higher mean means "
        "over-confidence (see docs/model.md, assumption 2), a lower one under-confidence. "
        "Binned ECE on a few dozen vignettes is mostly noise: the row below it gives the ECE a "
        "perfectly calibrated model with the same top probabilities would show (mean and "
        "5–95 % range of seeded draws); a measured ECE inside that range is no evidence of "
        "miscalibration. The gap rows say where under- or over-confidence lies: vignettes whose "
        "primary cause is common for the person (prior ≥ 1 / number of causes) or rare (see "
        'docs/model.md, "Calibration").',
        "",
        "![reliability diagram](reliability.png)",
        "",
    ]
    lines += _header("measure", sets)
    for key, label in labels.items():
        lines.append(f"| {label} | " + " | ".join(number(cal[s][key]) for s in COLUMNS) + " |")
        if key == "ece_top_label":
            lines.append(
                "| … a perfectly calibrated model would show (mean, 90 % range) | "
                + " | ".join(floor(s) for s in COLUMNS)
                + " |"
            )
    lines.append(
        "| top-1 accuracy (for comparison) | " + " | ".join(number(acc[s]) for s in COLUMNS) + " |"
    )
    lines.append(
        "| top-1 accuracy − mean top probability (z) | "
        + " | ".join(
            f"{gap(s, 'calibration_gap')} ({cal[s]['calibration_gap_z']:.1f})" for s in COLUMNS
        )
        + " |"
    )
    lines.append(
        "| … vignettes with a common primary cause (n) | "
        + " | ".join(
            f"{gap(s, 'calibration_gap_common_primary')} "
            f"({int(cal[s]['vignettes_common_primary'])})"
            for s in COLUMNS
        )
        + " |"
    )
    lines.append(
        "| … vignettes with a rare primary cause | "
        + " | ".join(gap(s, "calibration_gap_rare_primary") for s in COLUMNS)
        + " |"
    )
    return lines


def rank_section(sets: Sets) -> list[str]:
    hist = {s: rank_histogram(sets[s]) for s in COLUMNS}
    lines = ["## Rank of the primary cause", "", "![rank histogram](rank_histogram.png)", ""]
    lines += _header("rank", sets)
    for label in hist["all"]:
        lines.append(f"| {label} | " + " | ".join(str(hist[s][label]) for s in COLUMNS) + " |")
    return lines


def per_cause_section(sets: Sets) -> list[str]:
    scores = {s: per_cause(sets[s]) for s in COLUMNS}
    lines = [
        "## Per cause",
        "",
        "Vignettes whose primary cause it is: top-1 / top-3 hits of n, and every rank (all).",
        "",
        "| cause | development | held-out | all | ranks (all) |",
        "|---|---|---|---|---|",
    ]
    for cause, total in scores["all"].items():
        cells = []
        for s in COLUMNS:
            c = scores[s].get(cause)
            cells.append(f"{c.top1} / {c.top3} of {c.n}" if c else "—")
        lines.append(
            f"| {cause} | " + " | ".join(cells) + f" | {', '.join(map(str, total.ranks))} |"
        )
    return lines


def difficulty_section(sets: Sets) -> list[str]:
    lines = [
        "## Easy and hard vignettes",
        "",
        "| set | difficulty | top-1 | top-3 | triage exact |",
    ]
    lines.append("|---|---|---|---|---|")
    for s in COLUMNS:
        for d in ("easy", "hard"):
            group = [r for r in sets[s] if r.difficulty == d]
            if group:
                a = accuracy(group)
                lines.append(
                    f"| {SET_LABELS[s]} | {d} | {share(a['top1'])} | {share(a['top3'])} | "
                    f"{share(a['triage_exact'])} |"
                )
    return lines


def misses_section(results: Sequence[CaseResult]) -> list[str]:
    misses = [r for r in results if r.rank > 1 or r.triage != r.expected_triage]
    lines = [
        "## Vignettes not exactly right",
        "",
        "| id | set | primary | rank | top 3 | expected triage | given |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in misses:
        lines.append(
            f"| {r.id} | {SET_LABELS[r.set]} | {r.primary} | {r.rank} | {', '.join(r.ranking[:3])} "
            f"| {r.expected_triage} | {r.triage} |"
        )
    return lines


def text_section(agreement: Mapping[str, Mapping[str, Proportion]] | None) -> list[str]:
    """Structured vs text; says plainly when ``twitchcheck.text`` is not available."""
    from .text_agreement import AGREEMENT_LABELS

    lines = ["## Structured vs text agreement", ""]
    if agreement is None:
        return [*lines, "Skipped: `twitchcheck.text.parse` is not importable in this checkout."]
    lines += [
        "Each vignette assessed from its structured findings and from the text the person would "
        "type (`twitchcheck.text.parse`), same age and sex.",
        "",
        "| measure | development | held-out | all |",
        "|---|---|---|---|",
    ]
    for key, label in AGREEMENT_LABELS.items():
        lines.append(f"| {label} | " + " | ".join(share(agreement[s][key]) for s in COLUMNS) + " |")
    return lines


CODED_MEASURES = ("top1", "top3", "under_triage", "emergency_sensitivity")


def coded_section(coded: Mapping[str, tuple[Sets, Any]], labels: Mapping[Any, str]) -> list[str]:
    """The vignettes from a clinician's HPO codes (``bench/coded.py``), per coding level."""
    lines = [
        "## From a clinician's HPO codes",
        "",
        "Each vignette's findings given as HPO terms and read by the engine's term reader "
        "(`interop.terms`), same age and sex; findings with no HPO term (medicines, exposures, "
        "triggers, duration) are given as kb ids. Definitions in `bench/coded.py`.",
        "",
        "| coding | measure | development | held-out | all |",
        "|---|---|---|---|---|",
    ]
    notes = []
    for level, (sets, coding) in coded.items():
        acc = {s: accuracy(sets[s]) for s in COLUMNS}
        for key in CODED_MEASURES:
            cells = " | ".join(share(acc[s][key]) for s in COLUMNS)
            lines.append(f"| {labels[level]} | {ACCURACY_LABELS[key]} | {cells} |")
        notes.append(
            f"- {labels[level]}: {coding.as_hpo} of {coding.findings} findings as HPO terms"
            + (
                f", {coding.more_specific} of them more specific than the kb's"
                if coding.more_specific
                else ""
            )
            + (
                f"; **{len(coding.errors)} vignettes refused**: {'; '.join(coding.errors)}"
                if coding.errors
                else "; none refused"
            )
            + "."
        )
    return [*lines, "", *notes]


def interview_section(out: Path, knowledge_version: str) -> list[str]:
    """Interview length from the interview's own benchmark (``bench/interview.py``), if run."""
    lines = ["## Interview length", ""]
    path = out / "interview.json"
    try:
        summary = json.loads(path.read_text())["summary"]
    except (OSError, ValueError, KeyError, TypeError):
        return [*lines, "Not measured here: run `bench/interview.py` (it writes interview.md)."]
    stale = summary.get("knowledge_version") != knowledge_version
    lines += [
        "From the last run of `bench/interview.py` ([interview.md](interview.md))"
        + (
            f", on knowledge {summary.get('knowledge_version')} — **not this one**."
            if stale
            else "."
        ),
        "",
        "| measure | value |",
        "|---|---|",
    ]
    labels = {
        "vignettes": "simulated people",
        "reach_median": "questions to reach the full-information triage and top 3, median",
        "reach_p90": "questions to reach it, p90",
        "asked_median": "questions asked, median",
        "asked_p90": "questions asked, p90",
        "under_triage": "final triage lower than with full information",
    }
    lines += [f"| {label} | {summary[k]} |" for k, label in labels.items() if k in summary]
    return lines
