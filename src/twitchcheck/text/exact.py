"""Phrases read word for word (kb ``lay_exact``): words that say a finding only in one order,
or only beside another finding.

The lexicon (``lexicon.py``) matches a phrase by the stems of its meaningful words in any order,
which is what most lay phrases need ("calf twitching" reads "twitching in my left calf"). Some
words say a finding only as written: "the runs" is diarrhoea while "runs out of puff" is not;
"had a fall" is a fall while "fall asleep" is not; "worse than it was" says the weakness is
getting worse only when it is said of a weakness. Such a phrase is matched token for token
(spaCy NORM, stop words included; a number written in digits in the phrase matches any number:
"had 3 falls" reads "had two falls", while "see two of" stays those words), and, when its kb
group names findings it must stand ``beside``, it counts only when one of them — or a finding
that implies one — is stated present for the person: anywhere in the message, or in the same
clause. A phrase read present explains its words: a shorter phrase of another finding inside
them does not count ("the runs" is no run; "sweating buckets" after an insecticide is no
sweating for no reason), and one that a longer phrase of another finding holds does not count
itself ("my toddler keeps falling" is the toddler's milestones, not unsteadiness).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from twitchcheck.knowledge.model import KnowledgeBase

if TYPE_CHECKING:
    from spacy.language import Language as SpacyLanguage
    from spacy.tokens import Doc, Token

NUMBER = "#"  # what a number written in digits in a phrase reads as: any number


@dataclass(frozen=True, slots=True)
class ExactPhrase:
    """One ``lay_exact`` phrase of one finding, ready to match.

    Attributes:
        finding: the finding id.
        phrase: the phrase as written in the kb.
        words: its tokens' norms (numbers in digits as :data:`NUMBER`).
        beside: the findings one of which must be stated present for the person (with every
            finding that implies one of them); empty: the phrase counts on its own.
        in_clause: ``beside`` must stand in the phrase's clause, not just in the message.
        last_named: ``beside`` must be the finding named last before the phrase, in its
            sentence or the one before.
        not_before: norms of words that, just after the phrase, make it something else.
        normal: the phrase says the finding is not there (normal function).
    """

    finding: str
    phrase: str
    words: tuple[str, ...]
    beside: frozenset[str]
    in_clause: bool
    not_before: frozenset[str]
    normal: bool = False
    last_named: bool = False


def _phrase_word(token: Token) -> str:
    return NUMBER if token.like_num and any(c.isdigit() for c in token.text) else token.norm_


def _implied_by(kb: KnowledgeBase, ids: list[str]) -> frozenset[str]:
    """``ids`` and every finding that implies one of them, directly or through others."""
    out = set(ids)
    grew = True
    while grew:
        more = {fid for fid, f in kb.findings.items() if out & set(f.implies)} - out
        grew = bool(more)
        out |= more
    return frozenset(out)


def build_exact(kb: KnowledgeBase, nlp: SpacyLanguage) -> tuple[ExactPhrase, ...]:
    """Every ``lay_exact`` phrase of the kb, tokenised as the text will be (``nlp``)."""
    out: list[ExactPhrase] = []
    for fid, finding in kb.findings.items():
        for group in finding.lay_exact:
            beside = _implied_by(kb, group.beside) if group.beside else frozenset()
            not_before = frozenset(t.norm_ for w in group.not_before for t in nlp.tokenizer(w))
            for phrase in group.phrases:
                words = tuple(_phrase_word(t) for t in nlp.tokenizer(phrase.lower()))
                out.append(
                    ExactPhrase(
                        fid,
                        phrase,
                        words,
                        beside,
                        group.within == "clause",
                        not_before,
                        group.normal,
                        group.within == "last_named",
                    )
                )
    return tuple(out)


def find_exact(doc: Doc, phrases: tuple[ExactPhrase, ...]) -> list[tuple[ExactPhrase, int, int]]:
    """Each phrase found in ``doc`` with its token span (end exclusive), within one sentence and
    not followed by one of its ``not_before`` words. Linear in the text for each phrase."""
    if not phrases:
        return []
    words = [t.norm_ for t in doc]
    numbers = {i for i, t in enumerate(doc) if t.like_num}
    sentence_end = [s.end for s in doc.sents for _ in s]
    first: dict[str, list[ExactPhrase]] = {}
    for p in phrases:
        first.setdefault(p.words[0], []).append(p)
    found: list[tuple[ExactPhrase, int, int]] = []
    for i, w in enumerate(words):
        for p in [*first.get(w, ()), *(first.get(NUMBER, ()) if i in numbers else ())]:
            end = i + len(p.words)
            if end > sentence_end[i] or not all(
                want == words[j] or (want == NUMBER and j in numbers)
                for j, want in enumerate(p.words, start=i)
            ):
                continue
            if end < len(words) and words[end] in p.not_before:
                continue
            found.append((p, i, end))
    return found
