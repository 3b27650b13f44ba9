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
- ``TWITCHCHECK_WORKER_THREADS``: how many requests may compute at once (reading text, interview
  steps; ``api.workers``), 1 to 64 (default 2).
- ``TWITCHCHECK_MAX_HEADER_BYTES``: the largest request line plus headers (default 16384, as
  h11's default; larger → 431). 1 KiB to 1 MiB.
- ``TWITCHCHECK_REQUEST_TIMEOUT``: seconds a client has to send a whole request, counted from
  its first byte or from connecting (default 10; later → 408 and the connection closed).
- ``TWITCHCHECK_KEEP_ALIVE``: seconds an idle connection stays open between requests (default 5).
- ``TWITCHCHECK_EMERGENCY_NUMBER``: the number the emergency page tells people to call (2 to 6
  digits). Unset: the number of ``TWITCHCHECK_COUNTRY`` (a two-letter code such as ``GB``), or of
  the server locale's country (``LC_ALL`` / ``LANG``, e.g. ``en_GB.UTF-8``), from
  ``kb/display.yaml``; with neither, the page uses its visitor's browser language.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from twitchcheck.errors import InvalidValueError

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_PHONE = re.compile(r"^[0-9]{2,6}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_LOCALE_COUNTRY = re.compile(r"^[a-z]{2,3}_([A-Z]{2})\b")
DEFAULT_MAX_BODY = 64 * 1024
DEFAULT_WORKER_THREADS = 2  # one per core of a small machine; see api/workers.py
MAX_WORKER_THREADS = 64
DEFAULT_MAX_HEADER_BYTES = 16 * 1024  # h11's default; real browsers send 1-4 KiB
HEADER_BYTES_RANGE = (1024, 1024 * 1024)
DEFAULT_REQUEST_TIMEOUT_S = 10.0  # a 64 KiB body on a slow mobile link takes about a second
DEFAULT_KEEP_ALIVE_S = 5  # uvicorn's default
SECONDS_RANGE = (1, 600)  # for the two timeouts
_SOURCE_KB = Path(__file__).resolve().parents[3] / "kb"


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _country(e: Mapping[str, str]) -> str | None:
    """``TWITCHCHECK_COUNTRY``, else the country of the server's locale, else ``None``."""
    explicit = e.get("TWITCHCHECK_COUNTRY", "").strip().upper()
    if explicit:
        return explicit
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        match = _LOCALE_COUNTRY.match(e.get(name, ""))
        if match:
            return match.group(1)
    return None


N = TypeVar("N", int, float)


def _number(env: Mapping[str, str], name: str, default: N, kind: type[N]) -> N:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return kind(raw)
    except ValueError:
        raise InvalidValueError(f"{name} must be a number, not {raw[:20]!r}") from None


@dataclass(frozen=True, slots=True)
class Settings:
    """Validated settings; construct with :meth:`from_env` or directly in tests."""

    kb_path: Path = _SOURCE_KB
    api_key_hashes: frozenset[str] = field(default_factory=frozenset)
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = DEFAULT_MAX_BODY
    database_url: str | None = None
    store_text: bool = False
    worker_threads: int = DEFAULT_WORKER_THREADS
    max_header_bytes: int = DEFAULT_MAX_HEADER_BYTES
    request_timeout: float = DEFAULT_REQUEST_TIMEOUT_S
    keep_alive: int = DEFAULT_KEEP_ALIVE_S
    emergency_number: str | None = None
    country: str | None = None

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
        if not 1 <= self.worker_threads <= MAX_WORKER_THREADS:
            raise InvalidValueError(
                f"TWITCHCHECK_WORKER_THREADS must be between 1 and {MAX_WORKER_THREADS}"
            )
        low, high = HEADER_BYTES_RANGE
        if not low <= self.max_header_bytes <= high:
            raise InvalidValueError("TWITCHCHECK_MAX_HEADER_BYTES must be between 1 KiB and 1 MiB")
        for name, value in (
            ("TWITCHCHECK_REQUEST_TIMEOUT", self.request_timeout),
            ("TWITCHCHECK_KEEP_ALIVE", self.keep_alive),
        ):
            if not SECONDS_RANGE[0] <= value <= SECONDS_RANGE[1]:
                raise InvalidValueError(
                    f"{name} must be between {SECONDS_RANGE[0]} and {SECONDS_RANGE[1]} seconds"
                )
        if self.emergency_number is not None and not _PHONE.match(self.emergency_number):
            raise InvalidValueError("TWITCHCHECK_EMERGENCY_NUMBER must be 2 to 6 digits")
        if self.country is not None and not _COUNTRY.match(self.country):
            raise InvalidValueError("TWITCHCHECK_COUNTRY must be a two-letter code such as GB")

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
        workers = _number(e, "TWITCHCHECK_WORKER_THREADS", DEFAULT_WORKER_THREADS, int)
        max_header = _number(e, "TWITCHCHECK_MAX_HEADER_BYTES", DEFAULT_MAX_HEADER_BYTES, int)
        timeout = _number(e, "TWITCHCHECK_REQUEST_TIMEOUT", DEFAULT_REQUEST_TIMEOUT_S, float)
        keep_alive = _number(e, "TWITCHCHECK_KEEP_ALIVE", DEFAULT_KEEP_ALIVE_S, int)
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
            worker_threads=workers,
            max_header_bytes=max_header,
            request_timeout=timeout,
            keep_alive=keep_alive,
            emergency_number=e.get("TWITCHCHECK_EMERGENCY_NUMBER", "").strip() or None,
            country=_country(e),
        )
