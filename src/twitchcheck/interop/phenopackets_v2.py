"""GA4GH Phenopacket v2 in and out (the ``phenopackets`` protobuf bindings, imported on use).

Read (:func:`from_phenopacket`):

- ``subject.sex`` ``MALE`` / ``FEMALE`` → male / female (``OTHER_SEX`` / ``UNKNOWN_SEX``: sex not
  given, and said so in ``ignored``);
- age from ``subject.timeAtLastEncounter``: ``age.iso8601duration`` (``P66Y``, ``P1Y6M``, ``P10W``),
  the middle of an ``ageRange``, or ``timestamp`` minus ``subject.dateOfBirth``; an age stage
  (``ontologyClass``), a ``gestationalAge`` or an ``interval`` gives no age and is named in
  ``ignored``, as are ``subject.vitalStatus`` and the other subject fields not read;
- ``phenotypicFeatures[]``: ``type.id`` an HPO term (or a SNOMED CT code a finding carries);
  ``excluded: true`` → absent. Terms that are not kb codes go through :mod:`hpo_mapping`; what
  cannot be mapped is listed in the record's ``unmapped``, and sections twitchcheck does not read
  (diseases, measurements, interpretations…) are named in ``ignored``;
- a packet without phenotypic features, or with none that maps to a finding, is refused: assessed
  on age and sex alone it would come out "likely harmless".

The document is checked against the Phenopacket v2 message definitions field by field before it
is parsed, so an error names the JSON path of the fault (``$.phenotypicFeatures[1].excluded``).

Write (:func:`to_phenopacket`): present and absent findings that have an HPO code, with the
subject's sex and age; :func:`from_phenopacket` reads it back to the same patient and evidence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

from twitchcheck.engine.evidence import Evidence, Patient, State
from twitchcheck.errors import InteropError
from twitchcheck.knowledge.model import KnowledgeBase

from .annotation_terms import channel_item, queries_for, say_channel
from .hpo_mapping import hpo_version, label, mapper_for, read_term
from .record import Mapped, RecordInput, Unmapped, json_path, make_patient, resolve
from .terminology import HPO_ID

if TYPE_CHECKING:
    from google.protobuf.descriptor import Descriptor, FieldDescriptor

DOCUMENT = "phenopacket"
FORMAT = "phenopacket-v2"
SCHEMA_VERSION = "2.0"

_DURATION = re.compile(
    r"^P(?!$)(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?"
    r"(?:T(?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?$"
)
_READ = frozenset(
    {"id", "subject", "phenotypicFeatures", "phenotypic_features", "metaData", "meta_data"}
)
_SNOMED_PREFIXES = ("SNOMEDCT:", "SNOMEDCT_US:", "SCTID:", "SNOMED:")


# -- reading ------------------------------------------------------------------------------------


def from_phenopacket(kb: KnowledgeBase, data: Any) -> RecordInput:
    """Read a Phenopacket v2 (parsed JSON) as patient and evidence.

    Raises:
        InteropError: the document is not a valid Phenopacket v2, an age cannot be read, two
            features contradict each other, or no feature can be read as a finding (none at all,
            or none twitchcheck knows); the message names the JSON path.
    """
    from google.protobuf import json_format
    from phenopackets.schema.v2 import Phenopacket

    if not isinstance(data, dict):
        raise InteropError(DOCUMENT, "$", "a Phenopacket is a JSON object")
    check_message(cast("Descriptor", Phenopacket.DESCRIPTOR), data, "$")
    message = Phenopacket()
    try:
        json_format.ParseDict(data, message)
    except json_format.ParseError:
        # The field-by-field check above catches what we know of; never echo protobuf's text,
        # which may quote values.
        raise InteropError(DOCUMENT, "$", "not a valid Phenopacket v2 document") from None

    patient, subject_ignored = _patient(message, data)
    mapper = mapper_for(kb)
    candidates: list[Mapped] = []
    unmapped: list[Unmapped] = []
    channel_items: list[Evidence] = []
    consulted = False
    unused_details: set[str] = set()
    for i, pf in enumerate(message.phenotypic_features):
        path = json_path("phenotypicFeatures", i)
        term = pf.type.id.strip()
        name = pf.type.label or None
        state: State = "absent" if pf.excluded else "present"
        long_standing = _long_standing(pf)
        unused_details.update(p for p in ("resolution", "severity") if pf.HasField(p))
        if pf.HasField("onset") and not _onset_read(pf):
            unused_details.add("onset")
        if any(m.id not in CHRONIC_MODIFIERS for m in pf.modifiers):
            unused_details.add("modifiers")
        if len(pf.evidence):
            unused_details.add("evidence")
        if not term:
            raise InteropError(DOCUMENT, f"{path}.type.id", "a phenotypic feature needs a type id")
        if HPO_ID.match(term):
            found, miss, used = read_term(mapper, path, term, state, name)
            consulted = consulted or used
            if long_standing is not None and state == "present":
                for m in [m for m in found if kb.findings[m.finding].acute]:
                    found.remove(m)
                    unmapped.append(
                        Unmapped(
                            path,
                            term,
                            f"{long_standing}: {m.finding!r} is a new or sudden problem, so a "
                            "long-standing feature is not read as it",
                            name,
                        )
                    )
            candidates += found
            if miss is not None:
                unmapped.append(miss)
                sent = channel_item(kb.annotations, term.upper(), state, "record")
                if sent is not None:
                    channel_items.append(sent)
            continue
        fid = _other_code(kb, term)
        if fid is None:
            unmapped.append(Unmapped(path, term, "not an HPO term nor a kb finding's code", name))
        else:
            candidates.append(Mapped(path, term, fid, state))
    queries = queries_for(kb.annotations, channel_items)
    evidence, used_candidates, superseded = resolve(DOCUMENT, candidates)
    _require_findings(len(message.phenotypic_features), evidence)
    ignored = sorted([*_ignored(data), *subject_ignored])
    if unused_details:
        ignored.append("phenotypicFeatures[]: " + ", ".join(sorted(unused_details)) + " (not read)")
    return RecordInput(
        format=FORMAT,
        patient=patient,
        evidence=evidence,
        mapped=used_candidates,
        unmapped=(*say_channel(unmapped, channel_items, queries), *superseded),
        ignored=tuple(ignored),
        hpo_version=hpo_version() if consulted else None,
        annotations=queries,
    )


def _require_findings(features: int, evidence: tuple[Evidence, ...]) -> None:
    """Refuse a packet that tells nothing about symptoms: assessed on age and sex alone it would
    read as "likely harmless", a reassurance nobody gave."""
    path = "$.phenotypicFeatures"
    if not features:
        problem = "a Phenopacket needs at least one phenotypic feature to be assessed"
        raise InteropError(DOCUMENT, path, problem)
    if not evidence:
        raise InteropError(
            DOCUMENT,
            path,
            f"none of the {features} phenotypic feature(s) is a finding twitchcheck knows, "
            "so there is nothing to assess",
        )


def _other_code(kb: KnowledgeBase, term: str) -> str | None:
    upper = term.upper()
    for prefix in _SNOMED_PREFIXES:
        if upper.startswith(prefix):
            return kb.codes.get("SNOMED:" + upper[len(prefix) :])
    return kb.codes.get(upper)


#: Modifiers that make a feature long-standing (HPO "Chronic").
CHRONIC_MODIFIERS = frozenset({"HP:0011010"})
#: Onsets that make a feature long-standing (HPO "Congenital onset", "Neonatal onset").
LONG_STANDING_ONSETS = frozenset({"HP:0003577", "HP:0003623"})


def _onset_read(pf: Any) -> bool:
    """Whether the feature's onset is one this reader uses (an HPO onset class it knows)."""
    return pf.onset.WhichOneof("element") == "ontology_class" and (
        pf.onset.ontology_class.id in LONG_STANDING_ONSETS
    )


