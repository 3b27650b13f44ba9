"""Word forms: a light English stemmer and a spelling corrector tied to the lexicon.

The stemmer only has to map the forms of one word to one key on both sides — the lexicon and the
text — so it is deliberately small and predictable: "twitching", "twitches", "twitchy" → "twitch";
"calves" → "calf"; "tingle", "tingly" → "tingl". It never needs to produce real words.

The corrector repairs typing slips ("twiching", "musle", "eyelidd") into a word the lexicon knows.
It is conservative on purpose: only words of five letters or more, only when the first letter is
right, and only when exactly one known stem is that close — or, of several equally close, exactly
one is the word without a doubled letter (a key pressed twice: "weeak" → weak, not week). A word
that is itself known is never changed.
"""

from __future__ import annotations

from collections.abc import Iterable

# Consonants that stay doubled when a suffix is removed ("falling" → "fall", "buzzing" → "buzz").
_KEEP_DOUBLE = frozenset("lsz")
_VOWELS = frozenset("aeiou")
_SIBILANT = ("ch", "sh", "ss")
# A doubled consonant left by "-y" is undone only in longer words ("slurr" of "slurry", but not
# "sorr" of "sorry", which would then read as "sore").
_SHORT_DOUBLE = 4


def stem(word: str) -> str:
    """The matching key of one lower-case word (see module docstring)."""
    w = word.lower().strip("'’")
    for tail in ("'s", "’s", "s'"):
        if w.endswith(tail) and len(w) > len(tail) + 1:
            w = w[: -len(tail)]
    if len(w) <= 3:
        return w
    if w.endswith("ness") and len(w) > 6:
        w = w[:-4]
        if w.endswith("i"):
            w = w[:-1] + "y"
    if w.endswith(("ies", "ied")) and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("lves"):
        w = w[:-3] + "f"
    elif w.endswith("sses") or (w.endswith("es") and (w[-3] in "xz" or w[-4:-2] in _SIBILANT)):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    stripped = False
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            base = w[: -len(suffix)]
            if any(c in _VOWELS or c == "y" for c in base):
                w = base
                stripped = True
                break
    if stripped and len(w) > 3 and w[-1] == w[-2] and w[-1] not in _VOWELS | _KEEP_DOUBLE:
        w = w[:-1]
    if len(w) > 3 and w[-1] in "ye" and w[-2] not in _VOWELS:
        w = w[:-1]  # "twitchy" → "twitch", "tingle" → "tingl"
        if len(w) > _SHORT_DOUBLE and w[-1] == w[-2] and w[-1] not in _VOWELS | _KEEP_DOUBLE:
            w = w[:-1]  # "slurry" → "slur" like "slurred"; not "sorry" → "sor" like "sore"
    return w


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance (Damerau–Levenshtein without substring edits)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _moved_letter(a: str, b: str) -> bool:
    """``b`` is ``a`` with one letter taken out and put back elsewhere."""
    if len(a) != len(b) or sorted(a) != sorted(b):
        return False
    return any(
        a[:i] + a[i + 1 :] == b[:j] + b[j + 1 :]
        for i in range(len(a))
        for j in range(len(b))
        if a[i] == b[j]
    )


class Speller:
    """Corrects a word to the one known word that is one slip away (two for long words).

    Known words are given as surface forms (their stems are looked up); candidates are found with
    a delete index, so a lookup costs a few dictionary probes.
    """

    MIN_LENGTH = 5  # shorter words have too many neighbours to guess safely
    LONG = 8  # from this length two slips are allowed

    def __init__(self, words: Iterable[str], protected: Iterable[str] = ()) -> None:
        self._known: dict[str, str] = {}
        for w in words:
            w = w.lower()
            if w.isalpha():
                self._known.setdefault(w, stem(w))
        self._protected = frozenset(w.lower() for w in protected) | frozenset(self._known)
        self._index: dict[str, set[str]] = {}
        for w in self._known:
            for key in {w} | _deletes(w):
                self._index.setdefault(key, set()).add(w)
        self._cache: dict[str, str | None] = {}

    def correct(self, word: str) -> str | None:
        """The stem of the known word ``word`` was meant to be, or ``None``."""
        w = word.lower()
        if w in self._cache:
            return self._cache[w]
        result = self._lookup(w)
        self._cache[w] = result
        return result

    def _lookup(self, w: str) -> str | None:
        if len(w) < self.MIN_LENGTH or not w.isalpha() or w in self._protected:
            return None
        limit = 2 if len(w) >= self.LONG else 1
        candidates: set[str] = set()
        probes = {w} | _deletes(w)
        if limit == 2:
            probes |= {d2 for d1 in _deletes(w) for d2 in _deletes(d1)}
        for probe in probes:
            candidates |= self._index.get(probe, set())
        best: set[str] = set()
        best_d = limit + 1
        for cand in candidates:
            if cand[0] != w[0]:
                continue
            d = _distance(w, cand)
            if d == 2 and _moved_letter(w, cand):
                d = 1  # one letter typed in the wrong place is one slip ("tounge" → tongue)
            if d < best_d:
                best, best_d = {self._known[cand]}, d
            elif d == best_d:
                best.add(self._known[cand])
        if best_d > limit:
            return None
        if len(best) > 1:
            # A key pressed twice is the commonest slip: of equally close words, the one left by
            # dropping a doubled letter wins ("weeak" → weak, not week).
            undoubled = {w[:i] + w[i + 1 :] for i in range(1, len(w)) if w[i] == w[i - 1]}
            best &= {self._known[c] for c in undoubled if c in self._known}
        if len(best) == 1:
            return next(iter(best))
        return None
