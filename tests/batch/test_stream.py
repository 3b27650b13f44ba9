"""A whole run: one output line per input line, errors in place, text, constant memory."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

from tests.unit.conftest_kb import KB
from twitchcheck import Evidence, KnowledgeBase, Patient, assess
from twitchcheck.batch.stream import BatchRun, Summary
from twitchcheck.errors import EmptyTextError, InvalidValueError

GOOD = '{"age": 58, "sex": "male", "present": ["weakness", "hand_wasting"], "absent": ["pain"]}'


def run(lines: Sequence[str | bytes], **kwargs: Any) -> tuple[list[str], Summary]:
    """The output lines (decoded) of a run; the full shape unless ``detail`` says otherwise."""
    out: list[bytes] = []
    summary = BatchRun(KB, **{"detail": "full", **kwargs}).run(lines, out.append)
    return [line.decode() for line in out], summary


def test_the_summary_is_the_default_shape_and_the_same_as_to_summary() -> None:
    out: list[bytes] = []
    BatchRun(KB).run([GOOD], out.append)
    patient = Patient(age=58, sex="male")
    evidence = [
        Evidence("weakness", "present"),
        Evidence("hand_wasting", "present"),
        Evidence("pain", "absent"),
    ]
    assert json.loads(out[0]) == json.loads(json.dumps(assess(KB, patient, evidence).to_summary()))


def test_an_unknown_detail_is_refused() -> None:
    with pytest.raises(InvalidValueError):
        BatchRun(KB, detail="everything")  # type: ignore[arg-type]


def compact(patient: Patient, evidence: list[Evidence]) -> str:
    return json.dumps(
        assess(KB, patient, evidence).to_dict(), ensure_ascii=False, separators=(",", ":")
    )


def test_each_line_gives_one_line_in_order_and_errors_name_their_line() -> None:
    lines = [GOOD, "nonsense", '{"present": ["no_such_finding"]}', GOOD.encode(), ""]
    out, summary = run(lines, chunk_size=2)
    assert len(out) == len(lines)
    want = compact(
        Patient(age=58, sex="male"),
        [
            Evidence("weakness", "present"),
            Evidence("hand_wasting", "present"),
            Evidence("pain", "absent"),
        ],
    )
    assert out[0] == out[3] == want
    assert json.loads(out[1]) == {"line": 2, "error": "not valid JSON: Expecting value at column 1"}
    assert json.loads(out[2]) == {"line": 3, "error": "unknown finding: 'no_such_finding'"}
    assert json.loads(out[4])["line"] == 5
    assert summary == Summary(lines=5, assessed=2, failed=3)


def test_contradictions_are_error_lines() -> None:
    out, summary = run(['{"present": ["duration_days", "duration_months"]}'])
    assert "cannot both be present" in json.loads(out[0])["error"]
    assert summary.failed == 1


def test_the_input_is_read_one_chunk_at_a_time() -> None:
    """Constant memory: the run never reads more than one chunk ahead of what it wrote."""
    read = 0

    def lines() -> Iterator[str]:
        nonlocal read
        for _ in range(50):
            read += 1
            yield GOOD

    written = 0

    def write(_: bytes) -> None:
        nonlocal written
        written += 1
        assert read - written < 8

    summary = BatchRun(KB, chunk_size=8).run(lines(), write)
    assert summary.lines == written == 50


def test_progress_is_reported_after_each_chunk() -> None:
    seen: list[tuple[int, int]] = []
    BatchRun(KB, chunk_size=2).run(
        [GOOD] * 5, lambda _: None, lambda n, size: seen.append((n, size))
    )
    assert [n for n, _ in seen] == [2, 4, 5]
    assert seen[-1][1] == 5 * len(GOOD)


def test_text_without_the_text_package_is_an_error_line() -> None:
    out, summary = run([GOOD, '{"text": "my calf twitches"}'], texts=None)
    assert json.loads(out[1]) == {
        "line": 2,
        "error": "this record has text, but twitchcheck.text is not installed",
    }
    assert summary == Summary(lines=2, assessed=1, failed=1)


class _Parsed:
    def __init__(self, evidence: list[Evidence], age: float | None = None) -> None:
        self.evidence = evidence
        self.age = age
        self.sex = None


def _fake_reader(kb: KnowledgeBase, texts: Sequence[str]) -> list[Any]:
    out: list[Any] = []
    for text in texts:
        if text == "?":
            out.append(EmptyTextError("the text has no words"))
        else:
            out.append(_Parsed([Evidence("twitch_legs", "present", "text")], age=30))
    return out


def test_text_records_go_through_the_text_reader_and_explicit_values_win() -> None:
    lines = ['{"age": 61, "text": "calves"}', '{"text": "calves"}', '{"text": "?"}']
    out, summary = run(lines, texts=_fake_reader)
    first, second = json.loads(out[0]), json.loads(out[1])
    assert first["patient"]["age"] == 61
    assert second["patient"]["age"] == 30
    assert {"id": "twitch_legs", "state": "present", "from": "text"} in first["evidence"]
    assert json.loads(out[2]) == {"line": 3, "error": "the text has no words"}
    assert summary == Summary(lines=3, assessed=2, failed=1)


def test_an_empty_input_gives_no_output() -> None:
    assert run([]) == ([], Summary(lines=0, assessed=0, failed=0))


def test_chunk_size_must_be_positive() -> None:
    with pytest.raises(InvalidValueError, match="chunk_size"):
        BatchRun(KB, chunk_size=0)
