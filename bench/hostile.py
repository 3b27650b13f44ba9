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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.vignette_cases import HostileVignette, load_hostile
from twitchcheck import Evidence, KnowledgeBase, Patient, assess, load_knowledge
from twitchcheck.text import parse
from twitchcheck.triage.rules import RANK

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


@dataclass(frozen=True, slots=True)
class Outcome:
    id: str
    hostility: tuple[str, ...]
    expected: str
    triage: str
    ranking: tuple[str, ...]
    primary: str
    acceptable: tuple[str, ...]


def structured_evidence(v: HostileVignette) -> list[Evidence]:
    return (
        [Evidence(f, "present") for f in v.present]
        + [Evidence(f, "absent") for f in v.absent]
        + [Evidence(f, "unknown") for f in v.unknown]
    )


def _outcome(kb: KnowledgeBase, v: HostileVignette, evidence: Sequence[Evidence]) -> Outcome:
    a = assess(kb, Patient(age=v.age, sex=v.sex), evidence)
    return Outcome(
        v.id,
        tuple(v.hostility),
        v.expected_triage,
        a.triage.level,
        tuple(c.id for c in a.conditions),
        v.primary,
        tuple(v.acceptable),
    )


def figures(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    n = len(outcomes)
    emergencies = [o for o in outcomes if o.expected == "emergency"]
    under = [o.id for o in outcomes if RANK[o.triage] < RANK[o.expected]]
    return {
        "n": n,
        "top1": round(sum(o.ranking[0] == o.primary for o in outcomes) / max(n, 1), 4),
        "top1_acceptable": round(
            sum(o.ranking[0] in {o.primary, *o.acceptable} for o in outcomes) / max(n, 1), 4
        ),
        "top3": round(sum(o.primary in o.ranking[:3] for o in outcomes) / max(n, 1), 4),
        "triage_exact": round(sum(o.triage == o.expected for o in outcomes) / max(n, 1), 4),
        "under_triage": under,
        "over_triage": sum(RANK[o.triage] > RANK[o.expected] for o in outcomes),
        "emergencies": f"{sum(o.triage == 'emergency' for o in emergencies)}/{len(emergencies)}",
    }


def main() -> int:
    kb = load_knowledge(ROOT / "kb")
    cases = load_hostile()
    structured = [_outcome(kb, v, structured_evidence(v)) for v in cases]
    from_text = []
    for v in cases:
        read = parse(kb, v.text)
        from_text.append(_outcome(kb, v, read.evidence))
    kinds = sorted({k for v in cases for k in v.hostility})
    summary: dict[str, Any] = {
        "structured": figures(structured),
        "text": figures(from_text),
        "by_kind": {
            k: {
                "structured": figures([o for o in structured if k in o.hostility]),
                "text": figures([o for o in from_text if k in o.hostility]),
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
