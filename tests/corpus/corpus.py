"""The annotated lay-text corpora (tests/corpus/*.yaml): schema and loading.

Used by the corpus tests and by ``bench/text.py``. Two corpora, each in a development part and a
kept-aside part that is never tuned on:

- the general corpus (``development.yaml``, ``held_out.yaml``; issue 3), and
- the red-flag corpus (``redflags_development.yaml``, ``redflags_held_out.yaml``; issue 12): how
  people write about danger signs, with ``others`` — findings said of someone else.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

CORPUS_DIR = Path(__file__).parent
State = Literal["present", "absent", "unknown"]
GENERAL = ("development", "held_out")
RED_FLAGS = ("redflags_development", "redflags_held_out")


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    text: str = Field(min_length=1)
    findings: dict[str, State]
    age: float | None = Field(default=None, ge=0, le=120)
    sex: Literal["female", "male"] | None = None
    # findings the message states of someone other than the person assessed ("my dad had trouble
    # swallowing"); the reader must not count them for the person
    others: list[str] = Field(default_factory=list)


class CorpusFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    set: Literal["development", "held_out", "redflags_development", "redflags_held_out"]
    today: date
    messages: list[Message] = Field(min_length=1)


# The red-flag development messages written with the kept-aside part, before the reader was
# changed for issue 12 (rd001-rd356); later batches were written to find classes of error.
FIRST_BATCH_LAST = 356


def first_batch(message_id: str) -> bool:
    """Whether a red-flag development message belongs to the batch written with the kept-aside
    part (ids ``rd001``-``rd356``)."""
    return int(message_id.removeprefix("rd")) <= FIRST_BATCH_LAST


def _load(folder: Path, names: tuple[str, ...]) -> dict[str, CorpusFile]:
    parts = [
        CorpusFile.model_validate(yaml.safe_load((folder / f"{n}.yaml").read_text("utf-8")))
        for n in names
        if (folder / f"{n}.yaml").exists()
    ]
    return {part.set: part for part in parts}


def load_corpus(folder: Path = CORPUS_DIR) -> dict[str, CorpusFile]:
    """Each part of the general corpus by set name (``development``, ``held_out``)."""
    return _load(folder, GENERAL)


def load_redflags(folder: Path = CORPUS_DIR) -> dict[str, CorpusFile]:
    """Each part of the red-flag corpus (``redflags_development``, ``redflags_held_out``)."""
    return _load(folder, RED_FLAGS)
