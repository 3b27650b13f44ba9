"""The change log between two knowledge-base versions (``twitchcheck kb diff OLD NEW``).

Records (conditions, findings, rules, sources, tests) are added, removed or changed field by
field; every sourced number present in both versions is compared by its address (as
``kb validate --estimates`` prints it), value and citation. The numbers of an added or removed
condition or finding are not listed one by one: the record's line says it all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from twitchcheck.knowledge.checks import Number, iter_numbers
from twitchcheck.knowledge.model import KnowledgeBase

# Fields whose content is compared as numbers instead (so a changed prior is not reported twice).
_NUMERIC_FIELDS: dict[str, frozenset[str]] = {
    "conditions": frozenset({"prior", "likelihoods"}),
    "findings": frozenset({"background", "share_of_broader"}),
}
KINDS: tuple[str, ...] = ("conditions", "findings", "rules", "sources", "tests")


@dataclass(frozen=True, slots=True)
class RecordChange:
    """A record present in both versions whose fields differ: field → (old, new)."""

    id: str
    fields: dict[str, tuple[Any, Any]]


@dataclass(frozen=True, slots=True)
class NumberChange:
    """A number in both versions whose value or citation differs."""

    where: str
    old: float
    new: float
    old_source: str
    new_source: str
    old_estimate: bool
    new_estimate: bool
    basis_changed: bool


@dataclass(frozen=True, slots=True)
class RecordDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[RecordChange] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


@dataclass(frozen=True, slots=True)
class KnowledgeDiff:
    old_version: str
    new_version: str
    records: dict[str, RecordDiff]  # kind (KINDS) → its changes
    policy: dict[str, tuple[Any, Any]]  # top-level policy field → (old, new), numbers excluded
    numbers_added: list[Number]
    numbers_removed: list[Number]
    numbers_changed: list[NumberChange]

    def empty(self) -> bool:
        return (
            all(r.empty() for r in self.records.values())
            and not self.policy
            and not (self.numbers_added or self.numbers_removed or self.numbers_changed)
        )


def _records(kb: KnowledgeBase, kind: str) -> Mapping[str, BaseModel]:
    if kind == "rules":
        return {r.id: r for r in kb.rules}
    table: Mapping[str, BaseModel] = getattr(kb, kind)
    return table


def _fields(old: BaseModel, new: BaseModel, skip: frozenset[str]) -> dict[str, tuple[Any, Any]]:
    a, b = old.model_dump(mode="json"), new.model_dump(mode="json")
    return {
        k: (a.get(k), b.get(k))
        for k in sorted(a.keys() | b.keys())
        if k not in skip and a.get(k) != b.get(k)
    }


def _record_diff(old: KnowledgeBase, new: KnowledgeBase, kind: str) -> RecordDiff:
    a, b = _records(old, kind), _records(new, kind)
    skip = _NUMERIC_FIELDS.get(kind, frozenset())
    changed = [
        RecordChange(rid, fields)
        for rid in sorted(a.keys() & b.keys())
        if (fields := _fields(a[rid], b[rid], skip))
    ]
    return RecordDiff(sorted(b.keys() - a.keys()), sorted(a.keys() - b.keys()), changed)


def _numbers(kb: KnowledgeBase) -> dict[str, Number]:
    return {
        n.where: n
        for n in iter_numbers(
            conditions=kb.conditions, findings=kb.findings, policy=kb.policy, defaults=kb.defaults
        )
    }


def _key(n: Number) -> tuple[float, str, bool, str | None]:
    c = n.citation
    return (n.value, c.source, c.estimate, c.basis)


def _policy_fields(old: KnowledgeBase, new: KnowledgeBase) -> dict[str, tuple[Any, Any]]:
    """Changed policy fields other than the thresholds' numbers (compared as numbers)."""

    def dump(kb: KnowledgeBase) -> dict[str, Any]:
        data = kb.policy.model_dump(mode="json")
        for pr in data["probability_rules"]:
            del pr["threshold"]
        return data

    a, b = dump(old), dump(new)
    return {k: (a[k], b[k]) for k in sorted(a) if a[k] != b[k]}


