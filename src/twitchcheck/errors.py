"""The one exception tree of twitchcheck.

Library code raises only these; ``cli`` maps them to exit codes. Messages name the problem (an id,
a file, a field) and never echo what a person wrote about their health.

    TwitchcheckError
    ├── KnowledgeError            the knowledge base is invalid (schema or cross-file check)
    └── InputError                a request cannot be assessed as given
        ├── UnknownIdError        an evidence id or code, condition id or age band is not known
        ├── ContradictionError    the same finding is both present and absent, or two exclusive
        │                         findings are both present
        └── InvalidValueError     a value is out of range (age, sex, state)
"""

from __future__ import annotations

__all__ = [
    "ContradictionError",
    "InputError",
    "InvalidValueError",
    "KnowledgeError",
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
