"""The opening complaint ("describe your twitching") → evidence, via ``twitchcheck.text``.

``twitchcheck.text`` (lay text → findings) is a separate component. When it is not installed the
opening text simply gives no evidence and the interview asks about everything itself; that is the
only fallback, on purpose: the interview never parses text on its own.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, cast

from twitchcheck.engine.evidence import Evidence, normalize
from twitchcheck.knowledge.model import KnowledgeBase

TEXT_MODULE = "twitchcheck.text"


@dataclass(frozen=True, slots=True)
class Opening:
    """What the opening complaint gave.

    Attributes:
        evidence: findings read from the text (origin ``text``), canonical ids.
        age: years, when the text states it; else ``None``.
        sex: ``female``/``male`` when the text states it; else ``None``.
        reader: whether a text reader was available (``False``: the text was not read).
    """

    evidence: tuple[Evidence, ...] = ()
    age: float | None = None
    sex: Literal["female", "male"] | None = None
    reader: bool = True


def _parser() -> Callable[[KnowledgeBase, str], Any] | None:
    try:
        module = importlib.import_module(TEXT_MODULE)
    except ModuleNotFoundError as exc:
        # Only the reader itself being absent is a fallback; a broken install must surface.
        if exc.name is not None and TEXT_MODULE.startswith(exc.name):
            return None
        raise
    parse = getattr(module, "parse", None)
    # A package without `parse` is the reader half-built (or a stray folder): no reader yet.
    return cast("Callable[[KnowledgeBase, str], Any] | None", parse)


def reader_available() -> bool:
    """Whether ``twitchcheck.text`` is installed (then the opening text is read)."""
    return _parser() is not None


def read_opening(kb: KnowledgeBase, text: str | None) -> Opening:
    """Read the opening complaint with ``twitchcheck.text.parse`` when it is available.

    Args:
        kb: the knowledge base (its findings are the vocabulary the reader maps to).
        text: what the person wrote; ``None`` or blank gives no evidence.

    Raises:
        InputError: from the text reader, when the text cannot be read (too long, ...), or when
            what it returns is not valid evidence for this knowledge base.
    """
    if text is None or not text.strip():
        return Opening()
    parse = _parser()
    if parse is None:
        return Opening(reader=False)
    parsed = parse(kb, text)
    evidence = normalize(kb, (Evidence(e.id, e.state, "text") for e in parsed.evidence))
    age = getattr(parsed, "age", None)
    sex = getattr(parsed, "sex", None)
    return Opening(
        # What was read, not what follows from it: the interview derives the implications itself.
        evidence=tuple(Evidence(e.id, e.state, "text") for e in evidence if e.origin != "implied"),
        age=float(age) if isinstance(age, int | float) else None,
        sex=sex if sex in ("female", "male") else None,
    )
