"""How answers become evidence (session.derive) and the operations on a session."""

from __future__ import annotations

from dataclasses import replace

import pytest

from twitchcheck import Evidence, KnowledgeBase, Patient, assess
from twitchcheck.errors import InterviewError
from twitchcheck.interview import Reply, Session, answer, back, next_step, result, start
from twitchcheck.interview.session import derive
from twitchcheck.triage.rules import RANK


def session_with(
    *replies: tuple[str, str], age: float = 40, opening: tuple[Evidence, ...] = ()
) -> Session:
    return Session(Patient(age=age, sex="female"), opening, tuple(Reply(q, a) for q, a in replies))


def states(kb: KnowledgeBase, s: Session) -> dict[str, str]:
    return {e.id: e.state for e in derive(kb, s).evidence}


def test_a_screen_no_rules_out_every_finding_it_covers(kb: KnowledgeBase) -> None:
    st = states(kb, session_with(("weakness_screen", "no")))
    covered = kb.questions.screens["weakness_screen"].findings
    assert {st[f] for f in covered} == {"absent"}


def test_a_screen_unknown_is_an_explicit_unknown(kb: KnowledgeBase) -> None:
    rec = derive(kb, session_with(("danger_signs_screen", "unknown")))
    for f in kb.questions.screens["danger_signs_screen"].findings:
        assert rec.states[f] == "unknown"
        assert rec.settled(f)


def test_a_screen_yes_opens_its_checklist_which_pins_down_which(kb: KnowledgeBase) -> None:
    s = session_with(("weakness_screen", "yes"))
    rec = derive(kb, s)
    assert rec.open_screen == "weakness_screen" and rec.open_stage == "which"
    step = next_step(kb, s)
    assert step.question is not None and step.question.id == "weakness_screen.which"
    assert step.reason == "follow_up"
    s = answer(kb, s, "weakness_screen.which", "hand_wasting,weakness")
    assert s.replies[-1].answer == "weakness,hand_wasting"  # canonical: kb order
    st = states(kb, s)
    assert st["hand_wasting"] == st["weakness"] == "present"
    assert st["foot_drop"] == "absent"
    assert derive(kb, s).open_screen is None


def test_checklist_unknown_falls_back_to_one_question_each(kb: KnowledgeBase) -> None:
    s = session_with(("sensation_pain_screen", "yes"), ("sensation_pain_screen.which", "unknown"))
    rec = derive(kb, s)
    assert rec.open_stage == "one_by_one"
    members = set(rec.open_members)
    asked = []
    for _ in members:
        step = next_step(kb, s)
        assert step.question is not None and step.question.kind == "finding"
        asked.append(step.question.id)
        s = answer(kb, s, step.question.id, "unknown")
    assert set(asked) == members
    # A yes to the screen that nothing confirmed is kept: the unknowns count as present.
    st = states(kb, s)
    assert {st[f] for f in members} == {"present"}
    assert result(kb, s).triage.level in ("urgent", "emergency")


def test_one_by_one_ends_at_the_first_yes(kb: KnowledgeBase) -> None:
    s = session_with(("sensation_pain_screen", "yes"), ("sensation_pain_screen.which", "unknown"))
    first = next_step(kb, s).question
    assert first is not None
    s = answer(kb, s, first.id, "yes")
    assert derive(kb, s).open_screen is None
    assert states(kb, s)[first.id] == "present"


def test_checklist_none_takes_the_yes_back(kb: KnowledgeBase) -> None:
    s = session_with(("danger_signs_screen", "yes"), ("danger_signs_screen.which", "none"))
    st = states(kb, s)
    assert {st[f] for f in kb.questions.screens["danger_signs_screen"].findings} == {"absent"}


def test_a_choice_records_one_present_and_the_rest_absent(kb: KnowledgeBase) -> None:
    st = states(kb, session_with(("duration", "duration_weeks")))
    assert (st["duration_days"], st["duration_weeks"], st["duration_months"]) == (
        "absent", "present", "absent",
    )  # fmt: skip


def test_infant_questions_only_for_babies(kb: KnowledgeBase) -> None:
    adult = next_step(kb, start(kb, age=30, sex="male"))
    baby = start(kb, age=0.5, sex="female")
    ids = set()
    s = baby
    for _ in range(30):
        step = next_step(kb, s)
        if step.done or step.question is None:
            break
        ids.add(step.question.id)
        s = answer(kb, s, step.question.id, step.question.answers[-1])  # unknown
    assert "infant_screen" in ids
    assert adult.question is not None and adult.question.id != "infant_screen"


