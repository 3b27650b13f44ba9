"""Context around each match — negated, unsure, in the past, about someone else — by medspaCy's
ConText, with the lay-English rules of ``rules.yaml``.

The matches are handed to ConText as a span group (they may overlap). A modifier that overlaps a
match is dropped, because a lexicon phrase may contain a negation itself ("can't grip") whose
scope would otherwise run on into the next finding. The span handed over is the match's *core*
(see ``matcher.Match``): without "soft" words and words that say something is fine, so "no
trouble swallowing" and "speech and swallowing are normal" keep their modifiers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .language import Language, ListWords
from .matcher import Match

if TYPE_CHECKING:
    from spacy.language import Language as SpacyLanguage
    from spacy.tokens import Doc

SPAN_GROUP = "twitchcheck_findings"


@dataclass(frozen=True, slots=True)
class Context:
    """The ConText modifiers of one match: ``(category, start token, end token)`` each.

    Categories are those of ``rules.yaml`` (``NEGATED_EXISTENCE``, ``NORMAL``, ``FAMILY``...); the
    spans let the parser quote what the person wrote and tell which words a modifier was.
    """

    modifiers: tuple[tuple[str, int, int], ...]

    @property
    def categories(self) -> frozenset[str]:
        return frozenset(c for c, _, _ in self.modifiers)

    @property
    def cues(self) -> tuple[tuple[int, int], ...]:
        return tuple((s, e) for _, s, e in self.modifiers)


def build_context(nlp: SpacyLanguage, language: Language) -> Any:
    """A medspaCy ``ConText`` component loaded with the lay rules (not added to ``nlp``)."""
    from medspacy.context import ConText, ConTextRule

    component = ConText(
        nlp,
        name="twitchcheck_context",
        rules=None,
        phrase_matcher_attr="NORM",
        prune_on_modifier_overlap=True,
        prune_on_target_overlap=True,
        span_attrs=None,
        input_span_type="group",
        span_group_name=SPAN_GROUP,
    )
    rules = []
    for spec in language.context:
        max_scope = spec.max_scope
        if spec.direction == "TERMINATE" and max_scope is None:
            # medspaCy decides whether a terminator limits a modifier by testing whether their
            # scopes overlap, and that test misses a scope lying wholly inside the other; a
            # sentence-wide terminator scope would then never cut anything. One token on each
            # side overlaps the scopes it should cut.
            max_scope = 1
        rules.append(
            ConTextRule(
                literal=spec.literal,
                category=spec.category,
                direction=spec.direction,
                pattern=spec.pattern,
                max_scope=max_scope,
            )
        )
    component.add(rules)
    return component


def read_context(doc: Doc, matches: list[Match], component: Any) -> list[Context]:
    """Run ConText over ``matches`` and return one :class:`Context` per match, in order."""
    spans = [doc[m.core[0] : m.core[1]] for m in matches]
    doc.spans[SPAN_GROUP] = spans
    component(doc)
    out: list[Context] = []
    for span in doc.spans[SPAN_GROUP]:
        mods = span._.modifiers
        out.append(
            Context(
                tuple(
                    (str(m.category), int(m.modifier_span[0]), int(m.modifier_span[1]))
                    for m in mods
                )
            )
        )
    return out


def carry_over_lists(
    doc: Doc, matches: list[Match], contexts: list[Context], words: ListWords
) -> list[Context]:
    """A denial carried along its list past ConText's reach.

    ConText's "no" reaches a few words, so the last items of a long list stayed unread as denied
    ("no fever, weight loss, double vision, trouble swallowing"), and a "No:" heading reaches
    nothing at all (its colon ends every scope). A match whose only words since the previous
    match are list joins (``words.joins``: commas, "or", "nor"...) takes that match's forward
    denial; the first item after a heading (``words.headings`` then a colon or a dash, at the
    start of a sentence) takes the heading's. What the parser does with a denial afterwards (a
    clause of its own after a comma is no item: "no pain, walking is hard") still holds; after a
    heading the denial is given up to the item itself, so no comma stands between them.
    """
    joins = frozenset(words.joins)
    order = sorted(range(len(matches)), key=lambda i: (matches[i].core[0], matches[i].end))
    out = list(contexts)
    carry: tuple[str, int, int] | None = None
    last_end = -1
    sentence = None
    for i in order:
        match = matches[i]
        sent = doc[match.core[0]].sent
        if sent.start != sentence:
            sentence = sent.start
            carry, last_end = _heading(doc, sent.start, sent.end, words)
        denial = next(
            (
                (c, a, b)
                for c, a, b in out[i].modifiers
                if c == "NEGATED_EXISTENCE" and b <= match.core[0]
            ),
            None,
        )
        gap = [doc[k].lower_ for k in range(max(last_end, sent.start), match.start)]
        gap_ok = (
            carry is not None
            and match.start >= last_end
            and not match.inner_negation
            and all(w in joins for w in gap)
            and (bool(gap) or carry[2] < 0)  # items stand apart, but for a heading's first
        )
        if denial is None and gap_ok and carry is not None:
            given = (carry[0], carry[1], match.start) if carry[2] < 0 else carry
            out[i] = Context((*out[i].modifiers, given))
            denial = carry  # a heading's stays a heading's, given up to each item
        carry = denial if denial is not None else (carry if match.start < last_end else None)
        last_end = max(last_end, match.end)
    return out


def _heading(
    doc: Doc, start: int, end: int, words: ListWords
) -> tuple[tuple[str, int, int] | None, int]:
    """A denying heading at the start of a sentence ("No: fever, ...", "Denies - ..."): the
    denial to carry (its end marked -1: given up to the item) and the token after it."""
    k = start
    while k < end and (doc[k].is_space or doc[k].lower_ in ("-", "*", "•")):
        k += 1
    if k + 1 < end and doc[k].lower_ in words.headings and doc[k + 1].lower_ in (":", "-", "–"):
        return ("NEGATED_EXISTENCE", k, -1), k + 2
    return None, -1
