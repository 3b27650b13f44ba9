"""Limits on raw input, one constant each, and the checks every adapter shares.

    MAX_TEXT_CHARS  free text: ``assess --text``, ``parse``, the interview's opening words, a batch
                    record's ``text``; ``text`` in /v1/assess, /v1/explain, /v1/parse and
                    /v1/interviews (413 there)
    MAX_FILE_BYTES  a file or standard input read whole: ``--phenopacket``, ``--fhir-response``,
                    ``--answers``, ``--text -``
    MAX_LINE_BYTES  one line (one record) of ``twitchcheck batch``
    MAX_JSON_DEPTH  nested arrays and objects in any JSON document: files, batch lines, API bodies
    MAX_ANSWER_NUMBER  the largest answer number an interview request may name (``number``)

README.md ("Limits") and docs/api.md document them. The checks raise the project's exceptions
with messages that name the input and the limit, never its content; ``cli`` and ``api`` map them.
"""

from __future__ import annotations

import json
import re
from typing import Any, BinaryIO

from twitchcheck.errors import (
    EncodingError,
    InputTooLargeError,
    InvalidValueError,
    NestingTooDeepError,
)

__all__ = [
    "MAX_ANSWER_NUMBER",
    "MAX_FILE_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_LINE_BYTES",
    "MAX_TEXT_CHARS",
    "check_json",
    "decode_utf8",
    "first_lone_surrogate",
    "load_json",
    "read_capped",
]

MAX_TEXT_CHARS = 5_000  # a long message is a few hundred words; bounds the parser's work
MAX_FILE_BYTES = 1_048_576  # 1 MiB: a Phenopacket or QuestionnaireResponse is a few KiB
MAX_LINE_BYTES = 65_536  # 64 KiB, as an API body by default: room for the longest text, escaped
MAX_JSON_DEPTH = 64  # FHIR and Phenopackets nest about a dozen; recursive readers fail near 1,000
MAX_ANSWER_NUMBER = 1_000  # an interview asks a few dozen questions at most; bounds `number`

# In a Python string, any code point in this range is a lone surrogate: UTF-8 cannot encode it.
# Undecodable bytes of a command-line argument arrive as U+DC80..U+DCFF (surrogateescape).
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_capped(stream: BinaryIO, what: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """All of ``stream``, refused once it passes ``limit`` bytes (``/dev/zero`` fails fast).

    Raises:
        InputTooLargeError: more than ``limit`` bytes; ``what`` names the input in the message.
    """
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputTooLargeError(what, limit)
    return data


def decode_utf8(raw: bytes, what: str) -> str:
    """``raw`` as UTF-8 text (a leading byte-order mark dropped).

    Raises:
        EncodingError: bytes that are not UTF-8; the message gives the position, not the bytes.
    """
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")  # the "utf-8-sig" codec is slower
    except UnicodeDecodeError as exc:
        raise EncodingError(f"{what} is not valid UTF-8 (byte {exc.start + 1:,})") from None


def first_lone_surrogate(text: str) -> int | None:
    """The index of the first lone surrogate in ``text`` (not valid Unicode), or ``None``."""
    if text.isascii():  # the common case, without the regex's overhead
        return None
    found = _SURROGATE.search(text)
    return None if found is None else found.start()


def load_json(raw: bytes | str, what: str) -> Any:
    """Parse a JSON document and check it with :func:`check_json`.

    Raises:
        EncodingError: not UTF-8, or a string holds a lone surrogate.
        InvalidValueError: not JSON; the message gives the line and column.
        NestingTooDeepError: nested more than :data:`MAX_JSON_DEPTH` levels.
    """
    text = decode_utf8(raw, what) if isinstance(raw, bytes) else raw
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:  # the message names a position, not the content
        raise InvalidValueError(
            f"{what} is not valid JSON (line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:  # far deeper than the limit: the decoder gave up first
        raise NestingTooDeepError(what, MAX_JSON_DEPTH) from None
    check_json(data, what, text)
    return data


def check_json(data: Any, what: str, source: str | bytes | None = None) -> None:
    """Refuse decoded JSON nested more than :data:`MAX_JSON_DEPTH` levels, or with a key or string
    value that holds a lone surrogate (``"\\ud800"`` decodes to one). Iterative: no recursion.

    ``source``, the JSON text ``data`` was decoded from, lets the walk be skipped when that text
    cannot hold either problem (few brackets, no surrogate escape): the common case, at the cost
    of a few scans in C.

    Raises:
        NestingTooDeepError: too deep.
        EncodingError: a lone surrogate; the message gives its JSON path (``$.text``), the keys
            on the way shortened, never the string itself.
    """
    if source is not None and plainly_fine(source):
        return
    stack: list[tuple[Any, int, tuple[str | int, ...]]] = [(data, 0, ())]
    while stack:
        value, depth, path = stack.pop()
        if isinstance(value, str):
            if first_lone_surrogate(value) is not None:
                raise EncodingError(
                    f"{what}: the string at {_path(path)} is not valid Unicode (a lone surrogate)"
                )
        elif isinstance(value, dict | list):
            if depth >= MAX_JSON_DEPTH:
                raise NestingTooDeepError(what, MAX_JSON_DEPTH)
            if isinstance(value, list):
                stack.extend((item, depth + 1, (*path, i)) for i, item in enumerate(value))
                continue
            for key, item in value.items():
                if isinstance(key, str) and first_lone_surrogate(key) is not None:
                    raise EncodingError(
                        f"{what}: a key in {_path(path)} is not valid Unicode (a lone surrogate)"
                    )
                stack.append((item, depth + 1, (*path, key)))


def plainly_fine(source: str | bytes) -> bool:
    """True when JSON text cannot decode to anything :func:`check_json` refuses: no more brackets
    than the depth limit, no ``\\uD8xx``-``\\uDFxx`` escape, no surrogate in the text itself
    (as a ``str``) nor a UTF-8-style encoded one (``ED A0``-``ED BF`` as ``bytes``; the 0xED lead
    byte alone is enough to take the slow path)."""
    if isinstance(source, bytes):
        brackets = source.count(b"[") + source.count(b"{")
        escapes = b"\\ud" in source or b"\\uD" in source or b"\xed" in source
    else:
        brackets = source.count("[") + source.count("{")
        escapes = "\\ud" in source or "\\uD" in source or first_lone_surrogate(source) is not None
    return brackets <= MAX_JSON_DEPTH and not escapes


def _path(parts: tuple[str | int, ...]) -> str:
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,39}", part):
            out += f".{part}"
        else:
            out += "[…]"  # a key that is not a plain name may be anything: not shown
    return out
