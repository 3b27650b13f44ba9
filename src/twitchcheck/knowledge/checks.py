"""Cross-file checks: what no single file's schema can see.

Each check returns one-line problems naming the file and the field, so ``kb validate`` can list
them all at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .model import covered_by_defaults, group_default
from .questions import QuestionBank, check_questions, iter_policy_numbers
from .schema import (
    Citation,
    Condition,
    DefaultsFile,
    Finding,
    PolicyFile,
    PopulationFile,
    Rule,
    Source,
    Test,
)

# The stable condition ids of the product contract (product.md): the knowledge base must define
# every one of them; more may be added.
REQUIRED_CONDITIONS: frozenset[str] = frozenset(
    {
        "als", "sma", "kennedy_disease", "post_polio", "motor_neuron_injury",
        "cervical_radiculopathy_myelopathy", "multiple_sclerosis", "autoimmune_neuropathy",
        "paraneoplastic_neuropathy", "hiv_neuropathy", "lead_neuropathy",
        "organophosphate_poisoning", "radiation_nerve_damage", "uremic_neuropathy",
        "hereditary_neuropathy", "hypothyroidism", "hyperthyroidism", "hyperparathyroidism",
        "muscular_dystrophy", "hypocalcaemia", "hypokalaemia", "hypomagnesaemia",
        "medication_side_effect", "caffeine_stimulants", "eyelid_myokymia",
        "benign_fasciculation_syndrome", "cramp_fasciculation_syndrome", "exercise_induced",
        "anxiety_stress", "hemifacial_spasm", "bells_palsy",
    }
)  # fmt: skip

# Ages at which a red-flag finding must fire a rule on its own (within the ages it applies to).
_PROBE_AGES = (0.3, 1.5, 6.0, 15.0, 25.0, 45.0, 70.0, 95.0)
_LEVEL_RANK = {"self_care": 0, "routine": 1, "urgent": 2, "emergency": 3}


@dataclass(frozen=True, slots=True)
class Number:
    """One sourced number found in the knowledge base, with where it sits."""

    where: str
    value: float
    citation: Citation


def iter_numbers(
    *,
    conditions: Mapping[str, Condition],
    findings: Mapping[str, Finding],
    policy: PolicyFile,
    population: PopulationFile | None = None,
    questions: QuestionBank | None = None,
    defaults: DefaultsFile | None = None,
) -> Iterator[Number]:
    """Every number of the knowledge base with its citation (for checks and `--estimates`)."""
    for cid, c in conditions.items():
        for band, value in c.prior.by_age.model_dump().items():
            yield Number(f"kb/conditions/{cid}.yaml: prior.by_age.{band}", value, c.prior)
        for sex, value in c.prior.sex.model_dump().items():
            yield Number(f"kb/conditions/{cid}.yaml: prior.sex.{sex}", value, c.prior)
        for lk in c.likelihoods:
            yield Number(f"kb/conditions/{cid}.yaml: likelihoods.{lk.finding}", lk.p, lk)
        if c.emergency_at is not None:
            at = c.emergency_at
            yield Number(f"kb/conditions/{cid}.yaml: emergency_at", at.value, at)
    for fid, f in findings.items():
        yield Number(f"kb/findings/{fid}.yaml: background", f.background.p, f.background)
        if f.share_of_broader is not None:
            share = f.share_of_broader
            yield Number(f"kb/findings/{fid}.yaml: share_of_broader", share.p, share)
    for pr in policy.probability_rules:
        yield Number(
            f"kb/triage/policy.yaml: probability_rules.{pr.id}.threshold",
            pr.threshold.value,
            pr.threshold,
        )
    if population is not None:
        yield Number("kb/population.yaml: default_band", 0.0, population.default_band_source)
    if questions is not None and questions.policy is not None:
        for where, value, citation in iter_policy_numbers(questions.policy):
            yield Number(where, value, citation)
    if defaults is not None:
        for i, d in enumerate(defaults.defaults):
            yield Number(f"kb/defaults.yaml: defaults[{i}].ratio", d.ratio, d)


def _norm(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.strip().lower())


def check_all(
    *,
    sources: Mapping[str, Source],
    tests: Mapping[str, Test],
    population: PopulationFile | None,
    policy: PolicyFile,
    conditions: Mapping[str, Condition],
    findings: Mapping[str, Finding],
    rules: tuple[Rule, ...],
    require: frozenset[str] = REQUIRED_CONDITIONS,
    questions: QuestionBank | None = None,
    defaults: DefaultsFile | None = None,
    authored: bool = True,
) -> list[str]:
    """Every cross-file problem, as one-line messages (``questions``: kb/questions/, if any).

    ``population`` is ``None`` only for a variant of an already validated knowledge base
    (``variant.with_numbers``), whose population file was checked when it was loaded; such a
    variant also passes ``authored=False``: its numbers are moved on purpose (sensitivity), so
    the lint of a basis against its number does not apply.
    """
    problems: list[str] = []

    for cid in policy.reassurance.conditions:
        if cid not in conditions:
            problems.append(f"kb/triage/policy.yaml: reassurance: unknown condition {cid!r}")

    missing = sorted(require - conditions.keys())
    if missing:
        problems.append(f"kb/conditions: missing required condition(s): {', '.join(missing)}")

    # Citations point at real sources.
    for n in iter_numbers(
        conditions=conditions,
        findings=findings,
        policy=policy,
        population=population,
        defaults=defaults,
    ):
        if n.citation.source not in sources:
            problems.append(f"{n.where}: unknown source {n.citation.source!r}")
    for cid, c in conditions.items():
        for sid in c.sources:
            if sid not in sources:
                problems.append(f"kb/conditions/{cid}.yaml: sources: unknown source {sid!r}")
        for tid in c.tests:
            if tid not in tests:
                problems.append(f"kb/conditions/{cid}.yaml: tests: unknown test {tid!r}")
        for lk in c.likelihoods:
            if lk.finding not in findings:
                problems.append(
                    f"kb/conditions/{cid}.yaml: likelihoods: unknown finding {lk.finding!r}"
                )
    for rule in rules:
        where = f"kb/triage/rules/{rule.id}.yaml"
        if rule.source not in sources:
            problems.append(f"{where}: source: unknown source {rule.source!r}")
        for fid in [*rule.when.all, *rule.when.any]:
            if fid not in findings:
                problems.append(f"{where}: when: unknown finding {fid!r}")
        for kind, cases in (("fire", rule.cases.fire), ("no_fire", rule.cases.no_fire)):
            for i, case in enumerate(cases):
                for fid in case.present:
                    if fid not in findings:
                        problems.append(f"{where}: cases.{kind}[{i}]: unknown finding {fid!r}")

    # One vocabulary: a lay phrase (said of the finding or of its absence) or a code belongs to
    # one finding only, and to one of its two phrase lists.
    phrase_owner: dict[str, str] = {}
    code_owner: dict[str, str] = {}
    groups: dict[str, list[str]] = {}
    for fid, f in findings.items():
        for phrase in [*f.lay_phrases, *f.lay_normal]:
            key = _norm(phrase)
            other = phrase_owner.setdefault(key, fid)
            if other != fid:
                problems.append(
                    f"kb/findings/{fid}.yaml: lay phrase {phrase!r} is also a phrase of {other!r}"
                )
        for phrase in set(map(_norm, f.lay_phrases)) & set(map(_norm, f.lay_normal)):
            problems.append(
                f"kb/findings/{fid}.yaml: lay phrase {phrase!r} is in lay_phrases and lay_normal"
            )
        span = f.lasting
        if span is not None and span.max_days is not None and span.max_days <= span.min_days:
            problems.append(f"kb/findings/{fid}.yaml: lasting: max_days must exceed min_days")
        for code in f.codes.all():
            other = code_owner.setdefault(code.upper(), fid)
            if other != fid:
                problems.append(
                    f"kb/findings/{fid}.yaml: code {code!r} is also a code of {other!r}"
                )
        if f.exclusive_group:
            groups.setdefault(f.exclusive_group, []).append(fid)
    for group, members in groups.items():
        if len(members) < 2:
            problems.append(f"exclusive group {group!r} has a single finding ({members[0]})")

    problems += _check_tempo(conditions, groups, require_all=authored)
    problems += _check_implications(findings)
    if authored:  # a variant halves and doubles numbers on purpose (the sensitivity analysis)
        problems += _check_exposures(findings, conditions)
    problems += _check_hierarchy_numbers(findings, conditions)
    if authored:  # a variant's numbers are perturbed on purpose; their wording is the kb's
        problems += _check_against_wording(findings, conditions)
    if defaults is not None:
        problems += _check_defaults(defaults, findings, conditions)
    problems += _check_red_flags(findings, rules)
    problems += _check_rule_cases(rules)
    if questions is not None:
        problems += check_questions(questions, findings, sources)
    return problems


#: The exclusive group a cause's ``tempo.duration`` spans.
DURATION_GROUP = "duration"
#: How far a tempo's durations may sum from 1 (rounding of the stated shares).
TEMPO_SUM_TOLERANCE = 0.011


def _check_tempo(
    conditions: Mapping[str, Condition], groups: Mapping[str, list[str]], *, require_all: bool
) -> list[str]:
    """Every cause states its tempo (when ``require_all``); its durations are the ``duration``
    group's findings and sum to 1."""
    problems = []
    members = set(groups.get(DURATION_GROUP, ()))
    for cid, c in sorted(conditions.items()):
        where = f"kb/conditions/{cid}.yaml"
        if c.tempo is None:
            if require_all and members:
                problems.append(f"{where}: no `tempo` (durations and sudden onset)")
            continue
        given = set(c.tempo.duration)
        if given != members:
            problems.append(
                f"{where}: tempo.duration names {sorted(given)}, not the {DURATION_GROUP!r} "
                f"group {sorted(members)}"
            )
        total = sum(c.tempo.duration.values())
        if require_all and abs(total - 1.0) > TEMPO_SUM_TOLERANCE:
            problems.append(f"{where}: tempo.duration sums to {total:.3f}, not 1")
    return problems


