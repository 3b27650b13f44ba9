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
from starlette.routing import Match

from twitchcheck.errors import (
    ContradictionError,
    EncodingError,
    InputError,
    InputTooLargeError,
    InterviewError,
    InvalidValueError,
    KnowledgeError,
    NestingTooDeepError,
    SessionNotFoundError,
    StoreError,
    TextTooLongError,
    TwitchcheckError,
    UnknownIdError,
)
from twitchcheck.limits import MAX_JSON_DEPTH

from .schemas import TEXT_TOO_LONG

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
# Problem kinds whose title is not their status's (a 413 that is not about the body).
_KIND_TITLES = {"text-too-long": "Text too long"}


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
        title=_KIND_TITLES.get(kind or "") or _TITLES.get(status, "Error"),
        status=status,
        detail=detail,
        errors=errors,
    )
    return JSONResponse(
        body.model_dump(exclude_none=True), status_code=status, media_type=PROBLEM_JSON
    )


def _validation_errors(
    exc: RequestValidationError,
) -> tuple[int, str, str, list[dict[str, Any]]]:
    """Status, problem kind, detail and the errors (location and message) of a refused body."""
    raw = exc.errors()
    errors = []
    for e in raw:
        loc = [str(x) for x in e.get("loc", ())]
        # Never echo the submitted value: it may be health text.
        errors.append({"location": "/".join(loc), "message": e.get("msg", "invalid")})
    if any(e.get("type") in {"json_invalid", "json_type"} for e in raw):
        return 400, "invalid-request", "The request body is not valid JSON.", errors
    too_long = [errors[i] for i, e in enumerate(raw) if e.get("type") == TEXT_TOO_LONG]
    if too_long:  # as TextTooLongError from the text reader: 413
        first = too_long[0]
        return 413, "text-too-long", f"{first['location']}: {first['message']}", errors
    first = errors[0] if errors else {"location": "body", "message": "invalid"}
    return 422, "invalid-request", f"{first['location']}: {first['message']}", errors


# The project's exceptions as problems: status, problem kind, and a fixed message where the
# exception's own text is not for clients (it may name a database URL or a file).
_PROJECT_PROBLEMS: dict[type[TwitchcheckError], tuple[int, str, str | None]] = {
    UnknownIdError: (422, "unknown-id", None),
    ContradictionError: (422, "contradiction", None),
    InvalidValueError: (422, "invalid-value", None),
    TextTooLongError: (413, "text-too-long", None),
    InputTooLargeError: (413, "too-large", None),
    EncodingError: (422, "invalid-encoding", None),
    NestingTooDeepError: (422, "too-deep", None),
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


def _allowed(request: Request) -> list[str]:
    """Every method some route serves at this request's path (for a 405's ``Allow``)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches(request.scope)  # PARTIAL: the path matches, the method not
        if match != Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods)


def _unreadable_body(exc: StarletteHTTPException) -> InputError | None:
    """FastAPI answers a body it cannot read with a bare 400; some causes are the project's input
    errors: a body over the size limit that declared no length (``middleware``), bytes that are
    not UTF-8, and nesting so deep that the decoder gave up (far past ``MAX_JSON_DEPTH``, which
    ``deps.check_json_body`` enforces)."""
    if exc.status_code != 400:
        return None
    if isinstance(exc.__cause__, InputError):
        return exc.__cause__
    if isinstance(exc.__cause__, UnicodeDecodeError):
        where = exc.__cause__.start + 1
        return EncodingError(f"the request body is not valid UTF-8 (byte {where:,})")
    if isinstance(exc.__cause__, RecursionError):
        return NestingTooDeepError("the request body", MAX_JSON_DEPTH)
    return None


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into a problem response."""

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        status, kind, detail, errors = _validation_errors(exc)
        return problem(status, detail, kind=kind, errors=errors)

    def _project_response(exc: TwitchcheckError) -> JSONResponse:
        status, kind, fixed = project_problem(exc)
        return problem(status, fixed or str(exc), kind=kind)

    @app.exception_handler(TwitchcheckError)
    async def _project(_: Request, exc: TwitchcheckError) -> JSONResponse:
        return _project_response(exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        unreadable = _unreadable_body(exc)
        if unreadable is not None:
            return _project_response(unreadable)
        detail = exc.detail if isinstance(exc.detail, str) else _TITLES.get(exc.status_code, "")
        response = problem(exc.status_code, detail)
        if exc.headers:
            response.headers.update(exc.headers)
        if exc.status_code == 405:
            # Starlette names only the first route's methods; a path served by several routes
            # (GET and DELETE /v1/interviews/{id}) allows all of theirs.
            response.headers["Allow"] = ", ".join(_allowed(request))
        return response

    @app.exception_handler(Exception)
    async def _crash(_: Request, exc: Exception) -> JSONResponse:
        return problem(500, "An internal error occurred; it has been logged.", kind="internal")
