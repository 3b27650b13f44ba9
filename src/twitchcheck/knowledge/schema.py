"""The strict schema of every ``kb/`` file.

Each model forbids unknown keys and is frozen, so a typo in a YAML key is an error, not a silent
default. The models describe single files; cross-file consistency lives in ``checks.py``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

Level = Literal["emergency", "urgent", "routine", "self_care"]
RuleLevel = Literal["emergency", "urgent", "routine"]
Sex = Literal["female", "male"]
Group = Literal[
    "brain_spinal_cord", "nerve", "muscle_hormone", "metabolic_drug", "harmless", "face"
]
Severity = Literal["harmless", "mild", "moderate", "serious", "critical"]
Specialist = Literal[
    "gp",
    "neurologist",
    "paediatric_neurologist",
    "endocrinologist",
    "nephrologist",
    "infectious_disease",
    "oncologist",
    "toxicology",
    "emergency_department",
    "ophthalmologist",
    "spine_specialist",
]
FindingCategory = Literal[
    "location",
    "duration",
    "character",
    "trigger",
    "medicine",
    "weakness",
    "symptom",
    "sign",
    "exposure",
    "history",
    "infant",
    "test_result",
]
SourceKind = Literal[
    "guideline",
    "patient_info",
    "review",
    "paper",
    "reference_text",
    "registry",
    "article",
    "project_estimate",
]

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]

AGE_BANDS: tuple[str, ...] = (
    "infant",
    "child",
    "adolescent",
    "adult_18_29",
    "adult_30_39",
    "adult_40_49",
    "adult_50_59",
    "adult_60_69",
    "adult_70_79",
    "adult_80_plus",
)

_HPO = re.compile(r"^HP:\d{7}$")
_SNOMED = re.compile(r"^\d{6,18}$")
# Verhoeff's dihedral-group tables (Verhoeff 1969): SNOMED CT ids end in this check digit, which
# catches every single-digit error and every swap of adjacent digits.
_VERHOEFF_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8),
    (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2),
    (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_VERHOEFF_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0),
    (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5),
    (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)


def verhoeff_valid(digits: str) -> bool:
    """Whether a string of digits ends in its Verhoeff check digit (``"42803009"``: yes)."""
    check = 0
    for i, ch in enumerate(reversed(digits)):
        check = _VERHOEFF_D[check][_VERHOEFF_P[i % 8][int(ch)]]
    return check == 0


class Strict(BaseModel):
    """Base for every kb model: unknown keys rejected, instances immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class Citation(Strict):
    """Where a number comes from. ``basis`` is required when the number is an estimate."""

    source: Id
    estimate: bool = False
    basis: Text | None = None

    @model_validator(mode="after")
    def _estimate_needs_basis(self) -> Citation:
        if self.estimate and not self.basis:
            raise ValueError("an estimate needs a `basis` saying what it rests on")
        return self


class Probability(Citation):
    """A sourced probability ``p`` strictly between 0 and 1."""

    p: float = Field(gt=0.0, lt=1.0)


class SourcedValue(Citation):
    """A sourced number ``value`` strictly between 0 and 1."""

    value: float = Field(gt=0.0, lt=1.0)


class Source(Strict):
    id: Id
    title: Text
    publisher: Text
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
    kind: SourceKind
    accessed: date


class SourcesFile(Strict):
    sources: list[Source] = Field(min_length=1)


class AgeBand(Strict):
    id: Id
    min_age: float = Field(ge=0)
    max_age: float = Field(gt=0)
    label: Text


class PopulationFile(Strict):
    age_bands: list[AgeBand]
    default_band: Id
    default_band_source: Citation

    @model_validator(mode="after")
    def _bands_are_the_known_contiguous_set(self) -> PopulationFile:
        ids = tuple(b.id for b in self.age_bands)
        if ids != AGE_BANDS:
            raise ValueError(f"age bands must be exactly {list(AGE_BANDS)} in order")
        for low, high in zip(self.age_bands, self.age_bands[1:], strict=False):
            if low.max_age != high.min_age:
                raise ValueError(f"age bands {low.id} and {high.id} are not contiguous")
        if self.age_bands[0].min_age != 0:
            raise ValueError("the first age band must start at 0")
        if self.default_band not in ids:
            raise ValueError(f"default_band {self.default_band!r} is not an age band")
        return self


