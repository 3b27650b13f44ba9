"""Choosing the next question, its rationale, the stop rule and the safety rule."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.strategies import evidence_lists
from tests.unit.conftest_kb import KB
from twitchcheck import Evidence, KnowledgeBase, Patient, assess
from twitchcheck.interview import Session, answer, back, next_step, result, start
from twitchcheck.interview.catalogue import Question
from twitchcheck.interview.next_question import unanswered_red_flags
from twitchcheck.interview.session import derive
from twitchcheck.triage.rules import RANK, fired_rules

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DEEP = settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
MAX_STEPS = 150


def test_first_question_can_change_the_triage(kb: KnowledgeBase) -> None:
    step = next_step(kb, start(kb, age=34, sex="female"))
    assert step.question is not None and step.rationale is not None
    assert not step.done and step.asked == 0 and step.remaining >= 1
    assert len(set(step.rationale.levels.values())) > 1


def test_rationale_names_the_causes_the_answer_separates(kb: KnowledgeBase) -> None:
    s = start(kb, age=55, sex="male")
    s = replace(s, opening=(
        Evidence("twitch_arms", "present", "text"), Evidence("duration_months", "present", "text"),
    ))  # fmt: skip
    step = next_step(kb, s)
    r = step.rationale
    assert r is not None and r.separates is not None
    yes_cause, no_cause = r.separates
    assert kb.conditions[yes_cause].name in r.text and kb.conditions[no_cause].name in r.text
    assert r.help  # the knowledge base's own reason
    assert r.levels["yes"] != r.levels["no"] or "doctor" not in r.text


def _finish(kb: KnowledgeBase, s: Session, value_for: dict[str, str]) -> Session:
    for _ in range(MAX_STEPS):
        step = next_step(kb, s)
        if step.done or step.question is None:
            return s
        q = step.question
        value = value_for.get(q.kind, "unknown")
        if q.kind == "choice" and value != "unknown":
            value = q.options[0].value
        s = answer(kb, s, q.id, value)
    raise AssertionError("the interview did not end")


def test_a_person_with_nothing_wrong_ends_at_self_care_with_every_red_flag_answered(
    kb: KnowledgeBase,
) -> None:
    nothing = {"finding": "no", "screen": "no", "checklist": "none", "choice": "first"}
    s = _finish(kb, start(kb, age=25, sex="male"), nothing)
    assert result(kb, s).triage.level == "self_care"
    assert not unanswered_red_flags(kb, s, derive(kb, s))
    step = next_step(kb, s)
    assert step.done and step.reason in (
        "confident", "nothing_worth_asking", "question_limit", "nothing_left",
    )  # fmt: skip
    assert len(s.replies) <= 15


def test_red_flag_screens_are_asked_even_when_already_urgent(kb: KnowledgeBase) -> None:
    s = start(kb, age=60, sex="female")
    s = replace(s, opening=(Evidence("weakness", "present", "text"),))
    asked = {r.question for r in _finish(kb, s, {"screen": "no", "checklist": "none"}).replies}
    assert {"danger_signs_screen", "sensation_pain_screen"} <= asked


def test_an_emergency_combination_is_found(kb: KnowledgeBase) -> None:
    # Bladder trouble with leg weakness (spinal cord compression): two screens, one emergency.
    answers = {"danger_signs_screen": "yes", "danger_signs_screen.which": "bladder_bowel",
               "weakness_screen": "yes", "weakness_screen.which": "weakness"}  # fmt: skip
    s = start(kb, age=50, sex="male")
    for _ in range(MAX_STEPS):
        step = next_step(kb, s)
        if step.done or step.question is None:
            break
        q = step.question
        s = answer(kb, s, q.id, answers.get(q.id, q.answers[-1]))
    assert result(kb, s).triage.level == "emergency"


# --- the safety rule, property-tested with random answerers --------------------------------


@st.composite
def people(draw: st.DrawFn) -> Session:
    age = draw(
        st.one_of(st.none(), st.floats(0, 110, allow_nan=False), st.sampled_from([0.4, 1.5, 8.0]))
    )
    sex = draw(st.sampled_from([None, "female", "male"]))
    opening = tuple(Evidence(e.id, e.state, "text") for e in draw(evidence_lists(KB, max_size=6)))
    return Session(Patient(age=age, sex=sex), opening, (), KB.version)


Answerer = str  # "random", "unknown" (answers only "don't know") or "no" (denies everything)


def _random_answer(data: st.DataObject, q: Question, who: Answerer = "random") -> str:
    if who == "unknown":
        return "unknown"
    if who == "no":
        return "none" if q.kind == "checklist" else "no" if "no" in q.answers else "unknown"
    if q.kind != "checklist":
        return data.draw(st.sampled_from(q.answers))
    options = [o.value for o in q.options]
    chosen = data.draw(st.lists(st.sampled_from(options), unique=True, max_size=len(options)))
    return ",".join(chosen) if chosen else data.draw(st.sampled_from(["none", "unknown"]))


def _stated_floor(session: Session) -> int:
    """The level the opening words alone give, and each stated red flag's own level. Words that
    gave no finding state nothing: an age alone (an infant's prior) is not a floor."""
    if not session.opening:
        return RANK["self_care"]
    opening = assess(KB, session.patient, session.opening).triage.level
    flags = frozenset(e.id for e in session.opening if e.state == "present")
    alone = [RANK[r.level] for r in fired_rules(KB, session.patient, flags)]
    return max([RANK[opening], *alone])


def _safety_holds(session: Session, data: st.DataObject) -> None:
    who: Answerer = data.draw(st.sampled_from(["random", "random", "unknown", "no"]))
    floor = _stated_floor(session)
    s = session
    backs = 0
    first = next_step(KB, s)
    if floor == RANK["emergency"]:
        # An emergency in the opening words: the result comes first, with no question before it.
        assert first.done and first.reason == "emergency" and first.question is None
    for _ in range(MAX_STEPS):
        step = next_step(KB, s)
        if step.done or step.question is None:
            break
        if who == "random" and s.replies and backs < 5 and data.draw(st.integers(0, 9)) == 0:
            s = back(s)  # people change their minds (a few times)
            backs += 1
            continue
        s = answer(KB, s, step.question.id, _random_answer(data, step.question, who))
    else:
        raise AssertionError("the interview did not end")
    level = result(KB, s).triage.level
    # A kind of weakness (or wasting ...) present never leaves its broader finding absent.
    record = derive(KB, s)
    for f in record.present:
        for parent in KB.broader[f]:
            assert record.state(parent) == "present", (f, parent)
    # Never below what the person's own words said, whatever they answered afterwards.
    assert RANK[level] >= floor, (level, floor)
    if step.reason == "emergency":
        assert level == "emergency"
        return
    missing = unanswered_red_flags(KB, s, derive(KB, s))
    # The safety rule: never self_care or routine while a red flag that applies is unanswered.
    if RANK[level] < RANK["urgent"]:
        assert not missing, (level, missing)
    # Stronger, by design: short of an emergency, every red flag that applies is answered.
    assert not missing
    # "Don't know" to a red flag is not reassurance: at least an ordinary appointment.
    if derive(KB, s).unsure_red_flags():
        assert RANK[level] >= RANK["routine"]


@FAST
@given(people(), st.data())
def test_never_ends_below_urgent_with_a_red_flag_unanswered(
    session: Session, data: st.DataObject
) -> None:
    _safety_holds(session, data)


@pytest.mark.deep
@DEEP
@given(people(), st.data())
def test_deep_never_ends_below_urgent_with_a_red_flag_unanswered(
    session: Session, data: st.DataObject
) -> None:
    _safety_holds(session, data)


@FAST
@given(
    people(),
    st.lists(st.floats(0.0, 1.0, allow_nan=False), min_size=len(KB.conditions),
             max_size=len(KB.conditions)).filter(lambda w: sum(w) > 0),
)  # fmt: skip
def test_the_fast_triage_level_is_the_engines(session: Session, weights: list[float]) -> None:
    """belief.levels (used to try every answer) agrees with triage.evaluate, for any evidence
    and any spread of probability over the causes."""
    from twitchcheck import Posterior, evaluate
    from twitchcheck.interview import belief as b

    t = b.tables(KB)
    probs = np.array([weights]) / sum(weights)
    present = frozenset(e.id for e in session.opening if e.state == "present")
    post = Posterior(
        probabilities=dict(zip(t.conditions, probs[0].tolist(), strict=True)),
        prior={},
        band=KB.band_for(session.patient.age).id,
        evidence=tuple(Evidence(f, "present") for f in sorted(present)),
    )
    expected = evaluate(KB, session.patient, post).level
    assert b.levels(KB, t, session.patient, probs, [present]) == [expected]


def test_a_belief_with_no_weight_left_gets_a_level_not_an_error() -> None:
    """A branch the evidence rules out (every cause at 0) with a red flag that a time-critical
    cause does not count: the fast level is the engine's, with no division by zero (found by the
    deep interview property after issue 16's time-critical path)."""
    from twitchcheck import Posterior, evaluate
    from twitchcheck.interview import belief as b

    t = b.tables(KB)
    probs = np.zeros((1, len(t.conditions)))
    present = frozenset({"insecticide_exposure", "numbness_tingling", "twitch_legs"})
    patient = Patient(age=40)
    post = Posterior(
        probabilities=dict(zip(t.conditions, probs[0].tolist(), strict=True)),
        prior={},
        band=KB.band_for(patient.age).id,
        evidence=tuple(Evidence(f, "present") for f in sorted(present)),
    )
    assert b.levels(KB, t, patient, probs, [present]) == [evaluate(KB, patient, post).level]
