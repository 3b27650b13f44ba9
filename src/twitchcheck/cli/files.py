"""Reading what the command line is given — files and standard input — within the limits of
``twitchcheck.limits``: a size cap (``/dev/zero`` fails at once), strict UTF-8, and JSON no deeper
than ``MAX_JSON_DEPTH``. Every failure is a project error, so ``report_errors`` exits 2 with one
line naming the file and the limit, never its content."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from twitchcheck.errors import InputError, InputTooLargeError
from twitchcheck.limits import MAX_FILE_BYTES, decode_utf8, load_json, read_capped


def read_file(path: Path, what: str) -> bytes:
    """The bytes of ``path``, at most ``MAX_FILE_BYTES`` (``what`` names it: "answers file a.json").

    Raises:
        InputError: the file cannot be opened or read.
        InputTooLargeError: it is larger than the limit.
    """
    try:
        with path.open("rb") as stream:
            return read_capped(stream, what, MAX_FILE_BYTES)
    except OSError as exc:
        raise InputError(f"cannot read {what} ({exc.strerror or type(exc).__name__})") from None


def read_json_file(path: Path, what: str) -> Any:
    """A JSON file, decoded and checked (``what`` names it in messages: "answers file a.json").

    Raises:
        InputError: unreadable; larger than ``MAX_FILE_BYTES``; not UTF-8; not JSON; nested too
            deeply; a string that is not valid Unicode.
    """
    return load_json(read_file(path, what), what)


def read_stdin_text() -> str:
    """Standard input as UTF-8 text, at most ``MAX_FILE_BYTES`` (the text limit itself is checked
    by the text reader, which counts characters).

    Raises:
        InputTooLargeError: more than the limit.
        EncodingError: not UTF-8.
    """
    what = "standard input"
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a text stream without bytes underneath (tests that replace stdin)
        text: str = sys.stdin.read(MAX_FILE_BYTES + 1)
        if len(text) > MAX_FILE_BYTES:
            raise InputTooLargeError(what, MAX_FILE_BYTES)
        return text
    return decode_utf8(read_capped(buffer, what, MAX_FILE_BYTES), what)