class Codes(Strict):
    """Terminology codes. HPO as ``HP:0000000``, SNOMED CT as digits, LOINC as ``nnnn-n``."""

    hpo: list[str] = Field(default_factory=list)
    snomed: list[str] = Field(default_factory=list)
    icd10cm: list[str] = Field(default_factory=list)
    orpha: list[str] = Field(default_factory=list)
    omim: list[str] = Field(default_factory=list)
    loinc: list[str] = Field(default_factory=list)

    @field_validator("hpo")
    @classmethod
    def _hpo_format(cls, values: list[str]) -> list[str]:
        for v in values:
            if not _HPO.match(v):
                raise ValueError(f"HPO code {v!r} is not of the form HP:0000000")
        return values

    @field_validator("snomed")
    @classmethod
    def _snomed_format(cls, values: list[str]) -> list[str]:
        for v in values:
            if not _SNOMED.match(v):
                raise ValueError(f"SNOMED CT code {v!r} must be 6-18 digits")
            if not verhoeff_valid(v):
                raise ValueError(f"SNOMED CT code {v!r} fails its check digit (a typo?)")
        return values

    def all(self) -> list[str]:
        """Every code as the user may type it (HPO ids, ``SNOMED:...``, ``ICD10CM:...``...)."""
        return (
            list(self.hpo)
            + [f"SNOMED:{c}" for c in self.snomed]
            + [f"ICD10CM:{c}" for c in self.icd10cm]
            + [c if c.startswith("ORPHA:") else f"ORPHA:{c}" for c in self.orpha]
            + [f"OMIM:{c}" for c in self.omim]
            + [f"LOINC:{c}" for c in self.loinc]
        )


class Test(Strict):
    id: Id
    name: Text
    lay: Text
    codes: Codes = Field(default_factory=Codes)


class TestsFile(Strict):
    tests: list[Test] = Field(min_length=1)


class Applicability(Strict):
    sex: Sex | None = None
    min_age: float | None = Field(default=None, ge=0)
    max_age: float | None = Field(default=None, gt=0)


class DaysRange(Strict):
    """How long twitching has lasted, in days: ``min_days`` inclusive, ``max_days`` exclusive
    (``None``: no upper end). Read by the text parser to map "for a fortnight" to a finding."""

    min_days: float = Field(ge=0)
    max_days: float | None = Field(default=None, gt=0)


class ExactPhrases(Strict):
    """Lay phrases the text reader takes word for word, for words that say a finding only in
    one order or beside another finding ("the runs" after an insecticide, "had a fall",
    "worse than it was" of a weakness).

    ``phrases`` match the text token for token (case ignored, stop words included; a number in
    digits matches any number: "had 3 falls" reads "had two falls"). With ``beside``, a phrase says
    the finding only where one of those findings (or one that implies it) is stated present
    for the person: anywhere in the message (``within: message``), with no clause break
    between the two (``within: clause``), or as the finding named last before the phrase, in
    its sentence or the one before (``within: last_named``: "it's getting worse" of what was
    just said). A word of ``not_before`` just after the phrase makes
    it something else ("had a fall *off* a ladder" is an injury, not unsteadiness). With
    ``normal``, the phrases say the finding is *not* there, as normal function ("I can still do
    everything" of weakness, "came on gradually" of a sudden onset); negated, that it is.
    """

    phrases: list[Text] = Field(min_length=1)
    beside: list[Id] = Field(default_factory=list)
    within: Literal["clause", "message", "last_named"] = "message"
    not_before: list[Text] = Field(default_factory=list)
    normal: bool = False


class LayRegions(Strict):
    """A location finding stated by naming enough other ones: twitching said of ``at_least`` of
    the location findings ``of`` ("twitches in my arms, legs and stomach" is widespread)."""

    of: list[Id] = Field(min_length=2)
    at_least: int = Field(ge=2)


