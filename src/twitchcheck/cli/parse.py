"""``twitchcheck parse`` and the ``--text`` of ``twitchcheck assess``: what was understood.

The person's words are shown back only here, in the command's own output ("you wrote '...'");
they are never logged. spaCy is imported only when text is given.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .errors import report_errors
from .settings import knowledge

if TYPE_CHECKING:
    from twitchcheck.engine.evidence import Evidence, Patient
    from twitchcheck.knowledge.model import KnowledgeBase
    from twitchcheck.text.result import ParseResult

TextOpt = Annotated[
    str,
    typer.Option(
        "--text", "-t", help="What the person wrote, in their own words (English; '-' reads stdin)."
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")]

_STATE_WORDS = {"present": "yes", "absent": "no", "unknown": "not sure"}


def read_text(text: str) -> str:
    """``text`` itself, or standard input when it is ``-`` (UTF-8, size-capped: see ``files``)."""
    if text != "-":
        return text
    from .files import read_stdin_text

    return read_stdin_text()


def with_text(
    kb: KnowledgeBase, patient: Patient, explicit: list[Evidence], text: str
) -> tuple[Patient, list[Evidence], ParseResult]:
    """Add what ``text`` says to the explicit inputs; explicit flags, age and sex win.

    Raises:
        TextError: the text cannot be read (empty, too long, not English).
    """
    from twitchcheck.engine.evidence import Patient
    from twitchcheck.text import merge_evidence, parse

    parsed = parse(kb, read_text(text))
    merged = merge_evidence(kb, explicit, parsed.evidence)
    person = Patient(
        age=patient.age if patient.age is not None else parsed.age,
        sex=patient.sex if patient.sex is not None else parsed.sex,
    )
    return person, merged, parsed


def understood_view(parsed: ParseResult, used: list[Evidence]) -> dict[str, Any]:
    """The JSON of what was read from the text; ``used`` says whether each finding was used
    (false when an explicit flag gave the same finding)."""
    used_ids = {(e.id, e.origin) for e in used}
    data = parsed.to_dict()
    data["evidence"] = [
        {**item, "used": (item["id"], "text") in used_ids} for item in data["evidence"]
    ]
    return data


def render_understood(
    kb: KnowledgeBase, parsed: ParseResult, used: list[Evidence] | None = None
) -> None:
    """Print each finding read from the text with its state and the words it came from."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    con = Console(highlight=False, soft_wrap=False)
    table = Table(title="What I understood from what you wrote", title_justify="left")
    for col in ("finding", "state", "because"):
        table.add_column(col)
    used_ids = None if used is None else {(e.id, e.origin) for e in used}
    for ev in parsed.evidence:
        mention = parsed.source_of(ev.id)
        because = f"you wrote '{mention.quote}'" if mention is not None else ""
        if used_ids is not None and (ev.id, "text") not in used_ids:
            because += " (your --present/--absent flag is used instead)"
        table.add_row(kb.findings[ev.id].label, _STATE_WORDS[ev.state], because)
    if parsed.evidence:
        con.print(table)
    else:
        con.print(Text("I did not recognise any symptom in what you wrote.", style="bold"))
    about = []
    if parsed.about_other:
        about.append("you are writing for someone else; the assessment is for them")
    if parsed.age is not None:
        about.append(f"age {_age_words(parsed.age)}")
    if parsed.sex is not None:
        about.append(parsed.sex)
    if about:
        con.print(Text("From the text: " + "; ".join(about) + ".", style="italic"))
    skipped = [m for m in parsed.mentions if not m.counted]
    for m in skipped:
        why = "about someone else" if m.family else "a worry, not a symptom"
        if not (m.family or m.hypothetical):
            why = "does not apply at this age or sex"
        con.print(
            Text(f"Not counted ({why}): '{m.quote}' — {kb.findings[m.finding].label}", "grey50")
        )


def _age_words(age: float) -> str:
    if age >= 2:
        return f"{age:g} years"
    months = round(age * 12)
    return f"{months} month" + ("s" if months != 1 else "")


@report_errors
def parse_cmd(text: TextOpt, as_json: JsonOpt = False) -> None:
    """Read what a person wrote: the findings with their state, the words they came from, and
    the context (negated, unsure, in the past, about someone else)."""
    from twitchcheck.text import parse

    kb = knowledge()
    parsed = parse(kb, read_text(text))
    if as_json:
        data = {**parsed.to_dict(), "knowledge_version": kb.version}
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    render_understood(kb, parsed)
