"""How the book shows a source and a citation (the same everywhere)."""

from __future__ import annotations

from twitchcheck.knowledge.model import KnowledgeBase
from twitchcheck.knowledge.schema import Citation

from .document import Link, Ref, Strong, Text


def source(kb: KnowledgeBase, source_id: str) -> Text:
    """The source's title linked to its URL, then a link to its entry in the book."""
    s = kb.sources[source_id]
    return (Link(s.title, s.url), " (", Ref(source_id, "sources", f"source-{source_id}"), ")")


def basis(citation: Citation) -> Text:
    """``estimate: <basis>`` for an estimate, else ``published`` (with the note, if any)."""
    if citation.estimate:
        return (Strong("estimate"), f": {citation.basis}")
    return ("published" + (f": {citation.basis}" if citation.basis else ""),)


def ratio(x: float) -> str:
    """A likelihood ratio with sensible precision."""
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def likelihood_ratios(p: float, background: float) -> tuple[str, str]:
    """LR when present (p / b) and when absent ((1 − p) / (1 − b)), formatted."""
    return ratio(p / background), ratio((1 - p) / (1 - background))