class Finding(Strict):
    id: Id
    category: FindingCategory
    label: Text
    question: Text
    clinician_label: Text
    codes: Codes = Field(default_factory=Codes)
    lay_phrases: list[Text] = Field(default_factory=list)
    # How people say the finding is NOT there, as normal function ("can hop on one leg"):
    # the text parser reads such a phrase as absent, and as present when it is negated.
    lay_normal: list[Text] = Field(default_factory=list)
    # Phrases read word for word, perhaps only beside another finding (see ExactPhrases).
    lay_exact: list[ExactPhrases] = Field(default_factory=list)
    # Text reading only: twitching stated in enough of these location findings says this one.
    lay_regions: LayRegions | None = None
    # Duration findings only: the span of days the finding stands for.
    lasting: DaysRange | None = None
    help: Text | None = None
    exclusive_group: Id | None = None
    # Broader findings this one entails ("a foot slaps or drags" is weakness): when this one is
    # present, so are they. The interview uses it so that choosing a specific item never leaves
    # its parent absent (kb checks: known ids, no cycles, no exclusive-group members).
    implies: list[Id] = Field(default_factory=list)
    # A kind only: the share of a cause's own excess of the broader finding that shows as this
    # kind, for a cause that gives no number for it (see KnowledgeBase.likelihood). Without it
    # the share is the background's, b(kind) / b(broader).
    share_of_broader: Probability | None = None
    # A new or sudden problem (breathless at rest, new bladder trouble): a clinical record that
    # marks the feature chronic or present from birth is not read as this finding.
    acute: bool = False
    # Text reading only: a present mention of a finding this one implies, with a time in the
    # same sentence at most this many days ago ("since yesterday he won't walk"), is this finding
    # too (kb checks: the finding implies something).
    recent_within_days: float | None = Field(default=None, gt=0.0)
    # Text reading only: a present mention of another finding of this one's category said to be
    # started or changed ("I started sertraline three weeks ago"), with a time in the same
    # sentence at most this many days ago, is this finding too (kb checks: one per category).
    started_within_days: float | None = Field(default=None, gt=0.0)
    # Text reading only: a present mention of a finding this one implies (or of one implying
    # it), said to have come on over a time longer than this many days ("has gone very weak over
    # the last few months"), is this finding too (kb checks: the finding implies something).
    gradual_over_days: float | None = Field(default=None, gt=0.0)
    # Text reading only: this finding, read present from a message, takes the place of these
    # findings read present from the same words' message ("weaker every day since the bug" is
    # weakness over days, not weakness over months as well). Each must imply what this one
    # implies, so that every triage rule the replaced finding fires still fires (kb checks).
    text_replaces: list[Id] = Field(default_factory=list)
    # Text reading only: these findings, said only as felt ("my arms feel weak") with what the
    # person can still do after a contrast ("but I can still lift the baby"), are this finding
    # instead (kb checks: known ids).
    text_felt: list[Id] = Field(default_factory=list)
    # Text reading only: a diagnosis the person may have been given (HIV, kidney failure,
    # cancer). Named as a fear, a question or a test ("worried it's cancer", "is this kidney
    # failure?", "tested for HIV") it is not stated; with a negative result it is absent (see
    # text.language.DiagnosisWords).
    diagnosis: bool = False
    # Text reading only: work the person may do (health care). A one-word phrase of it ("nurse")
    # is the writer's only when said of the writer, not of someone in the story ("the nurse
    # said", "Nurse: any weakness?"; see text.occupation).
    occupation: bool = False
    red_flag: bool = False
    applies_to: Applicability | None = None
    background: Probability


class AgePrior(Strict):
    infant: float = Field(gt=0.0, lt=1.0)
    child: float = Field(gt=0.0, lt=1.0)
    adolescent: float = Field(gt=0.0, lt=1.0)
    adult_18_29: float = Field(gt=0.0, lt=1.0)
    adult_30_39: float = Field(gt=0.0, lt=1.0)
    adult_40_49: float = Field(gt=0.0, lt=1.0)
    adult_50_59: float = Field(gt=0.0, lt=1.0)
    adult_60_69: float = Field(gt=0.0, lt=1.0)
    adult_70_79: float = Field(gt=0.0, lt=1.0)
    adult_80_plus: float = Field(gt=0.0, lt=1.0)


class SexMultiplier(Strict):
    female: float = Field(gt=0.0, le=10.0)
    male: float = Field(gt=0.0, le=10.0)


class Prior(Citation):
    by_age: AgePrior
    sex: SexMultiplier


class Likelihood(Probability):
    finding: Id


