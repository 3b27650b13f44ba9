"""Issue 16 item 4: the emergencies the clinical review found under-triaged.

- each new emergency rule's own cases (``cases:`` in its YAML) through ``assess()``, and one
  through the real ``twitchcheck assess --json`` program;
- the probability path reaches ``emergency`` for a time-critical cause (``emergency_at`` in its
  condition file) when that cause is probable, and not when it is improbable;
- a red flag added to a picture that makes a time-critical cause probable never lowers the level.
"""

from __future__ import annotations

import json
import subprocess
import sys
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from twitchcheck import Evidence, Patient, assess, evaluate, update
from twitchcheck.engine.evidence import State
from twitchcheck.knowledge.schema import Condition
from twitchcheck.knowledge.variant import with_numbers
from twitchcheck.triage.compiled import probability_path
from twitchcheck.triage.rules import RANK

from .conftest_kb import KB

#: The rules this work added (issue 16, item 4), each with the level it must reach.
NEW_RULES = {
    "cancer_back_pain_deficit": "emergency",
    "cauda_equina_saddle": "emergency",
    "cauda_equina_retention": "emergency",
    "saddle_numbness": "urgent",
    "neck_surgery_tingling": "emergency",
    "cholinergic_twitching": "emergency",
    "insecticide_nicotinic_signs": "emergency",
    "rapid_weakness_sensory": "emergency",
    "new_progressive_weakness_sensory": "emergency",
    "salt_imbalance_palpitations": "emergency",
    "salt_imbalance_fainting": "emergency",
    "salt_imbalance_confusion": "emergency",
    "serotonin_toxicity": "emergency",
    "spine_injury_deficit": "emergency",
}
OP = "organophosphate_poisoning"
TIME_CRITICAL = f"time_critical_{OP}"
EXE = Path(sys.executable).with_name("twitchcheck")


def _cases(kind: str) -> list[tuple[str, int]]:
    rules = {r.id: r for r in KB.rules}
    return [(rid, i) for rid in NEW_RULES for i in range(len(getattr(rules[rid].cases, kind)))]


def _assess(age: float | None, sex: str | None, present: list[str]) -> dict[str, object]:
    patient = Patient(age=age, sex=sex)  # type: ignore[arg-type]
    return assess(KB, patient, [Evidence(f, "present") for f in present]).to_dict()


def _fired(result: dict[str, object]) -> set[str]:
    triage = result["triage"]
    assert isinstance(triage, dict)
    return {r["rule"] for r in triage["reasons"] if r["kind"] == "rule"}


def test_every_new_rule_is_in_the_knowledge_base_at_its_level() -> None:
    rules = {r.id: r for r in KB.rules}
    for rid, level in NEW_RULES.items():
        assert rules[rid].level == level
        assert rules[rid].source in KB.sources


@pytest.mark.parametrize(("rule_id", "index"), _cases("fire"))
def test_new_rule_fires_on_its_cases_through_assess(rule_id: str, index: int) -> None:
    case = next(r for r in KB.rules if r.id == rule_id).cases.fire[index]
    result = _assess(case.age, case.sex, list(case.present))
    assert rule_id in _fired(result)
    triage = result["triage"]
    assert isinstance(triage, dict)
    assert RANK[triage["level"]] >= RANK[NEW_RULES[rule_id]]


@pytest.mark.parametrize(("rule_id", "index"), _cases("no_fire"))
def test_new_rule_stays_quiet_on_its_near_misses_through_assess(rule_id: str, index: int) -> None:
    case = next(r for r in KB.rules if r.id == rule_id).cases.no_fire[index]
    assert rule_id not in _fired(_assess(case.age, case.sex, list(case.present)))


@pytest.mark.parametrize(
    ("present", "rule_id"),
    [
        # The review's probes that came out urgent or lower before this work.
        (
            [
                "cancer_history",
                "back_pain_night",
                "weakness",
                "numbness_tingling",
                "difficulty_stairs",
                "twitch_legs",
                "duration_days",
            ],
            "cancer_back_pain_deficit",
        ),
        (["thyroid_neck_surgery", "tingling_lips_fingers"], "neck_surgery_tingling"),
        (
            ["cholinergic_signs", "twitch_widespread", "weakness", "sudden_onset"],
            "cholinergic_twitching",
        ),
        (["insecticide_exposure", "twitch_widespread", "weakness"], "insecticide_nicotinic_signs"),
    ],
)
def test_the_reviews_missed_emergencies_are_emergencies(present: list[str], rule_id: str) -> None:
    result = _assess(45, "female", present)
    triage = result["triage"]
    assert isinstance(triage, dict)
    assert triage["level"] == "emergency"
    assert rule_id in _fired(result)


def test_cli_assess_json_gives_emergency_for_cauda_equina_and_not_for_sciatica_alone() -> None:
    def level(*present: str) -> tuple[str, set[str]]:
        args = [str(EXE), "assess", "--age", "44", "--sex", "male", "--json"]
        for f in present:
            args += ["--present", f]
        proc = subprocess.run(args, capture_output=True, text=True, timeout=60, check=False)
        assert proc.returncode == 0, proc.stderr
        triage = json.loads(proc.stdout)["triage"]
        return triage["level"], {r["rule"] for r in triage["reasons"]}

    lv, rules = level("saddle_anaesthesia", "sciatica", "twitch_legs")
    assert lv == "emergency"
    assert "cauda_equina_saddle" in rules
    lv, rules = level("sciatica", "twitch_legs")
    assert lv != "emergency"
    assert "cauda_equina_saddle" not in rules


