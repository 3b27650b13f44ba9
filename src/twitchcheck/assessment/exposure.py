"""Exposure-defined causes (kb ``Condition.exposure``): which defining exposure is still unasked.

A cause such as HIV neuropathy or lead poisoning needs its exposure. While the person has not said
they have had any of them, the cause is shown as "only if ..." with the questions that would settle
it — never as if it were likely on the symptoms alone. One rule, used by ``assess`` and by the
batch scorer alike, so both give the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from twitchcheck.engine.evidence import Evidence


def unknown_exposures(exposure: Sequence[str], evidence: Iterable[Evidence]) -> tuple[str, ...]:
    """The defining exposures not yet answered, in kb order — empty when one of them is present
    (the cause stands) or when every one is answered no (the cause is then ruled out by the
    likelihoods, nothing is left to ask)."""
    if not exposure:
        return ()
    states = {e.id: e.state for e in evidence}
    if any(states.get(f) == "present" for f in exposure):
        return ()
    return tuple(f for f in exposure if states.get(f) != "absent")
