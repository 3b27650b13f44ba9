"""Shared fixtures: the real knowledge base and the small worked-example one, loaded once."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from tests.pg import pg_bin, throwaway_postgres
from twitchcheck import KnowledgeBase, load_knowledge

ROOT = Path(__file__).resolve().parents[1]
KB_DIR = ROOT / "kb"
SMALL_KB_DIR = ROOT / "tests" / "golden" / "kb_small"


def small_kb_with(folder: Path, findings: Mapping[str, str]) -> KnowledgeBase:
    """The worked-example kb copied into ``folder`` with extra findings (id → YAML text)."""
    kb_dir = folder / "kb"
    shutil.copytree(SMALL_KB_DIR, kb_dir)
    for fid, text in findings.items():
        (kb_dir / "findings" / f"{fid}.yaml").write_text(text)
    return load_knowledge(kb_dir, require=frozenset())


def pytest_configure(config: pytest.Config) -> None:
    """Keep every store the tests open (in-process apps, servers, CLI runs) out of the user's
    data directory: one throwaway data dir per test run, inherited by subprocesses."""
    if "TWITCHCHECK_DATA_DIR" not in os.environ or not os.environ.get("CI_KEEP_DATA_DIR"):
        os.environ["TWITCHCHECK_DATA_DIR"] = tempfile.mkdtemp(prefix="twitchcheck-test-data-")
    os.environ.pop("TWITCHCHECK_DATABASE_URL", None)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge(KB_DIR)


@pytest.fixture(scope="session")
def small_kb() -> KnowledgeBase:
    return load_knowledge(SMALL_KB_DIR, require=frozenset())


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """One throwaway PostgreSQL cluster for the run (tests/pg.py). In CI a missing server is a
    failure (.ci/run installs it); elsewhere the PostgreSQL tests are skipped."""
    if pg_bin() is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install postgresql (see .ci/run)")
        pytest.skip("PostgreSQL server binaries are not installed (.ci/run installs them)")
    with throwaway_postgres() as url:
        yield url
