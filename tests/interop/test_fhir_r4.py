"""The FHIR R4 Questionnaire from kb/, and QuestionnaireResponse in and out."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.interop.helpers import FHIR_GOLDEN, check_golden, fhir_valid, load
from twitchcheck import KnowledgeBase, assess
from twitchcheck.engine.evidence import Evidence, Patient
from twitchcheck.errors import InteropError
from twitchcheck.interop import terminology as t
from twitchcheck.interop.fhir_r4 import to_questionnaire
from twitchcheck.interop.fhir_r4_response import (
    from_questionnaire_response,
    to_questionnaire_response,
)
from twitchcheck.knowledge.questions import applies


def items(nodes: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for node in nodes:
        yield node
        yield from items(node.get("item", []))


def states(record: object) -> dict[str, str]:
    return {e.id: e.state for e in record.evidence}  # type: ignore[attr-defined]


# -- the Questionnaire --------------------------------------------------------------------------


def test_questionnaire_validates_and_is_stable(kb: KnowledgeBase) -> None:
    q = to_questionnaire(kb)
    fhir_valid(q)
    assert q == to_questionnaire(kb)
    assert q["version"] == kb.version and q["url"] == t.QUESTIONNAIRE_URL
    links = [i["linkId"] for i in items(q["item"])]
    assert len(links) == len(set(links)), "linkIds must be unique"


def test_every_finding_is_asked_and_coded(kb: KnowledgeBase) -> None:
    q = to_questionnaire(kb)
    asked: set[str] = set()
    for item in items(q["item"]):
        codes = {(c["system"], c["code"]) for c in item.get("code", [])}
        for option in item.get("answerOption", []):
            coding = option["valueCoding"]
            if coding["system"] == t.FINDING_SYSTEM:
                asked.add(coding["code"])
        own = [c for s, c in codes if s == t.FINDING_SYSTEM]
        if own:
            (fid,) = own
            asked.add(fid)
            f = kb.findings[fid]
            assert {(t.HPO, c) for c in f.codes.hpo} <= codes
            assert {(t.SNOMED, c) for c in f.codes.snomed} <= codes
            assert [o["valueCoding"]["code"] for o in item["answerOption"]] == [
                "LA33-6",
                "LA32-8",
                "LA4489-6",
            ]
    assert asked == set(kb.findings)


def test_screens_have_follow_ups_enabled_by_yes(kb: KnowledgeBase) -> None:
    if not kb.questions.screens:
        pytest.skip("this knowledge base has no screening questions")
    q = to_questionnaire(kb)
    by_link = {i["linkId"]: i for i in items(q["item"])}
    for sid, screen in kb.questions.screens.items():
        item = by_link[sid]
        assert item["text"]
        if len(screen.findings) == 1:
            continue
        for fid in screen.findings:
            follow = by_link[f"{sid}.{fid}"]
            assert {"question": sid, "operator": "=", "answerCoding": t.YES} in follow["enableWhen"]


def test_who_may_be_asked_becomes_enable_when(kb: KnowledgeBase) -> None:
    q = to_questionnaire(kb)
    by_link = {i["linkId"]: i for i in items(q["item"])}
    for fid, f in kb.findings.items():
        if f.applies_to is None or fid not in by_link:
            continue
        conditions = by_link[fid]["enableWhen"]
        if f.applies_to.max_age is not None:
            assert {"question": "age", "operator": "<", "answerDecimal": f.applies_to.max_age} in (
                conditions
            )
        if f.applies_to.sex is not None:
            assert any(c["question"] == "sex" for c in conditions)
        if len(conditions) > 1:
            assert by_link[fid]["enableBehavior"] == "all"


def test_questionnaire_without_questions_is_one_item_per_finding(small_kb: KnowledgeBase) -> None:
    q = to_questionnaire(small_kb)
    fhir_valid(q)
    check_golden(FHIR_GOLDEN / "questionnaire_kb_small.json", q)
    asked = [i["linkId"] for i in items(q["item"]) if i["type"] == "choice"]
    asked.remove("sex")
    assert sorted(asked) == sorted(small_kb.findings)


# -- reading responses --------------------------------------------------------------------------


def test_eyelid_response(kb: KnowledgeBase) -> None:
    data = load(FHIR_GOLDEN / "qr_eyelid_young_woman.json")
    fhir_valid(data)
    record = from_questionnaire_response(kb, data)
    assert record.patient == Patient(age=29.0, sex="female")
    assert record.subject == "Patient/example-eyelid"
    got = states(record)
    assert got["twitch_eyelid"] == "present" and got["twitch_face_spreading"] == "absent"
    assert got["duration_days"] == "present"
    assert got["duration_weeks"] == got["duration_months"] == "absent"
    assert got["trigger_caffeine"] == "present"  # valueBoolean
    danger = kb.questions.screens["danger_signs_screen"].findings
    assert all(got[f] == "absent" for f in danger)  # the screen answered no
    result = assess(kb, record.patient, record.evidence)
    assert result.triage.level == "self_care"
    assert result.conditions[0].id == "eyelid_myokymia"


def test_weakness_screen_with_follow_ups(kb: KnowledgeBase) -> None:
    record = from_questionnaire_response(kb, load(FHIR_GOLDEN / "qr_weakness_screen.json"))
    got = states(record)
    assert got["weakness"] == got["hand_wasting"] == "present"
    assert got["foot_drop"] == "absent"
    assert "tripping" not in got  # not answered: unknown, nothing assumed
    result = assess(kb, record.patient, record.evidence)
    assert result.triage.level in ("urgent", "emergency")


def _screen_yes(follow: list[dict[str, Any]]) -> dict[str, Any]:
    answer: dict[str, Any] = {"valueCoding": t.YES}
    if follow:
        answer["item"] = follow
    return {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "item": [{"linkId": "danger_signs_screen", "answer": [answer]}],
    }


def test_yes_without_a_follow_up_yes_is_read_conservatively(kb: KnowledgeBase) -> None:
    no = {"valueCoding": t.NO}
    follow = [{"linkId": "danger_signs_screen.breathing_difficulty", "answer": [no]}]
    got = states(from_questionnaire_response(kb, _screen_yes(follow)))
    danger = set(kb.questions.screens["danger_signs_screen"].findings)
    assert got["breathing_difficulty"] == "absent"
    assert {f for f, s in got.items() if s == "present"} == danger - {"breathing_difficulty"}


def test_yes_with_a_follow_up_yes_assumes_nothing_else(kb: KnowledgeBase) -> None:
    yes = {"valueCoding": t.YES}
    follow = [{"linkId": "danger_signs_screen.tetany", "answer": [yes]}]
    assert states(from_questionnaire_response(kb, _screen_yes(follow))) == {"tetany": "present"}


def test_unknown_link_ids_are_reported(kb: KnowledgeBase) -> None:
    data = {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "item": [
            {"linkId": "favourite-colour", "answer": [{"valueString": "blue"}]},
            {"linkId": "HP:0001324", "answer": [{"valueBoolean": False}]},
        ],
    }
    record = from_questionnaire_response(kb, data)
    assert states(record) == {"weakness": "absent"}
    assert [u.code for u in record.unmapped] == ["favourite-colour"]


def test_questions_not_for_this_person_are_reported(kb: KnowledgeBase) -> None:
    data = {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "item": [
            {"linkId": "age", "answer": [{"valueDecimal": 40}]},
            {"linkId": "sex", "answer": [{"valueCoding": t.coding(t.GENDER, "female")}]},
            {"linkId": "gynaecomastia", "answer": [{"valueCoding": t.YES}]},
        ],
    }
    record = from_questionnaire_response(kb, data)
    assert "gynaecomastia" not in states(record)
    assert record.unmapped[0].code == "gynaecomastia"


INVALID = {
    "age_not_number.json": ("$.item[0].item[0].answer[0].valueDecimal", ""),
    "answer_not_yes_no.json": ("$.item[0].item[0].answer[0]", "yes / no / unknown"),
    "wrong_resource.json": ("$.resourceType", "QuestionnaireResponse"),
    "bad_status.json": ("$.status", "expected one of"),
    "unknown_element.json": ("$.item[0].answerz", "unknown element"),
    "screen_contradiction.json": ("$.item[0].answer[0].item[0].answer[0]", "absent"),
    "boolean_as_text.json": ("$.item[0].answer[0].valueBoolean", "true or false"),
}


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_responses_name_the_path(kb: KnowledgeBase, name: str) -> None:
    path, words = INVALID[name]
    with pytest.raises(InteropError) as info:
        from_questionnaire_response(kb, load(FHIR_GOLDEN / "invalid" / name))
    assert info.value.path == path
    assert words in info.value.problem


def test_every_invalid_fixture_is_listed() -> None:
    assert {p.name for p in (FHIR_GOLDEN / "invalid").glob("*.json")} == set(INVALID)


# -- round trip: answers → evidence → answers ---------------------------------------------------


@st.composite
def answerable(draw: st.DrawFn, kb: KnowledgeBase) -> tuple[Patient, list[Evidence]]:
    """A person and evidence the questionnaire can express: whole screens or one finding."""
    age = draw(st.sampled_from([None, 0.5, 8.0, 16.0, 34.0, 71.0]))
    sex = draw(st.sampled_from([None, "female", "male"]))
    patient = Patient(age=age, sex=sex)
    evidence: dict[str, str] = {}
    screened: set[str] = set()
    for screen in kb.questions.screens.values():
        screened.update(screen.findings)
        if not applies(screen.applies_to, age, sex):
            continue
        mine = [
            f
            for f in screen.findings
            if applies(kb.findings[f].applies_to, age, sex) and f not in evidence
        ]
        mode = draw(st.sampled_from(["skip", "no", "some"]))
        if mode == "no" and mine:
            evidence.update(dict.fromkeys(mine, "absent"))
        elif mode == "some" and mine:
            first = draw(st.sampled_from(mine))
            evidence[first] = "present"
            for f in mine:
                if f != first and draw(st.booleans()):
                    evidence[f] = draw(st.sampled_from(["present", "absent"]))
    for choice in kb.questions.choices.values():
        screened.update(o.finding for o in choice.options)
        if draw(st.booleans()):
            chosen = draw(st.sampled_from(choice.options)).finding
            for o in choice.options:
                evidence[o.finding] = "present" if o.finding == chosen else "absent"
    for fid, f in kb.findings.items():
        if fid in screened or not applies(f.applies_to, age, sex):
            continue
        state = draw(st.sampled_from([None, "present", "absent"]))
        if state:
            evidence[fid] = state
    return patient, [Evidence(f, s) for f, s in evidence.items()]  # type: ignore[arg-type]


def test_round_trip(kb: KnowledgeBase) -> None:
    @settings(max_examples=60, deadline=None)
    @given(answerable(kb))
    def check(case: tuple[Patient, list[Evidence]]) -> None:
        patient, evidence = case
        qr, left_out = to_questionnaire_response(kb, patient, evidence, subject="Patient/1")
        assert left_out == ()
        fhir_valid(qr)
        back = from_questionnaire_response(kb, qr)
        assert back.patient == patient
        assert back.subject == "Patient/1"
        known = {e.id: e.state for e in back.evidence if e.state != "unknown"}
        assert known == {e.id: e.state for e in evidence}

    check()


def test_what_cannot_be_expressed_is_named(kb: KnowledgeBase) -> None:
    # One finding of a screen absent, the others unknown: neither "no" nor "yes" says that.
    _, left_out = to_questionnaire_response(kb, Patient(), [Evidence("weakness", "absent")])
    assert left_out == ("weakness",)
    # An infant question for a person of unknown age is not enabled.
    _, left_out = to_questionnaire_response(kb, Patient(), [Evidence("infant_weak_cry", "present")])
    assert left_out == ("infant_weak_cry",)
