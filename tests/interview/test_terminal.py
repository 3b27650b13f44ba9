"""The interactive interview, driven in a real pseudo-terminal: start, answer, re-prompt, why,
back, finish; Ctrl-C and kill -9 leave a session that resumes without losing an answer."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from twitchcheck.store.interviews import InterviewStore

from .terminal import Terminal

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals are POSIX")

HINTS = {"yes / no / don't know": "no", "Type the numbers": "none", "Type a number": "1"}
NEXT = (
    r"Question (?P<n>\d+) · [^\n]*\n(?s:.*?)(?P<hint>yes / no / don't know|Type the numbers"
    r"|Type a number)|Thank you — (?P<total>\d+) questions"
)
ID = r"interview id is (?P<id>[0-9a-f]{20})"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if not k.startswith("TWITCHCHECK_")}
    out.update({"TWITCHCHECK_DATA_DIR": str(tmp_path / "data"), "TERM": "xterm"})
    return out


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    yield opened
    for t in opened:
        t.close()


def store_of(env: dict[str, str]) -> InterviewStore:
    return InterviewStore(f"sqlite:///{env['TWITCHCHECK_DATA_DIR']}/twitchcheck.db")


def start(terminals: list[Terminal], env: dict[str, str], *args: str) -> Terminal:
    term = Terminal("interview", *args, env=env)
    terminals.append(term)
    return term


def intake(term: Terminal, age: str = "29", sex: str = "female", text: str = "") -> str:
    term.expect(r"How old are you\?")
    term.send(age)
    term.expect(r"Sex: female or male\?")
    term.send(sex)
    term.expect(r"describe your twitching")
    term.send(text)
    return term.expect(ID)["id"]


def step(term: Terminal) -> tuple[int | None, str]:
    """The next question's number and the reply of a person with nothing wrong; or, at the
    end, (None, total questions)."""
    match = term.expect(NEXT, timeout=60)
    if match["total"] is not None:
        return None, match["total"]
    term.expect(r">")
    return int(match["n"]), HINTS[match["hint"]]


def test_a_whole_interview_with_reprompt_why_and_back(
    terminals: list[Terminal], env: dict[str, str]
) -> None:
    term = start(terminals, env)
    term.expect(r"How old are you\?")
    term.send("thirty")  # not understood: asked again, gently
    term.expect(r"Please give an age in years")
    sid = intake(term, age="29")
    number, reply = step(term)
    assert number == 1
    term.send("perhaps")  # an unknown answer word
    term.expect(r"Sorry, I did not understand")
    term.send("why")  # the kb's reason and the engine's: the causes the answer moves
    term.expect(r"It helps tell .+ from |Your answer changes|It can change|makes sure")
    term.send(reply)
    number, _ = step(term)
    assert number == 2
    term.send("back")  # change the first answer: question 1 again
    number, reply = step(term)
    assert number == 1
    term.send(reply)
    answered = 1
    while True:
        number, reply = step(term)
        if number is None:
            assert int(reply) == answered
            break
        assert number == answered + 1
        term.send(reply)
        answered += 1
        assert answered < 40
    term.expect(r"How urgent is this\?")
    term.expect(r"Likely causes")
    term.expect(r"not a diagnosis")
    assert term.wait() == 0
    with store_of(env) as store:
        assert store.status(sid) == "done"
        assert len(store.load(sid).replies) == answered


def test_ctrl_c_pauses_and_resume_continues(terminals: list[Terminal], env: dict[str, str]) -> None:
    term = start(terminals, env)
    sid = intake(term, age="45", sex="male")
    for expected in (1, 2):
        number, reply = step(term)
        assert number == expected
        term.send(reply)
    step(term)
    term.ctrl_c()
    term.expect(
        rf"Paused\. Your answers are saved\. Continue with:\s+twitchcheck interview --resume {sid}"
    )
    assert term.wait() == 130

    again = start(terminals, env, "--resume", sid)
    again.expect(rf"Resuming interview {sid} \(2 answers so far\)")
    number, _ = step(again)
    assert number == 3
    again.send("quit")  # pausing by word works like Ctrl-C
    again.expect(r"Paused\.")
    assert again.wait() == 130


def test_kill_9_mid_interview_loses_no_answered_question(
    terminals: list[Terminal], env: dict[str, str]
) -> None:
    term = start(terminals, env)
    sid = intake(term, age="60", sex="female")
    sent: list[str] = []
    for expected in (1, 2, 3):
        number, reply = step(term)
        assert number == expected
        term.send(reply)
        sent.append(reply)
    number, _ = step(term)  # question 4 is on screen: answer 3 was committed before it
    assert number == 4
    term.kill()
    assert term.status == -9

    with store_of(env) as store:
        replies = store.load(sid).replies
    assert len(replies) == 3
    again = start(terminals, env, "--resume", sid)
    again.expect(rf"Resuming interview {sid} \(3 answers so far\)")
    number, _ = step(again)
    assert number == 4


def test_a_missing_or_malformed_session_id_is_a_clear_error(
    terminals: list[Terminal], env: dict[str, str]
) -> None:
    for bad in ("0123456789abcdef0123", "not-an-id"):
        term = start(terminals, env, "--resume", bad)
        term.expect(r"twitchcheck: error: no interview with id")
        assert term.wait() == 2
        assert "Traceback" not in term.output
