"""The hostile vignettes (tests/vignettes_hostile, issue 16) → bench/out/hostile.md, hostile.json.

Vignettes written like real, messy users — incomplete, contradictory, a distractor beside a real
sign, an emergency before its late signs, "don't know" answers — kept apart from the development
and held-out sets and never used to tune the knowledge. Each is assessed twice: from its structured
findings (present, absent and the "don't know" ones as unknown) and from its text read by
``twitchcheck.text`` (with the vignette's age and sex). Reported: top-1 (primary), top-1 with the
acceptable alternatives, top-3, triage exact, under-triage (a level below the expected one — the
error that must not happen), over-triage, and how many expected emergencies came out as emergency;
overall and by kind of hostility.

Run ``make bench`` (or ``python -m bench.hostile`` from the repository root).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.vignette_cases import HostileVignette, load_hostile
from twitchcheck import Evidence, load_knowledge
from twitchcheck.text import parse
from twitchcheck.triage.rules import RANK

from .cases import CaseResult, result_from
from .metrics import accuracy

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


def structured_evidence(v: HostileVignette) -> list[Evidence]:
    """The vignette's findings: present, absent, and its "don't know" answers as unknown."""
    return (
        [Evidence(f, "present") for f in v.present]
        + [Evidence(f, "absent") for f in v.absent]
        + [Evidence(f, "unknown") for f in v.unknown]
    )


def figures(results: Sequence[CaseResult]) -> dict[str, Any]:
    """The proportions of ``bench.metrics.accuracy`` this report shows, with the ids of the
    under-triaged cases (the error that must not happen)."""
    a = accuracy(results)
    emergencies = a["emergency_sensitivity"]
    return {
        "n": len(results),
        "top1": round(a["top1"].value, 4) if results else 0.0,
        "top1_acceptable": round(a["top1_or_acceptable"].value, 4) if results else 0.0,
        "top3": round(a["top3"].value, 4) if results else 0.0,
        "triage_exact": round(a["triage_exact"].value, 4) if results else 0.0,
        "under_triage": [r.id for r in results if RANK[r.triage] < RANK[r.expected_triage]],
        "over_triage": a["over_triage"].k,
        "emergencies": f"{emergencies.k}/{emergencies.n}",
    }


def main() -> int:
    kb = load_knowledge(ROOT / "kb")
    cases = load_hostile()
    structured = [result_from(v, kb, structured_evidence(v)) for v in cases]
    from_text = [result_from(v, kb, parse(kb, v.text).evidence) for v in cases]
    hostility = {v.id: v.hostility for v in cases}
    kinds = sorted({k for v in cases for k in v.hostility})
    summary: dict[str, Any] = {
        "structured": figures(structured),
        "text": figures(from_text),
        "by_kind": {
            k: {
                "structured": figures([r for r in structured if k in hostility[r.id]]),
                "text": figures([r for r in from_text if k in hostility[r.id]]),
            }
            for k in kinds
        },
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "hostile.json").write_text(json.dumps(summary, indent=2) + "\n")
    head = (
        "| path | n | top-1 | top-1 (acceptable) | top-3 | triage exact | under-triage"
        " | over-triage | emergencies as emergency |"
    )

    def row(name: str, f: dict[str, Any]) -> str:
        return (
            f"| {name} | {f['n']} | {f['top1']:.3f} | {f['top1_acceptable']:.3f} | {f['top3']:.3f}"
            f" | {f['triage_exact']:.3f} | {len(f['under_triage'])} | {f['over_triage']}"
            f" | {f['emergencies']} |"
        )

    md = [
        "# Hostile vignettes (bench/hostile.py)",
        "",
        f"{len(cases)} vignettes written like real users (tests/vignettes_hostile), kept apart "
        "and never used to tune the knowledge.",
        "",
        head,
        "|---|---|---|---|---|---|---|---|---|",
        row("structured", summary["structured"]),
        row("from text", summary["text"]),
        "",
        "Under-triaged (structured): "
        + (", ".join(summary["structured"]["under_triage"]) or "none"),
        "",
        "Under-triaged (from text): " + (", ".join(summary["text"]["under_triage"]) or "none"),
        "",
        "## By kind of hostility",
        "",
        head,
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for k, f in summary["by_kind"].items():
        md.append(row(f"{k}, structured", f["structured"]))
        md.append(row(f"{k}, from text", f["text"]))
    (OUT / "hostile.md").write_text("\n".join(md) + "\n")
    for name in ("structured", "text"):
        f = summary[name]
        print(
            f"hostile ({name}): n {f['n']}, top-1 {f['top1']:.3f} (acceptable "
            f"{f['top1_acceptable']:.3f}), top-3 {f['top3']:.3f}, triage exact "
            f"{f['triage_exact']:.3f}, under-triage {len(f['under_triage'])}, over-triage "
            f"{f['over_triage']}, emergencies {f['emergencies']}"
        )
    print(f"wrote {OUT / 'hostile.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
