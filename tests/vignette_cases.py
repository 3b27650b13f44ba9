"""The project's clinical vignettes (tests/vignettes/*.yaml): schema and loading.

Used by the vignette tests and by ``bench/accuracy.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

VIGNETTE_DIR = Path(__file__).parent / "vignettes"


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