# -- the probability path: time-critical causes ---------------------------------------------------


def test_time_critical_threshold_is_data_with_a_source() -> None:
    at = KB.conditions[OP].emergency_at
    assert at is not None
    assert at.source in KB.sources
    rule = next(pr for pr in probability_path(KB) if pr.id == TIME_CRITICAL)
    assert (rule.level, rule.threshold, rule.members) == ("emergency", at.value, frozenset({OP}))


def test_only_an_emergency_cause_may_be_time_critical() -> None:
    data = KB.conditions["als"].model_dump(mode="json", exclude_none=True)
    data["emergency_at"] = {"value": 0.5, "source": "nhs_mnd"}
    with pytest.raises(ValueError, match="emergency_at"):
        Condition.model_validate(data)


# Poisoning probable without any emergency red-flag rule: exposure, sudden onset, stomach cramps.
PROBABLE = ["insecticide_exposure", "sudden_onset", "abdominal_colic"]


def test_time_critical_cause_at_high_probability_reaches_emergency() -> None:
    result = _assess(35, "male", PROBABLE)
    triage = result["triage"]
    assert isinstance(triage, dict)
    assert triage["level"] == "emergency"
    levels = {r.id: r.level for r in KB.rules}
    assert "emergency" not in {levels[r] for r in _fired(result)}
    reason = next(r for r in triage["reasons"] if r["rule"] == TIME_CRITICAL)
    assert reason["kind"] == "probability"
    assert reason["probability"] >= KB.conditions[OP].emergency_at.value  # type: ignore[union-attr]
    assert reason["conditions"] == [OP]


def test_the_reviews_cholinergic_child_is_an_emergency_by_probability_too() -> None:
    present = [
        "cholinergic_signs",
        "twitch_widespread",
        "weakness",
        "sudden_onset",
        "duration_days",
    ]
    result = _assess(3, "female", present)
    triage = result["triage"]
    assert isinstance(triage, dict)
    assert TIME_CRITICAL in {r["rule"] for r in triage["reasons"]}


@pytest.mark.parametrize(
    "present",
    [
        ["insecticide_exposure"],
        ["insecticide_exposure", "duration_months", "trigger_stress"],
        ["cholinergic_signs"],
        ["abdominal_colic", "sudden_onset", "twitch_widespread"],
    ],
)
def test_time_critical_cause_at_low_probability_does_not_reach_emergency(
    present: list[str],
) -> None:
    result = _assess(35, "male", present)
    op = next(c for c in result["conditions"] if c["id"] == OP)  # type: ignore[attr-defined]
    assert op["probability"] < KB.conditions[OP].emergency_at.value  # type: ignore[union-attr]
    triage = result["triage"]
    assert isinstance(triage, dict)
    assert triage["level"] != "emergency"
    assert TIME_CRITICAL not in {r["rule"] for r in triage["reasons"]}


def test_the_threshold_is_read_from_the_knowledge_base() -> None:
    """Raising ``emergency_at`` above the case's probability turns the emergency off."""
    strict = with_numbers(KB, {f"kb/conditions/{OP}.yaml: emergency_at": 0.95})
    patient = Patient(age=35, sex="male")
    evidence = [Evidence(f, "present") for f in PROBABLE]
    assert evaluate(strict, patient, update(strict, patient, evidence)).level == "urgent"
    assert evaluate(KB, patient, update(KB, patient, evidence)).level == "emergency"


# -- the time-critical path never lets a red flag lower the level ---------------------------------

RED_FLAGS = sorted(f for f, x in KB.findings.items() if x.red_flag)
# Findings that make poisoning probable, and common ones that move the other causes.
NEAR_POISONING = [
    "insecticide_exposure",
    "cholinergic_signs",
    "sudden_onset",
    "duration_days",
    "abdominal_colic",
    "twitch_eyelid",
    "twitch_perioral",
    "vomiting_diarrhoea_prolonged",
    "fever",
    "cramps",
    "anxious_mood",
    "trigger_stress",
    "trigger_exercise",
    "duration_months",
]