def diff(old: KnowledgeBase, new: KnowledgeBase) -> KnowledgeDiff:
    """Everything that changed from ``old`` to ``new``."""
    records = {kind: _record_diff(old, new, kind) for kind in KINDS}
    whole = {
        f"kb/{kind}/{rid}.yaml"
        for kind in ("conditions", "findings")
        for rid in (*records[kind].added, *records[kind].removed)
    }
    a, b = _numbers(old), _numbers(new)

    def listed(where: str) -> bool:
        return where.split(": ", 1)[0] not in whole

    changed = []
    for where in sorted(a.keys() & b.keys()):
        x, y = a[where], b[where]
        if _key(x) != _key(y):
            changed.append(
                NumberChange(
                    where, x.value, y.value, x.citation.source, y.citation.source,
                    x.citation.estimate, y.citation.estimate, x.citation.basis != y.citation.basis,
                )
            )  # fmt: skip
    return KnowledgeDiff(
        old_version=old.version,
        new_version=new.version,
        records=records,
        policy=_policy_fields(old, new),
        numbers_added=[b[w] for w in sorted(b.keys() - a.keys()) if listed(w)],
        numbers_removed=[a[w] for w in sorted(a.keys() - b.keys()) if listed(w)],
        numbers_changed=changed,
    )


def _short(value: Any, limit: int = 70) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number_change(c: NumberChange) -> str:
    parts = [f"~ {c.where}: {c.old:g} → {c.new:g}" if c.old != c.new else f"~ {c.where}: {c.new:g}"]
    if c.old_source != c.new_source:
        parts.append(f"source {c.old_source} → {c.new_source}")
    if c.old_estimate != c.new_estimate:
        parts.append("now an estimate" if c.new_estimate else "no longer an estimate")
    if c.basis_changed:
        parts.append("basis changed")
    return "; ".join(parts)


def to_text(d: KnowledgeDiff) -> str:
    """The change log as plain text lines (``+`` added, ``-`` removed, ``~`` changed)."""
    lines = [f"knowledge base change log: {d.old_version} → {d.new_version}"]
    if d.empty():
        return lines[0] + "\nno changes\n"
    for kind in KINDS:
        r = d.records[kind]
        lines.append(
            f"{kind}: {len(r.added)} added, {len(r.removed)} removed, {len(r.changed)} changed"
        )
        lines += [f"+ {kind[:-1]} {rid}" for rid in r.added]
        lines += [f"- {kind[:-1]} {rid}" for rid in r.removed]
        for c in r.changed:
            for name, (a, b) in c.fields.items():
                lines.append(f"~ {kind[:-1]} {c.id}: {name}: {_short(a)} → {_short(b)}")
    if d.policy:
        lines.append(f"policy: {len(d.policy)} field(s) changed")
        lines += [f"~ policy: {k}: {_short(a)} → {_short(b)}" for k, (a, b) in d.policy.items()]
    lines.append(
        f"numbers: {len(d.numbers_added)} added, {len(d.numbers_removed)} removed, "
        f"{len(d.numbers_changed)} changed"
    )
    lines += [f"+ {n.where}: {n.value:g} [{n.citation.source}]" for n in d.numbers_added]
    lines += [f"- {n.where}: {n.value:g}" for n in d.numbers_removed]
    lines += [_number_change(c) for c in d.numbers_changed]
    return "\n".join(lines) + "\n"


def to_json(d: KnowledgeDiff) -> dict[str, Any]:
    """The change log as JSON-ready data (full old and new values)."""
    return {
        "old_version": d.old_version,
        "new_version": d.new_version,
        **{
            kind: {
                "added": r.added,
                "removed": r.removed,
                "changed": [
                    {
                        "id": c.id,
                        "fields": {k: {"old": a, "new": b} for k, (a, b) in c.fields.items()},
                    }
                    for c in r.changed
                ],
            }
            for kind, r in d.records.items()
        },
        "policy": {k: {"old": a, "new": b} for k, (a, b) in d.policy.items()},
        "numbers": {
            "added": [
                {
                    "where": n.where,
                    "value": n.value,
                    "source": n.citation.source,
                    "estimate": n.citation.estimate,
                }
                for n in d.numbers_added
            ],
            "removed": [{"where": n.where, "value": n.value} for n in d.numbers_removed],
            "changed": [
                {
                    "where": c.where,
                    "old": c.old,
                    "new": c.new,
                    "old_source": c.old_source,
                    "new_source": c.new_source,
                    "old_estimate": c.old_estimate,
                    "new_estimate": c.new_estimate,
                    "basis_changed": c.basis_changed,
                }
                for c in d.numbers_changed
            ],
        },
    }
