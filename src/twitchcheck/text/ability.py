"""Negated abilities: "can't swallow", "couldn't pee", "unable to walk", "can hardly breathe".

People state their worst symptoms as what they cannot do. Read word by word, "can't swallow" is a
negation in front of a finding's word, and a plain negation reader turns it into its opposite
("swallowing: absent"). Here a negation is a *negated ability* when it follows "can", "could" or
"will" ("can't", "cannot", "couldn't", "won't"), or is followed by "able" ("not able to",
"haven't been able to"), or is one of the inability words ("unable", "hardly", "barely"). It
governs the next word that is not a filler ("really", "been able to"): the verb.

Two uses:

- **Keys** (:meth:`AbilityReader.normalise`): the matcher's keys of a negated ability are made the
  same however it is said, in the kb phrase and in the text alike: the auxiliary and fillers give
  no key and the negation key "cannot" stands just before the verb. So a kb phrase "can't pee"
  also reads "couldn't pee", "unable to pee", "can hardly pee", "haven't been able to pee" —
  but not "isn't walking yet" (a plain "not"). The words for finding something hard
  ("struggle", "difficulty", "trouble", "hard to", "is difficult"...) share one key for the same
  reason; "hard" and "difficult" only when they say that something is hard ("hard to pee",
  "breathing is hard"), not "a hard workout".
- **State** (:meth:`AbilityReader.cues`): the parser does not read a negated ability as a
  negation: the finding whose word is the verb, or that is the verb's object ("can't keep my
  balance"), is *present*, and the negation denies nothing else in the sentence. A negated verb
  of perception or speech is still a negation ("can't see any wasting", "can't say I'm weak").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .language import Language
from .normalize import stem

NEGATED_ABILITY = "cannot"  # the key of a negated ability (a negation word of rules.yaml)
OBJECT_REACH = 3  # a finding starting at most this many tokens after the verb is its object


@dataclass(frozen=True, slots=True)
class Cue:
    """One negated ability: the token of the negation (or inability word) and of its verb."""

    at: int
    verb: int
    perception: bool

    def governs(self, start: int, keys: frozenset[int]) -> bool:
        """Whether a match (first token ``start``, key tokens ``keys``) is what cannot be done."""
        if self.verb in keys:
            return True  # "can't swallow", "can't see properly"
        return not self.perception and self.verb < start <= self.verb + OBJECT_REACH


class AbilityReader:
    """Finds negated abilities in a token sequence (words from ``rules.yaml`` ``ability``)."""

    def __init__(self, language: Language) -> None:
        words = language.ability
        self.auxiliaries = frozenset(w.lower() for w in words.auxiliaries)
        self.inability = frozenset(w.lower() for w in words.inability)
        self.fillers = frozenset(w.lower() for w in words.fillers)
        self.perception = frozenset(stem(w) for w in words.perception)
        self.limits = tuple(tuple(w.lower() for w in words_) for words_ in words.limits)
        self.difficulty = frozenset(w.lower() for w in language.difficulty_words)
        self.difficulty_key = stem(language.difficulty_words[0])
        self.adjectives = frozenset(w.lower() for w in words.difficulty_adjectives)
        self.adjective_before = frozenset(w.lower() for w in words.adjective_before)
        self.adjective_after = frozenset(w.lower() for w in words.adjective_after)

    def cues(self, lowers: Sequence[str], norms: Sequence[str]) -> list[Cue]:
        """Every negated ability in the tokens (``lowers``: lower case; ``norms``: spaCy NORM)."""
        out: list[Cue] = []
        n = len(lowers)
        for i in range(n):
            if lowers[i] in self.inability:
                pass
            elif i > 0 and norms[i - 1] in self.auxiliaries and self._limit_at(lowers, i):
                pass  # "can only just swallow"
            elif norms[i] == "not" and (
                (i > 0 and norms[i - 1] in self.auxiliaries) or self._able_after(lowers, i)
            ):
                pass
            else:
                continue
            j = i + 1
            while j < n and (lowers[j] in self.fillers or self._in_limit(lowers, i, j)):
                j += 1
            if j >= n or not lowers[j][:1].isalpha():
                continue
            out.append(Cue(i, j, stem(lowers[j]) in self.perception))
        return out

    def _in_limit(self, lowers: Sequence[str], i: int, j: int) -> bool:
        """Token ``j`` is a later word of a limiting phrase starting at ``i`` ("only *just*")."""
        return any(
            tuple(lowers[i : i + len(words)]) == words and j < i + len(words)
            for words in self.limits
        )

    def _limit_at(self, lowers: Sequence[str], i: int) -> bool:
        return any(tuple(lowers[i : i + len(words)]) == words for words in self.limits)

    def _able_after(self, lowers: Sequence[str], i: int) -> bool:
        j = i + 1
        while j < len(lowers) and lowers[j] in self.fillers:
            if lowers[j] == "able":
                return True
            j += 1
        return False

    def normalise(
        self, keys: Sequence[str | None], lowers: Sequence[str], norms: Sequence[str]
    ) -> list[str | None]:
        """The matcher's keys with negated abilities and words for difficulty made uniform."""
        out = list(keys)
        n = len(lowers)
        for i, low in enumerate(lowers):
            if low in self.adjectives and not (
                (i > 0 and lowers[i - 1] in self.adjective_before)
                or (i + 1 < n and lowers[i + 1] in self.adjective_after)
            ):
                continue  # "a hard workout"
            if low in self.difficulty:
                out[i] = self.difficulty_key
        for cue in self.cues(lowers, norms):
            if cue.at > 0 and norms[cue.at - 1] in self.auxiliaries:
                out[cue.at - 1] = None
            for k in range(cue.at, cue.verb):
                out[k] = None
            out[cue.verb - 1] = NEGATED_ABILITY
        return out
