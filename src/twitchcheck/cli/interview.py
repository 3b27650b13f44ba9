"""``twitchcheck interview``: the adaptive interview in the terminal, or answered from a file.

Interactive: age, sex, "describe your twitching", then one question at a time (yes / no /
don't know; ``why``, ``back``, ``quit``). Every answer is stored before the next question is
shown; the session id printed at the start resumes it (``--resume ID``), also after Ctrl-C or a
crash. ``--answers FILE`` answers from ``{"age", "sex", "present", "absent", "text"}`` instead and
stores nothing.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from twitchcheck.errors import InvalidValueError

from .errors import report_errors
from .settings import knowledge

if TYPE_CHECKING:
    from rich.console import Console

    from twitchcheck.interview.catalogue import Question
    from twitchcheck.interview.next_question import Step
    from twitchcheck.interview.session import Session
    from twitchcheck.knowledge.model import KnowledgeBase
    from twitchcheck.store.interviews import InterviewStore

AnswersOpt = Annotated[
    Path | None,
    typer.Option(
        "--answers",
        help='Answer from a JSON file {"age", "sex", "present", "absent", "text"}; '
        "'don't know' for the rest. Nothing is stored.",
    ),
]
JsonOpt = Annotated[
    bool, typer.Option("--json", help="With --answers: print the questions and result as JSON.")
]
ResumeOpt = Annotated[
    str | None, typer.Option("--resume", help="Continue a stored interview by its id.")
]

YES_WORDS = frozenset({"y", "yes", "yeah", "yep", "ja"})
NO_WORDS = frozenset({"n", "no", "nope", "nah"})
UNKNOWN_WORDS = frozenset(
    {"?", "d", "dk", "idk", "don't know", "dont know", "do not know", "not sure", "unsure",
     "unknown", "don't know.", "maybe"}
)  # fmt: skip
NONE_WORDS = frozenset({"0", "none", "none of these", "nothing", "no", "n"})
COMMANDS = {"back": "back", "b": "back", "why": "why", "w": "why", "quit": "quit", "q": "quit",
            "exit": "quit", "pause": "quit", "help": "help", "h": "help"}  # fmt: skip
_FILE_KEYS = frozenset({"age", "sex", "present", "absent", "text"})


@report_errors
def interview(
    answers: AnswersOpt = None, as_json: JsonOpt = False, resume: ResumeOpt = None
) -> None:
    """Adaptive interview: the fewest questions that settle how urgent it is and why."""
    if answers is not None:
        if resume is not None:
            raise InvalidValueError("use either --answers or --resume, not both")
        data = _read_answers_file(answers)  # before loading anything: bad files fail fast
        _from_file(knowledge(), data, as_json)
        return
    if as_json:
        raise InvalidValueError("--json needs --answers FILE (the interactive interview is text)")
    _interactive(knowledge(), resume)


# --- answered from a file --------------------------------------------------------------------


def _read_answers_file(path: Path) -> dict[str, Any]:
    from .files import read_json_file

    data = read_json_file(path, f"answers file {path}")
    if not isinstance(data, dict):
        raise InvalidValueError("the answers file must hold one JSON object")
    unknown = sorted(set(data) - _FILE_KEYS)
    if unknown:
        raise InvalidValueError(f"answers file: unknown key {unknown[0]!r}")
    for key in ("present", "absent"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise InvalidValueError(f"answers file: {key!r} must be a list of finding ids")
    if data.get("text") is not None and not isinstance(data["text"], str):
        raise InvalidValueError("answers file: 'text' must be a string")
    age = data.get("age")
    if age is not None and (isinstance(age, bool) or not isinstance(age, int | float)):
        raise InvalidValueError("answers file: 'age' must be a number of years")
    if data.get("sex") not in (None, "female", "male"):
        raise InvalidValueError("answers file: 'sex' must be 'female' or 'male'")
    return data


def _from_file(kb: KnowledgeBase, data: dict[str, Any], as_json: bool) -> None:
    from twitchcheck.interview import result, start
    from twitchcheck.interview.scripted import facts, run
    from twitchcheck.interview.view import conflicts_list

    known = facts(kb, data.get("present", []), data.get("absent", []))
    session = start(kb, age=data.get("age"), sex=data.get("sex"), text=data.get("text"))
    final, turns, last = run(kb, session, known)
    assessment = result(kb, final)
    asked = [
        {"n": i, "id": t.question.id, "kind": t.question.kind, "text": t.question.text,
         "answer": t.answer}
        for i, t in enumerate(turns, start=1)
    ]  # fmt: skip
    if as_json:
        out = {
            **assessment.to_dict(),
            "questions_asked": len(turns),
            "questions": asked,
            "interview": {
                "stop_reason": last.reason,
                "opening": [{"id": e.id, "state": e.state, "from": "text"} for e in final.opening],
                "conflicts": conflicts_list(kb, final),
            },
        }
        json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    from .render import render_assessment

    con = _console()
    for row in asked:
        con.print(f"{row['n']:>2}. {row['text']}  → {row['answer']}", highlight=False)
    con.print(f"{len(turns)} questions asked.\n")
    _show_conflicts(con, kb, final)
    render_assessment(kb, assessment)


def _show_conflicts(con: Console, kb: KnowledgeBase, session: Session) -> None:
    from twitchcheck.interview.view import conflicts_list

    for c in conflicts_list(kb, session):
        con.print(f"[yellow]Note:[/yellow] {c['text']}")


# --- interactive -----------------------------------------------------------------------------


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def _ask(con: Console, prompt: str) -> str:
    """One line from the person (``EOFError``/``KeyboardInterrupt`` pass through: pause)."""
    return con.input(f"[bold]{prompt}[/bold] ").strip()


def _parse_age(text: str) -> float | Literal["bad"] | None:
    """Years; '6 months', '8 weeks' and '2 years' are understood; blank or 'skip' → unknown."""
    words = text.lower().strip()
    if words in ("", "skip", "-"):
        return None
    match = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*(years?|y|yrs?|months?|m|weeks?|w)?", words)
    if match is None:
        return "bad"
    value = float(match.group(1).replace(",", "."))
    unit = (match.group(2) or "y")[0]
    years = value / 12 if unit == "m" else value / 52 if unit == "w" else value
    return years if 0 <= years <= 120 else "bad"


def _intake(con: Console, kb: KnowledgeBase) -> Session:
    from twitchcheck.interview import start
    from twitchcheck.interview.opening import reader_available

    con.print(
        "[bold]twitchcheck interview[/bold] — a few questions about your twitching. "
        "Answer [bold]yes[/bold], [bold]no[/bold] or [bold]don't know[/bold]; type "
        "[bold]why[/bold] to hear why a question is asked, [bold]back[/bold] to change your "
        "last answer, [bold]quit[/bold] to pause."
    )
    con.print(f"[italic grey50]{kb.policy.disclaimer}[/italic grey50]\n")
    age: float | None = None
    while True:
        parsed = _parse_age(_ask(con, "How old are you? (years; for a baby e.g. '6 months')"))
        if parsed != "bad":
            age = parsed
            break
        con.print("Please give an age in years, like 34, or '6 months' for a baby (or 'skip').")
    sex: Literal["female", "male"] | None = None
    while True:
        said = _ask(con, "Sex: female or male? (or 'skip')").lower()
        if said in ("f", "female", "woman"):
            sex = "female"
        elif said in ("m", "male", "man"):
            sex = "male"
        elif said not in ("", "skip", "-"):
            con.print("Please type female or male, or 'skip'.")
            continue
        break
    text = _ask(con, "In your own words, describe your twitching (Enter to skip):")
    session = start(kb, age=age, sex=sex, text=text or None)
    if text and not reader_available():
        con.print("I cannot read descriptions automatically here, so I will ask about everything.")
    elif session.opening:
        noted = [
            kb.findings[e.id].label if e.state == "present" else f"not: {kb.findings[e.id].label}"
            for e in session.opening
            if e.state != "unknown"
        ]
        if noted:
            con.print("From what you wrote, I noted: " + "; ".join(noted) + ".")
    return session


def _show(con: Console, kb: KnowledgeBase, session: Session, step: Step) -> None:
    from rich.panel import Panel
    from rich.text import Text

    q = step.question
    assert q is not None  # only called for a step that asks
    number = len(session.replies) + 1
    hint = f"about {step.remaining} to go" if step.remaining > 1 else "nearly done"
    body = Text(q.text, style="bold")
    for item in q.items:
        body.append(f"\n  • {item}")
    known = set(step.known)
    for i, option in enumerate(q.options, start=1):
        mark = "[x] " if option.value in known else "[ ] " if q.kind == "checklist" else ""
        note = "  (from your own words: kept)" if option.value in known else ""
        body.append(f"\n  {i}. {mark}{option.text}{note}")
    if q.kind == "checklist":
        tail = " The ticked ones stay ticked." if known else ""
        body.append(
            "\nType the numbers of any others that apply (e.g. 1 3), 'none' or 'don't know'."
            + tail,
            "grey50",
        )
    elif q.kind == "choice":
        body.append("\nType a number, or 'don't know'.", "grey50")
    else:
        body.append("\nyes / no / don't know", "grey50")
    con.print(Panel(body, title=f"Question {number} · {hint}", border_style="cyan"))


def _parse_answer(q: Question, raw: str) -> tuple[str, str] | None:
    """``("command", name)`` or ``("answer", value)``; ``None`` for words not understood."""
    words = re.sub(r"\s+", " ", raw.lower().replace("’", "'")).strip()
    if words in COMMANDS:
        return ("command", COMMANDS[words])
    if words in UNKNOWN_WORDS:
        return ("answer", "unknown")
    if q.kind in ("finding", "screen"):
        if words in YES_WORDS:
            return ("answer", "yes")
        if words in NO_WORDS:
            return ("answer", "no")
        return None
    numbers = re.findall(r"\d+", words)
    if q.kind == "checklist" and words in NONE_WORDS:
        return ("answer", "none")
    if not numbers or re.sub(r"[\d,\s]+", "", words) or len(q.options) == 0:
        return None
    picked = [int(n) for n in numbers]
    if any(not 1 <= n <= len(q.options) for n in picked):
        return None
    if q.kind == "choice":
        return ("answer", q.options[picked[0] - 1].value) if len(picked) == 1 else None
    return ("answer", ",".join(q.options[n - 1].value for n in sorted(set(picked))))


def _explain(con: Console, step: Step) -> None:
    r = step.rationale
    if r is None:
        return
    if r.help:
        con.print(f"[italic]{r.help}[/italic]")
    con.print(r.text)


def _interactive(kb: KnowledgeBase, resume: str | None) -> None:
    from twitchcheck.store.interviews import InterviewStore

    con = _console()
    store = InterviewStore()
    sid: str | None = None
    try:
        if resume is not None:
            session = store.load(resume)
            sid = resume
            con.print(f"Resuming interview {sid} ({len(session.replies)} answers so far).")
        else:
            session = _intake(con, kb)
            sid = store.create(session)
            con.print(f"Your interview id is [bold]{sid}[/bold]. To continue later:")
            con.print(f"  twitchcheck interview --resume {sid}\n", soft_wrap=True)
        _loop(con, kb, store, sid, session)
    except (KeyboardInterrupt, EOFError):
        con.print()
        if sid is None:
            con.print("Stopped before the interview began; nothing was stored.")
        else:
            con.print("Paused. Your answers are saved. Continue with:")
            con.print(f"  twitchcheck interview --resume {sid}", soft_wrap=True)
        raise SystemExit(130) from None
    finally:
        store.close()


def _loop(
    con: Console, kb: KnowledgeBase, store: InterviewStore, sid: str, session: Session
) -> None:
    from twitchcheck.interview import answer, back, next_step, result

    from .render import render_assessment

    while True:
        step = next_step(kb, session)
        if step.done or step.question is None:
            store.finish(sid)
            if step.reason == "emergency":
                con.print("\n[bold red]Stop here: what you told me needs help now.[/bold red]\n")
            else:
                con.print(f"\nThank you — {len(session.replies)} questions. Here is the result.\n")
            _show_conflicts(con, kb, session)
            render_assessment(kb, result(kb, session))
            con.print(f"To see this again: twitchcheck interview --resume {sid}", soft_wrap=True)
            return
        _show(con, kb, session, step)
        while True:
            parsed = _parse_answer(step.question, _ask(con, ">"))
            if parsed is None:
                con.print(_reprompt(step.question))
                continue
            kind, value = parsed
            if kind == "command" and value == "why":
                _explain(con, step)
                continue
            if kind == "command" and value == "help":
                con.print("Answer the question, or type why, back, or quit (your answers stay).")
                continue
            break
        if kind == "command" and value == "quit":
            raise KeyboardInterrupt
        if kind == "command" and value == "back":
            if not session.replies:
                con.print("This is the first question; there is nothing to go back to.")
                continue
            session = back(session)
            store.remove_replies(sid, keep=len(session.replies))
            continue
        session = answer(kb, session, step.question.id, value)
        # Stored (committed) before the next question is chosen and shown.
        store.add_reply(sid, len(session.replies), session.replies[-1])


def _reprompt(q: Question) -> str:
    if q.kind == "checklist":
        return (
            f"Sorry, I did not understand. Type numbers from 1 to {len(q.options)} "
            "(e.g. 1 3), 'none', or 'don't know' — or 'why', 'back', 'quit'."
        )
    if q.kind == "choice":
        return (
            f"Sorry, I did not understand. Type a number from 1 to {len(q.options)} or "
            "'don't know' — or 'why', 'back', 'quit'."
        )
    return "Sorry, I did not understand. Please answer yes, no or don't know — or 'why', 'back'."
