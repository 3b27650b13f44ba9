"""Invalid fixtures pin the schema: each replaces one file of the small kb and must fail for its
stated reason (tests/kb/invalid/*.yaml: `target`, `expect`, `content`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import SMALL_KB_DIR
from twitchcheck import KnowledgeError, load_knowledge

INVALID = sorted((Path(__file__).parent / "invalid").glob("*.yaml"))


def test_the_small_kb_is_valid() -> None:
    load_knowledge(SMALL_KB_DIR, require=frozenset())


@pytest.mark.parametrize("fixture", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_fails_for_its_reason(fixture: Path, tmp_path: Path) -> None:
    spec = yaml.safe_load(fixture.read_text())
    kb_dir = tmp_path / "kb"
    shutil.copytree(SMALL_KB_DIR, kb_dir)
    target = kb_dir / spec["target"]
    if spec.get("raw") is not None:
        target.write_text(spec["raw"])
    elif spec.get("content") is None:
        target.unlink()
    else:
        target.write_text(yaml.safe_dump(spec["content"], sort_keys=False))
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(kb_dir, require=frozenset(spec.get("require", [])))
    assert any(spec["expect"] in p for p in info.value.problems), info.value.problems
