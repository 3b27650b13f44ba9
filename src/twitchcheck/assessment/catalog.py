"""JSON views of the knowledge base and of explanations, shared by every adapter (CLI, API)."""

from __future__ import annotations

from typing import Any

from twitchcheck.assessment.result import cause_annotation_dict
from twitchcheck.engine.explain import Explanation
from twitchcheck.knowledge.model import KnowledgeBase


def conditions_view(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Every condition: id, names, group, codes, care, tests and sources (with titles and links)."""
    return [
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


def findings_view(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Every finding: id, plain label, question, clinician label, codes, red-flag status."""
    return [
        {
            "id": f.id,
            "label": f.label,
            "category": f.category,
            "question": f.question,
            "clinician_label": f.clinician_label,
            "codes": f.codes.model_dump(exclude_defaults=True),
            "red_flag": f.red_flag,
            "lay_phrases": list(f.lay_phrases),
        }
        for f in kb.findings.values()
    ]


def explanation_view(kb: KnowledgeBase, ex: Explanation) -> dict[str, Any]:
    """The whole breakdown for one cause: prior, each likelihood ratio with its source."""
    out = {
        "condition": ex.condition,
        "age_band": ex.band,
        "prior": {
            "weight": ex.prior_weight,
            "probability": round(ex.prior_probability, 6),
            "source": ex.prior_source,
            "estimate": ex.prior_estimate,
            "basis": ex.prior_basis,
        },
        "probability": round(ex.probability, 6),
        "terms": [
            {
                "finding": t.finding,
                "state": t.state,
                "p_given_condition": t.likelihood,
                "p_background": t.background,
                "likelihood_ratio": round(t.ratio, 6),
                "direction": t.direction,
                "source": t.source,
                "estimate": t.estimate,
                "basis": t.basis,
            }
            for t in ex.terms
        ],
        "knowledge_version": kb.version,
    }
    if ex.annotation is not None:
        out["annotations"] = cause_annotation_dict(ex.annotation)
    return out
