"""A tiny document model rendered two ways, so the site and the Markdown book say the same thing.

Inline content is a tuple of plain strings, :class:`Link` (an external source URL), :class:`Ref`
(a place inside the book), :class:`Code` and :class:`Strong`. Blocks are headings (with an anchor),
paragraphs, bullet lists and tables. Every string is escaped by the renderer.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Link:
    """A link out of the book: only ever a source's URL."""

    text: str
    href: str


@dataclass(frozen=True, slots=True)
class Ref:
    """A link to ``anchor`` on the book page ``page`` (``""`` anchor: the page itself)."""

    text: str
    page: str
    anchor: str = ""


@dataclass(frozen=True, slots=True)
class Code:
    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    text: str


Inline = str | Link | Ref | Code | Strong
Text = tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1-4
    text: str
    anchor: str = ""


@dataclass(frozen=True, slots=True)
class Para:
    content: Text


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Text, ...], ...]


Block = Heading | Para | Bullets | Table


@dataclass(frozen=True, slots=True)
class Page:
    """One page of the site (``<name>.html``) and one chapter of the Markdown book."""

    name: str
    title: str
    blocks: tuple[Block, ...]


# ----------------------------------------------------------------------------------- HTML

CSS = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1b1b;
background:#fff}
nav{background:#f3f4f6;border-bottom:1px solid #d1d5db;padding:.6rem 1.5rem}
nav a,nav strong{margin-right:1.1rem}
main{max-width:72rem;padding:1rem 1.5rem 3rem}
h1{font-size:1.7rem}h2{font-size:1.35rem;margin-top:2.2rem;border-bottom:1px solid #e5e7eb}
h3{font-size:1.1rem;margin-top:1.6rem}
table{border-collapse:collapse;margin:.6rem 0 1.2rem;font-size:.92rem}
th,td{border:1px solid #d1d5db;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f9fafb}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.88em;background:#f3f4f6;
padding:0 .2em}
.est{background:#fff4d6}
footer{color:#6b7280;font-size:.85rem;padding:1rem 1.5rem;border-top:1px solid #e5e7eb}
a{color:#1d4ed8}
"""


def _html_inline(part: Inline) -> str:
    if isinstance(part, str):
        return html.escape(part)
    if isinstance(part, Link):
        return f'<a href="{html.escape(part.href)}" rel="noreferrer">{html.escape(part.text)}</a>'
    if isinstance(part, Ref):
        target = f"{part.page}.html" + (f"#{part.anchor}" if part.anchor else "")
        return f'<a href="{html.escape(target)}">{html.escape(part.text)}</a>'
    if isinstance(part, Code):
        return f"<code>{html.escape(part.text)}</code>"
    return f"<strong>{html.escape(part.text)}</strong>"


def _html_text(text: Text) -> str:
    return "".join(_html_inline(p) for p in text)


def _html_block(block: Block) -> str:
    if isinstance(block, Heading):
        anchor = f' id="{html.escape(block.anchor)}"' if block.anchor else ""
        return f"<h{block.level}{anchor}>{html.escape(block.text)}</h{block.level}>"
    if isinstance(block, Para):
        return f"<p>{_html_text(block.content)}</p>"
    if isinstance(block, Bullets):
        items = "".join(f"<li>{_html_text(t)}</li>" for t in block.items)
        return f"<ul>{items}</ul>"
    head = "".join(f"<th>{html.escape(h)}</th>" for h in block.header)
    rows = []
    for row in block.rows:
        marked = any(isinstance(p, Strong) and p.text == "estimate" for cell in row for p in cell)
        cls = ' class="est"' if marked else ""
        rows.append(f"<tr{cls}>" + "".join(f"<td>{_html_text(c)}</td>" for c in row) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def to_html(page: Page, nav: Sequence[Page], footer: str) -> str:
    """A complete, self-contained HTML page: inline CSS, no script, no external resource."""
    links = " ".join(
        f'<a href="{p.name}.html">{html.escape(p.title)}</a>' if p.name != page.name
        else f"<strong>{html.escape(p.title)}</strong>"
        for p in nav
    )  # fmt: skip
    body = "\n".join(_html_block(b) for b in page.blocks)
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(page.title)} · twitchcheck knowledge book</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n"
        f"<nav>{links}</nav>\n<main>\n{body}\n</main>\n"
        f"<footer>{html.escape(footer)}</footer>\n</body>\n</html>\n"
    )


# ------------------------------------------------------------------------------- Markdown

# `_` inside a word is never emphasis in CommonMark, so ids like `self_care` stay unescaped.
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|])")


def _md_escape(s: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", s.replace("\n", " "))


def _md_inline(part: Inline) -> str:
    if isinstance(part, str):
        return _md_escape(part)
    if isinstance(part, Link):
        return f"[{_md_escape(part.text)}](<{part.href}>)"
    if isinstance(part, Ref):
        return f"[{_md_escape(part.text)}](#{part.anchor or part.page})"
    if isinstance(part, Code):
        return f"`{part.text.replace('`', '')}`".replace("|", "\\|")
    core = part.text.rstrip()  # `**a: **` is not bold in Markdown; keep the space outside
    return f"**{_md_escape(core)}**" + part.text[len(core) :]


def _md_text(text: Text) -> str:
    return "".join(_md_inline(p) for p in text)


def _md_block(block: Block) -> str:
    if isinstance(block, Heading):
        anchor = f'<a id="{block.anchor}"></a>\n\n' if block.anchor else ""
        return f"{anchor}{'#' * block.level} {_md_escape(block.text)}"
    if isinstance(block, Para):
        return _md_text(block.content)
    if isinstance(block, Bullets):
        return "\n".join(f"- {_md_text(t)}" for t in block.items)
    lines = [
        "| " + " | ".join(_md_escape(h) for h in block.header) + " |",
        "|" + "---|" * len(block.header),
    ]
    lines += ["| " + " | ".join(_md_text(c) for c in row) + " |" for row in block.rows]
    return "\n".join(lines)


def to_markdown(pages: Sequence[Page], preamble: str = "") -> str:
    """Every page as one Markdown document (internal links become in-document anchors)."""
    chunks = [preamble] if preamble else []
    for page in pages:
        chunks.append(f'<a id="{page.name}"></a>')
        chunks += [_md_block(b) for b in page.blocks]
    return "\n\n".join(chunks) + "\n"
