"""A probability in words a worried person can read: a natural frequency, rounded, capped.

The rules (denominators, rounding steps, the cap and its wording) are data in ``kb/display.yaml``;
this module only applies them. The web page applies the same rules in JavaScript from
``GET /v1/display``; the unit and browser tests pin both to the same cases.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from twitchcheck.knowledge.display import DisplayFile


@dataclass(frozen=True, slots=True)
class Framed:
    """``amount``: "about 3 in 100"; ``text``: the whole phrase with who it is about (and the
    cap's note when ``capped``); ``count`` in ``per``: the numbers behind ``amount``."""

    amount: str
    text: str
    count: int
    per: int
    capped: bool


def _grouped(n: int) -> str:
    return f"{n:,}"


def _round(x: float) -> int:
    """Halves round up, as JavaScript's ``Math.round`` does (the page must say the same)."""
    return math.floor(x + 0.5)


def frame(p: float, display: DisplayFile, who: Literal["people", "base_rate"] = "people") -> Framed:
    """Frame ``p`` (a probability in [0, 1]) as a natural frequency.

    ``who``: ``people`` after the person's answers, ``base_rate`` for a prior (before any).

    Example: ``0.034`` → "about 3 in 100 people with answers like yours"; ``0.004`` → "about 4
    in 1,000 ..."; ``0.98`` with a cap of 0.7 → "at least 70 in 100 ...; only a doctor who
    examines you can tell how likely it really is".
    """
    f, cap = display.frequency, display.cap
    whom = f.wording.people if who == "people" else f.wording.base_rate
    base = f.denominators[0]  # the rounding steps and the cap are counted per ``base``
    cap_count = _round(cap.value * base)
    step = next(r.step for r in f.rounding if p < r.below or r.below == 1.0)
    per_base = step * _round(p * base / step)
    if per_base >= cap_count:
        amount = cap.wording.format(n=cap_count, d=_grouped(base))
        return Framed(amount, f"{amount} {whom}; {cap.note}", cap_count, base, True)
    for per in f.denominators:
        count = _round(p * per) if per != base else per_base
        if count >= 1:
            amount = f.wording.about.format(n=count, d=_grouped(per))
            return Framed(amount, f"{amount} {whom}", count, per, False)
    largest = f.denominators[-1]
    amount = f.wording.fewer.format(d=_grouped(largest))
    return Framed(amount, f"{amount} {whom}", 0, largest, False)
