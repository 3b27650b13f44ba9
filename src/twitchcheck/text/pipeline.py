"""Lay text → evidence: the parser, built lazily once per knowledge base.

Steps: refuse unreadable text (``guard``); split into sentences and tokens (spaCy, blank English —
no model, nothing downloaded); find the lexicon's phrases (``matcher``); read their context with
medspaCy ConText (``context``); read who the message is about, their age and sex (``people``) and
how long the twitching has lasted (``durations``); turn mentions into evidence.

How a mention becomes a state:
    phrase said of the finding (``lay_phrases``)   present; negated or said to be fine → absent
    phrase of normal function (``lay_normal``)     absent; negated → present ("can't hop")
    what the person cannot do ("can't swallow",    present, either kind: a negated ability is
      "unable to pee", "can hardly breathe")         not a negation (``ability``)
    what the person can do ("I can get up off      absent, for a symptom phrase that names the
      the floor", "I'm able to sit")                 ability, not a difficulty
    unsure ("possibly", "not sure")                unknown
    about someone else, feared or read about       not counted (the mention is kept, flagged)
    a relative's illness (``family_history_...``)  counted only when a relative is named
    in the past ("years ago")                      counted as it stands, flagged historical
When mentions of one finding disagree, present wins over absent (a safety choice: the positive
statement is the one a nurse would act on), and absent over unknown. Of an exclusive group (the
durations) only one finding can be present; for durations the longest wins.

Importing this module loads nothing heavy; spaCy and medspaCy are imported when the first parser
is built.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, replace
from datetime import date
from itertools import pairwise
from threading import Lock
from typing import TYPE_CHECKING, Any

from twitchcheck.engine.evidence import Evidence, State
from twitchcheck.knowledge.model import KnowledgeBase

from .ability import Cue
from .asked import AskedReader
from .context import Context, build_context, carry_over_lists, read_context
from .durations import DurationFinder, TimeSpan
from .exact import ExactPhrase, build_exact, find_exact
from .guard import check_english, check_raw
from .language import load_language
from .lexicon import Entry, Lexicon, build_lexicon
from .matcher import Match, find_matches
from .normalize import stem
from .occupation import OccupationReader
from .patterns import alternation
from .people import PeopleReader, Person
from .result import Mention, ParseResult
from .started import StartedReader

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc

    from twitchcheck.knowledge.schema import Finding

_STATE_RANK: dict[State, int] = {"present": 2, "absent": 1, "unknown": 0}
# the words a speaker uses of themselves, after a relative called to ("mum, my legs ...")
_SPEAKER_WORDS = frozenset({"my", "i", "i'm", "im", "me"})
_POSSESSIVES = frozenset({"my", "our", "his", "her", "their", "your", "the", "a"})
# how many tokens before a finding its subject pronoun may stand ("she's been so muddled")
_SUBJECT_REACH = 4
SIDE_REACH = 3  # tokens around a match where a side word makes a denial one-sided
# where a clause ends, for the time of a symptom ("..., " / " and " / " but " / ";")
_CLAUSE_BREAK = re.compile(r",|;|\band\b|\bbut\b|\.|\?|!")
# words that may stand before a time that opens its sentence ("Over about six months ...")
_FRONT_WORDS = "over|for|in|during|within|since|about|around|roughly|so|and|well|um|erm|ok|okay"
# What ends the clause a time word dates: punctuation and "but", not "and" ("weak and wobbly for
# three days" is one complaint).
_TIME_CLAUSE = re.compile(r"[,;.?!]|\bbut\b|\s-\s")
# a later clause that contrasts or has the writer doing something ("but", "I can", "I've")
_ANOTHER_DOING = re.compile(r"\b(?:but|i|i'm|im|i've|ive|i'd)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Flags:
    negated: bool
    uncertain: bool
    historical: bool
    family: bool
    hypothetical: bool
    normal: bool
    unable: bool  # a negated ability governs the match: "can't swallow"
    able: bool  # a positive ability governs the match: "I can get up off the floor"
    cues: tuple[tuple[int, int], ...]  # token spans of the modifiers that count


# The kb categories of what brings twitching or symptoms on: "when I'm stressed" states them.
_OCCASIONS = frozenset({"trigger", "exposure", "medicine", "history"})
# the categories of findings that are complaints of their own ("my back hurts")
_COMPLAINTS = frozenset({"symptom", "sign", "weakness"})
# Categories of finding a writer can say are over ("couldn't swallow for a day, fine since")
_EPISODES = frozenset({"symptom", "weakness", "sign", "infant"})
# How far into the next sentence a word that says a problem is over is looked for (characters)
_OVER_REACH = 40
# The kb categories whose phrases name something a person can or cannot do.
_ABILITIES = frozenset({"symptom", "weakness", "sign", "infant", "character", "location"})


# "like my dad", "the same as my mum", "similar to her": a comparison with someone else


def _last_named(doc: Doc, first: int, mentions: list[Mention]) -> frozenset[str]:
    """The findings stated present last before character ``first`` (or around it: "struggling
    *more and more* on stairs"), in its sentence or the one before: what "it" of "it's getting
    worse" refers to. Findings named in one clause with the last are named last too ("stairs
    wipe me out": the stairs and the tiredness)."""
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    here = next((i for i, (a, b) in enumerate(sentences) if a <= first < b), 0)
    earliest = sentences[max(0, here - 1)][0]
    before = [
        m for m in mentions if m.counted and m.state == "present" and earliest <= m.span[0] < first
    ]
    if not before:
        return frozenset()
    last = max(before, key=lambda m: m.span[0])
    text = doc.text
    return frozenset(
        m.finding
        for m in before
        if m is last or not _CLAUSE_GAP.search(text[min(m.span[1], last.span[0]) : last.span[0]])
    )


# what parts two clauses in the characters between two findings
_CLAUSE_GAP = re.compile(r"[,;:.!?\n–]|\s-\s|\b(?:and|but|or|then|so)\b", re.IGNORECASE)


def _approximates(doc: Doc, i: int) -> bool:
    """The doubt word at ``i`` rounds a number ("sleeping maybe 5 hours", "perhaps two cans a
    day"): it doubts the amount, not the finding."""
    return i + 1 < len(doc) and doc[i + 1].like_num


# the writer's own words: after a relative's clause they start the writer's own statement
_FIRST_PERSON = frozenset({"i", "my", "me", "i'm", "im", "mine"})
# what a person can still do stands within this many words after the contrast ("but honestly I
# can still")
_STILL_REACH = 6


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# a correction taking back a denial starts within this many characters after it
_CORRECTION_REACH = 40
# what asks a label of a form ("swallowing: no", "any weakness? no", "bladder - fine")
_ASKED = (":", "?", "-", "–")
# a label may name the finding and this many words more ("numb feet? no"), and open at most
# this many words into its sentence ("any numb feet? no")
_LABEL_TAIL = 2
_LABEL_HEAD = 2
# a line of a pasted conversation: "Nurse: any trouble swallowing?", "[12:09] Nick: ok?",
# "- Me: no"
_SPOKEN_LINE = re.compile(
    r"^[ \t]*(?:\[[^\]\n]{1,20}\][ \t]*)?(?:[-*•>][ \t]*)?"
    r"(?P<who>[A-Za-z][A-Za-z .'-]{0,24}?)[ \t]*:[ \t]*(?P<said>[^\n]*)$",
    re.MULTILINE,
)
# an answer that asks back ("what do you mean?") answers nothing
_ASKING_BACK = frozenset({"what", "why", "how", "pardon", "sorry", "huh", "eh", "sorry?"})
# a question that takes its finding as said, asking only when, where or how much of it
_PRESUMING = re.compile(
    r"\W*(?:and\s+|so\s+|ok\s+|okay\s+)?(?:when|where|which|how\s+long|since\s+when|"
    r"how\s+bad|how\s+often|how\s+much|what\s+time)\b"
)
# a form's answer that is only a question mark ("choking: ?")
_QUERIED = frozenset({"?", "??", "???"})
# an answer to a label is at most this many tokens ("not that i 've noticed")
_ANSWER_WORDS = 6
# a finding starting within this many characters after a trailing doubt is the doubt's object
_DOUBT_OBJECT = 28
# ...unless it offers that finding as another explanation ("not sure if I'm *just* dehydrated")
# or a comma or a stop stands between ("no idea, my calf twitches")
_ALTERNATIVE = re.compile(r"\b(?:just|only|simply|maybe|because|from)\b|[,;:.!?]")
# "not sure if she's behind for her age": a doubt whose "if" opens a clause of its own, with a
# person as its subject, doubts that clause, not what came before it (unless the clause points
# back: "not sure if I'm imagining *it*", or offers another explanation: "...I'm *just* unfit")
_OWN_CLAUSE = re.compile(
    r"\s*(?:if|whether)\s+(?:she|he|i|they|we|my|his|her|their|the)(?:'s|'m|s|m|'re)?\b"
    r"([^.;!?,]{0,40})"
)
_POINTS_BACK = re.compile(
    r"\b(?:it|its|it's|this|that|these|those|them|real|imagin\w*|just|only|simply|because|from)\b"
)
# the writer's own body in a message written for someone else: "my own hands", "I myself"
# a question about people in general or about a disease, not about the person ("does a baby go
# floppy before...?", "can ALS start with...?"); not "does anyone else...?" nor "is a twitchy
# eyelid a sign of...?" (the writer has it)
_GENERAL_QUESTION = re.compile(
    r"\s*(?:does|do|can|could|will|would|should)\s+(?:a|an|you|your|people|babies|kids|"
    r"children|als|mnd|sma|ms|bfs|motor neuron(?:e)? disease|it usually|that usually)\b"
)
_OWN = re.compile(r"\b(?:my own|i myself|me myself)\b")
_OWN_REACH = 30
# how many tokens after a "/" a form's label may end ("chairs/the floor: fine")
_SLASH_REACH = 5
# how many tokens after a denial or a normal its "until" may stand ("fine *until* May",
# "was fine up *until* last week")
_UNTIL_REACH = 3


def _wider(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Span ``a`` holds span ``b`` and more."""
    return a[0] <= b[0] and b[1] <= a[1] and a != b


def _unswallowed(mentions: list[Mention], exact: list[Mention]) -> list[Mention]:
    """``mentions`` with those of another finding inside the words of a word-for-word phrase
    read present for the person left uncounted: the longer phrase explains the words ("the
    runs" after an insecticide is no run, "sweating buckets" no sweating for no reason), and a
    denial or doubt of its own finding inside it ("haven't had the urge to pee" is no "no urge";
    "can't tell if I'm weeing" is no doubt)."""
    wide = [e for e in exact if e.counted and e.state == "present"]
    # a phrase of normal function read word for word explains a one-word mention of its own
    # finding inside it ("hit all his milestones" is no "milestones" trouble)
    normal = [e for e in exact if e.counted and e.state == "absent"]
    return [
        replace(m, counted=False)
        if m.counted
        and (
            any(
                _wider(e.span, m.span) and (e.finding != m.finding or m.state != "present")
                for e in wide
            )
            or any(
                e.finding == m.finding and m.state == "present" and _wider(e.span, m.span)
                for e in normal
            )
        )
        else m
        for m in mentions
    ]


_LINE_BREAKS = "twitchcheck_line_breaks"


def _add_split_words(nlp: Any, words: dict[str, list[tuple[str, str]]]) -> None:
    """Teach the tokenizer the dialect contractions of ``rules.yaml`` (``split_words``), in
    lower case, capitalised and upper case."""
    for word, pieces in words.items():
        for form in {word, word.capitalize(), word.upper()}:
            at = 0
            parts = []
            for written, meaning in pieces:
                parts.append({"ORTH": form[at : at + len(written)], "NORM": meaning})
                at += len(written)
            nlp.tokenizer.add_special_case(form, parts)


def _line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break (a spaCy pipeline component)."""
    for i in range(len(doc) - 1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            doc[i + 1].is_sent_start = True
    return doc


# a line of a checklist left unticked or crossed ("[ ] swallowing trouble", "✘ weakness")
_UNTICKED = re.compile(r"^[ \t]*(?:[-*•][ \t]*)?(?:\[[ \t]?\]|☐|✘|✗|❌|✖)", re.MULTILINE)
# ...or crossed at its end ("- numb ✗", "neck pain: [ ]")
_CHECK_MARK = re.compile(r"\[[ \txX✓✔]?\]|[☐☑✓✔✘✗❌✖✅]")
_CROSSED_AFTER = re.compile(r"(?:\[[ \t]?\]|☐|✘|✗|❌|✖)[ \t]*$", re.MULTILINE)


# a line quoted from someone else's post ("> my tongue twitch came with slurring")
_QUOTED_LINE = re.compile(r"^[ \t]*>[^\n]*$", re.MULTILINE)


def _vocative(doc: Doc, start: int, end: int) -> bool:
    """The relative's word at tokens ``start``–``end`` is called to, not spoken of: no
    possessive before it, and the speaker's own words after it ("mum, my legs feel funny", "dad
    I can't walk"; not "my dad, I think, has ...")."""
    if start > 0 and doc[start - 1].lower_ in _POSSESSIVES:
        return False
    i = end
    while i < len(doc) and doc[i].is_punct:
        i += 1
    return i < len(doc) and doc[i].lower_ in _SPEAKER_WORDS


def _quoted(text: str, mentions: list[Mention]) -> list[Mention]:
    """What a line quoted from another post says is that writer's, not the person's."""
    lines = [(m.start(), m.end()) for m in _QUOTED_LINE.finditer(text)]
    if not lines:
        return mentions
    return [
        replace(m, family=True, counted=False)
        if m.counted and any(a <= m.span[0] < b for a, b in lines)
        else m
        for m in mentions
    ]


def _unticked(text: str, mentions: list[Mention]) -> list[Mention]:
    """What an unticked or crossed line of a checklist names is absent."""
    lines = []
    for m in _UNTICKED.finditer(text):
        end = text.find("\n", m.end())
        lines.append((m.start(), len(text) if end < 0 else end))
    for m in _CROSSED_AFTER.finditer(text):
        # back to the line's start or the mark before it ("dropping cups ✓ numb ✗")
        start = text.rfind("\n", 0, m.start()) + 1
        marks = [k.end() for k in _CHECK_MARK.finditer(text, start, m.start())]
        lines.append((max([start, *marks]), m.end()))
    if not lines:
        return mentions
    return [
        replace(m, state="absent", negated=True)
        if m.state == "present" and any(a <= m.span[0] < b for a, b in lines)
        else m
        for m in mentions
    ]


def _sentence_spans(low: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``low`` (ended by ".", "!", "?" or a new line)."""
    spans, start = [], 0
    for m in re.finditer(r"[.!?\n]+", low):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(low):
        spans.append((start, len(low)))
    return spans


def _after_comma(doc: Doc, start: int, floor: int, possessives: frozenset[str]) -> bool:
    """A comma stands just before token ``start`` (perhaps with "my" between), after ``floor``:
    a new clause, not the next item of a list ("no weakness, numbness or trouble swallowing")."""
    i = start - 1
    while i >= floor and doc[i].lower_ in possessives:
        i -= 1
    return i >= floor and doc[i].text == ","


class Parser:
    """The lay-text parser for one knowledge base. Build with :func:`parser_for`."""

    def __init__(self, kb: KnowledgeBase) -> None:
        with warnings.catch_warnings():
            # spaCy 3.7 (pinned by medspaCy) imports a helper that click 8.2 deprecated; the
            # warning is about spaCy's own CLI, which we never use.
            warnings.filterwarnings(
                "ignore", message="Importing 'parser.split_arg_string'", category=DeprecationWarning
            )
            import spacy
        from loguru import logger
        from spacy.lang.en.stop_words import STOP_WORDS

        # medspaCy's sentence splitter (PyRuSH) logs every document at DEBUG; we do not use it,
        # but importing medspaCy loads it. Silence it so no free text can reach a log.
        logger.disable("PyRuSH")
        self.kb = kb
        self.language = load_language()
        self.nlp = spacy.blank("en")
        _add_split_words(self.nlp, self.language.split_words)
        self.nlp.add_pipe("sentencizer")
        # a line break ends a sentence: forms and lists ("Numbness: no\nCramps: at night")
        from spacy.language import Language as SpacyLanguage

        if not SpacyLanguage.has_factory(_LINE_BREAKS):
            SpacyLanguage.component(_LINE_BREAKS, func=_line_breaks)
        self.nlp.add_pipe(_LINE_BREAKS, after="sentencizer")
        self.stop_words = frozenset(STOP_WORDS)
        self.lexicon: Lexicon = build_lexicon(kb, self.language, self.nlp)
        self.exact = build_exact(kb, self.nlp)
        self.context: Any = build_context(self.nlp, self.language)
        self.durations = DurationFinder(self.language.time)
        self.people = PeopleReader(
            self.language.people,
            self.language.time,
            self.lexicon.relatives,
            frozenset(self.language.twitch_words),
            frozenset(w.lower() for w in self.language.reporting_verbs),
            frozenset(w.lower() for w in self.language.reporting_fillers),
        )
        lang = self.language
        # a sentence in which the writer speaks of their own body, naming no one else ("I've had
        # a jumpy eyelid myself for weeks"; "I get twitches too but mine ..."), in a message
        # written for someone else
        people = {w.lower() for w in lang.people.third_person} | set(self.lexicon.relatives)
        people |= {w.lower() for w in lang.people.child_words} | {
            w.lower() for w in lang.people.not_kin
        }
        self._test_words = frozenset(w.lower() for w in lang.test_words)
        self._intensity_words = frozenset(w.lower() for w in lang.intensity_words)
        # ...at the end of its clause ("that's gone." ends a problem; "that's gone a bit funny"
        # is a change)
        self._category = {fid: f.category for fid, f in kb.findings.items()}
        labels = "|".join(
            re.escape(w) for w in sorted(lang.time.duration_labels, key=len, reverse=True)
        )
        # a time opening its sentence may stand after filler and its own cue words ("For the
        # past six weeks ...", "Over the last three months ...")
        self._front_cues = re.compile(
            rf"\b(?:{_FRONT_WORDS}|{alternation(lang.time.before)})\b", re.IGNORECASE
        )
        self._labelled_duration = re.compile(
            rf"[\s*•\-]*(?:{labels})\s*(?:[:?]|-|–)\s*(?:[\w~]+\s+)?$", re.IGNORECASE
        )
        self._asked = AskedReader(
            lang.asked,
            [*lang.trailing_denials, *lang.answered_no],
            lang.answered_unsure,
            lang.relatives() | frozenset(lang.asked.third_person),
            _EPISODES,
        )
        ends = "|".join(re.escape(w.lower()) for w in lang.resolved.clause_ends)
        self._over = re.compile(
            _phrases_re(lang.resolved.over).pattern + rf"(?=\s*(?:[.,;:!?)\-–—]|$|(?:{ends})\b))"
        )
        self._relapse = _phrases_re(lang.resolved.relapse)
        self._diagnoses = frozenset(fid for fid, f in kb.findings.items() if f.diagnosis)
        self._occupations = frozenset(fid for fid, f in kb.findings.items() if f.occupation)
        self._occupation = OccupationReader(lang.occupation)
        named = lang.diagnosis
        self._dx_bridges = frozenset(w.lower() for w in named.bridges)
        self._dx_fears = frozenset(w.lower() for w in named.fears)
        self._dx_questions = frozenset(w.lower() for w in named.questions)
        self._dx_tests = frozenset(w.lower() for w in named.tests)
        self._dx_negatives = frozenset(w.lower() for w in named.negatives)
        self._dx_positives = frozenset(w.lower() for w in named.positives)
        self._dx_results = self._dx_negatives | self._dx_positives
        self._feel_words = frozenset(w.lower() for w in lang.feel_words)
        self._clause_verbs = frozenset(w.lower() for w in lang.clause_verbs)
        self._contrasts = frozenset(w.lower() for w in lang.contrast_words)
        self._trailing_contrasts = frozenset(w.lower() for w in lang.trailing_contrasts)
        self._done_easily = frozenset(re.sub(r"\s+", "", w.lower()) for w in lang.done_easily)
        self._still_able = tuple(tuple(w.lower().split()) for w in lang.still_able)
        # a finding said only as felt → the finding that takes it (kb ``text_felt``)
        self._felt_as = {other: fid for fid, f in kb.findings.items() for other in f.text_felt}
        self._intensity_subjects = frozenset(stem(w.lower()) for w in lang.intensity_subjects)
        self._not_kin = frozenset(w.lower() for w in lang.people.not_kin)
        self._persons = frozenset(people)
        self._doubt_openers = frozenset(w.lower() for w in lang.doubt_openers)
        self._normal_until = frozenset(w.lower() for w in lang.normal_until)
        self._someone = re.compile(
            rf"\b(?:{'|'.join(re.escape(w) for w in sorted(people))})(?:'s|s)?\b"
        )
        self._i_have = re.compile(
            r"\b(?:myself|mine|my own|i(?:'ve|'m|ve|m)?\s+(?:\w+\s+)?(?:get|got|had|have|been|"
            r"keep|suffer|am)|my\s+(?!(?:"
            + "|".join(re.escape(w) for w in sorted(people | {w.lower() for w in lang.not_body}))
            + r")\b)(?!\d)\w+)\b"
        )
        doubts = "|".join(re.escape(d) for d in sorted(lang.trailing_doubt, key=len, reverse=True))
        not_before = "|".join(re.escape(w) for w in lang.doubt_not_before)
        self._trailing_doubt = re.compile(rf"\b(?:{doubts})\b(?!\s+(?:{not_before})\b)")
        fixes = "|".join(re.escape(w) for w in sorted(lang.corrections, key=len, reverse=True))
        # right after the denial: punctuation or a dash, then the correction word
        self._correction = re.compile(rf"[\s.,;:!?()\-–—]*(?:{fixes})(?!\w)") if fixes else None
        self._inner_doubt = frozenset(w.lower() for w in lang.inner_doubt)
        self._trailing_denials = frozenset(w.lower() for w in lang.trailing_denials)
        self._answered_no = frozenset(re.sub(r"\s+", "", w.lower()) for w in lang.answered_no)
        self._answered_unsure = frozenset(
            re.sub(r"\s+", "", w.lower()) for w in lang.answered_unsure
        )
        self._trailing_normal = tuple(
            tuple(w.lower().split()) for w in sorted(lang.trailing_normal, key=len, reverse=True)
        )
        self._speakers_self = frozenset(w.lower() for w in lang.speakers_self)
        self._yes = frozenset(w.lower() for w in lang.yes_words)
        self._speakers = self._speakers_self | frozenset(w.lower() for w in lang.speakers_other)
        self._trailing_unable = frozenset(
            re.sub(r"\s+", "", w.lower()) for w in lang.trailing_unable
        )
        self._doubt_cuts = frozenset(w.lower() for w in lang.doubt_cuts)
        self._their = frozenset(w.lower() for w in lang.their_words)
        self._never_until = frozenset(w.lower() for w in lang.never_until)
        self._statement_subjects = frozenset(
            w.lower() for w in lang.statement_subjects + lang.statement_verbs
        )
        self._their_subjects = frozenset(w.lower() for w in lang.their_subjects)
        third = frozenset(w.lower() for w in lang.people.third_person)
        female = frozenset(w.lower() for w in lang.people.female_words)
        male = frozenset(w.lower() for w in lang.people.male_words)
        # the words of each sex, and the pronouns among them ("her" is the woman's, not "dad's")
        self._sexed_words = {"female": female, "male": male}
        self._sexed_pronouns = {"female": female & third, "male": male & third}
        self._who = frozenset(w.lower() for w in lang.relative_clause_words)
        self._reporting = frozenset(w.lower() for w in lang.reporting_verbs)
        self._report_fillers = frozenset(w.lower() for w in lang.reporting_fillers)
        near = "|".join(re.escape(w) for w in sorted(lang.bystander, key=len, reverse=True))
        self._bystander = re.compile(rf"\b(?:{near})\b") if near else None
        # what may stand between a subject pronoun and the finding's words ("he *can't* swallow")
        self._before_verb = (
            frozenset(w.lower() for w in lang.ability.auxiliaries + lang.pronoun_fillers)
            | self.lexicon.negations
            | {"not", "has", "have", "had", "was", "were", "did"}
        )
        self._sides = frozenset(w.lower() for w in lang.side_words)
        self._openers = frozenset(w.lower() for w in lang.conditional.question_openers)
        self._subjects = frozenset(w.lower() for w in lang.conditional.subjects)
        self._future = frozenset(w.lower() for w in lang.conditional.future)
        # Findings whose own time is not the twitching's (how long someone has smoked or taken a
        # tablet): a duration next to them is not the twitching's duration.
        self.background = frozenset(
            fid for fid, f in kb.findings.items() if f.category in ("history", "medicine")
        )
        self.recent_rules = self._recent_findings()
        self.gradual_rules = self._counting(lambda f: f.gradual_over_days)
        self._span_opener = re.compile(
            rf"\b(?:{alternation(lang.time.span_openers)})\s*$", re.IGNORECASE
        )
        self._change_word = re.compile(rf"\b(?:{alternation(lang.time.change_words)})\b")
        self._started = StartedReader(lang.started)
        self._started_targets: dict[str, tuple[str, float]] = {
            str(f.category): (fid, f.started_within_days)
            for fid, f in kb.findings.items()
            if f.started_within_days is not None
        }

    def parse(self, text: str, today: date | None = None) -> ParseResult:
        """See :func:`twitchcheck.text.parse`."""
        text = check_raw(text)
        doc = self.nlp(text)
        keys = self.lexicon.keys(doc)
        matches = find_matches(doc, self.lexicon, keys)
        cues = self.lexicon.ability_cues(doc)
        able = self.lexicon.positive_cues(doc)
        sentence_of = [(s.start, s.end) for s in doc.sents for _ in s]
        words = [t.lower_ for t in doc if t.is_alpha]
        check_english(words, self.stop_words, len(matches))
        person = self.people.read(text)
        contexts = read_context(doc, matches, self.context) if matches else []
        contexts = carry_over_lists(doc, matches, contexts, self.language.lists)

        # A negation that is part of a matched phrase ("can't feel my legs") says that phrase and
        # nothing more: it does not deny the next finding ("..., they're weak").
        in_phrase = {i for m in matches for i in m.keys}
        spent = {c.at for c in cues if c.verb - 1 in in_phrase}
        mentions: list[Mention] = []
        for match, ctx in zip(matches, contexts, strict=True):
            sent = sentence_of[match.start]
            mentions.append(self._mention(doc, text, match, ctx, person, sent, (cues, able), spent))
        exact = self._exact(doc, text, mentions, person, sentence_of, (cues, able), spent)
        if exact:
            mentions = [*_unswallowed(mentions, exact), *exact]
        mentions.extend(self._shared_exposures(text, mentions))
        durations = self.durations.find(text, today or date.today())
        duration = self._duration(doc, text, mentions, durations, keys)
        if duration is not None:
            mentions = [m for m in mentions if m.finding not in self._duration_ids()]
            mentions.append(duration)
        mentions.extend(self._recent(doc, mentions, durations))
        mentions.extend(self._gradual(doc, mentions, durations))
        mentions.extend(
            self._started.read(
                text,
                mentions,
                self._started_targets,
                self._category,
                durations,
                [(s.start_char, s.end_char) for s in doc.sents],
            )
        )
        mentions.sort(key=lambda m: (m.span, m.finding))
        mentions = [self._applicable(m, person) for m in mentions]
        mentions = self._writers_own(text, mentions, person)
        mentions = self._general_questions(text, mentions)
        mentions = self._asked_by_another(text, mentions, person)
        mentions = self._asked.read(text, mentions, self._category)
        mentions = _unticked(text, mentions)
        mentions = _quoted(text, mentions)
        mentions = self._within(mentions)
        mentions = self._doubted_after(doc, text, mentions)
        mentions = self._taken_back(text, mentions)
        mentions = [self._felt_only(doc, m, mentions) for m in mentions]
        mentions = [self._named_diagnosis(doc, m) for m in mentions]
        mentions = [self._whose_work(text, m) for m in mentions]
        mentions = self._resolved(doc, text, mentions)
        mentions.extend(self._many_sites(text, mentions))
        return ParseResult(
            evidence=self._evidence(mentions),
            mentions=tuple(mentions),
            age=person.age,
            sex=person.sex,
            about_other=person.about_other,
        )

    # --- mentions ----------------------------------------------------------------------------

    @staticmethod
    def _said_at(doc: Doc, at: int, answers: frozenset[str]) -> bool:
        """Whether one of ``answers`` (lower case, spaces taken out) is said from token ``at``
        to the end of its clause ("not really.", "can't say")."""
        for end in range(at + 1, min(len(doc), at + _ANSWER_WORDS) + 1):
            if "".join(t.lower_ for t in doc[at:end]) in answers and (
                end >= len(doc) or doc[end].is_punct or doc[end].is_space
            ):
                return True
        return False

    def _flags(
        self,
        doc: Doc,
        match: Match,
        ctx: Context,
        person: Person,
        sent: tuple[int, int],
        ability: list[Cue],
        able: list[Cue],
        spent: set[int],
    ) -> _Flags:
        cats = set()
        cues = []
        not_denials = spent | {
            c.at for c in ability if not c.perception or c.governs(match.start, match.keys)
        }
        unable = False
        for cue in ability:
            if sent[0] <= cue.at < sent[1] and cue.governs(match.start, match.keys):
                if (
                    cue.verb not in match.keys
                    and self.kb.findings[match.entry.finding].category != "weakness"
                    and any(doc[i].text in (",", ";") for i in range(cue.verb, match.start))
                    and (
                        match.entry.kind == "normal"
                        or self._said_at(doc, match.end, self._done_easily)
                    )
                ):
                    # "can't swallow properly, breathing fine": a clause of its own (a normal of
                    # strength after "can't" stays governed, the safer reading)
                    continue
                unable = True
                start = (
                    cue.at - 1
                    if cue.at > sent[0]
                    and doc[cue.at - 1].norm_ in (self.lexicon.ability.auxiliaries)
                    else cue.at
                )
                cues.append((start, cue.at + 1))
        can = any(sent[0] <= c.at < sent[1] and c.governs(match.start, match.keys) for c in able)
        doubts = [(a, b) for c, a, b in ctx.modifiers if c == "POSSIBLE_EXISTENCE"]
        for category, start, end in ctx.modifiers:
            if category == "NEGATED_EXISTENCE" and not_denials.intersection(range(start, end)):
                continue  # "can't swallow" says swallowing is a problem; it denies nothing
            if (
                category == "NEGATED_EXISTENCE"
                and start >= match.end
                and end - start >= 3
                and doc[end - 1].is_punct
                and doc[end - 2].norm_ == "not"
                and doc[end - 3].norm_ in self.lexicon.ability.auxiliaries
            ):
                # "tried to get up off the floor and couldn't.": what came before could not be
                # done, an ability negated as in "can't get up off the floor"
                unable = True
                continue
            if (
                category == "NEGATED_EXISTENCE"
                and (
                    match.entry.kind == "normal"
                    or self.lexicon.ability.difficulty_key in match.entry.keys
                )
                and end <= match.start
                and (
                    _after_comma(doc, match.start, end, self.lexicon.possessives)
                    or (
                        match.entry.kind == "normal"
                        and any(doc[i].text == "," for i in range(end, match.start))
                    )
                )
            ):
                # a "no" list ends where a clause of normal function or of difficulty starts:
                # "no shortness of breath, walking fine", "no pain, walking is hard"; normal
                # function is no item of a "no" list ("no droopy face, running around and as
                # strong as ever")
                continue
            if (
                category == "NEGATED_EXISTENCE"
                and end <= match.start
                and any(
                    doc[i].lower_ in (",", "and") and doc[i + 1].lower_ in self._statement_subjects
                    for i in range(end, match.start)
                )
            ):
                continue  # "no pain and legs keep giving way": a new statement, not a denial
            if (
                category == "NEGATED_EXISTENCE"
                and end <= match.start
                and self._clause_after_list(doc, end, match)
            ):
                continue  # "no pain, food sticks in my throat": a clause, not a denied item
            if (
                category == "NEGATED_EXISTENCE"
                and end <= match.start
                and end < len(doc)
                and doc[end].is_punct
                and end - 1 > sent[0]
                and doc[end - 2 if doc[end - 1].norm_ == "not" else end - 1].norm_
                in self.lexicon.ability.auxiliaries
            ):
                # "stood up from the toilet and couldn't, had to pull on the sink": a negated
                # ability with no verb ends its clause; it says what came before could not be
                # done, and denies nothing after it
                continue
            if (
                category == "NEGATED_EXISTENCE"
                and doc[start].lower_ == "never"
                and any(
                    doc[i].lower_ in self._never_until
                    for i in range(match.start, min(sent[1], match.end + 3))
                    if i not in match.keys
                )
            ):
                continue  # "never had trouble swallowing before": it is new
            if (
                category == "NORMAL"
                and end <= match.start
                and any(doc[i].text in (",", ";") for i in range(end, match.start))
            ):
                continue  # "strength normal, terrified it's ALS": a normal reaches no new clause
            if (
                category == "NORMAL"
                and start >= match.end
                and self._new_subject(doc, match.end, start, doc[start].lower_ == "all")
            ):
                # "pre workout, strength is fine", "my belly, bloods all normal": the normal is
                # said of the subject after the comma, not of what came before it
                continue
            if category == "HYPOTHETICAL" and any(a <= start and end <= b + 1 for a, b in doubts):
                continue  # the "if" of "not sure if", "I'm not sure if" is doubt, not a fear
            if category == "HYPOTHETICAL" and self._if_states(
                doc, start, end, max(match.start, max(match.keys)), sent
            ):
                # "is it MND if my hand is wasting?", "if I eat bread I choke", "if i drink
                # water i choke" (the clause runs to the phrase's last word)
                continue
            if category == "CIRCUMSTANCE":
                finding = self.kb.findings[match.entry.finding]
                if finding.category in _OCCASIONS or finding.red_flag or match.end > end + 2:
                    # "twitching when I'm stressed": the trigger itself; "when I'm lying flat I
                    # can't breathe": more than a state in the "when" clause
                    continue
                category = "HYPOTHETICAL"  # "my foot drags when I'm tired": not a complaint
            if (
                category in ("FAMILY", "CHILD")
                and start >= match.end
                and match.entry.kind != "relative"
                and self._compared_before(doc, match.end, start + 1)
            ):
                # "my legs are weak like my dad's were", "... like my dad had before he died":
                # the writer's, compared with someone named after it
                continue
            if (
                category in ("FAMILY", "CHILD")
                and start >= match.end
                and match.entry.kind != "relative"
                and self._clause_of_their_own(doc, match, start, sent, category == "CHILD")
            ):
                # "neck pain down my arm ever since someone rear-ended me", "pins and needles in
                # both feet, which she never had": the other person is in a clause of their own
                continue
            if (
                category == "NORMAL"
                and start >= match.end
                and any(c.verb - 1 in match.keys for c in ability if not c.loss)
            ):
                # "I can't get up off the floor, all good otherwise": what the phrase says cannot
                # be done is not made fine by a normal after it
                continue
            if category == "NORMAL" and self._compared_before(doc, end, end + 4):
                continue  # "trouble swallowing the same as my dad had": no normal
            if category in ("FAMILY", "CHILD"):
                # Words for the person the writer speaks for ("my son", "she") are not someone
                # else; a child word is someone else only when the writer speaks for themselves.
                if person.about_other and doc[start:end].text.lower() in person.subject_words:
                    continue
                if self._their_own(doc, start, end, match, person):
                    continue
                if end <= match.start and _vocative(doc, start, end):
                    continue  # "he keeps saying 'dad, my feet are burning'": he calls his dad
                if end <= match.start and self._reports_writer(doc, end, match.start, sent):
                    continue  # "my sister, who is a nurse, says my speech is slurred"
                category = "FAMILY"
            cats.add(category)
            cues.append((start, end))
        # "his speech went first", "can't get out of his chair", "he choked": a third person's
        # possessive on the finding's own words, or their pronoun just before them, makes it
        # theirs, unless the writer speaks for that person
        before = match.start - 1
        if before > sent[0] and doc[before].lower_ in self._sides:
            before -= 1  # "his right foot drags"
        around = [before] + [i for i in range(match.start, match.end) if i not in match.keys]
        # ...not when the finding's words are the writer's ("she can see my back twitching"); the
        # pronoun may stand before an auxiliary or a negation ("he can't swallow")
        unowned = not any(doc[i].lower_ in ("my", "me", "i") for i in range(match.start, match.end))
        subject = match.start - 1
        while subject > sent[0] and (
            doc[subject].norm_ in self._before_verb or doc[subject].lower_ in self._before_verb
        ):
            subject -= 1
        around.append(subject)
        for i in around:
            if (
                i >= sent[0]
                and (
                    doc[i].lower_ in self._their
                    or (i == subject and doc[i].lower_ in self._their_subjects and unowned)
                )
                and person.first_person
                and not (person.about_other and doc[i].lower_ in person.subject_words)
            ):
                cats.add("FAMILY")
                cues.append((i, i + 1))
                break
        if "FAMILY" not in cats:
            who = self._relatives_clause(doc, match.start, sent, person)
            if who is not None:
                cats.add("FAMILY")
                cues.append((who, who + 1))
        return _Flags(
            negated="NEGATED_EXISTENCE" in cats,
            uncertain="POSSIBLE_EXISTENCE" in cats,
            historical="HISTORICAL" in cats,
            family="FAMILY" in cats,
            hypothetical="HYPOTHETICAL" in cats,
            normal="NORMAL" in cats,
            unable=unable,
            able=can,
            cues=tuple(cues),
        )

    def _their_own(self, doc: Doc, start: int, end: int, match: Match, person: Person) -> bool:
        """A pronoun of the person the writer speaks for, of the other sex than the relative
        named at ``start``–``end``, says the finding is that person's: standing between the
        relative and the finding ("asking for my dad who died in 2015, and yesterday her legs
        gave way"), or as its subject just before it when the relative comes after ("she's been
        muddled, asking for my dad")."""
        if not person.about_other or person.sex is None:
            return False
        other = "male" if person.sex == "female" else "female"
        if doc[start:end].text.lower() not in self._sexed_words[other]:
            return False
        own = self._sexed_pronouns[person.sex]
        if end <= match.start:
            between = range(end, match.start + 1)
        elif start >= match.end:
            between = range(max(0, match.start - _SUBJECT_REACH), match.start)
        else:
            return False
        return any(doc[i].lower_ in own for i in between)

    def _relatives_clause(
        self, doc: Doc, at: int, sent: tuple[int, int], person: Person
    ) -> int | None:
        """The relative's word when the finding at token ``at`` is said of a relative named
        with a clause of their own ("my gran, who had a stroke, has slurred speech"; "my mum
        (she's fine now) had Bell's palsy"): inside that clause or in the predicate after it, up
        to the next clause (a comma, "but", "and my"). ``None`` otherwise, and when the writer
        speaks for that relative."""
        if not person.first_person:
            return None
        for i in range(sent[0] + 1, at):
            # "my mum (she's fine now) had Bell's palsy": an aside in brackets is a clause too
            if doc[i].text != "(" or doc[i - 1].lower_ not in self.lexicon.relatives:
                continue
            if person.about_other and doc[i - 1].lower_ in person.subject_words:
                continue
            close = next((k for k in range(i + 1, at) if doc[k].text == ")"), None)
            if close is not None and not any(
                doc[k].lower_ in (";", ",", "but")
                or doc[k].lower_ in _FIRST_PERSON
                or self.lexicon.new_clause(doc, k)
                for k in range(close + 1, at)
            ):
                return i - 1
        for i in range(sent[0] + 2, at):
            if not (doc[i].lower_ in self._who and doc[i - 1].text == ","):
                continue
            named = next(
                (
                    j
                    for j in (i - 2, i - 3)
                    if j >= sent[0] and doc[j].lower_ in self.lexicon.relatives
                ),
                None,
            )
            if named is None or (person.about_other and doc[named].lower_ in person.subject_words):
                continue
            commas = 0
            for k in range(i + 1, at):
                low = doc[k].lower_
                if (
                    low in (";", "but")
                    or (commas and (low == "," or low in _FIRST_PERSON))
                    or self.lexicon.new_clause(doc, k)
                ):
                    break  # the next clause, or the writer's own words ("..., says my speech")
                commas += low == ","
            else:
                return named
        return None

    def _reports_writer(self, doc: Doc, after: int, at: int, sent: tuple[int, int]) -> bool:
        """Between someone else's word (ending at token ``after``) and the finding at token
        ``at``, that person reports the writer's own finding: a reporting verb, perhaps a filler
        ("me", "that", "out"), then the writer's word ("says *my* speech is slurred", "reckons
        *I* slur"), with nobody else's word from there to the finding ("says my dad slurs",
        "says her legs are weak" are someone else's)."""
        for k in range(after, min(at, sent[1])):
            if doc[k].lower_ not in self._reporting:
                continue
            j = k + 1
            while j < at and doc[j].lower_ in self._report_fillers:
                j += 1
            if j >= len(doc) or doc[j].lower_ not in _FIRST_PERSON:
                continue
            return not any(
                doc[i].lower_ in self.lexicon.relatives
                or doc[i].lower_ in self._their
                or doc[i].lower_ in self._their_subjects
                for i in range(j + 1, at)
            )
        return False

    def _if_states(self, doc: Doc, start: int, end: int, at: int, sent: tuple[int, int]) -> bool:
        """The modifier ``start:end`` is a bare "if" whose clause, up to the finding at ``at``,
        is a fact asked about or a habit, not a fear (see ``language.ConditionalWords``)."""
        if end - start != 1 or doc[start].lower_ != "if" or at <= start:
            return False
        between = [doc[i].lower_ for i in range(end, at)]
        if self._future.intersection(between):
            return False  # "if I start choking", "if my legs get weak I'll fall"
        clause = max((i + 1 for i in range(sent[0], start) if doc[i].text == ","), default=sent[0])
        if clause < start and doc[clause].lower_ in self._openers:
            return True  # "is it MND if my hand is wasting?"
        return "," in between or sum(w in self._subjects for w in between) >= 2

    def _mention(
        self,
        doc: Doc,
        text: str,
        match: Match,
        ctx: Context,
        person: Person,
        sent: tuple[int, int],
        ability: tuple[list[Cue], list[Cue]],
        spent: set[int],
    ) -> Mention:
        # ``text`` is ``doc.text``, passed in: spaCy rebuilds that string on every access, which
        # made reading a long message quadratic in its length.
        f = self._flags(doc, match, ctx, person, sent, ability[0], ability[1], spent)
        if match.inner_negation and not f.negated and not f.unable:
            f = replace(f, negated=True)
        after = match.end
        if after < len(doc) and doc[after].text == "/":
            # "speech/swallow: normal", "getting up from chairs/the floor: fine": the label's
            # answer is for each of its halves
            label_end = next(
                (
                    k
                    for k in range(after + 1, min(len(doc), after + _SLASH_REACH))
                    if doc[k].text in (":", "?")
                ),
                None,
            )
            after = label_end if label_end is not None else after
        if (
            after + 4 < len(doc)
            and doc[after].text == "("
            and doc[after + 4].text == ")"
            and doc[after + 1].lower_ == "y"
            and doc[after + 3].lower_ == "n"
        ):
            after += 5  # "trouble swallowing (y/n): n", the choice offered in the label
        asked = after < len(doc) and doc[after].text in _ASKED
        if not asked:
            # "numb feet? no", "weak legs: not really": a short label asked whole, the finding's
            # words and a word or two after them
            label = next(
                (
                    k
                    for k in range(after, min(len(doc), after + _LABEL_TAIL + 1))
                    if not doc[k].is_alpha
                ),
                None,
            )
            opens = match.start - sent[0] <= _LABEL_HEAD or doc[match.start - 1].is_punct
            if label is not None and doc[label].text in _ASKED and opens:
                after, asked = label, True
        if asked:
            after += 1  # "swallowing: nope", "any weakness? no"
            if after + 1 < len(doc) and doc[after].lower_ in ("a", "ans", "answer"):
                after += 2 if doc[after + 1].text == ":" else 1  # "Q trouble swallowing? A nope"
        if (
            not f.negated
            and not f.unable
            and after < len(doc)
            and (
                (
                    doc[after].lower_ in self._trailing_denials
                    and (
                        after + 1 >= len(doc)
                        or doc[after + 1].is_punct
                        or doc[after + 1].is_space
                        or doc[after].text.endswith(".")  # "numb? n. bladder? idk"
                    )
                )
                or (asked and self._said_at(doc, after, self._answered_no))
            )
        ):
            # "weakness no, numbness no"; an ability answered no is its loss ("Can pass urine:
            # no", "able to walk? no")
            f = replace(f, unable=True, able=False) if f.able else replace(f, negated=True)
        elif not f.unable and (
            (asked and self._said_at(doc, after, self._trailing_unable))
            or (
                # "peeing: can't" read as "can pee": the "can" of the phrase is the answer's
                match.end >= 3
                and doc[match.end - 2].text in (":", "?", "-", "–")
                and self._said_at(doc, match.end - 1, self._trailing_unable)
            )
        ):
            # "peeing: can't", "stairs - unable": the ability asked about is lost
            f = replace(f, unable=True, able=False, negated=False, normal=False)
        elif (
            asked
            and not f.unable
            and (
                self._said_at(doc, after, self._answered_unsure)
                # "choking: ?" (not "can't feel it when I wipe??", a question stressed)
                or (doc[after - 1].text != "?" and self._said_at(doc, after, _QUERIED))
            )
        ):
            f = replace(f, uncertain=True)  # "weakness? can't say"
        elif asked and not f.unable and match.entry.kind != "normal":
            for words in self._trailing_normal:
                end = after + len(words)
                if tuple(t.lower_ for t in doc[after:end]) == words and (
                    end >= len(doc) or doc[end].is_punct or doc[end].is_space
                ):
                    f = replace(f, normal=True)  # "swallowing? fine."
                    break
        if (
            not asked
            and not (f.unable or f.negated or f.normal)
            and match.entry.kind != "normal"
            and self.kb.findings[match.entry.finding].category == "weakness"
            and self.lexicon.ability.difficulty_key not in match.entry.keys
            and self._said_at(doc, match.end, self._done_easily)
        ):
            f = replace(f, normal=True)  # "get up off the floor easy": done well
        if not f.uncertain and any(
            doc[i].lower_ in self._inner_doubt and not _approximates(doc, i)
            for i in range(match.start, match.end)
            if i not in match.keys
        ):
            f = replace(f, uncertain=True)  # "my arm might be weaker"
        kind = match.entry.kind
        category = self.kb.findings[match.entry.finding].category
        if (
            f.able
            and kind == "symptom"
            and not match.entry.soft
            and not f.unable
            and category in _ABILITIES
        ):
            # "I can get up off the floor": the ability the phrase names is there (what one
            # takes or does to oneself is no ability: "I can still run" denies no exercise)
            f = replace(f, normal=True)
        if (
            f.normal
            and not f.negated
            and kind != "normal"
            and match.entry.finding in self._diagnoses
        ):
            # "my MS nurse said it's fine", "HIV undetectable, all good": a normal said of a
            # diagnosis is how it is going, not that it is not there
            f = replace(f, normal=False)
        state: State
        if f.unable:
            # what the person cannot do: the finding is there, whatever "fine" or "normally"
            # follows ("can't walk normally")
            f = replace(f, negated=False, normal=False)
            state = "present"
        elif kind == "normal":
            state = "present" if f.negated else "absent"
        else:
            state = "absent" if f.negated or f.normal else "present"
        if (
            state == "absent"
            and not f.unable
            and any(
                doc[i].lower_ in self._normal_until
                for i in range(match.end, min(sent[1], match.end + _UNTIL_REACH))
                if i not in match.keys
            )
        ):
            # "swallowing was fine until a few weeks ago", "no trouble with stairs till May": a
            # normal that ended is a change, not a denial
            f = replace(f, negated=False, normal=False)
            state = "present"
        if f.uncertain:
            state = "unknown"
        if kind == "relative":
            # The phrase names a relative's illness: it is evidence only when a relative is meant
            # ("motor neurone disease like a friend had" is no family history).
            counted = (
                f.family
                and not f.hypothetical
                and not self._only_not_kin(doc, f.cues)
                and not self._reported(doc, match, f.cues)
            )
        else:
            counted = not f.family and not f.hypothetical
        if (
            kind == "normal"
            and match.entry.bare
            and not (f.able or f.unable or f.normal or f.negated)
        ):
            counted = False  # "climbing the stairs is like climbing everest": no statement
        if kind == "normal" and self._intensity(doc, match, sent[0]):
            counted = False  # "the pain is more strong at night": no strength

        lo, hi = max(sent[0], match.start - SIDE_REACH), min(sent[1], match.end + SIDE_REACH)
        if state == "absent" and any(doc[i].lower_ in self._sides for i in range(lo, hi)):
            # "strength on the right fine" says one side is well, not that the person has no
            # weakness: a one-sided denial is no denial
            counted = False
        if state == "absent" and f.historical and not f.negated:
            # "my son used to walk fine": what was normal then denies nothing now ("I used to
            # get cramps but not anymore" does deny them)
            counted = False
        if f.able and not f.unable and category not in _ABILITIES:
            # "I can still run": what a person can do is no exposure or habit (what they cannot
            # do may be one: "barely sleeping")
            counted = False
        start_char = doc[match.start].idx
        end_tok = doc[match.end - 1]
        end_char = end_tok.idx + len(end_tok.text)
        return Mention(
            finding=match.entry.finding,
            state=state,
            span=(start_char, end_char),
            phrase=text[start_char:end_char],
            matched=match.entry.phrase,
            quote=self._quote(doc, text, match, f.cues, sent),
            negated=f.negated or (f.normal and kind != "normal"),
            uncertain=f.uncertain,
            historical=f.historical,
            family=f.family,
            hypothetical=f.hypothetical,
            counted=counted,
        )

    def _clause_after_list(self, doc: Doc, end: int, match: Match) -> bool:
        """Whether the words from the last comma or "and" after a negation's scope starts
        (``end``) to the end of ``match`` hold a verb of a clause (``clause_verbs``), or a
        contrast follows the match ("..., tingling in my feet though"): a statement of its own
        after a "no" list."""
        joins = [i for i in range(end, match.start) if doc[i].lower_ in (",", "and")]
        if not joins:
            return False
        if any(
            doc[i].lower_ in self._trailing_contrasts
            for i in range(match.end, match.end + 2)
            if i < len(doc)
        ):
            return True  # "not weak, tingling in my feet though"
        return any(
            doc[i].lower_ in self._clause_verbs or doc[i].norm_ in self._clause_verbs
            for i in range(joins[-1] + 1, match.end)
            if i not in match.keys or doc[i].lower_ in self._clause_verbs
        )

    def _felt_only(self, doc: Doc, mention: Mention, mentions: list[Mention]) -> Mention:
        """The mention as the kb's felt finding when it is only felt: a feel word just before it
        or in it, and after a contrast in its sentence what the person can still do ("my legs
        feel heavy and weak, but honestly I can still do everything") — unless another finding
        of that sentence entails it ("... and I keep tripping, but I can still walk")."""
        target = self._felt_as.get(mention.finding)
        if target is None or not mention.counted or mention.state != "present":
            return mention
        span = doc.char_span(*mention.span, alignment_mode="expand")
        if span is None:
            return mention
        start, end = span.start, span.end
        sent = doc[start].sent
        if any(
            m.counted
            and m.state == "present"
            and sent.start_char <= m.span[0] < sent.end_char
            and mention.finding in self.kb.broader.get(m.finding, ())
            for m in mentions
        ):
            return mention
        if not any(doc[i].lower_ in self._feel_words for i in range(max(0, start - 3), end)):
            return mention
        lowers = [t.lower_ for t in doc[end : sent.end]]
        for i, word in enumerate(lowers):
            if word not in self._contrasts:
                continue
            after = lowers[i + 1 : i + 1 + _STILL_REACH]
            if any(
                tuple(after[k : k + len(words)]) == words
                for words in self._still_able
                for k in range(len(after) - len(words) + 1)
            ):
                return replace(mention, finding=target)
        return mention

    def _resolved(self, doc: Doc, text: str, mentions: list[Mention]) -> list[Mention]:
        """A problem the writer says is over (``language.ResolvedWords``) and denies now as well
        as the episode it was, uncounted ("breathless lying down for a few days when I had
        COVID, that's gone ... no trouble lying flat"). Said over only ("couldn't swallow for a
        day last spring, fine ever since") it stays as stated: turning it into a question cost
        a stated red flag on the kept-aside messages. Not when a relapse
        word follows ("... this week it's back"), nor when another problem is named between it
        and the word that ends it ("can't swallow properly and my eye twitch went away")."""
        low = text.lower()
        if self._over.search(low) is None:
            return mentions  # most messages say nothing is over
        sents = [(s.start_char, s.end_char) for s in doc.sents]
        out: list[Mention] = []
        for m in mentions:
            if (
                not m.counted
                or m.state != "present"
                or self.kb.findings[m.finding].category not in _EPISODES
            ):
                out.append(m)
                continue
            i = max((k for k, (a, _) in enumerate(sents) if a <= m.span[0]), default=0)
            end = sents[i][1]
            if i + 1 < len(sents):
                end = min(sents[i + 1][1], sents[i + 1][0] + _OVER_REACH)
            over = self._over.search(low, m.span[1], end)
            if over is None or any(
                o is not m
                and o.counted
                and self.kb.findings[o.finding].category in _EPISODES | {"location"}
                and m.span[1] <= o.span[0] < over.start()
                for o in mentions
            ):
                out.append(m)
                continue
            if self._relapse.search(self._over.sub(" ", low[m.span[1] :])):
                out.append(m)
                continue
            denied = any(
                o.finding == m.finding and o.counted and o.state == "absent" for o in mentions
            )
            # said over but not denied now: kept as stated, the safer reading
            out.append(replace(m, historical=True, counted=False) if denied else m)
        return out

    def _whose_work(self, text: str, mention: Mention) -> Mention:
        """A one-word profession of an ``occupation`` finding said of someone in the story ("the
        nurse said ...", "Nurse: ...") is theirs, not the writer's work (``occupation.py``)."""
        if (
            mention.finding not in self._occupations
            or not mention.counted
            or " " in mention.matched.strip()
            or not self._occupation.someone_elses(text, mention.span)
        ):
            return mention
        return replace(mention, family=True, counted=False)

    def _named_diagnosis(self, doc: Doc, mention: Mention) -> Mention:
        """A diagnosis (kb ``diagnosis``) named as a fear, a question or a test, as the mention
        it is: nothing stated ("worried it's cancer", "is this kidney failure?", "they tested
        me for HIV"), absent after a negative result ("tested negative for HIV", "the HIV test
        came back clear"), present after a positive one (see ``language.DiagnosisWords``). An
        unsure mention feared or asked about is nothing stated either."""
        if (
            mention.finding not in self._diagnoses
            or not mention.counted
            or mention.state == "absent"
        ):
            return mention
        span = doc.char_span(*mention.span, alignment_mode="expand")
        if span is None:
            return mention
        sent = doc[span.start].sent
        i = span.start - 1
        while i >= sent.start and (
            doc[i].lower_ in self._dx_bridges
            or (
                doc[i].lower_ in self._dx_results
                and i > sent.start
                and doc[i - 1].lower_ in self._dx_tests
            )
        ):
            i -= 1  # "tested negative for": the result word stands between test and name
        stop = doc[i].lower_ if i >= sent.start else ""
        after = [t.lower_ for t in doc[span.end : min(sent.end, span.end + 2)]]
        # a test result is read only from a plain statement ("I think I tested negative for
        # HIV" stays unsure)
        stated = mention.state == "present"
        if stated and stop in self._dx_negatives:
            return replace(mention, state="absent", negated=True)  # "negative for HIV"
        if stated and (stop in self._dx_tests or any(w in self._dx_tests for w in after)):
            result = {t.lower_ for t in doc[max(i, sent.start) : sent.end]}
            if result & self._dx_positives:
                return mention
            if result & self._dx_negatives:
                return replace(mention, state="absent", negated=True)
            return replace(mention, hypothetical=True, counted=False)
        # the clause opens with a question word, perhaps the word the walk stopped at ("do I
        # have HIV?"; "is this kidney failure?" walks to the sentence's start)
        first = i if stop in self._dx_questions else i + 1
        opens = doc[first].lower_ in self._dx_questions and (
            first == sent.start or doc[first - 1].is_punct
        )
        if stop in self._dx_fears or opens:
            return replace(mention, hypothetical=True, counted=False)
        return mention

    def _intensity(self, doc: Doc, match: Match, sent_start: int) -> bool:
        """Whether a normal of one word of intensity ("strong") says how intense something is:
        the word just after it, or the nearest subject before it in its clause, is one of the
        language's ``intensity_subjects`` ("the pain is more strong at night", "strong
        painkillers"), not a part of the body or strength ("my legs are strong")."""
        if match.end - match.start != 1 or doc[match.start].lower_ not in self._intensity_words:
            return False
        if match.end < len(doc) and stem(doc[match.end].lower_) in self._intensity_subjects:
            return True
        for i in range(match.start - 1, sent_start - 1, -1):
            word = doc[i].lower_
            if stem(word) in self._intensity_subjects:
                return True
            if word in self._statement_subjects or word in _FIRST_PERSON or word in self._contrasts:
                return False
        return False

    def _clause_of_their_own(
        self, doc: Doc, match: Match, start: int, sent: tuple[int, int], child: bool
    ) -> bool:
        """Whether someone named after ``match`` (at token ``start``) stands in a clause of their
        own: one of ``subordinate.always`` between them ("since", "because", "unlike"), or one
        of ``subordinate.after_own`` ("which", "who") when the writer speaks of themselves
        before the match in its sentence ("I get pins and needles, which she never had"). A
        child's word ("she" of a parent's message) only in the second way: "her legs are weak
        since she had the flu" stays the child's."""
        words = self.language.subordinate
        between = [doc[i].lower_ for i in range(match.end, start)]
        own = any(doc[i].lower_ in words.own for i in range(sent[0], match.start))
        if not child and any(w in words.always for w in between):
            return True
        return own and any(w in words.after_own for w in between)

    def _compared_before(self, doc: Doc, lo: int, hi: int) -> bool:
        """Whether a comparison with a person ("like my dad", "the same as my mum", "similar to
        a friend") starts between tokens ``lo`` and ``hi`` (the person's word before ``hi``):
        that person, and the pronouns after them, are what a finding is compared with, not
        whose it is."""
        words = self.language.comparisons
        for i in range(lo, min(hi, len(doc))):
            word = doc[i].lower_
            if word not in words.words or (
                word in words.only_after
                and (i == 0 or doc[i - 1].lower_ not in words.only_after[word])
            ):
                continue
            j = i + 1
            while j < len(doc) and doc[j].lower_ in words.determiners:
                j += 1
            if j < hi and j < len(doc) and doc[j].lower_.removesuffix("'s") in self._persons:
                return True
        return False

    def _reported(self, doc: Doc, match: Match, cues: tuple[tuple[int, int], ...]) -> bool:
        """Whether a relative named before an illness only says or thinks something of it ("my
        cousin said twitching plus weakness means ALS"): one of the language's reporting verbs
        between them."""
        lo = min((a for a, _ in cues if a < match.start), default=match.start)
        return any(doc[i].lower_ in self._reporting for i in range(lo, match.end))

    def _only_not_kin(self, doc: Doc, cues: tuple[tuple[int, int], ...]) -> bool:
        """Whether the people the cues name are all friends, colleagues or neighbours, none a
        relative — a relative of such a person too ("my friend's dad had ALS")."""
        words = {t.lower_.removesuffix("'s") for a, b in cues for t in doc[a:b]}
        if words & self._not_kin:
            return not words & (self.lexicon.relatives - self._not_kin)
        return bool(cues) and all(self._owned_by_not_kin(doc, a) for a, _ in cues)

    def _owned_by_not_kin(self, doc: Doc, start: int) -> bool:
        """Whether the person named at ``start`` is someone else's who is no kin: a friend's,
        colleague's or neighbour's ("my best friend's father", "my mates mum")."""
        i = start - 1
        if i >= 0 and doc[i].lower_ in ("'s", "’s", "s'"):
            i -= 1
        if i < 0:
            return False
        word = doc[i].lower_
        for suffix in ("'s", "’s", "s'", "'"):
            word = word.removesuffix(suffix)
        # "my friends dad": the apostrophe is often left out
        return word in self._not_kin or (word.endswith("s") and word[:-1] in self._not_kin)

    def _exact(
        self,
        doc: Doc,
        text: str,
        mentions: list[Mention],
        person: Person,
        sentence_of: list[tuple[int, int]],
        ability: tuple[list[Cue], list[Cue]],
        spent: set[int],
    ) -> list[Mention]:
        """Mentions of the kb's word-for-word phrases (``exact``), each read in its context like
        any other. A phrase that must stand beside another finding counts once that finding is
        read present for the person, perhaps from another such phrase ("worse than it was"
        beside a weakness read from "can't open jars")."""
        pending = find_exact(doc, self.exact)
        out: list[Mention] = []
        while pending:
            ready = [f for f in pending if self._beside(text, doc, f, [*mentions, *out])]
            if not ready:
                break
            pending = [f for f in pending if f not in ready]
            matches = [
                Match(
                    entry=Entry(
                        phrase.finding,
                        phrase.phrase,
                        "normal" if phrase.normal else "symptom",
                        phrase.words,
                        implies=frozenset(self.kb.findings[phrase.finding].implies),
                    ),
                    start=start,
                    end=end,
                    keys=frozenset(range(start, end)),
                    core=(start, end),
                )
                for phrase, start, end in ready
            ]
            contexts = read_context(doc, matches, self.context)
            for (phrase, _, _), match, ctx in zip(ready, matches, contexts, strict=True):
                sent = sentence_of[match.start]
                m = self._mention(doc, text, match, ctx, person, sent, ability, spent)
                if not any(
                    (
                        o.counted
                        and o.finding == m.finding
                        and _overlap(o.span, m.span)
                        and not (m.state != o.state and _wider(m.span, o.span))
                    )
                    or (
                        o.finding != m.finding
                        and _wider(o.span, m.span)
                        # a twitch site's span reaches its twitch word across other words
                        and self.kb.findings[o.finding].category != "location"
                        # "struggling *more and more* on stairs": said of the words around it
                        and not (phrase.last_named and o.finding in phrase.beside)
                    )
                    for o in [*mentions, *out]
                ):
                    # said already, or inside the words of a longer phrase of another finding
                    # ("my toddler keeps falling" is the toddler's milestones)
                    out.append(m)
        return out

    def _shared_exposures(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Someone else's exposure that the writer says they stood beside ("colleague got
        sprayed with pesticide, I was stood right next to him") is the writer's too: the
        exposure only, present, quoted from the other person's words."""
        if self._bystander is None or self._bystander.search(text.lower()) is None:
            return []
        out: list[Mention] = []
        for m in mentions:
            if (
                m.family
                and not m.counted
                and m.state == "present"
                and not m.hypothetical
                and self.kb.findings[m.finding].category == "exposure"
                and not any(o.finding == m.finding for o in out)
            ):
                out.append(replace(m, family=False, counted=True))
        return out

    @staticmethod
    def _beside(
        text: str, doc: Doc, found: tuple[ExactPhrase, int, int], mentions: list[Mention]
    ) -> bool:
        """Whether the word-for-word phrase ``found`` stands where it counts: beside a finding
        it needs, stated present for the person (in the message, or with no clause break
        between the two)."""
        phrase, start, end = found
        if not phrase.beside:
            return True
        first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        if phrase.last_named:
            return bool(_last_named(doc, first, mentions) & phrase.beside)
        for m in mentions:
            if not (m.counted and m.state == "present" and m.finding in phrase.beside):
                continue
            if not phrase.in_clause:
                return True
            gap = text[m.span[1] : first] if m.span[1] <= first else text[last : m.span[0]]
            if _CLAUSE_BREAK.search(gap) is None:
                return True
        return False

    def _many_sites(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Twitching stated in enough body regions is the finding whose kb ``lay_regions`` they
        are (twitching in many places), quoted from the first region named to the last."""
        said = [m for m in mentions if m.counted and m.state == "present"]
        out = []
        for fid, finding in self.kb.findings.items():
            rule = finding.lay_regions
            if rule is None or any(m.finding == fid for m in said):
                continue
            regions = [m for m in said if m.finding in rule.of]
            named = len({m.finding for m in regions})
            if named < rule.at_least:
                continue
            start = min(m.span[0] for m in regions)
            end = max(m.span[1] for m in regions)
            out.append(
                Mention(
                    finding=fid,
                    state="present",
                    span=(start, end),
                    phrase=text[start:end],
                    matched=f"twitching in {named} body regions",
                    quote=text[start:end],
                )
            )
        return out

    def _within(self, mentions: list[Mention]) -> list[Mention]:
        """A finding said inside the words of a finding that implies it belongs to whoever the
        bigger one does: "his tongue was all wasted" is his wasting too, not the writer's."""
        out = []
        for m in mentions:
            big = next(
                (
                    b
                    for b in mentions
                    if not b.counted
                    and (b.family or b.hypothetical)
                    and b.span[0] <= m.span[0]
                    and m.span[1] <= b.span[1]
                    and m.finding in self.kb.findings[b.finding].implies
                ),
                None,
            )
            if m.counted and big is not None:
                m = replace(m, counted=False, family=big.family, hypothetical=big.hypothetical)
            out.append(m)
        return out

    def _quote(
        self,
        doc: Doc,
        text: str,
        match: Match,
        cues: tuple[tuple[int, int], ...],
        sent: tuple[int, int],
    ) -> str:
        start, end = match.start, match.end
        for cue_start, cue_end in cues:
            if sent[0] <= cue_start and cue_end <= sent[1]:
                start, end = min(start, cue_start), max(end, cue_end)
        # whole words: "can't swallow", not "n't swallow"
        while start > sent[0] and not doc[start - 1].whitespace_ and doc[start - 1].is_alpha:
            start -= 1
        last = doc[end - 1]
        return text[doc[start].idx : last.idx + len(last.text)]

    def _taken_back(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A denial the writer takes back at once ("stairs are no problem - *well*, going up I
        pull on the bannister"; "breathing normal. *hmm, except* ...") is withdrawn: uncounted,
        so what follows is read as it stands."""
        if self._correction is None:
            return mentions
        low = text.lower()
        return [
            replace(m, counted=False)
            if m.counted
            and m.state == "absent"
            and self._correction.match(low, m.span[1], m.span[1] + _CORRECTION_REACH) is not None
            else m
            for m in mentions
        ]

    def _doubted_after(self, doc: Doc, text: str, mentions: list[Mention]) -> list[Mention]:
        """Statements followed by doubt, in their sentence or at the start of the next one, are
        unsure ("stairs feel harder lately? not sure if I'm just unfit") — unless a finding
        follows the doubt closely: then the doubt is about that one ("numb down there, can't
        tell if I'm weeing"; ConText reads it forward)."""
        low = text.lower()
        doubts = [m.start() for m in self._trailing_doubt.finditer(low)]
        if not doubts:
            return mentions
        sents = [(s.start_char, s.end_char) for s in doc.sents]

        def sentence(char: int) -> int:
            return max((i for i, (a, _) in enumerate(sents) if a <= char), default=0)

        reach: list[tuple[int, int]] = []  # (from char, to char) a doubt makes unsure
        for at in doubts:
            i = sentence(at)
            if any(
                at < m.span[0] <= at + _DOUBT_OBJECT
                and sentence(m.span[0]) == i
                and not _ALTERNATIVE.search(low[at : m.span[0]])
                for m in mentions
            ):
                continue  # the doubt has its own object ("can't tell if I'm weeing")
            doubt = self._trailing_doubt.match(low, at)
            own = _OWN_CLAUSE.match(low, doubt.end()) if doubt is not None else None
            if own is not None and own.group(1).strip() and not _POINTS_BACK.search(own.group(1)):
                continue  # "cry is quiet. not sure if she's behind for her age"
            start = sents[i][0]
            opening = [
                w for w in re.findall(r"[\w']+", low[start:at]) if w not in self._doubt_openers
            ]
            if not opening and i > 0:
                start = sents[i - 1][0]  # the doubt opens its sentence: it doubts the one before
            cut = max(
                (t.idx for t in doc if start <= t.idx < at and t.lower_ in self._doubt_cuts),
                default=-1,
            )
            reach.append((max(start, cut), at))
        out = []
        for m in mentions:
            if m.state == "present" and any(a <= m.span[0] and m.span[1] <= b for a, b in reach):
                m = replace(m, state="unknown", uncertain=True)
            out.append(m)
        return out

    def _general_questions(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A question about people in general or a disease ("does a weak cry come first, or the
        floppiness?", "can MND make you drop things?") states nothing of the person."""
        low = text.lower().replace("’", "'")
        asked = [
            (a, b)
            for a, b in _sentence_spans(low)
            if low[a:b].rstrip().endswith("?") and _GENERAL_QUESTION.match(low, a)
        ]
        if not asked:
            return mentions
        return [
            replace(m, counted=False, hypothetical=True)
            if m.counted and any(a <= m.span[0] and m.span[1] <= b for a, b in asked)
            else m
            for m in mentions
        ]

    def _asked_by_another(
        self, text: str, mentions: list[Mention], person: Person
    ) -> list[Mention]:
        """A transcript's question from someone else ("Nurse: any trouble swallowing?") states
        nothing by itself; the next line's answer does: "no" denies what was asked, "yes"
        keeps it ("Me: no" → no trouble swallowing; "Is his cry normal?" "yes" → normal)."""
        labelled = list(_SPOKEN_LINE.finditer(text))
        # a conversation has the writer's own lines ("Me: ..."); its other labels are speakers
        # ("Nick: ..."); in a form, labels name what is asked ("Numbness: no") and only a
        # speaker's word ("Nurse: ...") makes a line spoken
        talk = any(line.group("who").lower() in self._speakers_self for line in labelled)
        lines = [
            line
            for line in labelled
            if line.group("who").lower() in self._speakers
            or (talk and line.group("who")[:1].isupper() and " " not in line.group("who"))
        ]
        if len(lines) < 2:
            return mentions
        asked: list[tuple[int, int, str | None]] = []
        answers: list[tuple[int, int]] = []
        # the person's own lines: the writer's ("Me: no"), or, when the writer pastes a
        # relative's messages, that relative's ("Dad: no breathing fine")
        own = person.subject_words if person.about_other else self._speakers_self
        # the label of another speaker's line says nothing of the person ("Nurse: ...")
        labels = [
            (line.start("who"), line.end("who"))
            for line in lines
            if line.group("who").lower() not in self._speakers_self
        ]
        for line, nxt in pairwise(lines):
            said = line.group("said").rstrip()
            if not said.endswith("?") or line.group("who").lower() in own:
                continue
            if _PRESUMING.match(said.lower()):
                continue  # "When did the weakness start?" takes the weakness as said
            words = re.findall(r"[\w']+", nxt.group("said").lower())
            answer = None
            if words and words[0] in self._yes:
                answer = "yes"
            elif words and (
                words[0] in self._trailing_denials
                or any("".join(words[:n]) in self._answered_no for n in range(2, _ANSWER_WORDS))
            ):
                answer = "no"
            elif words and ("?" in nxt.group("said") or words[0] in _ASKING_BACK):
                answer = None  # "what do you mean?": no answer
            elif any(
                "".join(words[k : k + n]) in self._answered_unsure
                for n in (1, 2, 3)
                for k in range(len(words))
            ):
                answer = "unsure"  # "not sure, maybe a bit"
            elif words:
                # "the left one drags, my son noticed it": an answer that describes it
                answer = "described"
            asked.append((line.start("said"), line.end("said"), answer))
            answers.append((nxt.start("said"), nxt.end("said")))
        out = []
        for m in mentions:
            if any(a <= m.span[0] < b for a, b in labels):
                out.append(replace(m, counted=False))
                continue
            at = next((k for k, (a, b, _) in enumerate(asked) if a <= m.span[0] < b), None)
            if at is None or not m.counted or m.state == "unknown":
                out.append(m)
                continue
            where = asked[at]
            if where[2] == "unsure":
                out.append(replace(m, state="unknown", uncertain=True))
                continue
            if where[2] == "described":
                lo, hi = answers[at]
                if any(o.finding == m.finding and lo <= o.span[0] < hi for o in mentions):
                    out.append(replace(m, counted=False))  # the answer says it in its own words
                else:
                    out.append(m)  # "the left one drags": the answer describes what was asked
                continue
            # "swallowing ok?" asks whether it is normal; "any trouble swallowing?" whether not
            after = re.findall(r"[\w']+", text[m.span[1] : where[1]].lower())
            normal_asked = m.state == "absent" or any((w,) in self._trailing_normal for w in after)
            if where[2] is None:
                out.append(replace(m, counted=False, hypothetical=True))
                continue
            said_yes = where[2] == "yes"
            state: State = "absent" if said_yes == normal_asked else "present"
            out.append(replace(m, state=state, negated=state == "absent"))
        return out

    def _new_subject(self, doc: Doc, lo: int, hi: int, listed: bool) -> bool:
        """A comma between tokens ``lo`` and ``hi`` opens a clause with a subject of its own (one
        of ``statement_subjects``, perhaps after "my" / "the"); for a list's normal ("all
        grand", ``listed``), only a test (``test_words``) is such a subject."""
        subjects = self._test_words if listed else self._statement_subjects
        for i in range(lo, hi):
            if doc[i].text != ",":
                continue
            j = i + 1
            while j < hi and doc[j].lower_ in ("my", "the", "his", "her", "their", "our", "and"):
                j += 1
            if j < hi and doc[j].lower_ in subjects:
                return True
        return False

    def _writers_own(self, text: str, mentions: list[Mention], person: Person) -> list[Mention]:
        """When the writer speaks for someone else, what they say of their *own* body is not that
        person's ("my son twitches after football ... my own hands are numb tho")."""
        if not person.about_other:
            return mentions
        low = text.lower().replace("’", "'")
        own_sents = [
            (a, b)
            for a, b in _sentence_spans(low)
            if self._i_have.search(low, a, b) and not self._someone.search(low, a, b)
        ]
        out = []
        for m in mentions:
            before = low[max(0, m.span[0] - _OWN_REACH) : m.span[0]]
            clause = re.split(r"[.;!?,]|\b(?:but|and)\b", before)[-1]
            own = _OWN.search(clause) or any(a <= m.span[0] < b for a, b in own_sents)
            if m.counted and own and self.kb.findings[m.finding].category != "infant":
                m = replace(m, counted=False, family=True)
            out.append(m)
        return out

    def _applicable(self, mention: Mention, person: Person) -> Mention:
        """Not counted when the finding cannot apply to the person (kb ``applies_to``): an infant
        finding in a message the writer wrote about themselves, a male-only finding for a woman."""
        finding = self.kb.findings[mention.finding]
        rule = finding.applies_to
        fits = True
        if finding.category == "infant" and not person.about_other:
            fits = False
        if rule is not None:
            if rule.sex is not None and person.sex is not None and rule.sex != person.sex:
                fits = False
            if person.age is not None:
                if rule.max_age is not None and person.age >= rule.max_age:
                    fits = False
                if rule.min_age is not None and person.age < rule.min_age:
                    fits = False
        return mention if fits or not mention.counted else replace(mention, counted=False)

    # --- recent onset ------------------------------------------------------------------------

    def _recent_findings(self) -> dict[str, tuple[float, frozenset[str]]]:
        """Each finding with ``recent_within_days``: its limit and the findings that count for it
        (those it implies, and every finding that implies one of them)."""
        return self._counting(lambda f: f.recent_within_days)

    def _counting(
        self, limit_of: Callable[[Finding], float | None]
    ) -> dict[str, tuple[float, frozenset[str]]]:
        """Each finding with a time limit (``limit_of``): the limit and the findings that count
        for it (those it implies, and every finding that implies one of them)."""
        findings = self.kb.findings
        out: dict[str, tuple[float, frozenset[str]]] = {}
        for fid, f in findings.items():
            limit = limit_of(f)
            if limit is None:
                continue
            base = set(f.implies)
            grew = True
            while grew:
                more = {o for o, g in findings.items() if o != fid and base & set(g.implies)}
                grew = not more <= base
                base |= more
            out[fid] = (limit, frozenset(base))
        return out

    def _gradual(self, doc: Doc, mentions: list[Mention], spans: list[TimeSpan]) -> list[Mention]:
        """Findings of gradual onset read from a time a change came on over ("has gone very weak
        over the last few months"): a present mention about the person, of a finding that counts
        for one with ``gradual_over_days``, dated (:meth:`_dates`) by a time longer than that
        opened by a word of a span ("over", "in the last"), with a word of change between or
        before them in the sentence ("gone", "slowly", "weaker"). Quoted from one to the other."""
        text = doc.text
        low = text.lower()

        def fits(t: TimeSpan, limit: float, sent_start: int, m: Mention) -> bool:
            return (
                t.days > limit
                and self._span_opener.search(low, sent_start, t.start) is not None
                and self._dates(text, t, m, mentions)
                and self._change_word.search(low, sent_start, max(m.span[1], t.end)) is not None
            )

        return self._dated(doc, mentions, spans, self.gradual_rules, fits, "over")

    def _recent(self, doc: Doc, mentions: list[Mention], spans: list[TimeSpan]) -> list[Mention]:
        """Findings of recent onset read from a time word ("since yesterday he won't walk"): a
        present mention about the person, in the same sentence as a time at most
        ``recent_within_days`` ago, of a finding that counts for it (see
        :meth:`_recent_findings`). Quoted from the mention to the time word."""

        def fits(t: TimeSpan, limit: float, sent_start: int, m: Mention) -> bool:
            return t.days <= limit and self._dates(doc.text, t, m, mentions)

        return self._dated(doc, mentions, spans, self.recent_rules, fits, "within")

    def _dated(
        self,
        doc: Doc,
        mentions: list[Mention],
        spans: list[TimeSpan],
        rules: dict[str, tuple[float, frozenset[str]]],
        fits: Callable[[TimeSpan, float, int, Mention], bool],
        relation: str,
    ) -> list[Mention]:
        """Each finding of ``rules`` (finding → its time limit and the findings that count for
        it) not yet said, read from a present, current mention about the person of a finding
        that counts for it and a time in the same sentence that ``fits`` it (time, limit,
        sentence start, mention). Quoted from the mention to the time word."""
        if not spans or not rules:
            return []
        sents = [(s.start_char, s.end_char) for s in doc.sents]
        out: list[Mention] = []
        for fid, (limit, counts) in rules.items():
            if any(m.finding == fid and m.counted for m in mentions):
                continue
            for m in mentions:
                if not (
                    m.finding in counts
                    and m.counted
                    and m.state == "present"
                    and not m.historical
                    and not m.hypothetical
                ):
                    continue
                sent = next((a, b) for a, b in sents if a <= m.span[0] < b)
                span = next(
                    (
                        t
                        for t in spans
                        if sent[0] <= t.start < sent[1] and fits(t, limit, sent[0], m)
                    ),
                    None,
                )
                if span is None:
                    continue
                start, end = min(m.span[0], span.start), max(m.span[1], span.end)
                words = doc.text[start:end]
                out.append(
                    Mention(
                        finding=fid,
                        state="present",
                        span=(start, end),
                        phrase=words,
                        matched=f"{m.matched} {relation} {span.days:g} days",
                        quote=words,
                    )
                )
                break
        return out

    @staticmethod
    def _dates(text: str, span: TimeSpan, mention: Mention, mentions: list[Mention]) -> bool:
        """Whether the time ``span`` dates ``mention``: both stand in one clause ("legs weak for
        three days"), or the time stands before it in a clause of its own that names nothing else
        ("Since Monday, my legs ..."), not in a clause about another finding ("scared my legs will
        go weak, calf twitching for 3 days") nor in a later one ("weak by the evening, but I can
        walk the dog for an hour")."""

        def clause(char: int) -> tuple[int, int]:
            start = max((b.end() for b in _TIME_CLAUSE.finditer(text, 0, char)), default=0)
            nxt = _TIME_CLAUSE.search(text, char)
            return start, nxt.start() if nxt is not None else len(text)

        own = clause(span.start)
        if own == clause(mention.span[0]):
            return True
        if span.start > mention.span[1] and _ANOTHER_DOING.search(
            text, mention.span[1], span.start
        ):
            # "weak at the end of the day, but I can walk the dog for an hour": a later clause
            # of the person doing something else ("..., it's been coming on over a few days"
            # still dates it)
            return False
        return not any(
            own[0] <= m.span[0] < own[1] and m.counted and m is not mention for m in mentions
        )

    # --- duration ----------------------------------------------------------------------------

    def _duration_ids(self) -> frozenset[str]:
        return frozenset(fid for fid, _, _ in self.lexicon.durations)

    def _duration_finding(self, days: float) -> str | None:
        for fid, low, high in self.lexicon.durations:
            if days >= low and (high is None or days < high):
                return fid
        return None

    def _duration(
        self,
        doc: Doc,
        text: str,
        mentions: list[Mention],
        spans: list[TimeSpan],
        keys: list[str | None],
    ) -> Mention | None:
        """The duration of the twitching, from the time expressions found.

        Preference: a time in a sentence that speaks of twitching (the longest there); then one in
        the sentence just before a sentence about twitching that links back to it ("I sprayed the
        orchard yesterday. Now muscles all over are twitching"); then one in a sentence about
        another current symptom or an exposure. A time that dates a past illness in the same
        sentence ("had breast cancer five years ago", "on omeprazole for years"), or a symptom of
        someone else ("my dad has had back pain for years"), is never the twitching's duration,
        and a message that does not speak of twitching has none.
        """
        if not spans or not self.lexicon.durations:
            return None
        sents = list(doc.sents)
        starts = [s.start_char for s in sents]

        def sentence(char: int) -> int:
            return max(i for i, st in enumerate(starts) if st <= char) if char >= starts[0] else 0

        twitch_chars = [t.idx for t, k in zip(doc, keys, strict=True) if k in self.lexicon.twitch]
        if not twitch_chars and not any(
            self.kb.findings[m.finding].category == "location" for m in mentions if m.counted
        ):
            return None  # the duration findings are how long the *twitching* has lasted
        twitch_sents = {sentence(c) for c in twitch_chars}
        symptom_sents: set[int] = set()
        history_sents: set[int] = set()
        history: list[tuple[int, int]] = []  # (sentence, end char) of mentions of the past
        for mention in mentions:
            if mention.family and not mention.counted:
                # "my dad has had back pain for years, my calf twitches": the time is his
                history.append((sentence(mention.span[0]), mention.span[1]))
            if not mention.counted or mention.finding in self._duration_ids():
                continue
            i = sentence(mention.span[0])
            if mention.historical or mention.finding in self.background:
                history.append((i, mention.span[1]))
            if mention.finding in self.background:
                history_sents.add(i)
            elif mention.state == "present" and not mention.historical:
                symptom_sents.add(i)
        words = self.language.time
        # sentences that tell of a complaint (not a trigger, an exposure or a medicine)
        complaint_sents = {
            sentence(m.span[0])
            for m in mentions
            if m.counted
            and m.state == "present"
            and self.kb.findings[m.finding].category in _COMPLAINTS
        }

        def says(i: int, cues: list[str], end: int | None = None) -> bool:
            low = text[sents[i].start_char : sents[i].end_char if end is None else end].lower()
            return any(re.search(rf"\b{re.escape(cue)}\b", low) for cue in cues)

        # "Fell off a ladder 2 days ago. Now my arms twitch": an event of the last days, then
        # "now", dates the twitching (it is at most that old); an old one ("cancer five years
        # ago. Now...") does not. Recent: within the shortest duration finding's `lasting`.
        recent = min((hi for _, _, hi in self.lexicon.durations if hi is not None), default=0.0)
        inside = [m.span for m in mentions if m.counted and m.finding in self.background]
        ranked: list[tuple[float, float, TimeSpan]] = []
        for span in spans:
            if any(a <= span.start and span.end <= b for a, b in inside):
                continue  # "smoked for years": the time belongs to that finding's own phrase
            i = sentence(span.start)
            linked = i + 1 in twitch_sents and (
                says(i + 1, words.linked)
                or (
                    (i not in history_sents or span.days <= recent)
                    and says(i + 1, words.weakly_linked)
                )
            )
            dates_history = any(
                hi == i
                and h_end <= span.start
                and not any(h_end <= c < span.start for c in twitch_chars)
                for hi, h_end in history
            )
            after = text[span.end : sents[i].end_char].lower()
            then_now = span.days <= recent and any(
                re.search(rf"\b{re.escape(cue)}\b", after)
                for cue in (*words.linked, *words.weakly_linked)
            )  # "fell off a ladder yesterday, now my arms tingle and twitch"
            if (
                dates_history
                and not linked
                and not then_now
                and not says(i, words.since, span.start)
            ):
                continue
            opening = self._front_cues.sub("", text[sents[i].start_char : span.start])
            rest = text[span.end : sents[i].end_char].lower()
            fronted = not re.search(r"\w", opening) and not any(
                re.search(rf"\b{re.escape(w)}\b", rest) for w in words.fresh_start
            )
            if (
                i in twitch_sents
                and not fronted
                and self._time_of_another_symptom(text, span, twitch_chars, mentions)
            ):
                # "can't swallow since friday, and a twitch in my chin": friday's; but a time
                # that opens the sentence ("Over the past year my arms got weaker and the
                # muscles twitch") is the time of all it says
                continue
            line = text.rfind("\n", 0, span.start) + 1
            if self._labelled_duration.match(text[line : span.start]):
                ranked.append((4, span.days, span))  # "How long: about 5 weeks", in a form
            elif i in twitch_sents:
                ranked.append((3, span.days, span))  # the longest time said of the twitching
            elif says(i, words.complaint_refs, span.end) and self._last_complaint_twitch(
                i, twitch_sents, complaint_sents
            ):
                ranked.append((2, span.days, span))  # "its been going on about 3 weeks"
            elif linked:
                ranked.append((2, span.start, span))  # the time nearest "since then"
            elif i in symptom_sents:
                ranked.append((1, span.days, span))
        if not ranked:
            return None
        best = max(ranked, key=lambda r: (r[0], r[1]))[2]
        days = best.days
        fid = self._duration_finding(days)
        if fid is None:
            return None
        phrase = text[best.start : best.end]
        return Mention(
            finding=fid,
            state="present",
            span=(best.start, best.end),
            phrase=phrase,
            matched=f"{days:g} days",
            quote=phrase,
        )

    @staticmethod
    def _last_complaint_twitch(i: int, twitch_sents: set[int], complaint_sents: set[int]) -> bool:
        """The last complaint told before sentence ``i`` (or in it) is the twitching: "it" in
        "it's been going on for 3 weeks" is that complaint ("My back hurts. It's been like this
        for a year" dates the back pain)."""
        told = [j for j in twitch_sents | complaint_sents if j <= i]
        return bool(told) and max(told) in twitch_sents

    def _time_of_another_symptom(
        self, text: str, span: TimeSpan, twitch_chars: list[int], mentions: list[Mention]
    ) -> bool:
        """The time stands in a clause of its own with another present symptom and no twitching
        ("short of breath since the weekend, shoulders twitching"): it dates that symptom."""
        low = text.lower()
        start = max((m.end() for m in _CLAUSE_BREAK.finditer(low, 0, span.start)), default=0)
        nxt = _CLAUSE_BREAK.search(low, span.end)
        end = nxt.start() if nxt is not None else len(text)
        if any(start <= c < end for c in twitch_chars):
            return False
        kinds = self.kb.findings
        return any(
            m.counted
            and m.state == "present"
            and start <= m.span[0] < end
            and kinds[m.finding].category not in ("location", "duration", "character")
            and m.finding not in self.background
            for m in mentions
        ) and not any(
            m.counted and start <= m.span[0] < end and kinds[m.finding].category == "location"
            for m in mentions
        )

    # --- evidence ----------------------------------------------------------------------------

    def _evidence(self, mentions: list[Mention]) -> tuple[Evidence, ...]:
        states: dict[str, State] = {}
        for m in mentions:
            if not m.counted:
                continue
            old = states.get(m.finding)
            if old is None or _STATE_RANK[m.state] > _STATE_RANK[old]:
                states[m.finding] = m.state
        groups: dict[str, list[str]] = {}
        for fid, state in states.items():
            group = self.kb.findings[fid].exclusive_group
            if state == "present" and group is not None:
                groups.setdefault(group, []).append(fid)
        for members in groups.values():
            if len(members) < 2:
                continue
            keep = max(members, key=self._group_order)
            for fid in members:
                if fid != keep:
                    del states[fid]
        # a worsening over days is not also one over months (kb ``text_replaces``)
        for fid in [f for f, state in states.items() if state == "present"]:
            for other in self.kb.findings[fid].text_replaces:
                if states.get(other) == "present":
                    del states[other]
        # A finding said present carries what it implies ("wrist drop" is weakness): a "no" read
        # elsewhere for one of those is a misreading, never a denial of what the person stated,
        # and a doubt of it is already answered ("hard to get up from a chair, not sure if I've
        # lost strength").
        implied: set[str] = set()
        todo = [fid for fid, state in states.items() if state == "present"]
        while todo:
            for broader in self.kb.findings[todo.pop()].implies:
                if broader not in implied:
                    implied.add(broader)
                    todo.append(broader)
        for fid in implied:
            if states.get(fid) in ("absent", "unknown"):
                del states[fid]
        # A finding the person is unsure of leaves a denial of what it implies in doubt ("hard
        # to get up from a chair, not sure ... no lost strength"): the engine would otherwise
        # deny the unsure one through the hierarchy, and an unsure red flag is to be asked
        for fid in [f for f, state in states.items() if state == "unknown"]:
            todo, seen = [fid], set()
            while todo:
                for broader in self.kb.findings[todo.pop()].implies:
                    if broader not in seen:
                        seen.add(broader)
                        todo.append(broader)
                        if states.get(broader) == "absent":
                            states[broader] = "unknown"
        return tuple(Evidence(fid, states[fid], "text") for fid in sorted(states))

    def _group_order(self, fid: str) -> float:
        lasting = self.kb.findings[fid].lasting
        return lasting.min_days if lasting is not None else 0.0


_LOCK = Lock()
_PARSERS: dict[str, Parser] = {}


def _phrases_re(phrases: list[str]) -> re.Pattern[str]:
    """Any of ``phrases`` (lower case) as whole words."""
    alternatives = "|".join(re.escape(p.lower()) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def parser_for(kb: KnowledgeBase) -> Parser:
    """The parser for ``kb``, built on first use and then reused (keyed by the kb version)."""
    with _LOCK:
        parser = _PARSERS.get(kb.version)
        if parser is None:
            parser = Parser(kb)
            _PARSERS[kb.version] = parser
        return parser
