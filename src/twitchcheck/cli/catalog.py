"""``twitchcheck findings`` and ``twitchcheck conditions``: the vocabulary and the causes."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from .errors import report_errors
from .settings import knowledge

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@report_errors
def findings(as_json: JsonOpt = False) -> None:
    """Every finding: id, question, codes (HPO, SNOMED CT)."""
    from twitchcheck.assessment.catalog import findings_view

    kb = knowledge()
    rows = findings_view(kb)
    if as_json:
        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    from .render import render_findings

    render_findings(kb)


@report_errors
def conditions(as_json: JsonOpt = False) -> None:
    """Every condition: id, names, group, codes, sources."""
    from twitchcheck.assessment.catalog import conditions_view

    kb = knowledge()
    rows = conditions_view(kb)
    if as_json:
        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    from .render import render_conditions

    render_conditions(kb)
