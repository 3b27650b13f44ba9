"""Accuracy of twitchcheck on the project's vignettes → bench/out/report.md (+ summary.json).

Definitions follow the symptom-checker literature (Semigran 2015; Gilbert 2020):
- top-k: the vignette's primary cause is among the first k causes listed.
- exact triage: same level as expected; safe triage: the same or more urgent;
  under-triage: less urgent than expected; over-triage: more urgent.
- emergency sensitivity: share of emergency vignettes triaged as emergency.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from the repo root: `tests` is importable

from tests.vignette_cases import load_vignettes  # noqa: E402
from twitchcheck import Evidence, Patient, assess, load_knowledge  # noqa: E402
from twitchcheck.triage.rules import LEVELS, RANK  # noqa: E402

OUT = ROOT / "bench" / "out"


def main() -> int:
    kb = load_knowledge(ROOT / "kb")
    cases = load_vignettes()
    rows = []
    confusion: Counter[tuple[str, str]] = Counter()
    per_cause: dict[str, list[int]] = defaultdict(list)
    for v in cases:
        evidence = [Evidence(f, "present") for f in v.present] + [
            Evidence(f, "absent") for f in v.absent
        ]
        result = assess(kb, Patient(age=v.age, sex=v.sex), evidence)
        ranking = [c.id for c in result.conditions]
        rank = ranking.index(v.primary) + 1
        level = result.triage.level
        confusion[(v.expected_triage, level)] += 1
        per_cause[v.primary].append(rank)
        rows.append(
            {
                "id": v.id,
                "difficulty": v.difficulty,
                "primary": v.primary,
                "rank": rank,
                "top3": ranking[:3],
                "expected_triage": v.expected_triage,
                "triage": level,
                "acceptable_top1": ranking[0] in {v.primary, *v.acceptable},
            }
        )
    n = len(rows)

    def share(pred: list[bool]) -> float:
        return sum(pred) / len(pred) if pred else float("nan")

    emergencies = [r for r in rows if r["expected_triage"] == "emergency"]
    summary = {
        "knowledge_version": kb.version,
        "vignettes": n,
        "top1": share([r["rank"] == 1 for r in rows]),
        "top3": share([r["rank"] <= 3 for r in rows]),
        "top10": share([r["rank"] <= 10 for r in rows]),
        "top1_primary_or_acceptable": share([r["acceptable_top1"] for r in rows]),
        "triage_exact": share([r["triage"] == r["expected_triage"] for r in rows]),
        "triage_safe": share([RANK[r["triage"]] >= RANK[r["expected_triage"]] for r in rows]),
        "under_triage": share([RANK[r["triage"]] < RANK[r["expected_triage"]] for r in rows]),
        "over_triage": share([RANK[r["triage"]] > RANK[r["expected_triage"]] for r in rows]),
        "emergency_sensitivity": share([r["triage"] == "emergency" for r in emergencies]),
        "hard_top1": share([r["rank"] == 1 for r in rows if r["difficulty"] == "hard"]),
        "hard_top3": share([r["rank"] <= 3 for r in rows if r["difficulty"] == "hard"]),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "summary.json").write_text(json.dumps({"summary": summary, "cases": rows}, indent=2))

    lines = [
        "# twitchcheck accuracy on the project's vignettes",
        "",
        f"Knowledge {kb.version}; {n} vignettes (structured findings).",
        "",
        "| measure | value |",
        "|---|---|",
    ]
    for key, value in summary.items():
        if isinstance(value, float):
            lines.append(f"| {key.replace('_', ' ')} | {value:.1%} |")
    order = list(reversed(LEVELS))
    lines += ["", "## Triage confusion matrix (rows: expected, columns: given)", ""]
    lines.append("| expected \\ given | " + " | ".join(order) + " |")
    lines.append("|---" * (len(order) + 1) + "|")
    for exp in order:
        lines.append(f"| {exp} | " + " | ".join(str(confusion[(exp, got)]) for got in order) + " |")
    lines += ["", "## Per cause (rank of the primary cause in each vignette)", ""]
    lines += ["| cause | vignettes | top-1 | top-3 | ranks |", "|---|---|---|---|---|"]
    for cause in sorted(per_cause):
        ranks = per_cause[cause]
        lines.append(
            f"| {cause} | {len(ranks)} | {share([r == 1 for r in ranks]):.0%} | "
            f"{share([r <= 3 for r in ranks]):.0%} | {', '.join(map(str, ranks))} |"
        )
    misses = [r for r in rows if r["rank"] > 1 or r["triage"] != r["expected_triage"]]
    lines += ["", "## Cases not exactly right", ""]
    lines += [
        "| id | primary | rank | top 3 | expected triage | given |",
        "|---|---|---|---|---|---|",
    ]
    for r in misses:
        lines.append(
            f"| {r['id']} | {r['primary']} | {r['rank']} | {', '.join(r['top3'])} | "
            f"{r['expected_triage']} | {r['triage']} |"
        )
    (OUT / "report.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines[:22]))
    print(f"\nfull report: {OUT / 'report.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
