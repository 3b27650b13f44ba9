"""Hypothesis strategies over the real knowledge base: patients and consistent evidence."""

from __future__ import annotations

from hypothesis import strategies as st

from twitchcheck import Evidence, KnowledgeBase, Patient


def patients() -> st.SearchStrategy[Patient]:
    ages = st.one_of(st.none(), st.floats(min_value=0, max_value=120, allow_nan=False))
    sexes = st.sampled_from([None, "female", "male"])
    return st.builds(Patient, age=ages, sex=sexes)


def evidence_lists(kb: KnowledgeBase, max_size: int = 12) -> st.SearchStrategy[list[Evidence]]:
    """Evidence with distinct findings, at most one present finding per exclusive group, and no
    present finding beside an absent one it implies (``KnowledgeBase.broader``)."""
    ids = sorted(kb.findings)

    @st.composite
    def build(draw: st.DrawFn) -> list[Evidence]:
        chosen = draw(st.lists(st.sampled_from(ids), unique=True, max_size=max_size))
        out: list[Evidence] = []
        used_groups: set[str] = set()
        for fid in chosen:
            state = draw(st.sampled_from(["present", "absent", "unknown"]))
            group = kb.findings[fid].exclusive_group
            if state == "present" and group is not None:
                if group in used_groups:
                    state = "absent"
                used_groups.add(group)
            given = {e.id: e.state for e in out}
            if state == "present" and any(given.get(p) == "absent" for p in kb.broader[fid]):
                state = "unknown"
            narrower = kb.narrower.get(fid, ())
            if state == "absent" and any(given.get(c) == "present" for c in narrower):
                state = "unknown"
            out.append(Evidence(fid, state))
        return out

    return build()
