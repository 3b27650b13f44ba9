"""The triage rules compiled once per knowledge base: the one place their clauses are read.

Two kinds of rule are read here and nowhere else:

- the red-flag rules (``kb/triage/rules``), below;
- the probability path (:func:`probability_path`): the rules of ``kb/triage/policy.yaml`` (the
  summed probability of the causes needing at least some care) and one rule per time-critical
  cause (a condition's ``emergency_at``: its own probability gives ``emergency``).

A rule fires when every finding of its ``all`` is present, at least ``at_least`` of its ``any``
are present (when it has any), and the person's age and sex fit its ``min_age`` / ``max_age`` /
``sex``. :class:`CompiledRules` evaluates that for one person in plain Python (what
``triage.rules.evaluate`` runs for ``assess()`` and the interview) or for a whole chunk of records
as matrix products (what ``twitchcheck batch`` runs); ``tests/batch`` holds the two to the same
rules on generated records. An unknown age fails every age clause; an unknown sex every sex
clause.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from twitchcheck.errors import TwitchcheckError
from twitchcheck.knowledge.model import KnowledgeBase

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: The clauses a rule's ``when`` may have; a new kind of clause must be taught here first.
RULE_CLAUSES = frozenset({"all", "any", "at_least", "min_age", "max_age", "sex"})
_SEX_CODE = {"female": 0, "male": 1}
_CARE_RANK = {"self_care": 0, "routine": 1, "urgent": 2, "emergency": 3}

#: The title of a probability-path reason that counts the causes needing some care.
PROBABILITY_TITLE = "Causes that need a doctor are likely enough"
#: The title of a probability-path reason for a time-critical cause.
TIME_CRITICAL_TITLE = "A cause that needs emergency care is likely enough"


@dataclass(frozen=True, slots=True)
class PathRule:
    """One rule of the probability path: the level is at least ``level`` when the summed
    probability of ``members`` (condition ids, in ``kb.conditions`` order) reaches
    ``threshold``.

    Attributes:
        id: the policy rule's id, or ``time_critical_<condition id>``.
        source: the source of the threshold (``kb/sources.yaml``).
        red_flags: ``None`` for a policy rule (the posterior as it is). For a time-critical
            cause, the red-flag findings its probability counts: those it is the most likely
            cause of (no cause gives a higher likelihood) and that imply no broader finding.
            Any other present red flag is left out of this rule's probability (see
            ``triage.rules.path_probability``), so that adding a red flag can never lower the
            probability this rule looks at: red flags are the rules' business, and each one
            already sets ``urgent`` or above on its own.
    """

    id: str
    level: Literal["emergency", "urgent", "routine"]
    title: str
    members: frozenset[str]
    threshold: float
    source: str
    red_flags: frozenset[str] | None = None


def _build_path(kb: KnowledgeBase) -> tuple[PathRule, ...]:
    path = [
        PathRule(
            pr.id,
            pr.level,
            PROBABILITY_TITLE,
            frozenset(
                cid
                for cid, c in kb.conditions.items()
                if _CARE_RANK[c.care] >= _CARE_RANK[pr.care_at_least]
            ),
            pr.threshold.value,
            pr.threshold.source,
        )
        for pr in kb.policy.probability_rules
    ]
    red_flags = [fid for fid, f in kb.findings.items() if f.red_flag]
    for cid, c in kb.conditions.items():
        if c.emergency_at is not None:
            own = kb.likelihood[cid]
            counted = frozenset(
                f
                for f in red_flags
                if not kb.broader[f]
                and all(own[f] >= kb.likelihood[other][f] for other in kb.conditions)
            )
            path.append(
                PathRule(
                    f"time_critical_{cid}",
                    "emergency",
                    TIME_CRITICAL_TITLE,
                    frozenset({cid}),
                    c.emergency_at.value,
                    c.emergency_at.source,
                    counted,
                )
            )
    return tuple(path)


_PATHS: list[tuple[KnowledgeBase, tuple[PathRule, ...]]] = []


def probability_path(kb: KnowledgeBase) -> tuple[PathRule, ...]:
    """The probability path of ``kb``: its policy rules in order, then one rule per
    time-critical cause (``emergency_at``) in condition order (built on first use)."""
    for known, built in _PATHS:
        if known is kb:
            return built
    built = _build_path(kb)
    _PATHS.insert(0, (kb, built))
    del _PATHS[8:]
    return built


class CompiledRules:
    """``kb.rules`` (in that order) over the findings of ``findings`` (matrix column order)."""

    def __init__(self, kb: KnowledgeBase, findings: Sequence[str]) -> None:
        self.kb = kb
        self.findings = tuple(findings)
        index = self.index = {f: i for i, f in enumerate(self.findings)}
        nf, nr = len(self.findings), len(kb.rules)
        self._all = np.zeros((nf, nr))
        self._any = np.zeros((nf, nr))
        self._n_all = np.zeros(nr)
        self._n_any = np.zeros(nr)
        self._at_least = np.zeros(nr)
        self._min_age = np.zeros(nr)
        self._max_age = np.zeros(nr)
        self._has_min = np.zeros(nr, dtype=bool)
        self._has_max = np.zeros(nr, dtype=bool)
        self._sex = np.full(nr, -1)
        #: Each rule's findings in the order its reason names them (``all`` then ``any``).
        self.named: list[tuple[str, ...]] = []
        #: For one person: the rules each finding takes part in (every rule needs at least one
        #: present finding to fire, so only these can), and each rule's clauses as plain values.
        self._rules_of: dict[int, list[int]] = {}
        self._when: list[
            tuple[list[int], list[int], int, float | None, float | None, str | None]
        ] = []
        for r, rule in enumerate(kb.rules):
            when = rule.when
            clauses = set(type(when).model_fields)
            if clauses != RULE_CLAUSES:
                unknown = sorted(clauses ^ RULE_CLAUSES)
                raise TwitchcheckError(f"the rule evaluator does not know rule clauses {unknown}")
            for f in when.all:
                self._all[index[f], r] += 1
            for f in when.any:
                self._any[index[f], r] += 1
            self._n_all[r] = len(when.all)
            self._n_any[r] = len(when.any)
            self._at_least[r] = when.at_least
            if when.min_age is not None:
                self._has_min[r], self._min_age[r] = True, when.min_age
            if when.max_age is not None:
                self._has_max[r], self._max_age[r] = True, when.max_age
            if when.sex is not None:
                self._sex[r] = _SEX_CODE[when.sex]
            self.named.append((*when.all, *when.any))
            for f in {*when.all, *when.any}:
                self._rules_of.setdefault(index[f], []).append(r)
            self._when.append(
                (
                    [index[f] for f in when.all],
                    [index[f] for f in when.any],
                    when.at_least,
                    when.min_age,
                    when.max_age,
                    when.sex,
                )
            )

    def fired(self, present: Iterable[int], age: float | None, sex: str | None) -> list[int]:
        """The rules that fire for one person (indices into ``kb.rules``, in order).

        Args:
            present: column indices of the present findings.
        """
        present = set(present)
        candidates: set[int] = set()
        for f in present:
            candidates.update(self._rules_of.get(f, ()))
        out = []
        for r in sorted(candidates):
            all_of, any_of, at_least, min_age, max_age, rule_sex = self._when[r]
            if min_age is not None and (age is None or age < min_age):
                continue
            if max_age is not None and (age is None or age >= max_age):
                continue
            if rule_sex is not None and sex != rule_sex:
                continue
            if not all(f in present for f in all_of):
                continue
            if any_of and sum(f in present for f in any_of) < at_least:
                continue
            out.append(r)
        return out

    def fired_matrix(
        self, present: FloatArray, ages: Sequence[float | None], sexes: Sequence[str | None]
    ) -> BoolArray:
        """``(n, R)``: which rules fire for each of ``n`` people.

        Args:
            present: ``(n, F)`` with 1.0 where a finding is present.
            ages, sexes: one per person (``None`` when not known).
        """
        age = np.array([math.nan if a is None else a for a in ages], dtype=float)[:, None]
        sex = np.array([_SEX_CODE.get(s or "", -1) for s in sexes])[:, None]
        with np.errstate(invalid="ignore"):  # NaN (unknown age) compares false: the rule fails
            age_ok = (~self._has_min | (age >= self._min_age)) & (
                ~self._has_max | (age < self._max_age)
            )
        fired: BoolArray = (
            ((present @ self._all) == self._n_all)
            & ((self._n_any == 0) | ((present @ self._any) >= self._at_least))
            & age_ok
            & ((self._sex < 0) | (sex == self._sex))
        )
        return fired


_MEMO: list[tuple[KnowledgeBase, CompiledRules]] = []


def compiled_rules(kb: KnowledgeBase) -> CompiledRules:
    """The rules of ``kb`` compiled over its findings in id order (built on first use)."""
    for known, built in _MEMO:
        if known is kb:
            return built
    built = CompiledRules(kb, sorted(kb.findings))
    _MEMO.insert(0, (kb, built))
    del _MEMO[8:]
    return built
