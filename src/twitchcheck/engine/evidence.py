"""What the engine is told: the patient (age, sex) and evidence items with a state.

``normalize`` turns user references (finding ids or codes) into checked evidence: unknown ids,
contradictions and out-of-range values raise the project's errors with a precise message.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, get_args

from twitchcheck.errors import ContradictionError, InvalidValueError, UnknownIdError
from twitchcheck.knowledge.model import KnowledgeBase

State = Literal["present", "absent", "unknown"]
Origin = Literal["structured", "text", "interview", "record"]
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
        origin: where it came from (``structured`` flags, ``text``, ``interview``, ``record``).
    """

    id: str
    state: State
    origin: Origin = "structured"


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
