"""The committed accuracy baseline (``bench/baseline.json``) and the regression check against it.

``make bench-baseline`` (``python -m bench.regression``) rewrites the baseline from the current
knowledge base and vignettes: run it only on purpose, when a change is meant to move the figures,
and commit the new file with that change. ``tests/bench/test_regression.py`` runs
:func:`regressions` in ``make test``.

The check compares the vignettes present in both the baseline and the current set (same id,
primary cause and expected triage), so adding vignettes never fails it by itself:

- top-1, top-3 and exact triage may not fall by more than :data:`TOLERANCE` (absolute share);
- safe triage may not fall at all, and no vignette — old or new — may be under-triaged.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from tests.vignette_cases import load_vignettes
from twitchcheck import load_knowledge
from twitchcheck.triage.rules import RANK

from .cases import CaseResult, run_cases

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "bench" / "baseline.json"

# Largest allowed fall, as an absolute share of the compared vignettes (0.03 = 3 points, about
# 5 of 156 vignettes). Safe triage has none: under-triage must stay at 0.
TOLERANCE: dict[str, float] = {"top1": 0.03, "top3": 0.03, "triage_exact": 0.03, "triage_safe": 0.0}

Case = Mapping[str, Any]
_MEASURES: dict[str, Callable[[Case], bool]] = {
    "top1": lambda c: c["rank"] == 1,
    "top3": lambda c: c["rank"] <= 3,
    "triage_exact": lambda c: c["triage"] == c["expected_triage"],
    "triage_safe": lambda c: RANK[c["triage"]] >= RANK[c["expected_triage"]],
}


def case_record(r: CaseResult) -> dict[str, Any]:
    return {
        "set": r.set,
        "primary": r.primary,
        "expected_triage": r.expected_triage,
        "rank": r.rank,
        "triage": r.triage,
    }


def measures(cases: Sequence[Case]) -> dict[str, float]:
    """The four regression measures over these case records (NaN when empty)."""
    n = len(cases)
    return {k: (sum(map(f, cases)) / n if n else float("nan")) for k, f in _MEASURES.items()}


def snapshot(results: Sequence[CaseResult], knowledge_version: str) -> dict[str, Any]:
    """The baseline document for these results."""
    cases = {r.id: case_record(r) for r in sorted(results, key=lambda r: r.id)}
    return {
        "about": "Accuracy baseline for tests/bench/test_regression.py; rewrite only on purpose "
        "with `make bench-baseline` and commit it with the change that moved the figures.",
        "knowledge_version": knowledge_version,
        "tolerance": TOLERANCE,
        "measures": measures(list(cases.values())),
        "cases": cases,
    }


def regressions(results: Sequence[CaseResult], baseline: Mapping[str, Any]) -> list[str]:
    """Every regression against ``baseline``, one line each (empty when none)."""
    problems = [
        f"{r.id}: under-triaged ({r.triage} < expected {r.expected_triage})"
        for r in results
        if RANK[r.triage] < RANK[r.expected_triage]
    ]
    old: Mapping[str, Case] = baseline["cases"]
    now = {r.id: case_record(r) for r in results}
    common = sorted(
        vid
        for vid, c in now.items()
        if vid in old
        and (old[vid]["primary"], old[vid]["expected_triage"])
        == (c["primary"], c["expected_triage"])
    )
    before = measures([old[v] for v in common])
    after = measures([now[v] for v in common])
    for key, limit in TOLERANCE.items():
        if after[key] < before[key] - limit - 1e-12:
            worse = [v for v in common if _MEASURES[key](old[v]) and not _MEASURES[key](now[v])]
            problems.append(
                f"{key} fell from {before[key]:.1%} to {after[key]:.1%} on {len(common)} "
                f"vignettes (tolerance {limit:.0%}); worse: {', '.join(worse)}"
            )
    return problems


def dumps(doc: Mapping[str, Any]) -> str:
    """JSON with one line per vignette, so a baseline change reads as a short diff."""
    head = json.dumps({k: v for k, v in doc.items() if k != "cases"}, indent=1)[:-2]
    cases = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in doc["cases"].items())
    return f'{head},\n "cases": {{\n{cases}\n }}\n}}\n'


def read_baseline(path: Path = BASELINE) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def main() -> int:
    kb = load_knowledge(ROOT / "kb")
    results = run_cases(kb, load_vignettes())
    doc = snapshot(results, kb.version)
    if BASELINE.exists():
        for line in regressions(results, read_baseline()):
            print(f"note (against the previous baseline): {line}")
    BASELINE.write_text(dumps(doc))
    m = doc["measures"]
    print(
        f"wrote {BASELINE.relative_to(ROOT)}: {len(results)} vignettes, top-1 {m['top1']:.1%}, "
        f"top-3 {m['top3']:.1%}, triage exact {m['triage_exact']:.1%}, "
        f"safe {m['triage_safe']:.1%}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
