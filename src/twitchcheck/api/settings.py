"""API settings, read from the environment once, at app creation (the only place they are read).

- ``TWITCHCHECK_KB``: the kb/ folder (default: the source tree's kb/).
- ``TWITCHCHECK_API_KEY_HASHES``: comma-separated SHA-256 hex digests of accepted API keys. When
  set, every ``/v1`` route needs an ``X-API-Key`` header whose digest is listed; keys themselves are
  never stored. Unset: no key needed.
- ``TWITCHCHECK_CORS_ORIGINS``: comma-separated origins allowed by CORS. Unset: CORS closed.
- ``TWITCHCHECK_MAX_BODY_BYTES``: the largest accepted request body (default 65536).
- ``TWITCHCHECK_DATABASE_URL``: where interviews and the audit trail are stored (a SQLAlchemy URL:
  ``postgresql+psycopg://...`` to share one PostgreSQL between workers). Unset: the SQLite file
  in ``TWITCHCHECK_DATA_DIR`` (default: the user's data directory).
- ``TWITCHCHECK_STORE_TEXT``: ``1`` to keep the opening free text in the audit trail (default
  off: free text is never stored).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from twitchcheck.errors import InvalidValueError

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
DEFAULT_MAX_BODY = 64 * 1024
_SOURCE_KB = Path(__file__).resolve().parents[3] / "kb"


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


@dataclass(frozen=True, slots=True)
class Settings:
    """Validated settings; construct with :meth:`from_env` or directly in tests."""

    kb_path: Path = _SOURCE_KB
    api_key_hashes: frozenset[str] = field(default_factory=frozenset)
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = DEFAULT_MAX_BODY
    database_url: str | None = None
    store_text: bool = False

    def __post_init__(self) -> None:
        for h in self.api_key_hashes:
            if not _HEX64.match(h):
                raise InvalidValueError(
                    "TWITCHCHECK_API_KEY_HASHES must hold SHA-256 hex digests, not keys"
                )
        if "*" in self.cors_origins:
            raise InvalidValueError("TWITCHCHECK_CORS_ORIGINS must list origins, not '*'")
        if not 1024 <= self.max_body_bytes <= 10 * 1024 * 1024:
            raise InvalidValueError("TWITCHCHECK_MAX_BODY_BYTES must be between 1 KiB and 10 MiB")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        e = os.environ if env is None else env
        hashes = frozenset(x.lower() for x in _split(e.get("TWITCHCHECK_API_KEY_HASHES", "")))
        origins = tuple(_split(e.get("TWITCHCHECK_CORS_ORIGINS", "")))
        raw_max = e.get("TWITCHCHECK_MAX_BODY_BYTES", str(DEFAULT_MAX_BODY))
        try:
            max_body = int(raw_max)
        except ValueError:
            raise InvalidValueError("TWITCHCHECK_MAX_BODY_BYTES must be an integer") from None
        kb = e.get("TWITCHCHECK_KB")
        store_text = e.get("TWITCHCHECK_STORE_TEXT", "0").strip().lower()
        if store_text not in {"0", "1", "false", "true", ""}:
            raise InvalidValueError("TWITCHCHECK_STORE_TEXT must be 0 or 1")
        return cls(
            database_url=e.get("TWITCHCHECK_DATABASE_URL") or None,
            store_text=store_text in {"1", "true"},
            kb_path=Path(kb) if kb else _SOURCE_KB,
            api_key_hashes=hashes,
            cors_origins=origins,
            max_body_bytes=max_body,
        )
