"""What the web page needs besides the API proper: how to show a probability and which number to
call (``GET /v1/display``), the favicon, and the API's own browsable docs (``/docs``), served
from the packaged Swagger UI files so that nothing is fetched from another site and the page
runs under the app's strict Content-Security-Policy (no inline script or style)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, Response
from swagger_ui_bundle import swagger_ui_path

from twitchcheck.api.deps import KB, Settings_

from .responses import READ_RESPONSES

router = APIRouter()

STATIC = Path(__file__).resolve().parents[1] / "static"
SWAGGER = Path(str(swagger_ui_path))
# The only Swagger UI files /docs loads (the bundle carries its own styles and presets).
_SWAGGER_FILES = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
}
_CACHE = {"Cache-Control": "public, max-age=86400"}


@router.get("/v1/display", tags=["service"], responses=READ_RESPONSES)
async def get_display(kb: KB, settings: Settings_) -> dict[str, Any]:
    """How a client shows a probability to a person (natural frequencies, the cap on what a
    self-report can claim) and the emergency number: the operator's, else the country's, else
    ``null`` (the client then picks from ``emergency_call.countries`` by its own locale)."""
    display = kb.display
    if display is None:
        raise HTTPException(status_code=404, detail="This knowledge base has no display.yaml.")
    call = display.emergency_call
    number = settings.emergency_number or (
        call.number_for(settings.country) if settings.country else None
    )
    return {
        "frequency": display.frequency.model_dump(include={"denominators", "rounding", "wording"}),
        "cap": display.cap.model_dump(include={"value", "wording", "note"}),
        "emergency_call": {
            "number": number,
            "default": call.default.number,
            "countries": {c.country: c.number for c in call.countries},
            "while_waiting": list(call.while_waiting),
        },
        "knowledge_version": kb.version,
    }


@router.get("/favicon.ico", include_in_schema=False)
async def favicon() -> FileResponse:
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml", headers=_CACHE)


@router.get("/docs", include_in_schema=False)
async def docs() -> FileResponse:
    return FileResponse(STATIC / "docs.html", media_type="text/html")


@router.get("/docs/assets/{name}", include_in_schema=False)
async def docs_asset(name: str) -> Response:
    media = _SWAGGER_FILES.get(name)
    if media is None:
        return Response(status_code=404)
    return FileResponse(SWAGGER / name, media_type=media, headers=_CACHE)