def _long_standing(pf: Any) -> str | None:
    """Why a feature is long-standing (chronic, or there since birth), or ``None``."""
    for m in pf.modifiers:
        if m.id in CHRONIC_MODIFIERS:
            return f"chronic ({m.id})"
    if _onset_read(pf):
        return f"onset {pf.onset.ontology_class.id}"
    return None


def _ignored(data: dict[str, Any]) -> list[str]:
    out = []
    for key, value in data.items():
        if key in _READ or value in (None, [], {}, ""):
            continue
        size = f" ({len(value)})" if isinstance(value, list) else ""
        out.append(f"$.{key}{size}")
    return sorted(out)


_SUBJECT_READ = frozenset({"id", "sex", "timeAtLastEncounter", "dateOfBirth"})
_TIME_NOT_READ = {
    "gestationalAge": "a gestational age (before birth): age not given",
    "ontologyClass": "an age stage, not a number of years: age not given",
    "interval": "an interval, not an age: age not given",
}


def _patient(message: Any, data: dict[str, Any]) -> tuple[Patient, list[str]]:
    """The patient, and what of ``subject`` was given but not read (for ``ignored``): a sex
    other than male or female, an age in a form that is not years, vital status and the rest."""
    from phenopackets.schema.v2 import Sex

    if not message.HasField("subject"):
        return Patient(), []
    subject = message.subject
    given = data.get("subject")
    raw: dict[str, Any] = given if isinstance(given, dict) else {}
    ignored = [f"$.subject.{key} (not read)" for key in sorted(raw) if key not in _SUBJECT_READ]
    sex_name = Sex.Name(subject.sex)
    sex = {"MALE": "male", "FEMALE": "female"}.get(sex_name)
    if sex is None and "sex" in raw:
        ignored.append(f"$.subject.sex: {sex_name} (read as sex not given)")
    age: float | None = None
    age_path = "$.subject.timeAtLastEncounter"
    if subject.HasField("time_at_last_encounter"):
        t = subject.time_at_last_encounter
        kind = t.WhichOneof("element")
        if kind == "age":
            age = parse_duration(t.age.iso8601duration, f"{age_path}.age.iso8601duration")
        elif kind == "age_range":
            low = parse_duration(
                t.age_range.start.iso8601duration, f"{age_path}.ageRange.start.iso8601duration"
            )
            high = parse_duration(
                t.age_range.end.iso8601duration, f"{age_path}.ageRange.end.iso8601duration"
            )
            age = (low + high) / 2
        elif kind == "timestamp" and subject.HasField("date_of_birth"):
            born = subject.date_of_birth.ToDatetime(tzinfo=UTC)
            seen = t.timestamp.ToDatetime(tzinfo=UTC)
            age = (seen - born).days / 365.25
            age_path += ".timestamp"
        elif kind == "timestamp":
            ignored.append(f"{age_path}.timestamp: no dateOfBirth to count from (age not given)")
        else:
            when = raw.get("timeAtLastEncounter")
            form = next((k for k in _TIME_NOT_READ if isinstance(when, dict) and k in when), "")
            why = _TIME_NOT_READ.get(form, "not an age: age not given")
            ignored.append(f"{age_path}.{form or kind}: {why}")
    return make_patient(DOCUMENT, age, sex, age_path), ignored


