"""Any HPO term where a finding id is expected: CLI ``--present/--absent/--unknown``, the
``evidence`` of ``POST /v1/assess`` and ``/v1/explain``, and ``batch`` records.

A reference that names a finding (its id or one of its own codes) passes through unchanged. An
HPO term that is not a finding's own code is read through the ontology exactly as a Phenopacket's
features are (:func:`hpo_mapping.read_term`): a present term lands on the finding(s) of its
nearest ancestor, an excluded term on every finding whose codes all lie below it. A term that
reaches no finding is **not an error**: it is listed in ``unused`` with its HPO label and the
reason, and the assessment goes on without it.

When a term and a finding given directly disagree about the same finding (``--present
HP:0003484`` "upper limb muscle weakness" beside ``--absent weakness``), the clinician has said
two incompatible things and the input is refused with both named. Two *different* terms that
disagree about one finding are not a contradiction: the present one wins (what is present can
only raise the level) and the excluded one is listed in ``unused``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from twitchcheck.assessment.assess import assess
from twitchcheck.assessment.result import Assessment
from twitchcheck.engine.annotations import TermQuery
from twitchcheck.engine.evidence import STATES, Evidence, Patient
from twitchcheck.errors import ContradictionError
from twitchcheck.knowledge.model import KnowledgeBase

from .annotation_terms import channel_item, queries_for, say_channel
from .hpo_mapping import hpo_version, label, mapper_for, read_term
from .other_conditions import OtherCondition, other_conditions
from .record import Mapped, Unmapped

#: What an HPO term id looks like (``HP:`` and seven digits; lower-case ``hp:`` is accepted).
HPO_TERM = re.compile(r"^HP:\d{7}$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TermReading:
    """Structured evidence with its HPO terms read.

    Attributes:
        evidence: what to assess: the items that named a finding, as given, then one item per
            finding the terms reached (origin as given).
        mapped: how each used term was read (``code`` ``HP:…``, ``finding``, ``via``, ``through``).
        unused: terms that reach no finding, or that lost to a present term, with the reason.
        hpo_version: the HPO release consulted, ``None`` when no term needed the ontology.
        queries: the terms of ``unused`` that reach no finding but are in the release, for the
            disease-annotation channel (``assess(..., annotations=queries)``).
        other: diseases beyond our causes that the present terms fit better than any of the
            diseases our causes stand for (``other_conditions``).
    """

    evidence: tuple[Evidence, ...]
    mapped: tuple[Mapped, ...] = ()
    unused: tuple[Unmapped, ...] = ()
    hpo_version: str | None = None
    queries: tuple[TermQuery, ...] = ()
    other: tuple[OtherCondition, ...] = ()

    @property
    def read_any(self) -> bool:
        """Whether any term went through the ontology (then the result says how)."""
        return bool(self.mapped or self.unused)

    def to_dict(self) -> dict[str, Any]:
        """The ``hpo_terms`` block added to a result when HPO terms were read."""
        return {
            "hpo_version": self.hpo_version,
            "mapped": [_labelled(m) for m in self.mapped],
            "unused": [u.to_dict() for u in self.unused],
            "other_conditions": [o.to_dict() for o in self.other],
        }


def _labelled(m: Mapped) -> dict[str, Any]:
    out = m.to_dict()
    name = label(m.code)
    if name is not None:
        out["label"] = name
    return out


def is_hpo_term(ref: str) -> bool:
    """Whether ``ref`` has the shape of an HPO term id."""
    return HPO_TERM.match(ref) is not None


def read_terms(
    kb: KnowledgeBase, items: Iterable[Evidence], paths: Sequence[str] | None = None
) -> TermReading:
    """Read the HPO terms among ``items`` (see the module docstring).

    Args:
        kb: the knowledge base.
        items: evidence as given (ids, codes or HPO terms; not yet normalised).
        paths: where each item was given, for ``mapped`` / ``unused`` (default ``present[0]``,
            ``absent[2]``: the item's state and its place among items of that state).

    Raises:
        ContradictionError: a term and a finding given directly disagree about one finding, or
            one term is given both present and absent.
    """
    items = list(items)
    if all(not _needs_ontology(kb, e) for e in items):
        return TermReading(tuple(items))  # the common case: no ontology loaded, nothing added
    _refuse_same_term_both_ways(kb, items)
    where = list(paths) if paths is not None else _default_paths(items)
    direct: list[Evidence] = []
    candidates: list[Mapped] = []
    unused: list[Unmapped] = []
    channel_items: list[Evidence] = []
    mapper = mapper_for(kb)
    for item, path in zip(items, where, strict=True):
        if not _needs_ontology(kb, item):
            direct.append(item)
            continue
        found, unmapped, _ = read_term(mapper, path, item.id.upper(), item.state)
        if unmapped is not None:
            name = unmapped.label or label(unmapped.code)
            sent = channel_item(kb.annotations, item.id.upper(), item.state, item.origin)
            if sent is not None:
                channel_items.append(sent)
            unused.append(Unmapped(unmapped.path, unmapped.code, unmapped.reason, name))
        candidates.extend(found)
    given = _given(kb, direct)
    by_finding: dict[str, list[Mapped]] = {}
    for c in candidates:
        by_finding.setdefault(c.finding, []).append(c)
    added: list[Evidence] = []
    mapped: list[Mapped] = []
    origins = {path: item.origin for item, path in zip(items, where, strict=True)}
    for fid in sorted(by_finding):
        group = by_finding[fid]
        stated = given.get(fid)
        if stated is not None:
            for c in group:
                if "unknown" not in (c.state, stated) and c.state != stated:
                    raise ContradictionError(_clash(kb, c, fid, stated))
            mapped.extend(group)  # agrees with what was given directly, which stands
            continue
        definite = [c for c in group if c.state != "unknown"]
        state = (
            "present"
            if any(c.state == "present" for c in definite)
            else (definite[0].state if definite else "unknown")
        )
        winner = next(c for c in group if c.state == state)
        for c in group:
            if c.state in (state, "unknown"):
                mapped.append(c)
            else:
                unused.append(
                    Unmapped(
                        c.path,
                        c.code,
                        f"{c.state}, but {winner.code} ({winner.path}) is present and also "
                        f"reaches {fid!r}: a present finding wins",
                        label(c.code),
                    )
                )
        added.append(Evidence(fid, state, origins[winner.path]))
    queries = queries_for(kb.annotations, channel_items)
    return TermReading(
        tuple(direct + added),
        tuple(mapped),
        tuple(say_channel(unused, channel_items, queries)),
        hpo_version(),
        queries,
        other_conditions(kb.annotations, items) if kb.annotations is not None else (),
    )


def needs_ontology(kb: KnowledgeBase, items: Iterable[Evidence]) -> bool:
    """Whether any item is an HPO term that is not a finding's own code (the ontology is
    loaded to read it: about a second the first time in a process)."""
    return any(_needs_ontology(kb, e) for e in items)


def _needs_ontology(kb: KnowledgeBase, item: Evidence) -> bool:
    return item.state in STATES and kb.resolve_finding(item.id) is None and is_hpo_term(item.id)


def _default_paths(items: Sequence[Evidence]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for item in items:
        n = seen.get(item.state, 0)
        seen[item.state] = n + 1
        out.append(f"{item.state}[{n}]")
    return out


def _given(kb: KnowledgeBase, direct: Sequence[Evidence]) -> dict[str, str]:
    """Finding id → state as given directly (a definite state wins over "unknown")."""
    out: dict[str, str] = {}
    for e in direct:
        fid = kb.resolve_finding(e.id)
        if fid is not None and (out.get(fid) in (None, "unknown")):
            out[fid] = e.state
    return out


def _refuse_same_term_both_ways(kb: KnowledgeBase, items: Sequence[Evidence]) -> None:
    states: dict[str, str] = {}
    for item in items:
        if item.state == "unknown" or not _needs_ontology(kb, item):
            continue
        term = item.id.upper()
        if states.setdefault(term, item.state) != item.state:
            raise ContradictionError(f"term {term} is given as both present and absent")


def _clash(kb: KnowledgeBase, c: Mapped, fid: str, stated: str) -> str:
    verb = "is a kind of" if c.state == "present" else "excludes"
    return f"term {c.code} {verb} {fid!r} ({kb.findings[fid].label}), which is given as {stated}"


def assess_terms(
    kb: KnowledgeBase, patient: Patient, items: Iterable[Evidence]
) -> tuple[Assessment, TermReading]:
    """Assess evidence that may hold HPO terms: :func:`read_terms`, then ``assess``.

    Returns the assessment and how the terms were read (for the ``hpo_terms`` block).
    """
    reading = read_terms(kb, items)
    return assess(kb, patient, reading.evidence, annotations=reading.queries), reading