class GroupDefault(Citation):
    """What every cause of ``groups`` (or of ``severities``) says about ``findings`` it gives no
    number for: the finding's background rate times ``ratio`` (1 is neutral; below 1 argues
    against the cause). ``findings: rest`` covers every red-flag and tempo finding that no entry
    naming it applies to the cause."""

    groups: list[Group] = Field(default_factory=list)
    severities: list[Severity] = Field(default_factory=list)
    findings: list[Id] | Literal["rest"]
    ratio: float = Field(gt=0.0, le=1.0)

    @model_validator(mode="after")
    def _selects_causes(self) -> GroupDefault:
        if not self.groups and not self.severities:
            raise ValueError("a default names the `groups` or `severities` it applies to")
        return self

    def applies_to(self, condition: Condition) -> bool:
        """Whether this default is for ``condition`` (its group or its severity)."""
        return condition.group in self.groups or condition.severity in self.severities


class DefaultsFile(Strict):
    """``kb/defaults.yaml``: explicit defaults instead of a silent neutral leak."""

    tempo_findings: list[Id]
    defaults: list[GroupDefault]


class Tempo(Citation):
    """How long a cause's twitching has lasted when people ask, and how often it began suddenly:
    one distribution with one citation (``kb validate`` checks the durations cover the
    ``duration`` group and sum to 1). Each entry becomes the cause's likelihood for that finding.

    ``duration``: finding id of the exclusive ``duration`` group → P(that duration | cause);
    ``sudden_onset``: P(came on over minutes to hours | cause).
    """

    duration: dict[Id, Annotated[float, Field(gt=0.0, lt=1.0)]] = Field(min_length=2)
    sudden_onset: float = Field(gt=0.0, lt=1.0)

    def likelihoods(self) -> list[dict[str, object]]:
        """The likelihood entries the block stands for (finding, p and this citation)."""
        cited = {"source": self.source, "estimate": self.estimate, "basis": self.basis}
        out: list[dict[str, object]] = [
            {"finding": fid, "p": p, **cited} for fid, p in self.duration.items()
        ]
        out.append({"finding": "sudden_onset", "p": self.sudden_onset, **cited})
        return out


