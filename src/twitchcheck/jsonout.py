"""JSON out: the one serialiser of the results the API and ``twitchcheck batch`` write (orjson).

orjson writes compact UTF-8 bytes straight from dicts, lists, strings, numbers, booleans and
``None``, about ten times faster than the standard library: that matters where a result is written
per request or per record. It writes the same values as
``json.dumps(value, ensure_ascii=False, separators=(",", ":"))`` — compact, non-ASCII as UTF-8,
floats that read back exactly — though not always the same characters (``0.000062`` where the
standard library writes ``6.2e-05``); ``tests/batch/test_summary.py`` holds the two to that.
Results never hold NaN or an infinity (which orjson would write as ``null``).
"""

from __future__ import annotations

from typing import Any

import orjson

__all__ = ["dumps", "with_key"]


def dumps(value: Any) -> bytes:
    """``value`` as compact JSON in UTF-8.

    Raises:
        TypeError: a value JSON cannot hold (another type of object, an integer over 64 bits);
            the message names the type, never the value.
    """
    return orjson.dumps(value)


def with_key(body: bytes, key: str, value: Any) -> bytes:
    """``body`` (a JSON object written by :func:`dumps` or the batch scorer) with one more key
    at its end, without reading it back: ``{"a":1}`` → ``{"a":1,"key":value}``."""
    if not body.endswith(b"}") or not body.startswith(b"{"):
        raise ValueError("with_key needs the bytes of one JSON object")
    sep = b"" if body == b"{}" else b","
    return body[:-1] + sep + orjson.dumps(key) + b":" + orjson.dumps(value) + b"}"
