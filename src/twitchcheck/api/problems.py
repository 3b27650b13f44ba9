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
    TwitchcheckError,
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


# The project's exceptions as problems: status, problem kind, and a fixed message where the
# exception's own text is not for clients (it may name a database URL or a file).
_PROJECT_PROBLEMS: dict[type[TwitchcheckError], tuple[int, str, str | None]] = {
    UnknownIdError: (422, "unknown-id", None),
    ContradictionError: (422, "contradiction", None),
    InvalidValueError: (422, "invalid-value", None),
    SessionNotFoundError: (404, "interview-not-found", "No interview has this id."),
    InterviewError: (409, "interview-conflict", None),
    InputError: (422, "invalid-input", None),
    StoreError: (503, "store", "The interview store is unavailable."),
    KnowledgeError: (503, "knowledge", "The knowledge base failed validation."),
    TwitchcheckError: (500, "internal", "An internal error occurred; it has been logged."),
}


def project_problem(exc: TwitchcheckError) -> tuple[int, str, str | None]:
    """The entry for the most specific class of ``exc`` in the table (its MRO decides)."""
    for cls in type(exc).__mro__:
        entry = _PROJECT_PROBLEMS.get(cls)
        if entry is not None:
            return entry
    return _PROJECT_PROBLEMS[TwitchcheckError]


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into a problem response."""

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        status, detail, errors = _validation_errors(exc)
        return problem(status, detail, kind="invalid-request", errors=errors)

    @app.exception_handler(TwitchcheckError)
    async def _project(_: Request, exc: TwitchcheckError) -> JSONResponse:
        status, kind, fixed = project_problem(exc)
        return problem(status, fixed or str(exc), kind=kind)

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
