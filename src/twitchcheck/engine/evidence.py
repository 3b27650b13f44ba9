"""What the engine is told: the patient (age, sex) and evidence items with a state.

``normalize`` turns user references (finding ids or codes) into checked evidence: unknown ids,
contradictions and out-of-range values raise the project's errors with a precise message.

It also *closes* the evidence over the findings' hierarchy (``implies`` in ``kb/findings``: a foot
that drags is a kind of weakness):

- a present finding makes every finding it implies present (transitively);
- an absent finding makes every finding that implies it absent (a kind of weakness cannot be
  there without weakness);
- an item that follows from others this way names them in ``implied_by`` and is **not scored
  again**: P(foot drop and weakness | cause) is P(foot drop | cause), because foot drop entails
  weakness, and P(no weakness and no foot drop | cause) is P(no weakness | cause). One fact said
  two ways counts once.

A present finding beside an absent one it implies is a contradiction. When both were given as
structured input (``--present foot_drop --absent weakness``) it is refused; when either came from
words, an interview or a record, the specific present finding wins (the safe reading: what is
present can only raise the level) and the broader "absent" is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, get_args

from twitchcheck.errors import ContradictionError, InvalidValueError, UnknownIdError
from twitchcheck.knowledge.model import KnowledgeBase

State = Literal["present", "absent", "unknown"]
Origin = Literal["structured", "text", "interview", "record", "implied"]
Sex = Literal["female", "male"]

STATES: tuple[str, ...] = get_args(State)
MAX_AGE = 120.0


@dataclass(frozen=True, slots=True)
class Patient:
    """Who is assessed.

    Attributes:
        age: years, fractional allowed (0.25 = three months), 0 ≤ age ≤ 120; ``None`` if unknown.
        sex: ``"female"``, ``"male"`` or ``None`` if not given.
    """

    age: float | None = None
    sex: Sex | None = None

    def __post_init__(self) -> None:
        # `age != age` is true only for NaN.
        if self.age is not None and (self.age != self.age or not 0 <= self.age <= MAX_AGE):
            raise InvalidValueError(f"age must be between 0 and {MAX_AGE:g} years")
        if self.sex is not None and self.sex not in ("female", "male"):
            raise InvalidValueError("sex must be 'female' or 'male'")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One finding with its state.

    Attributes:
        id: a finding id (after ``normalize``: always the canonical id, never a code).
        state: ``present``, ``absent`` or ``unknown`` (unknown changes nothing).
        origin: where it came from (``structured`` flags, ``text``, ``interview``, ``record``,
            or ``implied``: added by ``normalize`` because other evidence entails it).
        implied_by: the findings of this evidence that entail this item through the hierarchy
            (set by ``normalize``). Non-empty means it follows from them and is not scored again.
    """

    id: str
    state: State
    origin: Origin = "structured"
    implied_by: tuple[str, ...] = ()

    @property
    def scored(self) -> bool:
        """Whether this item moves the probabilities (known and not entailed by other items)."""
        return self.state != "unknown" and not self.implied_by


def normalize(kb: KnowledgeBase, items: Iterable[Evidence]) -> tuple[Evidence, ...]:
    """Resolve codes to finding ids and reject contradictions.

    The same finding given twice with the same state is kept once. The same finding present and
    absent, or two findings of one exclusive group both present, raise ``ContradictionError``.

    Raises:
        UnknownIdError: an id or code no finding carries.
        InvalidValueError: a state other than present/absent/unknown.
        ContradictionError: see above.
    """
    by_id: dict[str, Evidence] = {}
    for item in items:
        if item.state not in STATES:
            raise InvalidValueError(f"state must be one of {', '.join(STATES)}, not {item.state!r}")
        fid = kb.resolve_finding(item.id)
        if fid is None:
            raise UnknownIdError("finding", item.id)
        previous = by_id.get(fid)
        if previous is not None and previous.state != item.state:
            if "unknown" in (previous.state, item.state):
                # A definite answer wins over "don't know" from another channel.
                if previous.state != "unknown":
                    continue
            else:
                raise ContradictionError(f"finding {fid!r} is given as both present and absent")
        by_id[fid] = Evidence(fid, item.state, item.origin)
    _close(kb, by_id)
    groups: dict[str, str] = {}
    for ev in by_id.values():
        if ev.state != "present":
            continue
        group = kb.findings[ev.id].exclusive_group
        if group is None:
            continue
        other = groups.setdefault(group, ev.id)
        if other != ev.id:
            raise ContradictionError(
                f"findings {other!r} and {ev.id!r} cannot both be present (one {group})"
            )
    return tuple(sorted(by_id.values(), key=lambda e: e.id))


def _close(kb: KnowledgeBase, by_id: dict[str, Evidence]) -> None:
    """Close ``by_id`` over the hierarchy in place (see the module docstring)."""
    present = sorted(f for f, ev in by_id.items() if ev.state == "present")
    # A present finding beside an absent broader one: refuse structured input, else keep present.
    for fid in present:
        for parent in kb.broader[fid]:
            other = by_id.get(parent)
            if other is None or other.state != "absent":
                continue
            if by_id[fid].origin == "structured" and other.origin == "structured":
                raise ContradictionError(
                    f"finding {fid!r} ({kb.findings[fid].label}) is a kind of {parent!r} "
                    f"({kb.findings[parent].label}), which is given as absent"
                )
            del by_id[parent]
    entailed: dict[tuple[str, State], set[str]] = {}
    for fid in present:
        for parent in kb.broader[fid]:
            entailed.setdefault((parent, "present"), set()).add(fid)
    for fid in sorted(f for f, ev in by_id.items() if ev.state == "absent"):
        for child in kb.narrower.get(fid, ()):
            entailed.setdefault((child, "absent"), set()).add(fid)
    # Consistent by construction: a finding entailed present has a present narrower finding,
    # and every finding broader than that one is present or was just dropped, so never absent.
    for (fid, state), by in sorted(entailed.items()):
        ev = by_id.get(fid)
        origin: Origin = ev.origin if ev is not None and ev.state == state else "implied"
        by_id[fid] = Evidence(fid, state, origin, tuple(sorted(by)))
