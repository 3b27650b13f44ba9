"""A red flag's lay phrase of several words must keep several keys.

The reader matches a lay phrase by its keys (stems of its words that are not stop words), in any
order. A phrase of several words with a single key ("everything's fuzzy" → "fuzzy", "peeing
myself" → "pee") is read wherever that one word stands ("my feet feel fuzzy", "my pee is dark"):
such a phrase belongs in ``lay_exact``, which matches word for word.
"""

from __future__ import annotations

from twitchcheck import KnowledgeBase
from twitchcheck.text.pipeline import parser_for

# one key that names the finding on its own ("it hurts", "is paining": pain is pain)
SAYS_IT_ALONE = {"pain", "insecticide_exposure", "milestones_delayed"}


def test_red_flag_phrases_of_several_words_keep_several_keys(kb: KnowledgeBase) -> None:
    lexicon = parser_for(kb).lexicon
    loose = [
        (e.finding, e.phrase, e.keys)
        for e in lexicon.entries
        if e.kind == "symptom"
        and kb.findings[e.finding].red_flag
        and e.finding not in SAYS_IT_ALONE
        and len(e.phrase.split()) >= 2
        and len(e.keys) <= 1
    ]
    assert not loose, loose