def parse_duration(text: str, path: str) -> float:
    """Years in an ISO 8601 duration (``P66Y``, ``P3M``, ``P1Y6M``, ``P10W``, ``P5D``).

    Raises:
        InteropError: not an ISO 8601 duration of years, months, weeks or days.
    """
    m = _DURATION.match(text.strip())
    if not m or not any(m.groups()):
        raise InteropError(DOCUMENT, path, "expected an ISO 8601 duration such as P66Y or P3M")
    years, months, weeks, days = (float(g) if g else 0.0 for g in m.groups())
    return years + months / 12 + (weeks * 7 + days) / 365.25


# -- field-by-field check against the message definitions --------------------------------------

_WELL_KNOWN_STRINGS = frozenset({"google.protobuf.Timestamp", "google.protobuf.Duration"})
_WELL_KNOWN_ANY = frozenset(
    {
        "google.protobuf.Any",
        "google.protobuf.Struct",
        "google.protobuf.Value",
        "google.protobuf.ListValue",
    }
)


def check_message(descriptor: Descriptor, value: Any, path: str) -> None:
    """Raise ``InteropError`` at the first field of ``value`` that ``descriptor`` does not allow.

    Checks what protobuf's JSON parser checks (unknown fields, JSON types, enum names, repeated
    fields as arrays), but reports where.
    """
    if not isinstance(value, dict):
        raise InteropError(DOCUMENT, path, "expected an object")
    by_json = {f.json_name: f for f in descriptor.fields}
    for key, item in value.items():
        field = by_json.get(key) or descriptor.fields_by_name.get(key)
        where = f"{path}.{key}"
        if field is None:
            raise InteropError(DOCUMENT, where, "unknown field")
        if item is None:
            continue
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            if not isinstance(item, dict):
                raise InteropError(DOCUMENT, where, "expected an object")
            continue
        if _is_repeated(field):
            if not isinstance(item, list):
                raise InteropError(DOCUMENT, where, "expected an array")
            for i, element in enumerate(item):
                _check_value(field, element, f"{where}[{i}]")
        else:
            _check_value(field, item, where)


