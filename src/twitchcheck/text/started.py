"""A medicine said to be started or changed lately: "I started sertraline three weeks ago", "was
put on prednisolone 8 days ago", "rosuvastatin, the nurse started about a month ago".

The kb names one finding per category with ``started_within_days`` (a recent medicine change).
A present mention of another finding of that category is that finding too when a word of
starting or changing (``rules.yaml`` ``started``) stands just before it ("started", "put me on",
"upped my", with only ``between`` words apart) or just after it ("..., the nurse started"), and
a time in the same sentence is at most that many days ago. A start word followed by a verb
("started getting cramps", "started to twitch") starts something else; a denial ("haven't
started anything new") starts nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .durations import TimeSpan
from .language import StartedWords
from .patterns import alternation
from .result import Mention


class StartedReader:
    """Finds medicines said to be started or changed within a finding's ``started_within_days``."""

    def __init__(self, words: StartedWords) -> None:
        cue = alternation(words.words)
        gap = rf"(?:[\s,]+(?:{alternation(words.between)})){{0,{words.reach}}}"
        self._before = re.compile(rf"\b(?:{cue}){gap}\s*$", re.IGNORECASE)
        self._after = re.compile(rf"^{gap}[\s,]+(?:{cue})\b", re.IGNORECASE)
        self._other_verb = re.compile(rf"^\s+(?:{alternation(words.not_before)})\b", re.IGNORECASE)
        self._denied = re.compile(
            rf"\b(?:{alternation(words.denials)})(?:\s+[\w'’-]+)?\s*$", re.IGNORECASE
        )

    def read(
        self,
        text: str,
        mentions: Sequence[Mention],
        targets: Mapping[str, tuple[str, float]],
        category: Mapping[str, str],
        spans: Sequence[TimeSpan],
        sentences: Sequence[tuple[int, int]],
    ) -> list[Mention]:
        """New mentions of ``targets`` (category → (finding, days)) said of medicines in
        ``mentions``; none for a category whose finding is mentioned already."""
        out: list[Mention] = []
        done = {m.finding for m in mentions if m.counted}
        for m in mentions:
            target = targets.get(category.get(m.finding, ""))
            if target is None or target[0] in done or m.finding == target[0]:
                continue
            if not m.counted or m.state != "present" or m.historical or m.hypothetical:
                continue
            sent = next(((a, b) for a, b in sentences if a <= m.span[0] < b), None)
            if sent is None:
                continue
            cue = self._cue(text, m.span, sent)
            if cue is None:
                continue
            time = next(
                (t for t in spans if sent[0] <= t.start < sent[1] and t.days <= target[1]), None
            )
            if time is None:
                continue
            start = min(m.span[0], cue[0], time.start)
            end = max(m.span[1], cue[1], time.end)
            words = text[start:end]
            out.append(
                Mention(
                    finding=target[0],
                    state="present",
                    span=(start, end),
                    phrase=words,
                    matched=f"{m.matched} started within {time.days:g} days",
                    quote=words,
                )
            )
            done.add(target[0])
        return out

    def _cue(
        self, text: str, span: tuple[int, int], sent: tuple[int, int]
    ) -> tuple[int, int] | None:
        """Where the start word said of the medicine at ``span`` stands, if one does."""
        before = text[sent[0] : span[0]]
        found = self._before.search(before)
        if found is not None:
            if self._denied.search(before[: found.start()]):
                return None  # "haven't started on my statin yet"
            return sent[0] + found.start(), span[0]
        after = text[span[1] : sent[1]]
        found = self._after.match(after)
        if found is not None and not self._other_verb.match(after, found.end()):
            cue_at = span[1] + found.end()
            if self._denied.search(text[span[1] : cue_at].rsplit(" ", 1)[0]):
                return None  # "the sertraline I never started"
            return span[1], cue_at
        return None
