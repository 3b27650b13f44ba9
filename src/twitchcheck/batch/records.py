"""One input line of ``twitchcheck batch``: a record in the ``interview --answers`` shape.

    {"age": 34, "sex": "female", "present": ["weakness"], "absent": ["HP:0002015"],
     "unknown": [], "text": "what the person wrote"}

Every key is optional; ``present`` / ``absent`` / ``unknown`` take finding ids, any code a finding
carries, or any HPO term (read through the ontology by :mod:`twitchcheck.interop.terms`; the
result line then says how, in ``hpo_terms``). Any other key, a wrong type or a value out of
range is an :class:`InputError` whose message names the field — never its value, which may be
health information. So is a line over ``limits.MAX_LINE_BYTES``, text over
``limits.MAX_TEXT_CHARS``, JSON nested more than ``limits.MAX_JSON_DEPTH`` levels, and a line
that is not UTF-8 or holds a lone surrogate.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from twitchcheck.engine.evidence import Evidence, Patient, State
from twitchcheck.errors import (
    InputError,
    InputTooLargeError,
    InvalidValueError,
    NestingTooDeepError,
    TextTooLongError,
)
from twitchcheck.jsonout import dumps
from twitchcheck.limits import (
    MAX_JSON_DEPTH,
    MAX_LINE_BYTES,
    MAX_TEXT_CHARS,
    check_json,
    decode_utf8,
)

FIELDS = ("age", "sex", "present", "absent", "unknown", "text")
_LISTS: tuple[tuple[str, State], ...] = (
    ("present", "present"),
    ("absent", "absent"),
    ("unknown", "unknown"),
)


@dataclass(frozen=True, slots=True)
class Record:
    """A parsed input line.

    Attributes:
        patient: age and sex.
        evidence: the structured findings as given (ids or codes, not yet normalised).
        text: free text, or ``None``.
    """

    patient: Patient
    evidence: tuple[Evidence, ...]
    text: str | None


def parse_record(line: str | bytes) -> Record:
    """Parse one JSON line (``str``, or ``bytes`` in UTF-8; a trailing newline is ignored).

    Raises:
        InputError: longer than ``MAX_LINE_BYTES``, not UTF-8, not JSON, nested more than
            ``MAX_JSON_DEPTH`` levels, a string that is not valid Unicode, not an object, an
            unknown key, a wrong type or an invalid value.
    """
    if _size(line) > MAX_LINE_BYTES:
        raise InputTooLargeError("the line", MAX_LINE_BYTES)
    if isinstance(line, bytes):
        line = decode_utf8(line, "the line")
    line = line.removeprefix("\ufeff")  # a byte-order mark at the start of a file
    if not line.strip():
        raise InvalidValueError("empty line (expected one JSON object)")
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:  # the message names a position, not the content
        raise InvalidValueError(f"not valid JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise NestingTooDeepError("the record", MAX_JSON_DEPTH) from None
    check_json(data, "the record", line)  # too deep, or a lone surrogate ("\\ud800") in a string
    if not isinstance(data, dict):
        raise InvalidValueError("a record must be a JSON object")
    return record_from(data)


def _size(line: str | bytes) -> int:
    """The line's length in UTF-8 bytes, its line break not counted (measured only near the
    limit: a character is at most 4 bytes)."""
    if len(line) * (1 if isinstance(line, bytes) else 4) <= MAX_LINE_BYTES:
        return len(line)
    if isinstance(line, bytes):
        return len(line.rstrip(b"\r\n"))
    return len(line.rstrip("\r\n").encode("utf-8", "surrogatepass"))


def read_lines(stream: BinaryIO, limit: int = MAX_LINE_BYTES) -> Iterator[bytes]:
    """The lines of ``stream`` in constant memory. A line longer than ``limit`` bytes (its line
    break not counted) comes out cut to ``limit + 1`` bytes, so :func:`parse_record` refuses it,
    and the rest of it is read past, never held."""
    most = limit + 2  # room for the line and its "\r\n"
    while line := stream.readline(most):
        if len(line) == most and not line.endswith(b"\n"):
            while (rest := stream.readline(most)) and not rest.endswith(b"\n"):
                pass
            line = line[: limit + 1]
        yield line


def record_from(data: dict[str, Any]) -> Record:
    """Check a decoded record (see the module docstring)."""
    for key in data:
        if key not in FIELDS:
            raise InvalidValueError(
                f"unknown field {key[:40]!r} (expected {', '.join(FIELDS)})"
                if isinstance(key, str)
                else "field names must be strings"
            )
    age = data.get("age")
    if age is not None and (isinstance(age, bool) or not isinstance(age, int | float)):
        raise InvalidValueError("age must be a number of years or null")
    sex = data.get("sex")
    if sex is not None and sex not in ("female", "male"):
        raise InvalidValueError("sex must be 'female', 'male' or null")
    patient = Patient(age=age, sex=sex)
    evidence: list[Evidence] = []
    for key, state in _LISTS:
        refs = data.get(key)
        if refs is None:
            continue
        if not isinstance(refs, list) or not all(isinstance(r, str) and r for r in refs):
            raise InvalidValueError(f"{key} must be a list of finding ids or codes")
        evidence.extend(Evidence(r, state) for r in refs)
    text = data.get("text")
    if text is not None and not isinstance(text, str):
        raise InvalidValueError("text must be a string or null")
    if text is not None and len(text) > MAX_TEXT_CHARS:  # whichever text reader is installed
        raise TextTooLongError(len(text), MAX_TEXT_CHARS)
    return Record(patient, tuple(evidence), text if text else None)


def error_line(line_number: int, error: InputError | str) -> bytes:
    """The output line for a record that could not be assessed (compact JSON in UTF-8)."""
    message = error if isinstance(error, str) else str(error)
    return dumps({"line": line_number, "error": message})