class Condition(Strict):
    id: Id
    name: Text
    clinical_name: Text
    group: Group
    codes: Codes
    severity: Severity
    care: Level
    specialist: Specialist
    summary: Text
    tests: list[Id] = Field(default_factory=list)
    self_care: list[Text] = Field(default_factory=list)
    sources: list[Id] = Field(min_length=1)
    prior: Prior
    likelihoods: list[Likelihood] = Field(min_length=1)
    # A time-critical cause: when its own probability reaches ``emergency_at.value``, the
    # probability path gives ``emergency`` (hours matter: waiting a day or two is unsafe).
    emergency_at: SourcedValue | None = None
    # The cause's tempo: durations and sudden onset, one sourced distribution (expanded into
    # ``likelihoods``, where a tempo finding may then not be listed again).
    tempo: Tempo | None = None
    # An exposure-defined cause (HIV, polio, lead, radiotherapy, kidney failure, insecticide, a
    # named medicine): it needs one of these findings. While none is answered, the cause is shown
    # as "only if ..." and the missing question named (kb checks: exposure, history or medicine
    # findings, each with a likelihood of at least ``EXPOSURE_MIN_P`` in this cause).
    exposure: list[Id] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _tempo_into_likelihoods(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not isinstance(data.get("tempo"), dict):
            return data
        tempo = Tempo.model_validate(data["tempo"])
        listed = data.get("likelihoods")
        listed = list(listed) if isinstance(listed, list) else []
        made = {str(e["finding"]): e for e in tempo.likelihoods()}
        # A dumped condition (``model_dump``, then validated again) holds the entries the block
        # made: those are dropped and made again; any other number for a tempo finding is a
        # second number for it.
        listed = [
            lk
            for lk in listed
            if not (
                isinstance(lk, dict)
                and lk.get("finding") in made
                and all(lk.get(k) == v for k, v in made[str(lk["finding"])].items())
            )
        ]
        named = {lk.get("finding") for lk in listed if isinstance(lk, dict)}
        twice = sorted(f for f in made if f in named)
        if twice:
            raise ValueError(
                f"tempo gives {twice[0]!r}: remove it from `likelihoods` (the tempo block "
                "is the cause's one number for each tempo finding)"
            )
        return {**data, "likelihoods": [*listed, *tempo.likelihoods()]}

    @model_validator(mode="after")
    def _shape(self) -> Condition:
        if not self.codes.icd10cm or not self.codes.snomed:
            raise ValueError("a condition needs at least one ICD-10-CM and one SNOMED CT code")
        if self.care == "self_care" and not self.self_care:
            raise ValueError("a self_care condition needs `self_care` advice")
        if self.emergency_at is not None and self.care != "emergency":
            raise ValueError("only a cause whose care is `emergency` can have `emergency_at`")
        seen: set[str] = set()
        for lk in self.likelihoods:
            if lk.finding in seen:
                raise ValueError(f"finding {lk.finding!r} has two likelihoods")
            seen.add(lk.finding)
        return self


class RuleCase(Strict):
    age: float | None = Field(default=None, ge=0, le=120)
    sex: Sex | None = None
    present: list[Id] = Field(default_factory=list)


class RuleCases(Strict):
    fire: list[RuleCase] = Field(min_length=1)
    no_fire: list[RuleCase] = Field(min_length=1)


class RuleWhen(Strict):
    """The body of a rule's `when`: presence-only clauses, so rules can only raise a level."""

    all: list[Id] = Field(default_factory=list)
    any: list[Id] = Field(default_factory=list)
    at_least: int = Field(default=1, ge=1)
    min_age: float | None = Field(default=None, ge=0)
    max_age: float | None = Field(default=None, gt=0)
    sex: Sex | None = None

    def matches(self, present: frozenset[str], age: float | None, sex: str | None) -> bool:
        """True when every clause holds for these present findings, age (years) and sex.

        An age or sex constraint with the age or sex unknown does not hold: a rule limited to
        infants does not fire for a person of unknown age (other, unrestricted rules still do).
        """
        if self.min_age is not None and (age is None or age < self.min_age):
            return False
        if self.max_age is not None and (age is None or age >= self.max_age):
            return False
        if self.sex is not None and sex != self.sex:
            return False
        if not all(f in present for f in self.all):
            return False
        return not self.any or sum(f in present for f in self.any) >= self.at_least

    @model_validator(mode="after")
    def _has_findings(self) -> RuleWhen:
        if not self.all and not self.any:
            raise ValueError("a rule needs findings in `all` or `any`")
        if self.any and self.at_least > len(self.any):
            raise ValueError("`at_least` is larger than the `any` list")
        return self


class Rule(Strict):
    id: Id
    level: RuleLevel
    title: Text
    advice: Text
    when: RuleWhen
    source: Id
    cases: RuleCases


class LevelText(Strict):
    id: Level
    label: Text
    advice: Text


class ProbabilityRule(Strict):
    id: Id
    level: Literal["urgent", "routine"]
    care_at_least: Level
    threshold: SourcedValue


class ProbabilityWords(Strict):
    """Plain words for a probability: display wording, not a clinical figure."""

    at_least: float = Field(ge=0.0, le=1.0)
    words: Text


class NextSteps(Strict):
    """How many of the top causes feed the next steps (display, not a clinical figure)."""

    top_conditions: int = Field(ge=1, le=10)
    self_care_per_condition: int = Field(ge=1, le=10)


class Reassurance(Strict):
    """Causes people fear: say plainly why they are unlikely when they are (display)."""

    conditions: list[Id] = Field(min_length=1)
    below: float = Field(gt=0.0, lt=1.0)
    rare_prior_below: float = Field(gt=0.0, lt=1.0)
    rare_relative_below: float = Field(gt=0.0, le=1.0)


class PolicyFile(Strict):
    levels: list[LevelText]
    probability_rules: list[ProbabilityRule]
    probability_words: list[ProbabilityWords] = Field(min_length=1)
    next_steps: NextSteps
    reassurance: Reassurance
    disclaimer: Text

    @model_validator(mode="after")
    def _levels_in_order(self) -> PolicyFile:
        ids = [lv.id for lv in self.levels]
        if ids != ["emergency", "urgent", "routine", "self_care"]:
            raise ValueError("levels must be emergency, urgent, routine, self_care in that order")
        cuts = [w.at_least for w in self.probability_words]
        if cuts != sorted(cuts, reverse=True) or cuts[-1] != 0.0:
            raise ValueError("probability_words must go from the highest cut-off down to 0")
        return self
