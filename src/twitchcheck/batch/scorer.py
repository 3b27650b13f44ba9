"""Assess many records at once: NumPy scoring in chunks, then the ``assess --json`` line of each.

For a chunk of records the :class:`Scorer`

1. computes every posterior with the engine's matrices (``engine.vectorized``: the very code
   ``update()`` runs for one record, so the probabilities are bit-for-bit those of ``assess()``);
2. evaluates the triage with the triage module's own evaluator (``triage.compiled``: the red-flag
   rules of every record of the chunk as matrix products, or one record in plain Python;
   ``triage.rules.probability_reason`` and ``conclude`` for the probability path and the level),
   after a running sum of each record's probabilities in ranked order has told which probability
   rules can fire;
3. writes each record's result as the compact JSON of ``Assessment.to_dict()``, from fragments
   precomputed per knowledge base (names, sources, each likelihood-ratio term), filling in only what
   differs between records.

The result is the same JSON, byte for byte, as ``json.dumps(assess(...).to_dict())`` with compact
separators; ``tests/batch`` checks it on the vignettes and on generated records.

The summary shape (``detail="summary"``, the default of ``POST /v1/assess`` and ``batch``) is
built as a dict by ``assessment.result.summary_dict`` — the very function behind
``Assessment.to_summary()`` — from the same triage, next steps and reassurance, and written by
orjson; it needs no terms for and against except those against the feared causes.

One record at a time (``assess_json``, what ``POST /v1/assess`` answers with) takes the same path
with a chunk of one, except that its rules are checked in plain Python (:meth:`Scorer.fired_one`,
the evaluation ``assess()`` runs): for a single record that is cheaper than the matrices.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from twitchcheck.assessment.assess import (
    assess,
    families,
    family_of,
    next_steps_for,
    reassurance,
)
from twitchcheck.assessment.exposure import unknown_exposures
from twitchcheck.assessment.result import (
    SUMMARY_CAUSES,
    ConditionResult,
    Detail,
    FamilyResult,
    NextSteps,
    Reassurance,
    evidence_dict,
    family_dict,
    summary_dict,
    term_dict,
)
from twitchcheck.engine.annotations import TermQuery
from twitchcheck.engine.evidence import Evidence, Patient, normalize
from twitchcheck.engine.explain import Term, term_table
from twitchcheck.engine.posterior import ENGINE_VERSION, Posterior
from twitchcheck.engine.vectorized import Tables, posteriors, ranking, slot_matrix, tables
from twitchcheck.jsonout import dumps
from twitchcheck.knowledge.model import KnowledgeBase
from twitchcheck.triage.compiled import CompiledRules, probability_path
from twitchcheck.triage.rules import (
    Reason,
    TriageResult,
    conclude,
    path_probability,
    probability_reason,
    probability_reasons,
    rule_reasons,
)

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

# How many (level, top causes) pairs the scorer remembers the next steps of before it starts over.
MEMO_LIMIT = 4096
# Records whose serious-cause mass lies this close to a threshold are re-summed exactly as the
# triage module sums them (Python's ``sum``), whatever the interpreter's summation.
_MASS_GUARD = 1e-9


def _patient(rec: Prepared) -> dict[str, Any]:
    return {"age": rec.patient.age, "sex": rec.patient.sex, "age_band": rec.band}


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _dumps(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, separators=(",", ":"))``."""
    return _ENCODER.encode(value)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A record ready to score: the patient and its normalised evidence, as matrix indices."""

    patient: Patient
    evidence: tuple[Evidence, ...]
    band: str
    group: int
    slots: tuple[int, ...]
    present: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Scores:
    """The numbers of a scored chunk (rows are records, columns ``Tables.conditions``).

    Attributes:
        probabilities: ``(n, C)`` posterior probabilities.
        order: ``(n, C)`` ranking, highest first, ties by condition id.
        fired: ``(n, R)`` which red-flag rules fire (``kb.rules`` order).
        mass: ``(n, K)`` probability of the causes each probability rule counts.
    """

    probabilities: FloatArray
    order: npt.NDArray[np.intp]
    fired: BoolArray
    mass: FloatArray


class Scorer:
    """The knowledge base compiled for scoring records in chunks (build once, reuse)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.t: Tables = tables(kb)
        t = self.t
        self._findex = {f: i for i, f in enumerate(t.findings)}
        self._compile_rules()
        self._compile_fragments()

    # -- compilation -------------------------------------------------------------------------

    def _compile_rules(self) -> None:
        kb, t = self.kb, self.t
        # The rules as the triage module compiles them (the one evaluator of their clauses),
        # over this scorer's finding columns.
        self.rules = CompiledRules(kb, t.findings)
        # The probability path: the causes each rule counts, its threshold, and the reason it
        # gives, taken from the triage module itself (a posterior putting weight 1 on every cause
        # makes every probability rule fire; only ``conditions`` and ``probability`` vary).
        rules = self._prob_rules = probability_path(kb)
        self._prob_threshold = np.array([pr.threshold for pr in rules])
        self._prob_thresholds: list[float] = self._prob_threshold.tolist()
        # (K, C): which causes each probability rule counts.
        self._prob_member = np.array(
            [[c in pr.members for c in t.conditions] for pr in rules], dtype=bool
        ).reshape(len(rules), len(t.conditions))
        self._prob_members: list[list[bool]] = self._prob_member.tolist()
        # (C, K) as floats: a record's mass of every probability rule in one product.
        self._prob_mask = self._prob_member.T.astype(float)
        everything = Posterior(
            probabilities=dict.fromkeys(t.conditions, 1.0),
            prior=dict.fromkeys(t.conditions, 1.0),
            band=t.bands[0],
            evidence=(),
        )
        templates = {r.id: r for r in probability_reasons(kb, everything)}
        self._prob_templates: tuple[Reason | None, ...] = tuple(
            templates.get(pr.id) for pr in rules
        )
        self._levels = {lv.id: lv for lv in kb.policy.levels}
        # Next steps depend only on the level and the top causes: computed once per pair.
        self._steps: dict[tuple[str, tuple[int, ...]], NextSteps] = {}

    def _compile_fragments(self) -> None:
        kb, t = self.kb, self.t
        self._head: list[str] = []
        self._mid: list[str] = []
        self._family = family_of(kb)
        # The columns summed into a lay line (``kb/display.yaml`` families).
        self._family_columns = tuple(
            (cid, j) for j, cid in enumerate(t.conditions) if cid in self._family
        )
        for cid in t.conditions:
            c = kb.conditions[cid]
            names = {
                "id": cid,
                "name": c.name,
                "clinical_name": c.clinical_name,
                "group": c.group,
                "family": self._family.get(cid),
            }
            self._head.append(_dumps(names)[:-1] + ',"probability":')
            self._mid.append(f',"care":{_dumps(c.care)},"severity":{_dumps(c.severity)}')
        self._exposures = tuple(
            (j, tuple(kb.conditions[cid].exposure))
            for j, cid in enumerate(t.conditions)
            if kb.conditions[cid].exposure
        )
        self._prior: list[list[float]] = t.prior.tolist()
        self._prior_text = [[f',"prior":{_dumps(round(p, 6))}' for p in row] for row in self._prior]
        self._words = [
            (w.at_least, f',"words":{_dumps(w.words)}') for w in kb.policy.probability_words
        ]
        self._plain_words = [(w.at_least, w.words) for w in kb.policy.probability_words]
        col = self._column = {c: j for j, c in enumerate(t.conditions)}
        # slot → every term it puts for or against a cause (see ``_Entry``).
        self._moving: dict[int, tuple[_Entry, ...]] = {}
        for (fid, state), entries in term_table(kb).moving.items():
            self._moving[t.slot(fid, state)] = tuple(
                (
                    col[cid],
                    is_for,
                    -term.ratio if is_for else term.ratio,
                    _dumps(term_dict(term)),
                    term,
                )
                for cid, term, is_for in entries
            )
        self._evidence_text: dict[tuple[str, str, str, tuple[str, ...]], str] = {}
        self._tail = (
            f',"knowledge_version":{_dumps(kb.version)},"engine_version":{_dumps(ENGINE_VERSION)}'
            f',"disclaimer":{_dumps(kb.policy.disclaimer)}}}'
        )
        policy = kb.policy.reassurance
        self._reassure = frozenset(col[c] for c in policy.conditions if c in col)
        # slot → the terms it puts against a feared cause (all the summary shape needs of them).
        self._feared_against: dict[int, tuple[_Entry, ...]] = {}
        for slot, moved in self._moving.items():
            feared = tuple(e for e in moved if not e[1] and e[0] in self._reassure)
            if feared:
                self._feared_against[slot] = feared
        self._reassure_head = {
            j: _dumps({"condition": cid, "name": kb.conditions[cid].name})[:-1] + ',"probability":'
            for j, cid in enumerate(t.conditions)
            if j in self._reassure
        }
        self._top_n = kb.policy.next_steps.top_conditions
        self._empty = [""] * len(t.conditions)
        # Triage: the head of each level, each reason's fixed parts (``triage_dict`` order).
        self._level_head = {
            lv.id: _dumps({"level": lv.id, "label": lv.label, "advice": lv.advice})[:-1]
            + ',"reasons":['
            for lv in kb.policy.levels
        }
        self._reason_parts: dict[str, tuple[str, str]] = {}
        for rule in kb.rules:
            self._reason_parts[rule.id] = (
                _dumps({"kind": "rule", "rule": rule.id, "level": rule.level, "title": rule.title})[
                    :-1
                ]
                + ',"finding":',
                ',"conditions":[],"probability":null,'
                + _dumps({"advice": rule.advice, "source": rule.source})[1:],
            )
        for template in self._prob_templates:
            if template is not None:
                fixed: dict[str, Any] = {
                    "kind": template.kind,
                    "rule": template.id,
                    "level": template.level,
                    "title": template.title,
                    "finding": None,
                    "findings": [],
                }
                self._reason_parts[template.id] = (
                    _dumps(fixed)[:-1] + ',"conditions":',
                    "," + _dumps({"advice": template.advice, "source": template.source})[1:],
                )
        self._text: dict[str, str] = {}
        self._test_text = {
            tid: _dumps({"id": tid, "name": x.name, "why": x.lay}) for tid, x in kb.tests.items()
        }

    # -- preparing and scoring ---------------------------------------------------------------

    def prepare(self, patient: Patient, evidence: Iterable[Evidence]) -> Prepared:
        """Normalise one record's evidence (raises the same ``InputError``s as ``assess()``)."""
        items = normalize(self.kb, evidence)
        t = self.t
        band = self.kb.band_for(patient.age).id
        slots = tuple(t.slot_of(ev) for ev in items)
        present = tuple(self._findex[ev.id] for ev in items if ev.state == "present")
        return Prepared(patient, items, band, t.group(band, patient.sex), slots, present)

    def score(self, records: Sequence[Prepared]) -> Scores:
        """Posteriors, rules and triage levels of a chunk, as arrays."""
        t, n = self.t, len(records)
        groups = np.fromiter((r.group for r in records), dtype=np.intp, count=n)
        probs = posteriors(t, groups, slot_matrix([r.slots for r in records], t.pad))
        order = ranking(probs)
        # Red-flag rules on present findings, age and sex.
        present = np.zeros((n, len(t.findings)))
        rows = [i for i, r in enumerate(records) for _ in r.present]
        cols = [f for r in records for f in r.present]
        present[rows, cols] = 1.0
        fired = self.rules.fired_matrix(
            present, [r.patient.age for r in records], [r.patient.sex for r in records]
        )
        # The probability path: cumulative sums run left to right, the order Python's ``sum``
        # adds the ranked members in triage.rules.
        ranked = np.take_along_axis(probs, order, axis=1)
        mass = np.empty((n, len(self._prob_member)))
        for k, member in enumerate(self._prob_member):
            mass[:, k] = np.cumsum(np.where(member[order], ranked, 0.0), axis=1)[:, -1]
        return Scores(probs, order, fired, mass)

    def fired_one(self, rec: Prepared) -> list[int]:
        """The rules that fire for one record (``kb.rules`` indices, in order), without NumPy:
        the triage module's plain evaluation, cheaper than the matrices for a single record."""
        return self.rules.fired(rec.present, rec.patient.age, rec.patient.sex)

    def render_one(self, rec: Prepared) -> str:
        """One record's result without chunk-sized arrays (what ``assess_json`` runs)."""
        t = self.t
        groups = np.array([rec.group], dtype=np.intp)
        probs = posteriors(t, groups, slot_matrix([rec.slots], t.pad))
        order = ranking(probs)[0].tolist()
        # An infinite mass makes ``triage`` sum every probability rule exactly, as triage does.
        always = [math.inf] * len(self._prob_templates)
        return self.render(rec, probs[0].tolist(), order, self.fired_one(rec), always)

    # -- one record's result -----------------------------------------------------------------

    def triage(
        self,
        rec: Prepared,
        probs: list[float],
        order: list[int],
        fired: list[int],
        mass: list[float],
    ) -> TriageResult:
        """The record's :class:`TriageResult`, as ``triage.rules.evaluate`` builds it.

        ``mass`` (from :meth:`score`) decides which probability rules can fire; where one does, or
        the mass lies within a hair of its threshold, the mass is summed again exactly as the
        triage module sums it, so the reported figure is its figure on any Python version.
        """
        kb = self.kb
        present = {self.t.findings[f] for f in rec.present}
        reasons = rule_reasons(kb, self.rules, fired, present)
        for k, threshold in enumerate(self._prob_thresholds):
            if self._prob_templates[k] is None:
                continue
            if self._prob_rules[k].red_flags is not None:
                # A time-critical cause: its probability without the red flags it does not
                # count, by the triage module's own arithmetic.
                counted = path_probability(kb, self._prob_rules[k], rec.evidence, probs)
                members = sorted(counted, key=lambda x: -x[1])
            elif mass[k] < threshold - _MASS_GUARD:
                continue
            else:
                member = self._prob_members[k]
                members = [(self.t.conditions[j], probs[j]) for j in order if member[j]]
            reason = probability_reason(kb, k, members)
            if reason is not None:
                reasons.append(reason)
        return conclude(kb, reasons)

    def _unasked(self, rec: Prepared) -> dict[int, str]:
        """Column → the JSON list of the cause's defining exposures not yet answered, for the
        exposure-defined causes where that list is not empty."""
        out: dict[int, str] = {}
        for j, exposure in self._exposures:
            unknown = unknown_exposures(exposure, rec.evidence)
            if unknown:
                out[j] = _dumps(list(unknown))
        return out

    def render(
        self,
        rec: Prepared,
        probs: list[float],
        order: list[int],
        fired: list[int],
        mass: list[float],
        triage: TriageResult | None = None,
    ) -> str:
        """One record's result: the compact JSON of ``assess(...).to_dict()`` (``triage`` when
        the caller has already computed it)."""
        t = self.t
        if triage is None:
            triage = self.triage(rec, probs, order, fired, mass)
        # Each cause's terms for and against, in evidence order, then sorted by strength (a stable
        # sort, as Explanation.supporting / .opposing sort them).
        pro: dict[int, list[_Entry]] = {}
        con: dict[int, list[_Entry]] = {}
        for s in rec.slots:
            for entry in self._moving.get(s, ()):
                side = pro if entry[1] else con
                terms = side.get(entry[0])
                if terms is None:
                    side[entry[0]] = [entry]
                else:
                    terms.append(entry)
        fa = self._empty.copy()
        for j, terms in pro.items():
            fa[j] = _joined(terms)
        ag = self._empty.copy()
        for j, terms in con.items():
            ag[j] = _joined(terms)
        prior_text = self._prior_text[rec.group]
        words = self._words
        head, mid = self._head, self._mid
        unasked = self._unasked(rec)
        parts: list[str] = []
        for j in order:
            p = probs[j]
            w = ""
            for at_least, text in words:
                if p >= at_least:
                    w = text
                    break
            parts.append(
                f'{head[j]}{round(p, 6)!r}{prior_text[j]}{w}{mid[j]},"exposure_unknown":'
                f'{unasked.get(j, "[]")},"for":[{fa[j]}],"against":[{ag[j]}]}}'
            )
        top = [t.conditions[j] for j in order[: self._top_n]]
        steps = next_steps_for(self.kb, top, triage)
        calm = ""
        if self._reassure:
            feared = [
                self._condition(rec, j, probs[j], con.get(j), self._for_feared(rec, j))
                for j in order
                if j in self._reassure
            ]
            calm = ",".join(
                [
                    f"{self._reassure_head[self._column[r.condition]]}{round(r.probability, 6)!r}"
                    f',"rare_at_this_age":{"true" if r.rare_at_this_age else "false"},'
                    f'"against":[{ag[self._column[r.condition]]}]}}'
                    for r in reassurance(self.kb, feared)
                ]
            )
        evidence = ",".join([self._evidence(ev) for ev in rec.evidence])
        lines = _dumps([family_dict(f) for f in self._families(probs)])
        return (
            f'{{"triage":{self._triage_json(triage)},"conditions":[{",".join(parts)}],'
            f'"families":{lines},"evidence":[{evidence}],"next_steps":{self._steps_json(steps)},'
            f'"reassurance":[{calm}],'
            f'"patient":{_dumps(_patient(rec))}{self._tail}'
        )

    def summary(
        self,
        rec: Prepared,
        probs: list[float],
        order: list[int],
        fired: list[int],
        mass: list[float],
        triage: TriageResult | None = None,
    ) -> dict[str, Any]:
        """One record's result in the summary shape: ``assess(...).to_summary()``, built without
        the terms for and against every cause (only those against the feared causes)."""
        kb, t = self.kb, self.t
        if triage is None:
            triage = self.triage(rec, probs, order, fired, mass)
        steps = self._next_steps(order[: self._top_n], triage)
        calm: tuple[Reassurance, ...] = ()
        if self._reassure:
            against: dict[int, list[_Entry]] = {}
            for s in rec.slots:
                for entry in self._feared_against.get(s, ()):
                    against.setdefault(entry[0], []).append(entry)
            for terms in against.values():
                terms.sort(key=_key)  # strongest first, stable: as Explanation.opposing
            below = kb.policy.reassurance.below  # reassurance() looks at no other cause
            feared = [
                self._condition(rec, j, probs[j], against.get(j), self._for_feared(rec, j))
                for j in order
                if j in self._reassure and probs[j] < below
            ]
            calm = reassurance(kb, feared)
        conditions = kb.conditions
        top = []
        for j in order[:SUMMARY_CAUSES]:
            cid, p = t.conditions[j], probs[j]
            words = ""
            for at_least, text in self._plain_words:
                if p >= at_least:
                    words = text
                    break
            c = conditions[cid]
            top.append((cid, c.name, p, words, c.care, self._family.get(cid)))
        return summary_dict(
            triage=triage,
            top=top,
            considered=len(order),
            families=self._families(probs),
            evidence=rec.evidence,
            next_steps=steps,
            reassurance=calm,
            patient=rec.patient,
            band=rec.band,
            versions=(kb.version, ENGINE_VERSION),
            disclaimer=kb.policy.disclaimer,
        )

    def _families(self, probs: list[float]) -> tuple[FamilyResult, ...]:
        """``assess.families`` of the record: the same sums in the same order."""
        return families(self.kb, {cid: probs[j] for cid, j in self._family_columns})

    def _next_steps(self, top: list[int], triage: TriageResult) -> NextSteps:
        """``next_steps_for`` the top causes (columns), remembered per level and causes."""
        key = (triage.level, tuple(top))
        steps = self._steps.get(key)
        if steps is None:
            if len(self._steps) >= MEMO_LIMIT:
                self._steps.clear()
            steps = next_steps_for(self.kb, [self.t.conditions[j] for j in top], triage)
            self._steps[key] = steps
        return steps

    def result(
        self,
        rec: Prepared,
        probs: list[float],
        order: list[int],
        fired: list[int],
        mass: list[float],
        detail: Detail,
        triage: TriageResult | None = None,
    ) -> bytes:
        """One record's result as compact UTF-8 JSON in the shape ``detail`` names."""
        if detail == "full":
            return self.render(rec, probs, order, fired, mass, triage).encode()
        return dumps(self.summary(rec, probs, order, fired, mass, triage))

    def _triage_json(self, triage: TriageResult) -> str:
        """``triage_dict(triage)`` as JSON."""
        reasons = []
        for r in triage.reasons:
            head, tail = self._reason_parts[r.id]
            if r.kind == "rule":
                first = self._string(r.findings[0]) if r.findings else "null"
                found = ",".join([self._string(f) for f in r.findings])
                reasons.append(f'{head}{first},"findings":[{found}]{tail}')
            else:
                conds = ",".join([self._string(c) for c in r.conditions])
                mass = "null" if r.probability is None else repr(round(r.probability, 6))
                reasons.append(f'{head}[{conds}],"probability":{mass}{tail}')
        return f"{self._level_head[triage.level]}{','.join(reasons)}]}}"

    def _steps_json(self, steps: NextSteps) -> str:
        """``next_steps_dict(steps)`` as JSON."""
        head = _dumps(
            {"level": steps.level, "advice": steps.advice, "specialist": steps.specialist}
        )
        tests = ",".join([self._test_text[tid] for tid, _, _ in steps.tests])
        care = ",".join([self._string(line) for line in steps.self_care])
        return f'{head[:-1]},"tests":[{tests}],"self_care":[{care}]}}'

    def _string(self, value: str) -> str:
        """A knowledge-base string (an id, an advice line) as JSON, remembered."""
        text = self._text.get(value)
        if text is None:
            text = self._text[value] = _dumps(value)
        return text

    def _for_feared(self, rec: Prepared, j: int) -> tuple[Term, ...]:
        """The terms of this record's evidence *for* feared cause ``j`` that are red flags:
        all the reassurance policy needs of the supporting terms."""
        return tuple(
            e[4]
            for s in rec.slots
            for e in self._moving.get(s, ())
            if e[0] == j and e[1] and self.kb.findings[e[4].finding].red_flag
        )

    def _condition(
        self,
        rec: Prepared,
        j: int,
        p: float,
        against: list[_Entry] | None,
        supporting: tuple[Term, ...] = (),
    ) -> ConditionResult:
        """A cause's result as ``assess()`` builds it (only for the reassurance policy)."""
        cid = self.t.conditions[j]
        c = self.kb.conditions[cid]
        words = next(w.words for w in self.kb.policy.probability_words if p >= w.at_least)
        return ConditionResult(
            id=cid,
            name=c.name,
            clinical_name=c.clinical_name,
            group=c.group,
            probability=p,
            prior=self._prior[rec.group][j],
            words=words,
            care=c.care,
            severity=c.severity,
            family=self._family.get(cid),
            supporting=supporting,  # only the red flags for it: all the policy reads
            opposing=tuple(x[4] for x in against or ()),
        )

    def _evidence(self, ev: Evidence) -> str:
        key = (ev.id, ev.state, ev.origin, ev.implied_by)
        text = self._evidence_text.get(key)
        if text is None:
            text = _dumps(evidence_dict(ev))
            self._evidence_text[key] = text
        return text

    def render_chunk(self, records: Sequence[Prepared]) -> list[str]:
        """Score a chunk and render every record in the full shape (same order)."""
        return [line.decode() for line in self.iter_results(records, "full")]

    def iter_results(self, records: Sequence[Prepared], detail: Detail) -> Iterator[bytes]:
        """Score a chunk at once, then yield each record's result in turn (UTF-8 JSON in the
        shape ``detail`` names)."""
        if not records:
            return
        s = self.score(records)
        probs = s.probabilities.tolist()
        order = s.order.tolist()
        mass = s.mass.tolist()
        rows, cols = np.nonzero(s.fired)
        fired: list[list[int]] = [[] for _ in records]
        for i, r in zip(rows.tolist(), cols.tolist(), strict=True):
            fired[i].append(r)
        for i, rec in enumerate(records):
            yield self.result(rec, probs[i], order[i], fired[i], mass[i], detail)


