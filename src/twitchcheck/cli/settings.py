"""Settings read from the environment (adapters only)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from twitchcheck.knowledge.model import KnowledgeBase

# Kept in step with twitchcheck.knowledge.loader.default_kb_path (tested), without importing the
# schema at start-up.
_SOURCE_KB = Path(__file__).resolve().parents[3] / "kb"


def kb_path() -> Path:
    """``TWITCHCHECK_KB`` when set, else the kb/ folder of the source tree."""
    env = os.environ.get("TWITCHCHECK_KB")
    return Path(env) if env else _SOURCE_KB


def knowledge() -> KnowledgeBase:
    """Load the knowledge base from :func:`kb_path` (raises ``KnowledgeError``)."""
    from twitchcheck.knowledge.loader import load_knowledge

    return load_knowledge(kb_path())
