"""The frozen, validated knowledge base the engine works on.

Only ``loader.load_knowledge`` (and ``variant.with_numbers``, which validates its changes the same
way) can build a :class:`KnowledgeBase`: the constructor demands a private token, so the engine
never sees knowledge that skipped validation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TypeVar

from .display import DisplayFile
from .questions import QuestionBank
from .schema import AgeBand, Condition, Finding, PolicyFile, Rule, Source, Test

_BUILD_TOKEN = object()

K = TypeVar("K")
V = TypeVar("V")


def _freeze(mapping: Mapping[K, V]) -> Mapping[K, V]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """Everything twitchcheck knows, validated and immutable.

    Attributes:
        version: ``<date-free content hash>``: changes whenever any kb file changes.
        conditions: condition id → Condition, in a stable (alphabetical) order.
        findings: finding id → Finding, in a stable (alphabetical) order.
        rules: the triage rules, sorted by level (strictest first) then id.
        policy: level wording, probability-path thresholds, disclaimer.
        sources, tests: id → record.
        age_bands: the contiguous bands priors are given for; ``default_band`` when age is unknown.
        likelihood: condition id → finding id → P(finding present | condition), with the
            finding's background rate filled in wherever the condition gives none (the leak).
        explicit: condition id → the finding ids the condition itself gives a likelihood for.
        codes: upper-cased code (``HP:0001324``, ``SNOMED:26544005``...) → finding id.
        questions: the interview's screens, choices and stop policy (``kb/questions/``); an
            empty bank when the knowledge base has none.
        display: how probabilities are shown to a person and the emergency number
            (``kb/display.yaml``); ``None`` when the knowledge base has none.
    """

    version: str
    conditions: Mapping[str, Condition]
    findings: Mapping[str, Finding]
    rules: tuple[Rule, ...]
    policy: PolicyFile
    sources: Mapping[str, Source]
    tests: Mapping[str, Test]
    age_bands: tuple[AgeBand, ...]
    default_band: str
    likelihood: Mapping[str, Mapping[str, float]] = field(repr=False)
    explicit: Mapping[str, frozenset[str]] = field(repr=False)
    codes: Mapping[str, str] = field(repr=False)
    questions: QuestionBank = field(default_factory=QuestionBank, repr=False)
    display: DisplayFile | None = field(default=None, repr=False)
    _token: object = field(repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        if self._token is not _BUILD_TOKEN:
            raise TypeError("a KnowledgeBase is built only by twitchcheck.load_knowledge()")

    def band_for(self, age: float | None) -> AgeBand:
        """The age band for ``age`` in years (``None`` → the default band)."""
        if age is None:
            return next(b for b in self.age_bands if b.id == self.default_band)
        for band in self.age_bands:
            if band.min_age <= age < band.max_age:
                return band
        return self.age_bands[-1]

    def resolve_finding(self, ref: str) -> str | None:
        """A finding id for an id or any code a finding carries; ``None`` when unknown."""
        if ref in self.findings:
            return ref
        return self.codes.get(ref.strip().upper())


def build(
    *,
    version: str,
    conditions: Mapping[str, Condition],
    findings: Mapping[str, Finding],
    rules: tuple[Rule, ...],
    policy: PolicyFile,
    sources: Mapping[str, Source],
    tests: Mapping[str, Test],
    age_bands: tuple[AgeBand, ...],
    default_band: str,
    questions: QuestionBank | None = None,
    display: DisplayFile | None = None,
) -> KnowledgeBase:
    """Assemble a KnowledgeBase from records that already passed every check (loader only)."""
    likelihood: dict[str, Mapping[str, float]] = {}
    explicit: dict[str, frozenset[str]] = {}
    for cid, cond in conditions.items():
        table = {fid: f.background.p for fid, f in findings.items()}
        for lk in cond.likelihoods:
            table[lk.finding] = lk.p
        likelihood[cid] = _freeze(table)
        explicit[cid] = frozenset(lk.finding for lk in cond.likelihoods)
    codes: dict[str, str] = {}
    for fid, f in findings.items():
        for code in f.codes.all():
            codes[code.upper()] = fid
    return KnowledgeBase(
        version=version,
        conditions=_freeze(conditions),
        findings=_freeze(findings),
        rules=rules,
        policy=policy,
        sources=_freeze(sources),
        tests=_freeze(tests),
        age_bands=age_bands,
        default_band=default_band,
        likelihood=_freeze(likelihood),
        explicit=_freeze(explicit),
        codes=_freeze(codes),
        questions=questions or QuestionBank(),
        display=display,
        _token=_BUILD_TOKEN,
    )
