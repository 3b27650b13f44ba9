"""The posterior of many records at once, with NumPy — and of one record, by the same code.

The model is the one ``posterior.py`` describes (single cause, leak, log space). Here it is laid out
as arrays built once per knowledge base:

- ``factors``: one row per (finding, state) *slot* — row ``2i`` holds log p(f_i | c) for every cause
  (present), row ``2i + 1`` holds log(1 − p(f_i | c)) (absent) — plus a final row of zeros used for
  padding, so that records with different numbers of findings fit one rectangular index array.
- ``log_prior``: one row per (age band, sex) *group* (sex ``female``, ``male`` or unknown).

A chunk of ``n`` records is then an ``(n,)`` array of groups and an ``(n, k)`` array of slots, and
its log weights are the group's prior row plus the slot rows, added in slot order. ``update()`` in
``posterior.py`` calls :func:`posteriors` with a chunk of one, so the scalar engine and the batch
scorer run the same arithmetic in the same order: their probabilities are bit-for-bit equal (a
property test checks it over thousands of records).

Conditions are in id order, so a stable sort on ``-probability`` ranks ties by id, as ``update()``
always has.

Pure and deterministic. :func:`tables` memoises the tables per knowledge-base *object* (a few at
most): a knowledge base is immutable, so the memo can never change a result.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from twitchcheck.knowledge.model import KnowledgeBase

    from .evidence import Evidence

FloatArray = npt.NDArray[np.float64]
IndexArray = npt.NDArray[np.intp]

#: The sexes a prior row exists for; ``None`` (unknown) averages the two multipliers.
SEXES: tuple[str | None, ...] = ("female", "male", None)


@dataclass(frozen=True, slots=True, eq=False)
class Tables:
    """Log-likelihood and log-prior matrices of one knowledge base.

    Attributes:
        conditions: condition ids, sorted; the column order of every matrix.
        findings: finding ids, sorted; finding ``i`` owns slots ``2i`` (present), ``2i+1`` (absent).
        slots: ``(finding id, "present" | "absent")`` → slot (row of ``factors``).
        pad: the slot of the zero row (padding; an ``unknown`` finding changes nothing).
        factors: ``(2F + 1, C)`` log p(f | c) and log(1 − p(f | c)), zeros in the last row.
        bands: age-band ids in the knowledge base's order.
        groups: ``(band id, sex)`` → row of ``log_prior`` / ``prior``.
        log_prior: ``(3B, C)`` log of the unnormalised prior weight of each cause.
        prior: ``(3B, C)`` the same priors normalised (what ``Posterior.prior`` reports).
    """

    conditions: tuple[str, ...]
    findings: tuple[str, ...]
    slots: Mapping[tuple[str, str], int]
    pad: int
    factors: FloatArray
    bands: tuple[str, ...]
    groups: Mapping[tuple[str, str | None], int]
    log_prior: FloatArray
    prior: FloatArray

    def group(self, band: str, sex: str | None) -> int:
        """The prior row for an age band and sex (``None`` = unknown)."""
        return self.groups[(band, sex)]

    def slot_of(self, ev: Evidence) -> int:
        """The factor row of one normalised evidence item (``pad`` when it is not scored)."""
        return self.slots[(ev.id, ev.state)] if ev.scored else self.pad

    def slot(self, finding: str, state: str) -> int:
        """The factor row of a canonical finding id in state present/absent (``pad`` if unknown)."""
        if state == "unknown":
            return self.pad
        return self.slots[(finding, state)]


def build_tables(kb: KnowledgeBase) -> Tables:
    """Lay the knowledge base out as matrices (see the module docstring)."""
    from .posterior import band_prior_weight

    conditions = tuple(sorted(kb.conditions))
    findings = tuple(sorted(kb.findings))
    factors = np.zeros((2 * len(findings) + 1, len(conditions)), dtype=np.float64)
    slots: dict[tuple[str, str], int] = {}
    for i, fid in enumerate(findings):
        slots[(fid, "present")] = 2 * i
        slots[(fid, "absent")] = 2 * i + 1
        for j, cid in enumerate(conditions):
            p = kb.likelihood[cid][fid]
            factors[2 * i, j] = math.log(p)
            factors[2 * i + 1, j] = math.log1p(-p)
    bands = tuple(b.id for b in kb.age_bands)
    groups: dict[tuple[str, str | None], int] = {}
    log_prior = np.zeros((len(bands) * len(SEXES), len(conditions)), dtype=np.float64)
    for b, band in enumerate(bands):
        for s, sex in enumerate(SEXES):
            row = b * len(SEXES) + s
            groups[(band, sex)] = row
            for j, cid in enumerate(conditions):
                log_prior[row, j] = math.log(band_prior_weight(kb, cid, band, sex))
    prior = normalise(log_prior.copy())
    for array in (factors, log_prior, prior):
        array.setflags(write=False)
    return Tables(
        conditions=conditions,
        findings=findings,
        slots=MappingProxyType(slots),
        pad=2 * len(findings),
        factors=factors,
        bands=bands,
        groups=MappingProxyType(groups),
        log_prior=log_prior,
        prior=prior,
    )


_MEMO: list[tuple[KnowledgeBase, Tables]] = []
_MEMO_SIZE = 8


def tables(kb: KnowledgeBase) -> Tables:
    """The tables of ``kb``, built on first use and remembered for that knowledge-base object."""
    for known, built in _MEMO:
        if known is kb:
            return built
    built = build_tables(kb)
    _MEMO.insert(0, (kb, built))
    del _MEMO[_MEMO_SIZE:]
    return built


def log_weights(t: Tables, groups: IndexArray, slots: IndexArray) -> FloatArray:
    """Unnormalised log posterior weights, ``(n, C)``.

    Args:
        groups: ``(n,)`` prior rows (``Tables.group``).
        slots: ``(n, k)`` factor rows per record, in the record's evidence order (canonical ids
            sorted), padded on the right with ``t.pad``.
    """
    if slots.shape[0] == 1:
        # One record: stack its prior row and factor rows and reduce down the stack. NumPy adds
        # along a non-contiguous axis one row after the other (pairwise summation is only used
        # along the contiguous axis), so this is the loop below in one call: same order, same bits.
        stack = np.concatenate((t.log_prior[groups], t.factors[slots[0]]))
        one: FloatArray = np.add.reduce(stack, axis=0, keepdims=True)
        return one
    out: FloatArray = t.log_prior[groups]  # fancy indexing copies
    for j in range(slots.shape[1]):
        out += t.factors[slots[:, j]]
    return out


def normalise(logw: FloatArray) -> FloatArray:
    """Row-wise softmax of log weights with a max-shift, in place; returns ``logw``."""
    logw -= logw.max(axis=1, keepdims=True)
    np.exp(logw, out=logw)
    logw /= logw.sum(axis=1, keepdims=True)
    return logw


def posteriors(t: Tables, groups: IndexArray, slots: IndexArray) -> FloatArray:
    """Posterior probabilities ``(n, C)`` of every cause for each record (rows sum to 1)."""
    return normalise(log_weights(t, groups, slots))


def ranking(probs: FloatArray) -> IndexArray:
    """Column indices per row, highest probability first, ties by condition id."""
    order: IndexArray = np.argsort(-probs, axis=1, kind="stable")
    return order


def slot_matrix(rows: Sequence[Sequence[int]], pad: int) -> IndexArray:
    """Pack per-record slot lists into an ``(n, k)`` array padded with ``pad``."""
    width = max((len(r) for r in rows), default=0)
    out: IndexArray = np.full((len(rows), width), pad, dtype=np.intp)
    for i, r in enumerate(rows):
        out[i, : len(r)] = r
    return out
