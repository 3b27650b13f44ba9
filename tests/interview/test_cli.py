"""``twitchcheck interview --answers FILE --json``: the product contract, and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from twitchcheck import KnowledgeBase

EXE = Path(sys.executable).with_name("twitchcheck")
EXAMPLE = Path(__file__).with_name("example_answers.json")


def run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TWITCHCHECK_")}
    env.update({"TWITCHCHECK_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "120"})
    return subprocess.run(
        [str(EXE), "interview", *args], capture_output=True, text=True, env=env, timeout=120,
        check=False,
    )  # fmt: skip


def test_answers_file_json_has_the_assess_shape_and_the_questions(
    tmp_path: Path, kb: KnowledgeBase
) -> None:
    proc = run("--answers", str(EXAMPLE), "--json", tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    # the assess contract
    assert data["triage"]["level"] in ("emergency", "urgent", "routine", "self_care")
    assert {c["id"] for c in data["conditions"]} == set(kb.conditions)
    assert data["knowledge_version"] == kb.version and "not a diagnosis" in data["disclaimer"]
    # the interview's own fields
    assert data["questions_asked"] == len(data["questions"]) > 0
    assert [q["n"] for q in data["questions"]] == list(range(1, data["questions_asked"] + 1))
    for q in data["questions"]:
        assert q["text"] and q["answer"]
    by_id = {q["id"]: q["answer"] for q in data["questions"]}
    assert by_id.get("weakness_screen") in ("no", None)  # listed absent: no (or known from text)
    states = {e["id"]: e["state"] for e in data["evidence"]}
    assert states["weakness"] == "absent" and states["cramps"] == "present"  # HP:0003394 = cramps
    assert data["interview"]["stop_reason"]
    assert not (tmp_path / "data").exists()  # answering from a file stores nothing


def test_answers_file_without_json_prints_questions_and_the_result(tmp_path: Path) -> None:
    proc = run("--answers", str(EXAMPLE), tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert " 1. " in proc.stdout and "questions asked" in proc.stdout
    assert "How urgent is this?" in proc.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON"),
        ("[1, 2]", "one JSON object"),
        ('{"age": 30, "colour": "red"}', "unknown key 'colour'"),
        ('{"age": "old"}', "'age' must be a number"),
        ('{"age": 300}', "age must be between 0 and 120"),
        ('{"sex": "other"}', "'sex' must be 'female' or 'male'"),
        ('{"present": "weakness"}', "must be a list"),
        ('{"present": ["no_such_finding"]}', "unknown finding: 'no_such_finding'"),
        ('{"present": ["weakness"], "absent": ["weakness"]}', "both present and absent"),
    ],
)
def test_bad_answers_files_give_one_line_and_exit_2(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "answers.json"
    path.write_text(content)
    proc = run("--answers", str(path), "--json", tmp_path=tmp_path)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_option_misuse_and_missing_files(tmp_path: Path) -> None:
    for args, message in (
        (("--answers", str(tmp_path / "none.json")), "cannot read answers file"),
        (("--json",), "--json needs --answers"),
        (("--answers", str(EXAMPLE), "--resume", "0" * 20), "either --answers or --resume"),
        (("--resume", "0" * 20), "no interview with id"),
    ):
        proc = run(*args, tmp_path=tmp_path)
        assert proc.returncode == 2, proc.stderr
        assert message in proc.stderr


def test_a_corrupt_store_is_one_clear_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "twitchcheck.db").write_bytes(b"garbage, not SQLite" * 200)
    proc = run("--resume", "0" * 20, tmp_path=tmp_path)
    assert proc.returncode == 2
    assert "cannot open or migrate the interview store" in proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
