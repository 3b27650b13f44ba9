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

from .annotations import Annotations
from .display import DisplayFile
from .questions import QuestionBank
from .schema import (
    AgeBand,
    Condition,
    DefaultsFile,
    Finding,
    GroupDefault,
    PolicyFile,
    Rule,
    Source,
    Test,
)

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
            A finding that ``implies`` broader ones leaks through them instead: it moves a cause
            the way its broader finding does (same likelihood ratio), and is never more likely
            than that finding (a kind of weakness is no more likely than weakness itself).
        explicit: condition id → the finding ids the condition itself gives a likelihood for.
        inherited: condition id → finding id → the group default (``kb/defaults.yaml``) its
            likelihood comes from, for the red-flag and tempo findings the condition does not
            list: background × the default's ratio (a red flag argues against a harmless cause).
        codes: upper-cased code (``HP:0001324``, ``SNOMED:26544005``...) → finding id.
        broader: finding id → every finding it ``implies``, transitively, nearest first.
        narrower: finding id → every finding that implies it, transitively (sorted).
        questions: the interview's screens, choices and stop policy (``kb/questions/``); an
            empty bank when the knowledge base has none.
        display: how probabilities are shown to a person and the emergency number
            (``kb/display.yaml``); ``None`` when the knowledge base has none.
        defaults: ``kb/defaults.yaml`` (the group defaults behind ``inherited``).
        annotations: the HPO disease annotations of the causes that have them
            (``kb/annotations/``), the second evidence channel; ``None`` when the knowledge base
            has none.
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
    inherited: Mapping[str, Mapping[str, GroupDefault]] = field(default_factory=dict, repr=False)
    broader: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    narrower: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    questions: QuestionBank = field(default_factory=QuestionBank, repr=False)
    display: DisplayFile | None = field(default=None, repr=False)
    defaults: DefaultsFile | None = field(default=None, repr=False)
    annotations: Annotations | None = field(default=None, repr=False)
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
    defaults: DefaultsFile | None = None,
    annotations: Annotations | None = None,
) -> KnowledgeBase:
    """Assemble a KnowledgeBase from records that already passed every check (loader only)."""
    up = {fid: _broader(findings, fid) for fid in findings}
    down: dict[str, list[str]] = {}
    for fid in sorted(findings):
        for parent in up[fid]:
            down.setdefault(parent, []).append(fid)
    likelihood: dict[str, Mapping[str, float]] = {}
    explicit: dict[str, frozenset[str]] = {}
    inherited: dict[str, Mapping[str, GroupDefault]] = {}
    covered = covered_by_defaults(defaults, findings) if defaults is not None else set()
    for cid, cond in conditions.items():
        given = {lk.finding: lk.p for lk in cond.likelihoods}
        table = dict(given)
        from_group: dict[str, GroupDefault] = {}
        # The leak, broadest findings first so that a parent's value is final before it is used.
        for fid in sorted(set(findings) - given.keys(), key=lambda f: len(up[f])):
            default = None if findings[fid].implies else group_default(defaults, cond, fid, covered)
            if default is not None:
                from_group[fid] = default
                table[fid] = findings[fid].background.p * default.ratio
            else:
                table[fid] = _leak(findings, fid, table)
        likelihood[cid] = _freeze(dict(sorted(table.items())))
        explicit[cid] = frozenset(lk.finding for lk in cond.likelihoods)
        inherited[cid] = _freeze(from_group)
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
        inherited=_freeze(inherited),
        codes=_freeze(codes),
        broader=_freeze(up),
        narrower=_freeze({k: tuple(v) for k, v in down.items()}),
        questions=questions or QuestionBank(),
        display=display,
        defaults=defaults,
        annotations=annotations,
        _token=_BUILD_TOKEN,
    )


def covered_by_defaults(defaults: DefaultsFile, findings: Mapping[str, Finding]) -> set[str]:
    """The findings every cause must give a number for or inherit one: red flags and tempo."""
    return {fid for fid, f in findings.items() if f.red_flag} | set(defaults.tempo_findings)


def group_default(
    defaults: DefaultsFile | None, condition: Condition, fid: str, covered: set[str]
) -> GroupDefault | None:
    """The default ``condition`` inherits for ``fid``: the first entry for it naming ``fid``,
    else the first of its ``rest`` entries when ``fid`` is in ``covered``
    (:func:`covered_by_defaults`); ``None`` otherwise."""
    if defaults is None:
        return None
    entries = [d for d in defaults.defaults if d.applies_to(condition)]
    named = next((d for d in entries if d.findings != "rest" and fid in d.findings), None)
    if named is not None:
        return named
    return next((d for d in entries if d.findings == "rest" and fid in covered), None)


def _broader(findings: Mapping[str, Finding], fid: str) -> tuple[str, ...]:
    """Every finding ``fid`` implies, transitively, nearest first (the kb checks for cycles)."""
    out: list[str] = []
    todo = list(findings[fid].implies)
    while todo:
        nxt = todo.pop(0)
        if nxt not in out and nxt in findings:
            out.append(nxt)
            todo.extend(findings[nxt].implies)
    return tuple(out)


def _leak(findings: Mapping[str, Finding], fid: str, table: Mapping[str, float]) -> float:
    """P(fid | cause) for a cause that gives no number for it (see ``KnowledgeBase.likelihood``).

    Without broader findings: the background rate. With them, for each direct parent ``g``:
    where the cause makes ``g`` no more likely than the background, the parent's likelihood
    ratio applied to this finding's background (a cause that argues against weakness argues as
    much against a dragging foot). Where it makes ``g`` more likely and the kind has a
    ``share_of_broader`` ``s``: the background plus that share of the cause's excess,
    ``b(k) + s · (p(g | c) − b(g))`` — a cause with weakness does not have every kind of it. Each
    capped at the parent's own likelihood; the smallest over the parents.
    """
    f = findings[fid]
    b = f.background.p
    if not f.implies:
        return b
    values = []
    for parent in f.implies:
        p_parent, b_parent = table[parent], findings[parent].background.p
        if f.share_of_broader is not None and p_parent > b_parent:
            value = b + f.share_of_broader.p * (p_parent - b_parent)
        else:
            value = b * p_parent / b_parent
        values.append(min(value, p_parent))
    return min(values)
