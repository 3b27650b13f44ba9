"""A diagnostic app for ``make bench-perf``: what the HTTP stack costs before any assessment.

The real app (``create_app``) plus one route, ``POST /bench/constant``: the same request model
and knowledge-base dependency as ``POST /v1/assess``, and a constant, pre-rendered assessment of
the usual size as the answer — no assessment work at all. Its requests/s against ``/healthz`` is
the most ``/v1/assess`` could reach on this stack. Never part of the product.
"""

from __future__ import annotations

from fastapi import Response  # noqa: TID251 - a benchmark harness around the API

from twitchcheck.api.app import create_app
from twitchcheck.api.deps import KB
from twitchcheck.api.schemas import AssessRequest, AssessResponse
from twitchcheck.batch.scorer import assess_json
from twitchcheck.engine.evidence import Evidence, Patient

app = create_app()
_CONSTANT = assess_json(
    app.state.kb,
    Patient(age=40, sex="male"),
    [
        Evidence("twitch_legs", "present"),
        Evidence("weakness", "absent"),
        Evidence("cramps", "present"),
    ],
).encode()


@app.post("/bench/constant", response_model=AssessResponse)
async def constant(body: AssessRequest, kb: KB) -> Response:
    return Response(_CONSTANT, media_type="application/json")
