"""Typed dependencies for the routes (``Annotated`` aliases): the knowledge base and the API key,
and the check every JSON body passes (``check_json_body``).

They are ``async def`` although they never wait: FastAPI runs a plain ``def`` dependency in a
worker thread, a thread hop per request that costs more than the work itself.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import APIKeyHeader

from twitchcheck.knowledge.model import KnowledgeBase
from twitchcheck.limits import check_json, plainly_fine
from twitchcheck.store.audit import AuditTrail
from twitchcheck.store.interviews import InterviewStore

from .settings import Settings
from .workers import Workers

_api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_kb(request: Request) -> KnowledgeBase:
    kb: KnowledgeBase = request.app.state.kb
    return kb


async def get_store(request: Request) -> InterviewStore:
    store: InterviewStore = request.app.state.store
    return store


async def require_api_key(
    settings: Annotated[Settings, Depends(get_settings)],
    key: Annotated[str | None, Depends(_api_key_header)],
) -> None:
    """When API keys are configured, the request must carry one whose SHA-256 is listed."""
    if not settings.api_key_hashes:
        return
    if key:
        digest = hashlib.sha256(key.encode()).hexdigest()
        if any(hmac.compare_digest(digest, h) for h in settings.api_key_hashes):
            return
    raise HTTPException(
        status_code=401,
        detail="A valid X-API-Key header is required.",
        headers={"WWW-Authenticate": "ApiKey"},
    )


async def check_json_body(request: Request) -> None:
    """Refuse a JSON body nested more than ``MAX_JSON_DEPTH`` levels or holding a string that is
    not valid Unicode (a lone surrogate: ``"\\ud800"``), whatever the route: 422, before any
    route reads it. The body is the one FastAPI has already decoded (Starlette caches it)."""
    if request.method != "POST" or "json" not in request.headers.get("content-type", "json"):
        return
    body = await request.body()  # read once, cached
    if plainly_fine(body):  # the common case: no need to decode the body a second time
        return
    try:
        data = await request.json()
    except (ValueError, RecursionError):  # not JSON: a route without a body (others answer 400)
        return
    check_json(data, "the request body", body)


async def get_audit(request: Request) -> AuditTrail:
    audit: AuditTrail = request.app.state.audit
    return audit


async def get_workers(request: Request) -> Workers:
    workers: Workers = request.app.state.workers
    return workers


@dataclass(frozen=True, slots=True)
class Services:
    """What a route may use of the app, as one dependency: FastAPI resolves each dependency of a
    request anew (tens of microseconds apiece), which on ``POST /v1/assess`` cost more than the
    assessment. ``create_app`` builds it once."""

    kb: KnowledgeBase
    settings: Settings
    audit: AuditTrail
    workers: Workers


async def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


KB = Annotated[KnowledgeBase, Depends(get_kb)]
Workers_ = Annotated[Workers, Depends(get_workers)]
Audit = Annotated[AuditTrail, Depends(get_audit)]
Settings_ = Annotated[Settings, Depends(get_settings)]
Store = Annotated[InterviewStore, Depends(get_store)]
Services_ = Annotated[Services, Depends(get_services)]
