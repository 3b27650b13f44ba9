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
READ_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {**_schema, "description": "Missing or invalid API key (when keys are configured)"},
}
