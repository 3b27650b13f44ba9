"""The summary shape (issue 15, item 11): what ``POST /v1/assess`` and ``twitchcheck batch``
answer by default. The scorer's summary is ``assess(...).to_summary()`` value for value, in a
chunk and one record at a time; it keeps everything a person or client acts on and leaves out
only the explanation; the serialiser writes the same values as the standard library."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from tests.unit.conftest_kb import KB
from twitchcheck import Evidence, Patient, assess
from twitchcheck.assessment.result import SUMMARY_CAUSES
from twitchcheck.batch.scorer import assess_bytes, scorer_for
from twitchcheck.jsonout import dumps

from .strategies import Case, chunks
from .test_equivalence import VIGNETTES


def wanted(patient: Patient, evidence: list[Evidence]) -> dict[str, Any]:
    decoded: dict[str, Any] = json.loads(json.dumps(assess(KB, patient, evidence).to_summary()))
    return decoded


def check(records: list[Case]) -> None:
    scorer = scorer_for(KB)
    prepared = [scorer.prepare(p, e) for p, e in records]
    lines = list(scorer.iter_results(prepared, "summary"))
    for (patient, evidence), line in zip(records, lines, strict=True):
        want = wanted(patient, evidence)
        assert json.loads(line) == want
        one, facts = assess_bytes(KB, patient, evidence, "summary")
        assert json.loads(one) == want
        assert facts.level == want["triage"]["level"]


def test_the_scorer_summary_is_to_summary_on_every_vignette() -> None:
    check(VIGNETTES)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chunks(KB))
def test_the_scorer_summary_is_to_summary_on_generated_records(records: list[Case]) -> None:
    check(records)


def test_the_summary_keeps_what_people_act_on_and_drops_only_the_explanation() -> None:
    for patient, evidence in VIGNETTES:
        result = assess(KB, patient, evidence)
        full, summary = result.to_dict(), result.to_summary()
        assert summary["detail"] == "summary" and "detail" not in full
        for key in ("triage", "evidence", "next_steps", "reassurance", "patient", "families"):
            assert summary[key] == full[key], key
        for key in ("knowledge_version", "engine_version", "disclaimer"):
            assert summary[key] == full[key]
        assert summary["conditions_considered"] == len(full["conditions"])
        top = full["conditions"][:SUMMARY_CAUSES]
        assert summary["conditions"] == [
            {k: c[k] for k in ("id", "name", "family", "probability", "words", "care")} for c in top
        ]


def test_the_serialiser_writes_the_values_of_the_standard_library() -> None:
    for patient, evidence in VIGNETTES[:20]:
        for shape in (assess(KB, patient, evidence).to_dict(), wanted(patient, evidence)):
            written = dumps(shape)
            assert json.loads(written) == shape
            # Non-ASCII (typographic quotes in the knowledge base) stays UTF-8, not escaped.
            assert b"\\u" not in written


def test_with_key_appends_one_key_to_an_object() -> None:
    from twitchcheck.jsonout import dumps, with_key

    body = dumps({"a": 1, "b": [1, 2]})
    assert json.loads(with_key(body, "c", {"d": None})) == {"a": 1, "b": [1, 2], "c": {"d": None}}
    assert json.loads(with_key(b"{}", "x", "y")) == {"x": "y"}
    with pytest.raises(ValueError, match="one JSON object"):
        with_key(b"[1]", "x", 1)