#: The categories of finding that can define a cause (``Condition.exposure``).
EXPOSURE_CATEGORIES = frozenset({"exposure", "history", "medicine"})
#: The least likelihood a defining exposure has in its cause: the cause needs it.
EXPOSURE_MIN_P = 0.5


def _check_exposures(
    findings: Mapping[str, Finding], conditions: Mapping[str, Condition]
) -> list[str]:
    """A cause's ``exposure`` names known exposure, history or medicine findings that the cause
    gives a likelihood of at least :data:`EXPOSURE_MIN_P`."""
    problems = []
    for cid, c in conditions.items():
        given = {lk.finding: lk.p for lk in c.likelihoods}
        for fid in c.exposure:
            where = f"kb/conditions/{cid}.yaml: exposure: {fid!r}"
            if fid not in findings:
                problems.append(f"{where} is not a finding")
            elif findings[fid].category not in EXPOSURE_CATEGORIES:
                problems.append(
                    f"{where} is a {findings[fid].category} finding, not an exposure, history "
                    "or medicine"
                )
            elif given.get(fid, 0.0) < EXPOSURE_MIN_P:
                problems.append(
                    f"{where} needs a likelihood of at least {EXPOSURE_MIN_P:g} in the cause "
                    f"(has {given.get(fid, 'none')})"
                )
    return problems


