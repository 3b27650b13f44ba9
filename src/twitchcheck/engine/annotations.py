"""The second evidence channel: HPO terms scored against the causes' disease annotations.

A clinician's HPO term that no kb finding covers (``Xerostomia``, ``Babinski sign``...) still says
something about the causes that correspond to annotated diseases (``kb/annotations/``). Each such
term is scored per disease the way LIRICAL does (Robinson et al. 2020), as a likelihood ratio
against the background frequency of the term among all annotated diseases:

* **exact / broader query** — the disease is annotated with the term or terms below it (a person
  with "polar cataract" has "cataract"): P = 1 − Π(1 − f) over those annotations (at least one of
  them; the root term "phenotypic abnormality" is then near-certain for every disease).
* **narrower query** — the person's term lies below an annotated term t: the annotation says no
  more than t does, so the ratio is t's (frequency / background of t), never the specific term's.
  (LIRICAL divides t's frequency by t's number of children instead; against the specific term's
  much smaller background that gives ratios of 40 or more from an annotation as vague as
  "abnormality of the mouth".)
* **excluded** — the disease's annotations exclude the term (qualifier NOT): ratio
  ``excluded_ratio``.
* **no match** — nothing explains the term: ratio ``no_match_ratio`` (a mild penalty; annotations
  are incomplete).

An excluded query term (the clinician says it is absent) scores (1 − P) / (1 − background) for a
matched disease and 1 otherwise. Each ratio is capped at ``max_ratio``, floored at
``excluded_ratio``. A cause is a mixture of its diseases: its ratio is Σ weight × Π ratios.

The channel never scores a term a kb finding covers (that finding's hand-sourced number does). A
cause without annotations explains none of the terms: each present term scores ``r + (1 − r) ×
background`` against it, r = ``unannotated_ratio`` (as an unmatched term does against a disease
when the term is rare; neutral for a term nearly every disease has), an excluded term 1.
The ontology walk — which annotated terms lie above or below the person's term, and the
background — is done by interop, which passes one :class:`TermQuery` per term; this module knows
no ontology.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from twitchcheck.knowledge.annotations import AnnotatedTerm, Annotations, Disease, MatchModel
from twitchcheck.knowledge.model import KnowledgeBase

Match = Literal["exact", "query_broader", "query_narrower", "excluded", "none"]


@dataclass(frozen=True, slots=True)
class TermQuery:
    """One HPO term for the channel, with what the ontology says about it.

    Attributes:
        term: ``HP:…``; state ``present`` or ``absent``.
        background: share of all annotated diseases having the term (or a term below it), in (0, 1).
        below: annotated terms (of ``Annotations.vocabulary``) that are the term or lie below it.
        above: annotated terms that lie above it → their background.
        label: the term's name, for explanations.
    """

    term: str
    state: Literal["present", "absent"]
    background: float
    below: frozenset[str] = frozenset()
    above: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    label: str = ""


@dataclass(frozen=True, slots=True)
class TermScore:
    """How one term moved one cause, in the disease that carries most of the cause's weight."""

    term: str
    label: str
    state: str
    ratio: float
    match: Match
    annotated: str | None  # the annotated term matched, if any
    frequency: float | None
    given: str | None  # the frequency as the annotation file writes it
    references: tuple[str, ...]


#: The largest |log ratio| shown as a plain ratio: beyond it (hundreds of terms) ``ratio`` stops
#: at e^±700 — a float still — and ``log10_ratio`` tells the exact size.
_SHOWN_LOG = 700.0


@dataclass(frozen=True, slots=True)
class CauseScore:
    """The channel's verdict for one annotated cause."""

    cause: str
    log_ratio: float
    disease: str  # the disease carrying most of the weight after the evidence
    disease_name: str
    terms: tuple[TermScore, ...]

    @property
    def ratio(self) -> float:
        """exp(log_ratio), bounded so that it stays a finite float."""
        return math.exp(max(-_SHOWN_LOG, min(_SHOWN_LOG, self.log_ratio)))

    @property
    def log10_ratio(self) -> float:
        return self.log_ratio / math.log(10.0)


@dataclass(frozen=True, slots=True)
class ChannelScore:
    """Per annotated cause its log likelihood ratio and the terms behind it."""

    release: str | None
    causes: Mapping[str, CauseScore]
    unannotated_log_ratio: float = 0.0  # for every cause without annotations
    unannotated_ratio: float = 1.0  # per present term, for such a cause

    def log_ratio(self, cause: str) -> float:
        """log of the cause's mixture ratio (``unannotated_log_ratio`` for a cause without
        annotations)."""
        found = self.causes.get(cause)
        return found.log_ratio if found is not None else self.unannotated_log_ratio


