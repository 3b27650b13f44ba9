"""Records for the batch tests: patients and consistent evidence, findings given by id or code."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.strategies import evidence_lists, patients
from twitchcheck import Evidence, KnowledgeBase, Patient

Case = tuple[Patient, list[Evidence]]


def cases(kb: KnowledgeBase, max_findings: int = 12) -> st.SearchStrategy[Case]:
    """A patient and evidence; some findings given by one of their codes instead of their id."""
    codes = {fid: sorted(f.codes.all()) for fid, f in kb.findings.items()}

    @st.composite
    def build(draw: st.DrawFn) -> Case:
        patient = draw(patients())
        evidence = []
        for ev in draw(evidence_lists(kb, max_size=max_findings)):
            ref = ev.id
            if codes[ev.id] and draw(st.booleans()):
                ref = draw(st.sampled_from(codes[ev.id]))
            evidence.append(Evidence(ref, ev.state))
        return patient, evidence

    return build()


def chunks(kb: KnowledgeBase, max_records: int = 8) -> st.SearchStrategy[list[Case]]:
    """Several records scored together, as the batch scorer sees them."""
    return st.lists(cases(kb), min_size=1, max_size=max_records)
