"""Refuse text the parser cannot read, with a message that never quotes it.

Allowed: English text of 1 to ``MAX_CHARS`` characters (``limits.MAX_TEXT_CHARS``, the one limit
every adapter enforces) with at least one word. Refused: empty or blank text, text over the limit,
text that is not valid Unicode (undecodable bytes of a command-line argument, a lone surrogate
from a JSON ``"\\ud800"``), text with no letters (only emoji, digits or punctuation), and text
that is not English — mostly non-Latin letters, or several words of which hardly any is an
English function word and none is in the lexicon.
"""

from __future__ import annotations

import unicodedata

from twitchcheck.errors import EmptyTextError, NotEnglishError, TextEncodingError, TextTooLongError
from twitchcheck.limits import MAX_TEXT_CHARS, first_lone_surrogate

MAX_CHARS = MAX_TEXT_CHARS  # the same limit as every adapter's (see ``twitchcheck.limits``)
# "Not English" needs this many words at least, and fewer than this share of them in spaCy's
# English stop-word list (any English sentence has a few: "I", "my", "for", "and").
MIN_WORDS_TO_JUDGE = 4
MIN_ENGLISH_SHARE = 0.1
MIN_LATIN_SHARE = 0.5


def check_raw(text: object) -> str:
    """Check length and letters before any tokenising; returns the text unchanged (so character
    offsets stay those of the caller's text).

    Raises:
        EmptyTextError: not a string, empty, blank, or no letters at all.
        TextTooLongError: more than ``MAX_CHARS`` characters.
        TextEncodingError: not valid Unicode (a lone surrogate, or bytes that were not UTF-8).
        NotEnglishError: most letters are not Latin.
    """
    if not isinstance(text, str) or not text.strip():
        raise EmptyTextError("the text is empty: describe the twitching in a few words")
    if len(text) > MAX_CHARS:
        raise TextTooLongError(len(text), MAX_CHARS)
    bad = first_lone_surrogate(text)
    if bad is not None:  # spaCy and every writer would fail on it later
        raise TextEncodingError(
            f"the text is not valid Unicode at character {bad + 1:,}: bytes that are not UTF-8 "
            "or a lone surrogate; send UTF-8 text"
        )
    letters = [c for c in text if c.isalpha()]
    if not letters:
        raise EmptyTextError("the text has no words (only symbols, digits or emoji)")
    latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    if latin / len(letters) < MIN_LATIN_SHARE:
        raise NotEnglishError("the text does not look like English; twitchcheck reads English only")
    return text


def check_english(words: list[str], stop_words: frozenset[str], understood: int) -> None:
    """Refuse several words with almost no English function word and nothing understood.

    Raises:
        NotEnglishError: see the module docstring.
    """
    if len(words) < MIN_WORDS_TO_JUDGE or understood:
        return
    english = sum(1 for w in words if w in stop_words)
    if english / len(words) < MIN_ENGLISH_SHARE:
        raise NotEnglishError("the text does not look like English; twitchcheck reads English only")
