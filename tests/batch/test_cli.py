"""``twitchcheck batch`` as a program: files and standard input, exit codes, no bar off a tty."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import KB_DIR
from twitchcheck import Evidence, Patient, assess, load_knowledge

EXE = Path(sys.executable).with_name("twitchcheck")
GOOD = {"age": 29, "sex": "female", "present": ["twitch_eyelid", "duration_days"]}


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TWITCHCHECK_DEBUG"}
    return subprocess.run(
        [str(EXE), "batch", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def expected() -> str:
    """The result of GOOD, with the knowledge base as it is now on disk (as the program saw it)."""
    kb = load_knowledge(KB_DIR)
    result = assess(
        kb, Patient(age=29, sex="female"), [Evidence(f, "present") for f in GOOD["present"]]
    ).to_dict()
    return json.dumps(result, ensure_ascii=False, separators=(",", ":"))


def test_a_file_of_good_records_exits_0(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(GOOD) for _ in range(3)) + "\n")
    proc = run(str(src))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [expected()] * 3
    assert proc.stderr == ""  # no progress bar when standard error is not a terminal


def test_standard_input_and_a_bad_line_exit_1() -> None:
    proc = run("-", "--chunk-size", "2", stdin=f"{json.dumps(GOOD)}\n{{oops\n{json.dumps(GOOD)}\n")
    assert proc.returncode == 1
    out = proc.stdout.splitlines()
    assert out[0] == out[2] == expected()
    assert json.loads(out[1])["line"] == 2
    assert "1 of 3 lines could not be assessed" in proc.stderr


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    proc = run(str(tmp_path / "missing.jsonl"))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "cannot read" in proc.stderr


def test_a_terminal_gets_a_progress_bar_on_standard_error(tmp_path: Path) -> None:
    import pty

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(GOOD) + "\n")
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(
            [str(EXE), "batch", str(src)],
            stdout=subprocess.PIPE,
            stderr=follower,
            text=True,
            timeout=120,
            check=False,
        )
        os.close(follower)
        follower = -1
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed
                break
            if not chunk:
                break
            seen += chunk
    finally:
        if follower >= 0:
            os.close(follower)
        os.close(leader)
    assert proc.returncode == 0
    assert proc.stdout.splitlines() == [expected()]
    assert b"assessing" in seen
