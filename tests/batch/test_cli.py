"""``twitchcheck batch`` as a program: files and standard input, exit codes, no bar off a tty."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import KB_DIR
from twitchcheck import Evidence, Patient, assess, load_knowledge
from twitchcheck.jsonout import dumps

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


def expected(detail: str = "summary") -> str:
    """The result of GOOD, with the knowledge base as it is now on disk (as the program saw it),
    in the shape ``detail`` names (the summary by default; full: the ``assess --json`` object)."""
    kb = load_knowledge(KB_DIR)
    result = assess(
        kb, Patient(age=29, sex="female"), [Evidence(f, "present") for f in GOOD["present"]]
    )
    if detail == "full":
        return json.dumps(result.to_dict(), ensure_ascii=False, separators=(",", ":"))
    return dumps(result.to_summary()).decode()


def test_detail_full_gives_the_whole_assess_json_and_summary_is_the_default(
    tmp_path: Path,
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(GOOD) + "\n")
    full = run(str(src), "--detail", "full")
    assert full.returncode == 0, full.stderr
    assert full.stdout.splitlines() == [expected("full")]
    summary = run(str(src), "--detail", "summary")
    assert summary.stdout == run(str(src)).stdout == expected() + "\n"
    line = json.loads(summary.stdout)
    assert line["detail"] == "summary" and "for" not in line["conditions"][0]
    assert line["triage"] == json.loads(full.stdout)["triage"]


def test_a_bad_detail_exits_2_naming_the_option(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(GOOD) + "\n")
    proc = run(str(src), "--detail", "everything")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "--detail" in proc.stderr and "Traceback" not in proc.stderr


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


def test_bad_lines_among_good_ones_lose_only_themselves(tmp_path: Path) -> None:
    """One chunk holds every kind of unreadable line; each gets its own error line and every
    other line, text records included, still comes out in order (exit 1, never 70)."""
    from twitchcheck.limits import MAX_JSON_DEPTH, MAX_LINE_BYTES, MAX_TEXT_CHARS

    good = json.dumps(GOOD).encode()
    with_text = json.dumps({"age": 40, "text": "my calves twitch, my legs are strong"}).encode()
    bad = {
        2: b'{"text": "my calves twitch \xff\xfe a lot"}',  # bytes that are not UTF-8
        4: json.dumps({"text": "my calves twitch \ud800 a lot"}).encode(),  # a lone surrogate
        6: json.dumps({"text": "my calves twitch " * (MAX_TEXT_CHARS // 17 + 1)}).encode(),
        8: b'{"present": ' + b"[" * 1_000 + b"]" * 1_000 + b"}",
        10: b'{"text": "' + b"a" * (MAX_LINE_BYTES + 10) + b'"}',
        12: b'{"absent": ["\\udcff"]}',
    }
    lines = [bad.get(n, with_text if n % 3 == 0 else good) for n in range(1, 14)]
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    proc = run(str(src))
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout.splitlines()
    assert len(out) == len(lines)
    messages = {
        2: "the line is not valid UTF-8 (byte 28)",
        4: "the record: the string at $.text is not valid Unicode",
        6: f"the limit is {MAX_TEXT_CHARS:,}",
        8: f"the record is nested more than {MAX_JSON_DEPTH} levels deep",
        10: f"the line is larger than the limit of {MAX_LINE_BYTES:,} bytes",
        12: "the record: the string at $.absent[0] is not valid Unicode",
    }
    for n, line in enumerate(out, start=1):
        data = json.loads(line)
        if n in bad:
            assert data["line"] == n and messages[n] in data["error"], (n, data)
            assert "calves" not in data["error"]
        elif n % 3 == 0:
            assert {"id": "twitch_legs", "state": "present", "from": "text"} in data["evidence"]
        else:
            assert line == expected()
    assert f"{len(bad)} of {len(lines)} lines could not be assessed" in proc.stderr


def test_an_endless_line_is_read_in_bounded_memory(tmp_path: Path) -> None:
    """A line far over the limit is cut, refused, and read past; the lines after it come out."""
    src = tmp_path / "in.jsonl"
    with src.open("wb") as f:
        f.write(json.dumps(GOOD).encode() + b"\n")
        f.write(b"[" * (64 << 20) + b"\n")  # 64 MiB without a line break
        f.write(json.dumps(GOOD).encode() + b"\n")
    proc = run(str(src))
    assert proc.returncode == 1
    out = proc.stdout.splitlines()
    assert out[0] == out[2] == expected()
    assert "larger than the limit" in json.loads(out[1])["error"]
