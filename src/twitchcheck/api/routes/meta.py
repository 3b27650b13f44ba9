"""``GET /v1/version`` and ``GET /healthz``."""

from __future__ import annotations

from fastapi import APIRouter

from twitchcheck.api.deps import KB
from twitchcheck.api.schemas import Health, VersionOut
from twitchcheck.engine.posterior import ENGINE_VERSION

from .responses import READ_RESPONSES

router = APIRouter(tags=["service"])

_HEALTH = Health()


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
