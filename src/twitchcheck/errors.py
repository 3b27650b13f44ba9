"""The one exception tree of twitchcheck.

Library code raises only these; ``cli`` maps them to exit codes. Messages name the problem (an id,
a file, a field) and never echo what a person wrote about their health.

    TwitchcheckError
    ├── KnowledgeError            the knowledge base is invalid (schema or cross-file check)
    ├── InputError                a request cannot be assessed as given
    │   ├── UnknownIdError        an evidence id or code, condition id or age band is not known
    │   ├── ContradictionError    the same finding is both present and absent, or two exclusive
    │   │                         findings are both present
    │   ├── InvalidValueError     a value is out of range (age, sex, state)
    │   ├── EncodingError         not valid Unicode: bytes that are not UTF-8 (a file, standard
    │   │                         input, a command-line argument) or a lone surrogate (U+D800)
    │   ├── InputTooLargeError    a file, a stream or a line over its size limit (``limits``)
    │   ├── NestingTooDeepError   JSON nested more deeply than ``limits.MAX_JSON_DEPTH``
    │   ├── TextError             free text that cannot be read (the message never quotes it)
    │   │   ├── EmptyTextError    empty, or no words at all (only emoji or punctuation)
    │   │   ├── TextTooLongError  longer than ``limits.MAX_TEXT_CHARS`` characters
    │   │   ├── TextEncodingError not valid Unicode (also an EncodingError)
    │   │   └── NotEnglishError   not written in English
    │   ├── InterviewError        an interview step that does not fit the session: an answer to
    │   │   │                     a question not being asked, an answer word the question does
    │   │   │                     not take, nothing to go back to, stored answers that no longer
    │   │   │                     fit the knowledge base
    │   │   └── SessionNotFoundError   no stored interview has this id
    │   └── InteropError          a FHIR, CDS Hooks or Phenopacket document is invalid; names the
    │       │                     JSON path of the fault ($.item[2].answer[0])
    │       └── RecordUnavailableError   the record cannot be obtained (no prefetch, FHIR server
    │                                    unreachable or not allowed): CDS Hooks' 412
    └── StoreError                the interview store cannot be opened, migrated, read or written
"""

from __future__ import annotations

__all__ = [
    "ContradictionError",
    "EmptyTextError",
    "EncodingError",
    "InputError",
    "InputTooLargeError",
    "InteropError",
    "InterviewError",
    "InvalidValueError",
    "KnowledgeError",
    "NestingTooDeepError",
    "NotEnglishError",
    "RecordUnavailableError",
    "SessionNotFoundError",
    "StoreError",
    "TextEncodingError",
    "TextError",
    "TextTooLongError",
    "TwitchcheckError",
    "UnknownIdError",
]


class TwitchcheckError(Exception):
    """Base of every error twitchcheck raises on purpose."""


class KnowledgeError(TwitchcheckError):
    """The knowledge base failed validation.

    ``problems`` lists every problem found, each a one-line message naming the file and field.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        first = self.problems[0] if self.problems else "invalid knowledge base"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(first + more)


class InputError(TwitchcheckError):
    """A request cannot be assessed as given."""


class UnknownIdError(InputError):
    """An id or code that the knowledge base does not define."""

    def __init__(self, kind: str, value: str) -> None:
        self.kind = kind
        self.value = value
        super().__init__(f"unknown {kind}: {value!r}")


class ContradictionError(InputError):
    """Evidence that contradicts itself."""


class InvalidValueError(InputError):
    """A value outside its allowed range."""


class EncodingError(InputError):
    """Input that is not valid Unicode: bytes that are not UTF-8 (in a file, on standard input or
    in a command-line argument, where Python keeps them as lone surrogates) or a lone surrogate
    such as ``\\ud800`` in a JSON string. The message names where, never the text."""


class InputTooLargeError(InputError):
    """A file, a stream or a line larger than its limit (``limit`` bytes); ``what`` names it."""

    def __init__(self, what: str, limit: int) -> None:
        self.what = what
        self.limit = limit
        super().__init__(f"{what} is larger than the limit of {limit:,} bytes")


class NestingTooDeepError(InputError):
    """A JSON document nested more deeply than ``limit`` levels of arrays and objects."""

    def __init__(self, what: str, limit: int) -> None:
        self.what = what
        self.limit = limit
        super().__init__(f"{what} is nested more than {limit} levels deep")


class TextError(InputError):
    """Free text that cannot be read. The message describes the problem, never the text."""


class EmptyTextError(TextError):
    """The text is empty or has no words (only emoji, digits or punctuation)."""


class TextTooLongError(TextError):
    """The text is longer than the parser accepts (``limit`` characters)."""

    def __init__(self, length: int, limit: int) -> None:
        self.length = length
        self.limit = limit
        super().__init__(f"the text is {length:,} characters long; the limit is {limit:,}")


class TextEncodingError(TextError, EncodingError):
    """The text is not valid Unicode: bytes that are not UTF-8, or a lone surrogate."""


class NotEnglishError(TextError):
    """The text does not look like English, the only language the parser reads."""


class InterviewError(InputError):
    """An interview step that does not fit the session as it stands."""


class SessionNotFoundError(InterviewError):
    """No stored interview has this id (or the id is not of the form the store gives out)."""

    def __init__(self, session_id: str) -> None:
        self.session_id = session_id
        shown = session_id if len(session_id) <= 40 else session_id[:40] + "..."
        super().__init__(f"no interview with id {shown!r}")


class InteropError(InputError):
    """A FHIR, CDS Hooks or Phenopacket document that cannot be read.

    ``document`` names the format, ``path`` the JSON path of the fault (``$.subject.sex``) and
    ``problem`` what is wrong there; the message never quotes the value found.
    """

    def __init__(self, document: str, path: str, problem: str) -> None:
        self.document = document
        self.path = path
        self.problem = problem
        super().__init__(f"{document} {path}: {problem}")


class RecordUnavailableError(InteropError):
    """The record needed cannot be obtained: no prefetch and no (allowed, reachable) FHIR server."""


class StoreError(TwitchcheckError):
    """The interview store cannot be opened, migrated, read or written.

    The message names the problem (the file, the database error class), never stored answers.
    """
