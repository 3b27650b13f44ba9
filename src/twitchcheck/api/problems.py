"""RFC 9457 problem details: every error the API returns is ``application/problem+json``.

Messages name the problem (a field, an id) and never echo what a person wrote.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from twitchcheck.errors import (
    ContradictionError,
    InputError,
    InterviewError,
    InvalidValueError,
    KnowledgeError,
    SessionNotFoundError,
    StoreError,
    UnknownIdError,
)

PROBLEM_JSON = "application/problem+json"
_TYPE_BASE = "https://twitchcheck.invalid/problems/"
_TITLES = {
    400: "Malformed request",
    401: "Missing or invalid API key",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict with the interview's state",
    412: "Precondition failed",
    413: "Request body too large",
    415: "Unsupported media type",
    422: "Unprocessable request",
    500: "Internal error",
    503: "Service unavailable",
}


class Problem(BaseModel):
    """The problem-details body (RFC 9457)."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[dict[str, Any]] | None = None


def problem(
    status: int, detail: str, *, kind: str | None = None, errors: list[dict[str, Any]] | None = None
) -> JSONResponse:
    body = Problem(
        type=_TYPE_BASE + (kind or str(status)),
        title=_TITLES.get(status, "Error"),
        status=status,
        detail=detail,
        errors=errors,
    )
    return JSONResponse(
        body.model_dump(exclude_none=True), status_code=status, media_type=PROBLEM_JSON
    )


def _validation_errors(exc: RequestValidationError) -> tuple[int, str, list[dict[str, Any]]]:
    errors = []
    for e in exc.errors():
        loc = [str(x) for x in e.get("loc", ())]
        # Never echo the submitted value: it may be health text.
        errors.append({"location": "/".join(loc), "message": e.get("msg", "invalid")})
    if any(e.get("type") in {"json_invalid", "json_type"} for e in exc.errors()):
        return 400, "The request body is not valid JSON.", errors
    first = errors[0] if errors else {"location": "body", "message": "invalid"}
    return 422, f"{first['location']}: {first['message']}", errors


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into a problem response."""

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        status, detail, errors = _validation_errors(exc)
        return problem(status, detail, kind="invalid-request", errors=errors)

    @app.exception_handler(UnknownIdError)
    async def _unknown(_: Request, exc: UnknownIdError) -> JSONResponse:
        return problem(422, str(exc), kind="unknown-id")

    @app.exception_handler(ContradictionError)
    async def _contradiction(_: Request, exc: ContradictionError) -> JSONResponse:
        return problem(422, str(exc), kind="contradiction")

    @app.exception_handler(InvalidValueError)
    async def _invalid_value(_: Request, exc: InvalidValueError) -> JSONResponse:
        return problem(422, str(exc), kind="invalid-value")

    @app.exception_handler(SessionNotFoundError)
    async def _no_session(_: Request, exc: SessionNotFoundError) -> JSONResponse:
        return problem(404, "No interview has this id.", kind="interview-not-found")

    @app.exception_handler(InterviewError)
    async def _interview(_: Request, exc: InterviewError) -> JSONResponse:
        return problem(409, str(exc), kind="interview-conflict")

    @app.exception_handler(StoreError)
    async def _store(_: Request, exc: StoreError) -> JSONResponse:
        return problem(503, "The interview store is unavailable.", kind="store")

    @app.exception_handler(InputError)
    async def _input(_: Request, exc: InputError) -> JSONResponse:
        return problem(422, str(exc), kind="invalid-input")

    @app.exception_handler(KnowledgeError)
    async def _knowledge(_: Request, exc: KnowledgeError) -> JSONResponse:
        return problem(503, "The knowledge base failed validation.", kind="knowledge")

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else _TITLES.get(exc.status_code, "")
        response = problem(exc.status_code, detail)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(Exception)
    async def _crash(_: Request, exc: Exception) -> JSONResponse:
        return problem(500, "An internal error occurred; it has been logged.", kind="internal")
