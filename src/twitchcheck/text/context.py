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

from .language import Language
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
