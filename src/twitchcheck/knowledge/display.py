"""The schema of ``kb/display.yaml``: how a probability is shown to a person, and which number to
call in an emergency.

These are presentation limits, not model parameters: the engine's probabilities are unchanged (the
API returns them in full), but what a person reads is framed as a natural frequency ("about 3 in
100 people with answers like yours") and never claims more than a self-report can support.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from .schema import Citation, Id, Strict, Text

Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
PhoneNumber = Annotated[str, StringConstraints(pattern=r"^[0-9]{2,6}$")]


class Rounding(Strict):
    """Probabilities below ``below`` are rounded to the nearest ``step`` (people per the first
    denominator)."""

    below: float = Field(gt=0.0, le=1.0)
    step: int = Field(ge=1, le=25)


class FrequencyWording(Strict):
    """``{n}`` is the rounded count and ``{d}`` the denominator (100, 1,000 ...); ``people``
    and ``base_rate`` say who the count is about (after the answers; before any)."""

    about: Text
    fewer: Text
    people: Text
    base_rate: Text


class Frequency(Citation):
    """Natural frequencies: the smallest denominator in ``denominators`` at which the count is
    at least 1; below the largest, "fewer than 1 in ...". ``rounding`` applies per hundred."""

    denominators: list[int] = Field(min_length=1)
    rounding: list[Rounding] = Field(min_length=1)
    wording: FrequencyWording

    @model_validator(mode="after")
    def _ordered(self) -> Frequency:
        if self.denominators != sorted(set(self.denominators)) or self.denominators[0] < 10:
            raise ValueError("denominators must be distinct, ascending and at least 10")
        limits = [r.below for r in self.rounding]
        if limits != sorted(set(limits)) or limits[-1] != 1.0:
            raise ValueError("rounding limits must ascend and end at 1.0")
        return self


class Cap(Citation):
    """The highest probability a person is shown; above it, ``wording`` (``{n}`` and ``{d}`` as
    in :class:`FrequencyWording`, with ``n`` the cap as a count) followed by ``note``."""

    value: float = Field(gt=0.0, lt=1.0)
    wording: Text
    note: Text


class CallNumber(Citation):
    number: PhoneNumber


class CountryNumber(CallNumber):
    country: Country


class EmergencyCall(Strict):
    """The emergency number shown on the emergency page: per country, and a default for others.
    An operator may override it (``TWITCHCHECK_EMERGENCY_NUMBER``)."""

    default: CallNumber
    countries: list[CountryNumber] = Field(default_factory=list)
    while_waiting: list[Text] = Field(min_length=1)
    while_waiting_source: Id

    @model_validator(mode="after")
    def _unique(self) -> EmergencyCall:
        seen = [c.country for c in self.countries]
        if len(seen) != len(set(seen)):
            raise ValueError("a country is listed twice")
        return self

    def number_for(self, country: str | None) -> str:
        """The number for a two-letter country code (any case); the default for others."""
        wanted = (country or "").upper()
        return next((c.number for c in self.countries if c.country == wanted), self.default.number)


class Family(Strict):
    """Causes a person reads as one line ("summed for display"): distinct causes with their own
    numbers in the engine, the API and the clinician's view, whose probabilities are added up
    where the lay view wants one answer (the kinds of low blood salts, the kinds of medicine)."""

    id: Id
    name: Text
    members: list[Id] = Field(min_length=2)

    @model_validator(mode="after")
    def _distinct(self) -> Family:
        if len(self.members) != len(set(self.members)):
            raise ValueError(f"family {self.id!r} lists a cause twice")
        return self


class DisplayFile(Strict):
    frequency: Frequency
    cap: Cap
    emergency_call: EmergencyCall
    families: list[Family] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_family_each(self) -> DisplayFile:
        ids = [f.id for f in self.families]
        if len(ids) != len(set(ids)):
            raise ValueError("a family id is listed twice")
        members = [m for f in self.families for m in f.members]
        if len(members) != len(set(members)):
            raise ValueError("a cause belongs to more than one family")
        return self

    def family_of(self) -> dict[str, Family]:
        """Cause id → the family it is summed into (causes in no family are absent)."""
        return {cid: f for f in self.families for cid in f.members}

    def citations(self) -> list[tuple[str, Citation]]:
        """Every sourced entry, with where it sits (for the cross-file source check)."""
        out: list[tuple[str, Citation]] = [
            ("frequency", self.frequency),
            ("cap", self.cap),
            ("emergency_call.default", self.emergency_call.default),
        ]
        out += [(f"emergency_call.{c.country}", c) for c in self.emergency_call.countries]
        return out
