"""``twitchcheck.limits``: the shared checks raise the project's errors, never quote the input,
and never recurse (a structure deeper than Python's recursion limit is refused, not a crash)."""

from __future__ import annotations

import io
from typing import Any

import pytest

from twitchcheck.errors import (
    EncodingError,
    InputTooLargeError,
    InvalidValueError,
    NestingTooDeepError,
    TextEncodingError,
    TextError,
)
from twitchcheck.limits import (
    MAX_JSON_DEPTH,
    check_json,
    decode_utf8,
    first_lone_surrogate,
    load_json,
    read_capped,
)


def deep_list(depth: int) -> Any:
    value: Any = []
    for _ in range(depth - 1):
        value = [value]
    return value


def test_depth_at_the_limit_passes_and_one_more_is_refused() -> None:
    check_json(deep_list(MAX_JSON_DEPTH), "doc")
    with pytest.raises(NestingTooDeepError, match=f"doc is nested more than {MAX_JSON_DEPTH}"):
        check_json(deep_list(MAX_JSON_DEPTH + 1), "doc")


def test_far_deeper_than_recursion_allows_is_refused_without_recursing() -> None:
    with pytest.raises(NestingTooDeepError):
        check_json(deep_list(200_000), "doc")
    with pytest.raises(NestingTooDeepError):
        load_json("[" * 200_000 + "]" * 200_000, "doc")


def test_lone_surrogates_are_found_by_path_and_never_quoted() -> None:
    secret = "my private words"
    with pytest.raises(EncodingError) as info:
        check_json({"a": [1, {"b": secret + "\ud800"}]}, "doc")
    assert str(info.value) == "doc: the string at $.a[1].b is not valid Unicode (a lone surrogate)"
    with pytest.raises(EncodingError, match=r"a key in \$\[…\] is"):
        check_json({secret: {"\udcff": 1}}, "doc")
    assert first_lone_surrogate("emoji 🙂 are fine") is None
    assert first_lone_surrogate("ab\udc80") == 2


def test_text_encoding_errors_are_both_text_and_encoding_errors() -> None:
    assert issubclass(TextEncodingError, TextError) and issubclass(TextEncodingError, EncodingError)


def test_load_json_names_position_not_content() -> None:
    with pytest.raises(InvalidValueError, match=r"doc is not valid JSON \(line 2, column 1\)"):
        load_json('{"a": 1,\n}', "doc")
    with pytest.raises(EncodingError, match=r"doc is not valid UTF-8 \(byte 3\)"):
        load_json(b'"a\xff"', "doc")
    assert load_json(b'\xef\xbb\xbf{"a": 1}', "doc") == {"a": 1}  # a byte-order mark is fine


def test_read_capped_stops_one_byte_past_the_limit() -> None:
    assert read_capped(io.BytesIO(b"x" * 10), "in", 10) == b"x" * 10
    with pytest.raises(InputTooLargeError, match="in is larger than the limit of 10 bytes"):
        read_capped(io.BytesIO(b"x" * 11), "in", 10)
    assert decode_utf8(b"caf\xc3\xa9", "in") == "café"


def test_the_text_guard_enforces_the_one_text_limit_and_unicode() -> None:
    from twitchcheck.errors import TextTooLongError
    from twitchcheck.limits import MAX_TEXT_CHARS
    from twitchcheck.text.guard import MAX_CHARS, check_raw

    assert MAX_CHARS == MAX_TEXT_CHARS == 5_000
    words = "my calves twitch "
    longest = (words * (MAX_TEXT_CHARS // len(words) + 1))[:MAX_TEXT_CHARS]
    assert check_raw(longest) is longest
    with pytest.raises(TextTooLongError, match="5,001 characters long; the limit is 5,000"):
        check_raw(longest + "x")
    # Undecodable bytes of a command-line argument arrive as U+DC80..U+DCFF (surrogateescape).
    argv = b"my calves \xff twitch".decode("utf-8", "surrogateescape")
    with pytest.raises(TextEncodingError, match="not valid Unicode at character 11") as info:
        check_raw(argv)
    assert "calves" not in str(info.value)


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ('{"a": "x\\ud800"}', EncodingError),
        ('{"a": "x\\uDC00"}', EncodingError),
        ("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1), NestingTooDeepError),
        ('{"a": "\\ud83d\\ude42 fine", "b": "한국어"}', None),  # slow path, and fine
        ('{"a": ["[[[[ brackets in a string ]]]]"]}', None),
    ],
)
def test_the_fast_path_never_skips_a_problem(source: str, error: type[Exception] | None) -> None:
    import json

    data = json.loads(source)
    for given in (source, source.encode("utf-8", "surrogatepass"), None):
        if error is None:
            check_json(data, "doc", given)
        else:
            with pytest.raises(error):
                check_json(data, "doc", given)
    # A surrogate encoded as UTF-8-style bytes decodes (json.loads uses "surrogatepass").
    raw = b'{"a": "x\xed\xa0\x80"}'
    with pytest.raises(EncodingError):
        check_json(json.loads(raw), "doc", raw)