# A term in the scorer's table: (column, is for the cause, sort key, JSON, term). The sort key is
# −ratio for terms for a cause (strongest first) and ratio for terms against it.
_Entry = tuple[int, bool, float, str, Term]


def _key(entry: _Entry) -> float:
    return entry[2]


def _joined(terms: list[_Entry]) -> str:
    """The JSON of a cause's terms on one side, strongest first (stable for equal strength)."""
    if len(terms) == 1:
        return terms[0][3]
    terms.sort(key=_key)
    return ",".join([x[3] for x in terms])


_MEMO: list[Scorer] = []


def scorer_for(kb: KnowledgeBase) -> Scorer:
    """The :class:`Scorer` of ``kb``, compiled on first use for that knowledge-base object."""
    for known in _MEMO:
        if known.kb is kb:
            return known
    built = Scorer(kb)
    _MEMO.insert(0, built)
    del _MEMO[8:]
    return built


@dataclass(frozen=True, slots=True)
class AuditFacts:
    """What an audit record keeps of one result: normalised evidence, level, causes ranked."""

    evidence: tuple[Evidence, ...]
    level: str
    ranked: list[tuple[str, float]]


def assess_bytes(
    kb: KnowledgeBase,
    patient: Patient,
    evidence: Iterable[Evidence],
    detail: Detail,
    annotations: Sequence[TermQuery] = (),
) -> tuple[bytes, AuditFacts]:
    """One assessment as compact UTF-8 JSON in the shape ``detail`` names — the bytes of
    ``assess(...).to_summary()`` or ``.to_dict()`` — and what its audit record keeps, from one
    pass (what ``POST /v1/assess`` answers). With ``annotations`` (HPO terms for the
    disease-annotation channel, which the scorer's tables do not hold) it is ``assess()`` itself.

    Raises:
        InputError: as ``assess()``.
    """
    if annotations:
        result = assess(kb, patient, evidence, annotations=annotations)
        data = result.to_dict() if detail == "full" else result.to_summary()
        top = [(c.id, c.probability) for c in result.conditions[:AUDIT_CAUSES]]
        return dumps(data), AuditFacts(result.evidence, result.triage.level, top)
    scorer = scorer_for(kb)
    rec = scorer.prepare(patient, evidence)
    t = scorer.t
    groups = np.array([rec.group], dtype=np.intp)
    # One row needs no padding: ``slot_matrix([rec.slots], t.pad)``, made directly.
    slots = np.array([rec.slots], dtype=np.intp).reshape(1, len(rec.slots))
    probs = posteriors(t, groups, slots)
    order = ranking(probs)[0].tolist()
    p = probs[0].tolist()
    fired = scorer.fired_one(rec)
    # Each probability rule's mass in one product; ``triage`` sums it again exactly (as the
    # triage module does) wherever a rule can fire.
    mass = (probs @ scorer._prob_mask)[0].tolist()
    triage = scorer.triage(rec, p, order, fired, mass)
    body = scorer.result(rec, p, order, fired, mass, detail, triage)
    ranked = [(t.conditions[j], p[j]) for j in order[:AUDIT_CAUSES]]
    return body, AuditFacts(rec.evidence, triage.level, ranked)


#: How many ranked causes :class:`AuditFacts` carries (the audit trail keeps three of them).
AUDIT_CAUSES = SUMMARY_CAUSES


def assess_json(kb: KnowledgeBase, patient: Patient, evidence: Iterable[Evidence]) -> str:
    """``assess(kb, patient, evidence).to_dict()`` as compact JSON, the same text, made faster.

    Raises:
        InputError: as ``assess()``.
    """
    scorer = scorer_for(kb)
    return scorer.render_one(scorer.prepare(patient, evidence))
