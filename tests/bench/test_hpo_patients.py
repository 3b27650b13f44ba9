"""The simulated-HPO-patients benchmark's pure parts: frequencies, the annotation file, the sampler.

A tiny in-memory annotation table and ontology; no network, no hpo3.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.hpo_patients import (
    Hierarchy,
    SimParams,
    SimPatient,
    first_rank,
    locate_hpoa,
    parse_frequency,
    parse_hpoa,
    simulate,
)

# A small ontology: child → parent (one parent each, enough here).
PARENT = {
    "HP:0000118": "HP:0000001",  # Phenotypic abnormality
    "HP:0000707": "HP:0000118",  # Abnormality of the nervous system (a direct child: "top")
    "HP:0012638": "HP:0000707",
    "HP:0002380": "HP:0012638",  # Fasciculations
    "HP:0001308": "HP:0002380",  # Tongue fasciculations
    "HP:0003394": "HP:0012638",  # Muscle cramps
    "HP:0001324": "HP:0012638",  # Muscle weakness
    "HP:0000152": "HP:0000118",  # head or neck (top)
    "HP:0000234": "HP:0000152",
    "HP:0000240": "HP:0000234",
    "HP:0000256": "HP:0000240",
    "HP:0000478": "HP:0000118",  # eye (top)
    "HP:0000479": "HP:0000478",
    "HP:0000505": "HP:0000479",
    "HP:0000518": "HP:0000479",
}
TOP = frozenset({"HP:0000001", "HP:0000118", "HP:0000707", "HP:0000152", "HP:0000478"})


def ancestors(term: str) -> frozenset[str]:
    out = []
    while term in PARENT:
        term = PARENT[term]
        out.append(term)
    return frozenset(out)


HIERARCHY = Hierarchy(
    ancestors={t: ancestors(t) for t in [*PARENT, "HP:0000001"]},
    pool=tuple(sorted(t for t in PARENT if "HP:0000118" in ancestors(t))),
    top=TOP,
)

HPOA = """\
#description: "HPO annotations for rare diseases"
#version: 2025-01-16
database_id\tdisease_name\tqualifier\thpo_id\treference\tevidence\tonset\tfrequency\tsex\tmodifier\taspect\tbiocuration
OMIM:1\tDisease one\t\tHP:0001308\tPMID:1\tPCS\t\tHP:0040281\t\t\tP\tHPO:x
OMIM:1\tDisease one\t\tHP:0003394\tPMID:1\tPCS\t\t3/7\t\t\tP\tHPO:x
OMIM:1\tDisease one\t\tHP:0003394\tPMID:2\tPCS\t\t25%\t\t\tP\tHPO:x
OMIM:1\tDisease one\tNOT\tHP:0001324\tPMID:1\tPCS\t\t\t\t\tP\tHPO:x
OMIM:1\tDisease one\t\tHP:0003593\tPMID:1\tPCS\t\t\t\t\tC\tHPO:x
OMIM:1\tDisease one\t\tHP:0000006\tPMID:1\tPCS\t\t\t\t\tI\tHPO:x
OMIM:2\tDisease two\t\tHP:0002380\tPMID:3\tTAS\t\t\t\t\tP\tHPO:x
OMIM:2\tDisease two\t\tHP:0000505\tPMID:3\tTAS\t\tHP:0040285\t\t\tP\tHPO:x
OMIM:3\tNot wanted\t\tHP:0000240\tPMID:4\tTAS\t\t\t\t\tP\tHPO:x
"""
SELECTION = {"cause_one": ["OMIM:1"], "cause_two": ["OMIM:2", "OMIM:404"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HP:0040280", 1.0),
        ("HP:0040281", 0.895),
        ("HP:0040284", 0.025),
        ("HP:0040285", 0.0),
        ("3/7", 3 / 7),
        ("0/5", 0.0),
        ("25%", 0.25),
        ("12.5%", 0.125),
        ("", None),
        ("  ", None),
    ],
)
def test_frequency(text: str, expected: float | None) -> None:
    assert parse_frequency(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["HP:0000118", "3/0", "8/7", "120%", "often"])
def test_frequency_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_frequency(text)


def test_annotation_table() -> None:
    diseases = parse_hpoa(HPOA.splitlines(keepends=True), ["OMIM:1", "OMIM:2", "OMIM:404"])
    assert set(diseases) == {"OMIM:1", "OMIM:2"}
    one = diseases["OMIM:1"]
    assert one.name == "Disease one"
    assert [(a.term, a.frequency, a.excluded) for a in one.terms] == [
        ("HP:0001308", 0.895, False),
        ("HP:0001324", None, True),
        ("HP:0003394", pytest.approx(3 / 7), False),  # two rows: the higher frequency
    ]
    assert one.onsets == ("HP:0003593",)  # aspect C onset; the inheritance row is ignored
    two = diseases["OMIM:2"]
    assert two.excluded == ("HP:0000505",)  # frequency "excluded" without NOT
    assert [a.term for a in two.present] == ["HP:0002380"]


def patients(params: SimParams) -> list[SimPatient]:
    """The sampler on the tiny table (two and one terms: below LIRICAL's five, so the rule is off
    here unless a test sets ``min_annotations``)."""
    diseases = parse_hpoa(HPOA.splitlines(keepends=True), ["OMIM:1", "OMIM:2", "OMIM:404"])
    out, missing = simulate(SELECTION, diseases, HIERARCHY, params)
    assert missing == {"OMIM:404": "not in the annotation file"}
    return out


def test_too_few_annotations_are_left_out_as_lirical_does() -> None:
    """LIRICAL draws only diseases with at least as many phenotypic abnormalities as a case has
    terms (5): a two-term disease gives no patients, and a cause left with no disease has none."""
    assert SimParams().min_annotations == 5
    diseases = parse_hpoa(HPOA.splitlines(keepends=True), ["OMIM:1", "OMIM:2", "OMIM:404"])
    out, missing = simulate(SELECTION, diseases, HIERARCHY, SimParams(per_cause=4))
    assert out == []
    assert missing == {
        "OMIM:1": "2 phenotypic-abnormality annotations, fewer than 5",
        "OMIM:2": "1 phenotypic-abnormality annotations, fewer than 5",
        "OMIM:404": "not in the annotation file",
    }
    out, missing = simulate(
        SELECTION, diseases, HIERARCHY, SimParams(per_cause=4, min_annotations=2)
    )
    assert {p.cause for p in out} == {"cause_one"} and len(out) == 4
    assert set(missing) == {"OMIM:2", "OMIM:404"}


def test_sampler_is_reproducible_and_honest() -> None:
    params = SimParams(per_cause=30, noise=(1, 1), absent=(1, 2), min_annotations=1)
    first, second = patients(params), patients(params)
    assert first == second
    assert patients(SimParams(per_cause=30, seed=1, noise=(1, 1), min_annotations=1)) != first
    assert [p.id for p in first][:2] == ["cause_one-000", "cause_one-001"]
    assert {p.cause for p in first} == {"cause_one", "cause_two"}
    excluded = {"cause_one": {"HP:0001324"}, "cause_two": {"HP:0000505"}}
    for p in first:
        nots = excluded[p.cause]
        assert not nots & set(p.present), p  # a NOT term is never given as present
        assert len(p.noise) == 1 and p.noise[0] in p.present
        assert 1 <= len(p.absent) <= 2
        assert not set(p.absent) & set(p.present)
        for a in p.absent:  # never an ancestor or descendant of a present term
            assert all(not HIERARCHY.related(a, t) for t in p.present), (a, p)
        if p.absent_from == "not":
            assert set(p.absent) <= nots
        if p.imprecise:
            broader = p.imprecise.split(" -> ")[1]
            assert broader in p.present and broader not in TOP
        if p.cause == "cause_one":
            assert 0.1 <= p.age <= 1.0  # infantile onset
        else:
            assert p.age == 45.0
    # The NOT annotations do come out as absent terms, for both diseases.
    assert any("HP:0001324" in p.absent for p in first)
    assert any("HP:0000505" in p.absent for p in first)
    assert any(p.imprecise for p in first)


def test_at_most_max_terms_and_never_empty() -> None:
    for p in patients(SimParams(per_cause=20, max_terms=1, noise=(1, 1), min_annotations=1)):
        assert len(p.present) == 2  # one drawn (or the most frequent) + one noise term


def test_first_rank() -> None:
    assert first_rank(["a", "b", "c"], ["c", "b"]) == 2
    assert first_rank(["a"], ["z"]) is None


def test_missing_annotation_file_is_reported(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TWITCHCHECK_HPOA", str(tmp_path / "nope.hpoa"))
    path, why = locate_hpoa(tmp_path)
    assert path is None and "TWITCHCHECK_HPOA" in why
