"""Time expressions in lay English → how many days ago something started.

Finds "for 3 weeks", "the past couple of months", "2 days ago", "on and off for a fortnight",
"since yesterday", "started last Tuesday", "since Christmas", "for ages", "6 months." — each with
its character span and a number of days. Which of them is the duration *of the twitching* is
decided by the pipeline (it knows which sentences speak of twitching); which duration finding a
number of days is, by the kb (``lasting`` of the duration findings).

"34 weeks pregnant", "a 7 month old", "five coffees a day" and "three times a week" are not
durations: a count of time needs a time cue ("for", "past", "ago", "since"...) to be one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .language import TimeWords
from .patterns import alternation


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """A duration found in the text: characters ``start``–``end``, ``days`` before today."""

    start: int
    end: int
    days: float


@dataclass(frozen=True)
class _Patterns:
    quantity: re.Pattern[str]
    cue_before: re.Pattern[str]
    cue_after: re.Pattern[str]
    vague_for: re.Pattern[str]
    vague_phrase: re.Pattern[str]
    days_ago: re.Pattern[str]
    weekday: re.Pattern[str]
    season: re.Pattern[str]
    not_duration_after: re.Pattern[str]
    not_duration_before: re.Pattern[str]
    rate_before: re.Pattern[str]


def _patterns(words: TimeWords) -> _Patterns:
    num = alternation(list(words.numbers))
    unit = alternation(list(words.units))
    number = rf"(?:\d+(?:\.\d+)?|{num})"
    quantity = re.compile(
        rf"\b(?P<num>{number})(?:\s*(?:-|–|to|or)\s*(?P<num2>{number}))?\s*(?:more\s+|whole\s+)?"
        rf"(?P<unit>{unit})\b(?P<half>\s+and\s+a\s+half)?",
    )
    single_vague = [w for w in words.vague if " " not in w]
    phrase_vague = [w for w in words.vague if " " in w]
    return _Patterns(
        quantity=quantity,
        cue_before=re.compile(rf"\b(?:{alternation(words.before)})\W*(?:\w+\W+){{0,2}}$"),
        cue_after=re.compile(rf"^\W*(?:{alternation(words.after)})\b"),
        vague_for=re.compile(
            rf"\b(?:for)\s+(?:the\s+past\s+|the\s+last\s+|many\s+|some\s+)?"
            rf"(?P<word>{alternation(single_vague)})\b"
        ),
        vague_phrase=re.compile(rf"\b(?P<word>{alternation(phrase_vague)})\b"),
        days_ago=re.compile(rf"\b(?P<word>{alternation(list(words.days_ago))})\b"),
        weekday=re.compile(
            rf"\b(?:last|since|on|started|began|from)\s+(?P<day>{alternation(words.weekdays)})\b"
        ),
        season=re.compile(
            rf"\bsince\s+(?:the\s+|last\s+)?(?P<season>{alternation(list(words.seasons))})\b"
        ),
        not_duration_after=re.compile(r"^[\s-]*(?:old|pregnant|along|gestation)\b"),
        not_duration_before=re.compile(r"\b(?:times|per|every|each|at|aged?)\s*$"),
        # "2 monsters a day", "three coffees a week": a count of things before "a day" is a rate
        rate_before=re.compile(rf"\b{number}\s+[a-z']+\s*$"),
    )


def _number(text: str, words: TimeWords) -> float:
    try:
        return float(text)
    except ValueError:
        return words.numbers[text]


def _since(today: date, month: int, day: int) -> float:
    start = date(today.year, month, day)
    if start > today:
        start = date(today.year - 1, month, day)
    return float((today - start).days)


class DurationFinder:
    """Finds durations; the patterns are compiled once from the time words of ``rules.yaml``."""

    def __init__(self, words: TimeWords) -> None:
        self.words = words
        self.patterns = _patterns(words)

    def find(self, text: str, today: date) -> list[TimeSpan]:
        """Every duration in ``text`` (any case), by position; overlapping ones merged."""
        return _find(text, self.words, self.patterns, today)


def _find(text: str, words: TimeWords, p: _Patterns, today: date) -> list[TimeSpan]:
    low = text.lower()
    found: list[TimeSpan] = []
    for m in p.quantity.finditer(low):
        before, after = low[max(0, m.start() - 40) : m.start()], low[m.end() : m.end() + 25]
        if p.not_duration_after.match(after) or p.not_duration_before.search(before):
            continue
        if m.group("num") in ("a", "an") and p.rate_before.search(before):
            continue
        if not (p.cue_before.search(before) or p.cue_after.match(after) or _alone(low, m)):
            continue
        value = _number(m.group("num"), words)
        if m.group("num2"):
            value = max(value, _number(m.group("num2"), words))
        if m.group("half"):
            value += 0.5
        days = value * words.units[m.group("unit")]
        if days <= 0:
            continue  # "for a second or two" is how long one twitch lasts
        if re.match(r"^\s*(?:\+|or more|plus)", after) or re.search(r"(?:over|than)\s*$", before):
            days *= 1.05  # "over three months" is more than three months
        found.append(TimeSpan(m.start(), m.end(), days))
    for m in p.vague_for.finditer(low):
        found.append(TimeSpan(m.start(), m.end(), words.vague[m.group("word")]))
    for m in p.vague_phrase.finditer(low):
        found.append(TimeSpan(m.start(), m.end(), words.vague[m.group("word")]))
    for m in p.days_ago.finditer(low):
        found.append(TimeSpan(m.start(), m.end(), words.days_ago[m.group("word")]))
    for m in p.weekday.finditer(low):
        wd = words.weekdays.index(m.group("day"))
        found.append(TimeSpan(m.start(), m.end(), float((today.weekday() - wd) % 7 or 7)))
    for m in p.season.finditer(low):
        month, day = words.seasons[m.group("season")]
        found.append(TimeSpan(m.start(), m.end(), _since(today, month, day)))
    return _merge(found)


def _alone(low: str, m: re.Match[str]) -> bool:
    """True when the count of time stands alone as a sentence fragment ("6 months.")."""
    start = max(low.rfind(c, 0, m.start()) for c in ".!?\n")
    end_candidates = [i for i in (low.find(c, m.end()) for c in ".!?\n") if i != -1]
    end = min(end_candidates) if end_candidates else len(low)
    fragment = low[start + 1 : end].strip(" ,;:-")
    return fragment == m.group(0).strip()


def _merge(spans: list[TimeSpan]) -> list[TimeSpan]:
    spans = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    out: list[TimeSpan] = []
    for s in spans:
        if out and s.start < out[-1].end:
            if s.end - s.start > out[-1].end - out[-1].start:
                out[-1] = s
            continue
        out.append(s)
    return out
