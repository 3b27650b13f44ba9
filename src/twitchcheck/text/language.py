"""The parser's language rules (``rules.yaml`` beside this module), validated on load.

The rules say how people talk — negation, doubt, someone else, time, age — and never what a finding
is called: finding vocabulary comes only from ``kb/findings`` (see ``lexicon.py``). A malformed
rules file raises ``KnowledgeError`` naming the field, like a malformed kb file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from twitchcheck.errors import KnowledgeError
from twitchcheck.knowledge.strict_yaml import load_strict

RULES_PATH = Path(__file__).with_name("rules.yaml")

Category = Literal[
    "NEGATED_EXISTENCE",
    "POSSIBLE_EXISTENCE",
    "HYPOTHETICAL",
    "HISTORICAL",
    "FAMILY",
    "CHILD",
    "NORMAL",
    "WITNESS",
    "CIRCUMSTANCE",
    "PSEUDO",
    "TERMINATE",
]
Direction = Literal["FORWARD", "BACKWARD", "BIDIRECTIONAL", "TERMINATE", "PSEUDO"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ContextRuleSpec(_Strict):
    """One ConText modifier: matched on ``literal`` (spaCy NORM) or a spaCy token ``pattern``."""

    literal: str = Field(min_length=1)
    category: Category
    direction: Direction
    pattern: list[dict[str, Any]] | None = None
    max_scope: int | None = Field(default=None, gt=0)


class PeopleWords(_Strict):
    """Words that say who a message is about, and their sex.

    ``child_words`` maps a word for a child to the age in years assumed when the text gives none
    (``None``: no assumption). ``child_places`` are where young children spend the day
    ("nursery"): "she started nursery" makes the "she" a child; so does a ``child_skills``
    word with an age in months ("she could *sit* by herself at 7 months"). ``not_kin`` are
    people whose child is not the writer's, beside relatives ("my *friend's* baby"). An opening
    sentence of a few words with one of ``plea_words`` asks for help and says nobody ("Please I
    need advice quickly. My brother..."). A relative said to have had (or died of) one
    of ``family_diseases`` ("my dad had ALS, it started with his speech") is family history: the
    message is the writer's, unless the writer says they write for that relative.
    """

    child_words: dict[str, float | None]
    child_places: list[str] = Field(default_factory=list)
    child_skills: list[str] = Field(default_factory=list)
    female_words: list[str]
    male_words: list[str]
    first_person: list[str]
    third_person: list[str]
    not_kin: list[str] = Field(default_factory=list)
    plea_words: list[str] = Field(default_factory=list)
    family_diseases: list[str] = Field(default_factory=list)


class TimeWords(_Strict):
    """Words for durations: units in days, number words, vague spans, cues and named days."""

    units: dict[str, float]
    numbers: dict[str, float]
    vague: dict[str, float]
    before: list[str]
    after: list[str]
    days_ago: dict[str, float]
    weekdays: list[str]
    seasons: dict[str, tuple[int, int]]
    linked: list[str]
    weakly_linked: list[str]
    since: list[str]
    fresh_start: list[str] = Field(default_factory=list)
    duration_labels: list[str] = Field(default_factory=list)
    complaint_refs: list[str] = Field(default_factory=list)
    span_openers: list[str] = Field(default_factory=list)
    change_words: list[str] = Field(default_factory=list)


class AbilityWords(_Strict):
    """How people say what they cannot do ("can't swallow", "unable to pee", "can hardly breathe").

    A negated verb of ability states a problem, not its absence. ``auxiliaries`` are the norms of
    the words that make a following "not" a negated ability ("can", "could", "will" of "won't");
    ``inability`` words say it on their own ("unable", "hardly"); ``fillers`` may stand between the
    negation and the verb ("haven't *been able to* pee"); a negated ``perception`` verb still
    denies what follows it ("can't see any wasting", "can't say I'm weak"). A
    ``difficulty_adjective`` ("hard") is a word for difficulty only after one of
    ``adjective_before`` ("is hard") or before one of ``adjective_after`` ("hard to"). After an
    auxiliary, ``limits`` say the same as "can't" ("can *only just* swallow").

    Having *none* of a function is losing it: a ``loss_negations`` word ("no", "without"),
    perhaps with ``loss_fillers`` ("any", "much"), before a ``loss_nouns`` word ("no strength in
    my hand", "don't have any feeling below my knees") states the loss, unless one of
    ``loss_not_before`` follows the noun ("no strength issues", "no feeling of weakness").
    ``positive`` words followed by "to" say what the person *can* do ("able to walk"), like "can".
    After "not", one of ``able_like`` makes a negated ability like "able" ("not *easy* to
    swallow", "not strong *enough* to get up").
    A negation followed by one of ``elided`` has no verb ("used to climb stairs but can't
    *anymore*"): it is a plain negation of what was said before it.
    A ``perception`` verb followed by one of ``perception_objects`` perceives something ("I
    can't *hear it* myself", "I can see that"): a one-word phrase of that verb is no finding.
    A negated ability reaches a second verb after "or" / "nor" ("couldn't get up *or climb* the
    stairs") within ``or_reach`` words, unless one of ``clause_ends`` stands between them or the
    word after "or" is one of ``not_verbs`` ("can't tell if I'm weak *or not*"); what a person can
    do reaches the verb after "and" the same way ("can climb the stairs *and get up*"), unless
    that word is also one of ``not_after_and`` ("and *my* legs...").
    One of ``inverted_negations`` before "can" / "could" and its subject in the same clause
    turns them round into a negated ability ("no longer can I squat", "no way can he hold his
    head up", "not unless I hold on can I walk straight").
    A ``sensing`` verb negated with one of ``do_auxiliaries`` and followed by one of
    ``sensing_objects`` is feeling lost, like "can't feel" ("I don't feel the toilet paper",
    "he doesn't feel from the belly down"); "I don't feel weak" is no such thing.
    """

    auxiliaries: list[str]
    do_auxiliaries: list[str] = Field(default_factory=list)
    sensing: list[str] = Field(default_factory=list)
    sensing_objects: list[str] = Field(default_factory=list)
    inability: list[str]
    fillers: list[str]
    perception: list[str]
    limits: list[list[str]]
    difficulty_adjectives: list[str]
    adjective_before: list[str]
    adjective_after: list[str]
    loss_nouns: list[str]
    loss_negations: list[str]
    loss_fillers: list[str]
    loss_not_before: list[str]
    positive: list[str]
    able_like: list[str]
    elided: list[str]
    perception_objects: list[str] = Field(default_factory=list)
    or_reach: int = Field(default=0, ge=0)
    clause_ends: list[str] = Field(default_factory=list)
    not_verbs: list[str] = Field(default_factory=list)
    not_after_and: list[str] = Field(default_factory=list)
    inverted_negations: list[str] = Field(default_factory=list)
    # an ability said lost in more than one word ("stopped being able to", "no longer able
    # to"): the same as "can't" before the verb after it
    lost: list[list[str]] = Field(default_factory=list)


class ConditionalWords(_Strict):
    """When an "if" states what the person has instead of raising a fear.

    A bare "if" makes what follows hypothetical ("if I get weak I'll go"), except when the
    clause it opens is a fact the writer asks about — the sentence (or the clause before the
    "if") opens with one of ``question_openers`` ("is it MND if my hand is wasting", "do I need
    A&E if my legs went numb") — or when the finding stands in the main clause of a habit ("if
    I eat bread I choke", "if I lie flat, I can't breathe": after a comma or a second of
    ``subjects``). Either way not when one of ``future`` stands between the "if" and the
    finding ("if I start choking", "if my legs get weak I will fall").
    """

    question_openers: list[str]
    subjects: list[str]
    future: list[str]


class DiagnosisWords(_Strict):
    """How a diagnosis (a kb finding with ``diagnosis: true``: HIV, kidney failure, cancer, a
    known multiple sclerosis) is named without being stated.

    Walking back from its name over ``bridges`` ("it's", "I may have", "of getting"): one of
    ``fears`` says nothing of it ("worried it's cancer", "scared of getting cancer"), nor does
    one of ``questions`` opening the clause ("is this kidney failure?", "could it be MS"); one of
    ``tests`` there, or just after the name ("an HIV test"), says what the result says: one of
    ``negatives`` in the sentence is absent ("tested negative for HIV", "the HIV test came back
    clear"), one of ``positives`` present, neither nothing ("they tested me for HIV").
    """

    bridges: list[str]
    fears: list[str]
    questions: list[str]
    tests: list[str]
    negatives: list[str]
    positives: list[str]


class ResolvedWords(_Strict):
    """A problem the writer says is over: one of ``over`` after it, in its sentence or at the
    start of the next ("couldn't swallow for a day last spring, fine ever since", "my foot
    dropped after the operation. It recovered"), makes the mention an episode that has ended,
    unless one of ``relapse`` follows anywhere after it ("... this week it's back"). The word
    must end its clause: punctuation or one of ``clause_ends`` after it ("that's gone." ends a
    problem; "that's gone a bit funny" is a change).
    """

    over: list[str]
    relapse: list[str]
    clause_ends: list[str]


class SubordinateWords(_Strict):
    """Someone named after a finding in a clause of their own is not whose the finding is: one
    of ``always`` between them ("neck pain ever since someone rear-ended me"), or one of
    ``after_own`` when one of ``own`` (the writer speaking of themselves) comes before the
    finding in its sentence ("I get pins and needles, which she never had")."""

    always: list[str]
    after_own: list[str]
    own: list[str]


class ComparisonWords(_Strict):
    """A comparison with a person ("like my dad's", "compared with what her brother's was"):
    one of ``words`` (those of ``only_after`` only after one of their words: "similar to",
    "compared with"), perhaps ``determiners``, then a person's word: that person is what a
    finding is compared with, not whose it is."""

    words: list[str]
    only_after: dict[str, list[str]]
    determiners: list[str]


class PronounReferents(_Strict):
    """ "It" for a body part named just before ("my tongue looks different, it has furrows"): one
    of ``words`` takes the key of the nearest site or part of ``parts`` before it, at most
    ``reach`` tokens back in its sentence or the one before, when that is one of ``parts``; not
    a part of ``not_twitching`` with a twitch word within ``twitch_reach`` tokens of it (the
    "it" is then the twitching). A part of ``needs_determiner`` is one only after one of
    ``determiners`` ("my back"; "cutting back" is no part)."""

    words: list[str]
    parts: list[str]
    not_twitching: list[str]
    needs_determiner: list[str]
    determiners: list[str]
    reach: int
    twitch_reach: int


class OccupationWords(_Strict):
    """Whose work a one-word profession names (``occupation.py``): the writer's after one of
    ``self_frames`` (at most six words between: "I'm a 33 year old staff nurse"); someone else's
    after one of ``others_before`` (at most two words between: "the school nurse") or before one
    of ``speech_after`` or a colon ("nurse said", "Nurse: ..."). ``reach``: how many characters
    before the word are read, within its line and sentence."""

    self_frames: list[str]
    others_before: list[str]
    speech_after: list[str]
    reach: int


class StartedWords(_Strict):
    """A medicine said to be started or changed (``started.py``): one of ``words`` at most
    ``reach`` of the ``between`` words before or after the medicine ("started me on a low dose of
    sertraline", "rosuvastatin, the nurse started"); not one followed by ``not_before`` ("started
    getting cramps") nor one after one of ``denials`` ("never started")."""

    words: list[str]
    between: list[str]
    reach: int
    not_before: list[str]
    denials: list[str]


class ListWords(_Strict):
    """A denial carried along its list (``context.carry_over_lists``): ``joins`` are the words
    that may stand between two items ("fever, weight loss or trouble swallowing"); ``headings``
    are the words that deny a list after them when a colon or a dash follows ("No: fever, ...")."""

    joins: list[str]
    headings: list[str]


class AskedWords(_Strict):
    """A question someone else asked, told in prose ("the GP asked about swallowing, I said
    it's fine"; see ``asked.py``): one of ``verbs``, at most four words, then one of ``links``;
    the question runs to its clause's end (punctuation, a dash, or "and"/"so"/"but" before one
    of ``answerers``). Not when one of ``self_askers`` asked it. The answer after it, past the
    words of ``lead`` ("and I said", "honestly"), is one of ``no`` (or the trailing denials),
    ``unsure`` (or the unsure answers), ``yes``; one of ``taken_back`` later in its sentence
    takes a "no" back; one of ``others_answer`` is someone else's judgement. A question with one
    of ``ability`` is left alone; "about" before one of ``possessives`` presumes the problem.
    A mention said of someone else stays theirs when a relative or one of ``third_person``
    stands in the question before it ("asked if his legs were weak").
    """

    verbs: list[str]
    links: list[str]
    self_askers: list[str]
    answerers: list[str]
    lead: list[str]
    no: list[str]
    unsure: list[str]
    yes: list[str]
    taken_back: list[str]
    ability: list[str]
    others_answer: list[str]
    possessives: list[str]
    third_person: list[str]


class Homophone(_Strict):
    """A word typed or dictated for another that sounds the same ("my legs feel *week*"): read as
    ``means`` when the word before it is one of ``after``."""

    means: str
    after: list[str]


class Language(_Strict):
    """Everything in ``rules.yaml``.

    ``variants``: groups of words that say the same thing in any phrase (British and American
    words, lay and formal words: "wee", "pee", "urine"); each is read as the group's first word,
    in the kb phrases and in the text alike.

    ``done_easily``: just after a function of strength, at the end of its clause, one of these
    says it is done well ("get up off the floor easy"); not after a word for difficulty.

    ``contrast_words``: a contrast ends what a word before it is said of ("the twitching is bad
    *but* my legs are strong"); ``trailing_contrasts`` just after an item of a "no" list make
    it a statement against the list ("not weak, tingling in my feet *though*").

    ``clause_verbs``: after a comma or "and", an item of a "no" list with one of these verbs
    is a clause of its own, no denied item ("no pain, food sticks in my throat").

    ``feel_words``, ``still_able``: a finding said as felt ("my legs *feel* weak") with, after a
    contrast in its sentence, what the person can still do ("but I *can still* walk the dog") is
    the kb finding that takes it as felt (``text_felt``).

    ``comparative_words``: before a word, one of these makes it its comparative ("more thin"
    reads as "thinner") when the lexicon knows that comparative.

    ``other_senses``: a verb (any form) followed by one of its words is another verb, no word
    of a phrase ("dropping *off* to sleep", "she dropped *by*"); ``other_senses_before``: a word
    after one of its words is another word ("a *road* trip", "gave *a* speech").

    ``intensity_words``: "strong" of one of ``intensity_subjects`` (the nearest subject before
    it in its clause, or the word just after it) is how intense that is, no strength ("the pain
    is more strong at night", "strong painkillers").

    ``split_words``: dialect contractions split into pieces as spaCy splits "can't", each
    ``[written, meaning]`` ("cannae" is "can" + "not"; "withoot" is "without"), so that
    negations and negated abilities read them as they read the standard words.

    ``site_pronouns``: a twitch word whose subject is one of these ("my legs aren't weak, *they*
    just twitch", "my thigh aches where *it* twitches"), perhaps with ``pronoun_fillers``
    between ("they *just keep*"), is about the body site named last before it in the sentence,
    even across another finding's words.

    ``site_prepositions``: "my arms" after one of these names where the twitching is, not a new
    subject ("twitches *in* my arms and stomach": the stomach twitches too).

    ``twitching_pronouns``: after a twitch word, "it" followed (perhaps after
    ``pronoun_fillers``) by one of ``twitching_pronoun_next`` is the twitching itself, placed at
    a site ("now I have *it in* my arms", "*it's spread to* my back").

    ``normal_words``: words that say a function is done well ("fine", "normally"); a kb phrase
    of normal function with none of them, and no "can", names only the activity (see
    ``lexicon.Entry.bare``).

    ``trailing_denials``: one of these right after a finding, ending its sentence, denies it
    ("weakness no, numbness no"); so does one of ``trailing_normal`` answering it after "?",
    ":" or "-" ("swallowing? fine."), one of ``answered_no`` so answering denies it ("weakness?
    not really"), one of ``answered_unsure`` leaves it unsure ("weakness? can't say"), and one
    of ``trailing_unable`` says the ability is lost ("peeing: can't"). In a pasted
    conversation (lines labelled by ``speakers_self`` and ``speakers_other``, or by a name
    beside the writer's own lines), a question from a speaker not in ``speakers_self``
    ("Nurse: any trouble swallowing?") is answered by the next line: one of ``yes_words``
    keeps what was asked, a denial turns it round, anything else leaves the question
    uncounted.

    ``inner_doubt``: a doubt word inside a matched phrase ("my arm *might* be weaker") makes
    it unsure, as ConText cannot see a word inside its target. ``trailing_doubt``: said after
    a statement, in its sentence or opening the next one, these make it unsure ("stairs feel
    harder lately? not sure if I'm just unfit"), unless one of ``doubt_not_before`` follows
    ("I can't swallow, not sure *why*"); a trailing doubt reaches back no further than one of
    ``doubt_cuts`` ("I can't swallow *but* my legs might just be tired, not sure").

    ``corrections``: said just after a denial or a "fine", these take it back ("stairs are no
    problem - *well*, I pull on the bannister now"; "breathing normal. *hmm, except* I sleep on
    three pillows"): the denial is withdrawn and what follows is read as it stands.

    ``statement_subjects``: a comma or "and" before one of these ends a "no ..." list ("no pain
    and *legs* keep giving way"): what follows is stated, not denied; so does one of
    ``statement_verbs``, a new predicate ("doesn't kick much and *feels* floppy").

    ``never_until``: "never" denies nothing when one of these follows the finding ("never had
    trouble swallowing *before*"): the finding is new.

    ``their_words``: a third person's possessive on a finding's own words makes it theirs ("*his*
    speech went first"), and so does a third person's subject pronoun just before them ("*he*
    choked on everything"; ``their_subjects``). ``side_words``: a denial said of one side ("my
    *right* arm is fine") denies nothing for the person. ``relative_clause_words``: a relative
    followed by a clause of these ("my gran, *who* had a stroke, has slurred speech") is the
    subject of what follows that clause, up to the next clause: the finding is theirs.
    ``reporting_verbs``: someone else named, then one of these followed (perhaps after
    ``reporting_fillers``: "keeps telling *me* my...", "pointed *out that* my...") by the
    writer's own word ("my sister, who is a nurse, says *my* speech is slurred", "my wife
    reckons *I* slur"): the finding is the writer's, reported by that person.
    ``bystander``: the writer says they were beside someone else exposed to something ("I was
    stood right next to him"): that exposure is the writer's too; what it did to the other
    person stays theirs.
    """

    keep_words: list[str]
    variants: list[list[str]] = Field(default_factory=list)
    plain_words: list[str] = Field(default_factory=list)
    other_senses: dict[str, list[str]] = Field(default_factory=dict)
    other_senses_before: dict[str, list[str]] = Field(default_factory=dict)
    comparative_words: list[str] = Field(default_factory=list)
    feel_words: list[str] = Field(default_factory=list)
    clause_verbs: list[str] = Field(default_factory=list)
    contrast_words: list[str] = Field(default_factory=list)
    trailing_contrasts: list[str] = Field(default_factory=list)
    done_easily: list[str] = Field(default_factory=list)
    still_able: list[str] = Field(default_factory=list)
    intensity_words: list[str] = Field(default_factory=list)
    intensity_subjects: list[str] = Field(default_factory=list)
    homophones: dict[str, Homophone] = Field(default_factory=dict)
    test_words: list[str] = Field(default_factory=list)
    normal_until: list[str] = Field(default_factory=list)
    doubt_openers: list[str] = Field(default_factory=list)
    not_body: list[str] = Field(default_factory=list)
    negation_words: list[str]
    soft_words: list[str]
    difficulty_words: list[str]
    ability: AbilityWords
    possessives: list[str]
    site_pronouns: list[str]
    site_prepositions: list[str]
    pronoun_fillers: list[str]
    twitching_pronouns: list[str]
    twitching_pronoun_next: list[str]
    normal_words: list[str]
    inner_doubt: list[str]
    trailing_denials: list[str] = Field(default_factory=list)
    trailing_normal: list[str] = Field(default_factory=list)
    trailing_unable: list[str] = Field(default_factory=list)
    answered_no: list[str] = Field(default_factory=list)
    answered_unsure: list[str] = Field(default_factory=list)
    speakers_self: list[str] = Field(default_factory=list)
    speakers_other: list[str] = Field(default_factory=list)
    yes_words: list[str] = Field(default_factory=list)
    trailing_doubt: list[str]
    doubt_not_before: list[str]
    doubt_cuts: list[str]
    corrections: list[str] = Field(default_factory=list)
    never_until: list[str]
    statement_subjects: list[str]
    statement_verbs: list[str]
    their_words: list[str]
    their_subjects: list[str]
    relative_clause_words: list[str] = Field(default_factory=list)
    reporting_verbs: list[str] = Field(default_factory=list)
    reporting_fillers: list[str] = Field(default_factory=list)
    bystander: list[str] = Field(default_factory=list)
    side_words: list[str]
    split_words: dict[str, list[tuple[str, str]]] = Field(default_factory=dict)
    conditional: ConditionalWords
    diagnosis: DiagnosisWords
    resolved: ResolvedWords
    asked: AskedWords
    lists: ListWords
    comparisons: ComparisonWords
    subordinate: SubordinateWords
    occupation: OccupationWords
    started: StartedWords
    pronoun_referents: PronounReferents
    twitch_words: list[str]
    context: list[ContextRuleSpec]
    people: PeopleWords
    time: TimeWords

    def relatives(self) -> frozenset[str]:
        """The words of the FAMILY rules' one-token patterns ("dad", "uncle", ...); a longer
        pattern ("the woman next door") holds other words too."""
        words: set[str] = set()
        for rule in self.context:
            if rule.category == "FAMILY" and rule.pattern and len(rule.pattern) == 1:
                for token in rule.pattern:
                    lower = token.get("LOWER")
                    if isinstance(lower, dict):
                        words.update(str(w) for w in lower.get("IN", []))
        return frozenset(words)


@cache
def load_language(path: Path = RULES_PATH) -> Language:
    """Read and validate the rules file (cached per path).

    Raises:
        KnowledgeError: the file is missing, not YAML, or does not fit the schema.
    """
    where = path.name
    try:
        data = load_strict(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError([f"{where}: cannot be read ({type(exc).__name__})"]) from None
    try:
        return Language.model_validate(data)
    except ValidationError as exc:
        problems = [
            f"{where}: {'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        ]
        raise KnowledgeError(problems) from None
