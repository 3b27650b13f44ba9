"""``twitchcheck parse`` and ``twitchcheck assess --text``, run as the real program."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

EXE = Path(sys.executable).with_name("twitchcheck")
TEXT = "My thighs have been twitching for 4 months, strength seems fine. I'm 29."


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "120"}
    env.pop("TWITCHCHECK_DEBUG", None)
    return subprocess.run(
        [str(EXE), *args],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        timeout=120,
        check=False,
    )


def test_parse_json_gives_findings_spans_and_context() -> None:
    proc = run("parse", "--text", "-", "--json", stdin=TEXT)  # "-": the text from stdin
    assert proc.returncode == 0, proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    evidence = {e["id"]: e["state"] for e in data["evidence"]}
    assert evidence["twitch_legs"] == "present"
    assert evidence["weakness"] == "absent"
    assert evidence["duration_months"] == "present"
    assert data["age"] == 29
    for m in data["mentions"]:
        start, end = m["span"]
        assert TEXT[start:end] == m["phrase"]
        assert set(m["context"]) == {"negated", "uncertain", "historical", "family", "hypothetical"}
    weakness = next(m for m in data["mentions"] if m["id"] == "weakness")
    assert weakness["context"]["negated"] and weakness["quote"] == "strength seems fine"


def test_assess_with_text_shows_what_was_understood() -> None:
    proc = run("assess", "--text", TEXT)
    assert proc.returncode == 0, proc.stderr
    assert "you wrote 'strength seems fine'" in proc.stdout
    assert "How urgent is this?" in proc.stdout
    assert "thighs" not in proc.stderr  # the person's words go to the output only


def test_explicit_flags_win_over_text_and_the_rest_combines() -> None:
    proc = run(
        "assess", "--text", TEXT, "--present", "weakness", "--age", "58", "--sex", "male", "--json"
    )
    assert proc.returncode == 0, proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    evidence = {(e["id"], e["state"], e["from"]) for e in data["evidence"]}
    assert ("weakness", "present", "structured") in evidence
    assert ("twitch_legs", "present", "text") in evidence
    assert not any(e[0] == "weakness" and e[2] == "text" for e in evidence)
    assert data["patient"]["age"] == 58  # --age wins over "I'm 29"
    understood = {e["id"]: e["used"] for e in data["understood"]["evidence"]}
    assert understood == {"duration_months": True, "twitch_legs": True, "weakness": False}
    assert data["triage"]["level"] in {"urgent", "emergency"}


@pytest.mark.parametrize(
    "text",
    ["", "😬😬🙏", "tengo espasmos en la pierna desde hace meses", "x" * 10_001],
)
def test_unreadable_text_exits_2_with_one_line_and_no_echo(text: str) -> None:
    proc = run("assess", "--text", text)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("twitchcheck: error: ")
    assert "Traceback" not in proc.stderr
    if len(text) > 3:
        assert text[:10] not in proc.stderr


def test_assess_without_text_does_not_import_spacy() -> None:
    env = {**os.environ}
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "twitchcheck", "assess",
         "--present", "twitch_legs", "--json"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines()}
    assert "twitchcheck.assessment.assess" in imported  # the check sees real imports
    assert not {m for m in imported if m.split(".")[0] in ("spacy", "medspacy")}
