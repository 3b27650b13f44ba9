"""Documented error responses (problem+json) shared by the routes' OpenAPI descriptions."""

from __future__ import annotations

from typing import Any

from twitchcheck.api.problems import PROBLEM_JSON, Problem

_schema: dict[str, Any] = {"model": Problem, "content": {PROBLEM_JSON: {}}}

PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {**_schema, "description": "Malformed JSON"},
    401: {**_schema, "description": "Missing or invalid API key (when keys are configured)"},
    413: {**_schema, "description": "Request body too large"},
    422: {**_schema, "description": "Invalid input: unknown id, contradiction, value out of range"},
}
INTERVIEW_RESPONSES: dict[int | str, dict[str, Any]] = {
    **PROBLEM_RESPONSES,
    404: {**_schema, "description": "No interview has this id"},
    409: {**_schema, "description": "Not the question being asked, or the interview is over"},
}
READ_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {**_schema, "description": "Missing or invalid API key (when keys are configured)"},
}
