"""Read ``kb/`` from disk, validate every file and the whole, and build the KnowledgeBase."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from twitchcheck.errors import KnowledgeError

from .annotations import (
    Annotations,
    CauseAnnotations,
    SelectionFile,
    check_annotations,
)
from .checks import REQUIRED_CONDITIONS, check_all
from .display import DisplayFile
from .model import KnowledgeBase, build
from .questions import Choice, InterviewPolicy, QuestionBank, Screen
from .schema import (
    Condition,
    DefaultsFile,
    Finding,
    PolicyFile,
    PopulationFile,
    Rule,
    SourcesFile,
    TestsFile,
)
from .strict_yaml import load_strict

M = TypeVar("M", bound=BaseModel)

_LEVEL_ORDER = {"emergency": 0, "urgent": 1, "routine": 2, "self_care": 3}


def default_kb_path() -> Path:
    """The ``kb/`` folder of the source checkout this package is installed from."""
    return Path(__file__).resolve().parents[3] / "kb"


def _format_validation(path: str, err: ValidationError) -> list[str]:
    out = []
    for e in err.errors():
        where = ".".join(str(x) for x in e["loc"]) or "(top level)"
        msg = e["msg"]
        if e["type"] == "extra_forbidden":
            msg = "unknown key (not in the schema)"
        out.append(f"{path}: {where}: {msg}")
    return out


class _Reader:
    """Collects every problem instead of stopping at the first one."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[str] = []
        self.digest = hashlib.sha256()

    def rel(self, path: Path) -> str:
        return (
            str(path.relative_to(self.root.parent))
            if self.root.parent in path.parents
            else str(path)
        )

    def read(self, path: Path, model: type[M]) -> M | None:
        rel = self.rel(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self.problems.append(f"{rel}: cannot read ({exc.strerror})")
            return None
        self.digest.update(rel.encode() + b"\0" + raw + b"\0")
        try:
            data: Any = load_strict(raw)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f" line {mark.line + 1}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or "invalid YAML"
            self.problems.append(f"{rel}:{line} YAML syntax error: {problem}")
            return None
        if not isinstance(data, dict):
            self.problems.append(f"{rel}: expected a mapping at the top level")
            return None
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            self.problems.extend(_format_validation(rel, exc))
            return None

    def read_dir(self, folder: Path, model: type[M], key: Callable[[M], str]) -> dict[str, M]:
        out: dict[str, M] = {}
        if not folder.is_dir():
            self.problems.append(f"{self.rel(folder)}: folder missing")
            return out
        for path in sorted(folder.glob("*.yaml")):
            record = self.read(path, model)
            if record is None:
                continue
            rid = key(record)
            if rid != path.stem:
                self.problems.append(f"{self.rel(path)}: id {rid!r} does not match the file name")
            if rid in out:
                self.problems.append(f"{self.rel(path)}: duplicate id {rid!r}")
            out[rid] = record
        stray = sorted(p.name for p in folder.glob("*.yml"))
        if stray:
            self.problems.append(f"{self.rel(folder)}: use the .yaml extension, not {stray[0]}")
        return out


def load_knowledge(
    path: Path | str | None = None, *, require: frozenset[str] = REQUIRED_CONDITIONS
) -> KnowledgeBase:
    """Load and validate the knowledge base.

    Args:
        path: the ``kb/`` folder; by default the one beside the installed source tree.
        require: condition ids that must be defined (default: the product's stable ids; small
            test knowledge bases pass an empty set).

    Returns:
        A frozen :class:`KnowledgeBase`.

    Raises:
        KnowledgeError: listing every schema and cross-file problem found, one line each.
    """
    root = Path(path) if path is not None else default_kb_path()
    if not root.is_dir():
        raise KnowledgeError([f"{root}: knowledge base folder not found"])
    r = _Reader(root)
    sources_file = r.read(root / "sources.yaml", SourcesFile)
    population = r.read(root / "population.yaml", PopulationFile)
    tests_file = r.read(root / "tests.yaml", TestsFile)
    policy = r.read(root / "triage" / "policy.yaml", PolicyFile)
    conditions = r.read_dir(root / "conditions", Condition, lambda c: c.id)
    findings = r.read_dir(root / "findings", Finding, lambda f: f.id)
    rules_by_id = r.read_dir(root / "triage" / "rules", Rule, lambda x: x.id)
    # The interview's questions are optional: a knowledge base without kb/questions/ assesses
    # but cannot interview (its red flags then need no screening question).
    questions: QuestionBank | None = None
    interview: InterviewPolicy | None = None
    if (root / "questions").is_dir():
        screens = r.read_dir(root / "questions" / "screens", Screen, lambda s: s.id)
        choices = r.read_dir(root / "questions" / "choices", Choice, lambda c: c.id)
        interview = r.read(root / "questions" / "policy.yaml", InterviewPolicy)
        questions = QuestionBank(screens=screens, choices=choices, policy=interview)
    # How probabilities are shown to a person (optional: small test knowledge bases have none).
    display_path = root / "display.yaml"
    display = r.read(display_path, DisplayFile) if display_path.exists() else None
    # What a cause inherits for a red-flag or tempo finding it does not list (required).
    defaults = r.read(root / "defaults.yaml", DefaultsFile)
    # The HPO disease annotations (optional: small test knowledge bases have none).
    annotations: Annotations | None = None
    if (root / "annotations" / "selection.yaml").exists():
        selection = r.read(root / "annotations" / "selection.yaml", SelectionFile)
        generated = r.read_dir(
            root / "annotations" / "diseases", CauseAnnotations, lambda c: c.cause
        )
        if selection is not None:
            annotations = Annotations(selection, dict(sorted(generated.items())))
    if (
        r.problems
        or sources_file is None
        or population is None
        or tests_file is None
        or policy is None
        or defaults is None
        or (questions is not None and interview is None)
    ):
        raise KnowledgeError(r.problems or ["knowledge base incomplete"])

    sources = {s.id: s for s in sources_file.sources}
    tests = {t.id: t for t in tests_file.tests}
    problems: list[str] = []
    if len(sources) != len(sources_file.sources):
        problems.append("kb/sources.yaml: duplicate source id")
    if len(tests) != len(tests_file.tests):
        problems.append("kb/tests.yaml: duplicate test id")
    if display is not None:
        cited = [(where, c.source) for where, c in display.citations()]
        cited.append(("emergency_call.while_waiting", display.emergency_call.while_waiting_source))
        for where, sid in cited:
            if sid not in sources:
                problems.append(f"kb/display.yaml: {where}: unknown source {sid!r}")
        for family in display.families:
            for cid in family.members:
                if cid not in conditions:
                    problems.append(
                        f"kb/display.yaml: families.{family.id}: unknown condition {cid!r}"
                    )
    rules = tuple(sorted(rules_by_id.values(), key=lambda x: (_LEVEL_ORDER[x.level], x.id)))
    problems += check_all(
        sources=sources,
        tests=tests,
        population=population,
        policy=policy,
        conditions=conditions,
        findings=findings,
        rules=rules,
        require=require,
        questions=questions,
        defaults=defaults,
    )
    if annotations is not None:
        problems += check_annotations(annotations, conditions, sources)
    if problems:
        raise KnowledgeError(problems)
    return build(
        version="kb-" + r.digest.hexdigest()[:12],
        conditions=dict(sorted(conditions.items())),
        findings=dict(sorted(findings.items())),
        rules=rules,
        policy=policy,
        sources=sources,
        tests=tests,
        age_bands=tuple(population.age_bands),
        default_band=population.default_band,
        questions=questions,
        display=display,
        defaults=defaults,
        annotations=annotations,
    )
