"""Shared fixtures: the real knowledge base and the small worked-example one, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from twitchcheck import KnowledgeBase, load_knowledge

ROOT = Path(__file__).resolve().parents[1]
KB_DIR = ROOT / "kb"
SMALL_KB_DIR = ROOT / "tests" / "golden" / "kb_small"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge(KB_DIR)


@pytest.fixture(scope="session")
def small_kb() -> KnowledgeBase:
    return load_knowledge(SMALL_KB_DIR, require=frozenset())
