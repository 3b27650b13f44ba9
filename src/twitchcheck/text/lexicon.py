"""The lexicon: every finding's lay words, compiled from ``kb/findings`` — the one vocabulary.

Each lay phrase of a finding becomes an :class:`Entry`: the stems of its meaningful words (the
*keys*), which must all occur close together in one sentence, in any order. Four kinds:

- ``symptom`` — a ``lay_phrases`` entry: the finding is there ("calf twitching", "foot drags").
- ``normal`` — a ``lay_normal`` entry: the finding is *not* there, said as normal function
  ("can hop on one leg"); negated, it means the finding is there ("can't hop on one leg"). A
  symptom phrase of a negated ability ("can't walk", "can't get up off the floor") also gives
  a normal entry for the ability itself ("can walk", "able to get up off the floor").
- ``site`` — a phrase of a ``location`` finding with no twitch word in it ("calf", "ball of the
  foot"): it counts only with a twitch word (``rules.yaml``) near it in the same sentence.
- ``relative`` — a phrase that names a relative ("my dad had als"): the relative words are dropped
  from its keys and the match counts only when the sentence speaks of a relative.

A stop word (spaCy's English list) is not a key unless ``rules.yaml`` keeps it; a negation word in
a phrase is a key that must come before the word it negates, so "can't grip" does not match "no
problem with my grip". Negated abilities and the words for finding something hard are keyed
alike in phrase and text (``ability``), so "can't pee" reads "haven't been able to pee" and
"trouble swallowing" reads "struggle to swallow". Words of one ``variants`` group of
``rules.yaml`` are one key ("leaking pee" reads the phrase "leaking urine").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from twitchcheck.knowledge.model import KnowledgeBase

from .ability import CAN_KEY, AbilityReader, Cue
from .language import Language
from .normalize import Speller, stem

if TYPE_CHECKING:
    from spacy.language import Language as SpacyLanguage
    from spacy.tokens import Doc, Token

Kind = Literal["symptom", "normal", "site", "relative"]


@dataclass(frozen=True, slots=True)
class Entry:
    """One lay phrase of one finding, ready to match.

    Attributes:
        finding: the finding id.
        phrase: the phrase as written in the kb.
        kind: see the module docstring.
        keys: the stems that must all occur.
        before: pairs ``(i, j)``: key ``i`` (a negation) must come before key ``j``.
        location: the finding is a body site of twitching (kb category ``location``).
        describes_twitch: the finding describes the twitching itself (``location`` or
            ``character``).
        soft: indices of keys that are "soft" words ("trouble", "problems"): they must match,
            but ConText does not read them as part of the finding ("no trouble swallowing").
        crosses: the phrase itself spans two clauses ("feels weak but i can still do
            everything"), so its words may be matched across a clause boundary.
        implies: the findings this one entails (kb ``implies``): a one-word phrase of one of
            them inside this phrase still stands ("getting weaker" says "weaker" too).
        said_unable: indices of keys of difficulty written as a negated ability ("can't
            pee"): when two findings' phrases match the same words, the one written the way
            the text says it wins ("struggle to get up from a chair" is the chair phrase
            written with "struggle", not the weakness phrase written with "can't").
        bare: a phrase of normal function that names only the activity ("climb stairs"), with
            no word saying it is done ("can", "able") or done well ("fine", "normally"): it
            says the function is normal only with such a word around it ("I can climb stairs",
            "climbing stairs is fine"), or the opposite when negated; alone it says nothing
            ("climbing the stairs is like climbing everest").
        ordered: a site phrase that joins its words with "of" and opens with another finding's
            site ("back of my arm"): its keys match only in the phrase's order ("my arms and
            back" is not it).
    """

    finding: str
    phrase: str
    kind: Kind
    keys: tuple[str, ...]
    before: tuple[tuple[int, int], ...] = ()
    location: bool = False
    soft: frozenset[int] = frozenset()
    describes_twitch: bool = False
    crosses: bool = False
    implies: frozenset[str] = frozenset()
    said_unable: frozenset[int] = frozenset()
    bare: bool = False
    ordered: bool = False


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every entry, indexed by key, with the word classes the matcher needs.

    Attributes:
        entries: all entries; ``by_key`` maps a stem to the indices of entries that use it.
        twitch: stems of the twitch words.
        negations: stems of negation words.
        ignored: lower-case words that are never keys (stop words)...
        kept: ...except these, kept by ``rules.yaml`` (matched on the word or its norm).
        known: every stem a text word may be matched or corrected to.
        speller: corrects slips to a known word.
        durations: ``(finding id, min_days, max_days or None)`` from the kb's ``lasting``.
        relatives: lower-case words for relatives (from the FAMILY rules).
        boundaries: lower-case words that end a clause (single-word TERMINATE rules).
        site_keys: the one-word sites ("calf", "arm").
        possessives: "my", "his"...: before a site they start a new subject.
        site_prepositions: "in", "on"...: "in my arms" names where, not who (no new subject).
        site_pronouns: "they", "it"...: before a twitch word they refer back to a site;
            ``pronoun_fillers`` may stand between ("they just keep twitching").
        twitching_pronouns, twitching_pronoun_next: "it" for the twitching itself, after a
            twitch word ("now I have it in my arms").
        pseudo: the PSEUDO rules' literals as token norms: their negation words deny nothing.
        pseudo_matcher: a spaCy ``Matcher`` of the PSEUDO rules written as patterns; the
            "without" of each of its matches denies nothing ("hard to stand *without* holding
            on", "walking *without* falling is hard").
        ability: reads negated abilities ("can't swallow") and words for difficulty.
        variants: the stem of a word → the stem of its variant group's first word.
        plain: words never read as a comparative or adverb of a known word ("jumper").
        comparative: words that make the word after them its comparative ("more thin").
        other_senses: the stem of a verb → the words that, just after it, make it another verb
            ("dropping off to sleep", "dropped by"): the verb is then no key;
            ``other_senses_before`` the same for the words just before it ("a road trip").
    """

    entries: tuple[Entry, ...]
    by_key: Mapping[str, tuple[int, ...]]
    twitch: frozenset[str]
    negations: frozenset[str]
    ignored: frozenset[str]
    kept: frozenset[str]
    known: frozenset[str]
    speller: Speller
    durations: tuple[tuple[str, float, float | None], ...]
    relatives: frozenset[str]
    boundaries: frozenset[str]
    site_keys: frozenset[str]
    possessives: frozenset[str]
    site_pronouns: frozenset[str]
    site_prepositions: frozenset[str]
    pronoun_fillers: frozenset[str]
    twitching_pronouns: frozenset[str]
    twitching_pronoun_next: frozenset[str]
    pseudo: tuple[tuple[str, ...], ...]
    ability: AbilityReader
    variants: Mapping[str, str]
    plain: frozenset[str] = frozenset()
    comparative: frozenset[str] = frozenset()
    other_senses: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    other_senses_before: Mapping[str, frozenset[str]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    homophones: Mapping[str, tuple[str, frozenset[str]]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    pseudo_matcher: Any = None
    # "it" for a body part named before it (see ``_refer``)
    referring: frozenset[str] = frozenset()
    referents: frozenset[str] = frozenset()
    referents_not_twitching: frozenset[str] = frozenset()
    referents_need_determiner: frozenset[str] = frozenset()
    referent_determiners: frozenset[str] = frozenset()
    referent_reach: int = 0
    referent_twitch_reach: int = 0

    def keys(self, doc: Doc) -> list[str | None]:
        """The key of every token of ``doc`` (:meth:`key_of`), negated abilities made uniform."""
        raw = [self.key_of(t) for t in doc]
        lowers, norms = [t.lower_ for t in doc], [t.norm_ for t in doc]
        for cue in (*self.ability.cues(lowers, norms), *self.ability.positive_cues(lowers, norms)):
            if not cue.loss and raw[cue.verb] in self.twitch:
                raw[cue.verb] = None  # "can't jump with both feet": an activity, no twitch
        if self.referents:
            self._refer(doc, raw)
        return self.ability.normalise(raw, lowers, norms)

    def _refer(self, doc: Doc, raw: list[str | None]) -> None:
        """Give "it" the key of the body part it stands for ("my tongue looks different, it has
        furrows", "hurt my back lifting, now it's worse at night"): the nearest site or referent
        word before it, in its sentence or the one before, when that word is one of
        ``referents``. Not a part that twitches ("twitching in my back, it's worse at night"
        speaks of the twitching) when the referent is one of ``referents_not_twitching``; a part
        word used as a particle ("came back") is passed over."""
        sents = [(s.start, s.end) for s in doc.sents]
        first_of: dict[int, int] = {}
        for k, (a, b) in enumerate(sents):
            for i in range(a, b):
                first_of[i] = sents[k - 1][0] if k > 0 else a
        for i, token in enumerate(doc):
            if token.lower_ not in self.referring or raw[i] is not None:
                continue
            j = next(
                (
                    j
                    for j in range(i - 1, max(first_of[i], i - self.referent_reach) - 1, -1)
                    if (raw[j] in self.site_keys or raw[j] in self.referents)
                    and not self._particle(doc, raw, j)
                ),
                None,
            )
            if j is None or raw[j] not in self.referents:
                continue
            near = range(
                max(0, j - self.referent_twitch_reach), min(i, j + self.referent_twitch_reach + 1)
            )
            if raw[j] in self.referents_not_twitching and any(raw[k] in self.twitch for k in near):
                continue
            raw[i] = raw[j]

    def _particle(self, doc: Doc, raw: list[str | None], j: int) -> bool:
        """A part word that is no part here: "back" of "cutting back", "came back"."""
        return raw[j] in self.referents_need_determiner and (
            j == 0 or doc[j - 1].lower_ not in self.referent_determiners
        )

    def unable_at(self, doc: Doc) -> frozenset[int]:
        """Tokens whose key of difficulty is a negated ability ("can't"), not a word for it."""
        return frozenset(c.verb - 1 for c in self.ability_cues(doc) if not c.loss)

    def ability_cues(self, doc: Doc) -> list[Cue]:
        """The negated abilities of ``doc`` ("can't swallow", "unable to walk")."""
        return self.ability.cues([t.lower_ for t in doc], [t.norm_ for t in doc])

    def positive_cues(self, doc: Doc) -> list[Cue]:
        """What ``doc`` says the person can do ("I can walk", "I'm able to sit up")."""
        return self.ability.positive_cues([t.lower_ for t in doc], [t.norm_ for t in doc])

    def pseudo_tokens(self, doc: Doc) -> set[int]:
        """Tokens inside a phrase that looks like a negation but is not ("for no reason")."""
        norms = [t.norm_ for t in doc]
        out: set[int] = set()
        for i, norm in enumerate(norms):
            for phrase in self.pseudo:
                if norm == phrase[0] and tuple(norms[i : i + len(phrase)]) == phrase:
                    out.update(range(i, i + len(phrase)))
        if self.pseudo_matcher is not None:
            for _, start, end in self.pseudo_matcher(doc):
                out.update(i for i in range(start, end) if doc[i].lower_ == "without")
        return out

    def is_boundary(self, doc: Doc, i: int) -> bool:
        """Whether token ``i`` ends a clause ("but", ";", or a comma before "and"/"but")."""
        low = doc[i].lower_
        if low in self.boundaries:
            return True
        return low == "," and i + 1 < len(doc) and doc[i + 1].lower_ in ("and", "but", "then")

    def clause_starts(self, doc: Doc) -> frozenset[int]:
        """The tokens of ``doc`` where a new clause starts ("... and I ...", "...; my ...",
        "... but ..."): the words of one phrase do not reach across them. One pass over the
        lower-case words, so linear in the length of the text."""
        lowers = [t.lower_ for t in doc]
        return frozenset(i for i in range(len(lowers)) if _new_clause(lowers, i, self.possessives))

    def new_clause(self, doc: Doc, i: int) -> bool:
        """Whether a new clause starts at token ``i`` (see :meth:`clause_starts`); for one token
        only — looks at ``i`` and the token after it, never the whole text."""
        nxt = doc[i + 1].lower_ if i + 1 < len(doc) else None
        lowers = [doc[i].lower_] if nxt is None else [doc[i].lower_, nxt]
        return _new_clause(lowers, 0, self.possessives)

    def key_of(self, token: Token) -> str | None:
        """The key of a text token: its stem (spelling corrected), or ``None`` if it has none."""
        norm = token.norm_
        if not token.is_alpha and norm not in self.negations | self.kept:
            core = _alpha_core(token.lower_)
            if core is None:
                return None
            norm = core
        if norm in self.negations:
            return norm  # "n't", "nt" and "not" share the norm "not"; "no", "never"... stay apart
        lower = token.lower_ if token.is_alpha else norm
        sound = self.homophones.get(lower)
        if sound is not None and token.i > 0 and token.doc[token.i - 1].lower_ in sound[1]:
            # "my arms feel week", "toes num", "can't p": the word it was typed for
            meant = stem(sound[0])
            return self.variants.get(meant, meant)
        if (lower in self.ignored or norm in self.ignored) and not (
            lower in self.kept or norm in self.kept
        ):
            return None
        key = stem(norm)
        key = self.variants.get(key, key)
        after = self.other_senses.get(key)
        if after and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ in after:
            return None  # "dropping off to sleep", "dropped by": another verb
        before = self.other_senses_before.get(key)
        if before and token.i > 0 and token.doc[token.i - 1].lower_ in before:
            return None  # "a road trip", "gave a speech": another word
        if key in self.negations:
            return None  # "notes" stems to "not" but denies nothing ("my voice notes")
        if token.i > 0 and token.doc[token.i - 1].lower_ in self.comparative:
            for form in _comparatives(lower):
                k = self.variants.get(stem(form), stem(form))
                if k in self.known:
                    return k  # "more thin" is "thinner"
        if key in self.known:
            return key
        for base in () if lower in self.plain else _degree_bases(lower):
            # a comparative or an adverb of a known word is that word ("floppier", "weakly")
            k = self.variants.get(stem(base), stem(base))
            if k in self.known:
                return k
        if len(lower) >= 5 and lower.endswith(("in", "in'")):
            # a dropped g ("dippin the sheep", "droolin"): the -ing word
            g = stem(lower.rstrip("'") + "g")
            g = self.variants.get(g, g)
            if g in self.known:
                return g
        fixed = self.speller.correct(lower)
        key = fixed if fixed is not None else key
        return self.variants.get(key, key)


_SUBJECTS = frozenset({"i", "he", "she", "they", "we", "it"})
_DENIALS = frozenset({"no", "not", "never", "nothing"})


def _comparatives(word: str) -> tuple[str, ...]:
    """The ways the comparative of ``word`` may be written ("thin" → thiner, thinner; "floppy"
    → floppier; "loose" → looser); the caller keeps a known one."""
    if len(word) < 3 or not word.isalpha():
        return ()
    if word.endswith("y"):
        return (word[:-1] + "ier",)
    if word.endswith("e"):
        return (word + "r",)
    return (word + "er", word + word[-1] + "er")


def _degree_bases(word: str) -> tuple[str, ...]:
    """The words a comparative, superlative or adverb may be made from ("floppier" → floppy,
    "thinner" → thin, "stiffer" → stiff, "weakly" → weak); the caller keeps a known one."""
    if len(word) < 5 or not word.isalpha():
        return ()
    for tail, add in (
        ("ier", "y"),
        ("iest", "y"),
        ("ily", "y"),
        ("er", ""),
        ("est", ""),
        ("ly", ""),
    ):
        if word.endswith(tail) and len(word) - len(tail) >= 3:
            base = word[: -len(tail)] + add
            if add == "" and len(base) > 3 and base[-1] == base[-2]:
                return (base[:-1], base)  # "thinner" → thin, but "stiffer" → stiff
            return (base,)
    return ()


def _new_clause(lowers: Sequence[str], i: int, possessives: frozenset[str]) -> bool:
    """Whether a new clause starts at ``lowers[i]`` (the lower-case words of a text)."""
    low = lowers[i]
    if low == "though":
        # "though I can walk" opens a clause; "my feet *though* have been burning" and "they
        # twitch though" are an adverb inside one
        nxt = lowers[i + 1] if i + 1 < len(lowers) else ""
        return nxt in possessives or nxt in _SUBJECTS or nxt in ("it", "there", "that", "this")
    if low in ("but", ";", "although", "whereas", "because"):
        return True
    if low in ("and", "&", ",") and i + 1 < len(lowers):
        nxt = lowers[i + 1]
        # ", no tingling round my mouth": a denial starts a clause of its own
        return nxt in possessives or nxt in _SUBJECTS or (low == "," and nxt in _DENIALS)
    return False


# A word seen at least this often in pyspellchecker's English frequency list is a real word, so
# never a typing slip to correct ("washed" is not "wasted", "tried" is not "tired").
KNOWN_WORD_COUNT = 50


def english_words() -> frozenset[str]:
    """Common English words (pyspellchecker's frequency list, loaded once per parser)."""
    from spellchecker import SpellChecker

    counts = SpellChecker(language="en", distance=1).word_frequency.dictionary
    return frozenset(w for w, n in counts.items() if n >= KNOWN_WORD_COUNT and w.isalpha())


def _alpha_core(word: str) -> str | None:
    """The letters of a token written with symbols ("hiv+" → "hiv"), if it is mostly letters."""
    core = "".join(c for c in word if c.isalpha())
    return core if len(core) >= 2 and len(core) >= len(word) - 1 else None


def _ignored(lower: str, norm: str, ignored: frozenset[str], kept: frozenset[str]) -> bool:
    return (lower in ignored or norm in ignored) and not (lower in kept or norm in kept)


def _phrase_keys(
    tokens: list[Token],
    ignored: frozenset[str],
    kept: frozenset[str],
    negations: frozenset[str],
    ability: AbilityReader,
    variants: Mapping[str, str],
    drop: frozenset[str] = frozenset(),
) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...], tuple[str, ...] | None, frozenset[int]]:
    """The keys of a kb phrase, the must-come-before pairs, for a phrase of one negated ability
    ("can't walk") the keys of the ability itself ("can walk") or ``None``, and the indices of
    the keys that are a negated ability."""
    raw: list[str | None] = []
    for tok in tokens:
        lower, norm = tok.lower_, tok.norm_
        if lower in drop:
            raw.append(None)
        elif norm in negations or lower in negations:
            raw.append(norm if norm in negations else lower)
        elif (not tok.is_alpha and norm not in kept) or _ignored(lower, norm, ignored, kept):
            raw.append(None)
        else:
            key = stem(norm)
            raw.append(variants.get(key, key))
    lowers, norms = [t.lower_ for t in tokens], [t.norm_ for t in tokens]
    raw = ability.normalise(raw, lowers, norms)
    keys = [k for k in raw if k is not None]
    neg_at = [i for i, k in enumerate(keys) if k in negations]
    cues = ability.cues(lowers, norms)
    # a negated ability comes before its verb ("can't feel" is not "feel like I can't"): the
    # matcher keeps that order, at any distance ("can't get a full breath")
    unable = frozenset(
        sum(1 for k in raw[: c.verb - 1] if k is not None) for c in cues if not c.loss
    )
    before = tuple((i, i + 1) for i in neg_at if i + 1 < len(keys))
    positive: tuple[str, ...] | None = None
    if len(cues) == 1 and not cues[0].perception and not cues[0].loss and not neg_at:
        at = sum(1 for k in raw[: cues[0].verb - 1] if k is not None)
        positive = tuple(CAN_KEY if i == at else k for i, k in enumerate(keys))
    return tuple(keys), before, positive, unable


def _pseudo_matcher(language: Language, nlp: SpacyLanguage) -> Any:
    """A matcher of the PSEUDO rules written as patterns ("can't ... without")."""
    from spacy.matcher import Matcher

    matcher = Matcher(nlp.vocab)
    patterns = [
        r.pattern for r in language.context if r.direction == "PSEUDO" and r.pattern is not None
    ]
    if not patterns:
        return None
    matcher.add("pseudo", patterns)
    return matcher


def build_lexicon(kb: KnowledgeBase, language: Language, nlp: SpacyLanguage) -> Lexicon:
    """Compile the lexicon from the kb findings and the language rules.

    ``nlp`` is the tokenizer the text will be read with, so phrase and text split the same way.
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    negations = frozenset(w.lower() for w in language.negation_words) | {"not"}
    keep = frozenset(w.lower() for w in language.keep_words)
    ignored = frozenset(w for w in STOP_WORDS if w not in keep and w not in negations)
    twitch = frozenset(stem(w) for w in language.twitch_words)
    relatives = language.relatives()
    # Soft words, and the single words that say something is fine ("swallowing is normal"), are
    # left out of the span ConText reads, so they stay modifiers of every finding near them.
    fine_words = [
        r.literal
        for r in language.context
        if r.category == "NORMAL" and r.pattern is None and " " not in r.literal
    ]
    ability = AbilityReader(language)
    soft = frozenset(stem(w) for w in [*language.soft_words, *fine_words])
    soft |= {ability.difficulty_key}
    boundaries = frozenset(
        r.literal.lower()
        for r in language.context
        if r.direction == "TERMINATE" and r.pattern is None and " " not in r.literal
    )

    possessives = frozenset(w.lower() for w in language.possessives)
    well = frozenset(w.lower() for w in language.normal_words)
    variants = {
        stem(w.lower()): stem(group[0].lower()) for group in language.variants for w in group[1:]
    }
    entries: list[Entry] = []
    surface: set[str] = set(language.twitch_words)
    for fid, finding in kb.findings.items():
        if finding.lasting is not None:
            continue  # durations are read from time expressions and the kb's `lasting` instead
        lists: tuple[tuple[Kind, list[str]], ...] = (
            ("symptom", finding.lay_phrases),
            ("normal", finding.lay_normal),
        )
        for base_kind, phrases in lists:
            for phrase in phrases:
                tokens = list(nlp.tokenizer(phrase.lower()))
                surface.update(t.lower_ for t in tokens if t.is_alpha)
                kind: Kind = base_kind
                drop: frozenset[str] = frozenset()
                if base_kind == "symptom" and any(t.lower_ in relatives for t in tokens):
                    kind, drop = "relative", relatives
                keys, before, positive, unable = _phrase_keys(
                    tokens, ignored, keep, negations, ability, variants, drop
                )
                if not set(keys) - keep - negations:
                    continue  # only generic words left ("can still do everything"): no phrase
                if (
                    kind == "symptom"
                    and finding.category == "location"
                    and not any(k in twitch for k in keys)
                ):
                    kind = "site"
                location = finding.category == "location"
                soft_at = frozenset(i for i, k in enumerate(keys) if k in soft)
                about_twitch = finding.category in ("location", "character")
                lowers = [t.lower_ for t in tokens]
                crosses = any(_new_clause(lowers, i, possessives) for i in range(len(lowers)))
                entries.append(
                    Entry(
                        fid,
                        phrase,
                        kind,
                        keys,
                        before,
                        location,
                        soft_at,
                        about_twitch,
                        crosses,
                        frozenset(finding.implies),
                        unable,
                        kind == "normal"
                        and CAN_KEY not in keys
                        and not any(k in negations for k in keys)
                        and not any(t.lower_ in well for t in tokens),
                        ordered=location and len(keys) > 1 and "of" in lowers[1:-1],
                    )
                )
                if kind == "symptom" and positive is not None and not finding.lay_normal:
                    # "can't get up off the floor" is the finding; "can get up off the floor",
                    # "able to get up off the floor" its absence. A finding whose kb gives its
                    # normal function in words (lay_normal) is said to be normal only in those
                    # ("I can walk" does not deny weakness).
                    entries.append(
                        Entry(
                            fid,
                            phrase,
                            "normal",
                            positive,
                            location=location,
                            soft=frozenset(i for i, k in enumerate(positive) if k in soft),
                            describes_twitch=about_twitch,
                            crosses=crosses,
                        )
                    )

    # "back of my arm" keeps its order only where its first word is a site of another finding
    # ("my arms and back" is the trunk too); "side of my face" reads "face on that side"
    sites_of: dict[str, set[str]] = {}
    for e in entries:
        if e.location and e.kind != "normal" and not e.ordered and e.keys[0] not in twitch:
            sites_of.setdefault(e.keys[0], set()).add(e.finding)
    entries = [
        replace(e, ordered=e.ordered and bool(sites_of.get(e.keys[0], set()) - {e.finding}))
        for e in entries
    ]
    by_key: dict[str, list[int]] = {}
    for i, entry in enumerate(entries):
        for key in set(entry.keys):
            by_key.setdefault(key, []).append(i)
    known = frozenset(by_key) | twitch | negations
    speller = Speller(surface, protected=STOP_WORDS | english_words())
    durations = tuple(
        (fid, f.lasting.min_days, f.lasting.max_days)
        for fid, f in kb.findings.items()
        if f.lasting is not None
    )
    return Lexicon(
        entries=tuple(entries),
        by_key=MappingProxyType({k: tuple(v) for k, v in by_key.items()}),
        twitch=twitch,
        negations=negations,
        ignored=ignored,
        kept=keep,
        known=known,
        speller=speller,
        durations=durations,
        relatives=relatives,
        boundaries=boundaries,
        site_keys=frozenset(e.keys[0] for e in entries if e.kind == "site" and len(e.keys) == 1),
        possessives=possessives,
        site_pronouns=frozenset(w.lower() for w in language.site_pronouns),
        site_prepositions=frozenset(w.lower() for w in language.site_prepositions),
        pronoun_fillers=frozenset(w.lower() for w in language.pronoun_fillers),
        twitching_pronouns=frozenset(w.lower() for w in language.twitching_pronouns),
        twitching_pronoun_next=frozenset(w.lower() for w in language.twitching_pronoun_next),
        pseudo=tuple(
            tuple(t.norm_ for t in nlp.tokenizer(r.literal.lower()))
            for r in language.context
            if r.direction == "PSEUDO" and r.pattern is None
        ),
        pseudo_matcher=_pseudo_matcher(language, nlp),
        referring=frozenset(w.lower() for w in language.pronoun_referents.words),
        referents=frozenset(stem(w.lower()) for w in language.pronoun_referents.parts),
        referents_not_twitching=frozenset(
            stem(w.lower()) for w in language.pronoun_referents.not_twitching
        ),
        referents_need_determiner=frozenset(
            stem(w.lower()) for w in language.pronoun_referents.needs_determiner
        ),
        referent_determiners=frozenset(w.lower() for w in language.pronoun_referents.determiners),
        referent_reach=language.pronoun_referents.reach,
        referent_twitch_reach=language.pronoun_referents.twitch_reach,
        ability=ability,
        variants=MappingProxyType(variants),
        plain=frozenset(w.lower() for w in language.plain_words),
        comparative=frozenset(w.lower() for w in language.comparative_words),
        other_senses_before=MappingProxyType(
            {
                stem(w.lower()): frozenset(a.lower() for a in before)
                for w, before in language.other_senses_before.items()
            }
        ),
        other_senses=MappingProxyType(
            {
                stem(w.lower()): frozenset(a.lower() for a in after)
                for w, after in language.other_senses.items()
            }
        ),
        homophones=MappingProxyType(
            {
                w.lower(): (h.means.lower(), frozenset(a.lower() for a in h.after))
                for w, h in language.homophones.items()
            }
        ),
    )
