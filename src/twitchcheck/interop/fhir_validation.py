"""Check FHIR JSON against the fhir.resources R4B models, naming the path of a fault.

fhir.resources ships R5 by default and R4B (4.3.0) as the release closest to R4; the resources
twitchcheck reads and writes (Questionnaire, QuestionnaireResponse, Patient, Observation,
Condition, RiskAssessment, ServiceRequest, Bundle) have the same JSON shape in R4 and R4B for
every element we use. The models check structure and data types, not value-set bindings, so the
codes that matter (``status`` values) are checked by the converters themselves.
"""

from __future__ import annotations

from typing import Any

from twitchcheck.errors import InteropError

from .record import json_path

# fhir.resources field names that differ from the FHIR JSON name.
_RENAMED = {"resource_type": "resourceType"}


def validate(document: str, data: Any, resource_type: str, *, path: str = "$") -> None:
    """Raise ``InteropError`` unless ``data`` is a valid R4B resource of ``resource_type``.

    Args:
        document: what to call the document in messages (``QuestionnaireResponse``).
        data: parsed JSON.
        resource_type: the expected ``resourceType``.
        path: where ``data`` sits in a larger document (``$.prefetch.patient``).
    """
    from fhir.resources.R4B import get_fhir_model_class
    from pydantic import ValidationError

    if not isinstance(data, dict):
        raise InteropError(document, path, f"expected a FHIR {resource_type} object")
    found = data.get("resourceType")
    if found != resource_type:
        raise InteropError(document, f"{path}.resourceType", f"expected {resource_type!r}")
    check_json_types(document, data, path)
    try:
        model = get_fhir_model_class(resource_type)
        model.model_validate(data)
    except KeyError:
        raise InteropError(document, f"{path}.resourceType", "unknown resource type") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InteropError(document, _path(path, first["loc"]), _message(first)) from None
    except (TypeError, ValueError) as exc:
        # A nested resource of an unknown type surfaces from fhir.resources as a bare error.
        raise InteropError(
            document, path, f"invalid {resource_type} ({type(exc).__name__})"
        ) from None


def check_json_types(document: str, value: Any, path: str, parent: str = "") -> None:
    """Refuse JSON types FHIR does not allow where the models would coerce them.

    fhir.resources validates in pydantic's lax mode: ``"valueBoolean": "no"`` passes as true and
    ``"valueDecimal": "58"`` as 58. For the choice-type values and quantities twitchcheck reads,
    the JSON type must be the FHIR one.
    """
    if isinstance(value, list):
        for i, item in enumerate(value):
            check_json_types(document, item, f"{path}[{i}]", parent)
        return
    if not isinstance(value, dict):
        return
    for key, item in value.items():
        where = f"{path}.{key}"
        if key.endswith("Boolean") and not isinstance(item, bool):
            raise InteropError(document, where, "expected true or false")
        if key.endswith(("Integer", "PositiveInt", "UnsignedInt")) and (
            isinstance(item, bool) or not isinstance(item, int)
        ):
            raise InteropError(document, where, "expected a whole number")
        numeric = key.endswith("Decimal") or (key == "value" and parent.endswith("Quantity"))
        if numeric and (isinstance(item, bool) or not isinstance(item, int | float)):
            raise InteropError(document, where, "expected a number")
        check_json_types(document, item, where, key)


def _path(base: str, loc: tuple[Any, ...]) -> str:
    parts: list[str | int] = []
    for p in loc:
        if isinstance(p, int):
            parts.append(p)
        else:
            name = str(p)
            parts.append(_RENAMED.get(name, name))
    tail = json_path(*parts)[1:]
    return base + tail


def _message(error: Any) -> str:
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        return "unknown element"
    if kind == "missing":
        return "required element missing"
    text = str(error.get("msg", "invalid")).strip().splitlines()[0]
    text = text.removeprefix("Value error, ")
    return text[:200]
