"""``GET /v1/version``, ``GET /healthz`` (liveness) and ``GET /readyz`` (readiness)."""

from __future__ import annotations

import anyio
import anyio.to_thread
from fastapi import APIRouter, Response

from twitchcheck.api.deps import KB, Audit, Store
from twitchcheck.api.schemas import Health, Readiness, VersionOut
from twitchcheck.engine.posterior import ENGINE_VERSION
from twitchcheck.errors import StoreError

from .responses import READ_RESPONSES

router = APIRouter(tags=["service"])

_HEALTH = Health()
# The longest /readyz waits for the database before it answers "not ready" (a load balancer's
# check times out after a few seconds; a database that takes longer is as good as down).
READY_TIMEOUT_S = 2.0


@router.get("/v1/version", response_model=VersionOut, responses=READ_RESPONSES)
async def get_version(kb: KB) -> VersionOut:
    """Package, knowledge and engine versions."""
    from twitchcheck import __version__

    return VersionOut(
        version=__version__, knowledge_version=kb.version, engine_version=ENGINE_VERSION
    )


@router.get("/healthz", response_model=Health)
async def healthz() -> Health:
    """200 when the service is up (the knowledge base loaded at start)."""
    return _HEALTH


@router.get(
    "/readyz",
    response_model=Readiness,
    responses={503: {"model": Readiness, "description": "The database does not answer"}},
)
async def readyz(store: Store, audit: Audit, response: Response) -> Readiness:
    """200 when the database answers within ``READY_TIMEOUT_S``, else 503 (take this server out
    of rotation; ``/healthz`` stays 200 while the process lives). Also reports the audit records
    lost while the database was down."""
    ok = False
    with anyio.move_on_after(READY_TIMEOUT_S):
        try:
            # The default thread pool, not the workers: a check must not queue behind long texts.
            await anyio.to_thread.run_sync(store.ping, abandon_on_cancel=True)
            ok = True
        except StoreError:
            pass
    if not ok:
        response.status_code = 503
    return Readiness(
        status="ready" if ok else "not_ready",
        database="ok" if ok else "unavailable",
        audit_rows_lost=audit.lost,
    )
