"""Test the knowledge base like code: one test per file, the whole-kb checks, every rule's cases."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import KB_DIR
from twitchcheck import KnowledgeBase, Patient, evaluate, update
from twitchcheck.engine.evidence import Evidence
from twitchcheck.knowledge.checks import REQUIRED_CONDITIONS
from twitchcheck.knowledge.schema import Condition, Finding, Rule
from twitchcheck.triage.rules import RANK

pytestmark = pytest.mark.kb

MODELS = {"conditions": Condition, "findings": Finding, "rules": Rule}
FILES = [
    *(("conditions", p) for p in sorted((KB_DIR / "conditions").glob("*.yaml"))),
    *(("findings", p) for p in sorted((KB_DIR / "findings").glob("*.yaml"))),
    *(("rules", p) for p in sorted((KB_DIR / "triage" / "rules").glob("*.yaml"))),
]


@pytest.mark.parametrize(("kind", "path"), FILES, ids=[f"{k}/{p.stem}" for k, p in FILES])
def test_each_file_matches_its_schema(kind: str, path: Path) -> None:
    record = MODELS[kind].model_validate(yaml.safe_load(path.read_text()))
    assert record.id == path.stem


def test_whole_knowledge_base_is_valid(kb: KnowledgeBase) -> None:
    assert set(kb.conditions) >= REQUIRED_CONDITIONS
    assert len(kb.findings) >= 90
    assert kb.version.startswith("kb-")


def test_every_condition_has_likelihoods_for_and_against(kb: KnowledgeBase) -> None:
    for cid, cond in kb.conditions.items():
        ratios = [lk.p / kb.findings[lk.finding].background.p for lk in cond.likelihoods]
        assert any(r > 1 for r in ratios), f"{cid}: no finding speaks for it"
        assert any(r < 1 for r in ratios), f"{cid}: no finding speaks against it"


RULE_CASES = [
    (rule_path.stem, kind, i)
    for rule_path in sorted((KB_DIR / "triage" / "rules").glob("*.yaml"))
    for kind, n in (
        ("fire", len(yaml.safe_load(rule_path.read_text())["cases"]["fire"])),
        ("no_fire", len(yaml.safe_load(rule_path.read_text())["cases"]["no_fire"])),
    )
    for i in range(n)
]


@pytest.mark.parametrize(("rule_id", "kind", "index"), RULE_CASES)
def test_rule_cases_through_the_whole_triage(
    kb: KnowledgeBase, rule_id: str, kind: str, index: int
) -> None:
    """Each rule's own cases, run through the real engine and triage (not just the rule)."""
    rule = next(r for r in kb.rules if r.id == rule_id)
    case = getattr(rule.cases, kind)[index]
    patient = Patient(age=case.age, sex=case.sex)
    evidence = [Evidence(f, "present") for f in case.present]
    result = evaluate(kb, patient, update(kb, patient, evidence))
    fired = {r.id for r in result.reasons if r.kind == "rule"}
    if kind == "fire":
        assert rule_id in fired
        assert RANK[result.level] >= RANK[rule.level]
    else:
        assert rule_id not in fired
