"""twitchcheck: open, evidence-based assessment of muscle twitching.

The public API is declared once here (``_EXPORTS`` and ``__all__``);
``tests/unit/test_public_api.py`` guards it. Names are imported on first use so that
``twitchcheck --help`` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name → module that defines it
_EXPORTS: dict[str, str] = {
    "Assessment": "twitchcheck.assessment.result",
    "assess": "twitchcheck.assessment.assess",
    "Evidence": "twitchcheck.engine.evidence",
    "Patient": "twitchcheck.engine.evidence",
    "State": "twitchcheck.engine.evidence",
    "explain": "twitchcheck.engine.explain",
    "Posterior": "twitchcheck.engine.posterior",
    "update": "twitchcheck.engine.posterior",
    "ContradictionError": "twitchcheck.errors",
    "InputError": "twitchcheck.errors",
    "InvalidValueError": "twitchcheck.errors",
    "KnowledgeError": "twitchcheck.errors",
    "TwitchcheckError": "twitchcheck.errors",
    "UnknownIdError": "twitchcheck.errors",
    "load_knowledge": "twitchcheck.knowledge.loader",
    "KnowledgeBase": "twitchcheck.knowledge.model",
    "TriageResult": "twitchcheck.triage.rules",
    "evaluate": "twitchcheck.triage.rules",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'twitchcheck' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:
    from twitchcheck.assessment.assess import assess as assess
    from twitchcheck.assessment.result import Assessment as Assessment
    from twitchcheck.engine.evidence import Evidence as Evidence
    from twitchcheck.engine.evidence import Patient as Patient
    from twitchcheck.engine.evidence import State as State
    from twitchcheck.engine.explain import explain as explain
    from twitchcheck.engine.posterior import Posterior as Posterior
    from twitchcheck.engine.posterior import update as update
    from twitchcheck.errors import ContradictionError as ContradictionError
    from twitchcheck.errors import InputError as InputError
    from twitchcheck.errors import InvalidValueError as InvalidValueError
    from twitchcheck.errors import KnowledgeError as KnowledgeError
    from twitchcheck.errors import TwitchcheckError as TwitchcheckError
    from twitchcheck.errors import UnknownIdError as UnknownIdError
    from twitchcheck.knowledge.loader import load_knowledge as load_knowledge
    from twitchcheck.knowledge.model import KnowledgeBase as KnowledgeBase
    from twitchcheck.triage.rules import TriageResult as TriageResult
    from twitchcheck.triage.rules import evaluate as evaluate
