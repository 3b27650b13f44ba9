"""Emergencies that need two answers at once are still asked for (``within_reach``).

One question at a time, no single answer to "has the weakness come on over days?" or "has a
doctor found your reflexes reduced?" makes this an emergency; together they do (Guillain-Barre
syndrome, rule ``rapid_weakness_sensory``). Before the reach check, a person answering "don't
know" to the early screens used up the question limit and ended at urgent.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from twitchcheck import KnowledgeBase
from twitchcheck.interview import next_question, result, start
from twitchcheck.interview.next_question import (
    _at_least,
    _candidates,
    _context,
    _score_all,
    within_reach,
)
from twitchcheck.interview.scripted import facts, run
from twitchcheck.interview.session import Reply

# Weakness that built over days with lost reflexes, back pain at night; no bladder trouble; pain
# where it twitches not known ("don't know"). With muscle pain said present, the interview now
# reaches the emergency within the question limit by itself (since dark urine with muscle pain
# implies the pain, 2026-12-07), so the reach check would not be exercised.
GBS_PRESENT = ["weakness", "weakness_over_days", "reduced_reflexes", "difficulty_stairs",
               "back_pain_night", "duration_days"]  # fmt: skip
GBS_ABSENT = ["bladder_bowel", "saddle_anaesthesia", "cancer_history", "spine_trauma"]


def _interview(kb: KnowledgeBase) -> tuple[str, list[str]]:
    session = start(kb, age=45, sex="female")
    final, turns, _ = run(kb, session, facts(kb, GBS_PRESENT, GBS_ABSENT))
    return result(kb, final).triage.level, [t.question.id for t in turns]


def test_an_emergency_needing_two_answers_is_reached_past_the_question_limit(
    kb: KnowledgeBase,
) -> None:
    level, asked = _interview(kb)
    assert level == "emergency"
    assert {"weakness_over_days", "reduced_reflexes"} <= set(asked)
    assert len(asked) > kb.questions.policy.max_questions.value  # type: ignore[union-attr]


def test_with_muscle_pain_said_the_same_person_reaches_the_emergency_within_the_limit(
    kb: KnowledgeBase,
) -> None:
    session = start(kb, age=45, sex="female")
    final, turns, _ = run(kb, session, facts(kb, [*GBS_PRESENT, "pain"], GBS_ABSENT))
    assert result(kb, final).triage.level == "emergency"
    assert len(turns) <= kb.questions.policy.max_questions.value  # type: ignore[union-attr]


def test_without_the_reach_check_the_same_person_ends_at_urgent(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the check is for: one answer at a time, the stop rule saw nothing left to settle."""
    monkeypatch.setattr(next_question, "within_reach", lambda ctx, scored: [])
    level, asked = _interview(kb)
    assert level == "urgent"
    assert not {"weakness_over_days", "reduced_reflexes"} <= set(asked)


def _reach(kb: KnowledgeBase, age: float, **answers: str) -> set[str]:
    # Answers given in this order (the session accepts any question the catalogue has).
    replies = tuple(Reply(q, v) for q, v in answers.items())
    session = replace(start(kb, age=age, sex="female"), replies=replies)
    ctx = _context(kb, session)
    return {s.question.id for s in within_reach(ctx, _score_all(ctx, _candidates(ctx)))}


def test_weakness_for_days_puts_the_gbs_questions_within_reach(kb: KnowledgeBase) -> None:
    reach = _reach(
        kb,
        45,
        duration="duration_days",
        weakness_screen="yes",
        **{"weakness_screen.which": "weakness,difficulty_stairs"},
    )
    # What the rule needs in full comes first; a no to it puts the rule out of reach.
    assert "weakness_over_days" in reach
    assert "reduced_reflexes" not in reach


def test_nothing_is_within_reach_for_an_eyelid_twitch_with_no_danger_signs(
    kb: KnowledgeBase,
) -> None:
    no = dict.fromkeys(
        ["danger_signs_screen", "weakness_screen", "sensation_pain_screen", "history_screen",
         "medicines_screen"], "no",
    )  # fmt: skip
    # A racing heart is worth one question (with a lost salt it is an emergency)...
    assert _reach(kb, 28, duration="duration_weeks", **no) == {"heat_intolerance_palpitations"}
    # ...and once it is denied, nothing is within reach.
    assert (
        _reach(kb, 28, duration="duration_weeks", **no, heat_intolerance_palpitations="no") == set()
    )


def test_at_least_k_of_independent_findings_by_hand() -> None:
    half = np.array([0.5])
    assert _at_least(1, [half, half])[0] == pytest.approx(0.75)
    assert _at_least(2, [half, half])[0] == pytest.approx(0.25)
    # One certain finding: at least two means at least one of the other two (1 - 0.8 * 0.5).
    ps = [np.array([0.2]), np.array([0.5]), np.array([1.0])]
    assert _at_least(2, ps)[0] == pytest.approx(0.6)
    assert _at_least(3, ps)[0] == pytest.approx(0.1)


def test_an_urgent_rule_needing_a_second_answer_is_within_reach(kb: KnowledgeBase) -> None:
    """A statin alone is routine; with cramps, pain or weakness it is urgent (NHS): the
    questions that could complete the rule are kept asking (settle_below.urgent)."""
    reach = _reach(
        kb,
        58,
        duration="duration_weeks",
        medicines_screen="yes",
        **{"medicines_screen.which": "med_statin"},
    )
    assert {"cramps", "sensation_pain_screen", "weakness_screen"} <= reach


def test_a_rule_at_or_below_the_level_now_is_not_chased(kb: KnowledgeBase) -> None:
    # Already urgent (weakness): urgent rules needing more answers are not within reach.
    reach = _reach(
        kb,
        58,
        duration="duration_weeks",
        weakness_screen="yes",
        **{"weakness_screen.which": "weakness"},
        medicines_screen="yes",
        **{"medicines_screen.which": "med_statin"},
    )
    assert "cramps" not in reach