def _check_implications(findings: Mapping[str, Finding]) -> list[str]:
    """``implies`` names known findings outside exclusive groups, and never leads back to itself."""
    problems = []
    started = [f.category for f in findings.values() if f.started_within_days is not None]
    for category in sorted({c for c in started if started.count(c) > 1}):
        problems.append(
            f"kb/findings: more than one {category} finding has started_within_days (a medicine "
            "said to be started can be only one of them)"
        )
    for fid, f in findings.items():
        if f.gradual_over_days is not None and not f.implies:
            problems.append(
                f"kb/findings/{fid}.yaml: gradual_over_days needs implies (the findings a time "
                "word turns into this one)"
            )
        if f.recent_within_days is not None and not f.implies:
            problems.append(
                f"kb/findings/{fid}.yaml: recent_within_days needs implies (the findings a time "
                "word turns into this one)"
            )
        for other in f.text_replaces:
            if other not in findings or other == fid:
                problems.append(f"kb/findings/{fid}.yaml: text_replaces: unknown {other!r}")
            elif set(findings[other].implies) != set(f.implies):
                problems.append(
                    f"kb/findings/{fid}.yaml: text_replaces: {other!r} must imply what "
                    f"{fid!r} implies"
                )
        for other in f.text_felt:
            if other not in findings or other == fid:
                problems.append(f"kb/findings/{fid}.yaml: text_felt: unknown {other!r}")
        if f.lay_regions is not None:
            regions = f.lay_regions
            for other in regions.of:
                if other not in findings or findings[other].category != "location":
                    problems.append(
                        f"kb/findings/{fid}.yaml: lay_regions: {other!r} is no location finding"
                    )
            if regions.at_least > len(set(regions.of)):
                problems.append(
                    f"kb/findings/{fid}.yaml: lay_regions: at_least {regions.at_least} is more "
                    "than the regions listed"
                )
        for group in f.lay_exact:
            for other in group.beside:
                if other not in findings:
                    problems.append(
                        f"kb/findings/{fid}.yaml: lay_exact: beside: unknown finding {other!r}"
                    )
        for parent in f.implies:
            if parent not in findings:
                problems.append(f"kb/findings/{fid}.yaml: implies: unknown finding {parent!r}")
            elif findings[parent].exclusive_group or f.exclusive_group:
                problems.append(
                    f"kb/findings/{fid}.yaml: implies: {parent!r} (exclusive groups take no "
                    "implications)"
                )
    for fid in findings:
        seen: set[str] = set()
        todo = list(findings[fid].implies)
        while todo:
            nxt = todo.pop()
            if nxt == fid:
                problems.append(f"kb/findings/{fid}.yaml: implies: leads back to {fid!r}")
                break
            if nxt in seen or nxt not in findings:
                continue
            seen.add(nxt)
            todo.extend(findings[nxt].implies)
    return problems


