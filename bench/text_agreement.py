"""Structured vs text: the same vignette assessed from its findings and from what the person typed.

Uses ``twitchcheck.text.parse(kb, text).evidence`` when that package is importable; the report
says so plainly when it is not.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from tests.vignette_cases import Vignette
from twitchcheck import Evidence, InputError, KnowledgeBase
from twitchcheck.triage.rules import RANK

from .cases import CaseResult, result_from
from .metrics import Proportion

Parser = Callable[[KnowledgeBase, str], Iterable[Evidence]]


def text_parser() -> Parser | None:
    """``twitchcheck.text.parse`` adapted to return evidence, or ``None`` when not importable."""
    try:
        module = importlib.import_module("twitchcheck.text")
    except ImportError:
        return None
    parse = getattr(module, "parse", None)
    if parse is None:
        return None

    def evidence(kb: KnowledgeBase, text: str) -> Iterable[Evidence]:
        found: Iterable[Evidence] = parse(kb, text).evidence
        return found

    return evidence


@dataclass(frozen=True, slots=True)
class TextPair:
    """One vignette assessed both ways; ``text`` is ``None`` when the text could not be assessed."""

    structured: CaseResult
    text: CaseResult | None
    present_found: int  # structured present findings the text also gave as present
    absent_found: int  # structured absent findings the text also gave as absent
    extra: int  # findings the text gave that the structured entry does not have in that state
    present_total: int
    absent_total: int


def pair_cases(
    kb: KnowledgeBase,
    vignettes: Sequence[Vignette],
    structured: Sequence[CaseResult],
    parser: Parser,
) -> list[TextPair]:
    """Assess each vignette's text and pair it with its structured result (same order)."""
    out = []
    for v, s in zip(vignettes, structured, strict=True):
        try:
            items = list(parser(kb, v.text))
            text_result: CaseResult | None = result_from(v, kb, items)
        except InputError:
            items, text_result = [], None
        got = {(e.id, e.state) for e in items if e.state != "unknown"}
        want = {(f, "present") for f in v.present} | {(f, "absent") for f in v.absent}
        out.append(
            TextPair(
                structured=s,
                text=text_result,
                present_found=sum((f, "present") in got for f in v.present),
                absent_found=sum((f, "absent") in got for f in v.absent),
                extra=len(got - want),
                present_total=len(v.present),
                absent_total=len(v.absent),
            )
        )
    return out


def agreement(pairs: Sequence[TextPair]) -> dict[str, Proportion]:
    """Agreement between the two ways in, and the text path's own accuracy and safety."""
    done = [(p.structured, p.text) for p in pairs if p.text is not None]

    def n_of(pred: Callable[[CaseResult, CaseResult], bool]) -> Proportion:
        return Proportion(sum(1 for s, t in done if pred(s, t)), len(pairs))

    found = sum(p.present_found + p.absent_found for p in pairs)
    wanted = sum(p.present_total + p.absent_total for p in pairs)
    given = found + sum(p.extra for p in pairs)
    return {
        "assessed": Proportion(len(done), len(pairs)),
        "same_top1": n_of(lambda s, t: s.ranking[0] == t.ranking[0]),
        "same_top3_set": n_of(lambda s, t: set(s.ranking[:3]) == set(t.ranking[:3])),
        "same_triage": n_of(lambda s, t: s.triage == t.triage),
        "text_top1": n_of(lambda s, t: t.rank == 1),
        "text_top3": n_of(lambda s, t: t.rank <= 3),
        "text_under_triage": n_of(lambda s, t: RANK[t.triage] < RANK[t.expected_triage]),
        "finding_recall": Proportion(found, wanted),
        "finding_precision": Proportion(found, given),
    }


AGREEMENT_LABELS: dict[str, str] = {
    "assessed": "texts assessed without an input error",
    "same_top1": "same first cause as structured",
    "same_top3_set": "same top-3 causes (as a set)",
    "same_triage": "same triage level",
    "text_top1": "top-1 from text",
    "text_top3": "top-3 from text",
    "text_under_triage": "under-triage from text",
    "finding_recall": "structured findings recovered from text (present and absent)",
    "finding_precision": "text findings that match the structured entry",
}
