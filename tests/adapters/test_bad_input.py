"""Bad input on the command line never ends in an internal error (exit 70) or a MemoryError: text
that is not UTF-8 or over the limit, JSON files nested too deeply, unbounded files, an empty
Phenopacket — each is one line on standard error and exit code 2, and never quotes the text."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.interop.helpers import FHIR_GOLDEN, PHENOPACKET_GOLDEN
from twitchcheck.limits import MAX_FILE_BYTES, MAX_JSON_DEPTH, MAX_TEXT_CHARS

EXE = Path(sys.executable).with_name("twitchcheck")
DEEP = 1_000  # deeper than Python's recursion limit lets json.loads go
MEMORY_CAP = 2 << 30  # a regression that reads /dev/zero whole fails fast instead of eating RAM
FAST_SECONDS = 30  # start-up (knowledge base) included


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run(*args: str | bytes, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """The real program; ``args`` may be bytes (undecodable argv reaches Python as surrogates)."""
    env = {**os.environ, "COLUMNS": "120"}
    env.pop("TWITCHCHECK_DEBUG", None)
    proc = subprocess.run(
        [os.fsencode(EXE), *(a if isinstance(a, bytes) else a.encode() for a in args)],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
        preexec_fn=_cap_memory,
    )
    return subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def refused(proc: subprocess.CompletedProcess[str], *fragments: str) -> str:
    """Exit 2, one ``twitchcheck: error:`` line holding every fragment; returns that line."""
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("twitchcheck: error: "), proc.stderr
    assert "internal error" not in lines[0]
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


def nested(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


# -- free text -----------------------------------------------------------------------------------

BAD_UTF8 = b"my calves twitch \xff\xfe since the summer"


@pytest.mark.parametrize("command", ["assess", "parse"])
def test_text_argument_with_invalid_utf8_is_exit_2(command: str) -> None:
    line = refused(run(command, "--text", BAD_UTF8), "not valid Unicode", "character 18")
    assert "calves" not in line and "summer" not in line


@pytest.mark.parametrize("command", ["assess", "parse"])
def test_text_on_stdin_with_invalid_utf8_is_exit_2(command: str) -> None:
    refused(run(command, "--text", "-", stdin=BAD_UTF8), "standard input is not valid UTF-8")


def test_text_over_the_limit_is_exit_2_and_the_limit_itself_is_read() -> None:
    words = "my calves twitch "
    longest = (words * (MAX_TEXT_CHARS // len(words) + 1))[:MAX_TEXT_CHARS]
    line = refused(run("assess", "--text", longest + "x"), f"limit is {MAX_TEXT_CHARS:,}")
    assert f"{MAX_TEXT_CHARS + 1:,} characters" in line and "calves" not in line
    refused(run("parse", "--text", "-", stdin=(longest + "x").encode()), "limit is 5,000")
    ok = run("parse", "--text", longest, "--json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["evidence"]


def test_unbounded_stdin_stops_at_the_file_limit() -> None:
    started = time.monotonic()
    with open("/dev/zero", "rb") as zero:
        proc = subprocess.run(
            [str(EXE), "parse", "--text", "-"],
            stdin=zero,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            preexec_fn=_cap_memory,
        )
    assert time.monotonic() - started < FAST_SECONDS
    refused(proc, "standard input is larger than the limit", f"{MAX_FILE_BYTES:,} bytes")


# -- JSON files ----------------------------------------------------------------------------------

FILE_OPTIONS = [
    ("assess", "--phenopacket", "phenopacket file"),
    ("assess", "--fhir-response", "QuestionnaireResponse file"),
    ("interview", "--answers", "answers file"),
]


@pytest.mark.parametrize(("command", "option", "what"), FILE_OPTIONS)
def test_deeply_nested_json_file_is_exit_2(
    tmp_path: Path, command: str, option: str, what: str
) -> None:
    for depth in (MAX_JSON_DEPTH + 1, DEEP):
        deep = tmp_path / f"deep{depth}.json"
        deep.write_text(nested(depth))
        refused(run(command, option, str(deep)), what, f"nested more than {MAX_JSON_DEPTH} levels")


@pytest.mark.parametrize(("command", "option", "what"), FILE_OPTIONS)
def test_dev_zero_as_a_file_is_exit_2_fast(command: str, option: str, what: str) -> None:
    started = time.monotonic()
    proc = run(command, option, "/dev/zero")
    assert time.monotonic() - started < FAST_SECONDS
    refused(proc, f"{what} /dev/zero is larger than the limit of {MAX_FILE_BYTES:,} bytes")


@pytest.mark.parametrize(("command", "option", "what"), FILE_OPTIONS)
def test_json_file_that_is_not_unicode_is_exit_2(
    tmp_path: Path, command: str, option: str, what: str
) -> None:
    bad_bytes = tmp_path / "latin1.json"
    bad_bytes.write_bytes(b'{"id": "caf\xe9"}')
    refused(run(command, option, str(bad_bytes)), what, "not valid UTF-8 (byte 12)")
    surrogate = tmp_path / "surrogate.json"
    surrogate.write_text('{"id": "x\\ud800"}')
    refused(run(command, option, str(surrogate)), what, "$.id is not valid Unicode")


def test_good_files_still_read() -> None:
    for option, path in (
        ("--phenopacket", PHENOPACKET_GOLDEN / "als_bulbar_onset.json"),
        ("--fhir-response", FHIR_GOLDEN / "qr_weakness_screen.json"),
    ):
        proc = run("assess", option, str(path), "--json")
        assert proc.returncode == 0, proc.stderr


# -- a Phenopacket that says nothing about symptoms ---------------------------------------------


@pytest.mark.parametrize(
    "packet",
    [
        {},
        {"id": "x", "subject": {"id": "s", "sex": "FEMALE"}, "phenotypicFeatures": []},
        {"id": "x", "phenotypicFeatures": [{"type": {"id": "MONDO:0004976", "label": "ALS"}}]},
    ],
)
def test_a_phenopacket_without_readable_features_is_refused(
    tmp_path: Path, packet: dict[str, object]
) -> None:
    path = tmp_path / "packet.json"
    path.write_text(json.dumps(packet))
    proc = run("assess", "--phenopacket", str(path), "--json")
    line = refused(proc, "phenopacket $.phenotypicFeatures:")
    assert proc.stdout == "" and "harmless" not in line


def test_a_kind_of_weakness_beside_weakness_absent_is_refused_by_name() -> None:
    proc = run("assess", "--age", "50", "--present", "foot_drop", "--absent", "weakness")
    refused(proc, "'foot_drop'", "kind of 'weakness'", "given as absent")
