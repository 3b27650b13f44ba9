"""``twitchcheck kb``: ``validate`` (``--estimates`` lists our estimates), ``book`` (the reviewers'
site and Markdown book) and ``diff`` (change log between two knowledge-base folders)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from .errors import EXIT_INPUT, report_errors
from .settings import knowledge

app = typer.Typer(help="Work with the knowledge base.", no_args_is_help=True)


@app.command("validate")
@report_errors
def validate(
    estimates: Annotated[
        bool, typer.Option("--estimates", help="List every number that is an estimate.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Validate every kb file and the cross-file checks; exit 2 with one line per problem."""
    from twitchcheck.errors import KnowledgeError
    from twitchcheck.interop.hpo_mapping import code_problems
    from twitchcheck.knowledge.checks import iter_numbers

    kb = knowledge()
    obsolete = code_problems(kb)  # HPO codes checked against the pinned ontology release
    if obsolete:
        raise KnowledgeError(obsolete)
    numbers = list(
        iter_numbers(
            conditions=kb.conditions,
            findings=kb.findings,
            policy=kb.policy,
            questions=kb.questions,
            defaults=kb.defaults,
        )
    )
    est = [n for n in numbers if n.citation.estimate]
    summary = {
        "knowledge_version": kb.version,
        "conditions": len(kb.conditions),
        "findings": len(kb.findings),
        "rules": len(kb.rules),
        "sources": len(kb.sources),
        "numbers": len(numbers),
        "estimates": len(est),
    }
    if as_json:
        out: dict[str, object] = {"valid": True, **summary}
        if estimates:
            out["estimate_list"] = [
                {
                    "where": n.where,
                    "value": n.value,
                    "source": n.citation.source,
                    "basis": n.citation.basis,
                }
                for n in est
            ]
        json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    print(
        f"knowledge base valid ({kb.version}): {summary['conditions']} conditions, "
        f"{summary['findings']} findings, {summary['rules']} triage rules, "
        f"{summary['sources']} sources; {summary['numbers']} numbers, "
        f"{summary['estimates']} of them estimates"
    )
    if estimates:
        for n in est:
            print(f"{n.where} = {n.value:g}  [{n.citation.source}] {n.citation.basis}")


@app.command("book")
@report_errors
def book(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the site and book.md into.")],
) -> None:
    """Write the knowledge book: a static site (index.html, no external requests) and book.md."""
    from twitchcheck.book.render import MARKDOWN_NAME, render_markdown, render_site

    if out.exists() and not out.is_dir():
        print(f"twitchcheck: error: {out} exists and is not a folder", file=sys.stderr)
        raise SystemExit(EXIT_INPUT)
    kb = knowledge()
    files = {**render_site(kb), MARKDOWN_NAME: render_markdown(kb)}
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (out / name).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"twitchcheck: error: cannot write to {out} ({exc.strerror})", file=sys.stderr)
        raise SystemExit(EXIT_INPUT) from None
    print(f"knowledge book ({kb.version}): {len(files)} files in {out} (open {out / 'index.html'})")


@app.command("diff")
@report_errors
def diff(
    old: Annotated[Path, typer.Argument(help="The older kb/ folder.")],
    new: Annotated[Path, typer.Argument(help="The newer kb/ folder.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Change log between two knowledge-base folders: records, policy and every number."""
    from twitchcheck.book.changelog import diff as diff_kb
    from twitchcheck.book.changelog import to_json, to_text
    from twitchcheck.knowledge.loader import load_knowledge

    changes = diff_kb(load_knowledge(old), load_knowledge(new))
    if as_json:
        json.dump(to_json(changes), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    sys.stdout.write(to_text(changes))
