"""Settings of the clinical-format routes, read from the environment once, at app creation.

- ``TWITCHCHECK_CDS_FHIR_SERVERS``: comma-separated base URLs of the FHIR servers the CDS Hooks
  service may fetch from when a call gives ``fhirServer`` but not the prefetch it needs. Unset:
  the service never fetches (a call without the prefetch is answered 412), so a request cannot
  make the service contact an arbitrary host.
- ``TWITCHCHECK_CDS_FETCH_TIMEOUT``: seconds per FHIR request (default 5; CDS Hooks asks for
  answers "on the order of 500 ms").
- ``TWITCHCHECK_PUBLIC_URL``: the base URL clients reach this service at (``https://host/path``),
  used for the links in cards (``source.url``). Unset: the request's own scheme and Host header,
  which behind a proxy may name an internal host, and which a client can set to anything.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from twitchcheck.errors import InvalidValueError

_URL = re.compile(r"^https?://[^\s/?#]+(/[^\s?#]*)?$")
DEFAULT_TIMEOUT = 5.0
MAX_FHIR_RESPONSE = 2 * 1024 * 1024  # bytes read from one FHIR server response


@dataclass(frozen=True, slots=True)
class InteropSettings:
    """Validated settings; construct with :meth:`from_env` or directly in tests."""

    fhir_servers: tuple[str, ...] = ()
    fetch_timeout: float = DEFAULT_TIMEOUT
    public_url: str | None = None

    def __post_init__(self) -> None:
        for url in self.fhir_servers:
            if not _URL.match(url):
                raise InvalidValueError(
                    "TWITCHCHECK_CDS_FHIR_SERVERS must list http(s) base URLs, comma-separated"
                )
        if self.public_url is not None and not _URL.match(self.public_url):
            raise InvalidValueError("TWITCHCHECK_PUBLIC_URL must be an http(s) base URL")
        if not 0.1 <= self.fetch_timeout <= 60:
            raise InvalidValueError("TWITCHCHECK_CDS_FETCH_TIMEOUT must be 0.1-60 seconds")

    def allows(self, server: str) -> bool:
        """Whether the CDS service may fetch from this ``fhirServer`` base URL."""
        wanted = server.rstrip("/")
        return any(wanted == allowed.rstrip("/") for allowed in self.fhir_servers)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> InteropSettings:
        e = os.environ if env is None else env
        servers = tuple(
            s.strip() for s in e.get("TWITCHCHECK_CDS_FHIR_SERVERS", "").split(",") if s.strip()
        )
        raw = e.get("TWITCHCHECK_CDS_FETCH_TIMEOUT", str(DEFAULT_TIMEOUT))
        try:
            timeout = float(raw)
        except ValueError:
            raise InvalidValueError("TWITCHCHECK_CDS_FETCH_TIMEOUT must be a number") from None
        public = e.get("TWITCHCHECK_PUBLIC_URL", "").strip() or None
        return cls(fhir_servers=servers, fetch_timeout=timeout, public_url=public)
