"""Who a message is about, and the age and sex it gives.

Often the writer speaks for someone else: a parent for a child ("my 7 month old daughter...",
"our son is 4"), or an adult for a relative ("writing for my mum, 80"). Then that person is the one
assessed: the age comes from the text ("7 month old" → 7/12 year; "my toddler" → the age
``rules.yaml`` assumes for the word) and the sex from the words for them ("daughter", "mum", "his").
Otherwise the writer is the person: "I'm 62", "29F", "58 male", "33 year old woman", "I'm 35 weeks
pregnant" (female; no age).

A child counts as the person when the message introduces the writer's child and then speaks of
them at least as much as of the writer; an adult relative only when the writer says so ("writing
for my dad") or speaks of them more than of themselves ("My dad is 72. His legs twitch...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from .language import PeopleWords, TimeWords
from .patterns import alternation

Sex = Literal["female", "male"]

MAX_AGE = 120.0
# a writer's own age is at least this: "now at 3" in a message is a child's age
MIN_WRITER_AGE = 10.0
# the groups of ``PeopleReader.charge`` that hold the age of the person in the writer's care
_CHARGE_AGES = ("a", "b", "c", "d", "e", "f", "g")
# years per unit, by the unit's first letter (day, week, month, year)
_YEAR_UNITS = {"d": 1 / 365.25, "w": 7 / 365.25, "m": 1 / 12, "y": 1.0}
_AGE_UNIT = r"(?P<u>years?|yrs?|months?|mos?|mths?|weeks?|wks?|days?)"
# a child's age with a half ("my 2 and a half year old")
_AND_A_HALF = re.compile(
    r"\b(?:my|our)\s+(?P<n>\d{1,2})\s+and\s+a\s+half[\s-]+(?P<u>years?|yrs?|months?)[\s-]*old\b"
)
# the writer says the message is about themselves ("this is about me", "asking for myself")
_ABOUT_ME = re.compile(
    r"\b(?:this is|this one is|this post is|my question is|i'm asking|im asking|asking)\s+"
    r"(?:about|for)\s+(?:me|myself)\b"
)
# an opening sentence of fewer words than this ("Hi all.", "Leh me explain.") names nobody: the
# relative that opens the message may stand in the next one
_SHORT_OPENING = 5
# ...and an opening asking for help may be this long ("Please I need some advice very quickly.")
_PLEA_OPENING = 8
_HEDGE = r"(?:almost|nearly|about|around|just|only|now|over|under|turning|aged)?\s*"


@dataclass(frozen=True, slots=True)
class Person:
    """What the text says about the person assessed.

    Attributes:
        about_other: the writer speaks for someone else (a child, a relative), who is assessed.
        age: years (fractional for babies) or ``None``.
        sex: ``"female"``, ``"male"`` or ``None``.
        subject_words: when ``about_other``, the lower-case words that name that person ("son",
            "mum", "he", "her"...): context rules must not read them as "someone else".
        first_person: the writer says "I", "my"...; a note with none ("45 year old man with
            twitching in his thigh") is written about the patient, so "his" is the patient's.
    """

    about_other: bool
    age: float | None
    sex: Sex | None
    subject_words: frozenset[str] = field(default_factory=frozenset)
    first_person: bool = True


class PeopleReader:
    """Reads :class:`Person` from a message (patterns compiled once from ``rules.yaml``).

    ``relatives`` are the words for relatives of the FAMILY context rules ("mum", "brother");
    ``reporting`` the verbs by which someone reports what they see of the writer, perhaps
    followed by ``report_fillers`` ("my son says *my* speech is slurred", "my son keeps telling
    *me* I slur": the son only reports).
    """

    def __init__(
        self,
        words: PeopleWords,
        time: TimeWords,
        relatives: frozenset[str],
        twitch_words: frozenset[str] = frozenset(),
        reporting: frozenset[str] = frozenset(),
        report_fillers: frozenset[str] = frozenset(),
    ) -> None:
        self.words = words
        self.numbers = {k: v for k, v in time.numbers.items() if " " not in k and v >= 1}
        # "eighty-nine", "eighty six", "seventy": a tens word, with a unit word after it, as
        # digits ("I'm eighty-nine", "dad is eighty six"), so that ages read as numbers do
        tens = {k: v for k, v in self.numbers.items() if v >= 20 and v % 10 == 0 and v < 100}
        self._units = {k: v for k, v in self.numbers.items() if 1 <= v <= 9 and k.isalpha()}
        self._tens = tens
        units = alternation(set(self._units) - {"a", "an"})
        self._tens_words = re.compile(
            rf"\b(?P<t>{alternation(set(tens))})(?:[\s-]+(?P<u>{units}))?\b"
        )
        self.relatives = frozenset(r for r in relatives if "'" not in r)
        num = rf"(?P<n>\d{{1,3}}(?:\.\d+)?|{alternation(set(self.numbers))})"
        child = rf"(?P<w>{alternation(set(words.child_words))})"
        self._child_words = alternation(set(words.child_words))
        self._sexed = frozenset(words.female_words) | frozenset(words.male_words)
        anyone = rf"(?P<w>{alternation(set(words.child_words) | self.relatives)})"
        owner = (
            r"\b(?:my|our)\s+(?:little\s+|youngest\s+|eldest\s+|oldest\s+|baby\s+|elderly\s+"
            r"|elder\s+|older\s+|younger\s+|big\s+|twin\s+|step\s*-?\s*)?"
        )
        # "my 7 month old", "my 18mo", "my 2yo": a child named by their age
        self.child_ref = re.compile(
            rf"{owner}(?:(?:[\w.-]+[\s-]+){{0,4}}?{child}\b|{num}[\s-]*{_AGE_UNIT}[\s-]*old\b"
            rf"|\d{{1,2}}\s+and\s+a\s+half[\s-]+(?:years?|yrs?|months?)[\s-]*old\b"
            rf"|\d{{1,2}}\s?(?:mo|mos|m/o|yo|y/o|yr|yrs)\b)"
        )
        self.relative_ref = re.compile(rf"{owner}{anyone}\b")
        # "my cousin's boy", "my sisters little girl": a child of someone else's
        owners = set(words.child_words) | set(relatives) | {w.lower() for w in words.not_kin}
        self._someones_child = re.compile(rf"\b(?:{alternation(owners)})(?:'s|s)\s")
        relative = rf"(?P<w>{alternation(self.relatives)})"
        # "Mum is 81, ...", "mum's 92, in a home", "Dad (83) has gone weak": a message that opens
        # with a relative and their age is about that relative
        self.opening_relative = [
            re.compile(
                rf"^\W*(?:(?:sir|madam|doctor|doc|hi|hello|hiya|hey|greetings|morning|good\s+"
                rf"(?:morning|afternoon|evening|day)|respected\s+(?:doctor|sir|madam)|dear\s+\w+)"
                rf"[\s,.!]+)?(?:(?:my|our|me)\s+)?"
                rf"{relative}(?:\s+[a-z]+)??(?:'s|\s+is|\s+aged?|\s*\(|\s*,)\s*"
                rf"{_HEDGE}{num}\b(?!\s*(?:weeks?|months?|days?|%|kg|times|hours?|mins?))"
            ),
            # "4yo nephew, he's...", "80 year old dad"
            re.compile(
                rf"^\W*(?:(?:my|our|me)\s+)?{num}[\s-]*(?:yo|y/o|yrs?[\s-]*old|years?[\s-]*old)"
                rf"[\s-]+{relative}\b"
            ),
        ]
        # "I'm her carer", "I look after my dad": the writer cares for the person described
        self.carer = re.compile(
            r"\b(?:i'?m|i am)\s+(?:his|her|their|my\s+\w+'s)\s+(?:main\s+|full[\s-]time\s+)?"
            r"(?:carer|caregiver|care[\s-]giver)\b"
            # "I'm a childminder and one of my little ones...", "I'm a foster carer. The 8 year old
            # boy placed with us...": the child cared for
            r"|\bi'?m\s+a\s+(?:childminder|child\s+minder|nanny|babysitter|nursery\s+\w+|"
            r"foster\s+(?:carer|parent|mum|mom|dad|mother|father))\b"
            # "carer: resident, 88, ...": a care worker writing about a resident
            r"|^\W*(?:carer|care worker|care assistant|nurse|staff)\s*[:,-]\s*"
            r"(?:resident|client|patient|service user)\b"
            # ...or "Caring for my wife, 83, who has dementia" opening a message
            rf"|(?:\bi\s+(?:care for|look after|am caring for)|^\W*(?:caring for|looking after))"
            rf"\s+(?:my|our)\s+{relative}\b"
        )
        # a professional writing about someone in their care: "my client is 41", "Resident, 82",
        # "Pt 60M", "Mr D (79)", "one of my lads (16)", "a girl in my squad", "handover for"
        self.charge = re.compile(
            r"\b(?:my|our)\s+(?P<n>client|patient|resident|employer|pupil|student|service user)\b"
            r"(?:\s*(?:,|is|aged|who is)\s*(?:aged\s+)?(?P<e>\d{1,3})(?!\d))?"
            r"|\bone of (?:my|our)\s+(?:boys|girls|lads|lasses|pupils|players|students|residents|"
            r"patients|clients|kids|swimmers|athletes|props|bowlers)\b"
            r"(?:\s*\((?P<f>\d{1,2})\))?"
            r"|\b(?:pt|patient|resident|gentleman|lady|client)\b\.?\s*,?\s*"
            r"(?:(?:mr|mrs|ms|miss)\.?\s+)?(?:[a-z]+\s*,?\s*)?\(?(?P<a>\d{1,3})(?!\d)"
            r"|\b(?:mr|mrs|ms|miss)\.?\s+[a-z]+\s*(?:\((?P<b>\d{1,3})\)|,\s*(?P<c>\d{1,3})\b)"
            r"|\b(?:mr|mrs|ms|miss)\.?\s+[a-z]\b(?!')"
            r"|\b(?:boy|girl|lad|lass)\s*\((?P<d>\d{1,2})\)"
            r"|\ba\s+(?:\d{1,2}[\s-]*(?:yr|year)s?[\s-]*old\s+)?(?:girl|boy|lad|lass|player|pupil|"
            r"swimmer)\s+(?:in|on|from)\s+(?:my|our)\s+(?:squad|class|team|group|school)\b"
            r"|\b(?:handover|shift notes?|nursing notes?)\b"
            # "I'm a DSP for a 34 y/o guy", "I am attendant for a retired gentleman"
            r"|\b(?:dsp|support worker|care worker|carer|caregiver|care[\s-]giver|attendant|"
            r"personal assistant|key worker|aide|home help)\s+(?:for|to)\s+(?:a|an|this)\b"
            r"(?:\s+(?P<g>\d{1,3})[\s-]*(?:y/o|yo|yrs?[\s-]*old|years?[\s-]*old)\b)?"
        )
        # "my son says my speech...", "my daughter, who is a nurse, noticed I...": after the child
        # named, a reporting verb and the writer's own word; the child is no subject
        self.reports_writer: re.Pattern[str] | None = None
        if reporting:
            self.reports_writer = re.compile(
                r"(?:\s*,[^,.!?]{0,40},)?\s+(?:keeps\s+|kept\s+|has\s+|had\s+|always\s+)?"
                rf"(?:{alternation(reporting)})\s+(?:(?:{alternation(report_fillers)})\s+)*"
                r"(?:i|my|me|i'm|im|i've|ive)\b"
            )
        self.speaking_for = re.compile(
            r"\b(?:writing|asking|posting|messaging|here|enquiring|worried|typing|this is|"
            r"answering|calling|ringing|phoning)\s+"
            rf"(?:for|on behalf of|about)\s+(?:(?:my|our|me)\s+(?:[\w-]+\s+){{0,3}}?)?{anyone}\b"
        )
        # "Pasting my chat with my brother about Mum", "my dad's messages, he's 66": a pasted
        # conversation about, or by, a relative is about that relative
        self.conversation_about = [
            re.compile(
                r"\b(?:chat|conversation|messages|texts|call|thread|whatsapps?)\b[^.\n]{0,30}?"
                rf"\babout\s+(?:(?:my|our)\s+)?{anyone}\b"
            ),
            re.compile(
                rf"\b(?:pasting|copying|sharing)\s+(?:my|our)\s+{anyone}'s\s+"
                r"(?:messages|texts|chat|replies|answers)\b"
            ),
        ]
        # "I'm writing for her", "typing this for him", "on his behalf", "she asked me to type
        # this": the writer speaks for the person a pronoun names (the relative named before)
        self.speaking_for_pronoun = re.compile(
            r"\b(?:(?:writing|asking|posting|messaging|typing)(?:\s+this)?\s+"
            r"(?:for|on behalf of)\s+(?P<w>him|her)\b|on\s+(?P<p>his|her)\s+behalf\b"
            r"|\b(?P<s>he|she)\s+(?:asked|wanted|wants|told)\s+me\s+to\s+"
            r"(?:type|write|post|ask|message))"
        )
        self._anyone = re.compile(rf"\b{anyone}\b")
        self._someone_before = re.compile(
            rf"\b(?:{alternation(set(words.child_words) | self.relatives)})[\s,(]*$"
        )
        self.other_age = [
            # "my 7 month old daughter", "our 15-year-old", "my 16yo son", "my 80 year old mum"
            re.compile(rf"{owner}{num}[\s-]*{_AGE_UNIT}?[\s-]*(?:old|yo|y/o)\b(?:[\s-]+{anyone})?"),
            # "my 18mo", "my 6 mo"
            re.compile(rf"{owner}{num}\s?(?P<u>mo|mos|m/o)\b"),
            # "our son is 4", "my daughter is almost 4 months old", "my son (12)", "my mum, 80"
            re.compile(
                rf"{owner}{anyone}\s*(?:,|\(|is|who is|was|just turned|turned)\s*{_HEDGE}{num}"
                rf"\s*{_AGE_UNIT}?"
            ),
            # "my nans 87", "my dad's 79 and...": the relative's age after "'s" without "is"
            re.compile(
                rf"{owner}{anyone}(?:'s|s)\s+{_HEDGE}{num}(?=\s*(?:[,.!?;)]|and\b|but\b|now\b|"
                rf"this\b|years?\b|yrs?\b|yo\b|y/o\b|$))"
            ),
            # "he's 8 months old", "she is 80"
            # ...and "hes 76" ending the message
            re.compile(
                rf"\b(?:he|she)(?:'s|s| is)\s+{_HEDGE}{num}\s*{_AGE_UNIT}?\s*(?:old\b|[,.]|\W*$)"
            ),
            # "the 8 year old boy placed with us" (a foster carer's, a childminder's)
            re.compile(rf"\bthe\s+{num}[\s-]*{_AGE_UNIT}?[\s-]*old\s+(?:{self._child_words})\b"),
        ]
        sex_words = alternation(set(words.female_words) | set(words.male_words))
        # ...after an age, a word for a woman or a man, not a pronoun ("34, female", "72 woman";
        # not "dad is 86 he keeps twitching")
        sex_nouns = alternation(
            (set(words.female_words) | set(words.male_words)) - set(words.third_person)
        )
        self.adult_age = [
            re.compile(
                r"\bi(?:'m| am|m)\s+(?:a\s+|now\s+|only\s+|just\s+){0,2}(?P<n>\d{1,3})\b"
                r"(?!\s*(?:weeks?|months?|days?|%|kg|lbs?|stone|cups?|times|hours?|mins?|x\b|am\b"
                r"|pm\b|\.\d|'|cm|ft|foot|feet|th\b))"
            ),
            re.compile(r"\b(?P<n>\d{1,3})\s*(?:y/?o|yrs?[\s-]+old|years?[\s-]+old|year-old)\b"),
            re.compile(r"\b(?P<n>\d{2})\s?(?P<s>[mf])\b"),
            re.compile(r"(?<![\w'])(?P<s>[mf])\s?(?P<n>\d{2})\b"),
            re.compile(rf"\b(?P<n>\d{{2}}),?\s+(?P<s>{sex_nouns})\b"),
            re.compile(
                r"\b(?:aged?|at the age of|now at)\s+(?P<n>\d{1,3})\b"
                r"(?!\s*(?:months?|mths?|mos?|weeks?|wks?|days?)\b)"
            ),
        ]
        self.self_sex = [
            re.compile(
                r"\b(?:i'?m|i am|as)\s+(?:a\s+)?(?:\d+\s*(?:y/?o|years?[\s-]old|yr[\s-]old)?"
                rf"[\s,]*)?(?:-year-old\s+)?(?P<s>{sex_words})\b"
            ),
            re.compile(r"\b(?P<n>\d{2})\s?(?P<s>[mf])\b"),
            re.compile(r"(?<![\w'])(?P<s>[mf])\s?(?P<n>\d{2})\b"),
            re.compile(rf"\b(?P<n>\d{{2}}),?\s+(?P<s>{sex_nouns})\b"),
        ]
        self.self_sex.append(
            re.compile(
                r"(?:^|[.!?]\s*)\d{1,3}[\s-]*(?:y/?o|years?[\s-]old|yr[\s-]old)[\s,]+"
                rf"(?P<s>{sex_words})\b"
            )
        )
        # "He's 8 months old, ..." opening a message: the writer speaks for that child
        self.pronoun_age = re.compile(
            rf"^\W*(?:he|she)(?:'s| is)\s+{_HEDGE}{num}(?:\s*{_AGE_UNIT}\s*old\b|\s*(?:,|and\b))"
        )
        # "baby doesnt hold his head up", "newborn keeps choking", "6mo wont latch": a message
        # that opens with a child word (no "my") or a baby's age in weeks or months is about
        # that child
        self.opening_word = re.compile(rf"^\W*{child}\b(?!\s*(?:'s|s)\b)")
        # ...but not a time that opens an adult's message ("Two weeks ago my calf...", "A month
        # later the muscles...", "3 months of twitching", "6 weeks now and I...")
        self.opening_baby_age = re.compile(
            rf"^\W*{num}\s*(?P<u>weeks?|wks?|months?|mos?|mths?|m/o)\b"
            r"(?![\s,:-]*(?:ago|later|earlier|back|before|after|afterwards|since|of|in|into|on|"
            r"now|straight|running|or\b|and\s+(?:counting|still|now|i|my)|i\b|i'|my\b|me\b|"
            r"we\b|the\s+(?:twitch|muscle)))"
        )
        # "baby boy, 8 weeks, weak suck...", "Toddler, 2 years:": a message opening with a child
        # and an age is about that child
        self.opening_child = re.compile(
            rf"^\W*(?:(?:my|our)\s+)?{child}(?:\s+(?:boy|girl|son|daughter))?(?:'s)?[\s,:(-]+"
            rf"(?:(?:boy|girl)[\s,:(-]+)?(?:is\s+|aged?\s+)?{num}[\s-]*(?:{_AGE_UNIT}\b|(?=\s*\)))"
        )  # ..."My grandson (4) had flu": a number in brackets is years
        # "Q: How old is baby? A: 10 weeks": a form asking the child's age
        self.asked_child_age = re.compile(
            rf"\bhow\s+old\s+is\s+(?:(?:the\s+|your\s+)?{child}|(?:he|she))\W+"
            rf"(?:(?:a|me|mum|mom|dad|mother|father)\s*[:.)-]\s*)?"
            rf"{num}[\s-]*(?P<u>weeks?|wks?|months?|mos?|mths?)\b"
        )
        # "baby has gone limp ... shes 7 weeks", "son 7 wks.", "babys suck feels weak, 6 weeks
        # old": a baby's age in weeks or months said of a child word or he/she, with no adult
        # age for the writer, makes the message about that baby
        baby_units = r"(?P<u>weeks?|wks?|months?|mos?|mths?)"
        self.baby_age = [
            re.compile(
                rf"\b(?P<w>{alternation(set(words.child_words))}|babys|he|she|hes|shes|he's|"
                rf"she's)\b(?:\s+(?:is|was|just))?[\s,]+{_HEDGE}{num}\s*{baby_units}\b"
            ),
            re.compile(rf"\b(?P<w>){num}\s*{baby_units}\s+old\b"),
        ]
        # "she could sit at 7 months but now at 10 months...", "he was walking at 13 months but
        # now at 2 he's stopped", "she started nursery", "he's only a toddler": a skill's age in
        # months or a child's life said of he / she, with no relative of the writer's named,
        # makes the message about that child. "now at N" is the child's age now; otherwise the
        # oldest skill's age said ("sits at 7 months") is the nearest to it.
        months = r"(?P<u>months?|mths?|mos?|weeks?|wks?)"
        he_she = alternation(set(words.third_person))
        self.child_now = re.compile(
            rf"\bnow\s+(?:at|aged?)\s+{num}(?:\s*{months}\b|(?=\s*(?:,|\.|and\b|but\b"
            rf"|{he_she})))"
        )
        skills = alternation(set(words.child_skills)) if words.child_skills else None
        self.child_ages = (
            [
                # "could sit by herself at 7 months", "walking at 13 months"
                re.compile(
                    rf"\b(?:{skills})\b(?:\s+[\w']+){{0,3}}?\s+at\s+{_HEDGE}{num}\s*{months}\b"
                ),
                # "at 7 months she could sit"
                re.compile(
                    rf"\bat\s+{_HEDGE}{num}\s*{months}\s*,?\s+(?:he|she)\s+(?:[\w']+\s+)?"
                    rf"(?:{skills})\b"
                ),
                # "she was walking at 1 but now at 3 she's stopped": a skill's age in years, with
                # the child's age now said after it
                re.compile(
                    rf"\b(?:{skills})\b(?:\s+[\w']+){{0,3}}?\s+at\s+{num}\b"
                    r"(?=[^.!?]*\bnow\s+(?:at|aged?)\s+\d)"
                ),
            ]
            if skills
            else []
        )
        places = alternation(set(words.child_places)) if words.child_places else None
        self.child_life = re.compile(
            r"\b(?:he|she)(?:'s| is|s)\s+(?:only\s+|just\s+|still\s+)?(?:a\s+)?"
            r"(?:toddler|baby|newborn|infant)\b"
            + (
                rf"|\b(?:at|to|from|started|starts|starting|in|after)\s+(?:{places})\b"
                rf"|\b(?:{places})\s+(?:staff|teachers?|workers?|nurse|say|says|said|noticed|"
                r"mentioned|told)\b"
                if places
                else ""
            )
        )
        self._my_relative = re.compile(rf"\b(?:my|our)\s+(?:{alternation(self.relatives)})\b")
        self._plea = frozenset(w.lower() for w in words.plea_words)
        # "my dad *had ALS*", "my mum died of MND": the relative's disease, said right after
        diseases = alternation({w.lower() for w in words.family_diseases})
        self._had_disease = (
            re.compile(
                r"\s*(?:had|died\s+(?:of|from|with)|passed\s+away\s+(?:of|from|with)|"
                r"passed\s+(?:of|from|with))\s+(?:[\w']+\s+){0,2}?"
                rf"(?:{diseases})\b"
            )
            if diseases
            else None
        )
        self.pregnant = re.compile(r"\bi(?:'m| am|m)\s+(?:\d+\s+weeks\s+)?pregnant\b")
        self.first = re.compile(rf"\b(?:{alternation(set(words.first_person))})\b")
        # the writer's own twitching ("i keep twitching", "im twitching", "my own legs keep
        # twitching"): whoever twitches is the person the message is about
        self.own_twitch: re.Pattern[str] | None = None
        self.own_body_twitch: re.Pattern[str] | None = None
        self.their_twitch: re.Pattern[str] | None = None
        if twitch_words:
            me = r"(?:i|i'm|im|i've|ive|i am|i have|i get|i got|me|my own)"
            twitches = alternation(set(twitch_words))
            # ...not "I've noticed *his* tongue flickering"
            other = alternation(set(words.third_person) | {"their", "they", "them", "its", "it"})
            # ...nor "I've seen a tiny twitch *in her tongue*"
            self.own_twitch = re.compile(
                rf"\b{me}\b(?:\W+(?!(?:{other})\b)[\w']+){{0,3}}?\W+(?:{twitches})\b"
                rf"(?!\s+(?:in|on|of|under)\s+(?:{other}|the\s+baby's|baby's)\b)"
            )
            # "my son has a cold and my calf is twitching": a part of the writer's own body
            # twitches (not a relative's or a child's: "my son twitches", "my little girl's
            # leg"), and no one else's twitching is told ("his arm twitches")
            people = alternation(
                set(self.relatives) | set(words.child_words) | {w.lower() for w in words.not_kin}
            )
            mine = rf"(?!(?:{people})(?:'s|s)?\b)[\w-]+"
            self.own_body_twitch = re.compile(
                rf"\bmy\s+{mine}(?:\s+{mine}){{0,2}}?\s+(?:{twitches})\b"
            )
            self.their_twitch = re.compile(
                rf"\b(?:{other}|(?:{people})(?:'s|s))\b(?:\W+[\w']+){{0,3}}?\W+(?:{twitches})\b"
            )
        self.third = re.compile(rf"\b(?:{alternation(set(words.third_person))})\b")
        # a relative's twitching ("his arms twitch"): a relative named at the start is the
        # person only when the message speaks of twitching that is not the writer's own ("my
        # dad had MND... now my hand twitches" is the writer's; "my mum has numb feet" speaks
        # of no twitching at all)
        self.twitching: re.Pattern[str] | None = None
        self.my_twitch: re.Pattern[str] | None = None
        if twitch_words:
            twitches = alternation(set(twitch_words))
            self.twitching = re.compile(rf"\b(?:{twitches})\b")
            self.my_twitch = re.compile(
                rf"\bmy\s+(?!(?:{alternation(self.relatives)})\b)(?:[\w-]+\s+){{0,2}}?"
                rf"(?:{twitches})\b"
            )

    def read(self, text: str) -> Person:
        """The person a message is about, with any age and sex it states."""
        low = text.lower().replace("’", "'")
        low = self._tens_words.sub(
            lambda m: str(
                int(self._tens[m.group("t")] + (self._units[m.group("u")] if m.group("u") else 0))
            ),
            low,
        )
        person = self._read(low)
        return replace(person, first_person=self.first.search(low) is not None)

    def _read(self, low: str) -> Person:
        first = said_first = len(self.first.findall(low))
        if self._adult_age(low) is not None or self._adult_sex(low) is not None:
            first += 2  # "29F", "I'm 62": the writer describes themselves
        third = len(self.third.findall(low))
        if _ABOUT_ME.search(low):
            # "Dad has ... This is about me. I'm 49": the writer says whom they ask about
            return Person(False, self._adult_age(low), self._adult_sex(low))
        said = self.speaking_for.search(low) or next(
            (m for p in self.conversation_about if (m := p.search(low)) is not None), None
        )
        if said is not None:
            return self._other(low, said.group("w"))
        pronoun = self.speaking_for_pronoun.search(low)
        if pronoun is not None:
            relative = self._anyone.search(low)
            said_of = pronoun.group("w") or pronoun.group("p") or pronoun.group("s")
            return self._other(low, relative.group("w") if relative is not None else said_of)
        charge = self.charge.search(low)
        if charge is not None and third >= first - 1:
            other = self._other(low, charge.group("n"))
            given = next(
                (g for m in self.charge.finditer(low) for g in m.group(*_CHARGE_AGES) if g), None
            )
            if given is not None and 0 < int(given) <= MAX_AGE:
                other = replace(other, age=float(given))
            return other
        older = next((m for p in self.opening_relative if (m := p.search(low)) is not None), None)
        spoken_for = older is not None or self.carer.search(low) is not None
        theirs_too = self.their_twitch is not None and self.their_twitch.search(low) is not None
        # "my husband is 64, ... his tongue is quivering ... (I've got a twitchy eye myself)": a
        # message opening with the relative, who twitches too, is theirs; the writer's own
        # twitch is an aside
        aside = spoken_for and theirs_too
        if not aside and self.own_twitch is not None and self.own_twitch.search(low):
            # "my grandad can't get out of his chair, and my own legs keep twitching": the
            # writer is the one who twitches; the relative is context
            return Person(False, self._adult_age(low), self._adult_sex(low))
        if (
            self.own_body_twitch is not None
            and self.their_twitch is not None
            and self.own_body_twitch.search(low)
            and not self.their_twitch.search(low)
        ):
            return Person(False, self._adult_age(low), self._adult_sex(low))
        if self.pronoun_age.search(low) and third >= first:
            return self._other(low, None)
        if older is not None and third >= said_first - older.group(0).count("my"):
            # the age opening the message is the relative's, not the writer's
            other = self._other(low, older.group("w"))
            return replace(other, age=other.age if other.age is not None else self._age_of(older))
        carer = self.carer.search(low)
        if carer is not None and third >= first - 1:
            cared: str | None = carer.group("w") or None
            if cared is None:
                # a childminder's child is a child, not the relative named ("his mum says")
                minder = carer.group(0).startswith(("i'm a", "im a"))
                someone = re.search(rf"\b({self._child_words})\b", low) if minder else None
                someone = someone or (None if minder else self._anyone.search(low))
                cared = someone.group(1) if someone is not None else None
            return self._other(low, cared)
        opening = self.opening_child.search(low) or self.asked_child_age.search(low)
        if opening is not None:
            other = self._other(low, opening.group("w"))
            return replace(other, age=other.age if other.age is not None else self._age_of(opening))
        baby = next((m for p in self.baby_age if (m := p.search(low)) is not None), None)
        if baby is not None and self._adult_age(low) is None:
            word: str | None = baby.group("w")
            if word not in self.words.child_words:
                # "baby has gone limp ... shes 7 weeks": the child word names the same baby
                named = re.search(rf"\b({self._child_words})\b", low)
                word = named.group(1) if named is not None else None
            other = self._other(low, word)
            return replace(other, age=other.age if other.age is not None else self._age_of(baby))
        start = self.opening_word.search(low)
        if start is not None and self._adult_age(low) is None:
            # "newborn keeps choking": no age given, so the child word's own (as "my newborn")
            other = self._other(low, start.group("w"))
            if other.age is None:
                other = replace(other, age=self.words.child_words.get(start.group("w")))
            return other
        young = self.opening_baby_age.search(low)
        if young is not None and self._adult_age(low) is None:
            other = self._other(low, None)
            return replace(other, age=other.age if other.age is not None else self._age_of(young))
        refs = [r for r in self.child_ref.finditer(low) if not self._reports_writer(low, r)]
        # "my cousin's boy had Duchenne. my son is 3 and...": the writer's own child, if named
        refs = [r for r in refs if not self._someones_child.search(r.group(0))] or refs
        if refs and third + len(refs) >= first - len(refs):
            return self._other(low, refs[0].group("w"))
        child = self._child_said(low, first, third)
        if child is not None:
            return child
        first_end = max(low.find("."), 0) or len(low)
        opening_words = re.findall(r"[\w']+", low[:first_end])
        if len(opening_words) < _SHORT_OPENING or (
            len(opening_words) <= _PLEA_OPENING and self._plea.intersection(opening_words)
        ):
            # "Leh me explain. My husband is on dialysis...": a short opening says nobody
            nxt = low.find(".", first_end + 1)
            first_end = nxt if nxt > 0 else len(low)
        rel = self.relative_ref.search(low[:first_end])
        if (
            rel is not None
            and not (self._had_disease is not None and self._had_disease.match(low, rel.end()))
            and rel.start() == low.find("my")
            and third > first - 1
            and (self._others_twitching(low) or self._only_them(low, first, third))
        ):
            return self._other(low, rel.group("w"))
        return Person(False, self._adult_age(low), self._adult_sex(low))

    def _reports_writer(self, low: str, ref: re.Match[str]) -> bool:
        """The child named at ``ref`` reports the writer's own finding ("my son says my...")."""
        return self.reports_writer is not None and bool(self.reports_writer.match(low, ref.end()))

    def _child_said(self, low: str, first: int, third: int) -> Person | None:
        """The child he / she is, when the message gives a skill's age in months ("sitting at
        7 months") or a child's life ("started nursery", "he's only a toddler") and speaks of
        them at least as much as of the writer, with no relative of the writer's named and no
        age of the writer's; else ``None``. The age is "now at N" when said, else the oldest
        skill's age."""
        if third == 0 or third < first or self._adult_age(low) is not None:
            return None
        if self._my_relative.search(low):
            return None  # "my husband ... he could walk at 3 months": he is that relative
        ages = [m for p in self.child_ages for m in p.finditer(low)]
        if not ages and self.child_life.search(low) is None:
            return None
        now = self.child_now.search(low)
        known = [a for m in ages if (a := self._age_of(m)) is not None]
        age = self._age_of(now) if now is not None else max(known, default=None)
        if age is not None and age >= MIN_WRITER_AGE:
            return None  # "now at 40": no child's age
        named = re.search(rf"\b({self._child_words})\b", low)
        other = self._other(low, named.group(1) if named is not None else None)
        return replace(other, age=other.age if other.age is not None else age)

    def _others_twitching(self, low: str) -> bool:
        """The message speaks of twitching, and not of the writer's own ("my calf twitches")."""
        if self.twitching is None or self.my_twitch is None:
            return True
        return self.twitching.search(low) is not None and self.my_twitch.search(low) is None

    def _only_them(self, low: str, first: int, third: int) -> bool:
        """No twitching at all, and he / she at least twice as often as the writer's own words
        (and twice at least): "my dad has cancer in his bones, ... he couldn't get up, his legs
        are numb" is about the dad; "my mum has numb feet from her diabetes" is not."""
        no_twitching = self.twitching is not None and self.twitching.search(low) is None
        return no_twitching and third >= max(2, 2 * first)

    def _age_of(self, m: re.Match[str]) -> float | None:
        raw = m.group("n")
        value = float(raw) if raw[0].isdigit() else self.numbers.get(raw)
        if value is None:
            return None
        unit = m.groupdict().get("u") or "year"
        age = value * _YEAR_UNITS[unit[0]]
        return round(age, 4) if 0 <= age <= MAX_AGE else None

    def _other(self, low: str, word: str | None) -> Person:
        age: float | None = None
        half = _AND_A_HALF.search(low)
        if half is not None:
            # "my 2 and a half year old son"
            unit = _YEAR_UNITS[half.group("u")[0]]
            age = round((float(half.group("n")) + 0.5) * unit, 4)
        for pattern in [] if age is not None else self.other_age:
            m = pattern.search(low)
            if m is not None:
                age = self._age_of(m)
                if age is not None:
                    break
        if age is None:
            for w, default in sorted(self.words.child_words.items(), key=lambda x: -len(x[0])):
                if default is not None and re.search(rf"\b(?:my|our)\s+{re.escape(w)}\b", low):
                    age = default
                    break
        subject = set(self.words.third_person)
        after: re.Match[str] | None = None
        if word:
            subject |= {word, f"{word}'s"}
            # "my newborn son", "our baby girl": the next word names the same child
            after = re.search(rf"\b{re.escape(word)}\s+({self._child_words})\b", low)
            if after is not None:
                subject |= {after.group(1), f"{after.group(1)}'s"}
        named = word
        if word and after is not None and word not in self._sexed:
            named = after.group(1)  # "my newborn son": the sex is the son's
        return Person(True, age, self._other_sex(low, named), frozenset(subject))

    def _other_sex(self, low: str, word: str | None) -> Sex | None:
        if word in self.words.female_words:
            return "female"
        if word in self.words.male_words:
            return "male"
        he = len(re.findall(r"\b(?:he|his|him|he's|hes)\b", low))
        she = len(re.findall(r"\b(?:she|her|she's|shes)\b", low))
        if he > she:
            return "male"
        if she > he:
            return "female"
        return None

    def _adult_age(self, low: str) -> float | None:
        for pattern in self.adult_age:
            for m in pattern.finditer(low):
                if re.search(
                    r"\b(?:my|our|his|her|their|for an?)\s+$",
                    low[max(0, m.start() - 7) : m.start()],
                ):
                    continue  # "my 4 year old", "carer for a 52 year old": someone else's age
                if self._someone_before.search(low[max(0, m.start() - 24) : m.start()]):
                    continue  # "son aged 11", "my mum, 80": that person's age
                age = self._age_of(m)
                if age is not None and age >= MIN_WRITER_AGE:
                    return age
        return None

    def _adult_sex(self, low: str) -> Sex | None:
        for pattern in self.self_sex:
            m = pattern.search(low)
            if m is not None:
                word = m.group("s")
                if word in self.words.female_words:
                    return "female"
                if word in self.words.male_words:
                    return "male"
        if self.pregnant.search(low):
            return "female"
        return None
