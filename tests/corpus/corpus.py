"""The annotated lay-text corpus (tests/corpus/*.yaml): schema and loading.

Used by the corpus tests and by ``bench/text.py``. ``held_out.yaml`` is the kept-aside part: it was
written before the lexicon was built and the lexicon is never tuned on it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

CORPUS_DIR = Path(__file__).parent
State = Literal["present", "absent", "unknown"]


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    text: str = Field(min_length=1)
    findings: dict[str, State]
    age: float | None = Field(default=None, ge=0, le=120)
    sex: Literal["female", "male"] | None = None


class CorpusFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    set: Literal["development", "held_out"]
    today: date
    messages: list[Message] = Field(min_length=1)


def load_corpus(folder: Path = CORPUS_DIR) -> dict[str, CorpusFile]:
    """Each part of the corpus by set name (``development``, ``held_out``)."""
    parts = [
        CorpusFile.model_validate(yaml.safe_load(p.read_text(encoding="utf-8")))
        for p in sorted(folder.glob("*.yaml"))
    ]
    return {part.set: part for part in parts}
