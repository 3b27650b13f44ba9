"""Settings read from the environment (adapters only)."""

from __future__ import annotations

import os
from pathlib import Path

from ..knowledge.loader import default_kb_path, load_knowledge
from ..knowledge.model import KnowledgeBase


def kb_path() -> Path:
    """``TWITCHCHECK_KB`` when set, else the kb/ folder of the source tree."""
    env = os.environ.get("TWITCHCHECK_KB")
    return Path(env) if env else default_kb_path()


def knowledge() -> KnowledgeBase:
    """Load the knowledge base from :func:`kb_path` (raises ``KnowledgeError``)."""
    return load_knowledge(kb_path())
