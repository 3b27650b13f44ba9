"""The real knowledge base as a module constant, for Hypothesis strategies built at import time."""

from __future__ import annotations

from tests.conftest import KB_DIR
from twitchcheck import load_knowledge

KB = load_knowledge(KB_DIR)
