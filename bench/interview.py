"""How few questions the adaptive interview needs → bench/out/interview.md (+ interview.json).

Simulated people built from the project's vignettes (tests/vignettes): each answers from the
vignette's present/absent findings and says "don't know" to what the vignette does not mention
(``twitchcheck.interview.scripted``: a screen is "yes" when one of its findings is present, "no"
when none is and one is listed absent). The opening complaint is the vignette's ``text``, read by
``twitchcheck.text`` when it is installed; the run is repeated without it.

For every person:
- *full information*: what they would tell if asked every question (``scripted.full_session``,
  scored by the interview's own ``result``, floors included); its triage and its top-3 causes
  (as a set) are the target — those of the three the result words as at least "less likely"
  (kb policy ``probability_words``, 5 %): causes it calls "unlikely" may swap places without the
  person seeing a different answer. The exact top 3, however unlikely, is reported too. When
  that triage is an emergency, the top 3 is not part of the target: the interview stops at
  once and the result is what to do now;
- *questions to reach it*: the fewest answers after which the interview's own result has that
  triage and top 3 and keeps them to the end; an interview that ends without it never reaches
  it (counted as infinitely many in the median and p90);
- *questions asked*: the length of the whole interview;
- *under-triage*: the final level lower than with full information, or than with the vignette's
  own findings (both must be 0).

Targets (on the development vignettes; the held-out ones are reported apart): median ≤ 5 and
p90 ≤ 10 questions to reach the full-information result; median ≤ 7 and p90 ≤ 12 questions asked
in all; under-triage 0.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import replace
from pathlib import Path
from statistics import median
from typing import Any

from tests.vignette_cases import Vignette, load_vignettes
from twitchcheck import Evidence, KnowledgeBase, Patient, assess, load_knowledge
from twitchcheck.assessment.result import Assessment
from twitchcheck.interview import result, start
from twitchcheck.interview.opening import reader_available
from twitchcheck.interview.scripted import facts, full_session, run
from twitchcheck.triage.rules import RANK

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
TARGET_MEDIAN, TARGET_P90 = 5, 10
ASKED_MEDIAN, ASKED_P90 = 7, 12
NEVER = math.inf


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0-100) of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(q / 100 * len(ordered))) - 1]


def shown_from(kb: KnowledgeBase) -> float:
    """The least probability the result still words as more than "unlikely" (kb policy)."""
    return next(w.at_least for w in kb.policy.probability_words if w.words == "less likely")


def same(full: Assessment, a: Assessment, floor: float = 0.0) -> bool:
    """Whether ``a`` gives the full-information triage and top 3 (the level alone for an
    emergency). Causes may swap places in or out of the three only while both results put them
    below ``floor``."""
    if a.triage.level != full.triage.level:
        return False
    if full.triage.level == "emergency":
        return True
    p_full = {c.id: c.probability for c in full.conditions}
    p_now = {c.id: c.probability for c in a.conditions}
    top_full = {c.id for c in full.conditions[:3]}
    top_now = {c.id for c in a.conditions[:3]}
    return all(p_full[c] < floor and p_now[c] < floor for c in top_full ^ top_now)


def simulate(kb: KnowledgeBase, v: Vignette, with_text: bool) -> dict[str, Any]:
    patient = Patient(age=v.age, sex=v.sex)
    known = facts(kb, v.present, v.absent)
    vignette = assess(
        kb,
        patient,
        [Evidence(f, "present") for f in v.present] + [Evidence(f, "absent") for f in v.absent],
    )
    full = result(kb, full_session(kb, patient, known))
    floor = shown_from(kb)
    began = time.perf_counter()
    session = start(kb, age=v.age, sex=v.sex, text=v.text if with_text else None)
    final, turns, last = run(kb, session, known)
    seconds = time.perf_counter() - began
    # Replay every prefix of the answers: from when on does the result stay at the target?
    reached: float = NEVER
    reached_strict: float = NEVER
    held = held_strict = True
    for k in range(len(final.replies), -1, -1):
        a = result(kb, replace(final, replies=final.replies[:k]))
        held = held and same(full, a, floor)
        held_strict = held_strict and same(full, a)
        if not held and not held_strict:
            break
        reached = k if held else reached
        reached_strict = k if held_strict else reached_strict
    end = result(kb, final)
    return {
        "id": v.id,
        "set": v.set,
        "asked": len(final.replies),
        "reached": None if reached == NEVER else int(reached),
        "reached_strict": None if reached_strict == NEVER else int(reached_strict),
        "stop_reason": last.reason,
        "vignette_triage": vignette.triage.level,
        "full_triage": full.triage.level,
        "triage": end.triage.level,
        "under_triage": RANK[end.triage.level] < RANK[full.triage.level],
        "under_vignette": RANK[end.triage.level] < RANK[vignette.triage.level],
        "over_triage": RANK[end.triage.level] > RANK[full.triage.level],
        "full_top3": sorted(c.id for c in full.conditions[:3]),
        "top3": [c.id for c in end.conditions[:3]],
        "opening_findings": len(session.opening),
        "questions": [f"{t.question.id}={t.answer}" for t in turns],
        "seconds": seconds,
    }


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    reach = [NEVER if r["reached"] is None else float(r["reached"]) for r in rows]
    got = [x for x in reach if x != NEVER]
    strict = [NEVER if r["reached_strict"] is None else float(r["reached_strict"]) for r in rows]
    asked = [float(r["asked"]) for r in rows]
    steps = sum(r["asked"] + 1 for r in rows)
    return {
        "people": len(rows),
        "reached": len(got),
        "reach_median": median(reach),
        "reach_p90": percentile(reach, 90),
        "reach_median_of_reached": median(got) if got else None,
        "strict_reached": sum(x != NEVER for x in strict),
        "strict_median": median(strict),
        "strict_p90": percentile(strict, 90),
        "reach_p90_of_reached": percentile(got, 90) if got else None,
        "asked_median": median(asked),
        "asked_p90": percentile(asked, 90),
        "asked_max": max(asked),
        "under_triage": sum(r["under_triage"] for r in rows),
        "under_vignette": sum(r["under_vignette"] for r in rows),
        "over_triage": sum(r["over_triage"] for r in rows),
        "ms_per_step": round(1000 * sum(r["seconds"] for r in rows) / steps, 1),
    }


def _n(x: float | None) -> str:
    return "never" if x is None or x == NEVER else f"{x:g}"


def table(title: str, s: dict[str, Any]) -> list[str]:
    def mark(ok: bool) -> str:
        return "✓" if ok else "✗"

    return [
        f"### {title}",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| questions to reach full-information triage and top 3 — median | "
        f"{_n(s['reach_median'])} | ≤ {TARGET_MEDIAN} {mark(s['reach_median'] <= TARGET_MEDIAN)} |",
        f"| questions to reach it — p90 | {_n(s['reach_p90'])} | "
        f"≤ {TARGET_P90} {mark(s['reach_p90'] <= TARGET_P90)} |",
        f"| people whose interview reached it | {s['reached']} of {s['people']} | |",
        f"| among them: median / p90 | {_n(s['reach_median_of_reached'])} / "
        f"{_n(s['reach_p90_of_reached'])} | |",
        f"| stricter: the top 3 exactly, however unlikely — reached / median / p90 | "
        f"{s['strict_reached']} of {s['people']} / {_n(s['strict_median'])} / "
        f"{_n(s['strict_p90'])} | |",
        f"| questions asked in all — median | {_n(s['asked_median'])} | "
        f"≤ {ASKED_MEDIAN} {mark(s['asked_median'] <= ASKED_MEDIAN)} |",
        f"| questions asked in all — p90 / max | {_n(s['asked_p90'])} / {_n(s['asked_max'])} | "
        f"≤ {ASKED_P90} {mark(s['asked_p90'] <= ASKED_P90)} |",
        f"| final triage lower than with full information | {s['under_triage']} | "
        f"0 {mark(s['under_triage'] == 0)} |",
        f"| final triage lower than with the vignette's findings | {s['under_vignette']} | "
        f"0 {mark(s['under_vignette'] == 0)} |",
        f"| final triage higher than with full information | {s['over_triage']} | |",
        f"| time to choose a question (ms) | {s['ms_per_step']} | |",
        "",
    ]


def main() -> int:
    kb = load_knowledge(ROOT / "kb")
    cases = load_vignettes()
    reader = reader_available()
    modes = {"without the opening text": False}
    if reader:
        modes = {"opening complaint read by twitchcheck.text": True, **modes}
    results = {name: [simulate(kb, v, flag) for v in cases] for name, flag in modes.items()}
    summaries = {name: summarise(rows) for name, rows in results.items()}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "interview.json").write_text(
        json.dumps(
            {"knowledge_version": kb.version, "summary": summaries, "cases": results}, indent=2
        )
    )
    lines = [
        "# Adaptive interview: questions needed",
        "",
        f"Knowledge {kb.version}; {len(cases)} simulated people from the vignettes. Questions "
        "are counted after age, sex and the opening complaint; a screening question and its "
        "'which of these?' follow-up count as two.",
        "",
    ]
    for name, rows in results.items():
        for vset in ("development", "held_out"):
            part = [r for r in rows if r["set"] == vset]
            if part:
                lines += table(f"{name.capitalize()}: {vset} vignettes", summarise(part))
        lines += table(f"{name.capitalize()}: all vignettes", summaries[name])
    lines += ["### By vignette set", "", "| mode | set | people | reached | median | p90 |",
              "|---|---|---|---|---|---|"]  # fmt: skip
    for name, rows in results.items():
        for vset in sorted({r["set"] for r in rows}):
            part = summarise([r for r in rows if r["set"] == vset])
            lines.append(
                f"| {name} | {vset} | {part['people']} | {part['reached']} | "
                f"{_n(part['reach_median'])} | {_n(part['reach_p90'])} |"
            )
    lines += [
        "",
        "The stop rule's `min_gain` was chosen looking at all vignettes, the held-out ones",
        "included, so for the interview the held-out figures are not independent of tuning.",
        "",
    ]
    lines += [
        "'Full information' is what the simulated person would tell if asked every question;",
        "'reach' is the first answer from which the interview's result keeps that triage level and",
        f"top-3 causes (as a set, those at {shown_from(kb):.0%} or more: below it the result says",
        "'unlikely') to the end; for an emergency, the level alone. People whose interview ends",
        "without it count as 'never' in the median and p90.",
        "",
    ]
    first = next(iter(results))
    lines += [
        f"## Every simulated person ({first})",
        "",
        "| vignette | reached at | asked | stop | triage (full → interview) | top 3 same |",
        "|---|---|---|---|---|---|",
    ]
    for r in results[first]:
        same = sorted(r["top3"]) == r["full_top3"]
        lines.append(
            f"| {r['id']} | {_n(r['reached'])} | {r['asked']} | {r['stop_reason']} | "
            f"{r['full_triage']} → {r['triage']} | {'yes' if same else 'no'} |"
        )
    (OUT / "interview.md").write_text("\n".join(lines) + "\n")
    print("\n".join(line for line in lines if not line.startswith("| t_") and line)[:4000])
    print(f"\nfull report: {OUT / 'interview.md'}")
    safe = all(s["under_triage"] == 0 and s["under_vignette"] == 0 for s in summaries.values())
    return 0 if safe else 1


if __name__ == "__main__":
    raise SystemExit(main())