def _excluded_for(d: Disease, q: TermQuery) -> bool:
    """The disease's annotations exclude the term or a term above it."""
    return any(t.excluded and (t.term == q.term or t.term in q.above) for t in d.terms)


def _any_of(terms: list[AnnotatedTerm]) -> float:
    """P(the person has at least one of these annotated terms): 1 − Π(1 − f), as if independent
    (a query broad enough to cover several annotations — "abnormality of the nervous system" —
    is likelier than its likeliest one; never above 1)."""
    if len(terms) == 1:
        return terms[0].frequency  # exactly, not 1 − (1 − f)
    none = 1.0
    for t in terms:
        none *= 1.0 - t.frequency
    return 1.0 - none


def score_term(d: Disease, q: TermQuery, model: MatchModel) -> TermScore:
    """One term against one disease (see the module docstring)."""
    floor = model.excluded_ratio.value
    cap = model.max_ratio.value

    def out(
        ratio: float, match: Match, t: AnnotatedTerm | None = None, f: float | None = None
    ) -> TermScore:
        return TermScore(
            term=q.term,
            label=q.label,
            state=q.state,
            ratio=min(cap, max(floor, ratio)),
            match=match,
            annotated=t.term if t is not None else None,
            frequency=f,
            given=t.given if t is not None else None,
            references=tuple(t.references) if t is not None else (),
        )

    present = [t for t in d.terms if not t.excluded]
    below = [t for t in present if t.term in q.below]
    above = [(t, t.frequency / q.above[t.term]) for t in present if t.term in q.above]
    if below:
        best = max(below, key=lambda t: t.frequency)
        kind: Match = "exact" if any(t.term == q.term for t in below) else "query_broader"
        f = _any_of(below)
        if q.state == "absent":
            return out((1.0 - f) / (1.0 - q.background), kind, best, f)
        if not _excluded_for(d, q):
            return out(f / q.background, kind, best, f)
    if q.state == "absent":
        return out(1.0, "none")
    if _excluded_for(d, q):
        return out(floor, "excluded")
    if above:
        t, ratio = max(above, key=lambda pair: pair[1])
        return out(ratio, "query_narrower", t, t.frequency)
    return out(model.no_match_ratio.value, "none")


def unannotated_ratio(q: TermQuery, ratio: float) -> float:
    """A present term's ratio for a cause without annotations: ``ratio`` for a term few diseases
    have, rising to 1 for one nearly all have (``HP:0000118`` "Phenotypic abnormality" says
    nothing about any cause); an excluded term: 1."""
    if q.state != "present":
        return 1.0
    return ratio + (1.0 - ratio) * q.background


def score(ann: Annotations, queries: Iterable[TermQuery]) -> ChannelScore:
    """Every annotated cause's mixture ratio for these terms (see the module docstring)."""
    qs = list(queries)
    model = ann.selection.model
    causes: dict[str, CauseScore] = {}
    if not qs:
        return ChannelScore(ann.release, MappingProxyType(causes))
    unannotated = model.unannotated_ratio.value
    unexplained = sum(math.log(unannotated_ratio(q, unannotated)) for q in qs)
    for cid, cause in ann.causes.items():
        best: tuple[float, Disease, list[TermScore]] | None = None
        logs: list[float] = []
        for d in cause.diseases:
            scores = [score_term(d, q, model) for q in qs]
            log_w = math.log(d.weight) + sum(math.log(s.ratio) for s in scores)
            logs.append(log_w)
            if best is None or log_w > best[0]:
                best = (log_w, d, scores)
        assert best is not None  # a cause has at least one disease (schema)
        top, disease, scores = best
        causes[cid] = CauseScore(
            cause=cid,
            # log Σ exp(log_w), summed in log space: hundreds of terms neither overflow nor
            # underflow
            log_ratio=top + math.log(sum(math.exp(x - top) for x in logs)),
            disease=disease.id,
            disease_name=disease.name,
            terms=tuple(sorted(scores, key=lambda s: -abs(math.log(s.ratio)))),
        )
    return ChannelScore(
        ann.release,
        MappingProxyType(causes),
        unannotated_log_ratio=unexplained,
        unannotated_ratio=unannotated,
    )


def channel(kb: KnowledgeBase, queries: Iterable[TermQuery]) -> ChannelScore | None:
    """:func:`score` for the kb's annotations; ``None`` when there are no terms or annotations."""
    qs = list(queries)
    if kb.annotations is None or not qs:
        return None
    return score(kb.annotations, qs)