def _is_repeated(field: FieldDescriptor) -> bool:
    repeated = getattr(field, "is_repeated", None)
    if isinstance(repeated, bool):
        return repeated
    return bool(field.label == field.LABEL_REPEATED)


def _check_value(field: FieldDescriptor, value: Any, path: str) -> None:
    t = field.type
    if t == field.TYPE_MESSAGE:
        name = field.message_type.full_name
        if name in _WELL_KNOWN_STRINGS:
            if not isinstance(value, str):
                raise InteropError(DOCUMENT, path, "expected a string (RFC 3339 time)")
            return
        if name in _WELL_KNOWN_ANY:
            return
        check_message(field.message_type, value, path)
    elif t == field.TYPE_ENUM:
        names = {v.name for v in field.enum_type.values}
        numbers = {v.number for v in field.enum_type.values}
        ok = (isinstance(value, str) and value in names) or (
            isinstance(value, int) and not isinstance(value, bool) and value in numbers
        )
        if not ok:
            allowed = ", ".join(sorted(names))
            raise InteropError(DOCUMENT, path, f"expected one of {allowed}")
    elif t == field.TYPE_BOOL:
        if not isinstance(value, bool):
            raise InteropError(DOCUMENT, path, "expected true or false")
    elif t in (field.TYPE_STRING, field.TYPE_BYTES):
        if not isinstance(value, str):
            raise InteropError(DOCUMENT, path, "expected a string")
    elif t in (field.TYPE_DOUBLE, field.TYPE_FLOAT):
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise InteropError(DOCUMENT, path, "expected a number")
        if isinstance(value, float) and not math.isfinite(value):
            raise InteropError(DOCUMENT, path, "expected a finite number")
    elif isinstance(value, bool) or not isinstance(value, int | str):
        raise InteropError(DOCUMENT, path, "expected an integer")


# -- writing ------------------------------------------------------------------------------------


def to_phenopacket(
    kb: KnowledgeBase,
    patient: Patient,
    evidence: Iterable[Evidence],
    *,
    packet_id: str = "twitchcheck",
    created: datetime | None = None,
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """A Phenopacket v2 (as JSON) for a patient and evidence.

    Each present or absent finding with an HPO code becomes a phenotypic feature with its first
    HPO code (``excluded: true`` when absent); unknown evidence is left out.

    Returns:
        ``(phenopacket, left_out)``: ``left_out`` names the present/absent findings that have no
        HPO code and so cannot be expressed.
    """
    features: list[dict[str, Any]] = []
    left_out: list[str] = []
    for ev in sorted(evidence, key=lambda e: e.id):
        if ev.state == "unknown":
            continue
        codes = kb.findings[ev.id].codes.hpo
        if not codes:
            left_out.append(ev.id)
            continue
        feature: dict[str, Any] = {"type": {"id": codes[0], "label": label(codes[0]) or ev.id}}
        if ev.state == "absent":
            feature["excluded"] = True
        features.append(feature)
    subject: dict[str, Any] = {"id": f"{packet_id}-subject"}
    if patient.age is not None:
        subject["timeAtLastEncounter"] = {"age": {"iso8601duration": format_duration(patient.age)}}
    subject["sex"] = {"male": "MALE", "female": "FEMALE"}.get(patient.sex or "", "UNKNOWN_SEX")
    when = (created or datetime(2000, 1, 1, tzinfo=UTC)).astimezone(UTC)
    packet = {
        "id": packet_id,
        "subject": subject,
        "phenotypicFeatures": features,
        "metaData": {
            "created": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "createdBy": "twitchcheck",
            "resources": [
                {
                    "id": "hp",
                    "name": "human phenotype ontology",
                    "url": "http://purl.obolibrary.org/obo/hp.owl",
                    "version": hpo_version(),
                    "namespacePrefix": "HP",
                    "iriPrefix": "http://purl.obolibrary.org/obo/HP_",
                }
            ],
            "phenopacketSchemaVersion": SCHEMA_VERSION,
        },
    }
    return packet, tuple(left_out)


def format_duration(years: float) -> str:
    """An ISO 8601 duration for an age in years, to the day: 29 → ``P29Y``, 0.25 → ``P3M``."""
    whole = int(years)
    months_f = (years - whole) * 12
    months = int(round(months_f, 6))
    days = round((months_f - months) * 365.25 / 12)
    out = "P"
    if whole:
        out += f"{whole}Y"
    if months:
        out += f"{months}M"
    if days or out == "P":
        out += f"{days}D"
    return out
