"""Options several commands share: ``--detail`` (the shape of a result)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


class DetailChoice(StrEnum):
    """The shapes of a result (``twitchcheck.assessment.result.Detail``)."""

    summary = "summary"
    full = "full"


DetailOpt = Annotated[
    DetailChoice,
    typer.Option(
        "--detail",
        help="summary: triage with its reasons, the first causes, next steps, reassurance; "
        "full: the whole assess --json result, every cause with its terms for and against.",
    ),
]
