"""Shared helpers for the interop tests: golden files, the small kb, fhir.resources validation."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from fhir.resources.R4B import get_fhir_model_class

from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
FHIR_GOLDEN = GOLDEN / "fhir"
PHENOPACKET_GOLDEN = GOLDEN / "phenopackets"
# Set TWITCHCHECK_UPDATE_GOLDEN=1 to rewrite generated golden files after a deliberate change.
UPDATE = os.environ.get("TWITCHCHECK_UPDATE_GOLDEN") == "1"


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def check_golden(path: Path, data: Any) -> None:
    """Compare ``data`` with the golden JSON at ``path`` (rewrite it when UPDATE is set)."""
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(text), (
        f"{path.name} differs; if the change is intended, rerun with TWITCHCHECK_UPDATE_GOLDEN=1"
    )


def fhir_valid(resource: dict[str, Any]) -> Any:
    """Validate with the fhir.resources R4B model of the resource's type; returns the model."""
    model = get_fhir_model_class(resource["resourceType"])
    return model.model_validate(resource)
