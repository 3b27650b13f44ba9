"""The project's clinical vignettes (tests/vignettes/*.yaml): schema and loading.

Used by the vignette tests and by ``bench/accuracy.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

VIGNETTE_DIR = Path(__file__).parent / "vignettes"
HOSTILE_DIR = Path(__file__).parent / "vignettes_hostile"


class Vignette(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    summary: str
    age: float = Field(ge=0, le=120)
    sex: Literal["female", "male"]
    present: list[str]
    absent: list[str] = Field(default_factory=list)
    text: str
    expected_triage: Literal["emergency", "urgent", "routine", "self_care"]
    primary: str
    acceptable: list[str] = Field(default_factory=list)
    difficulty: Literal["easy", "hard"]
    sources: list[str] = Field(min_length=1)
    based_on: str
    # development: written while the knowledge base was tuned; held_out: written apart from it,
    # never used to tune it (the benchmark reports the two sets separately).
    set: Literal["development", "held_out"] = "development"


def load_vignettes(folder: Path = VIGNETTE_DIR) -> list[Vignette]:
    """Every vignette, sorted by id."""
    cases = [
        Vignette.model_validate(yaml.safe_load(p.read_text()))
        for p in sorted(folder.glob("*.yaml"))
    ]
    return sorted(cases, key=lambda v: v.id)


Hostility = Literal[
    "incomplete",
    "contradictory",
    "distractor",
    "early_emergency",
    "dont_know",
    "typos",
    "other_person",
    "anxious",
]


class HostileVignette(Vignette):
    """A vignette written like a real, messy user (issue 16): incomplete, contradictory, with a
    distractor beside a real sign, an emergency before its late signs, "don't know" answers
    (``unknown``). Kept apart from the development and held-out sets; never used to tune."""

    unknown: list[str] = Field(default_factory=list)
    hostility: list[Hostility] = Field(min_length=1)
    set: Literal["hostile"] = "hostile"  # type: ignore[assignment]


def load_hostile(folder: Path = HOSTILE_DIR) -> list[HostileVignette]:
    """Every hostile vignette, sorted by id (none if the folder is missing)."""
    cases = [
        HostileVignette.model_validate(yaml.safe_load(p.read_text()))
        for p in sorted(folder.glob("*.yaml"))
    ]
    return sorted(cases, key=lambda v: v.id)
