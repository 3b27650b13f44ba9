"""A validated variant of a knowledge base with some sourced numbers replaced.

Used by the sensitivity analysis (``bench/sensitivity.py``): "what if this likelihood were 50 %
higher?" without writing a modified copy of ``kb/`` to disk and loading it again. The variant goes
through the same gates as a loaded knowledge base: every changed record is validated again by its
schema model, the cross-file checks run on the whole, and the result is assembled by the same
``build``. Nothing else can change: only numbers, addressed as ``kb validate --estimates`` prints
them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from twitchcheck.errors import KnowledgeError

from .checks import check_all
from .loader import _format_validation
from .model import KnowledgeBase, build
from .schema import AGE_BANDS, Condition, Finding, PolicyFile

__all__ = ["with_numbers"]

M = TypeVar("M", bound=BaseModel)


def _split(where: str) -> tuple[str, str]:
    """``"kb/conditions/als.yaml: likelihoods.weakness"`` → (file, field path)."""
    file, sep, path = where.partition(": ")
    if not sep or not path:
        raise KnowledgeError([f"{where}: not a number address (expected 'FILE: FIELD')"])
    return file, path


def _set_condition(data: dict[str, Any], path: str, value: float) -> bool:
    parts = path.split(".")
    if len(parts) == 3 and parts[:2] == ["prior", "by_age"] and parts[2] in AGE_BANDS:
        data["prior"]["by_age"][parts[2]] = value
        return True
    if len(parts) == 3 and parts[:2] == ["prior", "sex"] and parts[2] in ("female", "male"):
        data["prior"]["sex"][parts[2]] = value
        return True
    tempo = data.get("tempo")
    if len(parts) == 2 and parts[0] == "likelihoods" and tempo:
        if parts[1] in tempo["duration"]:
            tempo["duration"][parts[1]] = value
            return True
        if parts[1] == "sudden_onset":
            tempo["sudden_onset"] = value
            return True
    if len(parts) == 2 and parts[0] == "likelihoods":
        for lk in data["likelihoods"]:
            if lk["finding"] == parts[1]:
                lk["p"] = value
                return True
    if parts == ["emergency_at"] and data.get("emergency_at"):
        data["emergency_at"]["value"] = value
        return True
    return False


def _set_policy(data: dict[str, Any], path: str, value: float) -> bool:
    parts = path.split(".")
    if len(parts) == 3 and parts[0] == "probability_rules" and parts[2] == "threshold":
        for pr in data["probability_rules"]:
            if pr["id"] == parts[1]:
                pr["threshold"]["value"] = value
                return True
    return False


def _revalidate(model: type[M], file: str, data: dict[str, Any]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise KnowledgeError(_format_validation(file, exc)) from None


def with_numbers(kb: KnowledgeBase, changes: Mapping[str, float]) -> KnowledgeBase:
    """A copy of ``kb`` with some numbers replaced, validated like a freshly loaded one.

    Args:
        kb: a validated knowledge base (``load_knowledge()``); it is not modified.
        changes: number address → new value. Addresses are those of
            ``checks.iter_numbers`` (and ``kb validate --estimates``):
            ``kb/conditions/<id>.yaml: prior.by_age.<band>``,
            ``kb/conditions/<id>.yaml: prior.sex.<female|male>``,
            ``kb/conditions/<id>.yaml: likelihoods.<finding>`` (or ``: emergency_at``),
            ``kb/findings/<id>.yaml: background`` (or ``: share_of_broader``) and
            ``kb/triage/policy.yaml: probability_rules.<id>.threshold``.
            Values must satisfy the schema (probabilities and priors in (0, 1), sex multipliers
            in (0, 10]); citations stay as they are.

    Returns:
        A new :class:`KnowledgeBase` whose ``version`` is ``<kb.version>+<8 hex>`` (a hash of
        the changes). With no changes, ``kb`` itself.

    Raises:
        KnowledgeError: an unknown address, a value the schema refuses, or a cross-file problem.

    Example:
        >>> bigger = with_numbers(kb, {"kb/conditions/als.yaml: likelihoods.weakness": 0.95})
    """
    if not changes:
        return kb
    conditions: dict[str, Condition] = dict(kb.conditions)
    findings: dict[str, Finding] = dict(kb.findings)
    policy = kb.policy
    by_file: dict[str, list[tuple[str, float]]] = {}
    for where, value in changes.items():
        file, path = _split(where)
        by_file.setdefault(file, []).append((path, float(value)))

    for file, edits in sorted(by_file.items()):
        folder, _, name = file.rpartition("/")
        rid = name.removesuffix(".yaml")
        if folder == "kb/conditions" and rid in conditions:
            data = conditions[rid].model_dump()
            for path, value in edits:
                if not _set_condition(data, path, value):
                    raise KnowledgeError([f"{file}: {path}: no such number"])
            if data.get("tempo"):  # its entries are made again from the (edited) tempo block
                given = {*data["tempo"]["duration"], "sudden_onset"}
                data["likelihoods"] = [
                    lk for lk in data["likelihoods"] if lk["finding"] not in given
                ]
            conditions[rid] = _revalidate(Condition, file, data)
        elif folder == "kb/findings" and rid in findings:
            data = findings[rid].model_dump()
            for path, value in edits:
                if path not in ("background", "share_of_broader") or data.get(path) is None:
                    raise KnowledgeError([f"{file}: {path}: no such number"])
                data[path]["p"] = value
            findings[rid] = _revalidate(Finding, file, data)
        elif file == "kb/triage/policy.yaml":
            data = policy.model_dump()
            for path, value in edits:
                if not _set_policy(data, path, value):
                    raise KnowledgeError([f"{file}: {path}: no such number"])
            policy = _revalidate(PolicyFile, file, data)
        else:
            raise KnowledgeError([f"{file}: no such knowledge-base file with numbers"])

    # the interview's question bank is carried over unchanged (and checked again, as on loading)
    questions = kb.questions if kb.questions.policy is not None else None
    problems = check_all(
        sources=kb.sources,
        tests=kb.tests,
        population=None,
        policy=policy,
        conditions=conditions,
        findings=findings,
        rules=kb.rules,
        require=frozenset(kb.conditions),
        questions=questions,
        defaults=kb.defaults,
        authored=False,
    )
    if problems:
        raise KnowledgeError(problems)
    digest = hashlib.sha256(repr(sorted(changes.items())).encode()).hexdigest()[:8]
    return build(
        version=f"{kb.version}+{digest}",
        conditions=conditions,
        findings=findings,
        rules=kb.rules,
        policy=policy,
        sources=kb.sources,
        tests=kb.tests,
        age_bands=kb.age_bands,
        default_band=kb.default_band,
        questions=questions,
        display=kb.display,
        defaults=kb.defaults,
    )
