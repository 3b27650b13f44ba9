"""The interview's question catalogue (``kb/questions/``): schema and cross-file checks.

Three kinds of question reach a person, all worded in ``kb/``:

- a **screen** (``kb/questions/screens/<id>.yaml``) covers a group of findings with one question.
  Asked ``yes_no`` (the default: "has any muscle become truly weaker or thinner?"), ``no`` records
  every finding of the group as absent and ``unknown`` as unknown, while ``yes`` leads to a
  follow-up that pins down which ("which of these?", listing each finding's ``label``). Asked as
  a ``checklist`` ("where do you feel the twitching?"), the person picks the findings that apply
  straight away. A one-finding screen has no ``text``: the finding's own question is asked.
  Screens covering a red flag are always asked (the safety rule); ``always_ask`` asks another
  screen of everyone it applies to as well (past illnesses and exposures that define a cause).
- a **choice** (``kb/questions/choices/<id>.yaml``) asks which one of an exclusive group of findings
  holds (how long the twitching has lasted).
- every other finding is asked with its own ``question`` from ``kb/findings/``.

``kb/questions/policy.yaml`` holds the stop rule and how much triage weighs when choosing the next
question; each number carries a source like every other number in ``kb/``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from pydantic import Field, model_validator

from .schema import (
    Applicability,
    Citation,
    Finding,
    Id,
    SourcedValue,
    Strict,
    Text,
)

# Ages (years) and sexes at which the coverage checks probe the catalogue: they straddle every
# age limit used in kb/ (infant < 2, child < 12, < 18).
PROBE_AGES: tuple[float, ...] = (0.3, 1.5, 2.0, 6.0, 11.9, 12.0, 15.0, 25.0, 45.0, 70.0, 95.0)
PROBE_SEXES: tuple[str, ...] = ("female", "male")


def applies(app: Applicability | None, age: float | None, sex: str | None) -> bool:
    """Whether a finding or question with applicability ``app`` may be asked of this person.

    An age or sex limit with the age or sex unknown does not hold — the same reading as
    ``RuleWhen.matches``, so an infant-only question is not asked when no rule limited to infants
    could fire.
    """
    if app is None:
        return True
    if app.sex is not None and sex != app.sex:
        return False
    if app.min_age is not None and (age is None or age < app.min_age):
        return False
    return not (app.max_age is not None and (age is None or age >= app.max_age))


class Screen(Strict):
    """One question covering a group of findings (see the module docstring)."""

    id: Id
    ask: Literal["yes_no", "checklist"] = "yes_no"
    always_ask: bool = False
    text: Text | None = None
    items: list[Text] = Field(default_factory=list)
    help: Text
    findings: list[Id] = Field(min_length=1)
    applies_to: Applicability | None = None

    @model_validator(mode="after")
    def _shape(self) -> Screen:
        if len(self.findings) != len(set(self.findings)):
            raise ValueError("a finding is listed twice")
        if self.ask == "checklist" and (len(self.findings) < 2 or self.items):
            raise ValueError("a checklist lists two or more findings (by their labels, no items)")
        if len(self.findings) > 1 and self.text is None:
            raise ValueError("a screen of several findings needs its own `text`")
        if len(self.findings) == 1 and (self.text is not None or self.items):
            raise ValueError("a one-finding screen asks the finding's own question: drop `text`")
        return self


class ChoiceOption(Strict):
    finding: Id
    text: Text


class Choice(Strict):
    """Which one of an exclusive group of findings holds."""

    id: Id
    text: Text
    help: Text
    options: list[ChoiceOption] = Field(min_length=2)
    applies_to: Applicability | None = None


class SourcedNumber(Citation):
    """A sourced positive number (a weight or an amount of information in bits)."""

    value: float = Field(gt=0.0, le=100.0)


class SourcedCount(Citation):
    """A sourced whole number of questions."""

    value: int = Field(ge=1, le=200)


class SettleBelow(Strict):
    """How small the chance must be that one more answer would raise the triage to each level.

    The interview may stop only when, for every question it could still ask, the probability that
    the answer raises the level to at least ``routine`` / ``urgent`` / ``emergency`` is below the
    matching value. Red-flag questions are asked whatever these say (the safety rule).
    """

    routine: SourcedValue
    urgent: SourcedValue
    emergency: SourcedValue


class StatedFloor(Citation):
    """The triage of the person's own opening words is a floor under the interview's triage."""

    title: Text
    advice: Text


class UnsureFloor(Citation):
    """A red flag answered "don't know" floors the triage at ``level`` (``{findings}`` in the
    advice is replaced by their labels)."""

    level: Literal["routine", "urgent"]
    title: Text
    advice: Text


class InterviewPolicy(Strict):
    """The stop rule, the question-choice weights and the interview's triage floors
    (``kb/questions/policy.yaml``)."""

    triage_weight: SourcedNumber
    settle_below: SettleBelow
    confident_at: SourcedValue
    top3_settle_below: SourcedValue
    min_gain: SourcedValue
    max_questions: SourcedCount
    stated_floor: StatedFloor
    unsure_red_flag: UnsureFloor


@dataclass(frozen=True, slots=True)
class QuestionBank:
    """The validated catalogue: screens and choices by id, and the interview policy.

    A knowledge base without ``kb/questions/`` has an empty bank (``policy`` is ``None``) and
    cannot run an interview.
    """

    screens: Mapping[str, Screen] = field(default_factory=lambda: MappingProxyType({}))
    choices: Mapping[str, Choice] = field(default_factory=lambda: MappingProxyType({}))
    policy: InterviewPolicy | None = None


def iter_policy_numbers(policy: InterviewPolicy) -> Iterator[tuple[str, float, Citation]]:
    """Every number of the interview policy with where it sits and its citation."""
    where = "kb/questions/policy.yaml"
    yield f"{where}: triage_weight", policy.triage_weight.value, policy.triage_weight
    for level in ("routine", "urgent", "emergency"):
        value: SourcedValue = getattr(policy.settle_below, level)
        yield f"{where}: settle_below.{level}", value.value, value
    yield f"{where}: confident_at", policy.confident_at.value, policy.confident_at
    yield f"{where}: top3_settle_below", policy.top3_settle_below.value, policy.top3_settle_below
    yield f"{where}: min_gain", policy.min_gain.value, policy.min_gain
    yield f"{where}: max_questions", float(policy.max_questions.value), policy.max_questions


def check_questions(
    bank: QuestionBank,
    findings: Mapping[str, Finding],
    sources: Mapping[str, object],
) -> list[str]:
    """Cross-file problems of the question catalogue, one line each.

    - ids are unique across screens, choices and findings (a finding's id names its own question);
    - every finding a question names exists; a choice's options are exactly one exclusive group;
    - no finding is covered twice for the same person, nor by both a screen and a choice;
    - **every red-flag finding is covered by a screen at every age and sex it applies to**, so
      the interview can rule red flags out in a few questions;
    - policy numbers cite known sources.
    """
    problems: list[str] = []
    sdir, cdir = "kb/questions/screens", "kb/questions/choices"
    for sid in bank.screens:
        if sid in findings or sid in bank.choices:
            problems.append(f"{sdir}/{sid}.yaml: id {sid!r} is also a finding or choice id")
    for cid in bank.choices:
        if cid in findings:
            problems.append(f"{cdir}/{cid}.yaml: id {cid!r} is also a finding id")

    for sid, screen in bank.screens.items():
        for fid in screen.findings:
            if fid not in findings:
                problems.append(f"{sdir}/{sid}.yaml: findings: unknown finding {fid!r}")
            elif findings[fid].exclusive_group:
                problems.append(
                    f"{sdir}/{sid}.yaml: findings: {fid!r} belongs to an exclusive group; "
                    "ask it with a choice"
                )
    in_choice: dict[str, str] = {}
    for cid, choice in bank.choices.items():
        ids = [o.finding for o in choice.options]
        unknown = [f for f in ids if f not in findings]
        for fid in unknown:
            problems.append(f"{cdir}/{cid}.yaml: options: unknown finding {fid!r}")
        if unknown:
            continue
        groups = {findings[f].exclusive_group for f in ids}
        group = next(iter(groups))
        members = {f for f, rec in findings.items() if group and rec.exclusive_group == group}
        if len(groups) != 1 or group is None or set(ids) != members or len(ids) != len(set(ids)):
            problems.append(
                f"{cdir}/{cid}.yaml: options must be exactly the findings of one exclusive group"
            )
        for fid in ids:
            other = in_choice.setdefault(fid, cid)
            if other != cid:
                problems.append(f"{cdir}/{cid}.yaml: {fid!r} is also an option of {other!r}")

    groups_without_choice = sorted(
        {f.exclusive_group for f in findings.values() if f.exclusive_group}
        - {findings[fid].exclusive_group for fid in in_choice}
    )
    for group in groups_without_choice:
        problems.append(f"{cdir}: exclusive group {group!r} has no choice question")

    problems += _check_coverage(bank, findings)

    if bank.policy is not None:
        for where, _, cite in iter_policy_numbers(bank.policy):
            if cite.source not in sources:
                problems.append(f"{where}: unknown source {cite.source!r}")
        for name in ("stated_floor", "unsure_red_flag"):
            floor: Citation = getattr(bank.policy, name)
            if floor.source not in sources:
                problems.append(
                    f"kb/questions/policy.yaml: {name}: unknown source {floor.source!r}"
                )
    return problems


def _check_coverage(bank: QuestionBank, findings: Mapping[str, Finding]) -> list[str]:
    problems: list[str] = []
    reported: set[str] = set()
    for age in PROBE_AGES:
        for sex in PROBE_SEXES:
            covering: dict[str, list[str]] = {}
            for sid, screen in bank.screens.items():
                if applies(screen.applies_to, age, sex):
                    for fid in screen.findings:
                        covering.setdefault(fid, []).append(sid)
            for fid, sids in covering.items():
                if len(sids) > 1 and fid not in reported:
                    reported.add(fid)
                    problems.append(
                        f"kb/questions/screens: {fid!r} is covered by {' and '.join(sids)} "
                        f"for the same person (age {age:g}, {sex})"
                    )
            for fid, f in findings.items():
                if not f.red_flag or fid in reported or not applies(f.applies_to, age, sex):
                    continue
                if fid not in covering:
                    reported.add(fid)
                    problems.append(
                        f"kb/findings/{fid}.yaml: red flag is covered by no screening question "
                        f"in kb/questions/screens (age {age:g}, {sex})"
                    )
    return problems
