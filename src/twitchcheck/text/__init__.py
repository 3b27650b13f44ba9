"""Understand what people type: lay free text → findings with their state.

    from twitchcheck.text import parse
    result = parse(kb, "my thighs have twitched since summer, strength seems fine")
    result.evidence   # Evidence("twitch_legs", "present", "text"), Evidence("weakness", "absent"...
    result.mentions   # each with finding, state, span, phrase, context flags
    result.age, result.sex

Importing this package is cheap: spaCy and medspaCy load on the first ``parse``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from twitchcheck.engine.evidence import Evidence
from twitchcheck.knowledge.model import KnowledgeBase

from .result import Mention, ParseResult

__all__ = ["Mention", "ParseResult", "merge_evidence", "parse"]


def parse(kb: KnowledgeBase, text: str, *, today: date | None = None) -> ParseResult:
    """Read findings, age and sex from what a person wrote (English).

    Args:
        kb: the knowledge base whose findings' lay phrases make the vocabulary.
        text: 1 to 10,000 characters of English.
        today: the date "since Christmas" or "last Tuesday" count back from (default: today).

    Returns:
        A :class:`ParseResult`: evidence (origin ``"text"``; present / absent / unknown; no
        duplicates; no two findings of an exclusive group present), every mention with its span
        and context, and the age and sex the text gives (``None`` when it gives none).

    Raises:
        EmptyTextError: empty text, or no words (only emoji, digits, punctuation).
        TextTooLongError: over 10,000 characters.
        NotEnglishError: text that is not English.
    """
    from .guard import check_raw
    from .pipeline import parser_for

    check_raw(text)  # refuse empty or oversized text before loading spaCy
    return parser_for(kb).parse(text, today)


def merge_evidence(
    kb: KnowledgeBase, explicit: Iterable[Evidence], from_text: Iterable[Evidence]
) -> list[Evidence]:
    """Explicit evidence plus what the text adds; explicit evidence wins.

    A finding given explicitly drops the text's item for it; an explicit *present* finding of an
    exclusive group (a duration) also drops the text's present item of the same group, so the two
    never contradict. Ids in ``explicit`` may be codes; they are resolved with the kb.
    """
    explicit = list(explicit)
    given = {kb.resolve_finding(e.id) or e.id for e in explicit}
    groups = {
        kb.findings[fid].exclusive_group
        for e in explicit
        if e.state == "present"
        and (fid := kb.resolve_finding(e.id)) is not None
        and kb.findings[fid].exclusive_group is not None
    }
    merged = list(explicit)
    for item in from_text:
        if item.id in given:
            continue
        group = kb.findings[item.id].exclusive_group
        if item.state == "present" and group is not None and group in groups:
            continue
        merged.append(item)
    return merged
