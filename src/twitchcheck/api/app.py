"""``create_app``: the one place the HTTP API is composed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from twitchcheck.knowledge.loader import load_knowledge

from . import problems
from .deps import Services, check_json_body, require_api_key
from .interop_settings import InteropSettings
from .middleware import GuardMiddleware
from .routes import assess, catalog, cds_hooks, fhir, interviews, meta, parse, phenopacket
from .routes import page as page_routes
from .settings import Settings
from .workers import Workers

STATIC = Path(__file__).parent / "static"

DESCRIPTION = """
Open, evidence-based assessment of muscle twitching: how urgent it is (triage), which causes are
likely and why (each probability decomposes into a prior and likelihood ratios with sources), and
what to do next. Decision support, not a diagnosis. Errors are RFC 9457 problem details.
"""


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.workers.start()
    yield
    # On shutdown: commit the audit rows still queued, then release the database.
    app.state.audit.close()
    app.state.store.close()


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app. The knowledge base is loaded and validated here, once."""
    settings = settings or Settings.from_env()
    kb = load_knowledge(settings.kb_path)
    from twitchcheck import __version__

    app = FastAPI(
        title="twitchcheck",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # /docs is routes.page: packaged Swagger UI files, no CDN, strict CSP
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.kb = kb
    app.state.workers = Workers(settings.worker_threads)
    from twitchcheck.store.interviews import InterviewStore

    app.state.store = InterviewStore(settings.database_url)  # migrates the schema on start
    from twitchcheck.store.audit import AuditTrail

    app.state.audit = AuditTrail(app.state.store.engine)
    app.state.services = Services(kb, settings, app.state.audit, app.state.workers)
    problems.install(app)
    # The key check (and its security scheme in /openapi.json) exists only when keys are set.
    keyed = [Depends(require_api_key)] if settings.api_key_hashes else []
    keyed.append(Depends(check_json_body))  # after the key: nesting depth, lone surrogates
    app.include_router(assess.router, dependencies=keyed)
    app.include_router(catalog.router, dependencies=keyed)
    app.state.interop = InteropSettings.from_env()  # which FHIR servers CDS Hooks may fetch from
    app.include_router(fhir.router, dependencies=keyed)
    app.include_router(phenopacket.router, dependencies=keyed)
    app.include_router(cds_hooks.router, dependencies=keyed)
    app.include_router(interviews.router, dependencies=keyed)
    app.include_router(parse.router, dependencies=keyed)
    app.include_router(meta.router)
    app.include_router(page_routes.router)  # /v1/display, /docs (offline Swagger UI), /favicon.ico
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    async def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            # Authorization: CDS clients in a browser send the JWT that CDS Hooks prescribes.
            allow_headers=["Content-Type", "X-API-Key", "Authorization"],
        )
    app.add_middleware(GuardMiddleware, max_body=settings.max_body_bytes)
    return app
