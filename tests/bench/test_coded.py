"""The vignettes as a clinician codes them (bench/coded.py): findings go in as HPO terms, a more
specific term is one the reader maps back to the same finding alone, and the coded path ranks and
triages as the structured one does."""

from __future__ import annotations

from bench.cases import run_cases
from bench.coded import Coding, coded_evidence, run_coded
from tests.vignette_cases import load_vignettes
from twitchcheck import KnowledgeBase
from twitchcheck.interop.hpo_mapping import mapper_for

VIGNETTES = load_vignettes()[:25]


def test_findings_with_an_hpo_term_go_in_as_that_term(kb: KnowledgeBase) -> None:
    mapper = mapper_for(kb)
    for v in VIGNETTES:
        coding = Coding()
        items = coded_evidence(kb, mapper, v, "term", coding)
        for item, fid in zip(items, [*v.present, *v.absent], strict=True):
            own = kb.findings[fid].codes.hpo
            assert item.id == (own[0] if own else fid)
        assert coding.findings == len(items) and coding.more_specific == 0


def test_a_more_specific_term_maps_back_to_its_finding_alone(kb: KnowledgeBase) -> None:
    mapper = mapper_for(kb)
    coding = Coding()
    deeper = 0
    for v in VIGNETTES:
        items = coded_evidence(kb, mapper, v, "specific", coding)
        for item, fid in zip(items[: len(v.present)], v.present, strict=True):
            own = kb.findings[fid].codes.hpo
            if own and item.id != own[0]:
                deeper += 1
                assert {f for f, _, _ in mapper.present(item.id).findings} == {fid}
        # an excluded finding stays at its own level
        for item, fid in zip(items[len(v.present) :], v.absent, strict=True):
            own = kb.findings[fid].codes.hpo
            assert item.id == (own[0] if own else fid)
    assert deeper == coding.more_specific > 0
    # the same vignette is coded the same way every time
    again = Coding()
    assert coded_evidence(kb, mapper, VIGNETTES[0], "specific", again) == coded_evidence(
        kb, mapper, VIGNETTES[0], "specific", Coding()
    )


def test_the_coded_path_ranks_and_triages_as_the_structured_one(kb: KnowledgeBase) -> None:
    structured = {r.id: r for r in run_cases(kb, VIGNETTES)}
    for level in ("term", "specific"):
        coded, coding = run_coded(kb, VIGNETTES, level)
        assert coding.errors == [] and len(coded) == len(VIGNETTES)
        for r in coded:
            s = structured[r.id]
            assert (r.ranking[:3], r.triage) == (s.ranking[:3], s.triage), (level, r.id)
