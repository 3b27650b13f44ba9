"""What a clinical record contributes to an assessment, and how each of its codes was read.

A converter (Phenopacket, QuestionnaireResponse, CDS Hooks prefetch) reads the record into
*candidates* — "the item at this JSON path says finding F is present" — and :func:`resolve` turns
them into evidence:

- for each finding, the most direct candidate wins: a code or answer that names the finding
  itself beats one reached through the HPO hierarchy, and a nearer HPO term beats a farther one;
- the same code given both present and excluded, or two answers to a questionnaire that
  disagree, are a contradiction in the record itself (``InteropError`` naming both paths);
- two *different* codes that are equally direct and disagree (pes cavus present, hammertoe
  excluded: both codes of "high arches") are not a contradiction: the present one wins, since
  what is present can only raise the level, and the excluded one is listed in ``unmapped``;
- a less direct candidate that disagrees with the winner is not used, and is listed in
  ``unmapped`` with the path that superseded it.

Nothing a record holds is dropped silently: every code that could not be mapped is in
``unmapped`` with the reason, and parts of the record that twitchcheck does not read are named
in ``ignored``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from twitchcheck.engine.annotations import TermQuery
from twitchcheck.engine.evidence import Evidence, Patient, State
from twitchcheck.errors import ContradictionError, InteropError

Via = Literal["code", "answer", "ancestor", "descendant"]
_DIRECT: frozenset[str] = frozenset({"code", "answer"})


@dataclass(frozen=True, slots=True)
class Mapped:
    """One record item read as a finding.

    Attributes:
        path: JSON path of the item in the record (``$.phenotypicFeatures[2]``).
        code: what the record said: an HPO or SNOMED CT code, or a question's linkId.
        finding: the kb finding id it was read as.
        state: ``present``, ``absent`` or ``unknown``.
        via: ``code`` (the code is the finding's own), ``answer`` (an answered question),
            ``ancestor`` (the nearest HPO ancestor that is a finding's code: a present term
            implies its ancestors) or ``descendant`` (an excluded term excludes every finding
            whose HPO codes all lie below it).
        through: for ``ancestor`` / ``descendant``, the finding's HPO code the hierarchy reached.
        distance: steps in the HPO hierarchy (0 for ``code`` and ``answer``).
    """

    path: str
    code: str
    finding: str
    state: State
    via: Via = "code"
    through: str | None = None
    distance: int = 0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "code": self.code,
            "finding": self.finding,
            "state": self.state,
            "via": self.via,
        }
        if self.through is not None:
            out["through"] = self.through
            out["distance"] = self.distance
        return out


@dataclass(frozen=True, slots=True)
class Unmapped:
    """A record item that could not be used, and why."""

    path: str
    code: str
    reason: str
    label: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "code": self.code, "reason": self.reason}
        if self.label:
            out["label"] = self.label
        return out


@dataclass(frozen=True, slots=True)
class RecordInput:
    """A record read for assessment.

    Attributes:
        format: ``phenopacket-v2``, ``fhir-r4-questionnaire-response``, ``fhir-r4-resources``
            or ``cds-hooks-patient-view``.
        patient: age and sex as the record gives them (either may be ``None``).
        evidence: one item per finding, ``origin="record"``.
        mapped: how each used item was read (several items may support one finding).
        unmapped: items not used, with the reason.
        ignored: parts of the record twitchcheck does not read (e.g. ``$.diseases (2)``).
        hpo_version: the HPO release used for hierarchy mapping, when it was needed.
        subject: a FHIR reference to the person (``Patient/123``) when the record names one.
        annotations: the record's HPO terms no finding covers, for the disease-annotation channel
            (``assess(..., annotations=...)``); each is also in ``unmapped``, saying so.
    """

    format: str
    patient: Patient
    evidence: tuple[Evidence, ...]
    mapped: tuple[Mapped, ...] = ()
    unmapped: tuple[Unmapped, ...] = ()
    ignored: tuple[str, ...] = ()
    hpo_version: str | None = None
    subject: str | None = None
    annotations: tuple[TermQuery, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The ``record`` block added to the assess JSON when the input was a record."""
        return {
            "format": self.format,
            "patient": {"age": self.patient.age, "sex": self.patient.sex},
            "mapped": [m.to_dict() for m in self.mapped],
            "unmapped": [u.to_dict() for u in self.unmapped],
            "ignored": list(self.ignored),
            "hpo_version": self.hpo_version,
        }


def _rank(m: Mapped) -> tuple[int, int]:
    return (0 if m.via in _DIRECT else 1, m.distance)


def _winner(document: str, group: Sequence[Mapped]) -> Mapped:
    """The candidate that decides one finding (``group`` sorted by :func:`_rank`)."""
    best = group[0]
    # "unknown" never overrides a definite answer from an equally direct item.
    definite = [c for c in group if _rank(c) == _rank(best) and c.state != "unknown"]
    if not definite:
        return best
    for i, first in enumerate(definite):
        for later in definite[i + 1 :]:
            clash = first.code == later.code or "answer" in (first.via, later.via)
            if first.state != later.state and clash:
                raise InteropError(
                    document,
                    later.path,
                    f"says {later.finding!r} is {later.state} but {first.path} says it is "
                    f"{first.state}",
                )
    return next((c for c in definite if c.state == "present"), definite[0])


def resolve(
    document: str, candidates: Sequence[Mapped]
) -> tuple[tuple[Evidence, ...], tuple[Mapped, ...], tuple[Unmapped, ...]]:
    """Evidence from candidates (see the module docstring).

    Returns:
        ``(evidence, mapped, superseded)``: evidence sorted by finding id, the candidates used,
        and the candidates not used because a more direct one disagreed.

    Raises:
        InteropError: one code given both present and excluded, or answers that disagree.
    """
    by_finding: dict[str, list[Mapped]] = {}
    for c in candidates:
        by_finding.setdefault(c.finding, []).append(c)
    evidence: list[Evidence] = []
    used: list[Mapped] = []
    superseded: list[Unmapped] = []
    for fid in sorted(by_finding):
        group = sorted(by_finding[fid], key=_rank)
        best = _winner(document, group)
        for c in group:
            if c.state == best.state or c.state == "unknown":
                used.append(c)
                continue
            how = "via the HPO hierarchy" if c.via not in _DIRECT else "a different code"
            superseded.append(
                Unmapped(
                    c.path, c.code, f"{c.state} ({how}), superseded by {best.path} ({best.state})"
                )
            )
        evidence.append(Evidence(fid, best.state, "record"))
    return tuple(evidence), tuple(used), tuple(superseded)


def combine(
    record: RecordInput, patient: Patient, evidence: Iterable[Evidence]
) -> tuple[Patient, list[Evidence]]:
    """Merge a record with age, sex and findings given directly (CLI flags, request fields).

    The record fills in what was not given directly; the same fact given both ways must agree.

    Raises:
        ContradictionError: age or sex given both ways with different values.
    """
    age, sex = patient.age, patient.sex
    if record.patient.age is not None:
        if age is not None and abs(age - record.patient.age) >= 1:
            raise ContradictionError(
                f"age {age:g} contradicts the record's age {record.patient.age:g}"
            )
        age = record.patient.age if age is None else age
    if record.patient.sex is not None:
        if sex is not None and sex != record.patient.sex:
            raise ContradictionError(f"sex {sex!r} contradicts the record's {record.patient.sex!r}")
        sex = record.patient.sex
    return Patient(age=age, sex=sex), [*evidence, *record.evidence]


def json_path(*parts: str | int) -> str:
    """``$.a.b[2].c`` from ``("a", "b", 2, "c")``."""
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def make_patient(document: str, age: float | None, sex: Any, age_path: str) -> Patient:
    """A Patient, with an out-of-range age reported at ``age_path``."""
    if age is not None and not 0 <= age <= 120:
        raise InteropError(document, age_path, "age must be between 0 and 120 years")
    return Patient(age=age, sex=sex)
