"""``twitchcheck findings`` and ``twitchcheck conditions``: the vocabulary and the causes."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from .errors import report_errors
from .settings import knowledge

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@report_errors
def findings(as_json: JsonOpt = False) -> None:
    """Every finding: id, question, codes (HPO, SNOMED CT)."""
    kb = knowledge()
    rows: list[dict[str, Any]] = [
        {
            "id": f.id,
            "category": f.category,
            "question": f.question,
            "clinician_label": f.clinician_label,
            "codes": f.codes.model_dump(exclude_defaults=True),
            "red_flag": f.red_flag,
            "lay_phrases": list(f.lay_phrases),
        }
        for f in kb.findings.values()
    ]
    if as_json:
        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    from .render import render_findings

    render_findings(kb)


@report_errors
def conditions(as_json: JsonOpt = False) -> None:
    """Every condition: id, names, group, codes, sources."""
    kb = knowledge()
    rows: list[dict[str, Any]] = [
        {
            "id": c.id,
            "name": c.name,
            "clinical_name": c.clinical_name,
            "group": c.group,
            "codes": c.codes.model_dump(exclude_defaults=True),
            "severity": c.severity,
            "care": c.care,
            "specialist": c.specialist,
            "tests": list(c.tests),
            "sources": [
                {"id": s, "title": kb.sources[s].title, "url": kb.sources[s].url} for s in c.sources
            ],
        }
        for c in kb.conditions.values()
    ]
    if as_json:
        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    from .render import render_conditions

    render_conditions(kb)
