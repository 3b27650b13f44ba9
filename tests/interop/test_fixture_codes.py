"""SNOMED CT codes carry a Verhoeff check digit; the knowledge base refuses one that fails it
(issue 15, item 10), and every SNOMED CT code in the FHIR fixtures passes it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from tests.interop.helpers import FHIR_GOLDEN
from twitchcheck.knowledge.schema import Codes, verhoeff_valid

SNOMED = "http://snomed.info/sct"


@pytest.mark.parametrize("code", ["42803009", "816077007", "404640003", "73211009"])
def test_real_codes_pass(code: str) -> None:
    assert verhoeff_valid(code)


@pytest.mark.parametrize("code", ["42803008", "48203009", "816077070"])
def test_a_typo_or_a_swap_fails(code: str) -> None:
    assert not verhoeff_valid(code)
    with pytest.raises(ValidationError, match="check digit"):
        Codes(snomed=[code])


def _snomed_codes(value: Any) -> list[str]:
    if isinstance(value, dict):
        found = [str(value["code"])] if value.get("system") == SNOMED and "code" in value else []
        return found + [c for v in value.values() for c in _snomed_codes(v)]
    if isinstance(value, list):
        return [c for v in value for c in _snomed_codes(v)]
    return []


def test_fixture_codes_pass() -> None:
    files = sorted(Path(FHIR_GOLDEN).rglob("*.json"))
    codes = [(f.name, c) for f in files for c in _snomed_codes(json.loads(f.read_text()))]
    assert codes
    assert [x for x in codes if not verhoeff_valid(x[1])] == []


def _link_ids(items: list[dict[str, Any]]) -> set[str]:
    out: set[str] = set()
    for item in items:
        out.add(item["linkId"])
        out |= _link_ids(item.get("item", []))
        for answer in item.get("answer", []):
            out |= _link_ids(answer.get("item", []))
    return out


def test_golden_questionnaire_responses_use_the_questionnaires_link_ids() -> None:
    """Every linkId of the golden QuestionnaireResponses is an item of the Questionnaire
    (issue 15, item 10: they used finding ids the Questionnaire nests under a question)."""
    from tests.conftest import KB_DIR
    from twitchcheck import load_knowledge
    from twitchcheck.interop.fhir_r4 import to_questionnaire

    questionnaire = to_questionnaire(load_knowledge(KB_DIR))
    known = _link_ids(questionnaire["item"])
    for path in sorted(Path(FHIR_GOLDEN).glob("qr_*.json")):
        response = json.loads(path.read_text())
        assert _link_ids(response["item"]) - known == set(), path.name
