"""Safety: a vignette told in the person's own words is never triaged lower than the same
vignette entered as findings, when it has a red flag (issue 3). Agreement overall is a figure
for ``make bench`` (bench/text.py), not a test."""

from __future__ import annotations

import pytest

from tests.vignette_cases import Vignette, load_vignettes
from twitchcheck import Evidence, KnowledgeBase, Patient, assess
from twitchcheck.text import parse
from twitchcheck.triage.rules import RANK

VIGNETTES = load_vignettes()


def _red_flag(kb: KnowledgeBase, v: Vignette) -> bool:
    return any(kb.findings[f].red_flag for f in v.present)


@pytest.mark.parametrize("v", VIGNETTES, ids=[v.id for v in VIGNETTES])
def test_text_is_never_triaged_lower_than_structured_for_a_red_flag(
    kb: KnowledgeBase, v: Vignette
) -> None:
    if not _red_flag(kb, v):
        pytest.skip("no red flag in the structured case")
    patient = Patient(age=v.age, sex=v.sex)
    evidence = [Evidence(f, "present") for f in v.present]
    evidence += [Evidence(f, "absent") for f in v.absent]
    structured = assess(kb, patient, evidence).triage.level
    from_text = assess(kb, patient, parse(kb, v.text).evidence).triage.level
    assert RANK[from_text] >= RANK[structured], f"{v.id}: text {from_text} < {structured}"
