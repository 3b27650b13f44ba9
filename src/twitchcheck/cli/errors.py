"""Map the project's exceptions to exit codes and one-line messages (no tracebacks)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from twitchcheck.errors import InputError, KnowledgeError, TwitchcheckError

P = ParamSpec("P")
R = TypeVar("R")

EXIT_INPUT = 2  # bad input or invalid knowledge base (like a usage error)
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug; the message says so


def report_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Run a command; turn project errors into ``twitchcheck: error: ...`` and exit code 2."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except KnowledgeError as exc:
            for line in exc.problems:
                print(f"twitchcheck: knowledge base error: {line}", file=sys.stderr)
            raise SystemExit(EXIT_INPUT) from None
        except InputError as exc:
            print(f"twitchcheck: error: {exc}", file=sys.stderr)
            raise SystemExit(EXIT_INPUT) from None
        except TwitchcheckError as exc:
            print(f"twitchcheck: error: {exc}", file=sys.stderr)
            raise SystemExit(EXIT_INPUT) from None
        except (KeyboardInterrupt, BrokenPipeError):
            raise SystemExit(130) from None
        except Exception as exc:
            if os.environ.get("TWITCHCHECK_DEBUG"):
                raise
            print(
                f"twitchcheck: internal error ({type(exc).__name__}); "
                "set TWITCHCHECK_DEBUG=1 for details and please report it",
                file=sys.stderr,
            )
            raise SystemExit(EXIT_INTERNAL) from None

    return wrapper
