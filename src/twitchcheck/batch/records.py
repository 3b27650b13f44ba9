"""One input line of ``twitchcheck batch``: a record in the ``interview --answers`` shape.

    {"age": 34, "sex": "female", "present": ["weakness"], "absent": ["HP:0002015"],
     "unknown": [], "text": "what the person wrote"}

Every key is optional; ``present`` / ``absent`` / ``unknown`` take finding ids or any code a finding
carries. Any other key, a wrong type or a value out of range is an :class:`InputError` whose
message names the field — never its value, which may be health information.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from twitchcheck.engine.evidence import Evidence, Patient, State
from twitchcheck.errors import InputError, InvalidValueError

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
        InputError: not UTF-8, not JSON, not an object, an unknown key, a wrong type or an
            invalid value.
    """
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidValueError("not valid UTF-8") from None
    line = line.removeprefix("\ufeff")  # a byte-order mark at the start of a file
    if not line.strip():
        raise InvalidValueError("empty line (expected one JSON object)")
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:  # the message names a position, not the content
        raise InvalidValueError(f"not valid JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise InvalidValueError("not valid JSON: nested too deeply") from None
    if not isinstance(data, dict):
        raise InvalidValueError("a record must be a JSON object")
    return record_from(data)


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
    return Record(patient, tuple(evidence), text if text else None)


def error_line(line_number: int, error: InputError | str) -> str:
    """The output line for a record that could not be assessed."""
    message = error if isinstance(error, str) else str(error)
    return json.dumps(
        {"line": line_number, "error": message}, ensure_ascii=False, separators=(",", ":")
    )
