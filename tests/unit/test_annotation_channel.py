"""The disease-annotation channel (``engine.annotations``) on hand-built annotations: golden
numbers worked out by hand (the arithmetic beside each), no ontology.

The model numbers are those of ``kb/annotations/selection.yaml``: missing frequency 0.545, no match
0.25, unannotated cause 0.25 per present term, excluded 0.05 (also the floor), cap 50.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twitchcheck.engine.annotations import ChannelScore, TermQuery, score, score_term
from twitchcheck.knowledge.annotations import (
    AnnotatedTerm,
    Annotations,
    CauseAnnotations,
    Disease,
    MatchModel,
    SelectionFile,
)

BASIS = "a basis long enough for the schema's twenty characters"


def _sourced(value: float) -> dict[str, Any]:
    return {"value": value, "source": "test_source", "estimate": True, "basis": BASIS}


MODEL_DICT: dict[str, Any] = {
    "frequencies": {
        "obligate": 1.0,
        "very_frequent": 0.895,
        "frequent": 0.545,
        "occasional": 0.17,
        "very_rare": 0.025,
        "excluded": 0.0,
        "source": "test_source",
        "basis": BASIS,
    },
    "missing_frequency": _sourced(0.545),
    "no_match_ratio": _sourced(0.25),
    "unannotated_ratio": _sourced(0.25),
    "excluded_ratio": _sourced(0.05),
    "max_ratio": _sourced(50.0),
}
MODEL = MatchModel.model_validate(MODEL_DICT)

# Terms (only their shape matters here: the ontology is not consulted).
A = "HP:0000001"
B = "HP:0000002"
C = "HP:0000003"
ROOT = "HP:0000118"
PARENT = "HP:0000010"
GRANDPARENT = "HP:0000011"
OTHER = "HP:0000099"


def term(tid: str, f: float, *, excluded: bool = False, refs: Sequence[str] = ()) -> AnnotatedTerm:
    return AnnotatedTerm(
        term=tid,
        frequency=0.0 if excluded else f,
        given="" if excluded else f"{f}",
        excluded=excluded,
        references=list(refs),
    )


def disease(did: str, terms: Sequence[AnnotatedTerm], weight: float = 1.0) -> Disease:
    return Disease(id=did, name=f"disease {did}", weight=weight, terms=list(terms))


def query(
    tid: str,
    background: float,
    *,
    state: str = "present",
    below: Iterable[str] | None = None,
    above: Mapping[str, float] | None = None,
) -> TermQuery:
    return TermQuery(
        term=tid,
        state=state,  # type: ignore[arg-type]
        background=background,
        below=frozenset(below if below is not None else ()),
        above=MappingProxyType(dict(above or {})),
        label=f"label of {tid}",
    )


def build_annotations(causes: Mapping[str, Sequence[Disease]]) -> Annotations:
    selection = SelectionFile.model_validate(
        {
            "source": "test_source",
            "model_source": "test_source",
            "model": MODEL_DICT,
            "causes": {
                cid: {"diseases": [d.id for d in ds], "basis": BASIS} for cid, ds in causes.items()
            },
        }
    )
    built = {
        cid: CauseAnnotations(
            cause=cid,
            release="2025-01-16",
            source="test_source",
            generated_by="test",
            diseases=list(ds),
        )
        for cid, ds in causes.items()
    }
    return Annotations(selection, built)


# -- one term against one disease ------------------------------------------------------------


def test_exact_match_is_frequency_over_background() -> None:
    d = disease("OMIM:100001", [term(A, 0.545, refs=["PMID:1"])])
    s = score_term(d, query(A, 0.1, below=[A]), MODEL)
    assert s.ratio == pytest.approx(5.45)  # 0.545 / 0.1 = 5.45
    assert s.match == "exact"
    assert s.annotated == A and s.frequency == 0.545 and s.references == ("PMID:1",)
    assert s.label == f"label of {A}" and s.state == "present"


def test_broader_query_uses_the_annotated_term_below() -> None:
    # The person has PARENT; the disease is annotated with A, which lies below PARENT.
    d = disease("OMIM:100001", [term(A, 0.17)])
    s = score_term(d, query(PARENT, 0.2, below=[PARENT, A]), MODEL)
    assert s.ratio == pytest.approx(0.85)  # 0.17 / 0.2 = 0.85
    assert s.match == "query_broader" and s.annotated == A and s.frequency == 0.17


def test_broader_query_takes_at_least_one_of_the_annotations_below() -> None:
    d = disease("OMIM:100001", [term(A, 0.17), term(B, 0.895), term(C, 0.545)])
    s = score_term(d, query(PARENT, 0.25, below=[PARENT, A, B, C]), MODEL)
    # P(at least one) = 1 - (1 - 0.17)(1 - 0.895)(1 - 0.545) = 1 - 0.83 * 0.105 * 0.455
    #                 = 1 - 0.03965325 = 0.96034675; / 0.25 = 3.841387
    assert s.frequency == pytest.approx(0.96034675)
    assert s.ratio == pytest.approx(3.841387)
    assert s.match == "query_broader" and s.annotated == B  # the likeliest one is shown


def test_the_term_itself_annotated_is_an_exact_match_with_those_below() -> None:
    # The term itself is annotated at 0.17, a term below it at 0.895.
    d = disease("OMIM:100001", [term(PARENT, 0.17), term(A, 0.895)])
    s = score_term(d, query(PARENT, 0.5, below=[PARENT, A]), MODEL)
    # 1 - (1 - 0.17)(1 - 0.895) = 1 - 0.08715 = 0.91285; / 0.5 = 1.8257
    assert s.ratio == pytest.approx(1.8257)
    assert s.match == "exact" and s.annotated == A
    # an absent query: (1 - 0.91285) / (1 - 0.5) = 0.1743
    s = score_term(d, query(PARENT, 0.5, state="absent", below=[PARENT, A]), MODEL)
    assert s.ratio == pytest.approx(0.1743) and s.match == "exact"


def test_narrower_query_uses_the_ancestors_background() -> None:
    # The person has A; the disease is annotated with PARENT (above A), background of PARENT 0.4,
    # background of A itself 0.001 (never used: the annotation says no more than PARENT does).
    d = disease("OMIM:100001", [term(PARENT, 0.895)])
    s = score_term(d, query(A, 0.001, above={PARENT: 0.4}), MODEL)
    assert s.ratio == pytest.approx(2.2375)  # 0.895 / 0.4 = 2.2375
    assert s.match == "query_narrower" and s.annotated == PARENT and s.frequency == 0.895


def test_narrower_query_takes_the_best_ancestor() -> None:
    d = disease("OMIM:100001", [term(PARENT, 0.545), term(GRANDPARENT, 0.895)])
    q = query(A, 0.001, above={PARENT: 0.1, GRANDPARENT: 0.5})
    s = score_term(d, q, MODEL)
    # PARENT: 0.545 / 0.1 = 5.45; GRANDPARENT: 0.895 / 0.5 = 1.79 -> the larger ratio, 5.45
    assert s.ratio == pytest.approx(5.45) and s.annotated == PARENT


def test_a_term_below_wins_over_a_term_above() -> None:
    d = disease("OMIM:100001", [term(PARENT, 0.895), term(A, 0.17)])
    s = score_term(d, query(A, 0.1, below=[A], above={PARENT: 0.01}), MODEL)
    # exact: 0.17 / 0.1 = 1.7 (the ancestor's 0.895 / 0.01 = 89.5 is not consulted)
    assert s.ratio == pytest.approx(1.7) and s.match == "exact"


def test_excluded_term_gives_the_excluded_ratio() -> None:
    d = disease("OMIM:100001", [term(A, 0.0, excluded=True)])
    s = score_term(d, query(A, 0.1, below=[A]), MODEL)
    assert s.ratio == pytest.approx(0.05) and s.match == "excluded"  # excluded_ratio


def test_excluded_term_above_the_query_gives_the_excluded_ratio() -> None:
    # NOT PARENT: the disease's patients lack PARENT, so they lack A below it, even though A is
    # annotated present (the exclusion wins).
    d = disease("OMIM:100001", [term(A, 0.895), term(PARENT, 0.0, excluded=True)])
    s = score_term(d, query(A, 0.1, below=[A], above={PARENT: 0.3}), MODEL)
    assert s.ratio == pytest.approx(0.05) and s.match == "excluded"


def test_excluded_term_below_the_query_does_not_exclude_it() -> None:
    # NOT A (below PARENT) says nothing about PARENT as a whole: no match, 0.25.
    d = disease("OMIM:100001", [term(A, 0.0, excluded=True)])
    s = score_term(d, query(PARENT, 0.3, below=[PARENT, A]), MODEL)
    assert s.ratio == pytest.approx(0.25) and s.match == "none"


def test_no_match_is_the_no_match_ratio() -> None:
    d = disease("OMIM:100001", [term(OTHER, 0.895)])
    s = score_term(d, query(A, 0.1, below=[A]), MODEL)
    assert s.ratio == pytest.approx(0.25) and s.match == "none"  # no_match_ratio
    assert s.annotated is None and s.frequency is None and s.given is None
    assert s.references == ()


def test_ratio_is_capped() -> None:
    d = disease("OMIM:100001", [term(A, 0.9)])
    s = score_term(d, query(A, 0.001, below=[A]), MODEL)
    assert s.ratio == pytest.approx(50.0)  # 0.9 / 0.001 = 900 -> cap 50
    assert s.match == "exact"


def test_ratio_is_floored() -> None:
    d = disease("OMIM:100001", [term(A, 0.025)])
    s = score_term(d, query(A, 0.9, below=[A]), MODEL)
    assert s.ratio == pytest.approx(0.05)  # 0.025 / 0.9 = 0.0278 -> floor 0.05
    assert s.match == "exact"


def test_absent_term_matched() -> None:
    d = disease("OMIM:100001", [term(A, 0.895)])
    s = score_term(d, query(A, 0.3, state="absent", below=[A]), MODEL)
    assert s.ratio == pytest.approx(0.15)  # (1 - 0.895) / (1 - 0.3) = 0.105 / 0.7 = 0.15
    assert s.match == "exact" and s.state == "absent"


def test_absent_broader_term_matched() -> None:
    d = disease("OMIM:100001", [term(A, 0.17)])
    s = score_term(d, query(PARENT, 0.5, state="absent", below=[PARENT, A]), MODEL)
    assert s.ratio == pytest.approx(1.66)  # (1 - 0.17) / (1 - 0.5) = 0.83 / 0.5 = 1.66
    assert s.match == "query_broader"


def test_absent_obligate_term_is_floored() -> None:
    d = disease("OMIM:100001", [term(A, 1.0)])
    s = score_term(d, query(A, 0.3, state="absent", below=[A]), MODEL)
    assert s.ratio == pytest.approx(0.05)  # (1 - 1.0) / 0.7 = 0 -> floor 0.05


def test_absent_term_unmatched_is_neutral() -> None:
    d = disease("OMIM:100001", [term(OTHER, 0.895), term(PARENT, 0.895)])
    # Nothing below A is annotated; an annotated term above (PARENT) does not count for an
    # absent term (its absence says nothing certain about PARENT's frequency).
    s = score_term(d, query(A, 0.3, state="absent", above={PARENT: 0.5}), MODEL)
    assert s.ratio == 1.0 and s.match == "none"


def test_absent_term_excluded_by_the_disease_is_neutral() -> None:
    # The person lacks A and the disease's patients lack A: nothing is learned (ratio 1).
    d = disease("OMIM:100001", [term(A, 0.0, excluded=True)])
    s = score_term(d, query(A, 0.3, state="absent", below=[A]), MODEL)
    assert s.ratio == 1.0 and s.match == "none"


# -- a cause: the mixture over its diseases ---------------------------------------------------


def test_mixture_of_two_diseases() -> None:
    d1 = disease("OMIM:100001", [term(A, 1.0)], weight=0.5)  # 1.0 / 0.1 = 10
    d2 = disease("OMIM:100002", [term(OTHER, 0.5)], weight=0.5)  # no match: 0.25
    ch = score(build_annotations({"cause_x": [d1, d2]}), [query(A, 0.1, below=[A])])
    c = ch.causes["cause_x"]
    # 0.5 * 10 + 0.5 * 0.25 = 5 + 0.125 = 5.125
    assert math.exp(c.log_ratio) == pytest.approx(5.125)
    assert c.log_ratio == pytest.approx(math.log(5.125))
    assert ch.log_ratio("cause_x") == pytest.approx(math.log(5.125))
    assert c.disease == "OMIM:100001" and c.disease_name == "disease OMIM:100001"
    [t] = c.terms
    assert t.ratio == pytest.approx(10.0) and t.match == "exact"


def test_mixture_disease_is_the_one_with_most_weight_after_the_evidence() -> None:
    # d1 has the larger prior weight but the term argues against it:
    # d1: 0.8 * 0.25 = 0.2; d2: 0.2 * (0.545 / 0.1 = 5.45) = 1.09 -> d2 carries most weight.
    d1 = disease("OMIM:100001", [term(OTHER, 0.5)], weight=0.8)
    d2 = disease("OMIM:100002", [term(A, 0.545)], weight=0.2)
    ann = build_annotations({"cause_x": [d1, d2]})
    c = score(ann, [query(A, 0.1, below=[A])]).causes["cause_x"]
    assert math.exp(c.log_ratio) == pytest.approx(1.29)  # 0.2 + 1.09 = 1.29
    assert c.disease == "OMIM:100002"


def test_several_terms_multiply_within_a_disease() -> None:
    d = disease("OMIM:100001", [term(A, 0.545), term(B, 0.895)])
    qs = [query(A, 0.1, below=[A]), query(B, 0.3, state="absent", below=[B]), query(C, 0.2)]
    c = score(build_annotations({"cause_x": [d]}), qs).causes["cause_x"]
    # A: 0.545 / 0.1 = 5.45; B absent: 0.105 / 0.7 = 0.15; C unmatched: 0.25
    # 5.45 * 0.15 * 0.25 = 0.204375
    assert math.exp(c.log_ratio) == pytest.approx(0.204375)
    # terms sorted by |log ratio|: 5.45 (1.696), 0.15 (1.897), 0.25 (1.386) -> B, A, C
    assert [t.term for t in c.terms] == [B, A, C]


def test_unannotated_cause_gets_the_unannotated_ratio_per_present_term() -> None:
    d = disease("OMIM:100001", [term(A, 0.545)])
    qs = [query(A, 0.1, below=[A]), query(B, 0.2), query(C, 0.3, state="absent")]
    ch = score(build_annotations({"cause_x": [d]}), qs)
    # each present term: 0.25 + 0.75 * background -> A: 0.25 + 0.075 = 0.325,
    # B: 0.25 + 0.15 = 0.4; the absent term does not count: log(0.325 * 0.4) = log(0.13)
    assert ch.log_ratio("some_unannotated_cause") == pytest.approx(math.log(0.13))
    assert ch.unannotated_log_ratio == pytest.approx(math.log(0.13))
    assert ch.unannotated_ratio == 0.25
    assert "some_unannotated_cause" not in ch.causes


def test_a_term_nearly_every_disease_has_is_neutral_for_unannotated_causes() -> None:
    d = disease("OMIM:100001", [term(A, 0.545)])
    ch = score(build_annotations({"cause_x": [d]}), [query(ROOT, 0.9999, below=[ROOT, A])])
    # 0.25 + 0.75 * 0.9999 = 0.999925
    assert ch.log_ratio("some_unannotated_cause") == pytest.approx(math.log(0.999925))


def test_only_absent_terms_leave_unannotated_causes_unchanged() -> None:
    d = disease("OMIM:100001", [term(A, 0.545)])
    ch = score(build_annotations({"cause_x": [d]}), [query(C, 0.3, state="absent")])
    assert ch.log_ratio("some_unannotated_cause") == 0.0  # 0 present terms * log(0.25)
    assert ch.log_ratio("cause_x") == 0.0  # unmatched absent term: ratio 1, log 0


def test_no_queries_is_neutral() -> None:
    d = disease("OMIM:100001", [term(A, 0.545)])
    ch = score(build_annotations({"cause_x": [d]}), [])
    assert isinstance(ch, ChannelScore)
    assert dict(ch.causes) == {}
    assert ch.log_ratio("cause_x") == 0.0
    assert ch.log_ratio("some_unannotated_cause") == 0.0
    assert ch.release == "2025-01-16"


# -- properties ---------------------------------------------------------------------------------

_TIDS = [f"HP:{n:07d}" for n in range(1, 9)]
_FREQ = st.sampled_from([1.0, 0.895, 0.545, 0.17, 0.025, 0.5, 3 / 7, 0.0001])
_BG = st.floats(min_value=1e-5, max_value=1 - 1e-5, allow_nan=False)


@st.composite
def _annotated(draw: st.DrawFn) -> list[AnnotatedTerm]:
    tids = draw(st.lists(st.sampled_from(_TIDS), unique=True, max_size=6))
    return [term(t, draw(_FREQ), excluded=draw(st.booleans())) for t in tids]


@st.composite
def _queries(draw: st.DrawFn) -> TermQuery:
    tid = draw(st.sampled_from(_TIDS))
    others = [t for t in _TIDS if t != tid]
    below = draw(st.lists(st.sampled_from(others), unique=True, max_size=3))
    above_ids = draw(
        st.lists(st.sampled_from([t for t in others if t not in below]), unique=True, max_size=3)
    )
    above = {t: draw(_BG) for t in above_ids}
    return query(
        tid,
        draw(_BG),
        state=draw(st.sampled_from(["present", "absent"])),
        below=[tid, *below],
        above=above,
    )


@settings(max_examples=300, deadline=None)
@given(terms=_annotated(), q=_queries())
def test_every_term_ratio_is_within_floor_and_cap(terms: list[AnnotatedTerm], q: TermQuery) -> None:
    s = score_term(disease("OMIM:100001", terms), q, MODEL)
    assert 0.05 <= s.ratio <= 50.0
    assert math.isfinite(s.ratio)


@settings(max_examples=300, deadline=None)
@given(
    terms=_annotated(),
    q=_queries(),
    excluded=st.sampled_from(_TIDS),
)
def test_an_excluded_annotation_never_raises_a_present_terms_ratio(
    terms: list[AnnotatedTerm], q: TermQuery, excluded: str
) -> None:
    q = query(q.term, q.background, below=q.below, above=q.above)  # present
    before = score_term(disease("OMIM:100001", terms), q, MODEL).ratio
    more = [*terms, term(excluded, 0.0, excluded=True)]
    after = score_term(disease("OMIM:100001", more), q, MODEL).ratio
    assert after <= before


@settings(max_examples=100, deadline=None)
@given(
    weights=st.lists(st.floats(min_value=0.01, max_value=1.0), min_size=1, max_size=4),
    data=st.data(),
)
def test_cause_ratio_lies_between_its_diseases_extremes(
    weights: list[float], data: st.DataObject
) -> None:
    total = sum(weights)
    ds = [
        disease(f"OMIM:10000{i}", data.draw(_annotated()), weight=w / total)
        for i, w in enumerate(weights)
    ]
    qs = data.draw(st.lists(_queries(), min_size=1, max_size=4))
    c = score(build_annotations({"cause_x": ds}), qs).causes["cause_x"]
    per_disease = [math.prod(score_term(d, q, MODEL).ratio for q in qs) for d in ds]
    # A weighted mean (weights summing to 1) lies between the smallest and largest disease ratio.
    assert min(per_disease) * (1 - 1e-9) <= math.exp(c.log_ratio) <= max(per_disease) * (1 + 1e-9)


# -- many terms: the mixture must not leave floating point ------------------------------------

_MANY = [f"HP:{n:07d}" for n in range(100, 400)]


def test_two_hundred_capped_terms_do_not_overflow() -> None:
    d = disease("OMIM:100001", [term(t, 0.9) for t in _MANY])
    qs = [query(t, 0.001, below=[t]) for t in _MANY[:200]]  # each 0.9 / 0.001 -> cap 50
    c = score(build_annotations({"cause_x": [d]}), qs).causes["cause_x"]
    assert c.log_ratio == pytest.approx(200 * math.log(50))  # 200 * 3.912 = 782.4


def test_many_unmatched_terms_do_not_underflow() -> None:
    d = disease("OMIM:100001", [term("HP:0999999", 0.9)])
    qs = [query(t, 0.1, below=[t]) for t in (_MANY + _MANY)[:540]]
    c = score(build_annotations({"cause_x": [d]}), qs).causes["cause_x"]
    assert c.log_ratio == pytest.approx(540 * math.log(0.25))  # 540 * -1.386 = -748.6