@st.composite
def _near_poisoning(draw: st.DrawFn) -> list[Evidence]:
    exposure = draw(st.sampled_from(["insecticide_exposure", "cholinergic_signs"]))
    others = draw(st.lists(st.sampled_from(NEAR_POISONING), max_size=5, unique=True))
    states: list[State] = draw(
        st.lists(st.sampled_from(["present", "absent"]), min_size=5, max_size=5)
    )
    chosen: dict[str, State] = {exposure: "present"}
    for f, s in zip(others, states, strict=False):
        chosen.setdefault(f, s)
    duration = [f for f, s in chosen.items() if s == "present" and f.startswith("duration_")]
    for f in duration[1:]:
        del chosen[f]  # one duration at most (an exclusive group)
    return [Evidence(f, s) for f, s in chosen.items()]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([2.0, 3.0, 25.0, 45.0, 70.0]),
    _near_poisoning(),
    st.sampled_from(RED_FLAGS),
)
def test_a_red_flag_never_lowers_a_time_critical_emergency(
    age: float, evidence: list[Evidence], flag: str
) -> None:
    patient = Patient(age=age, sex="male")
    rest = [
        e
        for e in evidence
        if e.id != flag and not (e.state == "absent" and e.id in KB.broader[flag])
    ]
    before = evaluate(KB, patient, update(KB, patient, rest)).level
    after_evidence = [*rest, Evidence(flag, "present")]
    after = evaluate(KB, patient, update(KB, patient, after_evidence)).level
    assert RANK[after] >= RANK[before]


GBS = "guillain_barre_syndrome"
# Weakness over days after a virus, with stairs, pain and unsteadiness (red flags each more typical
# of another cause: ALS, myopathy, radiculopathy, MS), no numbness: a clinician suspects GBS.
LIKELY_GBS = ["weakness", "weakness_over_days", "recent_viral_illness", "difficulty_stairs", "pain",
              "balance_trouble", "duration_days"]  # fmt: skip


def _gbs_without(patient: Patient, evidence: list[Evidence], left_out: set[str]) -> float:
    kept = [e for e in evidence if e.id not in left_out]
    return update(KB, patient, kept).probabilities[GBS]


@pytest.mark.parametrize("extra", [[], ["tripping"]])
def test_a_likely_time_critical_cause_is_an_emergency_beside_red_flags_it_does_not_count(
    extra: list[str],
) -> None:
    patient = Patient(age=40, sex="female")
    evidence = [Evidence(f, "present") for f in LIKELY_GBS + extra] + [
        Evidence("numbness_tingling", "absent")
    ]
    triage = evaluate(KB, patient, update(KB, patient, evidence))
    assert triage.level == "emergency"
    reason = next(r for r in triage.reasons if r.id == f"time_critical_{GBS}")
    rule = next(r for r in probability_path(KB) if r.id == f"time_critical_{GBS}")
    assert rule.red_flags is not None
    uncounted = {e.id for e in evidence if e.state == "present" and KB.findings[e.id].red_flag}
    uncounted -= rule.red_flags
    assert len(uncounted) == 3 + len(extra)
    # Leaving every one of them out (what the path counted before) stays below the threshold...
    threshold = KB.conditions[GBS].emergency_at.value  # type: ignore[union-attr]
    assert _gbs_without(patient, evidence, uncounted) < threshold
    # ...the path counts the highest over the ways that keep at most three (all ways for three),
    # recomputed here from the posterior without each way's left-out flags.
    ways = [set(kept) for n in range(4) for kept in combinations(sorted(uncounted), n)]
    best = max(_gbs_without(patient, evidence, uncounted - kept) for kept in ways)
    assert reason.probability == pytest.approx(best, rel=1e-9)
    assert best >= threshold


NEAR_GBS = [
    "weakness_over_days",
    "recent_viral_illness",
    "duration_days",
    "duration_weeks",
    "numbness_tingling",
    "reduced_reflexes",
    "difficulty_stairs",
    "pain",
    "balance_trouble",
    "twitch_eyelid",
    "trigger_stress",
    "cramps",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([8.0, 35.0, 70.0]),
    st.lists(st.sampled_from(NEAR_GBS), min_size=1, max_size=6, unique=True),
    st.sampled_from(RED_FLAGS),
)
def test_a_red_flag_never_lowers_a_guillain_barre_emergency(
    age: float, present: list[str], flag: str
) -> None:
    """The GBS path sees several uncounted flags at once (weakness, stairs, pain, balance)."""
    patient = Patient(age=age, sex="female")
    durations = [f for f in present if f.startswith("duration_")]
    rest = [Evidence(f, "present") for f in present if f != flag and f not in durations[1:]]
    before = evaluate(KB, patient, update(KB, patient, rest)).level
    after = evaluate(KB, patient, update(KB, patient, [*rest, Evidence(flag, "present")])).level
    assert RANK[after] >= RANK[before]


# -- the knowledge book ---------------------------------------------------------------------------


def test_the_book_shows_the_new_rules_with_their_cases_and_the_time_critical_causes() -> None:
    from twitchcheck.book.render import render_markdown

    md = render_markdown(KB)
    triage = md[md.index('id="probability-path"') :]
    assert "Time-critical causes" in triage
    at = KB.conditions[OP].emergency_at
    assert at is not None
    assert f"| {at.value:g} |" in triage
    for rule in (r for r in KB.rules if r.id in NEW_RULES):
        block = triage[triage.index(f'id="rule-{rule.id}"') :]
        block = block[: block.index("<a id=", 10)] if "<a id=" in block[10:] else block
        assert rule.title in block
        assert "Cases that must fire" in block
        assert "Near misses that must not fire" in block
        for case in (*rule.cases.fire, *rule.cases.no_fire):
            assert f"present {', '.join(case.present)}" in block
