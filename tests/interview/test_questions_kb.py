"""kb/questions/: every file against its schema, the cross-file checks (every red flag is
covered by a screening question), and invalid catalogues that must fail for their reason."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import KB_DIR, SMALL_KB_DIR
from twitchcheck import KnowledgeBase, KnowledgeError, load_knowledge
from twitchcheck.interview import start
from twitchcheck.interview.catalogue import catalogue
from twitchcheck.knowledge.checks import iter_numbers
from twitchcheck.knowledge.questions import Choice, InterviewPolicy, Screen, check_questions

QUESTIONS = KB_DIR / "questions"
FILES = [
    *(("screens", p) for p in sorted((QUESTIONS / "screens").glob("*.yaml"))),
    *(("choices", p) for p in sorted((QUESTIONS / "choices").glob("*.yaml"))),
]
MODELS = {"screens": Screen, "choices": Choice}


@pytest.mark.kb
@pytest.mark.parametrize(("kind", "path"), FILES, ids=[f"{k}/{p.stem}" for k, p in FILES])
def test_each_question_file_matches_its_schema(kind: str, path: Path) -> None:
    record = MODELS[kind].model_validate(yaml.safe_load(path.read_text()))
    assert record.id == path.stem


def test_policy_numbers_are_sourced_and_listed_with_the_estimates(kb: KnowledgeBase) -> None:
    InterviewPolicy.model_validate(yaml.safe_load((QUESTIONS / "policy.yaml").read_text()))
    numbers = [
        n.where
        for n in iter_numbers(
            conditions=kb.conditions, findings=kb.findings, policy=kb.policy, questions=kb.questions
        )
    ]
    assert "kb/questions/policy.yaml: settle_below.urgent" in numbers
    assert "kb/questions/policy.yaml: confident_at" in numbers


def test_every_red_flag_is_covered_by_a_screening_question(kb: KnowledgeBase) -> None:
    red = {f for f, rec in kb.findings.items() if rec.red_flag}
    covered = {f for s in kb.questions.screens.values() for f in s.findings}
    assert len(red) >= 25 and red <= covered
    assert check_questions(kb.questions, kb.findings, kb.sources) == []


def test_every_question_has_words_and_one_vocabulary(kb: KnowledgeBase) -> None:
    cat = catalogue(kb)
    for q in cat.questions.values():
        assert q.text.strip()
        for fid in q.findings:
            assert fid in kb.findings
        if q.kind == "finding":
            assert q.text == kb.findings[q.id].question  # the finding's own question


def test_a_kb_without_questions_assesses_but_cannot_interview(small_kb: KnowledgeBase) -> None:
    assert small_kb.questions.policy is None
    with pytest.raises(KnowledgeError, match="cannot run an interview"):
        start(small_kb, age=30)


# --- invalid catalogues: each must fail for its stated reason ---------------------------------

POLICY = yaml.safe_load((QUESTIONS / "policy.yaml").read_text())


def _policy(**change: Any) -> dict[str, Any]:
    out = yaml.safe_load(yaml.safe_dump(POLICY))
    for block in out.values():
        if isinstance(block, dict) and "source" in block:
            block["source"] = "textbook"
        elif isinstance(block, dict):
            for inner in block.values():
                inner["source"] = "textbook"
    out.update(change)
    return out


SCREEN_Y = {"id": "y_screen", "help": "why", "findings": ["y"]}
OTHER = {"id": "other", "help": "h", "findings": ["x"]}
BAD_POLICY = _policy(min_gain={"value": 0.1, "source": "nowhere"})
INVALID: dict[str, tuple[dict[str, Any], str]] = {
    "red flag not covered": ({"screens/other.yaml": OTHER},
                             "red flag is covered by no screening question"),
    "unknown finding": ({"screens/y_screen.yaml": {**SCREEN_Y, "findings": ["y", "nope"],
                                                   "text": "Any?"}}, "unknown finding 'nope'"),
    "covered twice": ({"screens/y_screen.yaml": SCREEN_Y,
                       "screens/y_again.yaml": {**SCREEN_Y, "id": "y_again"}}, "is covered by"),
    "one-finding screen with text": ({"screens/y_screen.yaml": {**SCREEN_Y, "text": "Y?"}},
                                     "asks the finding's own question"),
    "unknown key": ({"screens/y_screen.yaml": {**SCREEN_Y, "colour": "red"}}, "unknown key"),
    "id is a finding id": ({"screens/y.yaml": {**SCREEN_Y, "id": "y"}},
                           "is also a finding or choice id"),
    "choice of non-exclusive findings": (
        {"screens/y_screen.yaml": SCREEN_Y,
         "choices/pick.yaml": {"id": "pick", "text": "Which?", "help": "h",
                               "options": [{"finding": "x", "text": "x"},
                                           {"finding": "z", "text": "z"}]}},
        "exactly the findings of one exclusive group"),
    "policy source unknown": ({"screens/y_screen.yaml": SCREEN_Y, "policy.yaml": BAD_POLICY},
                              "unknown source 'nowhere'"),
    "policy missing": ({"screens/y_screen.yaml": SCREEN_Y, "policy.yaml": None}, "policy.yaml"),
}  # fmt: skip


def _kb_with(tmp_path: Path, files: dict[str, Any]) -> Path:
    root = tmp_path / "kb"
    shutil.copytree(SMALL_KB_DIR, root)
    for folder in ("questions/screens", "questions/choices"):
        (root / folder).mkdir(parents=True)
    files = {"policy.yaml": _policy(), **files}
    for rel, content in files.items():
        if content is not None:
            (root / "questions" / rel).write_text(yaml.safe_dump(content, sort_keys=False))
    return root


def test_the_small_kb_with_a_valid_catalogue_loads(tmp_path: Path) -> None:
    kb = load_knowledge(
        _kb_with(tmp_path, {"screens/y_screen.yaml": SCREEN_Y}), require=frozenset()
    )
    assert "y_screen" in catalogue(kb).questions


@pytest.mark.parametrize("case", sorted(INVALID))
def test_invalid_catalogue_fails_for_its_reason(tmp_path: Path, case: str) -> None:
    files, expect = INVALID[case]
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(_kb_with(tmp_path, files), require=frozenset())
    assert any(expect in p for p in info.value.problems), info.value.problems
