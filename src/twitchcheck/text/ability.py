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
  no key and the key of difficulty stands just before the verb. So a kb phrase "can't pee"
  also reads "couldn't pee", "unable to pee", "can hardly pee", "haven't been able to pee" —
  but not "isn't walking yet" (a plain "not"). The words for finding something hard
  ("struggle", "difficulty", "trouble", "hard to", "is difficult"...) share that one key: not
  being able to do something and finding it hard are one statement of the problem, so "can't
  pee" reads "struggle to pee" and "trouble swallowing" reads "can't swallow". "hard" and
  "difficult" only when they say that something is hard ("hard to pee", "breathing is hard"),
  not "a hard workout"; a difficulty word with a slip ("strugglin") counts once corrected.
  Having none of a function is losing it ("no strength in my hand", "haven't got any feeling
  in my feet"): the negation and the noun read as "lost strength", "lost feeling".
  A positive ability ("can walk", "able to walk") keeps the key "can": see ``lexicon``, which
  reads "can" + the verb of a negated-ability phrase as the finding's normal function.
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

OBJECT_REACH = 3  # a finding starting at most this many tokens after the verb is its object
LOSS_KEY = "lost"  # the key a loss ("no strength") reads as: the first word of its variants
CAN_KEY = "can"  # the key of a positive ability ("can walk", "able to walk"): a kept word


@dataclass(frozen=True, slots=True)
class Cue:
    """One negated ability: the token of the negation (or inability word) and of its verb.

    ``loss``: a loss said as having none ("no strength"): ``verb`` is the noun.
    """

    at: int
    verb: int
    perception: bool
    loss: bool = False

    def governs(self, start: int, keys: frozenset[int]) -> bool:
        """Whether a match (first token ``start``, key tokens ``keys``) is what cannot be done."""
        if self.verb in keys:
            return True  # "can't swallow", "can't see properly"
        return not self.perception and self.verb < start <= self.verb + OBJECT_REACH


# an inverted negation stands at most this many words before its "can" ("not unless I hold on
# to something can I")
_INVERTED_REACH = 8
# what ends a clause, for a "can" opening one
_CLAUSE_STOPS = frozenset({",", ".", ";", "?", "!", "\n", "-", ":"})
_SUBJECTS = frozenset({"i", "he", "she", "we", "they", "you"})
_BE = frozenset({"'m", "am", "is", "'s", "are", "'re", "was", "were", "be", "been", "m"})


class AbilityReader:
    """Finds negated abilities in a token sequence (words from ``rules.yaml`` ``ability``)."""

    def __init__(self, language: Language) -> None:
        words = language.ability
        self.auxiliaries = frozenset(w.lower() for w in words.auxiliaries)
        self.do_auxiliaries = frozenset(w.lower() for w in words.do_auxiliaries)
        self.sensing = frozenset(w.lower() for w in words.sensing)
        self.sensing_objects = frozenset(w.lower() for w in words.sensing_objects)
        self.inability = frozenset(w.lower() for w in words.inability)
        self.fillers = frozenset(w.lower() for w in words.fillers)
        self.perception = frozenset(stem(w) for w in words.perception)
        self.limits = tuple(tuple(w.lower() for w in words_) for words_ in words.limits)
        self.lost = tuple(tuple(w.lower() for w in words_) for words_ in words.lost)
        self.difficulty = frozenset(w.lower() for w in language.difficulty_words)
        self.difficulty_key = stem(language.difficulty_words[0])
        self.adjectives = frozenset(w.lower() for w in words.difficulty_adjectives)
        self.adjective_before = frozenset(w.lower() for w in words.adjective_before)
        self.adjective_after = frozenset(w.lower() for w in words.adjective_after)
        # difficulty words a slip may hide ("strugglin" → "struggl"), matched on their stems
        self.difficulty_stems = frozenset(
            stem(w) for w in self.difficulty if w not in self.adjectives
        )
        self.loss_nouns = frozenset(w.lower() for w in words.loss_nouns)
        self.loss_negations = frozenset(w.lower() for w in words.loss_negations)
        self.loss_fillers = frozenset(w.lower() for w in words.loss_fillers)
        self.loss_not_before = frozenset(w.lower() for w in words.loss_not_before)
        self.positive = frozenset(w.lower() for w in words.positive)
        self.able_like = frozenset(w.lower() for w in words.able_like)
        self.elided = frozenset(w.lower() for w in words.elided)
        self.perception_stems = frozenset(stem(w) for w in words.perception)
        self.perception_objects = frozenset(w.lower() for w in words.perception_objects)
        self.or_reach = words.or_reach
        self.clause_ends = frozenset(w.lower() for w in words.clause_ends)
        self.not_verbs = frozenset(w.lower() for w in words.not_verbs)
        self.not_after_and = frozenset(w.lower() for w in words.not_after_and)
        self.inverted = tuple(tuple(w.lower().split()) for w in words.inverted_negations)

    def cues(self, lowers: Sequence[str], norms: Sequence[str]) -> list[Cue]:
        """Every negated ability in the tokens (``lowers``: lower case; ``norms``: spaCy NORM)."""
        out: list[Cue] = []
        n = len(lowers)
        for i in range(n):
            lost = self._lost_at(lowers, i)
            if lost:
                # "stopped being able to swallow": the verb after the words, as after "can't"
                j = i + lost
                while j < n and lowers[j] in self.fillers:
                    j += 1
                if j < n and lowers[j][:1].isalpha() and lowers[j] not in self.elided:
                    out.append(Cue(i, j, stem(lowers[j]) in self.perception))
                continue
            if lowers[i] in self.inability:
                pass
            elif self._inverted_at(lowers, norms, i):
                # "no longer can I squat": the verb stands after the subject
                j = i + 2
                while j < n and lowers[j] in self.fillers:
                    j += 1
                if j < n and lowers[j][:1].isalpha() and lowers[j] not in self.elided:
                    out.append(Cue(i + 1, j, stem(lowers[j]) in self.perception))
                continue
            elif i > 0 and norms[i - 1] in self.auxiliaries and self._limit_at(lowers, i):
                pass  # "can only just swallow"
            elif norms[i] == "not" and (
                (i > 0 and norms[i - 1] in self.auxiliaries)
                or self._able_after(lowers, i)
                or self._sensing_lost(lowers, norms, i)
            ):
                pass
            else:
                loss = self._loss_at(lowers, norms, i)
                if loss is not None:
                    out.append(Cue(i, loss, False, loss=True))
                continue
            j = i + 1
            while j < n and (lowers[j] in self.fillers or self._in_limit(lowers, i, j)):
                j += 1
            if j >= n or not lowers[j][:1].isalpha() or lowers[j] in self.elided:
                continue  # "... but can't anymore": no verb, a plain negation
            perception = stem(lowers[j]) in self.perception
            if perception and lowers[i] not in self.inability and norms[i] != "not":
                continue  # "can only feel it at night": a limit says nothing of perception
            out.append(Cue(i, j, perception))
            other = self._or_verb(lowers, j)
            if other is not None and not perception:
                # "couldn't get up off the sofa or climb the stairs": the second verb cannot be
                # done either; its cue stands on the "or" (the key of difficulty goes there)
                out.append(Cue(other - 1, other, stem(lowers[other]) in self.perception))
        return out

    def _lost_at(self, lowers: Sequence[str], i: int) -> int:
        """The length of an ability-lost phrase (``lost``) starting at ``i``, or 0."""
        for words in self.lost:
            if tuple(lowers[i : i + len(words)]) == words:
                return len(words)
        return 0

    def _lost_before(self, lowers: Sequence[str], i: int) -> bool:
        """Whether an ability-lost phrase ends at ``i`` ("stopped being *able*")."""
        return any(tuple(lowers[i - len(w) + 1 : i + 1]) == w for w in self.lost if i + 1 >= len(w))

    def _sensing_lost(self, lowers: Sequence[str], norms: Sequence[str], i: int) -> bool:
        """Whether the "not" at ``i`` negates a verb of feeling with "do" and an object ("I
        don't feel the toilet paper", "doesn't feel from the waist down"): feeling lost."""
        if i == 0 or norms[i - 1] not in self.do_auxiliaries:
            return False
        j = i + 1
        while j < len(lowers) and lowers[j] in self.fillers:
            j += 1
        return (
            j + 1 < len(lowers)
            and lowers[j] in self.sensing
            and lowers[j + 1] in self.sensing_objects
        )

    def _inverted_at(self, lowers: Sequence[str], norms: Sequence[str], i: int) -> bool:
        """Whether "can" / "could" at ``i``, followed by its subject, is turned round by one of
        the inverted negations before it in its clause ("no way can he", "not unless I hold on
        can I")."""
        if not (norms[i] in ("can", "could") and i + 2 < len(lowers)):
            return False
        if lowers[i + 1] not in _SUBJECTS:
            return False
        start = i
        while start > 0 and i - start < _INVERTED_REACH and lowers[start - 1] not in _CLAUSE_STOPS:
            start -= 1
        words = lowers[start:i]
        return any(
            tuple(words[k : k + len(phrase)]) == phrase
            for phrase in self.inverted
            for k in range(len(words) - len(phrase) + 1)
        )

    def _or_verb(self, lowers: Sequence[str], verb: int) -> int | None:
        """The verb a negated ability's ``verb`` is coordinated with by "or" / "nor" in its
        clause ("can't get up *or climb* the stairs"), if any."""
        for k in range(verb + 1, min(len(lowers) - 1, verb + self.or_reach)):
            if lowers[k] in self.clause_ends:
                return None
            if lowers[k] in ("or", "nor"):
                nxt = lowers[k + 1]
                if nxt[:1].isalpha() and len(nxt) > 2 and nxt not in self.not_verbs:
                    return k + 1
                return None
        return None

    def positive_cues(self, lowers: Sequence[str], norms: Sequence[str]) -> list[Cue]:
        """What a person says they *can* do: "I can get up off the floor", "she's able to sit".

        "can" counts after a subject ("I can", "he can", not the question "can stress..."), or
        opening a clause that asks nothing ("no wasting, can run up the stairs"),
        "able" after a form of "be" ("I'm able to"); neither when a negation or a limit
        follows ("can't", "can only just"). The verb is the next word that is not a filler.
        """
        out: list[Cue] = []
        n = len(lowers)
        for i in range(n):
            if norms[i] in self.auxiliaries and norms[i] != "will":
                if (i == 0 or lowers[i - 1] not in _SUBJECTS) and not _clause_opens(lowers, i):
                    continue
            elif lowers[i] in self.positive and i + 1 < n and lowers[i + 1] == "to":
                if lowers[i - 1] not in _BE and norms[i - 1] not in _BE:
                    continue
                if self._lost_before(lowers, i):
                    continue  # "stopped being able to": lost, not able
            else:
                continue
            j = i + 1
            while j < n and lowers[j] in self.fillers:
                j += 1
            if j >= n or norms[j] == "not" or self._limit_at(lowers, j):
                continue
            if not lowers[j][:1].isalpha() or lowers[j] in self.inability:
                continue
            if stem(lowers[j]) in self.perception:
                continue  # "I can feel it twitching", "I can see it"
            out.append(Cue(i, j, False))
            other = self._and_verb(lowers, j)
            if other is not None and stem(lowers[other]) not in self.perception:
                # "I can still take the stairs two at a time and get up off the floor"
                out.append(Cue(other - 1, other, False))
        return out

    def _and_verb(self, lowers: Sequence[str], verb: int) -> int | None:
        """The verb an ability's ``verb`` is coordinated with by "and" in its clause ("can climb
        the stairs *and get up* off the floor"), if any; not a new subject ("and my legs...")."""
        for k in range(verb + 1, min(len(lowers) - 1, verb + self.or_reach)):
            if lowers[k] == "and":
                nxt = lowers[k + 1]
                if (
                    nxt[:1].isalpha()
                    and len(nxt) > 2
                    and nxt not in self.not_verbs
                    and nxt not in _SUBJECTS
                    and nxt not in self.not_after_and
                ):
                    return k + 1
                return None
            if lowers[k] in self.clause_ends:
                return None
        return None

    def _loss_at(self, lowers: Sequence[str], norms: Sequence[str], i: int) -> int | None:
        """The loss noun that negation ``i`` says there is none of ("no strength"), if any."""
        if lowers[i] not in self.loss_negations and norms[i] not in self.loss_negations:
            return None
        j = i + 1
        while j < len(lowers) and lowers[j] in self.loss_fillers:
            j += 1
        if j >= len(lowers) or lowers[j] not in self.loss_nouns:
            return None
        if j + 1 < len(lowers) and lowers[j + 1] in self.loss_not_before:
            return None  # "no strength issues", "no feeling of weakness"
        return j

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
            if lowers[j] in self.able_like:
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
            if low in self.positive and i + 1 < n and lowers[i + 1] == "to":
                out[i] = CAN_KEY  # "able to walk" (a negated "able" is a cue, below)
                continue
            if low in self.adjectives and not (
                (i > 0 and lowers[i - 1] in self.adjective_before)
                or (i + 1 < n and lowers[i + 1] in self.adjective_after)
            ):
                continue  # "a hard workout"
            if low in self.difficulty or out[i] in self.difficulty_stems:
                out[i] = self.difficulty_key
                other = (
                    self._or_verb(lowers, i + 2) if i + 2 < n and lowers[i + 1] == "to" else None
                )
                if other is not None and out[other - 1] is None:
                    # "struggles to get out of a low chair or climb the stairs": the second verb
                    # is hard too; its key of difficulty stands on the "or"
                    out[other - 1] = self.difficulty_key
        for cue in self.cues(lowers, norms):
            if not cue.loss and cue.at > 0 and norms[cue.at - 1] in self.auxiliaries:
                out[cue.at - 1] = None
            for k in range(cue.at, cue.verb):
                out[k] = None
            out[cue.verb - 1] = LOSS_KEY if cue.loss else self.difficulty_key
        return out


def _clause_opens(lowers: Sequence[str], at: int) -> bool:
    """Whether the word at ``at`` opens a clause that is no question: "..., can run up the
    stairs" says what the person can do; "can stress cause this?" asks."""
    if at > 0 and lowers[at - 1] not in _CLAUSE_STOPS:
        return False
    end = next((k for k in range(at + 1, len(lowers)) if lowers[k] in _CLAUSE_STOPS), len(lowers))
    return end >= len(lowers) or lowers[end] != "?"
