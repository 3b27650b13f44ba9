"""``twitchcheck kb validate``: check the knowledge base; ``--estimates`` lists our estimates."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from .errors import report_errors
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
    from twitchcheck.knowledge.checks import iter_numbers

    kb = knowledge()
    numbers = list(iter_numbers(conditions=kb.conditions, findings=kb.findings, policy=kb.policy))
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
