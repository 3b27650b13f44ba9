"""Realistic, varied records for the speed benchmarks, generated from the vignettes.

Each record starts from a randomly chosen vignette — a real clinical picture — and varies it the
way real entries vary: a few findings left out, one or two others answered, some given by a code
(HPO, SNOMED CT) instead of an id, ages moved a few years. Every record is valid (no finding both
present and absent, at most one finding of an exclusive group present, no present finding beside
an absent one it implies), so the benchmark measures
assessments, not error lines. Deterministic for a seed.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Sequence
from typing import Any

from tests.vignette_cases import Vignette
from twitchcheck import KnowledgeBase


def records(
    kb: KnowledgeBase, vignettes: Sequence[Vignette], n: int, seed: int = 8
) -> Iterator[dict[str, Any]]:
    """``n`` records in the ``batch`` / ``interview --answers`` shape."""
    rng = random.Random(seed)
    finding_ids = sorted(kb.findings)
    codes = {fid: sorted(f.codes.all()) for fid, f in kb.findings.items()}
    for _ in range(n):
        v = rng.choice(vignettes)
        states: dict[str, str] = {}
        for fid in v.present:
            if rng.random() > 0.15:
                states[fid] = "present"
        for fid in v.absent:
            if rng.random() > 0.25:
                states[fid] = "absent"
        for fid in rng.sample(finding_ids, rng.randint(0, 2)):
            states.setdefault(fid, rng.choice(("present", "absent", "absent", "unknown")))
        _one_per_group(kb, states)
        _no_absent_broader(kb, states)
        age = min(120.0, max(0.0, v.age + rng.choice((0, 0, -3, 2, 5))))
        record: dict[str, Any] = {"age": age, "sex": v.sex}
        for state in ("present", "absent", "unknown"):
            refs = [
                rng.choice(codes[fid]) if codes[fid] and rng.random() < 0.1 else fid
                for fid, s in states.items()
                if s == state
            ]
            if refs:
                record[state] = refs
        yield record


def _one_per_group(kb: KnowledgeBase, states: dict[str, str]) -> None:
    """Keep the first present finding of each exclusive group; the others become absent."""
    seen: set[str] = set()
    for fid in sorted(states):
        group = kb.findings[fid].exclusive_group
        if states[fid] == "present" and group is not None:
            if group in seen:
                states[fid] = "absent"
            seen.add(group)


def _no_absent_broader(kb: KnowledgeBase, states: dict[str, str]) -> None:
    """A present finding's broader findings (a foot that drags is weakness) are never absent:
    drop such an "absent", as a careful entry would."""
    present = [fid for fid, state in states.items() if state == "present"]
    for fid in present:
        for parent in kb.broader[fid]:
            if states.get(parent) == "absent":
                del states[parent]


def as_request(record: dict[str, Any]) -> dict[str, Any]:
    """The same record as a ``POST /v1/assess`` body."""
    evidence = [
        {"id": ref, "state": state}
        for state in ("present", "absent", "unknown")
        for ref in record.get(state, ())
    ]
    return {"age": record.get("age"), "sex": record.get("sex"), "evidence": evidence}


def jsonl(items: Iterator[dict[str, Any]]) -> Iterator[str]:
    """One compact JSON object a line."""
    for item in items:
        yield json.dumps(item, separators=(",", ":")) + "\n"
