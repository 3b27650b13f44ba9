"""The vignettes as a clinician would code them (issue 16): each finding given as an HPO term,
read back by the engine's own term reader (``interop.terms.assess_terms``), not as a kb id.

Two levels:

``term``
    each finding as its own HPO term (the first of ``codes.hpo``) — a clinician who codes at the
    kb's level.
``specific``
    each present finding as a more specific HPO term below its own (one or two steps down) that
    the reader maps back to that same finding and no other — "Distal muscle weakness" where the kb
    says weakness. The term is picked by a hash of the vignette and finding ids, so every run picks
    the same one. An excluded finding stays at its own term: excluding something more specific
    would exclude less than the vignette says.

Findings with no HPO term (medicines, exposures, triggers, how long it has lasted) have no HPO
code a clinician could write; they are given as the kb's ids and counted, so the figure says how
much of the case was coded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from tests.vignette_cases import Vignette
from twitchcheck import Evidence, KnowledgeBase, Patient
from twitchcheck.errors import InputError
from twitchcheck.interop.hpo_mapping import HpoMapper, lookup_term, mapper_for
from twitchcheck.interop.terms import assess_terms

from .cases import CaseResult, record

Level = Literal["term", "specific"]
LEVELS: tuple[Level, ...] = ("term", "specific")
LEVEL_LABELS: dict[Level, str] = {
    "term": "each finding as its own HPO term",
    "specific": "present findings one or two levels more specific",
}
#: How far below a finding's own term a more specific term is looked for.
MAX_STEPS_DOWN = 2


@dataclass(slots=True)
class Coding:
    """How much of the vignettes went in as HPO terms."""

    findings: int = 0
    as_hpo: int = 0
    more_specific: int = 0
    errors: list[str] = field(default_factory=list)


def _own_term(kb: KnowledgeBase, fid: str) -> str | None:
    codes = kb.findings[fid].codes.hpo
    return codes[0] if codes else None


def _below(term_id: str) -> list[str]:
    """Terms one to :data:`MAX_STEPS_DOWN` steps below ``term_id``, sorted."""
    term = lookup_term(term_id)
    if term is None:
        return []
    found: set[str] = set()
    frontier = [term]
    for _ in range(MAX_STEPS_DOWN):
        frontier = [c for t in frontier for c in t.children]
        found |= {c.id for c in frontier}
    return sorted(found)


def _specific(mapper: HpoMapper, vid: str, fid: str, own: str) -> str | None:
    """A more specific term the reader maps back to ``fid`` alone, picked by a stable hash."""
    same = [t for t in _below(own) if {f for f, _, _ in mapper.present(t).findings} == {fid}]
    if not same:
        return None
    digest = hashlib.sha256(f"{vid}/{fid}".encode()).digest()
    return same[int.from_bytes(digest[:4], "big") % len(same)]


def coded_evidence(
    kb: KnowledgeBase, mapper: HpoMapper, v: Vignette, level: Level, coding: Coding
) -> list[Evidence]:
    """The vignette's findings as a clinician would code them at ``level``."""
    items: list[Evidence] = []
    for state, fids in (("present", v.present), ("absent", v.absent)):
        for fid in fids:
            coding.findings += 1
            own = _own_term(kb, fid)
            if own is None:
                items.append(Evidence(fid, state))  # type: ignore[arg-type]
                continue
            coding.as_hpo += 1
            code = own
            if level == "specific" and state == "present":
                deeper = _specific(mapper, v.id, fid, own)
                if deeper is not None:
                    code = deeper
                    coding.more_specific += 1
            items.append(Evidence(code, state))  # type: ignore[arg-type]
    return items


def run_coded(
    kb: KnowledgeBase, vignettes: Sequence[Vignette], level: Level
) -> tuple[list[CaseResult], Coding]:
    """Every vignette assessed from its HPO-coded findings. One the term reader refuses is listed
    in ``Coding.errors`` (the report prints them) and has no result."""
    mapper = mapper_for(kb)
    coding = Coding()
    out: list[CaseResult] = []
    for v in vignettes:
        items = coded_evidence(kb, mapper, v, level, coding)
        try:
            assessment, _ = assess_terms(kb, Patient(age=v.age, sex=v.sex), items)
        except InputError as e:
            coding.errors.append(f"{v.id}: {e}")
            continue
        out.append(record(v, assessment))
    return out, coding