def _check_hierarchy_numbers(
    findings: Mapping[str, Finding], conditions: Mapping[str, Condition]
) -> list[str]:
    """A finding is never more likely than a finding it implies: in the background, and under
    every cause that gives numbers for both (a foot that drags cannot be commoner than weakness)."""
    problems = []
    for fid, f in findings.items():
        if f.share_of_broader is not None and not f.implies:
            problems.append(
                f"kb/findings/{fid}.yaml: share_of_broader needs implies (the broader finding "
                "it is a share of)"
            )
        for parent in f.implies:
            if parent not in findings:
                continue  # reported by _check_implications
            if f.background.p > findings[parent].background.p:
                problems.append(
                    f"kb/findings/{fid}.yaml: background {f.background.p:g} above that of "
                    f"{parent!r} ({findings[parent].background.p:g}), which it implies"
                )
            for cid, c in conditions.items():
                given = {lk.finding: lk.p for lk in c.likelihoods}
                if fid in given and parent in given and given[fid] > given[parent]:
                    problems.append(
                        f"kb/conditions/{cid}.yaml: likelihoods: {fid} {given[fid]:g} above "
                        f"{parent} {given[parent]:g}, which it implies"
                    )
    return problems


#: Wording of a ``basis`` that says a finding is not part of the cause. A likelihood with such a
#: basis must not be above the finding's background rate (that would count it *for* the cause).
AGAINST_WORDING = re.compile(
    r"\b(is not expected|are not expected|not expected|(?:is|are|normally|usually) spared|"
    r"does not (?:cause|affect|close)|is not a feature|not a feature of|"
    r"no (?:true|real|objective) weakness|is not typical|not typical)\b",
    re.IGNORECASE,
)


