"""Regular-expression pieces shared by the text readers."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """``words`` as one regex alternation, longest first (so "no longer" wins over "no")."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
