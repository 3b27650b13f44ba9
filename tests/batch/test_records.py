"""Input lines: the record shape, and a one-line message for each way a line can be wrong."""

from __future__ import annotations

import json

import pytest

from twitchcheck import Evidence, InputError
from twitchcheck.batch.records import error_line, parse_record


def test_a_full_record() -> None:
    rec = parse_record(
        '{"age": 34, "sex": "female", "present": ["weakness"], "absent": ["HP:0002015"],'
        ' "unknown": ["cramps"], "text": "twitchy calves"}\n'
    )
    assert (rec.patient.age, rec.patient.sex) == (34, "female")
    assert rec.evidence == (
        Evidence("weakness", "present"),
        Evidence("HP:0002015", "absent"),
        Evidence("cramps", "unknown"),
    )
    assert rec.text == "twitchy calves"


def test_every_key_is_optional_and_bytes_are_utf8() -> None:
    rec = parse_record(b"\xef\xbb\xbf{}\r\n")  # a byte-order mark and a CRLF line ending
    assert (rec.patient.age, rec.patient.sex, rec.evidence, rec.text) == (None, None, (), None)
    assert parse_record('{"age": null, "sex": null, "text": ""}').text is None


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("", "empty line"),
        ("   ", "empty line"),
        ("not json", "not valid JSON"),
        ('{"age": 3', "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
        ('{"age": 34, "weight": 80}', "unknown field 'weight'"),
        ('{"age": "34"}', "age must be a number"),
        ('{"age": true}', "age must be a number"),
        ('{"age": 121}', "age must be between"),
        ('{"age": -1}', "age must be between"),
        ('{"age": NaN}', "age must be between"),
        ('{"sex": "f"}', "sex must be"),
        ('{"present": "weakness"}', "present must be a list"),
        ('{"absent": [1]}', "absent must be a list"),
        ('{"unknown": [""]}', "unknown must be a list"),
        ('{"text": 5}', "text must be a string"),
        ("[" * 100_000, "the line is larger than the limit of 65,536 bytes"),
        ("[" * 60_000, "nested more than 64 levels deep"),  # deeper than json.loads can go
        ("[" * 65 + "]" * 65, "nested more than 64 levels deep"),
        ('{"text": "my legs twitch \\ud800"}', r"\$\.text is not valid Unicode"),
        ('{"present": ["\\udcff"]}', r"\$\.present\[0\] is not valid Unicode"),
        ('{"\\ud800": 1}', "a key in \\$ is not valid Unicode"),
    ],
)
def test_bad_lines_say_what_is_wrong(line: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_record(line)


def test_invalid_utf8_is_an_error_not_a_crash() -> None:
    with pytest.raises(InputError, match="UTF-8"):
        parse_record(b'{"text": "\xff"}')


def test_messages_never_echo_the_text() -> None:
    secret = "I have trouble swallowing"
    with pytest.raises(InputError) as info:
        parse_record(json.dumps({"text": secret, "mood": "low"}))
    assert secret not in str(info.value)


def test_error_line_is_compact_json() -> None:
    assert error_line(7, "empty line") == b'{"line":7,"error":"empty line"}'


def test_read_lines_cuts_a_long_line_and_reads_past_it() -> None:
    import io

    from twitchcheck.batch.records import read_lines

    limit = 8
    text = b"12345678\r\n" + b"x" * 50 + b"\n" + b"123456789\n" + b"last"
    got = list(read_lines(io.BytesIO(text), limit))
    assert got == [b"12345678\r\n", b"x" * (limit + 1), b"123456789\n", b"last"]
    assert len(got[1]) == limit + 1  # over the limit: parse_record refuses it


def test_a_line_at_the_limit_is_read_and_one_byte_more_is_refused() -> None:
    from twitchcheck.limits import MAX_LINE_BYTES

    head, tail = b'{"present": ["', b'"]}'
    fill = MAX_LINE_BYTES - len(head) - len(tail)
    at_limit = head + b"a" * fill + tail
    assert len(at_limit) == MAX_LINE_BYTES
    assert parse_record(at_limit + b"\n").evidence[0].id == "a" * fill
    with pytest.raises(InputError, match="larger than the limit of 65,536 bytes"):
        parse_record(head + b"a" * (fill + 1) + tail)


def test_text_over_the_limit_is_refused_whatever_reads_it() -> None:
    from twitchcheck.errors import TextTooLongError
    from twitchcheck.limits import MAX_TEXT_CHARS

    assert parse_record(json.dumps({"text": "a" * MAX_TEXT_CHARS})).text
    with pytest.raises(TextTooLongError, match="the limit is 5,000"):
        parse_record(json.dumps({"text": "a" * (MAX_TEXT_CHARS + 1)}))
