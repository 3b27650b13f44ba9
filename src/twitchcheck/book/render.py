"""The knowledge book as a static site (file name → HTML) and as one Markdown file."""

from __future__ import annotations

from twitchcheck.knowledge.model import KnowledgeBase

from .chapters import pages
from .document import to_html, to_markdown

MARKDOWN_NAME = "book.md"


def render_site(kb: KnowledgeBase) -> dict[str, str]:
    """Every page of the site: ``index.html`` first, then one file per chapter.

    The pages use inline CSS only: no script, font, stylesheet or image is fetched. The only
    external URLs are the sources' own links, which a reader may follow.
    """
    chapters = pages(kb)
    footer = f"twitchcheck knowledge book · knowledge {kb.version} · generated from kb/"
    return {f"{p.name}.html": to_html(p, chapters, footer) for p in chapters}


def render_markdown(kb: KnowledgeBase) -> str:
    """The same content as one Markdown document."""
    return to_markdown(pages(kb))
