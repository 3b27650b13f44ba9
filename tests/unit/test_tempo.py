"""Each cause's tempo (issue 16 item 2): one sourced distribution over how long the symptoms have
lasted when people ask, and how often they began suddenly — validated, expanded into the cause's
likelihoods, shown in the book, and moving the causes the way the literature says."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import KB_DIR
from twitchcheck import Evidence, Patient, assess, load_knowledge
from twitchcheck.book.render import render_markdown
from twitchcheck.errors import KnowledgeError
from twitchcheck.knowledge.schema import Condition
from twitchcheck.knowledge.variant import with_numbers

from .conftest_kb import KB

DURATIONS = ("duration_days", "duration_weeks", "duration_months")
SLOW = ("als", "kennedy_disease", "hereditary_neuropathy", "sma", "muscular_dystrophy")
FAST = (
    "organophosphate_poisoning",
    "bells_palsy",
    "exercise_induced",
    "hypokalaemia",
    "hypocalcaemia",
)


def test_every_cause_states_a_tempo_that_sums_to_one() -> None:
    for cid, c in KB.conditions.items():
        assert c.tempo is not None, cid
        assert set(c.tempo.duration) == set(DURATIONS), cid
        assert math.fsum(c.tempo.duration.values()) == pytest.approx(1.0, abs=0.011), cid
        assert c.tempo.source in KB.sources, cid


def test_the_tempo_block_is_the_causes_likelihood_for_each_tempo_finding() -> None:
    als = KB.conditions["als"]
    assert als.tempo is not None
    given = {lk.finding: lk for lk in als.likelihoods}
    for fid in DURATIONS:
        assert given[fid].p == als.tempo.duration[fid]
        assert given[fid].source == als.tempo.source and given[fid].basis == als.tempo.basis
    assert given["sudden_onset"].p == als.tempo.sudden_onset


def test_a_dumped_condition_validates_again() -> None:
    for c in KB.conditions.values():
        again = Condition.model_validate(c.model_dump(mode="json"))
        assert again == c


def test_a_second_number_for_a_tempo_finding_is_refused() -> None:
    data = KB.conditions["als"].model_dump(mode="json")
    for lk in data["likelihoods"]:
        if lk["finding"] == "duration_days":
            lk["p"] = 0.5  # differs from the tempo's 0.07
    with pytest.raises(ValueError, match="tempo gives 'duration_days'"):
        Condition.model_validate(data)


def _kb_with(tmp_path: Path, cid: str, change: dict[str, object] | None) -> Path:
    root = tmp_path / "kb"
    shutil.copytree(KB_DIR, root)
    path = root / "conditions" / f"{cid}.yaml"
    data = yaml.safe_load(path.read_text())
    if change is None:
        del data["tempo"]
    else:
        data["tempo"] = {**data["tempo"], **change}
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return root


def test_kb_validate_refuses_a_cause_without_a_tempo(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match=r"kennedy_disease\.yaml: no `tempo`"):
        load_knowledge(_kb_with(tmp_path, "kennedy_disease", None))


def test_kb_validate_refuses_durations_that_do_not_sum_to_one(tmp_path: Path) -> None:
    bad = {"duration": {"duration_days": 0.2, "duration_weeks": 0.2, "duration_months": 0.2}}
    with pytest.raises(KnowledgeError, match=r"als\.yaml: tempo\.duration sums to 0\.600"):
        load_knowledge(_kb_with(tmp_path, "als", bad))


def test_kb_validate_refuses_durations_outside_the_duration_group(tmp_path: Path) -> None:
    bad = {"duration": {"duration_days": 0.5, "fever": 0.5}}
    with pytest.raises(KnowledgeError, match=r"tempo\.duration names"):
        load_knowledge(_kb_with(tmp_path, "als", bad))


def test_sensitivity_variants_move_a_tempo_number() -> None:
    where = "kb/conditions/als.yaml: likelihoods.duration_days"
    moved = with_numbers(KB, {where: 0.105})
    als = moved.conditions["als"]
    assert als.tempo is not None and als.tempo.duration["duration_days"] == 0.105
    assert {lk.finding: lk.p for lk in als.likelihoods}["duration_days"] == 0.105


def _ratio(cid: str, fid: str) -> float:
    p = {lk.finding: lk.p for lk in KB.conditions[cid].likelihoods}[fid]
    return p / KB.findings[fid].background.p


def test_days_argue_against_the_slow_causes_and_for_the_fast_ones() -> None:
    for cid in SLOW:
        assert _ratio(cid, "duration_days") < 0.2, cid
        assert _ratio(cid, "sudden_onset") < 0.2, cid
        assert _ratio(cid, "duration_months") > 2.5, cid
    for cid in FAST:
        assert _ratio(cid, "duration_days") > 0.85, cid


def test_an_acute_picture_does_not_point_to_kennedy_disease() -> None:
    # D6 of the clinical review: ascending weakness over days came out as Kennedy disease at 88 %.
    present = ["weakness", "weakness_progressive", "difficulty_stairs", "twitch_legs"]
    slow = assess(
        KB, Patient(45, "male"), [Evidence(f, "present") for f in [*present, "duration_months"]]
    )
    fast = assess(
        KB,
        Patient(45, "male"),
        [Evidence(f, "present") for f in [*present, "duration_days", "sudden_onset"]],
    )
    p_slow = {c.id: c.probability for c in slow.conditions}
    p_fast = {c.id: c.probability for c in fast.conditions}
    for cid in ("kennedy_disease", "als", "hereditary_neuropathy"):
        assert p_fast[cid] < p_slow[cid] / 10, cid
    # never at the cost of the level: weakness keeps it at least urgent
    assert fast.triage.level in ("urgent", "emergency")


def test_the_book_shows_the_onset_and_tempo_table() -> None:
    book = render_markdown(KB)
    section = book.split("## Onset and tempo", 1)[1].split("\n## ", 1)[0]
    header = next(line for line in section.splitlines() if line.startswith("| cause"))
    labels = [KB.findings[f].label for f in DURATIONS]
    assert [header.index(label) for label in labels] == sorted(header.index(x) for x in labels)
    for cid, c in KB.conditions.items():
        assert f"(#condition-{cid})" in section, cid
        assert c.tempo is not None
        row = next(line for line in section.splitlines() if f"(#condition-{cid})" in line)
        assert f"| {c.tempo.sudden_onset:g} |" in row
