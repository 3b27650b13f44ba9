"""twitchcheck: open, evidence-based assessment of muscle twitching.

The public API is declared once here; ``tests/unit/test_public_api.py`` guards it.
"""

from __future__ import annotations

from .assessment.assess import assess as assess
from .assessment.result import Assessment as Assessment
from .engine.evidence import Evidence as Evidence
from .engine.evidence import Patient as Patient
from .engine.evidence import State as State
from .engine.explain import explain as explain
from .engine.posterior import Posterior as Posterior
from .engine.posterior import update as update
from .errors import ContradictionError as ContradictionError
from .errors import InputError as InputError
from .errors import InvalidValueError as InvalidValueError
from .errors import KnowledgeError as KnowledgeError
from .errors import TwitchcheckError as TwitchcheckError
from .errors import UnknownIdError as UnknownIdError
from .knowledge.loader import load_knowledge as load_knowledge
from .knowledge.model import KnowledgeBase as KnowledgeBase
from .triage.rules import TriageResult as TriageResult
from .triage.rules import evaluate as evaluate

__version__ = "0.1.0"

__all__ = [
    "Assessment",
    "ContradictionError",
    "Evidence",
    "InputError",
    "InvalidValueError",
    "KnowledgeBase",
    "KnowledgeError",
    "Patient",
    "Posterior",
    "State",
    "TriageResult",
    "TwitchcheckError",
    "UnknownIdError",
    "__version__",
    "assess",
    "evaluate",
    "explain",
    "load_knowledge",
    "update",
]
