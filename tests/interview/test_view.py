"""The JSON shapes an adapter returns (``interview.view``): the next question with its
rationale, and the result once done."""

from __future__ import annotations

import json

from twitchcheck import KnowledgeBase
from twitchcheck.interview import answer, next_step, start
from twitchcheck.interview.view import session_dict


def test_an_open_session_shows_the_next_question_and_why(kb: KnowledgeBase) -> None:
    s = start(kb, age=41, sex="male")
    view = session_dict(kb, s, next_step(kb, s), "abc")
    json.dumps(view)  # plain JSON
    assert view["status"] == "open" and view["result"] is None and view["id"] == "abc"
    nxt = view["next"]
    assert nxt["question"]["text"] and nxt["question"]["answers"]
    assert nxt["rationale"]["text"] and nxt["progress"]["asked"] == 0
    assert nxt["triage_so_far"] == "self_care"


def test_a_finished_session_carries_the_assess_result(kb: KnowledgeBase) -> None:
    s = start(kb, age=41, sex="male")
    for _ in range(60):
        step = next_step(kb, s)
        if step.done or step.question is None:
            break
        s = answer(kb, s, step.question.id, step.question.answers[-1])  # don't know
    step = next_step(kb, s)
    view = session_dict(kb, s, step)
    assert view["status"] == "done" and view["next"] is None and view["stop_reason"]
    assert view["questions_asked"] == len(view["answers"]) == len(s.replies)
    assert {c["id"] for c in view["result"]["conditions"]} == set(kb.conditions)
    assert view["result"]["knowledge_version"] == kb.version
