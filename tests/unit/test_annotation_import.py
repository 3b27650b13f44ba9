"""The disease-annotation importer and its kb checks (``knowledge.annotations``) on tiny
``phenotype.hpoa`` files written in tmp_path (never the real HPO file: CI has none)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import KB_DIR
from twitchcheck import KnowledgeBase, load_knowledge
from twitchcheck.errors import KnowledgeError
from twitchcheck.knowledge.annotations import (
    Annotations,
    CauseAnnotations,
    MatchModel,
    SelectionFile,
    check_annotations,
    frequency_of,
    import_annotations,
    load_selection,
    read_hpoa,
)

EXE = Path(sys.executable).with_name("twitchcheck")
RELEASE = "2025-01-16"
COLUMNS = (
    "database_id",
    "disease_name",
    "qualifier",
    "hpo_id",
    "reference",
    "evidence",
    "onset",
    "frequency",
    "sex",
    "modifier",
    "aspect",
    "biocuration",
)
ALS_NAME = "Amyotrophic lateral sclerosis"
ALS1_NAME = "Amyotrophic lateral sclerosis 1"


def row(
    disease: str,
    name: str,
    term: str,
    frequency: str = "",
    *,
    qualifier: str = "",
    reference: str = "PMID:1",
    aspect: str = "P",
) -> tuple[str, ...]:
    return (
        disease,
        name,
        qualifier,
        term,
        reference,
        "TAS",
        "",
        frequency,
        "",
        "",
        aspect,
        "HPO:test[2025-01-16]",
    )


def hpoa_text(
    rows: Sequence[Sequence[str]],
    *,
    release: str | None = RELEASE,
    columns: Sequence[str] = COLUMNS,
) -> str:
    lines = ['#description: "HPO annotations for rare diseases [tiny test file]"']
    if release is not None:
        lines.append(f"#version: {release}")
    lines += [
        "#tracker: https://github.com/obophenotype/human-phenotype-ontology/issues",
        f"#hpo-version: http://purl.obolibrary.org/obo/hp/releases/{release}/hp.json",
        "\t".join(columns),
        *("\t".join(r) for r in rows),
    ]
    return "\n".join(lines) + "\n"


def write_hpoa(path: Path, rows: Sequence[Sequence[str]], **kw: Any) -> Path:
    path.write_text(hpoa_text(rows, **kw), encoding="utf-8")
    return path


#: A tiny file for the two ALS diseases the real selection names (ORPHA:803, OMIM:105400).
ALS_ROWS = [
    row("ORPHA:803", ALS_NAME, "HP:0000217", "HP:0040282", reference="ORPHA:803"),  # frequent
    row("ORPHA:803", ALS_NAME, "HP:0002180", "HP:0040281", reference="ORPHA:803"),  # very freq.
    row("ORPHA:803", ALS_NAME, "HP:0001250", "", qualifier="NOT", reference="ORPHA:803"),
    row("ORPHA:803", ALS_NAME, "HP:0000006", "", reference="ORPHA:803", aspect="I"),  # not P
    row("OMIM:105400", ALS1_NAME, "HP:0007354", "3/7", reference="PMID:11"),
    row("OMIM:105400", ALS1_NAME, "HP:0002015", "25%", reference="PMID:12"),
    row("OMIM:105400", ALS1_NAME, "HP:0003394", "", reference="PMID:13"),  # no frequency
    # the same term twice with two references (the same frequency): merged into one
    row("OMIM:105400", ALS1_NAME, "HP:0001283", "HP:0040283", reference="PMID:14"),
    row("OMIM:105400", ALS1_NAME, "HP:0001283", "HP:0040283", reference="PMID:15;OMIM:105400"),
]


def selection_dict(causes: dict[str, Any]) -> dict[str, Any]:
    """The real selection.yaml with other causes."""
    data: dict[str, Any] = yaml.safe_load((KB_DIR / "annotations" / "selection.yaml").read_text())
    data["causes"] = causes
    return data


BASIS = "a basis long enough for the schema"
ALS_ONLY = {"als": {"diseases": ["ORPHA:803", "OMIM:105400"], "basis": BASIS}}


def tiny_root(tmp_path: Path, causes: dict[str, Any] = ALS_ONLY) -> Path:
    """A folder holding only annotations/selection.yaml: all the importer reads."""
    root = tmp_path / "kb"
    (root / "annotations").mkdir(parents=True)
    (root / "annotations" / "selection.yaml").write_text(yaml.safe_dump(selection_dict(causes)))
    return root


@pytest.fixture(scope="module")
def model() -> MatchModel:
    return load_selection(KB_DIR).model


# -- frequencies ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("HP:0040280", 1.0),  # obligate
        ("HP:0040281", 0.895),  # very frequent: middle of 80-99%
        ("HP:0040282", 0.545),  # frequent: middle of 30-79%
        ("HP:0040283", 0.17),  # occasional: middle of 5-29%
        ("HP:0040284", 0.025),  # very rare: middle of 1-4%
        ("HP:0040285", 0.0),  # excluded
        ("3/7", 3 / 7),
        ("1/1", 1.0),
        ("0/5", 0.0),
        ("9/7", 1.0),  # more cases than patients: capped at 1
        ("25%", 0.25),
        ("12.5%", 0.125),
        ("150%", 1.0),
        ("", 0.545),  # no frequency: missing_frequency
        ("3/0", 0.545),  # no patients: not a frequency
        ("often", 0.545),
        ("HP:0000001", 0.545),  # an HPO term that is no frequency term
    ],
)
def test_frequency_of(model: MatchModel, given: str, expected: float) -> None:
    assert frequency_of(given, model) == pytest.approx(expected)


# -- reading the file ---------------------------------------------------------------------------


def test_read_hpoa_release_and_phenotype_rows(tmp_path: Path) -> None:
    release, rows = read_hpoa(write_hpoa(tmp_path / "p.hpoa", ALS_ROWS))
    assert release == RELEASE
    assert len(rows) == len(ALS_ROWS) - 1  # the inheritance row (aspect I) is left out
    assert all(r.term != "HP:0000006" for r in rows)
    not_row = next(r for r in rows if r.term == "HP:0001250")
    assert not_row.negated and not_row.disease == "ORPHA:803" and not_row.name == ALS_NAME
    assert next(r for r in rows if r.term == "HP:0007354").frequency == "3/7"


def test_read_hpoa_skips_rows_with_the_wrong_number_of_cells(tmp_path: Path) -> None:
    path = tmp_path / "p.hpoa"
    text = hpoa_text(ALS_ROWS[:2]) + "ORPHA:803\tshort row\n"
    path.write_text(text, encoding="utf-8")
    _, rows = read_hpoa(path)
    assert [r.term for r in rows] == ["HP:0000217", "HP:0002180"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (hpoa_text(ALS_ROWS, release=None), "not a phenotype.hpoa file"),  # no #version
        ("#version: 2025-01-16\n#only comments\n", "not a phenotype.hpoa file"),  # no header
        ("", "not a phenotype.hpoa file"),
        ("#version: \n" + "\t".join(COLUMNS) + "\n", "not a phenotype.hpoa file"),
    ],
    ids=["no-version", "no-header", "empty", "empty-version"],
)
def test_malformed_file_is_a_knowledge_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.hpoa"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        read_hpoa(path)
    assert len(err.value.problems) == 1
    assert str(path) in err.value.problems[0] and message in err.value.problems[0]


def test_not_utf8_or_missing_file_is_a_knowledge_error(tmp_path: Path) -> None:
    binary = tmp_path / "binary.hpoa"
    binary.write_bytes(b"#version: 2025\n\xff\xfe\x00garbage")
    with pytest.raises(KnowledgeError, match="cannot read the annotation file"):
        read_hpoa(binary)
    with pytest.raises(KnowledgeError, match="cannot read the annotation file"):
        read_hpoa(tmp_path / "missing.hpoa")


def test_header_without_a_needed_column_is_a_knowledge_error(tmp_path: Path) -> None:
    columns = [c for c in COLUMNS if c != "frequency"]
    rows = [[c for i, c in enumerate(r) if COLUMNS[i] != "frequency"] for r in ALS_ROWS]
    path = write_hpoa(tmp_path / "p.hpoa", rows, columns=columns)
    with pytest.raises(KnowledgeError, match="frequency"):
        read_hpoa(path)


# -- the generated files --------------------------------------------------------------------------


def _imported(tmp_path: Path, rows: Sequence[Sequence[str]] = ALS_ROWS) -> CauseAnnotations:
    root = tiny_root(tmp_path)
    written = import_annotations(root, write_hpoa(tmp_path / "p.hpoa", rows))
    assert written == [root / "annotations" / "diseases" / "als.yaml"]
    text = written[0].read_text(encoding="utf-8")
    assert text.startswith("# Generated by `twitchcheck kb import-annotations`")
    assert f"(release {RELEASE})" in text
    return CauseAnnotations.model_validate(yaml.safe_load(text))


def test_import_writes_one_file_per_cause(tmp_path: Path) -> None:
    als = _imported(tmp_path)
    assert als.cause == "als" and als.release == RELEASE and als.source == "hpo_annotations"
    assert als.generated_by == "twitchcheck kb import-annotations"
    assert [d.id for d in als.diseases] == ["ORPHA:803", "OMIM:105400"]  # the selection's order
    assert [d.name for d in als.diseases] == [ALS_NAME, ALS1_NAME]
    assert [d.weight for d in als.diseases] == [0.5, 0.5]  # equal unless weighted
    orpha = {t.term: t for t in als.diseases[0].terms}
    assert "HP:0000006" not in orpha  # inheritance (aspect I) is no phenotype


def test_import_frequencies(tmp_path: Path) -> None:
    terms = {t.term: t for t in _imported(tmp_path).diseases[1].terms}
    assert (terms["HP:0007354"].frequency, terms["HP:0007354"].given) == (0.4286, "3/7")  # 3/7
    assert (terms["HP:0002015"].frequency, terms["HP:0002015"].given) == (0.25, "25%")
    assert (terms["HP:0003394"].frequency, terms["HP:0003394"].given) == (0.545, "")  # missing
    orpha = {t.term: t for t in _imported(tmp_path / "again").diseases[0].terms}
    assert (orpha["HP:0002180"].frequency, orpha["HP:0002180"].given) == (0.895, "HP:0040281")
    assert (orpha["HP:0000217"].frequency, orpha["HP:0000217"].given) == (0.545, "HP:0040282")


def test_import_not_qualifier_is_an_excluded_term(tmp_path: Path) -> None:
    orpha = _imported(tmp_path).diseases[0]
    seizure = next(t for t in orpha.terms if t.term == "HP:0001250")
    assert seizure.excluded and seizure.frequency == 0.0
    assert seizure.references == ["ORPHA:803"]
    # excluded terms come after the present ones
    assert [t.excluded for t in orpha.terms] == sorted(t.excluded for t in orpha.terms)


def test_import_merges_a_term_given_twice_and_keeps_every_reference(tmp_path: Path) -> None:
    omim = _imported(tmp_path).diseases[1]
    twice = [t for t in omim.terms if t.term == "HP:0001283"]
    assert len(twice) == 1
    assert twice[0].references == ["OMIM:105400", "PMID:14", "PMID:15"]  # union, sorted
    assert twice[0].frequency == 0.17 and twice[0].given == "HP:0040283"


def test_import_merge_keeps_the_larger_frequency(tmp_path: Path) -> None:
    rows = [
        *ALS_ROWS[:2],
        row("OMIM:105400", ALS1_NAME, "HP:0001283", "HP:0040281", reference="PMID:20"),
        row("OMIM:105400", ALS1_NAME, "HP:0001283", "HP:0040283", reference="PMID:21"),
    ]
    [t] = [t for t in _imported(tmp_path, rows).diseases[1].terms if t.term == "HP:0001283"]
    assert t.frequency == 0.895  # max(0.895, 0.17)
    assert t.given == "HP:0040281" and t.references == ["PMID:20", "PMID:21"]


def test_import_merge_given_matches_the_frequency_kept(tmp_path: Path) -> None:
    rows = [
        *ALS_ROWS[:2],
        row("OMIM:105400", ALS1_NAME, "HP:0001283", "HP:0040283", reference="PMID:20"),
        row("OMIM:105400", ALS1_NAME, "HP:0001283", "HP:0040281", reference="PMID:21"),
    ]
    [t] = [t for t in _imported(tmp_path, rows).diseases[1].terms if t.term == "HP:0001283"]
    assert t.frequency == 0.895  # max(0.17, 0.895)
    assert t.given == "HP:0040281"


def test_import_a_term_both_present_and_excluded_keeps_both(tmp_path: Path) -> None:
    rows = [
        *ALS_ROWS[:2],
        row("OMIM:105400", ALS1_NAME, "HP:0001283", "HP:0040282", reference="PMID:30"),
        row("OMIM:105400", ALS1_NAME, "HP:0001283", "", qualifier="NOT", reference="PMID:31"),
    ]
    both = [t for t in _imported(tmp_path, rows).diseases[1].terms if t.term == "HP:0001283"]
    assert [(t.excluded, t.frequency, t.references) for t in both] == [
        (False, 0.545, ["PMID:30"]),
        (True, 0.0, ["PMID:31"]),
    ]


def test_import_weights_are_normalised(tmp_path: Path) -> None:
    causes = {"als": {**ALS_ONLY["als"], "weights": {"ORPHA:803": 3.0}}}
    root = tiny_root(tmp_path, causes)
    [path] = import_annotations(root, write_hpoa(tmp_path / "p.hpoa", ALS_ROWS))
    als = CauseAnnotations.model_validate(yaml.safe_load(path.read_text()))
    assert [d.weight for d in als.diseases] == [0.75, 0.25]  # 3 / (3 + 1), 1 / (3 + 1)


def test_import_removes_files_of_causes_no_longer_selected(tmp_path: Path) -> None:
    root = tiny_root(tmp_path)
    stale = root / "annotations" / "diseases" / "sma.yaml"
    stale.parent.mkdir(parents=True)
    stale.write_text("cause: sma\n")
    import_annotations(root, write_hpoa(tmp_path / "p.hpoa", ALS_ROWS))
    assert not stale.exists()
    assert sorted(p.name for p in stale.parent.iterdir()) == ["als.yaml"]


def test_a_selected_disease_missing_from_the_file(tmp_path: Path) -> None:
    root = tiny_root(tmp_path)
    rows = [r for r in ALS_ROWS if r[0] != "OMIM:105400"]
    with pytest.raises(KnowledgeError) as err:
        import_annotations(root, write_hpoa(tmp_path / "p.hpoa", rows))
    assert err.value.problems == [
        f"kb/annotations/selection.yaml: als: OMIM:105400 not in release {RELEASE}"
    ]


def test_a_disease_with_only_non_phenotype_rows_is_missing(tmp_path: Path) -> None:
    root = tiny_root(tmp_path)
    rows = [
        *(r for r in ALS_ROWS if r[0] != "OMIM:105400"),
        row("OMIM:105400", ALS1_NAME, "HP:0000006", "", aspect="I"),
    ]
    with pytest.raises(KnowledgeError, match="OMIM:105400 not in release"):
        import_annotations(root, write_hpoa(tmp_path / "p.hpoa", rows))


def test_import_with_an_invalid_selection(tmp_path: Path) -> None:
    root = tiny_root(tmp_path, {"als": {"diseases": ["MONDO:0004976"], "basis": BASIS}})
    with pytest.raises(KnowledgeError, match=r"selection\.yaml"):
        import_annotations(root, write_hpoa(tmp_path / "p.hpoa", ALS_ROWS))


def test_a_failed_import_writes_nothing(tmp_path: Path) -> None:
    causes = {**ALS_ONLY, "sma": {"diseases": ["ORPHA:70"], "basis": BASIS}}
    root = tiny_root(tmp_path, causes)
    out = root / "annotations" / "diseases"
    out.mkdir(parents=True)
    (out / "als.yaml").write_text("the previous import\n")
    with pytest.raises(KnowledgeError, match="ORPHA:70 not in release"):
        import_annotations(root, write_hpoa(tmp_path / "p.hpoa", ALS_ROWS, release="2099-01-01"))
    assert (out / "als.yaml").read_text() == "the previous import\n"


# -- cross-file checks ---------------------------------------------------------------------------


def _ann(kb: KnowledgeBase, **changes: Any) -> Annotations:
    assert kb.annotations is not None
    return Annotations(
        changes.get("selection", kb.annotations.selection),
        changes.get("causes", kb.annotations.causes),
    )


def test_the_real_kb_has_no_annotation_problems(kb: KnowledgeBase) -> None:
    assert check_annotations(_ann(kb), kb.conditions, kb.sources) == []


def test_check_reports_an_unknown_cause(kb: KnowledgeBase) -> None:
    conditions = {k: v for k, v in kb.conditions.items() if k != "post_polio"}
    problems = check_annotations(_ann(kb), conditions, kb.sources)
    assert problems == ["kb/annotations/selection.yaml: causes: unknown condition 'post_polio'"]


def test_check_reports_an_unknown_source(kb: KnowledgeBase) -> None:
    sources = {k: v for k, v in kb.sources.items() if k != "hpo_frequency_terms"}
    problems = check_annotations(_ann(kb), kb.conditions, sources)
    assert problems == ["kb/annotations/selection.yaml: unknown source 'hpo_frequency_terms'"]


def test_check_reports_a_generated_file_that_no_longer_matches(kb: KnowledgeBase) -> None:
    assert kb.annotations is not None
    data = kb.annotations.selection.model_dump(mode="json")
    data["causes"]["als"]["diseases"] = ["ORPHA:803"]  # OMIM:105400 dropped from the selection
    sel = SelectionFile.model_validate(data)
    problems = check_annotations(_ann(kb, selection=sel), kb.conditions, kb.sources)
    assert problems == [
        "kb/annotations/diseases/als.yaml: its diseases differ from selection.yaml "
        "(run `twitchcheck kb import-annotations`)"
    ]


def test_check_reports_missing_stray_and_mixed_files(kb: KnowledgeBase) -> None:
    assert kb.annotations is not None
    causes = dict(kb.annotations.causes)
    del causes["sma"]  # selected, never generated
    causes["stray"] = causes["als"].model_copy(update={"cause": "stray"})  # generated, not selected
    causes["post_polio"] = causes["post_polio"].model_copy(
        update={"release": "2099-01-01", "source": "other_source"}
    )
    problems = check_annotations(_ann(kb, causes=causes), kb.conditions, kb.sources)
    assert set(problems) == {
        "kb/annotations/selection.yaml: sma: no generated file "
        "(run `twitchcheck kb import-annotations`)",
        "kb/annotations/diseases/stray.yaml: cause not in selection.yaml",
        "kb/annotations/diseases/post_polio.yaml: source differs from selection",
        f"kb/annotations/diseases: releases mixed: {RELEASE}, 2099-01-01",
    }


def test_check_reports_a_weight_for_a_disease_not_listed(kb: KnowledgeBase) -> None:
    assert kb.annotations is not None
    data = kb.annotations.selection.model_dump(mode="json")
    data["causes"]["als"]["weights"] = {"OMIM:999999": 2.0}
    sel = SelectionFile.model_validate(data)
    problems = check_annotations(_ann(kb, selection=sel), kb.conditions, kb.sources)
    assert problems == [
        "kb/annotations/selection.yaml: als: weight for a disease not listed: OMIM:999999"
    ]


def test_a_kb_whose_generated_file_differs_does_not_load(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(KB_DIR, root)
    sel = root / "annotations" / "selection.yaml"
    data = yaml.safe_load(sel.read_text())
    data["causes"]["als"]["diseases"] = ["ORPHA:803"]
    sel.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(root)
    assert any("als.yaml: its diseases differ" in p for p in err.value.problems)


# -- the real kb ----------------------------------------------------------------------------------


def test_the_real_kb_loads_with_annotations(kb: KnowledgeBase) -> None:
    ann = kb.annotations
    assert ann is not None and ann.release == RELEASE
    assert set(ann.causes) == set(ann.selection.causes)
    assert set(ann.causes) <= set(kb.conditions)
    for cid, cause in ann.causes.items():
        assert [d.id for d in cause.diseases] == ann.selection.causes[cid].diseases
        assert sum(d.weight for d in cause.diseases) == pytest.approx(1.0, abs=1e-5)
        for d in cause.diseases:
            assert d.terms, f"{cid} {d.id}: no terms"
            for t in d.terms:
                assert t.references, f"{cid} {d.id} {t.term}: no reference"
                assert (t.frequency == 0.0) if t.excluded else (0.0 < t.frequency <= 1.0)
    assert "HP:0000217" in ann.vocabulary()  # xerostomia, annotated to ORPHA:803 (ALS)


def test_kb_validate_mentions_the_annotations() -> None:
    env = {**os.environ, "COLUMNS": "120", "TWITCHCHECK_KB": str(KB_DIR)}
    env.pop("TWITCHCHECK_DEBUG", None)
    proc = subprocess.run(
        [str(EXE), "kb", "validate"], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert f"disease annotations (HPO {RELEASE})" in proc.stdout
    assert "causes" in proc.stdout and "frequencies" in proc.stdout


REAL_HPOA = KB_DIR.parent / "bench" / ".cache" / f"hpo-{RELEASE}" / "phenotype.hpoa"


@pytest.mark.skipif(not REAL_HPOA.is_file(), reason="the real phenotype.hpoa is not cached here")
def test_generated_files_are_what_the_import_writes(tmp_path: Path) -> None:
    """Optional (skipped without the real file, as in CI): the kb's generated files are exactly
    what importing the release again gives."""
    root = tmp_path / "kb"
    (root / "annotations").mkdir(parents=True)
    shutil.copy(KB_DIR / "annotations" / "selection.yaml", root / "annotations")
    written = import_annotations(root, REAL_HPOA)
    assert sorted(p.name for p in written) == sorted(
        p.name for p in (KB_DIR / "annotations" / "diseases").glob("*.yaml")
    )
    for p in written:
        assert p.read_text() == (KB_DIR / "annotations" / "diseases" / p.name).read_text(), p.name