def _check_against_wording(
    findings: Mapping[str, Finding], conditions: Mapping[str, Condition]
) -> list[str]:
    """A basis that says "absent / not expected / spared" with p above the background."""
    problems = []
    for cid, c in conditions.items():
        for lk in c.likelihoods:
            f = findings.get(lk.finding)
            if f is None or not lk.basis or lk.p <= f.background.p:
                continue
            said = AGAINST_WORDING.search(lk.basis)
            if said:
                problems.append(
                    f"kb/conditions/{cid}.yaml: likelihoods.{lk.finding}: the basis says "
                    f"{said.group(0)!r} but p {lk.p:g} is above the background "
                    f"{f.background.p:g} (it would count for the cause)"
                )
    return problems


def _check_defaults(
    defaults: DefaultsFile, findings: Mapping[str, Finding], conditions: Mapping[str, Condition]
) -> list[str]:
    """Defaults name known findings; every cause gives a number for every red-flag and tempo
    finding, or inherits one (from its group's default, or through a broader finding)."""
    problems = []
    for fid in defaults.tempo_findings:
        if fid not in findings:
            problems.append(f"kb/defaults.yaml: tempo_findings: unknown finding {fid!r}")
    for i, d in enumerate(defaults.defaults):
        for fid in d.findings if d.findings != "rest" else ():
            if fid not in findings:
                problems.append(f"kb/defaults.yaml: defaults[{i}]: unknown finding {fid!r}")
    covered = covered_by_defaults(defaults, findings)
    for cid, c in sorted(conditions.items()):
        stated = {lk.finding for lk in c.likelihoods}
        for fid in sorted(covered - stated):
            if fid not in findings or findings[fid].implies:
                continue  # an unknown id is reported above; a kind leaks from its broader one
            if group_default(defaults, c, fid, covered) is None:
                problems.append(
                    f"kb/conditions/{cid}.yaml: likelihoods: no number for {fid!r} (a red-flag "
                    f"or tempo finding) and no default for it in kb/defaults.yaml (group "
                    f"{c.group!r}, severity {c.severity!r})"
                )
    return problems


def _check_red_flags(findings: Mapping[str, Finding], rules: tuple[Rule, ...]) -> list[str]:
    """A red flag must, on its own, fire a rule at urgent or above at every age it applies to."""
    problems = []
    for fid, f in findings.items():
        if not f.red_flag:
            continue
        app = f.applies_to
        low = app.min_age if app and app.min_age is not None else 0.0
        high = app.max_age if app and app.max_age is not None else 121.0
        sexes = [app.sex] if app and app.sex else ["female", "male"]
        for age in (a for a in _PROBE_AGES if low <= a < high):
            for sex in sexes:
                fired = [
                    r
                    for r in rules
                    if _LEVEL_RANK[r.level] >= _LEVEL_RANK["urgent"]
                    and r.when.matches(frozenset({fid}), age, sex)
                ]
                if not fired:
                    problems.append(
                        f"kb/findings/{fid}.yaml: red flag fires no urgent/emergency rule on its "
                        f"own (age {age:g}, {sex})"
                    )
                    break
            else:
                continue
            break
    return problems


def _check_rule_cases(rules: tuple[Rule, ...]) -> list[str]:
    problems = []
    for rule in rules:
        where = f"kb/triage/rules/{rule.id}.yaml"
        for i, case in enumerate(rule.cases.fire):
            if not rule.when.matches(frozenset(case.present), case.age, case.sex):
                problems.append(f"{where}: cases.fire[{i}] does not fire")
        for i, case in enumerate(rule.cases.no_fire):
            if rule.when.matches(frozenset(case.present), case.age, case.sex):
                problems.append(f"{where}: cases.no_fire[{i}] fires")
    return problems
