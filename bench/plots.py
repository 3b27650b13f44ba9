"""PNG plots of the benchmark (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

from .cases import SET_LABELS, CaseResult
from .metrics import LEVELS_STRICT_FIRST, RANK_BINS, confusion, rank_histogram, reliability

_COLOURS = {"development": "#1f77b4", "held_out": "#d62728", "all": "#2ca02c"}


def _nonempty(sets: Mapping[str, Sequence[CaseResult]]) -> dict[str, Sequence[CaseResult]]:
    return {name: rs for name, rs in sets.items() if rs}


def confusion_png(sets: Mapping[str, Sequence[CaseResult]], path: Path) -> None:
    """One triage confusion matrix per set (rows expected, columns given)."""
    shown = _nonempty(sets)
    fig, axes = plt.subplots(1, len(shown), figsize=(4.2 * len(shown), 4.2), squeeze=False)
    labels = [lv.replace("_", " ") for lv in LEVELS_STRICT_FIRST]
    for ax, (name, results) in zip(axes[0], shown.items(), strict=True):
        table = confusion(results)
        grid = [[table[(e, g)] for g in LEVELS_STRICT_FIRST] for e in LEVELS_STRICT_FIRST]
        ax.imshow(grid, cmap="Blues")
        for i, row in enumerate(grid):
            for j, count in enumerate(row):
                colour = "white" if count > max(map(max, grid)) / 2 else "black"
                ax.text(j, i, str(count), ha="center", va="center", color=colour)
        ax.set_xticks(range(4), labels, rotation=30)
        ax.set_yticks(range(4), labels)
        ax.set_xlabel("given")
        ax.set_ylabel("expected")
        ax.set_title(f"{SET_LABELS[name]} (n={len(results)})")
    fig.suptitle("Triage confusion matrix (left of the diagonal: over-triage; right: under-triage)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def reliability_png(sets: Mapping[str, Sequence[CaseResult]], path: Path) -> None:
    """Reliability diagrams: the top cause per vignette (left) and every cause (right)."""
    shown = _nonempty(sets)
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.6))
    for ax, kind, title in (
        (axes[0], "top", "top cause of each vignette"),
        (axes[1], "all", "every cause of every vignette"),
    ):
        ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1, label="perfect")
        for name, results in shown.items():
            bins = reliability(results, kind=kind)
            ax.plot(
                [b.confidence for b in bins],
                [b.accuracy for b in bins],
                marker="o",
                color=_COLOURS[name],
                label=f"{SET_LABELS[name]} (n={len(results)})",
            )
            for b in bins:
                ax.annotate(
                    str(b.n), (b.confidence, b.accuracy), fontsize=7, color=_COLOURS[name],
                    textcoords="offset points", xytext=(3, 3),
                )  # fmt: skip
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_xlabel("predicted probability (bin mean)")
        ax.set_ylabel("share that is the primary cause")
        ax.set_title(title)
        ax.legend(fontsize=8, loc="lower right")
    fig.suptitle("Calibration: reliability diagram (10 bins; numbers = predictions per bin)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def rank_png(sets: Mapping[str, Sequence[CaseResult]], path: Path) -> None:
    """Histogram of the primary cause's rank, as shares of each set."""
    shown = _nonempty(sets)
    fig, ax = plt.subplots(figsize=(7, 4))
    width = 0.8 / len(shown)
    labels = [label for label, _, _ in RANK_BINS]
    for i, (name, results) in enumerate(shown.items()):
        hist = rank_histogram(results)
        xs = [x + (i - (len(shown) - 1) / 2) * width for x in range(len(labels))]
        ax.bar(
            xs,
            [hist[label] / len(results) for label in labels],
            width=width,
            color=_COLOURS[name],
            label=f"{SET_LABELS[name]} (n={len(results)})",
        )
    ax.set_xticks(range(len(labels)), labels)
    ax.set_xlabel("rank of the primary cause")
    ax.set_ylabel("share of vignettes")
    ax.set_title("Where the primary cause is ranked")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_plots(sets: Mapping[str, Sequence[CaseResult]], out: Path) -> list[Path]:
    """Write every plot into ``out``; returns the paths."""
    paths = [out / "triage_confusion.png", out / "reliability.png", out / "rank_histogram.png"]
    confusion_png(sets, paths[0])
    reliability_png(sets, paths[1])
    rank_png(sets, paths[2])
    return paths