def test_text_settles_lone_findings_and_screens_confirm_the_rest(kb: KnowledgeBase) -> None:
    opening = (
        Evidence("cramps", "present", "text"),
        Evidence("twitch_eyelid", "present", "text"),
        Evidence("weakness", "absent", "text"),
        Evidence("duration_months", "present", "text"),
    )
    rec = derive(kb, session_with(opening=opening))
    assert rec.settled("cramps")  # asked by no screen: not asked again
    assert not rec.settled("weakness")  # a red flag: its screen is still asked
    assert not rec.settled("twitch_eyelid")  # a screen lists it: "you mentioned this"
    st = {e.id: e.state for e in rec.evidence}
    assert st["duration_days"] == st["duration_weeks"] == "absent"  # one of a group present
    rec = derive(kb, session_with(("weakness_screen", "yes"), opening=opening))
    assert rec.open_members[0] == "weakness"  # and the interview answer wins over the text
    s = session_with(("locations", "twitch_legs"), opening=opening)
    # An item left unticked never takes back what the person's own words said.
    assert {e.id: e.state for e in derive(kb, s).evidence}["twitch_eyelid"] == "present"


def test_answer_checks_the_question_and_the_word(kb: KnowledgeBase) -> None:
    s = start(kb, age=30, sex="female")
    step = next_step(kb, s)
    assert step.question is not None
    with pytest.raises(InterviewError, match="the question being asked is"):
        answer(kb, s, "not_this_one", "yes")
    with pytest.raises(InterviewError, match="is not an answer to"):
        answer(kb, s, step.question.id, "perhaps")


def test_back_removes_the_last_answer_and_refuses_at_the_start(kb: KnowledgeBase) -> None:
    s = start(kb, age=30, sex="female")
    q = next_step(kb, s).question
    assert q is not None
    s2 = answer(kb, s, q.id, q.answers[-1])
    assert back(s2) == s
    with pytest.raises(InterviewError, match=r"nothing|no answer"):
        back(s)


def test_stored_answers_that_no_longer_fit_the_kb_are_refused(kb: KnowledgeBase) -> None:
    for bad in (("no_such_question", "yes"), ("weakness_screen", "sometimes")):
        with pytest.raises(InterviewError, match="does not fit this knowledge base"):
            derive(kb, session_with(bad))
    with pytest.raises(InterviewError, match=r"without|not asked"):
        derive(kb, session_with(("weakness_screen", "no"), ("weakness_screen.which", "weakness")))


def test_the_interview_is_deterministic(kb: KnowledgeBase) -> None:
    s = start(kb, age=52, sex="male")
    assert next_step(kb, s) == next_step(kb, replace(s))


def _finish(kb: KnowledgeBase, s: Session, pick: str) -> Session:
    """Answer every question with ``pick`` ("unknown", or "none"/"no" where it applies)."""
    for _ in range(60):
        step = next_step(kb, s)
        if step.done or step.question is None:
            return s
        value = pick if pick in step.question.answers else step.question.answers[-1]
        s = answer(kb, s, step.question.id, value)
    raise AssertionError("the interview did not end")


@pytest.mark.parametrize("pick", ["unknown", "none"])
def test_a_red_flag_from_the_opening_words_survives_dont_know_and_unticked_boxes(
    kb: KnowledgeBase, pick: str
) -> None:
    # Swallowing trouble stated in the person's own words: "don't know" to every question, or
    # pressing on past every checklist with nothing ticked, never takes it back.
    opening = (
        Evidence("swallowing_difficulty", "present", "text"),
        Evidence("twitch_arms", "present", "text"),
    )
    words_alone = assess(kb, Patient(age=58, sex="male"), list(opening)).triage.level
    s = _finish(kb, Session(Patient(age=58, sex="male"), opening=opening), pick)
    rec = derive(kb, s)
    assert rec.state("swallowing_difficulty") == "present"
    assert rec.state("twitch_arms") == "present"
    final = result(kb, s)
    assert RANK[final.triage.level] >= RANK[words_alone] >= RANK["urgent"]
    assert not rec.conflicts  # nothing was contradicted, so nothing is reported as "you said no"


def test_a_checklist_answer_never_contradicts_the_opening_words(kb: KnowledgeBase) -> None:
    # Opening: "my forearm twitches"; the locations checklist: only "many places". The arm is
    # one of the many places: both facts stand and no conflict is invented.
    opening = (Evidence("twitch_arms", "present", "text"),)
    s = Session(Patient(age=35, sex="female"), opening=opening)
    step = next_step(kb, s)
    while step.question is not None and step.question.id != "locations":
        s = answer(kb, s, step.question.id, "unknown")
        step = next_step(kb, s)
    assert step.question is not None
    assert "twitch_arms" in step.known  # shown ticked, from their words
    s = answer(kb, s, "locations", "twitch_widespread")
    rec = derive(kb, s)
    assert rec.state("twitch_arms") == "present"
    assert rec.state("twitch_widespread") == "present"
    assert not rec.conflicts


def test_an_explicit_no_to_a_stated_red_flag_is_a_conflict_and_keeps_the_flag(
    kb: KnowledgeBase,
) -> None:
    opening = (Evidence("bladder_bowel", "present", "text"),)
    rec = derive(kb, session_with(("danger_signs_screen", "no"), opening=opening))
    assert rec.state("bladder_bowel") == "present"  # a red flag can only raise the level
    (c,) = [c for c in rec.conflicts if c.finding == "bladder_bowel"]
    assert c.said[0] == "present" and c.answered[0] == "absent" and c.kept == "present"
