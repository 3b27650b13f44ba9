"""Causes summed for display (issue 16, item 3): split causes keep their own numbers in the
engine, the API's ``conditions`` and the clinician's view, while a person reads one line per
family (``kb/display.yaml`` ``families``) with the members' probabilities added."""

from __future__ import annotations

import json
import math
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import KB_DIR
from twitchcheck import Evidence, KnowledgeBase, Patient, assess
from twitchcheck.assessment.result import ConditionResult, FamilyResult, lay_lines
from twitchcheck.knowledge.loader import KnowledgeError, load_knowledge

EXE = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "twitchcheck"
INHALER = ["med_salbutamol", "tremor", "twitch_arms"]


def _inhaler(kb: KnowledgeBase) -> tuple[list[ConditionResult], list[FamilyResult]]:
    result = assess(kb, Patient(age=16, sex="male"), [Evidence(f, "present") for f in INHALER])
    return list(result.conditions), list(result.families)


def test_a_family_adds_up_its_members_and_ranks_them(kb: KnowledgeBase) -> None:
    conditions, families = _inhaler(kb)
    p = {c.id: c.probability for c in conditions}
    assert kb.display is not None
    for spec in kb.display.families:
        family = next(f for f in families if f.id == spec.id)
        assert math.isclose(family.probability, sum(p[m] for m in spec.members), abs_tol=1e-12)
        assert sorted(family.members) == sorted(spec.members)
        assert [p[m] for m in family.members] == sorted((p[m] for m in spec.members), reverse=True)
        for m in spec.members:
            assert next(c for c in conditions if c.id == m).family == spec.id
    shares = [f.probability for f in families]
    assert shares == sorted(shares, reverse=True)
    # a cause outside every family says so
    assert next(c for c in conditions if c.id == "als").family is None


def test_the_lay_view_shows_a_family_once_where_its_likeliest_member_ranks(
    kb: KnowledgeBase,
) -> None:
    conditions, families = _inhaler(kb)
    lines = lay_lines(conditions, families)
    medicine = [x for x in lines if isinstance(x, FamilyResult)]
    assert [f.id for f in medicine] == [f.id for f in families if f.id in {m.id for m in medicine}]
    members = {m for f in families for m in f.members}
    assert not [x for x in lines if isinstance(x, ConditionResult) and x.id in members]
    assert isinstance(lines[0], FamilyResult) and lines[0].id == "medicine"
    assert lines[0].members[0] == "beta2_agonist_effect"
    # every cause is in exactly one line; the lines are ranked by what a person reads
    assert len(lines) == len(conditions) - sum(len(f.members) - 1 for f in families)
    assert [x.probability for x in lines] == sorted((x.probability for x in lines), reverse=True)


def test_a_family_sum_can_outrank_a_cause_above_its_likeliest_member() -> None:
    def cause(cid: str, p: float, family: str | None) -> ConditionResult:
        return ConditionResult(
            cid, cid, cid, "g", p, p, "", "routine", "mild", (), (), family=family
        )

    conditions = [cause("a", 0.4, None), cause("b1", 0.3, "b"), cause("b2", 0.2, "b")]
    family = FamilyResult("b", "B", 0.5, "", ("b1", "b2"))
    lines = lay_lines(conditions, [family])
    assert lines == [family, conditions[0]]


def test_the_json_shapes_carry_the_families(kb: KnowledgeBase) -> None:
    result = assess(kb, Patient(age=16, sex="male"), [Evidence(f, "present") for f in INHALER])
    for shape in (result.to_dict(), result.to_summary()):
        first = shape["families"][0]
        assert first["id"] == "medicine" and first["conditions"][0] == "beta2_agonist_effect"
        assert set(first) == {"id", "name", "probability", "words", "conditions"}
        assert shape["conditions"][0]["family"] == "medicine"


def test_the_terminal_shows_one_line_with_the_likeliest_member(kb: KnowledgeBase) -> None:
    args = [str(EXE), "assess", "--age", "16", "--sex", "male"]
    for f in INHALER:
        args += ["-p", f]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    out = " ".join(proc.stdout.replace("│", " ").split())
    assert "A side effect of a medicine" in out
    assert "mostly: A side effect of a reliever inhaler (salbutamol)" in out
    assert out.count("A side effect of a reliever inhaler") == 1
    # the member's share is a bare frequency: whom it is about was said on the line above
    mostly = out[out.index("mostly:") :].split(")", 2)
    assert "people with answers like yours" not in ")".join(mostly[:2])


def _kb_with(tmp_path: Path, families: object) -> Path:
    import shutil

    root = tmp_path / "kb"
    shutil.copytree(KB_DIR, root)
    display = yaml.safe_load((root / "display.yaml").read_text())
    display["families"] = families
    (root / "display.yaml").write_text(json.dumps(display))
    return root


@pytest.mark.parametrize(
    ("families", "message"),
    [
        (
            [{"id": "x", "name": "X", "members": ["als", "no_such_cause"]}],
            "families.x: unknown condition 'no_such_cause'",
        ),
        ([{"id": "x", "name": "X", "members": ["als", "als"]}], "lists a cause twice"),
        ([{"id": "x", "name": "X", "members": ["als"]}], "at least 2"),
        (
            [
                {"id": "x", "name": "X", "members": ["als", "sma"]},
                {"id": "y", "name": "Y", "members": ["sma", "kennedy_disease"]},
            ],
            "more than one family",
        ),
    ],
)
def test_a_bad_family_is_refused_with_its_reason(
    tmp_path: Path, families: object, message: str
) -> None:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(_kb_with(tmp_path, families))
    assert message in str(caught.value)
